/** Shared set-up of the end-to-end tests that publish through the fake GitHub. */
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { readFixtureDir } from '../../test-support/fake-github/harness.js';
import { FakeGitHub } from '../../test-support/fake-github/server.js';
import { ROOT, startFixture, type Fixture } from './fixture-repo.js';
import { runAction } from './run-action.js';

/** seededFakeGitHub starts a fake GitHub whose acme/gitops main holds the end-to-end fixture repo. */
export async function seededFakeGitHub(): Promise<FakeGitHub> {
  const github = new FakeGitHub();
  github.repo.commitFiles('main', readFixtureDir(join(ROOT, '__fixtures__/integration/repo')), 'initial');
  await github.start();
  return github;
}

/** FakeGitHubFixture is a describe block's registry fixture and seeded fake GitHub. */
export interface FakeGitHubFixture {
  readonly fixture: Fixture;
  readonly github: FakeGitHub;
  /**
   * run runs the action on acme/gitops through the fake GitHub with the fixture's registries.conf (`inputs` win);
   * `separate` writes its outputs and summary to a directory of its own, for a second run at the same time.
   */
  run(inputs?: Record<string, string>, fixture?: Fixture, separate?: boolean): ReturnType<typeof runAction>;
}

/**
 * useFakeGitHubFixture starts the registry fixture once for the describe block, and a seeded fake GitHub
 * once for the block or, with `perTest`, a fresh one for each test; it stops and removes them all after.
 */
export function useFakeGitHubFixture(options: { perTest?: boolean } = {}): FakeGitHubFixture {
  let fixture: Fixture | undefined;
  let github: FakeGitHub | undefined;
  const seed = async () => {
    github = await seededFakeGitHub();
  };
  const stop = async () => {
    await github?.stop();
    github = undefined;
  };
  beforeAll(async () => {
    fixture = await startFixture();
    if (!options.perTest) await seed();
  }, 120_000);
  if (options.perTest) {
    beforeEach(seed);
    afterEach(stop);
  }
  afterAll(async () => {
    await stop();
    await fixture?.cleanup();
  });
  return {
    get fixture() {
      return fixture!;
    },
    get github() {
      return github!;
    },
    run(inputs = {}, on = fixture!, separate = false) {
      const outDir = separate ? mkdtempSync(join(on.dir, 'run-')) : on.dir;
      return runAction(on, { repository: 'acme/gitops', token: github!.token, 'registries-config': on.registriesConf, ...inputs }, { GITHUB_API_URL: github!.url }, outDir);
    },
  };
}

/** useStaleFixture starts a second registry fixture whose newest team/web is 1.4.1 (a run reading older registry data). */
export function useStaleFixture(): () => Fixture {
  let stale: Fixture;
  beforeAll(async () => {
    stale = await startFixture();
    await stale.registry.pushImage('team/web', '1.4.1', { created: '2024-05-01T00:00:00Z' });
  }, 120_000);
  afterAll(async () => {
    await stale?.cleanup();
  });
  return () => stale;
}


/**
 * expectRebuiltOnBase asserts that a run brought a pull request behind `main` up to date: reported `updated`, its
 * branch one commit on `tip` (the current main) that still carries web-prod 1.2.0, and the summary saying why.
 */
export function expectRebuiltOnBase(github: FakeGitHub, result: Awaited<ReturnType<typeof runAction>>, pull: { number: number; branch: string }, tip: string): void {
  expect(JSON.parse(result.outputs['pull-requests'] ?? 'null')).toEqual([expect.objectContaining({ number: pull.number, operation: 'updated' })]);
  const head = github.repo.refs.get(`heads/${pull.branch}`)!;
  expect(github.repo.git.commits.get(head)!.parents).toEqual([tip]);
  expect(github.repo.files(pull.branch).get('apps/web/overlays/prod/kustomization.yaml')).toContain('newTag: 1.2.0');
  expect(result.summary).toContain(`- #${pull.number} was behind main, which requires branches to be up to date: the same change was rebuilt on the current main`);
}
