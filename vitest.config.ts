import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['__tests__/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest runs cpus-1 files at once: one on a 2-core machine, which then idles while a file waits on its child
    // processes (node dist/*, docker-registry, git). Two at once cut the suite's wall time there (issue 13).
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // dist/ is built once before the tests (the end-to-end tests run it).
    // Each run gets a private TMPDIR; a test that leaves anything in it fails the run (issue 14 item 7).
    globalSetup: ['test-support/tmpdir-guard.ts', 'test-support/build-dist.ts'],
    env: {
      // Tests reach loopback only: google-auth-library must never probe the real metadata server.
      METADATA_SERVER_DETECTION: 'none',
      NO_PROXY: '127.0.0.1,localhost',
    },
  },
});
