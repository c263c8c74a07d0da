import { defineConfig } from 'vitest/config';
import base from '../vitest.config.js';

// The tests Stryker runs against a stage's mutants: every test that runs our code in-process, wherever it lives. A
// stage is driven by more than its own folder (the conformance tables in __tests__/aiu drive discover, resolve,
// strategy and edit; __tests__/query and __tests__/pipeline drive discover; __tests__/report drives publish), and a
// mutant any of them kills is killed. Per-test coverage runs only the tests that reach a mutant.
// Left out: the end-to-end folders, which run dist/ in child processes that Stryker does not mutate (they could never
// kill a mutant), and __tests__/registry, which tests no stage and needs a process per file (google-auth-library keeps
// process-wide caches that Stryker's single shared test process would carry from one file to the next).
const NOT_IN_PROCESS = ['__tests__/integration/**', '__tests__/packaging/**', '__tests__/action/**', '__tests__/registry/**'];

export default defineConfig({
  ...base,
  root: new URL('..', import.meta.url).pathname,
  test: {
    ...base.test,
    // projects: undefined, so that this include is the one that counts (the base splits the suite in two projects).
    projects: undefined,
    include: ['__tests__/**/*.test.ts'],
    exclude: NOT_IN_PROCESS,
    // No dist/ build (no end-to-end test runs here, and a build in Stryker's sandbox would bundle instrumented code);
    // the private-TMPDIR guard stays. One test file at a time: Stryker itself runs with concurrency 1.
    globalSetup: ['test-support/tmpdir-guard.ts'],
    maxWorkers: 1,
  },
});
