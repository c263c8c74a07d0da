#!/usr/bin/env node
// `npm run mutate [stage...]`: mutation testing (Stryker, vitest runner, per-test coverage, incremental) of the core
// stages, one stage at a time, then the score per stage as a table read from Stryker's JSON reports.
// Not part of .ci/run: a full run takes long. Run it before resolving an issue that touches these stages.
// `npm run mutate edit -- --mutate src/edit/insert.ts,src/edit/locate.ts` mutates only those files of the stage; the
// incremental file keeps the other files' earlier results, so the table still covers the whole stage.
// `--files` adds a row per file under each stage; `--report-only` prints the table from the last reports;
// `--force` re-tests every mutant (see below).
// `--ignore-static` skips static mutants (module-level code, run once at import): per-test coverage cannot narrow
// them, so each one runs the whole in-process suite and together they take most of a run's time. They are then
// counted in the "static, not run" column and left out of the score; a later incremental run without the flag tests
// only them.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { calculateMutationTestMetrics } from 'mutation-testing-metrics';

const STAGES = ['edit', 'strategy', 'discover', 'publish', 'resolve'];
const args = process.argv.slice(2);
const reportOnly = args.includes('--report-only');
const perFile = args.includes('--files');
const mutateAt = args.indexOf('--mutate');
const mutateOnly = mutateAt >= 0 ? args.splice(mutateAt, 2)[1] : undefined;
if (mutateAt >= 0 && !mutateOnly) {
  console.error('--mutate needs a comma-separated list of files, e.g. --mutate src/edit/insert.ts');
  process.exit(2);
}
const stages = args.filter((a) => !a.startsWith('--'));
const unknown = stages.filter((s) => !STAGES.includes(s));
if (unknown.length > 0) {
  console.error(`unknown stage(s): ${unknown.join(', ')}; known: ${STAGES.join(', ')}`);
  process.exit(2);
}
const selected = stages.length > 0 ? stages : STAGES;

let failed = false;
if (!reportOnly) {
  for (const stage of selected) {
    console.log(`\n=== mutating src/${stage} ===`);
    // --force: re-test every mutant. Incremental mode reuses the results of static mutants (module-level constants,
    // covered by every test) even when their tests changed; a forced run measures those again.
    const only = [
      ...(mutateOnly ? ['--mutate', mutateOnly] : []),
      ...(args.includes('--force') ? ['--force'] : []),
      ...(args.includes('--ignore-static') ? ['--ignoreStatic'] : []),
    ];
    const run = spawnSync('npx', ['stryker', 'run', 'mutation/stryker.config.mjs', ...only], {
      stdio: 'inherit',
      env: { ...process.env, MUTATE_STAGE: stage },
    });
    if (run.status !== 0) {
      console.error(`stryker failed on src/${stage} (exit ${run.status ?? run.signal})`);
      failed = true;
    }
  }
}

function row(name, metrics) {
  const score = Number.isNaN(metrics.mutationScore) ? '-' : `${metrics.mutationScore.toFixed(1)}%`;
  const cells = [metrics.killed + metrics.timeout, metrics.survived, metrics.noCoverage, metrics.ignored, score];
  return `| \`${name}\` | ${cells.join(' | ')} |`;
}

// Every file of the result tree (directories are walked), for --files.
function fileRows(node, prefix) {
  const name = prefix ? `${prefix}/${node.name}` : node.name;
  if (node.file) return [row(name, node.metrics)];
  return node.childResults.flatMap((child) => fileRows(child, node.name === 'All files' ? prefix : name));
}

const rows = selected.flatMap((stage) => {
  const file = `reports/mutation/${stage}.json`;
  if (!existsSync(file)) return [`| \`src/${stage}\` | - | - | - | - | - | (no report: run \`npm run mutate ${stage}\`) |`];
  const tree = calculateMutationTestMetrics(JSON.parse(readFileSync(file, 'utf8'))).systemUnderTestMetrics;
  return [row(`src/${stage}`, tree.metrics), ...(perFile ? tree.childResults.flatMap((child) => fileRows(child, '')) : [])];
});
console.log('\n| stage | mutants killed | survived | not covered | static, not run | score |\n|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
process.exit(failed ? 1 : 0);
