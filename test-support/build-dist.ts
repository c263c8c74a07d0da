/**
 * build-dist: vitest globalSetup. Builds dist/ once, before any test file runs, so the end-to-end tests run
 * `node dist/index.js` / `node dist/cli.js` from the current src/. Building inside test files raced: the build
 * removes dist/ first, and a test in another worker could start the CLI in that moment.
 */
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

/** setup builds dist/ from src/ with the project's own build script. */
export default function setup(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
}
