/**
 * More of issue 9 end to end: node dist/index.js against the fake GitHub while a person acts between runs.
 * `git-branch: base:target` commits on top of a person's commits; a stale run never takes a pull request back
 * to an older tag; a filtered run keeps the other Applications' entries of a group pull request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { person } from '../../test-support/fake-github/person.js';
import type { FakeGitHub } from '../../test-support/fake-github/server.js';
import { buildDist, seededFakeGitHub } from './fake-github-fixture.js';
import { startFixture, type Fixture } from './fixture-repo.js';
import { runAction } from './run-action.js';

const PROD = 'apps/web/overlays/prod/kustomization.yaml';
const json = (text: string | undefined) => JSON.parse(text ?? 'null');

/** withPeers starts a fixture registry and a seeded fake GitHub for one describe block. */
function withPeers(): { fixture: () => Fixture; github: () => FakeGitHub } {
  let fixture: Fixture;
  let github: FakeGitHub;
  beforeAll(async () => {
    buildDist();
    fixture = await startFixture();
    github = await seededFakeGitHub();
  }, 120_000);
  afterAll(async () => {
    await github?.stop();
    await fixture?.cleanup();
  });
  return { fixture: () => fixture, github: () => github };
}

/** branchTo annotates web-prod with `git-branch: main:<target>` on the fake GitHub's main branch. */
function branchTo(github: FakeGitHub, target: string): void {
  const apps = github.repo.files('main').get('argocd/apps.yaml')!.replace(/\n {4}argocd-image-updater\.argoproj\.io\/git-branch: .*/, '');
  const annotated = apps.replace('write-back-target: kustomization\n', `write-back-target: kustomization\n    argocd-image-updater.argoproj.io/git-branch: main:${target}\n`);
  expect(annotated).not.toBe(apps);
  github.repo.commitFiles('main', { 'argocd/apps.yaml': annotated }, `web-prod commits to ${target}`);
}

const inputs = (github: FakeGitHub, fixture: Fixture, extra: Record<string, string>) => ({
  repository: 'acme/gitops', token: github.token, 'registries-config': fixture.registriesConf, ...extra,
});

describe.skipIf(!hasDockerRegistry())('the git-branch annotation base:target', () => {
  const peers = withPeers();

  it("commits on top of a person's commit on the existing target branch, never force-pushing", async () => {
    const github = peers.github();
    const alice = person(github);
    branchTo(github, 'release');
    github.repo.refs.set('heads/release', github.repo.refs.get('heads/main')!);
    const theirs = await alice.pushFiles('release', { 'apps/web/overlays/prod/NOTES.md': 'release notes\n' }, 'Release notes');
    const mainBefore = github.repo.refs.get('heads/main');

    const result = await runAction(peers.fixture(), inputs(github, peers.fixture(), { mode: 'commit', applications: 'web-prod' }), { GITHUB_API_URL: github.url });
    expect(result.code).toBe(0);
    const head = github.repo.refs.get('heads/release')!;
    expect(head).not.toBe(theirs);
    expect(github.repo.git.commits.get(head)!.parents).toEqual([theirs]);
    const files = github.repo.files('release');
    expect(files.get('apps/web/overlays/prod/NOTES.md')).toBe('release notes\n');
    expect(/newTag: (\S+)/.exec(files.get(PROD)!)?.[1]).toBe('1.2.0');
    expect(github.repo.refs.get('heads/main')).toBe(mainBefore);
    expect(json(result.outputs.updates)).toContainEqual(expect.objectContaining({ application: 'web-prod', to: '1.2.0' }));
    expect(github.violations).toEqual([]);
  }, 120_000);

  it('creates a missing target branch from base', async () => {
    const github = peers.github();
    branchTo(github, 'hotfix');
    const main = github.repo.refs.get('heads/main')!;
    expect(github.repo.refs.has('heads/hotfix')).toBe(false);
    const result = await runAction(peers.fixture(), inputs(github, peers.fixture(), { mode: 'commit', applications: 'web-prod' }), { GITHUB_API_URL: github.url });
    expect(result.code).toBe(0);
    const head = github.repo.refs.get('heads/hotfix')!;
    expect(github.repo.git.commits.get(head)!.parents).toEqual([main]);
    expect(/newTag: (\S+)/.exec(github.repo.files('hotfix').get(PROD)!)?.[1]).toBe('1.2.0');
    expect(github.repo.refs.get('heads/main')).toBe(main);
    expect(github.violations).toEqual([]);
  }, 120_000);
});

describe.skipIf(!hasDockerRegistry())('a stale run never takes a pull request back to an older tag', () => {
  const peers = withPeers();
  let stale: Fixture;
  beforeAll(async () => {
    stale = await startFixture();
    await stale.registry.pushImage('team/web', '1.4.1', { created: '2024-05-01T00:00:00Z' });
  }, 120_000);
  afterAll(async () => {
    await stale?.cleanup();
  });

  it('an open pull request proposing 1.4.2 stays at 1.4.2 and the stale run reports unchanged with the reason', async () => {
    const github = peers.github();
    await peers.fixture().registry.pushImage('team/web', '1.4.2', { created: '2024-05-02T00:00:00Z' });
    const run = (fixture: Fixture) => runAction(fixture, inputs(github, fixture, { mode: 'pull-request', applications: 'web-prod' }), { GITHUB_API_URL: github.url });
    const fresh = await run(peers.fixture());
    expect(fresh.code).toBe(0);
    const [opened] = json(fresh.outputs['pull-requests']);
    expect(opened).toMatchObject({ operation: 'created', branch: 'image-promoter/web-prod' });
    const head = github.repo.refs.get('heads/image-promoter/web-prod');
    expect(/newTag: (\S+)/.exec(github.repo.files('image-promoter/web-prod').get(PROD)!)?.[1]).toBe('1.4.2');

    const old = await run(stale);
    expect(old.code).toBe(0);
    expect(json(old.outputs['pull-requests'])).toEqual([
      expect.objectContaining({ number: opened.number, operation: 'unchanged', reason: "already proposes 1.4.2, newer than this run's 1.4.1" }),
    ]);
    expect(github.repo.refs.get('heads/image-promoter/web-prod')).toBe(head);
    expect(/newTag: (\S+)/.exec(github.repo.files('image-promoter/web-prod').get(PROD)!)?.[1]).toBe('1.4.2');
    expect(github.violations).toEqual([]);
  }, 120_000);
});
