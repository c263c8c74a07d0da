/**
 * Verified commits, as GitHub decides them: node dist/index.js against the fake GitHub, which signs
 * API commits only for App installation tokens (ghs_, GITHUB_TOKEN included) without a custom author.
 * The default (no commit-author) gives Verified commits; commit-author or a PAT does not (README: Tokens).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import type { FakeGitHub } from '../../test-support/fake-github/server.js';
import { seededFakeGitHub } from './fake-github-fixture.js';
import { startFixture, type Fixture } from './fixture-repo.js';
import { runAction } from './run-action.js';

describe.skipIf(!hasDockerRegistry())('the action: which commits GitHub shows as Verified', () => {
  let fixture: Fixture;
  let github: FakeGitHub | undefined;
  beforeAll(async () => {
    fixture = await startFixture();
  }, 120_000);
  afterAll(async () => {
    await fixture?.cleanup();
  });
  afterEach(async () => {
    await github?.stop();
  });

  const cases: { name: string; pat: boolean; inputs: Record<string, string>; verified: boolean }[] = [
    { name: 'an App token (or GITHUB_TOKEN) without commit-author: Verified', pat: false, inputs: {}, verified: true },
    { name: 'commit-author set: not Verified', pat: false, inputs: { 'commit-author': 'Deploy Bot <deploy@example.com>' }, verified: false },
    { name: 'a personal access token: not Verified', pat: true, inputs: {}, verified: false },
  ];
  it.each(cases)('$name', async ({ pat, inputs, verified }) => {
    github = await seededFakeGitHub();
    const token = pat ? github.patToken : github.token;
    const result = await runAction(fixture, { repository: 'acme/gitops', token, 'registries-config': fixture.registriesConf, applications: 'web-dev', ...inputs }, { GITHUB_API_URL: github.url });
    expect(result.code).toBe(0);
    const sha = result.outputs['commit-sha'];
    expect(sha).toBe(github.repo.refs.get('heads/main'));
    expect(github.repo.git.commits.get(sha)!.verified).toBe(verified);
    expect(github.violations).toEqual([]);
  });
});
