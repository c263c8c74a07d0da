/** The GitHub client gives up on a rate limit after its retries, and says so (built as a run builds it, waits off). */
import { afterEach, expect, it } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { MemoryLogger } from '../../src/logger.js';
import { TEST_ONLY_NO_WAITS } from '../../src/publish/octokit.js';
import { connectGitHub } from '../../src/run.js';
import { FakeGitHub } from '../../test-support/fake-github/server.js';

let github: FakeGitHub | undefined;
afterEach(async () => {
  await github!.stop();
});

it('gives up on a secondary rate limit after two retries, with a warning for each', async () => {
  github = new FakeGitHub();
  await github.start();
  const logger = new MemoryLogger();
  const limited = { status: 403, body: { message: 'You have exceeded a secondary rate limit.' }, headers: { 'retry-after': '30' }, assumed: true };
  github.inject({ operation: 'git/create-blob', reply: limited, times: 3 });
  const config = { repository: { owner: 'acme', repo: 'gitops' }, token: github.token, baseBranch: 'main' } as Config;
  const { octokit } = await connectGitHub(config, { GITHUB_API_URL: github.url, [TEST_ONLY_NO_WAITS]: '1' }, logger);
  await expect(octokit.rest.git.createBlob({ owner: 'acme', repo: 'gitops', content: 'x', encoding: 'utf-8' })).rejects.toMatchObject({ status: 403 });
  const on = 'GitHub secondary rate limit on POST /repos/{owner}/{repo}/git/blobs';
  expect(logger.messages('warning')).toEqual([`${on}; waiting 30s before retry 1`, `${on}; waiting 30s before retry 2`, `${on}; giving up after 2 retries`]);
  expect(github.count('git/create-blob')).toBe(3);
});
