/**
 * A local checkout is read as the repository it is (issue 10): `--path` in a subfolder reads the enclosing git
 * root, and the origin remote names the repository, so the checkout plan skips what the API plan skips, for
 * the same reason. The built CLI (node dist/cli.js) against a real docker-registry and the fake GitHub.
 */
import { realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { readFixtureDir } from '../../test-support/fake-github/harness.js';
import { FakeGitHub } from '../../test-support/fake-github/server.js';
import { cli, copyRepo, git, ROOT, startFixture, type Fixture } from './fixture-repo.js';
import { runAction, runCli } from './run-action.js';

const OTHER_REPOS = '__fixtures__/layouts/other-repos';
const SKIPPED_API = { application: 'api', alias: null, reason: 'its source repository git@github.com:acme/charts.git is not this repository; set git-repository if its files live here' };
const SKIPPED_CHART = {
  application: 'chart-web',
  alias: null,
  reason:
    'it has several sources and no write-back-target: the updater would write .argocd-source-chart-web.yaml for the chart web from the Helm repository https://charts.example.com where Argo CD does not read it, and Argo CD never reads one from the ref source "values". Set write-back-target: helmvalues:/values/chart-web/values.yaml (the values file the chart reads).',
};

let fixture: Fixture;
beforeAll(async () => {
  if (hasDockerRegistry()) fixture = await startFixture('__fixtures__/layouts/per-cluster');
});
afterAll(() => fixture?.cleanup());

const plan = (...args: string[]) => {
  const result = cli(fixture, 'plan', '--json', ...args);
  return { ...result, report: JSON.parse(result.stdout) };
};
const summary = (report: { updates: { application: string; to: string; file: string }[]; skipped: unknown[]; 'configured-by': unknown }) => ({
  updates: report.updates.map((u) => [u.application, u.to, u.file]),
  skipped: report.skipped,
  configuredBy: report['configured-by'],
});
const CONFIGURED_BY = { web: 'annotations', 'cr-web': 'ImageUpdater team (argocd/updater.yaml:3)' };

describe.skipIf(!hasDockerRegistry())('--path in a subfolder of a git checkout', () => {
  it('reads the enclosing git root, says so in one line, and plans what a run at the root plans', () => {
    const sub = join(fixture.repo, 'argocd-apps/prod');
    const fromSub = plan('--path', sub);
    const fromRoot = plan('--path', fixture.repo);
    expect(fromSub.stderr).toContain(`reading ${realpathSync(fixture.repo)}, the git root of ${sub}\n`);
    expect(fromRoot.stderr).not.toContain('the git root of');
    expect(summary(fromSub.report)).toEqual(summary(fromRoot.report));
    expect(fromSub.report.updates.map((u: { file: string }) => u.file)).toContain('envs/prod/kustomization.yaml');
  });
});

describe.skipIf(!hasDockerRegistry())('a multi-source Application with no writable target', () => {
  it('apply skips it with the helmvalues target to set, and writes no .argocd-source file anywhere', () => {
    const repo = copyRepo(fixture, OTHER_REPOS, 'multi-source', { git: true, origin: 'git@github.com:acme/gitops.git' });
    const result = cli(fixture, 'apply', '--json', '--mode', 'files', '--path', repo);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).skipped).toContainEqual(SKIPPED_CHART);
    expect(git(repo, 'status', '--porcelain', '--untracked-files=all').split('\n').filter(Boolean)).toEqual([' M envs/cr-web/kustomization.yaml', ' M envs/web/kustomization.yaml']);
  });
});

describe.skipIf(!hasDockerRegistry())('local checkout and API plan agree on Applications of other repositories', () => {
  it('origin acme/gitops: the Application whose repoURL is acme/charts is skipped with the API reason', async () => {
    const repo = copyRepo(fixture, OTHER_REPOS, 'other-repos', { git: true, origin: 'https://github.com/acme/gitops.git' });
    const local = plan('--path', repo);
    expect(local.code).toBe(0);
    expect(summary(local.report)).toEqual({
      updates: [['cr-web', '1.2.0', 'envs/cr-web/kustomization.yaml'], ['web', '1.1.0', 'envs/web/kustomization.yaml']],
      skipped: [SKIPPED_API, SKIPPED_CHART],
      configuredBy: CONFIGURED_BY,
    });

    const github = new FakeGitHub();
    github.repo.commitFiles('main', readFixtureDir(join(ROOT, OTHER_REPOS)), 'initial');
    await github.start();
    try {
      const argv = ['apply', '--dry-run', '--json', '--repository', 'acme/gitops', '--registries-config', fixture.registriesConf, '--docker-config', '{"auths":{}}'];
      const api = await runCli(fixture, argv, { GITHUB_TOKEN: github.token, GITHUB_API_URL: github.url });
      expect(api.stderr).toBe('');
      expect(summary(JSON.parse(api.stdout))).toEqual(summary(local.report));
    } finally {
      await github.stop();
    }
  });

  it('no origin remote: said once, and every Application is taken to be in this repository (today\'s rule)', () => {
    const repo = copyRepo(fixture, OTHER_REPOS, 'no-origin', { git: true });
    const local = plan('--path', repo);
    expect(local.stderr.split(`${realpathSync(repo)} has no remote "origin"`)).toHaveLength(2);
    expect(local.report.skipped).toEqual([SKIPPED_CHART]);
    expect(local.report.updates.map((u: { application: string }) => u.application)).toEqual(['cr-web', 'web']);
  });
});

describe.skipIf(!hasDockerRegistry())('which configuration source each Application used (divergence 13)', () => {
  it('the action: the configured-by output and a Configured by table in the job summary', async () => {
    const repo = copyRepo(fixture, OTHER_REPOS, 'configured-by', { git: true, origin: 'https://github.com/acme/gitops.git' });
    const result = await runAction(fixture, { path: repo, mode: 'files', 'dry-run': 'true', 'registries-config': fixture.registriesConf });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.outputs['configured-by'])).toEqual(CONFIGURED_BY);
    expect(result.summary).toContain('| Configured by | Applications |\n| --- | --- |\n| ImageUpdater team (argocd/updater.yaml:3) | cr-web |\n| annotations | web |\n');
  });

  it('the CLI table: one line per source', () => {
    const repo = copyRepo(fixture, OTHER_REPOS, 'configured-by-cli', { git: true, origin: 'https://github.com/acme/gitops.git' });
    const result = cli(fixture, 'plan', '--path', repo);
    expect(result.stdout).toContain('configured by ImageUpdater team (argocd/updater.yaml:3): cr-web\nconfigured by annotations: web\n');
  });
});
