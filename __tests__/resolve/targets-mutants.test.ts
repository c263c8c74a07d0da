import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/discover/types.js';
import { configContext, manifestFiles, resolveTarget } from '../../src/resolve/targets.js';
import type { RepoFiles } from '../../src/resolve/types.js';
import { app, config, deployment, image, memoryRepo, source } from './helpers.js';
import { thrown } from './thrown.js';

const TARGET_KEY = 'argocd-image-updater.argoproj.io/write-back-target';
const demo = app({ sources: [source({ path: 'apps/demo' })] });
const kustomizeApp = (images: string[] = []) => app({ sources: [source({ path: 'k', kustomize: { images } } as Parameters<typeof source>[0])] });
const crd = (cfg: AppConfig): AppConfig => ({ ...cfg, origin: { kind: 'ImageUpdater', name: 'iu', file: 'iu.yaml', line: 4 } });

describe('configContext', () => {
  it('an ImageUpdater configuration points at the CR, whatever the key', () => {
    expect(configContext(crd(config(demo, [])), TARGET_KEY)).toStrictEqual({ application: 'demo', file: 'iu.yaml', line: 4 });
  });

  it('annotations without a key point at the Application', () => {
    expect(configContext(config(demo, []))).toStrictEqual({ application: 'demo', file: 'argocd/demo.yaml', line: 2 });
  });

  it('annotations with a key point at its line', () => {
    expect(configContext(config(demo, []), TARGET_KEY)).toStrictEqual({ application: 'demo', annotation: TARGET_KEY, file: 'argocd/demo.yaml', line: 7 });
  });
});

describe('resolveTarget: write-back-target value', () => {
  const repo = memoryRepo({ 'apps/demo/kustomization.yaml': '' });

  it('is trimmed', () => {
    expect(resolveTarget(config(demo, [image('org/app')], ' helmvalues '), image('org/app'), repo)).toMatchObject({ kind: 'helm-values', file: 'apps/demo/values.yaml' });
  });

  it('blank is the default target', () => {
    expect(resolveTarget(config(demo, [image('org/app')], '  '), image('org/app'), repo)).toMatchObject({ kind: 'argocd-source', file: 'apps/demo/.argocd-source-demo.yaml' });
  });

  it('.yml is Helm values; a name only containing .yaml is an override file', () => {
    expect(resolveTarget(config(demo, [image('org/app')], 'envs/v.yml'), image('org/app'), repo)).toMatchObject({ kind: 'helm-values', file: 'envs/v.yml' });
    expect(resolveTarget(config(demo, [image('org/app')], 'envs/v.yaml.bak'), image('org/app'), repo)).toMatchObject({ kind: 'argocd-source', file: 'envs/v.yaml.bak' });
  });

  it('a kustomization file names the directory to use instead, "/" at the root', () => {
    expect(thrown(() => resolveTarget(config(demo, [image('org/app')], 'kustomization.yaml'), image('org/app'), repo)).fix).toBe('Use kustomization:/ (a directory) instead.');
    expect(thrown(() => resolveTarget(config(demo, [image('org/app')], 'envs/dev/Kustomization'), image('org/app'), repo)).fix).toBe('Use kustomization:/envs/dev (a directory) instead.');
  });
});

describe('resolveTarget: the target file check', () => {
  it('a write-back target in a missing directory is refused, naming the target and the source path', () => {
    const files: RepoFiles = { ...memoryRepo({ 'apps/demo/kustomization.yaml': '' }), hasDirectory: (dir) => dir === '' || dir === 'apps' || dir === 'apps/demo' };
    const error = thrown(() => resolveTarget(config(demo, [image('org/app')], 'helmvalues:/nowhere/values.yaml'), image('org/app'), files));
    expect(error.message).toBe('the directory "nowhere" of write-back target "nowhere/values.yaml" (from write-back-target "helmvalues:/nowhere/values.yaml" with source path "apps/demo") does not exist; refusing to create it');
    expect([error.annotation, error.line]).toEqual([TARGET_KEY, 7]);
  });

  it('an unread default override file is refused on the Application, not on the annotation', () => {
    const files: RepoFiles = { ...memoryRepo({ 'apps/demo/kustomization.yaml': '' }), unread: (path) => (path === 'apps/demo/.argocd-source-demo.yaml' ? 'it is over 5 MiB' : undefined) };
    const error = thrown(() => resolveTarget(config(demo, [image('org/app')]), image('org/app'), files));
    expect([error.message, error.annotation, error.line]).toEqual(['refusing to write "apps/demo/.argocd-source-demo.yaml": it is over 5 MiB, and only YAML files that were read are edited', undefined, 2]);
  });
});

describe('resolveTarget: default target', () => {
  it('a plugin image target on a directory source is refused, not a manifest edit', () => {
    const img = image('org/app', { plugin: { name: 'IMG' } });
    const repo = memoryRepo({ 'apps/demo/d.yaml': deployment('d', ['org/app:1']) });
    expect(thrown(() => resolveTarget(config(demo, [img]), img, repo)).message).toBe("image app has manifestTargets.plugin, but the Application's source is directory, not a plugin");
  });

  it.each(['a/b', 'a\\b'])('an Application name %s that would leave the source directory is refused', (name) => {
    const named = app({ name, sources: [source({ path: 'k', kustomize: {} } as Parameters<typeof source>[0])] });
    const error = thrown(() => resolveTarget(config(named, [image('org/app')]), image('org/app'), memoryRepo({})));
    expect([error.message, error.fix, error.application]).toEqual([`the override file name ".argocd-source-${name}.yaml" would leave the source directory`, 'Give the Application a Kubernetes name (a DNS-1123 subdomain).', name]);
  });

  it('carries kustomize.images, marking the entries of the other images', () => {
    const self = image('org/app', { alias: 'web' });
    const api = image('org/api', { alias: 'api' });
    const aliased = image('org/app', { alias: 'alt', kustomizeImageName: 'alt' });
    const entries = ['org/app:1', 'org/api:2', 'org/third:3', 'web=org/app:1'];
    expect(resolveTarget(config(kustomizeApp(entries), [self, api, aliased]), self, memoryRepo({}))).toStrictEqual({
      kind: 'argocd-source', file: 'k/.argocd-source-demo.yaml', appType: 'kustomize',
      carried: [{ entry: 'org/app:1', managed: true }, { entry: 'org/api:2', managed: true }, { entry: 'org/third:3', managed: false }, { entry: 'web=org/app:1', managed: false }],
    });
  });

  it('an image alone carries its own entry unmanaged', () => {
    const self = image('org/app');
    expect(resolveTarget(config(kustomizeApp(['org/app:1']), [self]), self, memoryRepo({}))).toMatchObject({ carried: [{ entry: 'org/app:1', managed: false }] });
  });
});

describe('manifestFiles', () => {
  const files = memoryRepo(Object.fromEntries(['z.yaml', 'a.yml', 'n.yaml.txt', 'sub/b.yaml', '.argocd-source-demo.yaml', 'x.argocd-source.yaml', 'other/c.yaml'].map((p) => [p, ''])));
  const chosen = (recurse: boolean) => ({ source: source({ directory: { recurse } } as Parameters<typeof source>[0]), type: 'directory' as const, dir: '', valueFiles: [] });

  it('lists the YAML files of the root, sorted, without override files', () => {
    expect(manifestFiles('', chosen(false), files)).toEqual(['a.yml', 'x.argocd-source.yaml', 'z.yaml']);
  });

  it('recurses when asked, and only under the directory', () => {
    expect(manifestFiles('', chosen(true), files)).toEqual(['a.yml', 'other/c.yaml', 'sub/b.yaml', 'x.argocd-source.yaml', 'z.yaml']);
    expect(manifestFiles('sub', chosen(true), files)).toEqual(['sub/b.yaml']);
  });

  it('no container using the image names the directory, the Application and the fix', () => {
    const root = app({ sources: [source({ path: '' })] });
    const error = thrown(() => resolveTarget(config(root, [image('org/app')]), image('org/app'), memoryRepo({ 'd.yaml': deployment('d', ['org/other:1']) })));
    expect([error.message, error.application, error.fix]).toEqual(['no container in "/" uses org/app', 'demo', `Check the image name, or set ${TARGET_KEY} to say which file to write.`]);
  });
});

describe('resolveTarget: the kustomization entry to update', () => {
  const target = (kustomization: string, img = image('org/app')) =>
    resolveTarget(config(demo, [img], 'kustomization'), img, memoryRepo({ 'apps/demo/kustomization.yaml': kustomization }));
  const file = 'apps/demo/kustomization.yaml';
  const aliased = (name: string) => image('org/app', { alias: 'web', kustomizeImageName: name });

  it('an empty kustomization gets an entry named as the image', () => {
    expect(target('')).toStrictEqual({ kind: 'kustomization', file, entryName: 'org/app' });
  });

  it('an entry of another image is not taken', () => {
    expect(target('images:\n  - name: org/other\n    newTag: "1"\n')).toStrictEqual({ kind: 'kustomization', file, entryName: 'org/app' });
  });

  it('the entry spelled exactly as the image wins over an earlier one in another spelling', () => {
    expect(target('images:\n  - name: docker.io/org/app\n  - name: org/app\n')).toMatchObject({ entryName: 'org/app' });
  });

  it('an entry in another spelling is taken when none is exact', () => {
    expect(target('images:\n  - name: docker.io/org/app\n')).toMatchObject({ entryName: 'docker.io/org/app' });
  });

  it('an entry renaming the kustomize.image-name to the image keeps its newName', () => {
    expect(target('images:\n  - name: web\n    newName: org/app\n', aliased('web'))).toStrictEqual({ kind: 'kustomization', file, entryName: 'web' });
  });

  it('an entry named by the kustomize.image-name without newName gets one', () => {
    expect(target('images:\n  - name: web\n', aliased('web'))).toStrictEqual({ kind: 'kustomization', file, entryName: 'web', setNewName: 'org/app' });
  });

  it('a kustomize.image-name naming the image itself needs no newName', () => {
    expect(target('images:\n  - name: org/app\n', aliased('org/app'))).toStrictEqual({ kind: 'kustomization', file, entryName: 'org/app' });
  });

  it('an unparsable kustomize.image-name matches only its exact entry', () => {
    expect(target('images:\n  - name: org/app\n', aliased('Web'))).toStrictEqual({ kind: 'kustomization', file, entryName: 'Web', setNewName: 'org/app' });
  });
});
