/**
 * Issue 10, "Divergences from AIU": resolve-level table tests. Each case names the argocd-image-updater
 * code or test (at de2cfec6) whose outcome it pins.
 */
import { describe, expect, it } from 'vitest';
import { toUserMessage } from '../../src/errors.js';
import { foreignSecretNamespace } from '../../src/registry/credential-refs.js';
import { resolveImages } from '../../src/resolve/resolve.js';
import { app, config, image, memoryRepo, source } from '../resolve/helpers.js';

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
