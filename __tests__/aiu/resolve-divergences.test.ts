/**
 * Issue 10, "Divergences from AIU": resolve-level table tests. Each case names the argocd-image-updater
 * code or test (at de2cfec6) whose outcome it pins.
 */
import { describe, expect, it } from 'vitest';
import { toUserMessage } from '../../src/errors.js';
import { foreignSecretNamespace } from '../../src/registry/credential-refs.js';
import { resolveImages } from '../../src/resolve/resolve.js';
import { app, config, image, memoryRepo, source } from '../resolve/helpers.js';
import { application, writeBack } from './write-back.js';

const repo = memoryRepo({ 'apps/demo/kustomization.yaml': 'resources: []\n' });
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
    const out = writeBack({ 'argocd/hydrator.yaml': hydrator(['kustomize: {}']), 'apps/hydrated/kustomization.yaml': 'resources: []\n' }, { nginx: '1.2.3' });
    expect(out.errors).toEqual([]);
    expect(out.files).toEqual({ 'apps/hydrated/.argocd-source-hydrator-app.yaml': 'kustomize:\n  images:\n  - nginx:1.2.3\n' });
  });
});
