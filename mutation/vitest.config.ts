import { defineConfig } from 'vitest/config';
import base from '../vitest.config.js';

// The tests Stryker runs against a stage's mutants: that stage's own unit and property tests (__tests__/<stage>/**)
// and the in-process argocd-image-updater conformance tables (__tests__/aiu/**, which drive discover, resolve,
// strategy and edit). End-to-end tests run dist/, which Stryker does not mutate, so they could never kill a mutant.
const stage = process.env.MUTATE_STAGE ?? 'edit';

export default defineConfig({
  ...base,
  root: new URL('..', import.meta.url).pathname,
  test: {
    ...base.test,
    // projects: undefined, so that this include is the one that counts (the base splits the suite in two projects).
    projects: undefined,
    include: [`__tests__/${stage}/**/*.test.ts`, '__tests__/aiu/**/*.test.ts'],
    // No dist/ build (no end-to-end test runs here, and a build in Stryker's sandbox would bundle instrumented code);
    // the private-TMPDIR guard stays. One test file at a time: Stryker itself runs with concurrency 1.
    globalSetup: ['test-support/tmpdir-guard.ts'],
    maxWorkers: 1,
  },
});
