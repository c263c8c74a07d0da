/**
 * What a normal publish costs (issue 9): node dist/index.js opening an auto-merge pull request with labels and a reviewer, then
 * updating it with a newer tag, counted from the fake GitHub's request log. The publish part (from listing our pull
 * requests on) stays at 8 requests or fewer either way: GitHub's secondary limits count content-creating requests.
 */
import { describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { useFakeGitHubFixture } from './fake-github-fixture.js';

describe.skipIf(!hasDockerRegistry())('requests of a normal publish', () => {
  const peers = useFakeGitHubFixture();
  const run = () => peers.run({ mode: 'auto-merge', applications: 'web-prod', labels: 'deploy', reviewers: 'alice' });
  const publishOps = (since: number) => {
    const ops = peers.github.requests.slice(since).map((r) => r.operation);
    return ops.slice(ops.indexOf('pulls/list'));
  };

  it('opening an auto-merge pull request with labels and a reviewer takes 8 publish requests, updating it 8 too (4 reads before)', async () => {
    const opened = peers.github.requests.length;
    expect((await run()).code).toBe(0);
    expect(peers.github.requests.slice(opened, opened + 4).map((r) => r.operation)).toEqual(['repos/get', 'git/get-ref', 'git/get-tree', 'graphql']);
    expect(publishOps(opened)).toEqual(['pulls/list', 'git/create-tree', 'git/create-commit', 'git/create-ref', 'pulls/create', 'issues/add-labels', 'pulls/request-reviewers', 'graphql']);

    await peers.fixture.registry.pushImage('team/web', '1.4.2', { created: '2024-06-01T00:00:00Z' });
    const updated = peers.github.requests.length;
    expect((await run()).code).toBe(0);
    expect(publishOps(updated)).toEqual(['pulls/list', 'git/create-tree', 'git/create-commit', 'graphql', 'pulls/update', 'issues/add-labels', 'pulls/request-reviewers', 'graphql']);
    expect(publishOps(updated).length).toBeLessThanOrEqual(8);
    expect(peers.github.repo.openPulls()).toEqual([expect.objectContaining({ labels: ['deploy'], autoMerge: { mergeMethod: 'SQUASH' } })]);
    expect(peers.github.violations).toEqual([]);
  }, 120_000);
});
