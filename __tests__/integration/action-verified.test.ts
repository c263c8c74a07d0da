/**
 * Verified commits, as GitHub decides them: node dist/index.js against the fake GitHub, which signs
 * API commits only for App installation tokens (ghs_, GITHUB_TOKEN included) without a custom author.
 * The default (no commit-author) gives Verified commits; commit-author or a PAT does not (README: Tokens).
 */
import { describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { useFakeGitHubFixture } from './fake-github-fixture.js';

describe.skipIf(!hasDockerRegistry())('the action: which commits GitHub shows as Verified', () => {
  const peers = useFakeGitHubFixture({ perTest: true });

  const cases: { name: string; pat: boolean; inputs: Record<string, string>; verified: boolean }[] = [
    { name: 'an App token (or GITHUB_TOKEN) without commit-author: Verified', pat: false, inputs: {}, verified: true },
    { name: 'commit-author set: not Verified', pat: false, inputs: { 'commit-author': 'Deploy Bot <deploy@example.com>' }, verified: false },
    { name: 'a personal access token: not Verified', pat: true, inputs: {}, verified: false },
  ];
  it.each(cases)('$name', async ({ pat, inputs, verified }) => {
    const { github } = peers;
    const result = await peers.run({ token: pat ? github.patToken : github.token, applications: 'web-dev', ...inputs });
    expect(result.code).toBe(0);
    const sha = result.outputs['commit-sha'];
    expect(sha).toBe(github.repo.refs.get('heads/main'));
    expect(github.repo.git.commits.get(sha)!.verified).toBe(verified);
    expect(github.violations).toEqual([]);
  });
});
