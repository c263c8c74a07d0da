/** Shared set-up of the end-to-end tests that publish through the fake GitHub. */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { readFixtureDir } from '../../test-support/fake-github/harness.js';
import { FakeGitHub } from '../../test-support/fake-github/server.js';
import { ROOT } from './fixture-repo.js';

/** buildDist builds dist/ as the runner would run it. */
export function buildDist(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT });
}

/** seededFakeGitHub starts a fake GitHub whose acme/gitops main holds the end-to-end fixture repo. */
export async function seededFakeGitHub(): Promise<FakeGitHub> {
  const github = new FakeGitHub();
  github.repo.commitFiles('main', readFixtureDir(join(ROOT, '__fixtures__/integration/repo')), 'initial');
  await github.start();
  return github;
}
