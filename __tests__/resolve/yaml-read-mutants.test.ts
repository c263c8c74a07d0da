/**
 * yaml-read edge cases (issue 13): size cap, syntax errors with their line, empty documents, the
 * memoising reader, path walking through scalars and sequences, scalar text, workload containers,
 * kustomize entries and the Application node lines.
 */
import { describe, it, expect } from 'vitest';
import { parseDocument, Scalar } from 'yaml';
import { EditError } from '../../src/errors.js';
import {
  containerImages,
  findAppNodeLine,
  kustomizeEntries,
  MAX_YAML_BYTES,
  namesOf,
  nodeAt,
  parseYamlFile,
  readerFor,
  scalarText,
  seqItems,
} from '../../src/resolve/yaml-read.js';
import { image, memoryRepo } from './helpers.js';
import { thrown } from './thrown.js';

describe('parseYamlFile', () => {
  it('refuses a file over the size cap, and reads one of exactly the cap', () => {
    const error = thrown(() => parseYamlFile('big.yaml', `#${' '.repeat(MAX_YAML_BYTES)}`));
    expect({ message: error.message, file: error.file, fix: error.fix }).toStrictEqual({
      message: `file is larger than ${MAX_YAML_BYTES} bytes; refusing to read it`,
      file: 'big.yaml',
      fix: 'Split the file or keep generated data out of the manifests repository.',
    });
    expect(parseYamlFile('cap.yaml', `#${' '.repeat(MAX_YAML_BYTES - 1)}`).docs).toStrictEqual([]);
  });
  it('a syntax error names the file, its line and the fix', () => {
    const error = thrown(() => parseYamlFile('bad.yaml', 'a: 1\nb: [\n'));
    expect({ message: error.message, file: error.file, line: error.line, fix: error.fix }).toStrictEqual({
      message: expect.stringMatching(/^YAML does not parse: \S/),
      file: 'bad.yaml',
      line: 3,
      fix: 'Fix the YAML syntax of this file.',
    });
  });
  it('duplicate keys are read (the first one wins), as the updater reads them', () => {
    const parsed = parseYamlFile('dup.yaml', 'a: 1\na: 2\n');
    expect(scalarText(nodeAt(parsed.docs[0], parsed.docs[0].contents, ['a']))).toBe('1');
  });
  it('a comment before the first --- is no document; an unknown node is on line 1', () => {
    const parsed = parseYamlFile('f.yaml', '# only\n---\na: 1\n');
    expect(parsed.docs.map((doc) => doc.toJSON())).toStrictEqual([{ a: 1 }]);
    expect(parsed.lineOf(undefined)).toBe(1);
  });
});

describe('readerFor', () => {
  const files = memoryRepo({ 'a.yaml': 'a: 1\n', 'bad.yaml': 'a: [\n' });
  it('one reader per snapshot, each file parsed once', () => {
    const reader = readerFor(files);
    expect(readerFor(files)).toBe(reader);
    expect(reader.parse('a.yaml')).toBe(reader.parse('a.yaml'));
    expect(reader.text('a.yaml')).toBe('a: 1\n');
  });
  it('a file that does not parse throws every time it is asked for', () => {
    const reader = readerFor(files);
    expect(() => reader.parse('bad.yaml')).toThrow(EditError);
    expect(() => reader.parse('bad.yaml')).toThrow(/YAML does not parse/);
  });
});

describe('nodeAt, seqItems and scalarText', () => {
  const doc = parseDocument('a: 1\nl: [x]\nm: {k: v}\nn: ~\nv: 1.20\nitems:\n  -\n  - y\n');
  it('a name under a scalar or a sequence is no node', () => {
    expect(nodeAt(doc, doc.contents, ['a', 'b'])).toBeUndefined();
    expect(nodeAt(doc, doc.contents, ['l', 'x'])).toBeUndefined();
  });
  it('seqItems of a map or of nothing is empty; null items stay', () => {
    expect(seqItems(doc, nodeAt(doc, doc.contents, ['m']))).toStrictEqual([]);
    expect(seqItems(doc, undefined)).toStrictEqual([]);
    expect(seqItems(doc, nodeAt(doc, doc.contents, ['items'])).map((item) => scalarText(item))).toStrictEqual([undefined, 'y']);
  });
  it('scalar text: null is none, 1.20 is kept as written, a built number is its text', () => {
    expect(scalarText(nodeAt(doc, doc.contents, ['n']))).toBeUndefined();
    expect(scalarText(nodeAt(doc, doc.contents, ['v']))).toBe('1.20');
    expect(scalarText(new Scalar(5))).toBe('5');
    expect(scalarText(new Scalar(undefined))).toBeUndefined();
  });
});

describe('containerImages', () => {
  const parse = (text: string): ReturnType<typeof containerImages> => containerImages(parseYamlFile('w.yaml', text));
  it('a file without workloads has none', () => {
    expect(parse('kind: ConfigMap\ndata: {}\n')).toStrictEqual([]);
  });
  it('an argoproj.io Rollout is a workload, a Rollout of another group is not; a container without image is skipped', () => {
    const rollout = (api: string): string => `apiVersion: ${api}\nkind: Rollout\nspec:\n  template:\n    spec:\n      containers:\n      - name: a\n      - image: nginx:1\n`;
    expect(parse(rollout('argoproj.io/v1alpha1'))).toStrictEqual([{ file: 'w.yaml', doc: 0, image: 'nginx:1', line: 8 }]);
    expect(parse(rollout('example.com/v1'))).toStrictEqual([]);
  });
});

describe('namesOf and kustomizeEntries', () => {
  it('kustomize.image-name counts only for an aliased image', () => {
    expect(namesOf(image('gcr.io/p/app', { hasAlias: false, kustomizeImageName: 'app' })).length).toBe(1);
    expect(namesOf(image('gcr.io/p/app')).length).toBe(1);
    expect(namesOf(image('gcr.io/p/app', { kustomizeImageName: 'app' })).map((ref) => ref.repository)).toStrictEqual(['p/app', 'library/app']);
  });
  it("a digest-only entry's tag line is the digest's", () => {
    const parsed = parseYamlFile('k.yaml', `images:\n- name: app\n  digest: sha256:${'1'.repeat(64)}\n`);
    expect(kustomizeEntries(parsed, parsed.docs[0]).map((entry) => entry.tagLine)).toStrictEqual([3]);
  });
});

describe('findAppNodeLine', () => {
  const app = { name: 'demo', file: 'a.yaml', line: 1 };
  it('looks only in the Application of that name', () => {
    const text = [
      'kind: ConfigMap', 'metadata:', '  name: demo', 'spec:', '  source:', '    path: x', '---',
      'kind: Application', 'metadata:', '  name: other', 'spec:', '  source:', '    path: y', '---',
      'kind: Application', 'metadata:', '  name: demo', 'spec:', '  source:', '    path: z', '',
    ].join('\n');
    expect(findAppNodeLine(app, readerFor(memoryRepo({ 'a.yaml': text })), ['path'])).toBe(20);
  });
  it("reads a sourceHydrator's drySource", () => {
    const text = 'kind: Application\nmetadata:\n  name: demo\nspec:\n  sourceHydrator:\n    drySource:\n      path: z\n';
    expect(findAppNodeLine(app, readerFor(memoryRepo({ 'a.yaml': text })), ['path'])).toBe(7);
  });
});
