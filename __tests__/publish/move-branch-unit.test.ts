/** claimLeftover and moveBranchFrom's less common answers, against the fake GitHub. */
import { describe, expect, it } from 'vitest';
import { BranchMoved, claimLeftover, moveBranchFrom } from '../../src/publish/move-branch.js';
import { fakeGitHubEach } from '../../test-support/fake-github/each.js';

const github = fakeGitHubEach();
const BRANCH = 'image-promoter/web';
const FORBIDDEN = { status: 403, body: { message: 'Resource not accessible by integration' }, assumed: true };
const NOT_FOUND = { status: 404, body: { message: 'Not Found' }, assumed: true };

/** setup: main, our branch at one commit, and a commit (not a fast-forward of it) to move it to. */
async function setup() {
  const octokit = await github.start({ 'a.yaml': 'a: 1\n' });
  const repo = github.fake().repo;
  const read = repo.commitFiles(BRANCH, { 'a.yaml': 'a: 2\n' }, 'ours');
  const next = repo.git.putCommit(repo.git.commits.get(read)!.tree, [repo.refs.get('heads/main')!], 'rebuilt').sha;
  return { octokit, repo, read, next, leftover: { owner: 'acme', repo: 'gitops', branch: BRANCH, to: next } };
}

const errorOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as Error);

describe('claimLeftover', () => {
  it('says which branch it could not read', async () => {
    const { octokit, leftover } = await setup();
    github.fake().inject({ operation: 'git/get-ref', reply: FORBIDDEN });
    expect((await errorOf(claimLeftover(octokit, leftover)))!.message).toBe(`reading branch ${BRANCH} in acme/gitops failed (HTTP 403: Resource not accessible by integration).`);
  });

  it('creates the branch when it was deleted meanwhile', async () => {
    const { octokit, repo, next, leftover } = await setup();
    repo.refs.delete(`heads/${BRANCH}`);
    await claimLeftover(octokit, leftover);
    expect(repo.refs.get(`heads/${BRANCH}`)).toBe(next);
  });

  it('is BranchMoved when another run created the deleted branch first', async () => {
    const { octokit, repo, leftover } = await setup();
    repo.refs.delete(`heads/${BRANCH}`);
    github.fake().inject({ operation: 'git/create-ref', before: (r) => r.commitFiles(BRANCH, { 'a.yaml': 'a: 9\n' }) });
    const error = await errorOf(claimLeftover(octokit, leftover));
    expect([error instanceof BranchMoved, (error as BranchMoved).expected, error!.message]).toEqual([true, '0'.repeat(40), `branch ${BRANCH} moved away from 0000000 while this run was updating it`]);
  });

  it('says which branch it could not create', async () => {
    const { octokit, repo, leftover } = await setup();
    repo.refs.delete(`heads/${BRANCH}`);
    github.fake().inject({ operation: 'git/create-ref', reply: FORBIDDEN });
    expect((await errorOf(claimLeftover(octokit, leftover)))!.message).toBe(`pushing branch ${BRANCH} in acme/gitops failed (HTTP 403: Resource not accessible by integration).`);
  });
});

describe('moveBranchFrom', () => {
  it('without a repository id forces the REST ref update in one request', async () => {
    const { octokit, repo, read, next } = await setup();
    const since = github.fake().requests.length;
    await moveBranchFrom(octokit, { owner: 'acme', repo: 'gitops', branch: BRANCH, from: read, to: next });
    expect([repo.refs.get(`heads/${BRANCH}`), github.fake().requests.slice(since).map((r) => r.operation)]).toEqual([next, ['git/update-ref']]);
  });

  const refused = (errors: unknown[]) => ({ operation: 'graphql', reply: { status: 200, body: { errors } } });

  it('is BranchMoved when the refused branch is gone', async () => {
    const { octokit, read, next } = await setup();
    github.fake().inject(refused([{ message: 'Could not update' }]));
    github.fake().inject({ operation: 'git/get-ref', reply: NOT_FOUND });
    const error = await errorOf(moveBranchFrom(octokit, { owner: 'acme', repo: 'gitops', repositoryId: 'R_fake', branch: BRANCH, from: read, to: next }));
    expect(error).toBeInstanceOf(BranchMoved);
  });

  it('reports the refusal itself when the branch cannot be read after it (not a race)', async () => {
    const { octokit, read, next } = await setup();
    github.fake().inject(refused([{ message: 'Could not update' }, {}]));
    github.fake().inject({ operation: 'git/get-ref', reply: FORBIDDEN });
    const error = await errorOf(moveBranchFrom(octokit, { owner: 'acme', repo: 'gitops', repositoryId: 'R_fake', branch: BRANCH, from: read, to: next }));
    expect(error!.message).toBe(`pushing branch ${BRANCH} in acme/gitops failed (HTTP 422: Could not update;).`);
  });
});

describe('moveBranchFrom / claimLeftover: fallbacks', () => {
  it('names the error BranchMoved', async () => {
    const { octokit, read, next } = await setup();
    github.fake().repo.commitFiles(BRANCH, { 'a.yaml': 'a: 3\n' });
    const error = await errorOf(moveBranchFrom(octokit, { owner: 'acme', repo: 'gitops', repositoryId: 'R_fake', branch: BRANCH, from: read, to: next }));
    expect(error!.name).toBe('BranchMoved');
  });

  it('falls back to the REST update only when the schema lacks updateRefs, in one forced request', async () => {
    const { octokit, repo, read, next } = await setup();
    github.fake().inject({ operation: 'graphql', reply: { status: 200, body: { errors: [{ message: 'Branch does not exist' }] } } });
    const error = await errorOf(moveBranchFrom(octokit, { owner: 'acme', repo: 'gitops', repositoryId: 'R_fake', branch: BRANCH, from: read, to: next }));
    expect(error!.message).toBe(`pushing branch ${BRANCH} in acme/gitops failed (HTTP 422: Branch does not exist).`);
    github.fake().inject({ operation: 'graphql', reply: { status: 200, body: { errors: [{ message: "Field 'updateRefs' doesn't exist on type 'Mutation'" }] } } });
    const since = github.fake().requests.length;
    await moveBranchFrom(octokit, { owner: 'acme', repo: 'gitops', repositoryId: 'R_fake', branch: BRANCH, from: read, to: next });
    expect([repo.refs.get(`heads/${BRANCH}`), github.fake().requests.slice(since).map((r) => r.operation)]).toEqual([next, ['graphql', 'git/update-ref']]);
  });

  it('moves a leftover branch through REST when the repository id cannot be read', async () => {
    const { octokit, repo, next, leftover } = await setup();
    github.fake().inject({ operation: 'graphql', reply: { status: 200, body: { data: { repository: null } } } });
    await claimLeftover(octokit, leftover);
    expect(repo.refs.get(`heads/${BRANCH}`)).toBe(next);
  });
});
