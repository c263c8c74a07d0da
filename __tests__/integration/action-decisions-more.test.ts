/**
 * More of issue 9 end to end: node dist/index.js against the fake GitHub while a person acts between runs.
 * `git-branch: base:target` commits on top of a person's commits; a stale run never takes a pull request back
 * to an older tag; a filtered run keeps the other Applications' entries of a group pull request; same-named
 * Applications in two namespaces get their own pull requests; runs in parallel never leave an older change.
 */
import { describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { person } from '../../test-support/fake-github/person.js';
import type { FakeGitHub } from '../../test-support/fake-github/server.js';
import { useFakeGitHubFixture, useStaleFixture, type FakeGitHubFixture } from './fake-github-fixture.js';
import type { Fixture } from './fixture-repo.js';

const PROD = 'apps/web/overlays/prod/kustomization.yaml';
const json = (text: string | undefined) => JSON.parse(text ?? 'null');

/** newTag reads web-prod's tag on a branch of the fake GitHub. */
const newTag = (github: FakeGitHub, branch: string) => /newTag: (\S+)/.exec(github.repo.files(branch).get(PROD) ?? '')?.[1];

/** runWebProd runs the action in pull-request mode for web-prod against the registry of `fixture`. */
const runWebProd = (peers: FakeGitHubFixture, fixture: Fixture) => peers.run({ mode: 'pull-request', applications: 'web-prod' }, fixture);

/** branchTo annotates web-prod with `git-branch: main:<target>` on the fake GitHub's main branch. */
function branchTo(github: FakeGitHub, target: string): void {
  const apps = github.repo.files('main').get('argocd/apps.yaml')!.replace(/\n {4}argocd-image-updater\.argoproj\.io\/git-branch: .*/, '');
  const annotated = apps.replace('write-back-target: kustomization\n', `write-back-target: kustomization\n    argocd-image-updater.argoproj.io/git-branch: main:${target}\n`);
  expect(annotated).not.toBe(apps);
  github.repo.commitFiles('main', { 'argocd/apps.yaml': annotated }, `web-prod commits to ${target}`);
}

describe.skipIf(!hasDockerRegistry())('the git-branch annotation base:target', () => {
  const peers = useFakeGitHubFixture();

  it("commits on top of a person's commit on the existing target branch, never force-pushing", async () => {
    const { github } = peers;
    const alice = person(github);
    branchTo(github, 'release');
    github.repo.refs.set('heads/release', github.repo.refs.get('heads/main')!);
    const theirs = await alice.pushFiles('release', { 'apps/web/overlays/prod/NOTES.md': 'release notes\n' }, 'Release notes');
    const mainBefore = github.repo.refs.get('heads/main');

    const result = await peers.run({ mode: 'commit', applications: 'web-prod' });
    expect(result.code).toBe(0);
    const head = github.repo.refs.get('heads/release')!;
    expect(head).not.toBe(theirs);
    expect(github.repo.git.commits.get(head)!.parents).toEqual([theirs]);
    expect(github.repo.files('release').get('apps/web/overlays/prod/NOTES.md')).toBe('release notes\n');
    expect(newTag(github, 'release')).toBe('1.2.0');
    expect(github.repo.refs.get('heads/main')).toBe(mainBefore);
    expect(json(result.outputs.updates)).toContainEqual(expect.objectContaining({ application: 'web-prod', to: '1.2.0' }));
    expect(github.violations).toEqual([]);
  }, 120_000);

  it('creates a missing target branch from base', async () => {
    const { github } = peers;
    branchTo(github, 'hotfix');
    const main = github.repo.refs.get('heads/main')!;
    expect(github.repo.refs.has('heads/hotfix')).toBe(false);
    const result = await peers.run({ mode: 'commit', applications: 'web-prod' });
    expect(result.code).toBe(0);
    const head = github.repo.refs.get('heads/hotfix')!;
    expect(github.repo.git.commits.get(head)!.parents).toEqual([main]);
    expect(newTag(github, 'hotfix')).toBe('1.2.0');
    expect(github.repo.refs.get('heads/main')).toBe(main);
    expect(github.violations).toEqual([]);
  }, 120_000);
});

describe.skipIf(!hasDockerRegistry())('a stale run never takes a pull request back to an older tag', () => {
  const peers = useFakeGitHubFixture();
  const stale = useStaleFixture();

  it('an open pull request proposing 1.4.2 stays at 1.4.2 and the stale run reports unchanged with the reason', async () => {
    const { github, fixture } = peers;
    await fixture.registry.pushImage('team/web', '1.4.2', { created: '2024-05-02T00:00:00Z' });
    const fresh = await runWebProd(peers, fixture);
    expect(fresh.code).toBe(0);
    const [opened] = json(fresh.outputs['pull-requests']);
    expect(opened).toMatchObject({ operation: 'created', branch: 'image-promoter/web-prod' });
    const head = github.repo.refs.get('heads/image-promoter/web-prod');
    expect(newTag(github, 'image-promoter/web-prod')).toBe('1.4.2');

    const old = await runWebProd(peers, stale());
    expect(old.code).toBe(0);
    expect(json(old.outputs['pull-requests'])).toEqual([
      expect.objectContaining({ number: opened.number, operation: 'unchanged', reason: "already proposes 1.4.2, newer than this run's 1.4.1" }),
    ]);
    expect(old.summary).toContain(`- web-prod: ${opened.url} already proposes registry.example.test/team/web 1.4.2, newer than 1.4.1 by its semver order (this run read older registry data); the pull request is left unchanged`);
    expect(github.repo.refs.get('heads/image-promoter/web-prod')).toBe(head);
    expect(newTag(github, 'image-promoter/web-prod')).toBe('1.4.2');
    expect(github.violations).toEqual([]);
  }, 120_000);
});

describe.skipIf(!hasDockerRegistry())('a filtered run keeps the other entries of a group pull request', () => {
  const peers = useFakeGitHubFixture();
  const branch = 'image-promoter/group+everything';

  it('applications: api updates the api entry; the pull request still carries web-prod, worker and the file it creates for web-dev', async () => {
    const { github, fixture } = peers;
    const run = (extra: Record<string, string> = {}) => peers.run({ mode: 'pull-request', group: 'everything', ...extra });
    const full = await run();
    expect(full.code).toBe(0);
    const [opened] = json(full.outputs['pull-requests']).filter((p: { branch: string }) => p.branch === branch);
    expect(opened.applications.sort()).toEqual(['api', 'web-dev', 'web-prod', 'worker']);

    await fixture.registry.pushImage('team/api', '2.0.9', { created: '2024-04-01T00:00:00Z' });
    const filtered = await run({ applications: 'api' });
    expect(filtered.code).toBe(0);
    expect(json(filtered.outputs['pull-requests'])).toEqual([expect.objectContaining({ number: opened.number, operation: 'updated' })]);
    const files = github.repo.files(branch);
    expect(files.get('apps/api/values.yaml')).toContain('tag: "2.0.9"');
    expect(newTag(github, branch)).toBe('1.2.0');
    expect(files.get('apps/worker/deployment.yaml')).toContain('registry.example.test/team/worker:a1');
    expect(files.get('apps/web/overlays/dev/.argocd-source-web-dev.yaml')).toContain('def5678');
    expect(json(filtered.outputs['pull-requests'])[0].applications.sort()).toEqual(['api', 'web-dev', 'web-prod', 'worker']);
    expect(github.repo.openPulls().map((p) => p.number)).toEqual([opened.number]);
    expect(github.violations).toEqual([]);
  }, 120_000);
});

describe.skipIf(!hasDockerRegistry())('Applications with the same name in different namespaces', () => {
  const peers = useFakeGitHubFixture();

  it('get different branches and pull requests', async () => {
    const { github } = peers;
    const deployment = (dir: string) => github.repo.files('main').get('apps/worker/deployment.yaml')!.replace('name: worker', `name: ${dir}`);
    const app = (namespace: string) => [
      'apiVersion: argoproj.io/v1alpha1', 'kind: Application', 'metadata:', '  name: edge', `  namespace: ${namespace}`, '  annotations:',
      '    argocd-image-updater.argoproj.io/image-list: worker=registry.example.test/team/worker',
      '    argocd-image-updater.argoproj.io/worker.update-strategy: newest-build',
      'spec:', '  source:', '    repoURL: https://github.com/acme/gitops.git', `    path: apps/edge-${namespace}`,
    ].join('\n');
    github.repo.commitFiles('main', {
      'argocd/edge.yaml': `${app('team-a')}\n---\n${app('team-b')}\n`,
      'apps/edge-team-a/deployment.yaml': deployment('edge-a'),
      'apps/edge-team-b/deployment.yaml': deployment('edge-b'),
    }, 'two Applications named edge');
    const result = await peers.run({ mode: 'pull-request', applications: 'edge' });
    expect(result.code).toBe(0);
    const pulls = json(result.outputs['pull-requests']);
    expect(pulls.map((p: { branch: string }) => p.branch).sort()).toEqual(['image-promoter/team-a_edge', 'image-promoter/team-b_edge']);
    expect(new Set(pulls.map((p: { number: number }) => p.number)).size).toBe(2);
    expect(github.repo.files('image-promoter/team-a_edge').get('apps/edge-team-a/deployment.yaml')).toContain('worker:a1');
    expect(github.repo.files('image-promoter/team-a_edge').get('apps/edge-team-b/deployment.yaml')).toContain('worker:a0');
    expect(github.repo.files('image-promoter/team-b_edge').get('apps/edge-team-b/deployment.yaml')).toContain('worker:a1');
    expect(github.repo.files('image-promoter/team-b_edge').get('apps/edge-team-a/deployment.yaml')).toContain('worker:a0');
    expect(github.repo.openPulls()).toHaveLength(2);
    expect(github.violations).toEqual([]);
  }, 120_000);
});

describe.skipIf(!hasDockerRegistry())('runs in parallel never leave a pull request older than the newest run proposed', () => {
  const peers = useFakeGitHubFixture();
  const stale = useStaleFixture();

  it('a fresh and a stale node dist/index.js at once: the pull request ends at the fresh tag', async () => {
    const { github, fixture } = peers;
    for (const tag of ['1.4.2', '1.5.0']) {
      await fixture.registry.pushImage('team/web', tag, { created: `2024-0${tag === '1.4.2' ? 6 : 7}-01T00:00:00Z` });
      const [fresh, old] = await Promise.all([runWebProd(peers, fixture), runWebProd(peers, stale())]);
      expect([fresh.code, old.code]).toEqual([0, 0]);
      const open = github.repo.openPulls();
      expect(open.map((p) => p.head)).toEqual(['image-promoter/web-prod']);
      expect(newTag(github, 'image-promoter/web-prod')).toBe(tag);
      expect(json(old.outputs['pull-requests'])).not.toContainEqual(expect.objectContaining({ operation: 'updated' }));
    }
    expect(github.violations).toEqual([]);
  }, 120_000);
});
