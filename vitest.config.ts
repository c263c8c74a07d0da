import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

/**
 * Folders of pure-logic tests (parsing, strategies, editing, rendering; no shared global state). They run in one
 * worker thread, file after file, without a fresh worker per file: starting one and importing the modules again cost
 * more CPU than these tests themselves (issue 13). Every other folder keeps a process of its own per file (servers,
 * process.env, google-auth-library's caches). Vitest reads isolation per pool, hence two pools.
 */
const LOGIC = ['aiu', 'config', 'discover', 'edit', 'pipeline', 'promote', 'query', 'report', 'resolve', 'rollback', 'strategy', 'support'];
const logicFiles = LOGIC.map((dir) => `__tests__/${dir}/**/*.test.ts`);

const shared = {
  testTimeout: 30_000,
  hookTimeout: 60_000,
  pool: 'forks' as const,
  env: {
    // Tests reach loopback only: google-auth-library must never probe the real metadata server.
    METADATA_SERVER_DETECTION: 'none',
    NO_PROXY: '127.0.0.1,localhost',
  },
};

export default defineConfig({
  test: {
    ...shared,
    include: ['__tests__/**/*.test.ts'],
    // Vitest runs cpus-1 files at once: one on a 2-core machine, which then idles while a file waits on its child
    // processes (node dist/*, docker-registry, git). Two at once cut the suite's wall time there (issue 13).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // dist/ is built once before the tests (the end-to-end tests run it).
    // Each run gets a private TMPDIR; a test that leaves anything in it fails the run (issue 14 item 7).
    globalSetup: ['test-support/tmpdir-guard.ts', 'test-support/build-dist.ts'],
    poolOptions: { threads: { isolate: false, maxThreads: 1, minThreads: 1 } },
    projects: [
      { test: { ...shared, name: 'logic', include: logicFiles, pool: 'threads' } },
      { test: { ...shared, name: 'io', include: ['__tests__/**/*.test.ts'], exclude: logicFiles } },
    ],
  },
});
