/** claimsOf / findConflicts unit tests: list-entry claims and override-file claims (issue 13, mutation coverage). */
import { describe, expect, it } from 'vitest';
import { claimsOf, findConflicts } from '../../src/edit/conflicts.js';
import type { EditTarget } from '../../src/resolve/types.js';
import { makeEdit } from './make-edit.js';

const values: EditTarget = { kind: 'helm-values', file: 'v.yaml', create: false, specKey: 'images.0' };
const kust: EditTarget = { kind: 'argocd-source', file: 's.yaml', appType: 'kustomize' };
const helm: EditTarget = { kind: 'argocd-source', file: 's.yaml', appType: 'helm', nameKey: 'image.name', tagKey: 'image.tag' } as EditTarget;

const blue = makeEdit('gcr.io/p/app', values, { tag: 'v2' }, { application: 'blue' });
const green = makeEdit('gcr.io/p/app', values, { tag: 'v3' }, { application: 'green' });

describe('findConflicts: list entries', () => {
  const claims = claimsOf(blue, 'v.yaml', [{ doc: 0, path: ['images', 0], value: 'a:v2' }]);

  it('a claimed list entry moved to another index is kept: no conflict', () => {
    expect(findConflicts(green, 'v.yaml', 'images:\n  - b:v3\n  - a:v2\n', claims)).toEqual([]);
  });

  it('a claimed list entry gone from the list is a conflict naming file:line of the claimed index', () => {
    const found = findConflicts(green, 'v.yaml', 'images:\n  - b:v3\n', claims);
    expect(found).toHaveLength(1);
    expect(found[0].first).toBe(blue);
    expect(found[0].second).toBe(green);
    expect(found[0].error.message).toBe('Applications blue and green both write v.yaml:2 (blue wants v2, green wants v3); neither is written');
    expect(found[0].error).toMatchObject({ application: 'blue', file: 'v.yaml', line: 2 });
  });

  it('a claimed map key (not a list index) that changed is a conflict even if a sibling holds the value', () => {
    const mapClaims = claimsOf(blue, 'v.yaml', [{ doc: 0, path: ['image', 'tag'], value: 'v2' }]);
    expect(findConflicts(green, 'v.yaml', 'image:\n  tag: v3\n  other: v2\n', mapClaims)).toHaveLength(1);
  });

  it('an index claim whose parent is no longer a list is a conflict', () => {
    expect(findConflicts(green, 'v.yaml', 'images: a:v2\n', claims)).toHaveLength(1);
  });

  it('a vanished path gives no line: the error names the file only', () => {
    const found = findConflicts(green, 'v.yaml', 'other: 1\n', claims);
    expect(found[0].error.message).toBe('Applications blue and green both write v.yaml (blue wants v2, green wants v3); neither is written');
    expect(found[0].error.line).toBeUndefined();
  });

  it('claims of the same Application, or of another file, are never conflicts', () => {
    expect(findConflicts(blue, 'v.yaml', 'images: []\n', claims)).toEqual([]);
    expect(findConflicts(green, 'w.yaml', 'images: []\n', claims)).toEqual([]);
  });

  it('two broken claims of one Application give one conflict', () => {
    const two = claimsOf(blue, 'v.yaml', [
      { doc: 0, path: ['images', 0], value: 'a:v2' },
      { doc: 0, path: ['images', 1], value: 'c:v2' },
    ]);
    expect(findConflicts(green, 'v.yaml', 'images: []\n', two)).toHaveLength(1);
  });

  it('a digest is part of what each Application wants', () => {
    const pinned = makeEdit('gcr.io/p/app', values, { tag: 'v2', digest: 'sha256:aa' }, { application: 'blue' });
    const found = findConflicts(green, 'v.yaml', 'images: []\n', claimsOf(pinned, 'v.yaml', [{ doc: 0, path: ['images', 0], value: 'x' }]));
    expect(found[0].error.message).toContain('(blue wants v2@sha256:aa, green wants v3)');
  });
});

describe('findConflicts: override files', () => {
  it('kustomize: the claimed image still listed (among others) holds; gone is a conflict with its line', () => {
    const east = makeEdit('gcr.io/p/app', kust, { tag: 'v2' }, { application: 'east' });
    const west = makeEdit('gcr.io/p/app', kust, { tag: 'v3' }, { application: 'west' });
    const claims = claimsOf(east, 's.yaml', []);
    expect(claims).toHaveLength(1);
    const kept = 'kustomize:\n  images:\n    - other:v1\n    - gcr.io/p/app:v2\n';
    expect(findConflicts(west, 's.yaml', kept, claims)).toEqual([]);
    const found = findConflicts(west, 's.yaml', 'kustomize:\n  images:\n    - gcr.io/p/app:v3\n', claims);
    expect(found).toHaveLength(1);
    expect(found[0].error.line).toBe(3);
  });

  it('kustomize claim against a helm or empty override file is a conflict', () => {
    const east = makeEdit('gcr.io/p/app', kust, { tag: 'v2' }, { application: 'east' });
    const west = makeEdit('gcr.io/p/app', kust, { tag: 'v3' }, { application: 'west' });
    const claims = claimsOf(east, 's.yaml', []);
    expect(findConflicts(west, 's.yaml', 'helm:\n  parameters:\n    - name: x\n      value: gcr.io/p/app:v2\n', claims)).toHaveLength(1);
    expect(findConflicts(west, 's.yaml', '', claims)).toHaveLength(1);
  });

  it('helm: each claimed parameter must keep its name and value', () => {
    const east = makeEdit('gcr.io/p/app', helm, { tag: 'v2' }, { application: 'east' });
    const west = makeEdit('gcr.io/p/app', helm, { tag: 'v3' }, { application: 'west' });
    const claims = claimsOf(east, 's.yaml', []);
    const param = (tag: string) =>
      `helm:\n  parameters:\n    - name: image.name\n      value: gcr.io/p/app\n      forcestring: true\n    - name: image.tag\n      value: ${tag}\n      forcestring: true\n`;
    expect(findConflicts(west, 's.yaml', param('v2'), claims)).toEqual([]);
    expect(findConflicts(west, 's.yaml', param('v3'), claims)).toHaveLength(1);
    expect(findConflicts(west, 's.yaml', param('v2').replace('name: image.tag', 'name: image.other'), claims)).toHaveLength(1);
    expect(findConflicts(west, 's.yaml', 'kustomize:\n  images:\n    - gcr.io/p/app:v2\n', claims)).toHaveLength(1);
  });
});

describe('findConflicts: more', () => {
  it('a moved entry of a nested list is kept', () => {
    const nested = claimsOf(blue, 'v.yaml', [{ doc: 0, path: ['spec', 'images', 0], value: 'a:v2' }]);
    expect(findConflicts(green, 'v.yaml', 'spec:\n  images:\n    - b:v3\n    - a:v2\n', nested)).toEqual([]);
  });

  it('broken claims of two other Applications give two conflicts', () => {
    const red = makeEdit('gcr.io/p/app', values, { tag: 'v4' }, { application: 'red' });
    const claims = [...claimsOf(blue, 'v.yaml', [{ doc: 0, path: ['images', 0], value: 'a:v2' }]), ...claimsOf(red, 'v.yaml', [{ doc: 0, path: ['images', 1], value: 'a:v4' }])];
    expect(findConflicts(green, 'v.yaml', 'images: []\n', claims).map((c) => c.first.application)).toEqual(['blue', 'red']);
  });

  it('without claims of others the text is not even parsed', () => {
    expect(findConflicts(green, 'v.yaml', 'a: [\n', [])).toEqual([]);
  });

  it('the error tells what to do', () => {
    const found = findConflicts(green, 'v.yaml', 'images: []\n', claimsOf(blue, 'v.yaml', [{ doc: 0, path: ['images', 0], value: 'a:v2' }]));
    expect(found[0].error.fix).toBe('Give each Application its own target (write-back-target, or its own source path), or make them choose the same tag.');
  });

  it('helm override conflict names the line of the claimed parameter', () => {
    const east = makeEdit('gcr.io/p/app', helm, { tag: 'v2' }, { application: 'east' });
    const west = makeEdit('gcr.io/p/app', helm, { tag: 'v3' }, { application: 'west' });
    const after = 'helm:\n  parameters:\n    - name: image.name\n      value: gcr.io/p/app\n      forcestring: true\n    - name: image.tag\n      value: v3\n      forcestring: true\n';
    expect(findConflicts(west, 's.yaml', after, claimsOf(east, 's.yaml', []))[0].error.line).toBe(3);
  });
});

describe('findConflicts: edge cases', () => {
  const kustClaim = (ref: string) => claimsOf(makeEdit(ref, kust, { tag: 'v2' }, { application: 'east' }), 's.yaml', []);
  const west = makeEdit('gcr.io/p/app', kust, { tag: 'v3' }, { application: 'west' });

  it('a claimed map key whose parent became a list holding the value is a conflict (only an index claim may move)', () => {
    const mapClaims = claimsOf(blue, 'v.yaml', [{ doc: 0, path: ['image', 'tag'], value: 'v2' }]);
    expect(findConflicts(green, 'v.yaml', 'image: [v2]\n', mapClaims)).toHaveLength(1);
  });

  it('an override file the updater cannot read breaks every claim on it', () => {
    expect(findConflicts(west, 's.yaml', 'kustomize: x\n', kustClaim('gcr.io/p/app'))).toHaveLength(1);
  });

  it('the line of a claimed image whose registry has a port is found by its name without the tag', () => {
    const found = findConflicts(west, 's.yaml', 'kustomize:\n  images:\n  - localhost:5000/app:v9\n', kustClaim('localhost:5000/app'));
    expect(found[0].error.line).toBe(3);
  });

  it('the line of an image named like the override key is its list entry, not the key (bug fix)', () => {
    const text = 'kustomize:\n  images:\n  - kustomize:v9\n';
    const found = findConflicts(west, 's.yaml', text, kustClaim('kustomize'));
    expect(found[0].error.line).toBe(3);
  });

  it('the line of a claimed image is found in a flow list and after a quote', () => {
    expect(findConflicts(west, 's.yaml', 'kustomize:\n  images: [x:v1,gcr.io/p/app:v9]\n', kustClaim('gcr.io/p/app'))[0].error.line).toBe(2);
    expect(findConflicts(west, 's.yaml', 'kustomize:\n  images:\n  - "gcr.io/p/app:v9"\n', kustClaim('gcr.io/p/app'))[0].error.line).toBe(3);
  });

  it('a claimed image that is nowhere in the file gives no line', () => {
    const found = findConflicts(west, 's.yaml', 'kustomize:\n  images: []\n', kustClaim('gcr.io/p/app'));
    expect(found[0].error.line).toBeUndefined();
    expect(found[0].error.message).toBe('Applications east and west both write s.yaml (east wants v2, west wants v3); neither is written');
  });
});
