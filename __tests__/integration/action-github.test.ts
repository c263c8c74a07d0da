/**
 * End to end through GitHub: node dist/index.js reads the manifests repo through the fake GitHub's API,
 * asks a real docker-registry, commits dev straight to main and opens pull requests for the rest, in one run.
 */
import { describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { useFakeGitHubFixture } from './fake-github-fixture.js';
import { runAction } from './run-action.js';

describe.skipIf(!hasDockerRegistry())('the action publishing through GitHub', () => {
  const peers = useFakeGitHubFixture();
  const run = () => peers.run({ labels: 'deploy' });

  it('commits dev to main and opens one pull request per other Application', async () => {
    const { github } = peers;
    const before = github.repo.refs.get('heads/main') ?? github.repo.refs.get('refs/heads/main');
    const result = await run();
    expect(result.code).toBe(0);
    const pulls = JSON.parse(result.outputs['pull-requests']);
    expect(pulls.map((p: { operation: string }) => p.operation)).toEqual(['created', 'created', 'created']);
    expect(github.repo.openPulls().map((p) => p.head).sort()).toEqual(pulls.map((p: { branch: string }) => p.branch).sort());
    const main = github.repo.files('main');
    expect(main.get('apps/web/overlays/dev/.argocd-source-web-dev.yaml')).toBe('kustomize:\n  images:\n  - registry.example.test/team/web-dev:def5678\n');
    expect(main.get('apps/web/overlays/prod/kustomization.yaml')).toContain('newTag: 1.0.0'); // prod waits for review
    const webProd = github.repo.openPulls().find((p) => p.body.includes('web-prod'))!;
    expect(webProd.body).toContain('https://github.com/acme/web/compare/1111111111111111111111111111111111111111...2222222222222222222222222222222222222222');
    expect(webProd.labels).toContain('deploy');
    expect(result.outputs['commit-sha']).toMatch(/^[0-9a-f]{40}$/);
    expect(result.outputs['commit-sha']).not.toBe(before);
    expect(github.violations).toEqual([]);
    expect(github.requests.length).toBeGreaterThan(0);
  });

  it('a second run with nothing new changes nothing and reports the pull requests unchanged', async () => {
    const { github } = peers;
    const commitsBefore = github.repo.git.commits.size;
    const result = await run();
    expect(result.code).toBe(0);
    expect(JSON.parse(result.outputs['pull-requests']).map((p: { operation: string }) => p.operation)).toEqual(['unchanged', 'unchanged', 'unchanged']);
    expect(result.outputs['commit-sha']).toBe('');
    expect(github.repo.git.commits.size).toBe(commitsBefore);
    expect(github.repo.openPulls()).toHaveLength(3);
    expect(github.violations).toEqual([]);
  });

  it('rolls back through a pull request that also ignores the replaced tag', async () => {
    const { github, fixture } = peers;
    const result = await runAction(
      fixture,
      { repository: 'acme/gitops', token: github.token, 'rollback-application': 'web-prod', 'rollback-alias': 'web', 'rollback-tag': '1.1.0' },
      { GITHUB_API_URL: github.url },
    );
    expect(result.code).toBe(0);
    expect(JSON.parse(result.outputs.updates)).toEqual([expect.objectContaining({ application: 'web-prod', from: '1.0.0', to: '1.1.0', strategy: 'rollback', mode: 'pull-request' })]);
    const [pull] = JSON.parse(result.outputs['pull-requests']);
    expect(pull.operation).toBe('created');
    const opened = github.repo.openPulls().find((p) => p.number === pull.number)!;
    const files = github.repo.files(opened.head);
    expect(files.get('apps/web/overlays/prod/kustomization.yaml')).toContain('newTag: 1.1.0');
    expect(files.get('argocd/apps.yaml')).toContain('argocd-image-updater.argoproj.io/web.ignore-tags: latest,1.0.0');
    expect(opened.labels).toContain('rollback');
    expect(github.violations).toEqual([]);
  });
});
