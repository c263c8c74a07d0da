/**
 * tmpdir-guard: vitest globalSetup. Every run gets a private temp dir (TMPDIR, inherited by the test
 * workers and every process they start), so runs in other checkouts cannot disturb the count. At the
 * end, anything a test left there fails the run, naming the entries (issue 14 item 7); the dir is removed.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** LEAK_GUARD_PREFIX names the private temp dir of one test run. */
export const LEAK_GUARD_PREFIX = 'aip-test-run-';

// Caches of tools the tests start, not files of a test: tsx keeps its compile cache in <tmpdir>/tsx-<uid>.
const TOOL_CACHES = [/^tsx-\d+$/];

/** setup points TMPDIR at a fresh private dir and returns the teardown that checks it is empty. */
export default function setup(): () => void {
  const outer = process.env.TMPDIR;
  const dir = mkdtempSync(join(tmpdir(), LEAK_GUARD_PREFIX));
  process.env.TMPDIR = dir;
  return () => {
    const left = readdirSync(dir).filter((name) => !TOOL_CACHES.some((cache) => cache.test(name)));
    if (outer === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = outer;
    rmSync(dir, { recursive: true, force: true });
    if (left.length > 0) {
      throw new Error(`tests left ${left.length} entries in the temp dir (each test must remove what it makes): ${left.sort().join(', ')}`);
    }
  };
}
