import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/edit/apply-edits.js';
import type { EditTarget } from '../../src/resolve/types.js';
import { makeEdit, memoryFiles } from './make-edit.js';

const spec: EditTarget = { kind: 'helm-values', file: 'values.yaml', create: false, specKey: 'image.spec' };
const tagged: EditTarget = { kind: 'helm-values', file: 'values.yaml', create: false, tagKey: 'image.tag', nameKey: 'image.name' };

function write(text: string, target: EditTarget, tag: string) {
  const result = applyEdits([makeEdit('gcr.io/p/app', target, { tag })], memoryFiles({ 'values.yaml': text }));
  return { after: result.changes[0]?.after, error: result.failures[0]?.error };
}

describe('setPathValue through a Helm values edit', () => {
  it('fills an empty `key:` right after its colon, quoting what would not read back as the string', () => {
    expect(write('image:\n  spec:\nnext: 1\n', spec, 'v2').after).toBe('image:\n  spec: gcr.io/p/app:v2\nnext: 1\n');
    expect(write('image:\n  name: gcr.io/p/app\n  tag:\n', tagged, '1.20').after).toBe('image:\n  name: gcr.io/p/app\n  tag: "1.20"\n');
    expect(write('image:\n  name: gcr.io/p/app\n  tag:\r\n', tagged, 'v2').after).toBe('image:\n  name: gcr.io/p/app\n  tag: v2\r\n');
  });

  it('creates missing keys under an empty parent, in an existing map, and in an empty file', () => {
    expect(write('image:\nnext: 1\n', spec, 'v2').after).toBe('image:\n  spec: gcr.io/p/app:v2\nnext: 1\n');
    expect(write('image:\n  pull: Always\n', spec, 'v2').after).toBe('image:\n  pull: Always\n  spec: gcr.io/p/app:v2\n');
    expect(write('other: 1\n', spec, 'v2').after).toBe('other: 1\nimage:\n  spec: gcr.io/p/app:v2\n');
  });

  it('refuses a key that holds a map, a list or an alias, naming the path and its line', () => {
    const cases: [string, RegExp, number][] = [
      ['a: 1\nimage:\n  spec: {x: 1}\n', /"image.spec" is a map, not a value/, 3],
      ['image:\n  spec:\n    x: 1\n', /"image.spec" is a map, not a value/, 3],
      ['image:\n  spec: [a]\n', /"image.spec" is not a scalar \(list or alias\), not a value/, 2],
      ['x: &x v1\nimage:\n  spec: *x\n', /"image.spec" is not a scalar \(list or alias\), not a value/, 3],
      ['image:\n  ? spec\n', /"image.spec" is empty, not a value/, 2],
    ];
    for (const [text, message, line] of cases) {
      const { after, error } = write(text, spec, 'v2');
      expect(after).toBeUndefined();
      expect(error?.message).toMatch(message);
      expect(error?.line).toBe(line);
      expect(error?.fix).toMatch(/key that holds the value/);
    }
  });
});
