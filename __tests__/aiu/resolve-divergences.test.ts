/**
 * Issue 10, "Divergences from AIU": resolve-level table tests. Each case names the argocd-image-updater
 * code or test (at de2cfec6) whose outcome it pins.
 */
import { describe, expect, it } from 'vitest';
import { discoverApplications } from '../../src/discover/discover.js';
import { toUserMessage } from '../../src/errors.js';
import { foreignSecretNamespace } from '../../src/registry/credential-refs.js';
import { resolveImages } from '../../src/resolve/resolve.js';
import { app, config, image, memoryRepo, source } from '../resolve/helpers.js';
import { application, runs, writeBack } from './write-back.js';

const repo = memoryRepo(runs('apps/demo', ['nginx:1.0']));
const kustomizeApp = (namespace: string | undefined) => app({ namespace, sources: [source({ path: 'apps/demo', kustomize: {} })] });

describe('item 11: a pull secret in another namespace than the Application is refused', () => {
  // update.go UpdateApplication "reject cross-namespace secret references": pullsecret:/secret: whose
  // namespace differs from the app's namespace -> error, image not updated (update_test.go
  // Test_UpdateApplication "Test cross-namespace secret reference is rejected" and
  // "Test cross-namespace pullsecret reference is rejected").
  const cases = [
    { name: 'pullsecret: in another namespace', ns: 'team-a', secret: 'pullsecret:other-ns/regcred', refused: 'other-ns' },
    { name: 'secret: in another namespace', ns: 'team-a', secret: 'secret:other-ns/creds#creds', refused: 'other-ns' },
    { name: 'same namespace', ns: 'team-a', secret: 'pullsecret:team-a/regcred', refused: undefined },
    { name: 'no metadata.namespace: Argo CD namespace assumed', ns: undefined, secret: 'pullsecret:argocd/regcred', refused: undefined },
    { name: 'no metadata.namespace, secret elsewhere', ns: undefined, secret: 'pullsecret:kube-system/regcred', refused: 'kube-system' },
    { name: 'env: is not a namespaced reference', ns: 'team-a', secret: 'env:REGCRED', refused: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(foreignSecretNamespace(c.secret, c.ns ?? 'argocd')).toBe(c.refused);
      const cfg = config(kustomizeApp(c.ns), [image('nginx', { alias: 'web', pullSecret: c.secret })]);
      const result = resolveImages([cfg], repo);
      if (c.refused === undefined) {
        expect(result.failures).toEqual([]);
        expect(result.resolved).toHaveLength(1);
      } else {
        expect(result.resolved).toEqual([]);
        expect(toUserMessage(result.failures[0].error)).toContain(`namespace "${c.refused}"`);
      }
    });
  }
});

describe('item 8: sourceHydrator Applications write the default override for their dry source', () => {
  const hydrator = (dry: string[]) =>
    application('hydrator-app', { 'image-list': 'nginx', 'write-back-method': 'git' }, [
      'sourceHydrator:',
      '  drySource:',
      '    repoURL: https://github.com/acme/gitops.git',
      '    path: apps/hydrated',
      '    targetRevision: main',
      ...dry.map((l) => `    ${l}`),
      '  syncSource:',
      '    targetBranch: env/prod',
      '    path: apps/hydrated-out',
    ]);
  // update_test.go Test_MarshalParamsOverride "SourceHydrator app with Helm in DrySource writes default override file"
  it('Helm in the dry source: .argocd-source-<app>.yaml with Helm parameters, AIU bytes', () => {
    const out = writeBack({ 'argocd/hydrator.yaml': hydrator(['helm:', '  parameters:', '  - name: image.tag', '    value: v0.9.0']), 'apps/hydrated/Chart.yaml': 'name: x\n' }, { nginx: 'v1.0.0' });
    expect(out.errors).toEqual([]);
    expect(out.files).toEqual({
      'apps/hydrated/.argocd-source-hydrator-app.yaml':
        'helm:\n  parameters:\n  - name: image.name\n    value: nginx\n    forcestring: true\n  - name: image.tag\n    value: v1.0.0\n    forcestring: true\n',
    });
  });
  // argocd.go getApplicationSourceType: "If the DrySource has explicit Helm/Kustomize/Plugin config, use that".
  it('kustomize in the dry source: the kustomize override', () => {
    const out = writeBack({ 'argocd/hydrator.yaml': hydrator(['kustomize: {}']), ...runs('apps/hydrated', ['nginx:1.0']) }, { nginx: '1.2.3' });
    expect(out.errors).toEqual([]);
    expect(out.files).toEqual({ 'apps/hydrated/.argocd-source-hydrator-app.yaml': 'kustomize:\n  images:\n  - nginx:1.2.3\n' });
  });
});

describe('item 3: force-update, and images the Application does not run', () => {
  const app = (annotations: Record<string, string>, source: string[]) =>
    application('web', { 'image-list': 'web=gcr.io/acme/web', 'write-back-method': 'git', ...annotations }, ['source:', ...source.map((l) => `  ${l}`)]);
  const inRepo = ['repoURL: https://github.com/acme/gitops.git', 'path: apps/web', 'kustomize: {}'];
  const nothing = { 'apps/web/kustomization.yaml': 'resources:\n- deploy.yaml\n', ...runs('apps/web', ['gcr.io/acme/other:1.0']) };
  // update.go UpdateApplication: "Image '%s' seems not to be live in this application, skipping"
  // (update_test.go Test_UpdateApplication "Test skip because of image not in list").
  it('an image nothing in git references is skipped, saying how to force it', () => {
    const out = writeBack({ 'argocd/web.yaml': app({}, inRepo), ...nothing }, { web: '1.2.3' });
    expect(out.files).toEqual({});
    expect(out.errors).toEqual([]);
    expect(out.resolved).toEqual([]);
    const skipped = resolveImages(discoverApplications(memoryRepo({ 'argocd/web.yaml': app({}, inRepo), ...nothing })).configs, memoryRepo({ 'argocd/web.yaml': app({}, inRepo), ...nothing })).skipped;
    expect(skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/nothing in git references gcr.io\/acme\/web .*web\.force-update: "true"/)]);
  });
  // argocd.go GetImagesFromApplication: force-update images join the live list with no tag
  // (update_test.go Test_UpdateApplication "Test kustomize w/ different registry": ForceUpdate, one image updated).
  for (const value of ['true', 'True', '1']) {
    it(`web.force-update: "${value}" writes it anyway (any pick is an update)`, () => {
      const out = writeBack({ 'argocd/web.yaml': app({ 'web.force-update': value }, inRepo), ...nothing }, { web: '1.2.3' });
      expect(out.errors).toEqual([]);
      expect(out.resolved.map((r) => r.current)).toEqual([undefined]);
      expect(out.files).toEqual({ 'apps/web/.argocd-source-web.yaml': 'kustomize:\n  images:\n  - gcr.io/acme/web:1.2.3\n' });
    });
  }
  it('referenced by the Application’s own kustomize.images: processed', () => {
    const spec = ['repoURL: https://github.com/acme/gitops.git', 'path: apps/web', 'kustomize:', '  images:', '  - gcr.io/acme/web:1.0.0'];
    const out = writeBack({ 'argocd/web.yaml': app({}, spec), ...nothing }, { web: '1.2.3' });
    expect(out.files).toEqual({ 'apps/web/.argocd-source-web.yaml': 'kustomize:\n  images:\n  - gcr.io/acme/web:1.2.3\n' });
  });
  it('a chart from a Helm repository (git cannot see what it runs): processed', () => {
    const chart = ['repoURL: https://charts.example.com', 'chart: web', 'targetRevision: 1.0.0', 'helm: {}'];
    const out = writeBack({ 'argocd/web.yaml': app({ 'write-back-target': 'helmvalues:/values/web.yaml' }, chart), 'values/web.yaml': 'replicas: 1\n' }, { web: '1.2.3' });
    expect(out.errors).toEqual([]);
    expect(out.resolved).toHaveLength(1);
  });
});
