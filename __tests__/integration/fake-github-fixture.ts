/** Shared set-up of the end-to-end tests that publish through the fake GitHub. */
import { join } from 'node:path';
import { readFixtureDir } from '../../test-support/fake-github/harness.js';
import { FakeGitHub } from '../../test-support/fake-github/server.js';
import { ROOT } from './fixture-repo.js';

/** seededFakeGitHub starts a fake GitHub whose acme/gitops main holds the end-to-end fixture repo. */
export async function seededFakeGitHub(): Promise<FakeGitHub> {
  const github = new FakeGitHub();
  github.repo.commitFiles('main', readFixtureDir(join(ROOT, '__fixtures__/integration/repo')), 'initial');
  await github.start();
  return github;
}
