/**
 * Direct commits against the fake GitHub: giving up on a branch that keeps moving, re-plans with nothing left,
 * forcing our own branches, and the order and refusals of separate write branches (`git-branch: base:target`).
 */
import { describe, expect, it } from 'vitest';
import { PublishError } from '../../src/errors.js';
import { commitToBranch, forceBranch } from '../../src/publish/commit.js';
import { publishGroups } from '../../src/publish/publish.js';
import { readRepoSnapshot } from '../../src/publish/read-snapshot.js';
import type { GitHubClient } from '../../src/publish/octokit.js';
import type { PublishGroup } from '../../src/publish/types.js';
import { fakeGitHubEach } from '../../test-support/fake-github/each.js';

const github = fakeGitHubEach();
const FILE = 'apps/a.yaml';
const FORBIDDEN = { status: 403, body: { message: 'Resource not accessible by integration' }, assumed: true };
const errorOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as PublishError);

async function setup(): Promise<{ octokit: GitHubClient; snapshot: Awaited<ReturnType<typeof readRepoSnapshot>> }> {
  const octokit = await github.start({ [FILE]: 'a: 1\n' });
  return { octokit, snapshot: await readRepoSnapshot(octokit, { owner: 'acme', repo: 'gitops', branch: 'main' }) };
}

const plan = (a: string) => ({ files: [{ path: FILE, before: 'a: 1\n', after: a }], message: 'm' });
/** racing makes another writer land a commit on main before each of the next `times` ref updates. */
function racing(times: number): void {
  let n = 0;
  github.fake().inject({ operation: 'git/update-ref', times, before: (repo) => repo.commitFiles('main', { 'other.yaml': `n: ${(n += 1)}\n` }) });
}

describe('commitToBranch', () => {
  it('gives up after maxAttempts when the branch keeps moving, saying so and what to do', async () => {
    const { octokit, snapshot } = await setup();
    racing(5);
    const since = github.fake().requests.length;
    const error = await errorOf(commitToBranch(octokit, { owner: 'acme', repo: 'gitops', branch: 'main', snapshot, plan: plan('a: 2\n'), replan: async () => plan('a: 2\n'), maxAttempts: 2 }));
    expect([error!.message, error!.fix, error!.status]).toEqual([
      'branch main of acme/gitops kept moving; gave up after 2 attempt(s) so as not to overwrite other commits.', 'Run again; if other writers push constantly, use `mode: pull-request`.', 422,
    ]);
    expect(github.fake().count('git/create-commit', since)).toBe(2);
  });

  it('gives up at once without a re-planner', async () => {
    const { octokit, snapshot } = await setup();
    racing(1);
    const error = await errorOf(commitToBranch(octokit, { owner: 'acme', repo: 'gitops', branch: 'main', snapshot, plan: plan('a: 2\n') }));
    expect(error!.message).toMatch(/gave up after 1 attempt\(s\)/);
  });

  it('tries three times by default', async () => {
    const { octokit, snapshot } = await setup();
    racing(5);
    const error = await errorOf(commitToBranch(octokit, { owner: 'acme', repo: 'gitops', branch: 'main', snapshot, plan: plan('a: 2\n'), replan: async () => plan('a: 2\n') }));
    expect(error!.message).toMatch(/gave up after 3 attempt\(s\)/);
  });

  it('commits nothing when the re-plan finds nothing left, and says on which snapshot', async () => {
    const { octokit, snapshot } = await setup();
    racing(1);
    const outcome = await commitToBranch(octokit, { owner: 'acme', repo: 'gitops', branch: 'main', snapshot, plan: plan('a: 2\n'), replan: async () => ({ files: [], message: 'm' }) });
    expect(outcome).toStrictEqual({ snapshot: await readRepoSnapshot(octokit, { owner: 'acme', repo: 'gitops', branch: 'main' }), attempts: 2 });
  });
});

describe('forceBranch', () => {
  const ops = (since: number) => github.fake().requests.slice(since).map((r) => r.operation);

  it('moves an existing branch in one forced update', async () => {
    const { octokit, snapshot } = await setup();
    const repo = github.fake().repo;
    const target = repo.commitFiles('image-promoter/web', { [FILE]: 'a: 2\n' });
    const since = github.fake().requests.length;
    await forceBranch(octokit, 'acme', 'gitops', 'image-promoter/web', snapshot.sha, true);
    expect([repo.refs.get('heads/image-promoter/web'), ops(since)]).toEqual([snapshot.sha, ['git/update-ref']]);
    expect(target).not.toBe(snapshot.sha);
  });

  it('creates a new branch, and moves one that turned out to exist', async () => {
    const { octokit, snapshot } = await setup();
    const repo = github.fake().repo;
    let since = github.fake().requests.length;
    await forceBranch(octokit, 'acme', 'gitops', 'image-promoter/new', snapshot.sha, false);
    expect([repo.refs.get('heads/image-promoter/new'), ops(since)]).toEqual([snapshot.sha, ['git/create-ref']]);
    repo.commitFiles('image-promoter/new', { [FILE]: 'a: 3\n' });
    since = github.fake().requests.length;
    await forceBranch(octokit, 'acme', 'gitops', 'image-promoter/new', snapshot.sha, false);
    expect([repo.refs.get('heads/image-promoter/new'), ops(since)]).toEqual([snapshot.sha, ['git/create-ref', 'git/update-ref']]);
  });

  it('says which branch it could not push', async () => {
    const { octokit, snapshot } = await setup();
    github.fake().inject({ operation: 'git/create-ref', reply: FORBIDDEN });
    const since = github.fake().requests.length;
    const error = await errorOf(forceBranch(octokit, 'acme', 'gitops', 'image-promoter/new', snapshot.sha, false));
    expect([error!.message, ops(since)]).toEqual(['pushing branch image-promoter/new in acme/gitops failed (HTTP 403: Resource not accessible by integration).', ['git/create-ref']]);
  });
});

describe('publishGroups: separate write branches', () => {
  const group = (branch: string, after: string): PublishGroup => ({
    key: `commit:${branch}`, mode: 'commit', ...(branch === 'main' ? {} : { commitBranch: branch }),
    changes: [{ application: `app-${branch}`, alias: 'web', image: 'ghcr.io/acme/web', from: '1', to: '2', strategy: 'semver', file: FILE }],
    files: [{ path: FILE, before: 'a: 1\n', after }], labels: [], reviewers: [], teamReviewers: [], assignees: [], draft: false,
  });

  it.each([
    [['release', 'main', 'alpha']],
    [['alpha', 'release', 'main']],
  ])('commits to the base first, then to the write branches by name (the last one\'s SHA is reported): %j', async (order) => {
    const { octokit, snapshot } = await setup();
    const groups = order.map((b) => group(b, `a: ${b}\n`));
    const result = await publishGroups({ octokit }, { owner: 'acme', repo: 'gitops', baseBranch: 'main', snapshot, groups });
    const repo = github.fake().repo;
    const dated = ['main', 'alpha', 'release'].map((b) => [b, repo.git.commits.get(repo.refs.get(`heads/${b}`)!)!.committer.date] as const);
    expect(dated.toSorted(([, a], [, b]) => a.localeCompare(b)).map(([b]) => b)).toEqual(['main', 'alpha', 'release']);
    expect(result.commitSha).toBe(repo.refs.get('heads/release'));
    expect(github.fake().repo.files('main').get(FILE)).toBe('a: main\n');
    expect(result.failures).toEqual([]);
  });

  it('records a write branch it could not create as that branch\'s failure', async () => {
    const { octokit, snapshot } = await setup();
    github.fake().inject({ operation: 'git/create-ref', reply: FORBIDDEN });
    const result = await publishGroups({ octokit }, { owner: 'acme', repo: 'gitops', baseBranch: 'main', snapshot, groups: [group('release', 'a: r\n')] });
    expect(result.failures.map((f) => [f.key, f.applications, f.error.message])).toEqual([
      ['commit:release', ['app-release'], 'creating branch release in acme/gitops failed (HTTP 403: Resource not accessible by integration).'],
    ]);
  });

  it('refuses to commit on an existing write branch it cannot plan on', async () => {
    const { octokit, snapshot } = await setup();
    github.fake().repo.commitFiles('release', { [FILE]: 'a: 1\n' });
    const result = await publishGroups({ octokit }, { owner: 'acme', repo: 'gitops', baseBranch: 'main', snapshot, groups: [group('release', 'a: r\n')] });
    expect(result.failures.map((f) => [f.error.message, f.error.fix])).toEqual([['cannot plan on the existing write branch release.', 'Run the action (it re-plans on the write branch).']]);
  });
});
