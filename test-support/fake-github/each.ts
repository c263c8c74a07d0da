/**
 * A test file's fake GitHub (apart from harness.ts, which the benchmarks also load outside vitest).
 */
import { afterEach, expect } from 'vitest';
import type { GitHubClient } from '../../src/publish/octokit.js';
import { startFakeGitHub } from './harness.js';
import type { FakeGitHub } from './server.js';

/**
 * fakeGitHubEach is a test file's fake GitHub: `start(files)` starts one seeded with files on `main` and returns an
 * Octokit pointed at it, `fake()` is the running one; after each test it is stopped and any API violation fails the test.
 */
export function fakeGitHubEach(): { start: (files: Record<string, string>) => Promise<GitHubClient>; fake: () => FakeGitHub } {
  let current: FakeGitHub | undefined;
  afterEach(async () => {
    const running = current;
    current = undefined;
    if (!running) return;
    await running.stop();
    expect(running.violations).toEqual([]);
  });
  return {
    start: async (files) => {
      const started = await startFakeGitHub(files);
      current = started.fake;
      return started.octokit;
    },
    fake: () => current!,
  };
}
