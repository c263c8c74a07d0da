/**
 * Pacing of the GitHub client (issue 13), built by connectGitHub from the environment as the action and the CLI
 * build it: production paces writes (plugin-throttling, one at a time, a second apart); only the test-only
 * variable TEST_ONLY_NO_WAITS removes the waiting, and nothing else: a secondary rate limit is still retried and
 * logged. Concurrency is observed around the real fetch against the fake GitHub; no wall-clock time is asserted.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Config } from '../../src/config/config.js';
import { type Logger, MemoryLogger } from '../../src/logger.js';
import { TEST_ONLY_NO_WAITS, testOnlyWaits } from '../../src/publish/octokit.js';
import { connectGitHub } from '../../src/run.js';
import { FakeGitHub } from '../../test-support/fake-github/server.js';

const HOLD_MS = 500;
let github: FakeGitHub;
beforeEach(async () => {
  github = new FakeGitHub();
  await github.start();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await github.stop();
});

/** client connects to the fake GitHub the way a run does, with `env` as the process environment. */
async function client(env: Record<string, string | undefined>, logger?: Logger) {
  const config = { repository: { owner: 'acme', repo: 'gitops' }, token: github.token, baseBranch: 'main' } as Config;
  return (await connectGitHub(config, { GITHUB_API_URL: github.url, ...env }, logger)).octokit;
}

/**
 * writesAtOnce sends two blob writes together and returns how many were ever in flight at the same time.
 * The first write is held (for at most HOLD_MS) until the second one is sent, so an unpaced client shows 2
 * however loaded the machine is; a paced client never sends the second while the first is in flight.
 */
async function writesAtOnce(env: Record<string, string | undefined>): Promise<number> {
  const realFetch = globalThis.fetch;
  let sent = 0;
  let inFlight = 0;
  let most = 0;
  let bothSent = () => {};
  const second = new Promise<void>((resolve) => (bothSent = resolve));
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input, init) => {
    const write = (init?.method ?? 'GET') !== 'GET';
    if (!write) return realFetch(input, init);
    most = Math.max(most, ++inFlight);
    if (++sent === 2) bothSent();
    try {
      await Promise.race([second, new Promise((resolve) => setTimeout(resolve, HOLD_MS))]);
      return await realFetch(input, init);
    } finally {
      inFlight--;
    }
  });
  const octokit = await client(env);
  const blob = (content: string) => octokit.rest.git.createBlob({ owner: 'acme', repo: 'gitops', content, encoding: 'utf-8' });
  await Promise.all([blob('one'), blob('two')]);
  expect(github.count('git/create-blob')).toBe(2);
  return most;
}

describe('the GitHub client pacing', () => {
  it('issue 13: without the test-only variable writes are paced: two writes are never in flight at once', async () => {
    expect(testOnlyWaits({})).toEqual({});
    expect(testOnlyWaits({ [TEST_ONLY_NO_WAITS]: 'true' })).toEqual({});
    expect(await writesAtOnce({})).toBe(1);
  });

  it('issue 13: the test-only variable removes the pacing (both writes go at once)', async () => {
    expect(await writesAtOnce({ [TEST_ONLY_NO_WAITS]: '1' })).toBe(2);
  });

  it('issue 13: the test-only variable removes only waiting: a secondary rate limit is still retried and logged', async () => {
    const logger = new MemoryLogger();
    const limited = { status: 403, body: { message: 'You have exceeded a secondary rate limit.' }, headers: { 'retry-after': '30' }, assumed: true };
    github.inject({ operation: 'git/create-blob', reply: limited });
    const octokit = await client({ [TEST_ONLY_NO_WAITS]: '1' }, logger);
    const { status } = await octokit.rest.git.createBlob({ owner: 'acme', repo: 'gitops', content: 'x', encoding: 'utf-8' });
    expect(status).toBe(201);
    expect(github.count('git/create-blob')).toBe(2);
    expect(logger.messages('warning')).toEqual(['GitHub secondary rate limit on POST /repos/{owner}/{repo}/git/blobs; waiting 30s before retry 1']);
  });
});
