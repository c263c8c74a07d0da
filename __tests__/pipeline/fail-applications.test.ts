/** failApplications: an unwritable target fails only its own Application (issue 14 item 3). */
import { describe, expect, it } from 'vitest';
import { memoryRepo } from '../../src/discover/local-repo.js';
import { EditError } from '../../src/errors.js';
import { NullLogger } from '../../src/logger.js';
import { failApplications, planRun } from '../../src/pipeline.js';
import type { RegistryAccess } from '../../src/query/query-images.js';
import type { Endpoint, RegistryClient } from '../../src/registry/client.js';

const registry: RegistryAccess = {
  clientFor: () => {
    const client: RegistryClient = {
      listTags: async () => ({ tags: ['1.0.0', '1.1.0'] }),
      getMetadata: async (_ref, tag) => ({ digest: `sha256:${tag}`, platforms: ['linux/amd64'] }),
      tagExists: async () => true,
    };
    const endpoint: Endpoint = { host: 'registry.example.test', apiUrl: 'https://registry.example.test', insecure: false, tagSortMode: 'none' };
    return { client, endpoint };
  },
};

const application = (name: string, images: string) => `---
apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: ${name}
  annotations:
    argocd-image-updater.argoproj.io/image-list: ${images}
    argocd-image-updater.argoproj.io/write-back-method: git
    argocd-image-updater.argoproj.io/write-back-target: helmvalues:values.yaml
    argocd-image-updater.argoproj.io/two.helm.image-name: two.name
    argocd-image-updater.argoproj.io/two.helm.image-tag: two.tag
spec:
  source: { repoURL: https://github.com/acme/gitops.git, path: apps/${name}, helm: {} }
`;
const values = 'image:\n  name: registry.example.test/team/app\n  tag: 1.0.0\ntwo:\n  name: registry.example.test/team/two\n  tag: 1.0.0\n';
const files = memoryRepo({
  'argocd.yaml': application('a', 'registry.example.test/team/app,two=registry.example.test/team/two') + application('b', 'registry.example.test/team/app,two=registry.example.test/team/two'),
  'apps/a/values.yaml': values,
  'apps/b/values.yaml': values,
});
const settings = { applications: [], mode: 'files' as const, allowDowngrade: false, dryRun: true };

describe('failApplications', () => {
  it('moves every update of a refused Application into its errors and recomputes the files of the others', async () => {
    const plan = await planRun(files, settings, registry, NullLogger);
    expect(plan.report.errors).toEqual([]);
    expect(plan.updates.map((u) => u.entry.application)).toEqual(['a', 'a', 'b', 'b']);
    const refusal = new EditError('refusing to write apps/a/values.yaml: its directory "apps/a" is not writable', { file: 'apps/a/values.yaml' });
    failApplications(plan, (u) => (u.entry.application === 'a' && u.entry.alias === 'two' ? refusal : undefined), files);
    expect(plan.updates.map((u) => u.entry.application)).toEqual(['b', 'b']);
    expect(plan.report.updates.map((u) => u.application)).toEqual(['b', 'b']);
    expect(plan.changes.map((c) => c.path)).toEqual(['apps/b/values.yaml']);
    expect(plan.report.filesChanged).toEqual(['apps/b/values.yaml']);
    expect(plan.report.errors).toEqual([
      { application: 'a', alias: expect.any(String), file: 'apps/a/values.yaml', message: expect.stringMatching(/^apps\/a\/values.yaml, Application a: refusing to write/) },
      { application: 'a', alias: 'two', file: 'apps/a/values.yaml', message: expect.stringMatching(/is not writable/) },
    ]);
    expect(plan.checked.find((c) => c.config.app.name === 'a')?.failed).toBe(true);
    expect(plan.checked.find((c) => c.config.app.name === 'b')?.failed).toBe(false);
  });

  it('changes nothing when nothing is refused', async () => {
    const plan = await planRun(files, settings, registry, NullLogger);
    const before = structuredClone(plan.report);
    failApplications(plan, () => undefined, files);
    expect(plan.report).toEqual(before);
    expect(plan.changes.map((c) => c.path)).toEqual(['apps/a/values.yaml', 'apps/b/values.yaml']);
  });
});
