import { describe, expect, it } from 'vitest';
import { isMap, parseDocument } from 'yaml';
import { formatPath, locatePath } from '../../src/edit/locate.js';
import { EditError } from '../../src/errors.js';
import type { PathSegment } from '../../src/resolve/helm-path.js';

const FILE = 'values.yaml';
function locate(text: string, path: PathSegment[]) {
  return locatePath(parseDocument(text, { keepSourceTokens: true }), path, text, FILE);
}
function refusal(text: string, path: PathSegment[]): EditError {
  try {
    locate(text, path);
  } catch (error) {
    expect(error).toBeInstanceOf(EditError);
    return error as EditError;
  }
  throw new Error('expected an EditError');
}

const VALUES = 'image:\n  tag: v1\n  empty:\nlist:\n  - name: a\n  - name: b\nbase: &b {tag: v0}\nalias: *b\nplain: text\n1: one\n';

describe('locatePath', () => {
  it('finds a scalar by keys, list indexes, a numeric key and through one alias', () => {
    const cases: [PathSegment[], unknown][] = [
      [['image', 'tag'], 'v1'],
      [['list', 1, 'name'], 'b'],
      [['list', 0, 'name'], 'a'],
      [['alias', 'tag'], 'v0'],
      [['1'], 'one'],
    ];
    for (const [path, value] of cases) {
      const found = locate(VALUES, path);
      expect(found.kind).toBe('found');
      expect(found.kind === 'found' && (found.node as { value?: unknown }).value).toBe(value);
    }
  });

  it('a missing key names the map that lacks it and the keys still to create', () => {
    const missing = locate(VALUES, ['image', 'digest', 'sha']);
    expect(missing.kind).toBe('missing');
    if (missing.kind !== 'missing') return;
    expect(missing.remaining).toEqual(['digest', 'sha']);
    expect(isMap(missing.map) && missing.map.has('tag')).toBe(true);
    expect(missing.holder).toBeUndefined();
    expect(missing.emptyRoot).toBeUndefined();
  });

  it('an empty `key:` on the way is the holder of the rest; at the end of the path it is the value found', () => {
    const holder = locate(VALUES, ['image', 'empty', 'tag']);
    expect(holder).toMatchObject({ kind: 'missing', map: null, remaining: ['tag'] });
    expect(holder.kind === 'missing' && String((holder.holder?.key as { value?: unknown }).value)).toBe('empty');
    expect(locate(VALUES, ['image', 'empty']).kind).toBe('found');
  });

  it('an explicit null (`~`) is a value, not a holder: nothing is created under it', () => {
    expect(refusal('image: ~\n', ['image', 'tag']).message).toMatch(/cannot reach key "tag" of "image.tag": image is a scalar/);
  });

  it('an empty or comment-only document is an empty root: the whole path is missing', () => {
    for (const text of ['', '# only a comment\n', '---\n']) {
      expect(locate(text, ['image', 'tag'])).toMatchObject({ kind: 'missing', map: null, emptyRoot: true, remaining: ['image', 'tag'] });
    }
  });

  it('refuses paths that cannot be reached, naming the path, what is in the way and its line', () => {
    const cases: [PathSegment[], RegExp, number][] = [
      [['list', 2, 'name'], /cannot reach list index \[2\] of "list\[2\]\.name": list is a list/, 5],
      [['image', 0], /cannot reach list index \[0\] of "image\[0\]": image is a map/, 2],
      [['list', 'name'], /cannot reach key "name" of "list\.name": list is a list/, 5],
      [['plain', 'tag'], /cannot reach key "tag" of "plain\.tag": plain is a scalar/, 9],
      [[0], /cannot reach list index \[0\] of "\[0\]": the document root is a map/, 1],
    ];
    for (const [path, message, line] of cases) {
      const error = refusal(VALUES, path);
      expect(error.message).toMatch(message);
      expect(error.line).toBe(line);
      expect(error.file).toBe(FILE);
      expect(error.fix).toMatch(/key path that exists/);
    }
  });

  it('a document that is one scalar is not an empty root: nothing is created in it', () => {
    expect(refusal('just text\n', ['image', 'tag']).message).toBe('cannot reach key "image" of "image.tag": the document root is a scalar');
  });

  it('an empty quoted string is a value, not a holder; an explicit `? key` with no value is a holder', () => {
    expect(refusal("image: ''\n", ['image', 'tag']).message).toMatch(/image is a scalar/);
    expect(locate('? image\n', ['image', 'tag'])).toMatchObject({ kind: 'missing', map: null, remaining: ['tag'] });
  });

  it('refuses to create a list entry under a missing key', () => {
    const error = refusal(VALUES, ['image', 'ports', 0, 'name']);
    expect(error.message).toBe('the list in "image.ports[0].name" does not exist, so its entry cannot be created');
    expect(error.fix).toMatch(/Create the list/);
    expect(refusal('', ['list', 0]).message).toMatch(/the list in "list\[0\]" does not exist/);
  });
});

describe('formatPath', () => {
  it('renders the Helm parameter name', () => {
    expect(formatPath(['image', 'tag'])).toBe('image.tag');
    expect(formatPath(['containers', 0, 'image'])).toBe('containers[0].image');
    expect(formatPath([0, 'a'])).toBe('[0].a');
    expect(formatPath([])).toBe('');
  });
});
