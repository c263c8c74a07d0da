/**
 * Multi-source Applications without a write-back-target (issue 10): a chart whose override file Argo CD would
 * not read is skipped with the `helmvalues:` target that works, naming the ref source; never a stray file.
 */
import { describe, expect, it } from 'vitest';
import { discoverApplications } from '../../src/discover/discover.js';
import { memoryRepo } from '../../src/discover/local-repo.js';

const isThisRepo = (url: string) => /^https:\/\/github\.com\/acme\/gitops(\.git)?$/.test(url);
const P = 'argocd-image-updater.argoproj.io/';

function app(sources: string, annotations: string[] = []): string {
  return [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    '  name: api',
    '  annotations:',
    `    ${P}image-list: api=ghcr.io/acme/api`,
    ...annotations.map((a) => `    ${P}${a}`),
    'spec:',
    '  sources:',
    sources,
  ].join('\n');
}

const HELM_REPO_CHART = '    - repoURL: https://charts.acme.dev\n      chart: api\n      targetRevision: 2.1.0\n      helm:\n        valueFiles:\n          - $values/envs/prod/api.yaml\n';
const VALUES_REF = '    - repoURL: https://github.com/acme/gitops.git\n      targetRevision: main\n      ref: values\n';
const GIT_CHART_ELSEWHERE = '    - repoURL: https://github.com/acme/charts.git\n      path: charts/api\n      targetRevision: main\n      helm:\n        valueFiles:\n          - $values/envs/prod/api.yaml\n';

// `null`: this repository is unknown (an `undefined` argument would take the default).
const discover = (text: string, matcher: typeof isThisRepo | null = isThisRepo) =>
  discoverApplications(memoryRepo({ 'argocd/api.yaml': text, 'envs/prod/api.yaml': 'image:\n  tag: 2.0.0\n' }), { isThisRepo: matcher ?? undefined });

describe('multi-source Application, no write-back-target', () => {
  it('a chart from a Helm repository + a ref values source is skipped, suggesting helmvalues:/<the $values file>', () => {
    const result = discover(app(HELM_REPO_CHART + VALUES_REF));
    expect(result.configs).toEqual([]);
    expect(result.skipped).toEqual([
      {
        application: 'api',
        reason:
          'it has several sources and no write-back-target: the updater would write .argocd-source-api.yaml for the chart api from the Helm repository https://charts.acme.dev where Argo CD does not read it, and Argo CD never reads one from the ref source "values". Set write-back-target: helmvalues:/envs/prod/api.yaml (the values file the chart reads).',
      },
    ]);
  });

  it('the same without knowing the repository (a checkout without origin) is skipped too', () => {
    expect(discover(app(HELM_REPO_CHART + VALUES_REF), null).skipped.map((s) => s.reason)).toEqual([expect.stringContaining('helmvalues:/envs/prod/api.yaml')]);
  });

  it('a chart in another git repository with values here is skipped (the override would land in this repository)', () => {
    const result = discover(app(GIT_CHART_ELSEWHERE + VALUES_REF));
    expect(result.skipped.map((s) => s.reason)).toEqual([expect.stringMatching(/^it has several sources and no write-back-target: .* for source 1 \(https:\/\/github.com\/acme\/charts.git\), another repository, .*ref source "values".*helmvalues:\/envs\/prod\/api.yaml/)]);
  });

  it('with write-back-target helmvalues:/<path> it is promoted', () => {
    const result = discover(app(HELM_REPO_CHART + VALUES_REF, ['write-back-target: "helmvalues:/envs/prod/api.yaml"']));
    expect(result.skipped).toEqual([]);
    expect(result.configs.map((c) => c.app.name)).toEqual(['api']);
  });

  it('a chart in this repository with a ref source keeps the default target (the override sits in the chart directory)', () => {
    const inHere = '    - repoURL: https://github.com/acme/gitops.git\n      path: charts/api\n      helm:\n        valueFiles:\n          - $values/envs/prod/api.yaml\n';
    const result = discover(app(inHere + VALUES_REF));
    expect(result.skipped).toEqual([]);
    expect(result.configs.map((c) => c.app.name)).toEqual(['api']);
  });
});
