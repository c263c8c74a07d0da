import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/edit/apply-edits.js';
import { editHelmValues, fullNameWithTag, HELM_VALUES_HEADER, shortName, tagWithDigest } from '../../src/edit/helm-values.js';
import type { EditTarget, NewImage } from '../../src/resolve/types.js';
import { makeEdit, memoryFiles } from './make-edit.js';

const D = `sha256:${'c'.repeat(64)}`;

describe('the updater helpers (GetTagWithDigest, GetFullNameWithTag, ExtractShortForm)', () => {
  it('tagWithDigest', () => {
    expect(tagWithDigest({ tag: 'v1' })).toBe('v1');
    expect(tagWithDigest({ tag: 'v1', digest: D })).toBe(`v1@${D}`);
    expect(tagWithDigest({ tag: '', digest: D })).toBe(`latest@${D}`);
  });
  it('fullNameWithTag', () => {
    expect(fullNameWithTag('gcr.io/p/app', { tag: 'v1' })).toBe('gcr.io/p/app:v1');
    expect(fullNameWithTag('gcr.io/p/app', { tag: '', digest: D })).toBe(`gcr.io/p/app@${D}`);
    expect(fullNameWithTag('gcr.io/p/app', { tag: 'v1', digest: D })).toBe(`gcr.io/p/app:v1@${D}`);
  });
  it('shortName drops a registry host only', () => {
    expect(shortName('gcr.io/p/app')).toBe('p/app');
    expect(shortName('localhost/app')).toBe('app');
    expect(shortName('localhost:5000/app')).toBe('app');
    expect(shortName('bitnami/nginx')).toBe('bitnami/nginx');
    expect(shortName('nginx')).toBe('nginx');
    expect(shortName('/x')).toBe('/x');
  });
});

describe('editHelmValues', () => {
  function write(text: string | null, target: Partial<Extract<EditTarget, { kind: 'helm-values' }>>, image: NewImage = { tag: 'v2' }, extra = {}) {
    const t: EditTarget = { kind: 'helm-values', file: 'values.yaml', create: false, ...target };
    const files = memoryFiles(text === null ? {} : { 'values.yaml': text });
    const result = applyEdits([makeEdit('gcr.io/p/app', t, image, extra)], files);
    return { after: result.changes[0]?.after, error: result.failures[0]?.error };
  }

  it('a new or blank file gets the updater header, the tag key first', () => {
    const fresh = `${HELM_VALUES_HEADER}image:\n  tag: v2\n  name: gcr.io/p/app\n`;
    expect(write(null, { create: true }).after).toBe(fresh);
    expect(write('  \n', { create: true }).after).toBe(fresh);
    expect(write(null, { create: false }).error?.message).toBe('the Helm values file does not exist');
  });

  it('a spec key gets name:tag@digest; tag and name keys get tag@digest and the name', () => {
    expect(write('image:\n  spec: x\n', { specKey: 'image.spec' }, { tag: 'v2', digest: D }).after).toBe(`image:\n  spec: gcr.io/p/app:v2@${D}\n`);
    expect(write('t: v1\nn: gcr.io/p/app\n', { tagKey: 't', nameKey: 'n' }, { tag: 'v2', digest: D }).after).toBe(`t: v2@${D}\nn: gcr.io/p/app\n`);
  });

  it('the name keeps the form written: short stays short, long stays long', () => {
    expect(write('image:\n  name: p/app\n  tag: v1\n', {}).after).toBe('image:\n  name: p/app\n  tag: v2\n');
    expect(write('image:\n  name: gcr.io/p/app\n  tag: v1\n', {}).after).toBe('image:\n  name: gcr.io/p/app\n  tag: v2\n');
    expect(write('image:\n  tag: v1\n', {}, { tag: 'v2' }, { currentName: 'p/app' }).after).toBe('image:\n  tag: v2\n  name: p/app\n');
    expect(write('image:\n  tag: v1\n', {}, { tag: 'v2' }, { currentName: 'gcr.io/p/app' }).after).toBe('image:\n  tag: v2\n  name: gcr.io/p/app\n');
  });

  it('an empty name key gets the full name (there is no short form to keep)', () => {
    expect(write('image:\n  name: ""\n  tag: v1\n', {}).after).toBe('image:\n  name: "gcr.io/p/app"\n  tag: v2\n');
  });

  it('says which keys it created; an edit in place creates none', () => {
    const run = (text: string | null) => editHelmValues(text, makeEdit('gcr.io/p/app', { kind: 'helm-values', file: 'values.yaml', create: true }, { tag: 'v2' }));
    expect(run(null).created).toEqual(['image.tag', 'image.name']);
    expect(run('image:\n  tag: v1\n  name: gcr.io/p/app\n').created).toEqual([]);
  });

  it('a scalar in the way of the nested key, and no literal key: the error names the path and line', () => {
    expect(write('a: 1\nimage: v1\n', {}).error).toMatchObject({ message: 'cannot reach key "tag" of "image.tag": image is a scalar', line: 2 });
  });

  it('the nested key wins over a literal dotted root key; the literal key is used when only it exists', () => {
    expect(write('image.tag: v1\nimage.name: gcr.io/p/app\n', {}).after).toBe('image.tag: v2\nimage.name: gcr.io/p/app\n');
    expect(write('image.tag: v1\nimage:\n  tag: v0\n  name: gcr.io/p/app\n', {}).after).toBe('image.tag: v1\nimage:\n  tag: v2\n  name: gcr.io/p/app\n');
  });

  it('a malformed list index is refused with the fix', () => {
    const { error } = write('images:\n  - tag: v1\n', { tagKey: 'images[x].tag', nameKey: 'images[0].name' });
    expect(error?.fix).toMatch(/Write list indexes as \[0\]/);
  });
});
