// Stryker configuration for ONE stage of `npm run mutate` (scripts/mutate.mjs runs the stages one after the other).
// The stage comes from MUTATE_STAGE (e.g. "edit" mutates src/edit/** against the tests in __tests__/edit/**).
// Incremental mode: each stage keeps its own result file under reports/mutation/ (gitignored: it is machine-local
// and changes on every run), so a rerun only re-tests the mutants whose code or covering tests changed.
const stage = process.env.MUTATE_STAGE;
if (!stage) throw new Error('MUTATE_STAGE is not set: run `npm run mutate` (scripts/mutate.mjs) instead of stryker directly');

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'mutation/vitest.config.ts', related: false },
  coverageAnalysis: 'perTest',
  mutate: [`src/${stage}/**/*.ts`],
  // 2 cores shared by the whole team: one test process at a time.
  concurrency: 1,
  incremental: true,
  incrementalFile: `reports/mutation/${stage}.incremental.json`,
  reporters: ['json', 'clear-text', 'progress'],
  jsonReporter: { fileName: `reports/mutation/${stage}.json` },
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  // Not copied into the sandbox: the hostile fixtures hold links that point nowhere on purpose (end-to-end tests
  // only), and build output, reports and the other stages' sandboxes (stages may run at once) are not inputs.
  ignorePatterns: ['__fixtures__/hostile', 'dist', 'reports', '.cache', '.stryker-tmp'],
  tempDirName: `.stryker-tmp/${stage}`,
  cleanTempDir: 'always',
  timeoutMS: 20_000,
  thresholds: { high: 90, low: 85, break: null },
};
