/** Application identity: namespace + name as Argo CD has it, and copies per cluster told apart by file. */
import { describe, expect, it } from 'vitest';
import { discoverApplications } from '../../src/discover/discover.js';
import { appKey, labelApplications } from '../../src/discover/identity.js';
import { readLocalRepo } from '../../src/discover/local-repo.js';
import { app } from '../support/builders.js';

describe('labelApplications', () => {
  it('a unique name is its own label; the namespace defaults to argocd', () => {
    const apps = labelApplications([app({ name: 'web', namespace: undefined }), app({ name: 'api' })]);
    expect(apps.map((a) => a.label)).toEqual(['web', 'api']);
    expect(appKey(apps[0])).toBe('argocd/web');
  });

  it('one name in several namespaces is labelled namespace/name', () => {
    const apps = labelApplications([app({ name: 'web', namespace: undefined }), app({ name: 'web', namespace: 'team-a' })]);
    expect(apps.map((a) => a.label)).toEqual(['argocd/web', 'team-a/web']);
  });

  it('copies of one namespace/name in several files are told apart by file (an absent namespace is argocd)', () => {
    const apps = labelApplications([
      app({ name: 'web', namespace: undefined, file: 'argocd-apps/prod/web.yaml' }),
      app({ name: 'web', namespace: 'argocd', file: 'argocd-apps/dev/web.yaml' }),
    ]);
    expect(apps.map((a) => a.label)).toEqual(['web (argocd-apps/prod/web.yaml)', 'web (argocd-apps/dev/web.yaml)']);
  });

  it('two copies in one file are told apart by line', () => {
    const apps = labelApplications([app({ name: 'web', file: 'apps.yaml', line: 3 }), app({ name: 'web', file: 'apps.yaml', line: 20 })]);
    expect(apps.map((a) => a.label)).toEqual(['web (apps.yaml:3)', 'web (apps.yaml:20)']);
  });
});

describe('discover on a repo with one folder per cluster', () => {
  it('processes each annotated copy on its own; the copy without updater configuration fails nothing', async () => {
    const result = discoverApplications(await readLocalRepo('__fixtures__/layouts/per-cluster'));
    expect(result.failures).toEqual([]);
    expect(result.configs.map((c) => [c.app.label, c.app.sources[0].path])).toEqual([
      ['web (argocd-apps/prod/web.yaml)', 'envs/prod'],
      ['web (argocd-apps/qa-east/web.yaml)', 'envs/qa'],
      ['web (argocd-apps/qa-west/web.yaml)', 'envs/qa'],
      ['web (argocd-apps/staging/web.yaml)', 'envs/staging'],
      ['blue', 'teams'],
      ['green', 'teams'],
    ]);
  });

  it('the applications filter matches the name of every copy', async () => {
    const result = discoverApplications(await readLocalRepo('__fixtures__/layouts/per-cluster'), { applications: ['web'] });
    expect(result.configs).toHaveLength(4);
  });
});
