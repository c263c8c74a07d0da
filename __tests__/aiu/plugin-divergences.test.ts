/**
 * Issue 10 item 4: Config Management Plugin sources. Expected bytes from argocd-image-updater's
 * update_test.go (de2cfec6) Test_MarshalParamsOverride_Plugin and Test_MarshalParamsOverride
 * "Plugin app with git write-back produces Helm values output".
 */
import { describe, expect, it } from 'vitest';
import { application, writeBack } from './write-back.js';

const pluginSource = (env: string[]) => [
  'source:',
  '  repoURL: https://github.com/acme/gitops.git',
  '  path: apps/web',
  '  plugin:',
  '    name: helmfile',
  ...(env.length === 0 ? [] : ['    env:', ...env.map((l) => `    ${l}`)]),
];
const OVERRIDE = 'apps/web/.argocd-source-web.yaml';

// An ImageUpdater selecting the Application `web`, with one image and its manifestTargets.
const updater = (imageName: string, targets: string) =>
  [
    'apiVersion: argocd-image-updater.argoproj.io/v1alpha1',
    'kind: ImageUpdater',
    'metadata:',
    '  name: plugins',
    '  namespace: argocd',
    'spec:',
    '  writeBackConfig:',
    '    method: git',
    '  applicationRefs:',
    '    - namePattern: web',
    '      images:',
    '        - alias: redis',
    `          imageName: ${imageName}`,
    '          manifestTargets:',
    `            plugin: ${targets}`,
    '',
  ].join('\n');
const crApp = (env: string[]) => ['apiVersion: argoproj.io/v1alpha1', 'kind: Application', 'metadata:', '  name: web', '  namespace: argocd', 'spec:', ...pluginSource(env).map((l) => `  ${l}`), ''].join('\n');
const redisEnv = ['- {name: IMAGE_NAME, value: myregistry/redis}', '- {name: IMAGE_TAG, value: 7.0.0}', '- {name: UNRELATED_VAR, value: keep-me}'];

describe('item 4: plugin (CMP) sources', () => {
  // "Plugin app with git write-back produces Helm values output": plugin + git is written as Helm parameters.
  it('annotations on a plugin source: the default override holds Helm parameters', () => {
    const app = application('web', { 'image-list': 'myapp=myregistry/myapp', 'write-back-method': 'git', 'myapp.helm.image-name': 'image.name', 'myapp.helm.image-tag': 'image.tag' }, pluginSource(['- {name: IMAGE, value: myregistry/myapp:v0.9.0}']));
    const out = writeBack({ 'argocd/web.yaml': app, 'apps/web/helmfile.yaml': 'releases: []\n', [OVERRIDE]: 'helm:\n  parameters:\n  - name: image.tag\n    value: v0.9.0\n    forcestring: true\n' }, { myapp: 'v1.0.0' });
    expect(out.errors).toEqual([]);
    expect(out.files[OVERRIDE]).toBe(
      'helm:\n  parameters:\n  - name: image.name\n    value: myregistry/myapp\n    forcestring: true\n  - name: image.tag\n    value: v1.0.0\n    forcestring: true\n',
    );
  });
  // Test_MarshalParamsOverride_Plugin "Plugin source from scratch": only the managed variables, in spec order.
  it('manifestTargets.plugin {name, tag}: a new file with plugin.env', () => {
    const out = writeBack({ 'argocd/web.yaml': crApp(redisEnv), 'argocd/updater.yaml': updater('myregistry/redis', '{name: IMAGE_NAME, tag: IMAGE_TAG}'), 'apps/web/helmfile.yaml': 'releases: []\n' }, { redis: '7.0.1' });
    expect(out.errors).toEqual([]);
    expect(out.resolved.map((r) => r.current)).toEqual([expect.objectContaining({ name: 'myregistry/redis', tag: '7.0.0' })]);
    expect(out.files).toEqual({ [OVERRIDE]: 'plugin:\n  env:\n  - name: IMAGE_NAME\n    value: myregistry/redis\n  - name: IMAGE_TAG\n    value: 7.0.1\n' });
  });
  // Test_MarshalParamsOverride_Plugin "Plugin source merges with existing data": merged by name, re-encoded.
  it('manifestTargets.plugin {spec}: merged into the existing file by name', () => {
    const existing = 'plugin:\n  env:\n  - name: EXISTING_VAR\n    value: keep\n  - name: IMAGE_TAG\n    value: "7.0.0"\n';
    const out = writeBack({ 'argocd/web.yaml': crApp(['- {name: IMAGE_TAG, value: myregistry/redis:7.0.0}']), 'argocd/updater.yaml': updater('myregistry/redis', '{spec: IMAGE_TAG}'), [OVERRIDE]: existing }, { redis: '8.0.0' });
    expect(out.errors).toEqual([]);
    expect(out.files).toEqual({ [OVERRIDE]: 'plugin:\n  env:\n  - name: EXISTING_VAR\n    value: keep\n  - name: IMAGE_TAG\n    value: myregistry/redis:8.0.0\n' });
  });
  // Deliberate difference (README): the updater would re-encode the file as plugin.env alone.
  it('an override file that also holds Helm parameters is refused, not emptied of them', () => {
    const existing = 'helm:\n  parameters:\n  - name: image.tag\n    value: v1\n    forcestring: true\n';
    const out = writeBack({ 'argocd/web.yaml': crApp(redisEnv), 'argocd/updater.yaml': updater('myregistry/redis', '{name: IMAGE_NAME, tag: IMAGE_TAG}'), [OVERRIDE]: existing }, { redis: '7.0.1' });
    expect(out.files).toEqual({});
    expect(out.errors.join('\n')).toMatch(/also holds helm, which writing plugin.env would drop/);
  });
  // argocd.go SetPluginImage: "cannot set Plugin env vars on non-Plugin application".
  it('manifestTargets.plugin on a kustomize source is an error', () => {
    const app = ['apiVersion: argoproj.io/v1alpha1', 'kind: Application', 'metadata:', '  name: web', '  namespace: argocd', 'spec:', '  source:', '    repoURL: https://github.com/acme/gitops.git', '    path: apps/web', '    kustomize: {}', ''].join('\n');
    const out = writeBack({ 'argocd/web.yaml': app, 'argocd/updater.yaml': updater('myregistry/redis', '{name: IMAGE_NAME, tag: IMAGE_TAG}'), 'apps/web/kustomization.yaml': 'resources: []\n' }, { redis: '7.0.1' });
    expect(out.files).toEqual({});
    expect(out.errors.join('\n')).toMatch(/manifestTargets\.plugin, but the Application's source is kustomize/);
  });
});
