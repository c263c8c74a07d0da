import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { applyEdits } from '../../src/edit/index.js';
import type { EditTarget } from '../../src/resolve/types.js';
import { ociTag, PROPERTY_RUNS } from '../support/properties.js';
import { makeEdit, memoryFiles } from './make-edit.js';

const target: EditTarget = { kind: 'helm-values', file: 'values.yaml', create: false };
type Style = 'plain' | 'single' | 'double';

interface Source {
  /** the file's bytes before the tag scalar, the scalar's text, and the bytes after it */
  head: string;
  scalar: string;
  tail: string;
}

// The old tag as written in `style`; plain is only used for tags that read back as the same string.
function written(tag: string, style: Style): string {
  if (style === 'single') return `'${tag}'`;
  if (style === 'double') return JSON.stringify(tag);
  return tag;
}

const source = fc
  .record({
    oldTag: fc.stringMatching(/^v[0-9]{1,3}(\.[0-9]{1,3}){0,2}$/),
    style: fc.constantFrom<Style>('plain', 'single', 'double'),
    eol: fc.constantFrom('\n', '\r\n'),
    bom: fc.boolean(),
    indent: fc.constantFrom('  ', '    '),
    comment: fc.constantFrom('', ' # pinned by CI', '  #no space', '\t# tab'),
    headComment: fc.boolean(),
    nameQuoted: fc.boolean(),
    keyAfter: fc.boolean(),
    finalEol: fc.boolean(),
  })
  .map((s): Source => {
    const lines = [
      ...(s.headComment ? ['# values: keep this comment'] : []),
      'replicas: 2',
      'image:',
      // The updater writes the name key too: it holds the same name already, so only the tag changes.
      `${s.indent}name: ${s.nameQuoted ? '"gcr.io/p/app"   # the repository' : 'gcr.io/p/app'}`,
    ];
    const head = `${s.bom ? '\uFEFF' : ''}${lines.join(s.eol)}${s.eol}${s.indent}tag: `;
    const after = [`${s.comment}`, ...(s.keyAfter ? [`${s.indent}pullPolicy: 'IfNotPresent'`] : []), 'resources: {}'];
    return { head, scalar: written(s.oldTag, s.style), tail: `${after.join(s.eol)}${s.finalEol ? s.eol : ''}` };
  });

describe('property: an edit writes exactly the tag and nothing else', () => {
  it('any OCI tag into any scalar style re-parses to the tag (YAML 1.1 and 1.2) and keeps every other byte', () => {
    fc.assert(
      fc.property(source, ociTag(), ({ head, scalar, tail }, tag) => {
        const before = head + scalar + tail;
        const result = applyEdits([makeEdit('gcr.io/p/app', target, { tag })], memoryFiles({ 'values.yaml': before }));
        expect(result.failures).toEqual([]);
        const oldTag = parse(before.replace(/^\uFEFF/, '')).image.tag as string;
        if (tag === oldTag) {
          expect(result.changes).toEqual([]);
          return;
        }
        expect(result.changes).toHaveLength(1);
        const after = result.changes[0].after;
        expect(after.startsWith(head)).toBe(true);
        expect(after.endsWith(tail)).toBe(true);
        const middle = after.slice(head.length, after.length - tail.length);
        expect(middle).not.toMatch(/[\r\n]/);
        for (const version of ['1.1', '1.2'] as const) {
          const data = parse(after.replace(/^\uFEFF/, ''), { version });
          expect(data.image.tag).toBe(tag);
        }
        // The scalar keeps its quote style: a quoted tag stays quoted the same way.
        if (scalar.startsWith("'")) expect(middle).toBe(`'${tag}'`);
        if (scalar.startsWith('"')) expect(middle).toBe(JSON.stringify(tag));
      }),
      PROPERTY_RUNS,
    );
  });
});
