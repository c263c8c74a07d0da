/**
 * yaml-docs.ts: the name of a document that does not parse, the errors of broken documents, lines of fields and
 * keys, the alias cap, and which broken texts look like a kind we read.
 */
import { describe, expect, it } from 'vitest';
import { docToData, guessName, looksLikeOurKind, splitDocuments } from '../../src/discover/yaml-docs.js';
import { ConfigError } from '../../src/errors.js';

describe('guessName reads metadata.name line by line', () => {
  const cases: [string, string[], string | undefined][] = [
    ['a plain block name', ['kind: Application', 'metadata:', '  name: web', 'spec: {}'], 'web'],
    ['a quoted name', ['metadata:', '  name: "web"'], 'web'],
    ['after a comment on the metadata line', ['metadata:  # the app', '  name: web'], 'web'],
    ['after blank, blank-looking and comment lines', ['metadata:', '', '    ', '    # a comment indented deeper', '  name: web'], 'web'],
    ['with two spaces after name:', ['metadata:', '  name:  web'], 'web'],
    ['the top-level metadata, not a nested one', ['spec:', '  metadata:', '    name: inner', 'metadata:', '  name: outer'], 'outer'],
    ['not a name mentioned inside another value', ['metadata:', '  description: old name: legacy', '  name: web'], 'web'],
    ['nothing when metadata is not a block mapping', ['metadata: foo', '  name: web'], undefined],
    ['nothing without metadata', ['  name: web'], undefined],
    ['nothing when the block ends before a name', ['metadata:', '  labels: {}', 'spec:', '  name: other'], undefined],
    ['nothing for a name followed by more text', ['metadata:', '  name: web extra'], undefined],
    ['nothing for a name deeper than the first level', ['metadata:', '  labels:', '    name: web'], undefined],
  ];
  it.each(cases)('%s', (_what, lines, expected) => {
    expect(guessName(lines.join('\n'))).toBe(expected);
  });
});

describe('splitDocuments', () => {
  it('a broken document is reported with its line, its own text, the guessed name and the fix; the others are read', () => {
    const { docs, broken } = splitDocuments('apps/a.yaml', 'a: 1\n---\nmetadata:\n  name: web\nkey: [\n---\nz: 1\n');
    expect(docs.map((d) => [d.line, d.doc.toJS()])).toEqual([
      [1, { a: 1 }],
      [6, { z: 1 }],
    ]);
    expect(broken.map((b) => [b.file, b.line, b.text, b.name])).toEqual([['apps/a.yaml', 6, '---\nmetadata:\n  name: web\nkey: [\n', 'web']]);
    const { error } = broken[0];
    expect(error).toBeInstanceOf(ConfigError);
    expect([error.message, error.application, error.file, error.line, error.fix]).toEqual([
      'YAML does not parse: Flow sequence in block collection must be sufficiently indented and end with a ] at line 6, column 1:',
      'web', 'apps/a.yaml', 6, 'Fix the YAML syntax of this document.',
    ]);
  });

  it('a broken document without a readable name has no name', () => {
    const { broken } = splitDocuments('a.yaml', 'key: [\n');
    expect(broken.map((b) => ['name' in b, b.error.application])).toEqual([[false, undefined]]);
  });

  it('duplicate keys are an error (Argo CD refuses them)', () => {
    expect(splitDocuments('a.yaml', 'a: 1\na: 2\n').broken.map((b) => [b.line, b.error.message])).toEqual([[2, 'YAML does not parse: Map keys must be unique at line 2, column 1:']]);
  });

  it('nesting too deep to read is its own error, not a crash', () => {
    const deep = `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const { docs, broken } = splitDocuments('a.yaml', deep);
    expect(docs).toEqual([]);
    expect(broken.map((b) => [b.line, b.error.message, b.error.fix])).toEqual([[1, 'YAML nests too deeply to read (thousands of levels)', 'Flatten this document; Argo CD manifests never nest that deep.']]);
  });

  it('reads apiVersion, kind and metadata.name only when they are strings', () => {
    const [good, bad] = splitDocuments('a.yaml', 'apiVersion: v1\nkind: K\nmetadata: {name: n}\n---\napiVersion: 1\nkind: [K]\nmetadata: {name: 5}\n').docs;
    expect([good.apiVersion, good.kind, good.name]).toEqual(['v1', 'K', 'n']);
    expect([bad.apiVersion, bad.kind, bad.name]).toEqual([undefined, undefined, undefined]);
  });
});

describe('YamlDoc lines', () => {
  const [, second] = splitDocuments('a.yaml', 'x: 1\n---\nkind: Application\nspec:\n  source:\n    repoURL: r\n').docs;

  it('lineOf gives the line of a field, of its nearest present parent, or of the document start', () => {
    expect([second.lineOf(['kind']), second.lineOf(['spec', 'source', 'repoURL']), second.lineOf(['spec', 'source', 'path']), second.lineOf(['missing'])]).toEqual([3, 6, 6, 2]);
  });

  it('keyLines gives the line of every scalar key of a mapping', () => {
    expect([second.keyLines([]), second.keyLines(['spec', 'source']), second.keyLines(['kind'])]).toEqual([{ kind: 3, spec: 4 }, { repoURL: 6 }, {}]);
  });

  it('keyLines leaves out complex keys', () => {
    const [doc] = splitDocuments('a.yaml', '? [a, b]\n: 1\nc: 2\n').docs;
    expect(doc.keyLines([])).toEqual({ c: 3 });
  });
});

describe('docToData', () => {
  it('refuses an alias bomb at the document, with the cap in the fix', () => {
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
      'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
      'd: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    ].join('\n');
    const [, doc] = splitDocuments('apps/bomb.yaml', `x: 1\n---\n${bomb}\n`).docs;
    let error: unknown;
    try {
      docToData(doc);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, file, line, fix } = error as ConfigError;
    expect([message, file, line, fix]).toEqual([
      'YAML document refused: Excessive alias count indicates a resource exhaustion attack',
      'apps/bomb.yaml', 2, 'Use fewer YAML aliases (at most 100 expansions per document).',
    ]);
  });

  it('expands a few aliases', () => {
    const [doc] = splitDocuments('a.yaml', 'a: &a [x]\nb: *a\n').docs;
    expect(docToData(doc)).toEqual({ a: ['x'], b: ['x'] });
  });
});

describe('looksLikeOurKind', () => {
  const cases: [string, string, boolean][] = [
    ['a plain kind', 'kind: Application', true],
    ['an indented kind', 'metadata: {}\n  kind: ApplicationSet', true],
    ['a double-quoted kind', 'kind: "Application"', true],
    ['a single-quoted kind', "kind: 'ImageUpdater'", true],
    ['two spaces after kind:', 'kind:  Application', true],
    ['a kind with a trailing comment', 'kind: Application  # the app', true],
    ['another kind', 'kind: Deployment', false],
    ['a longer kind name', 'kind: Applications', false],
    ['a key ending in kind', 'mykind: Application', false],
    ['a Helm template', 'kind: Application\nname: {{ .Values.name }}', false],
  ];
  it.each(cases)('%s', (_what, text, expected) => {
    expect(looksLikeOurKind(text)).toBe(expected);
  });
});
