/**
 * tempDir: a temp dir that is removed when the test file that made it ends (issue 14 item 7: every test
 * cleans up what it makes; test-support/tmpdir-guard.ts fails the run otherwise). For tests only: it
 * registers a vitest afterAll hook on the test file that imports it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

afterAll(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** tempDir makes `<tmpdir>/<prefix>XXXXXX` and removes it after the test file. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}
