import { describe, expect, it } from 'vitest';
import { valueAt, verifyOutcome } from '../../src/edit/verify.js';
import type { EditOutcome, ValueCheck, ValuePath } from '../../src/edit/types.js';

// verifyOutcome is the safety net behind every edit: it is tested here with outcomes an editor bug would produce.
function outcome(text: string, checks: ValueCheck[] = [], changed: ValuePath[] = checks): EditOutcome {
  return { text, checks, changed, created: [] };
}
const tag = (value: string, doc = 0): ValueCheck => ({ doc, path: ['image', 'tag'], value });
const BEFORE = 'image:\n  tag: v1\n  name: app\nother: 1\n';

describe('verifyOutcome', () => {
  it('accepts an edit that writes the value and nothing else', () => {
    expect(() => verifyOutcome('v.yaml', BEFORE, outcome('image:\n  tag: v2\n  name: app\nother: 1\n', [tag('v2')]))).not.toThrow();
  });

  it('refuses a value that does not read back as the string (a number, another string, absent)', () => {
    const cases: [string, RegExp][] = [
      ['image:\n  tag: 1.20\n  name: app\nother: 1\n', /did not produce "1.20" at image.tag \(read back 1.2\)/],
      ['image:\n  tag: v1\n  name: app\nother: 1\n', /did not produce "1.20" at image.tag \(read back "v1"\)/],
      ['image:\n  name: app\nother: 1\n', /read back undefined/],
      ['image: v1\nother: 1\n', /read back undefined/],
    ];
    for (const [text, message] of cases) {
      expect(() => verifyOutcome('v.yaml', BEFORE, outcome(text, [tag('1.20')]))).toThrow(message);
    }
    expect(() => verifyOutcome('v.yaml', BEFORE, outcome(cases[0][0], [tag('1.20')]))).toThrow(
      expect.objectContaining({ file: 'v.yaml', fix: expect.stringMatching(/^Edit this value by hand/) }),
    );
  });

  it('refuses a change outside the edited paths, and a document added or lost', () => {
    const wider = /would change more than the image values/;
    expect(() => verifyOutcome('v.yaml', BEFORE, outcome('image:\n  tag: v2\n  name: app\nother: 2\n', [tag('v2')]))).toThrow(wider);
    expect(() => verifyOutcome('v.yaml', BEFORE, outcome('image:\n  tag: v2\n  name: app2\nother: 1\n', [tag('v2')]))).toThrow(wider);
    expect(() => verifyOutcome('v.yaml', BEFORE, outcome(`image:\n  tag: v2\n  name: app\nother: 1\n---\na: 1\n`, [tag('v2')]))).toThrow(wider);
    expect(() => verifyOutcome('v.yaml', `${BEFORE}---\na: 1\n`, outcome('image:\n  tag: v2\n  name: app\nother: 1\n', [tag('v2')]))).toThrow(wider);
    // A new document holding nothing but the edited path is still a new document.
    expect(() => verifyOutcome('v.yaml', 'other: 1\n', outcome('other: 1\n---\nimage:\n  tag: v2\n', [tag('v2', 1)]))).toThrow(wider);
    // The second document's own paths are excluded only in that document.
    const two = `${BEFORE}---\n${BEFORE}`;
    expect(() => verifyOutcome('v.yaml', two, outcome(`image:\n  tag: v2\n  name: app\nother: 1\n---\nimage:\n  tag: v2\n  name: app\nother: 1\n`, [tag('v2', 1)]))).toThrow(wider);
    expect(() => verifyOutcome('v.yaml', two, outcome(`${BEFORE}---\nimage:\n  tag: v2\n  name: app\nother: 1\n`, [tag('v2', 1)]))).not.toThrow();
  });

  it('accepts paths that were created (maps and list entries that did not exist)', () => {
    const created = outcome('other: 1\nimage:\n  tag: v2\nlist:\n  - x: a\n', [tag('v2')], [tag('v2'), { doc: 0, path: ['list', 0, 'x'] }]);
    expect(() => verifyOutcome('v.yaml', 'other: 1\n', created)).not.toThrow();
    const overScalar = outcome('image:\n  tag: v2\n', [tag('v2')], [tag('v2')]);
    expect(() => verifyOutcome('v.yaml', 'image: old\n', overScalar)).not.toThrow();
    const root = outcome('v2\n', [], [{ doc: 0, path: [] }]);
    expect(() => verifyOutcome('v.yaml', 'v1\n', root)).not.toThrow();
    // A whole document rewritten (the .argocd-source override): its root is the changed path.
    const rewritten = outcome('kustomize:\n  images: [app:v2]\n', [], [{ doc: 0, path: [] }]);
    expect(() => verifyOutcome('v.yaml', 'helm:\n  parameters: []\n', rewritten)).not.toThrow();
  });

  it('a new file, and an empty or comment-only one, hold no data to keep', () => {
    const fresh = outcome('image:\n  tag: v2\nextra: 1\n', [tag('v2')]);
    expect(() => verifyOutcome('v.yaml', null, fresh)).not.toThrow();
    for (const before of ['', '\n  \n', '# only a comment\n', '---\n']) {
      expect(() => verifyOutcome('v.yaml', before, fresh)).not.toThrow();
    }
  });

  it('compares what consumers read: merge keys resolved', () => {
    const before = 'base: &b {tag: v1}\nimage:\n  <<: *b\n';
    const after = 'base: &b {tag: v1}\nimage:\n  <<: *b\n  tag: v2\n';
    expect(() => verifyOutcome('v.yaml', before, outcome(after, [tag('v2')]))).not.toThrow();
    expect(() => verifyOutcome('v.yaml', before, outcome('base: &b {tag: v2}\nimage:\n  <<: *b\n', [tag('v2')]))).toThrow(/would change more/);
  });

  it('refuses alias bombs with a fix', () => {
    const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9).fill(i === 0 ? '*a' : `*${'bcdefghi'[i - 1]}`).join(', ')}]`).join('\n')}\n`;
    expect(() => verifyOutcome('v.yaml', null, outcome(bomb))).toThrow(/^refusing to edit: /);
  });
});

describe('valueAt', () => {
  it('walks maps and lists, and is undefined through scalars and nulls', () => {
    const data = { a: [{ b: 'x' }], n: null, s: 'str' };
    expect(valueAt(data, ['a', 0, 'b'])).toBe('x');
    expect(valueAt(data, [])).toBe(data);
    expect(valueAt(data, ['n', 'x'])).toBeUndefined();
    expect(valueAt(data, ['s', 'length'])).toBeUndefined();
    expect(valueAt(data, ['missing', 'x'])).toBeUndefined();
  });
});
