import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/edit/apply-edits.js';
import { editKustomization } from '../../src/edit/kustomization.js';
import type { EditTarget, NewImage } from '../../src/resolve/types.js';
import { makeEdit, memoryFiles } from './make-edit.js';

const D = `sha256:${'b'.repeat(64)}`;
function edit(text: string, image: NewImage, extra: Partial<Extract<EditTarget, { kind: 'kustomization' }>> = {}) {
  const target: EditTarget = { kind: 'kustomization', file: 'k.yaml', entryName: 'gcr.io/p/app', ...extra };
  const result = applyEdits([makeEdit('gcr.io/p/app', target, image)], memoryFiles({ 'k.yaml': text }));
  return { after: result.changes[0]?.after, error: result.failures[0]?.error };
}

describe('editKustomization', () => {
  it('adds the entry where `images:` is missing, empty or has no entry for the image', () => {
    const cases: [string, string][] = [
      ['', 'images:\n- name: gcr.io/p/app\n  newTag: v2\n'],
      ['resources:\n- a.yaml\n', 'resources:\n- a.yaml\nimages:\n- name: gcr.io/p/app\n  newTag: v2\n'],
      ['images:\nresources: []\n', 'images:\n- name: gcr.io/p/app\n  newTag: v2\nresources: []\n'],
      ['images:\n- name: other\n  newTag: v1\n', 'images:\n- name: other\n  newTag: v1\n- name: gcr.io/p/app\n  newTag: v2\n'],
      ['images:\n- gcr.io/p/app\n', 'images:\n- gcr.io/p/app\n- name: gcr.io/p/app\n  newTag: v2\n'],
    ];
    for (const [before, after] of cases) expect(edit(before, { tag: 'v2' }).after).toBe(after);
  });

  it('updates the entry found by name, else by newName, in place', () => {
    expect(edit('images:\n- name: gcr.io/p/app # pinned\n  newTag: "v1"\n', { tag: 'v2' }).after).toBe('images:\n- name: gcr.io/p/app # pinned\n  newTag: "v2"\n');
    expect(edit('images:\n- name: app\n  newName: gcr.io/p/app\n  newTag: v1\n', { tag: 'v2' }).after).toBe('images:\n- name: app\n  newName: gcr.io/p/app\n  newTag: v2\n');
    expect(edit('images:\n- name: gcr.io/p/app\n', { tag: 'v2' }).after).toBe('images:\n- name: gcr.io/p/app\n  newTag: v2\n');
  });

  it('writes newName and digest in kustomize order, and drops a stale digest', () => {
    expect(edit('images:\n- name: gcr.io/p/app\n  newTag: v1\n', { tag: 'v2', digest: D }).after).toBe(`images:\n- name: gcr.io/p/app\n  newTag: v2\n  digest: ${D}\n`);
    expect(edit(`images:\n- name: gcr.io/p/app\n  newTag: v1\n  digest: ${D}\nx: 1\n`, { tag: 'v2' }).after).toBe('images:\n- name: gcr.io/p/app\n  newTag: v2\nx: 1\n');
    expect(edit('', { tag: 'v2' }, { setNewName: 'gcr.io/p/app2' }).after).toBe('images:\n- name: gcr.io/p/app\n  newName: gcr.io/p/app2\n  newTag: v2\n');
    expect(edit('', { tag: 'v2', digest: D }).after).toBe(`images:\n- name: gcr.io/p/app\n  newTag: v2\n  digest: ${D}\n`);
  });

  it('a new `images:` goes after the last key, above trailing comments', () => {
    expect(edit('resources:\n- a.yaml\n# end\n', { tag: 'v2' }).after).toBe('resources:\n- a.yaml\nimages:\n- name: gcr.io/p/app\n  newTag: v2\n# end\n');
  });

  it('says what it created and what it changed (verify and the report read these)', () => {
    const run = (text: string, extra = {}, image: NewImage = { tag: 'v2' }) =>
      editKustomization(text, makeEdit('gcr.io/p/app', { kind: 'kustomization', file: 'k.yaml', entryName: 'gcr.io/p/app', ...extra }, image));
    expect(run('')).toMatchObject({ created: ['images'], changed: [{ doc: 0, path: ['images'] }] });
    expect(run('images:\n- name: other\n')).toMatchObject({ created: ['images[1]'], changed: [{ doc: 0, path: ['images', 1] }] });
    const both = run('images:\n- name: gcr.io/p/app\n', { setNewName: 'gcr.io/p/app2' });
    expect(both.text).toBe('images:\n- name: gcr.io/p/app\n  newName: gcr.io/p/app2\n  newTag: v2\n');
    expect(both.created).toEqual(['images[0].newName', 'images[0].newTag']);
    const stale = run(`images:\n- name: gcr.io/p/app\n  newTag: v1\n  digest: ${D}\n`);
    expect(stale.created).toEqual([]);
    expect(stale.changed).toEqual([{ doc: 0, path: ['images', 0, 'newTag'] }, { doc: 0, path: ['images', 0, 'digest'] }]);
  });

  it('refuses a root that is not a map and `images:` that is not a list, with the line', () => {
    const target = { kind: 'kustomization', file: 'k.yaml', entryName: 'gcr.io/p/app' } as const;
    expect(() => editKustomization('- a\n', makeEdit('gcr.io/p/app', target, { tag: 'v2' }))).toThrow(
      expect.objectContaining({ message: 'a kustomization must be a YAML map', file: 'k.yaml', application: 'demo', fix: 'Fix the kustomization file.' }),
    );
    for (const text of ['a: 1\nimages: {name: x}\n', 'a: 1\nimages: x\n']) {
      const { error } = edit(text, { tag: 'v2' });
      expect(error?.message).toBe('`images:` is not a list');
      expect(error?.line).toBe(2);
      expect(error?.fix).toMatch(/Make `images:` a list/);
    }
  });
});
