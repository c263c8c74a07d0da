/**
 * Mode precedence through the built CLI against the fake GitHub: `apply --repository --mode pull-request`
 * never commits web-dev (annotated `publish-mode: commit`) straight to main; without --mode the
 * annotation decides, as in the action. --json prints a report on every run.
 */
import { describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { useFakeGitHubFixture } from './fake-github-fixture.js';
import { runCli } from './run-action.js';

const DEV = 'apps/web/overlays/dev/.argocd-source-web-dev.yaml';

describe.skipIf(!hasDockerRegistry())('CLI apply --repository: --mode against the publish-mode annotation', () => {
  const peers = useFakeGitHubFixture({ perTest: true });

  async function apply(...args: string[]) {
    const { fixture, github } = peers;
    const argv = ['apply', '--repository', 'acme/gitops', '--registries-config', fixture.registriesConf, '--docker-config', '{"auths":{}}', '--json', ...args];
    const { code, stdout, stderr } = await runCli(fixture, argv, { GITHUB_TOKEN: github.token, GITHUB_API_URL: github.url });
    return { code, report: JSON.parse(stdout), stderr };
  }

  it('--json prints a report even when the run stops early (a base branch that does not exist)', async () => {
    const { code, report, stderr } = await apply('--base-branch', 'no-such-branch');
    expect(code).toBe(1);
    expect(report.errors).toEqual([{ application: '(run)', message: expect.stringMatching(/branch no-such-branch does not exist in acme\/gitops .*the token cannot see acme\/gitops/) }]);
    expect(report.updates).toEqual([]);
    expect(stderr).toMatch(/^argocd-image-promoter: /m);
    expect(stderr).not.toContain('argocd-image-promoter: argocd-image-promoter:');
  });

  it('--mode pull-request: web-dev gets a pull request, nothing is committed to main, and the report says why', async () => {
    const { github } = peers;
    const main = github.repo.refs.get('heads/main');
    const { report } = await apply('--mode', 'pull-request', '--applications', 'web-dev,web-prod');
    expect(github.repo.files('main').get(DEV)).toBeUndefined();
    expect(report['commit-sha']).toBeNull();
    expect(report.updates.map((u: { application: string; mode: string }) => [u.application, u.mode]).sort()).toEqual([['web-dev', 'pull-request'], ['web-prod', 'pull-request']]);
    expect(github.repo.openPulls().map((p) => p.head).sort()).toEqual(['image-promoter/web-dev', 'image-promoter/web-prod']);
    expect(report.warnings.map((w: { message: string }) => w.message)).toContain('web-dev: publish-mode annotation says commit, but this run was asked for mode pull-request, which is stricter; its changes are published as pull-request');
    expect(github.repo.refs.get('heads/main')).toBe(main);
    expect(github.violations).toEqual([]);
  });

  it('without --mode the annotation decides: web-dev is committed to main, web-prod gets a pull request', async () => {
    const { github } = peers;
    const { report } = await apply('--applications', 'web-dev,web-prod');
    expect(github.repo.files('main').get(DEV)).toContain('def5678');
    expect(report['commit-sha']).toBe(github.repo.refs.get('heads/main'));
    expect(github.repo.openPulls().map((p) => p.head)).toEqual(['image-promoter/web-prod']);
    expect(report.warnings).toEqual([]);
    expect(github.violations).toEqual([]);
  });
});
