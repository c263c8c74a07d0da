/**
 * current.ts edge cases (issue 13): Argo CD's kustomize image strings, the override files read for
 * each target, Helm keys the target names, and plugin env variables (override file over plugin.env).
 */
import { describe, it, expect } from 'vitest';
import { manifestMentions, nameOf, parseKustomizeImage, pickCurrent, readCurrent } from '../../src/resolve/current.js';
import { resolveTarget } from '../../src/resolve/targets.js';
import { readerFor } from '../../src/resolve/yaml-read.js';
import { app, config, image, memoryRepo, source } from './helpers.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const at = (file: string, line: number): { file: string; line: number } => ({ file, line });

describe('parseKustomizeImage and nameOf', () => {
  it('an empty original before = is dropped, the reference after it kept', () => {
    expect(parseKustomizeImage('=gcr.io/p/app:1')).toStrictEqual({ ref: { registry: 'gcr.io', repository: 'p/app', tag: '1' } });
  });
  it('the original name is trimmed', () => {
    expect(parseKustomizeImage(' app =gcr.io/p/app:1')?.original).toBe('app');
  });
  it('nameOf drops a digest with no tag before it', () => {
    expect(nameOf(`gcr.io/p/app@${D1}`)).toBe('gcr.io/p/app');
  });
});

describe('pickCurrent edge cases', () => {
  const f = at('f.yaml', 1);
  it('a layer with only a digest wins over a lower layer with a tag', () => {
    expect(pickCurrent([[{ digest: D1, at: f }], [{ tag: '1', at: f }]], { strategy: 'semver', constraint: '' })).toStrictEqual({ digest: D1, at: f });
  });
  it('digest strategy with no tracked tag: the first mention, even when another has an empty tag', () => {
    expect(pickCurrent([[{ tag: 'a', at: f }, { tag: '', digest: D1, at: f }]], { strategy: 'digest', constraint: '' })).toStrictEqual({ tag: 'a', at: f });
  });
  it('the name comes from any layer when the chosen mention has none', () => {
    expect(pickCurrent([[{ tag: '1', at: f }], [{ name: 'gcr.io/p/app', at: f }]], { strategy: 'semver', constraint: '' })).toStrictEqual({ tag: '1', name: 'gcr.io/p/app', at: f });
  });
});

describe('manifestMentions', () => {
  it('no files, or a file missing from the snapshot, yields no mention', () => {
    const reader = readerFor(memoryRepo({}));
    expect(manifestMentions([], image('nginx'), reader)).toStrictEqual([]);
    expect(manifestMentions(['gone.yaml'], image('nginx'), reader)).toStrictEqual([]);
  });
});

describe('readCurrent: kustomize override entries', () => {
  const read = (files: Record<string, string>, img: ReturnType<typeof image>, target?: string): unknown => {
    const repo = memoryRepo(files);
    const cfg = config(app({ name: 'web', sources: [source({ path: 'k' })] }), [img], target);
    return readCurrent(cfg, img, resolveTarget(cfg, img, repo), repo);
  };
  const override = (...entries: string[]): string => `kustomize:\n  images:\n${entries.map((e) => `  - ${e}\n`).join('')}`;
  const base = { 'k/kustomization.yaml': 'resources: []\n' };

  it('an image without kustomize.image-name matches an original=new entry by its new name, named as written after =', () => {
    const files = { ...base, 'k/.argocd-source-web.yaml': override('other=gcr.io/proj/app:5') };
    expect(read(files, image('gcr.io/proj/app'))).toStrictEqual({ tag: '5', name: 'gcr.io/proj/app', at: at('k/.argocd-source-web.yaml', 3) });
  });
  it('with kustomize.image-name, an entry without original is still matched by name', () => {
    const files = { ...base, 'k/.argocd-source-web.yaml': override('gcr.io/proj/app:6') };
    expect(read(files, image('gcr.io/proj/app', { kustomizeImageName: 'app' }))).toStrictEqual({ tag: '6', name: 'gcr.io/proj/app', at: at('k/.argocd-source-web.yaml', 3) });
  });
  it("another alias's original=new entry is skipped", () => {
    const files = { ...base, 'k/.argocd-source-web.yaml': override('other=gcr.io/proj/app:5', 'app=gcr.io/proj/app:7') };
    expect(read(files, image('gcr.io/proj/app', { kustomizeImageName: 'app' }))).toStrictEqual({ tag: '7', name: 'gcr.io/proj/app', at: at('k/.argocd-source-web.yaml', 4) });
  });
  it('entries that are not image strings (bad text, a map) are skipped', () => {
    const files = { ...base, 'k/.argocd-source-web.yaml': override('Not An Image', '{name: x}', 'gcr.io/proj/app:8') };
    expect(read(files, image('gcr.io/proj/app'))).toStrictEqual({ tag: '8', name: 'gcr.io/proj/app', at: at('k/.argocd-source-web.yaml', 5) });
  });
  it('an empty override file is read as no entries', () => {
    const files = { 'k/kustomization.yaml': 'images:\n- name: gcr.io/proj/app\n  newTag: "2"\n', 'k/.argocd-source-web.yaml': '' };
    expect(read(files, image('gcr.io/proj/app'))).toStrictEqual({ tag: '2', name: 'gcr.io/proj/app', at: at('k/kustomization.yaml', 3) });
  });
  it('a kustomization target still reads the override files first', () => {
    const files = { 'k/kustomization.yaml': 'images:\n- name: gcr.io/proj/app\n  newTag: "2"\n', 'k/.argocd-source-web.yaml': override('gcr.io/proj/app:9') };
    expect(read(files, image('gcr.io/proj/app'), 'kustomization')).toStrictEqual({ tag: '9', name: 'gcr.io/proj/app', at: at('k/.argocd-source-web.yaml', 3) });
  });
  it('an override file named by write-back-target is read before the default ones', () => {
    const files = { ...base, 'k/.argocd-source-web.yaml': override('gcr.io/proj/app:1'), 'o/.argocd-source-web.yaml': override('gcr.io/proj/app:3') };
    expect(read(files, image('gcr.io/proj/app'), 'o/.argocd-source-web.yaml')).toStrictEqual({ tag: '3', name: 'gcr.io/proj/app', at: at('o/.argocd-source-web.yaml', 3) });
  });
  it('a source at the repo root reads the override file at the root', () => {
    const repo = memoryRepo({ 'kustomization.yaml': 'resources: []\n', '.argocd-source-web.yaml': override('gcr.io/proj/app:4') });
    const img = image('gcr.io/proj/app');
    const cfg = config(app({ name: 'web', sources: [source({ path: '.' })] }), [img], 'kustomization');
    expect(readCurrent(cfg, img, resolveTarget(cfg, img, repo), repo)).toStrictEqual({ tag: '4', name: 'gcr.io/proj/app', at: at('.argocd-source-web.yaml', 3) });
  });
  it('a Helm source with a kustomization target is read from the kustomization', () => {
    const repo = memoryRepo({ 'c/values.yaml': 'image:\n  tag: 1.0.0\n', 'envs/kustomization.yaml': 'images:\n- name: gcr.io/proj/app\n  newTag: "3"\n' });
    const img = image('gcr.io/proj/app');
    const cfg = config(app({ name: 'web', sources: [source({ path: 'c', helm: {} })] }), [img], 'kustomization:/envs');
    expect(readCurrent(cfg, img, { kind: 'kustomization', file: 'envs/kustomization.yaml', entryName: 'gcr.io/proj/app' }, repo)).toStrictEqual({
      tag: '3',
      name: 'gcr.io/proj/app',
      at: at('envs/kustomization.yaml', 3),
    });
  });
});
