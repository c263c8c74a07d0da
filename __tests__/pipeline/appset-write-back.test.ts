/** A git files generator's own file as the write-back target (issue 11 item 2): the tag lives in clusters/<name>/config.yaml. */
import { describe, expect, it } from 'vitest';
import { memoryRepo } from '../../src/discover/local-repo.js';
import { NullLogger } from '../../src/logger.js';
import { planRun } from '../../src/pipeline.js';
import type { RegistryAccess } from '../../src/query/query-images.js';

const registry: RegistryAccess = {
  clientFor: () => ({
    endpoint: { host: 'r.example', apiUrl: 'https://r.example', insecure: false, tagSortMode: 'none' },
    client: {
      listTags: async () => ({ tags: ['1.0.0', '1.1.0', '1.2.0'] }),
      getMetadata: async (_ref, tag) => ({ digest: `sha256:${tag}`, platforms: ['linux/amd64'] }),
      tagExists: async () => true,
    },
  }),
};

const APPSET = `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: clusters, namespace: argocd}
spec:
  generators:
    - git:
        repoURL: https://github.com/acme/gitops.git
        files:
          - path: clusters/*/config.yaml
  template:
    metadata:
      name: 'web-{{path.basename}}'
      annotations:
        argocd-image-updater.argoproj.io/image-list: 'web=r.example/team/web:{{image.constraint}}'
        argocd-image-updater.argoproj.io/write-back-method: git
        argocd-image-updater.argoproj.io/write-back-target: 'helmvalues:/{{path}}/config.yaml'
        argocd-image-updater.argoproj.io/web.helm.image-name: image.repository
        argocd-image-updater.argoproj.io/web.helm.image-tag: image.tag
    spec:
      source:
        repoURL: https://github.com/acme/gitops.git
        path: charts/web
        helm:
          valueFiles: ['../../{{path}}/config.yaml']
`;

describe('ApplicationSet with a git files generator', () => {
  it('writes the new tag into the generator file the tag came from, never into the ApplicationSet', async () => {
    const files = memoryRepo({
      'appsets/clusters.yaml': APPSET,
      'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n',
      'clusters/east/config.yaml': '# east\nimage:\n  repository: r.example/team/web\n  constraint: "~1.1"\n  tag: 1.0.0\n',
      'clusters/west/config.yaml': 'image:\n  repository: r.example/team/web\n  constraint: "~1.2"\n  tag: 1.2.0\n',
    });
    const plan = await planRun(files, { applications: [], mode: 'files', allowDowngrade: false, dryRun: true }, registry, NullLogger);
    expect(plan.report.errors).toEqual([]);
    expect(plan.report.updates.map((u) => [u.application, u.from, u.to, u.file, u.applicationSet])).toEqual([['web-east', '1.0.0', '1.1.0', 'clusters/east/config.yaml', 'clusters (appsets/clusters.yaml:2)']]);
    expect(plan.changes.map((c) => [c.path, c.after])).toEqual([['clusters/east/config.yaml', '# east\nimage:\n  repository: r.example/team/web\n  constraint: "~1.1"\n  tag: 1.1.0\n']]);
  });
});

describe('ApplicationSet with a JSON git files generator file', () => {
  it('writes the new tag into config.json, keeping it JSON byte for byte apart from the value', async () => {
    const appSet = APPSET.replace('clusters/*/config.yaml', 'clusters/*/config.json').replace('config.yaml', 'config.json').replace("'../../{{path}}/config.yaml'", "'../../{{path}}/config.json'");
    const json = '{\n  "image": {\n    "repository": "r.example/team/web",\n    "constraint": "~1.1",\n    "tag": "1.0.0"\n  }\n}\n';
    const files = memoryRepo({ 'appsets/clusters.yaml': appSet, 'charts/web/Chart.yaml': 'apiVersion: v2\nname: web\nversion: 0.1.0\n', 'clusters/east/config.json': json });
    const plan = await planRun(files, { applications: [], mode: 'files', allowDowngrade: false, dryRun: true }, registry, NullLogger);
    expect(plan.report.errors).toEqual([]);
    expect(plan.changes.map((c) => [c.path, c.after])).toEqual([['clusters/east/config.json', json.replace('"1.0.0"', '"1.1.0"')]]);
  });
});
