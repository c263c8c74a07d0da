/** overrideEntries, updaterOutput and the files that are written afresh (issue 13, mutation coverage of argocd-source.ts). */
import { describe, expect, it } from 'vitest';
import { editArgocdSource, overrideEntries, updaterOutput } from '../../src/edit/argocd-source.js';
import type { EditTarget, HelmKeys, NewImage } from '../../src/resolve/types.js';
import { makeEdit } from './make-edit.js';

type SourceTarget = Extract<EditTarget, { kind: 'argocd-source' }>;
const file = 'apps/web/.argocd-source-web.yaml';
const D = `sha256:${'d'.repeat(64)}`;
const entries = (target: SourceTarget, image: NewImage = { tag: 'v2' }) => overrideEntries(makeEdit('gcr.io/p/app', target, image), target);
const helm = (keys: HelmKeys, image: NewImage) => entries({ kind: 'argocd-source', file, appType: 'helm', helm: keys }, image);
const param = (name: string, value: string) => ({ name, value, forcestring: true });

describe('overrideEntries', () => {
  it('kustomize: only the entry of its own kustomize.image-name is set; other tracked entries are add-only, untracked ones are carried', () => {
    const carried = [
      { entry: 'service-a=gcr.io/p/app:1-a', managed: true },
      { entry: 'service-b=gcr.io/p/app:1-b', managed: false },
      { entry: 'other:v3', managed: false },
    ];
    const target: SourceTarget = { kind: 'argocd-source', file, appType: 'kustomize', kustomizeName: 'service-b', carried };
    expect(entries(target)).toEqual({
      kind: 'kustomize',
      images: ['service-a=gcr.io/p/app:1-a', 'service-b=gcr.io/p/app:v2', 'other:v3'],
      addOnly: new Set(['service-a=gcr.io/p/app:1-a']),
    });
  });

  it('kustomize: the spec entry already at the new value is written even when another tracked image shares it', () => {
    const target: SourceTarget = { kind: 'argocd-source', file, appType: 'kustomize', carried: [{ entry: 'gcr.io/p/app:v2', managed: true }] };
    expect(entries(target).addOnly).toEqual(new Set());
    const out = editArgocdSource('kustomize:\n  images:\n  - gcr.io/p/app:v1\n', makeEdit('gcr.io/p/app', target, { tag: 'v2' }));
    expect(out.text).toBe('kustomize:\n  images:\n  - gcr.io/p/app:v2\n');
  });

  it('helm: an empty tag is left out, whatever the tag key is called', () => {
    expect(helm({}, { tag: '' })).toEqual({ kind: 'helm', parameters: [param('image.name', 'gcr.io/p/app')] });
    expect(helm({ tagKey: 'app.tag' }, { tag: '' })).toEqual({ kind: 'helm', parameters: [param('image.name', 'gcr.io/p/app')] });
  });

  it('helm: with a digest key, an unpinned image writes an empty digest (it replaces a stale one)', () => {
    expect(helm({ digestKey: 'image.digest' }, { tag: 'v2' })).toEqual({
      kind: 'helm',
      parameters: [param('image.name', 'gcr.io/p/app'), param('image.tag', 'v2'), param('image.digest', '')],
    });
  });

  it('helm: with a digest key, a digest without a tag writes latest as the tag', () => {
    expect(helm({ digestKey: 'image.digest' }, { tag: '', digest: D })).toEqual({
      kind: 'helm',
      parameters: [param('image.name', 'gcr.io/p/app'), param('image.tag', 'latest'), param('image.digest', D)],
    });
  });
});

describe('updaterOutput', () => {
  it('a comment-only file is kept in front with its trailing blank lines dropped', () => {
    expect(updaterOutput('# only\n\n\n', { kind: 'helm', parameters: [] })).toBe('# only\nhelm:\n  parameters: []\n');
  });
});

describe('editArgocdSource: files the updater reads as empty are written afresh', () => {
  const kust: SourceTarget = { kind: 'argocd-source', file, appType: 'kustomize' };
  const write = (text: string, target: SourceTarget = kust) => editArgocdSource(text, makeEdit('gcr.io/p/app', target, { tag: 'v2' })).text;
  const fresh = 'kustomize:\n  images:\n  - gcr.io/p/app:v2\n';

  // Bug fix (issue 13): a null document was refused as 'cannot add to this override file'; Go reads it as an empty struct.
  it('a null document (null, ~) is written afresh, keeping comments up to a --- as the updater does', () => {
    expect(write('null\n')).toBe(fresh);
    expect(write('# c\n~\n')).toBe(fresh);
    expect(write('# c\n---\n~\n')).toBe(`# c\n---\n${fresh}`);
  });

  it('a --- marker with trailing spaces, or a %YAML directive, holds no document', () => {
    expect(write('# c\n---  \n')).toBe(`# c\n---  \n${fresh}`);
    expect(write('%YAML 1.2\n---\n')).toBe(`%YAML 1.2\n---\n${fresh}`);
    expect(write('--- # c\n')).toBe(`--- # c\n${fresh}`);
    // The updater reads the first document only; an empty one is an empty struct, written afresh.
    expect(write('---\n...\n---\nkustomize:\n  images:\n  - other:v1\n')).toBe(`---\n${fresh}`);
  });

  // Bug fix (issue 13): a directive with no --- was kept in front of the new document, which made the file invalid YAML.
  it('a directive without a --- is dropped; the comments are kept', () => {
    expect(write('%YAML 1.2\n# c\n')).toBe(`# c\n${fresh}`);
    expect(write('%YAML 1.2\n')).toBe(fresh);
    expect(write('\n\n%YAML 1.2\n')).toBe(fresh);
    expect(write('%YAML 1.2\n# x---\n')).toBe(`# x---\n${fresh}`);
    expect(write('# a\n...\n%YAML 1.2\n---  \n')).toBe(`# a\n...\n%YAML 1.2\n---  \n${fresh}`);
  });

  it('a scalar that only looks like a marker (x---, ---x) is a document the updater cannot read: written afresh', () => {
    expect(write('x---\n')).toBe(fresh);
    expect(write('---x\n')).toBe(fresh);
  });

  it('a document on the --- line is a document: spliced, not written after it', () => {
    expect(write('--- {kustomize: {images: [other:v1]}}\n')).toBe('--- {kustomize: {images: [other:v1, gcr.io/p/app:v2]}}\n');
  });

  it('a hand-formatted file: a carried entry already appended in another spelling is not appended twice', () => {
    const carried = [
      { entry: 'nginx:1', managed: true },
      { entry: 'docker.io/library/nginx:2', managed: true },
    ];
    expect(write('# hand\nkustomize:\n  images:\n  - other:v1\n', { ...kust, carried })).toBe('# hand\nkustomize:\n  images:\n  - other:v1\n  - nginx:1\n  - gcr.io/p/app:v2\n');
  });
});
