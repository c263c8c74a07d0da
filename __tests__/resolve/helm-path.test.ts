/**
 * helm-path: Helm parameter keys as argocd-image-updater splits them (update.go resolveHelmScalarNode):
 * the nested path, then the literal key, never the same path twice.
 */
import { describe, it, expect } from 'vitest';
import { helmKeyPaths, HelmPathError, parseHelmPath } from '../../src/resolve/helm-path.js';

describe('parseHelmPath', () => {
  it('multi-digit indexes and a leading index', () => {
    expect(parseHelmPath('apps[12].image')).toStrictEqual(['apps', 12, 'image']);
    expect(parseHelmPath('[0].a')).toStrictEqual([0, 'a']);
  });
  it('a bad index is a HelmPathError naming the key', () => {
    expect(() => parseHelmPath('a[x]')).toThrow(expect.objectContaining({ name: 'HelmPathError', key: 'a[x]' }));
    expect(() => parseHelmPath('a[x]')).toThrow(HelmPathError);
  });
});

describe('helmKeyPaths', () => {
  const cases: { key: string; expected: (string | number)[][] }[] = [
    { key: 'image', expected: [['image']] },
    { key: 'image.tag', expected: [['image', 'tag'], ['image.tag']] },
    { key: '[1]', expected: [[1], ['[1]']] },
    { key: 'a[x]', expected: [['a[x]']] },
  ];
  for (const c of cases) it(c.key, () => expect(helmKeyPaths(c.key)).toStrictEqual(c.expected));
});
