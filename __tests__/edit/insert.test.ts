import { describe, expect, it } from 'vitest';
import { parseDocument, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { appendToSeq, insertIntoMap, removePair, type Tree } from '../../src/edit/insert.js';
import { applySplices } from '../../src/edit/splice.js';
import { EditError } from '../../src/errors.js';

// The byte-exact edge cases of insert.ts that the properties (insert-properties.test.ts) rarely draw.
const doc = (text: string) => parseDocument(text, { keepSourceTokens: true });
function mapAt(text: string, path: string[]): YAMLMap {
  return (path.length === 0 ? doc(text).contents : doc(text).getIn(path, true)) as YAMLMap;
}
function removed(text: string, path: string[], key: string): string {
  const map = mapAt(text, path);
  const pair = map.items.find((p) => String((p.key as { value: unknown }).value) === key) as Pair;
  return applySplices(text, [removePair(text, map, pair, 'kustomization.yaml')]);
}
const inserted = (text: string, path: string[], key: string, tree: Tree) => applySplices(text, [insertIntoMap(text, mapAt(text, path), key, tree)]);

describe('removePair at the end of a file without a final newline', () => {
  it('drops the line ending before the last line, LF or CRLF, so the file still ends without one', () => {
    expect(removed('image:\n  name: app\n  digest: sha256:1', ['image'], 'digest')).toBe('image:\n  name: app');
    expect(removed('image:\r\n  name: app\r\n  digest: sha256:1', ['image'], 'digest')).toBe('image:\r\n  name: app');
  });

  it('removing the only line of a file leaves it empty', () => {
    expect(removed('digest: sha256:1', [], 'digest')).toBe('');
  });
});

describe('removePair refuses what it cannot remove as whole lines', () => {
  it('a key on the line of its list dash, naming the key, file and line', () => {
    const text = 'images:\n- digest: sha256:1\n  name: app\n';
    const map = (doc(text).getIn(['images', 0], true)) as YAMLMap;
    const pair = map.items[0] as Pair;
    let error: unknown;
    try {
      removePair(text, map, pair, 'kustomization.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(EditError);
    expect(error).toMatchObject({
      message: 'cannot remove "digest": it shares its line with a list dash',
      file: 'kustomization.yaml',
      line: 2,
      fix: expect.stringMatching(/Move the key below the first key/),
    });
  });
});

describe('appendToSeq keeps the gap after the dash', () => {
  it('a list written `-   item` gets `-   new`', () => {
    const text = 'list:\n-   a\n';
    const seq = doc(text).get('list', true) as YAMLSeq;
    expect(applySplices(text, [appendToSeq(text, seq, 'b')])).toBe('list:\n-   a\n-   b\n');
  });
});

describe('insertIntoMap places the entry after the whole last entry', () => {
  it('a one-entry flow map gets `, key: value` after its entry', () => {
    expect(inserted('image: {name: app}\n', ['image'], 'tag', 'v2')).toBe('image: {name: app, tag: v2}\n');
  });

  it('a raw value is written as it is (forcestring stays a boolean), block or flow', () => {
    expect(inserted('p: {name: a}\n', ['p'], 'forcestring', { raw: 'true' })).toBe('p: {name: a, forcestring: true}\n');
    expect(inserted('p:\n  name: a\n', ['p'], 'forcestring', { raw: 'true' })).toBe('p:\n  name: a\n  forcestring: true\n');
  });

  it('a new root key goes below a last entry that spans lines (a nested map, a `? key`)', () => {
    expect(inserted('a: 1\nimage:\n  tag: v1\n', [], 'b', 'x')).toBe('a: 1\nimage:\n  tag: v1\nb: x\n');
    expect(inserted('a: 1\n? image\n', [], 'b', 'x')).toBe('a: 1\n? image\nb: x\n');
  });
});
