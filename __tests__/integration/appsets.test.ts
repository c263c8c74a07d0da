/** End to end: ApplicationSets rendered offline, through the built CLI (node dist/cli.js) against a real docker-registry. */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { cli, git, startFixture, type Fixture } from './fixture-repo.js';
import { runAction } from './run-action.js';

describe.skipIf(!hasDockerRegistry())('ApplicationSets: a git directories generator over apps/*/overlays/dev, a Go-template matrix, a broken and a cluster-bound one', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await startFixture('__fixtures__/layouts/appsets');
  });
  afterAll(() => fixture?.cleanup());

  it('plan --json: the generated Applications are updated in their own sources, each entry names its ApplicationSet', () => {
    const result = cli(fixture, 'plan', '--json', '--path', fixture.repo);
    const report = JSON.parse(result.stdout);
    expect(report.updates.map((u: Record<string, string>) => [u.application, u.from, u.to, u.file, u.applicationSet])).toEqual([
      ['api-east', '2.0.1', '2.0.5', 'clusters/east/config.json', 'clusters (argocd/clusters.yaml:3)'],
      ['api-dev', '2.0.1', '2.1.0', 'apps/api/overlays/dev/.argocd-source-api-dev.yaml', 'dev-apps (argocd/dev-apps.yaml:3)'],
      ['web-dev', '1.0.0', '1.2.0', 'apps/web/overlays/dev/.argocd-source-web-dev.yaml', 'dev-apps (argocd/dev-apps.yaml:3)'],
      ['worker-staging', '1.0.0', '1.1.0', 'envs/staging/worker-values.yaml', 'workers (argocd/workers.yaml:3)'],
    ]);
    expect(report.skipped).toEqual([
      { application: 'ApplicationSet per-cluster', alias: null, reason: expect.stringMatching(/^its clusters generator \(generators\[0\]\) reads the clusters registered in Argo CD.*\(argocd\/broken\.yaml:26\)$/) },
    ]);
    expect(report.errors).toEqual([
      {
        application: 'ApplicationSet broken',
        message: expect.stringContaining('template error with the parameters of generators[0]: function "shout" not defined (or not supported offline) in "{{ .name | shout }}"'),
        file: 'argocd/broken.yaml',
        line: 14,
      },
    ]);
  });

  it('the table names the ApplicationSet beside each generated Application', () => {
    const result = cli(fixture, 'plan', '--path', fixture.repo);
    expect(result.stdout).toMatch(/web-dev \(ApplicationSet dev-apps \(argocd\/dev-apps\.yaml:3\)\) +app +registry\.example\.test\/team\/web +1\.0\.0 +1\.2\.0/);
  });

  it('apply --mode files writes the generated Applications sources, never the ApplicationSet template', () => {
    const result = cli(fixture, 'apply', '--mode', 'files', '--json', '--path', fixture.repo);
    expect(result.code).toBe(1); // the broken ApplicationSet is an error; the others are written
    const changed = git(fixture.repo, 'status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean).sort();
    expect(changed).toEqual([' M clusters/east/config.json', ' M envs/staging/worker-values.yaml', '?? apps/api/overlays/dev/.argocd-source-api-dev.yaml', '?? apps/web/overlays/dev/.argocd-source-web-dev.yaml']);
    expect(git(fixture.repo, 'diff', '--', 'clusters/east/config.json')).toContain('-    "tag": "2.0.1"\n+    "tag": "2.0.5"\n');
    expect(readFileSync(join(fixture.repo, 'apps/web/overlays/dev/.argocd-source-web-dev.yaml'), 'utf8')).toContain('registry.example.test/team/web:1.2.0');
    expect(readFileSync(join(fixture.repo, 'envs/staging/worker-values.yaml'), 'utf8')).toBe('image:\n  repository: registry.example.test/team/web\n  tag: 1.1.0\n');
  });

  it('plan --clusters: the clusters generator renders over the given clusters, its label selector applied', () => {
    const clusters = join(fixture.dir, 'clusters.yaml');
    writeFileSync(clusters, '- name: east\n  server: https://east.example.test\n  labels: {env: prod}\n- name: lab\n  server: https://lab.example.test\n  labels: {env: lab}\n');
    const report = JSON.parse(cli(fixture, 'plan', '--json', '--path', fixture.repo, '--clusters', clusters).stdout);
    expect(report.skipped).toEqual([]);
    expect(report.updates.filter((u: Record<string, string>) => u.applicationSet?.startsWith('per-cluster')).map((u: Record<string, string>) => [u.application, u.from, u.to, u.file])).toEqual([
      ['east-web', '1.0.0', '1.2.0', 'apps/web/overlays/prod/kustomization.yaml'],
    ]);
  });

  it('a --clusters file that is not a list is a configuration error (exit 2) naming it', () => {
    const result = cli(fixture, 'plan', '--path', fixture.repo, '--clusters', '{name: east}');
    expect([result.code, result.stderr]).toEqual([2, expect.stringContaining('--clusters: is not a list of clusters')]);
  });

  it('the action over a strategy.matrix (shard 1/2 and 2/2): together the same updates as one run, none twice; shared errors from shard 1 only', async () => {
    // The apply test above wrote the checkout: start again from the commit.
    git(fixture.repo, 'checkout', '-q', '--', '.');
    git(fixture.repo, 'clean', '-fdq');
    const inputs = { path: fixture.repo, mode: 'files', 'dry-run': 'true', 'registries-config': fixture.registriesConf };
    const key = (u: Record<string, string>) => `${u.application}/${u.alias}`;
    const whole = await runAction(fixture, inputs);
    const shards = [await runAction(fixture, { ...inputs, shard: '1/2' }), await runAction(fixture, { ...inputs, shard: '2/2' })];
    expect(shards.map((r) => JSON.parse(r.outputs.errors).map((e: { application: string }) => e.application))).toEqual([['ApplicationSet broken'], []]);
    const all = JSON.parse(whole.outputs.updates).map(key).sort();
    const split = shards.flatMap((r) => JSON.parse(r.outputs.updates).map(key)).sort();
    expect(split).toEqual(all);
    expect(all.length).toBeGreaterThan(2);
    expect(shards.map((r) => r.code)).toEqual([whole.code, whole.code]);
  });
});
