/** People's commits on our pull request branches: what is read, what the record keeps, and the comment posted once. */
import { describe, expect, it } from 'vitest';
import { changedPaths, commentForeignOnce, FOREIGN_MARKER, foreignComment, onTopOf, overlapOf } from '../../src/publish/foreign.js';
import { headMarker } from '../../src/publish/pr-record.js';
import type { OpenPull } from '../../src/publish/pull-request.js';
import { fakeGitHubEach } from '../../test-support/fake-github/each.js';

const github = fakeGitHubEach();
const TARGET = { owner: 'acme', repo: 'gitops', base: 'main' };
const BRANCH = 'image-promoter/web';
const FORBIDDEN = { status: 403, body: { message: 'Resource not accessible by integration' }, assumed: true };

/** branch: main, our commit on the pull request branch, then a person's commit changing b.yaml on top. */
async function branch() {
  const octokit = await github.start({ 'a.yaml': 'a: 1\n', 'b.yaml': 'b: 1\n' });
  const repo = github.fake().repo;
  const base = repo.refs.get('heads/main')!;
  repo.refs.set(`heads/${BRANCH}`, base);
  const ours = repo.commitFiles(BRANCH, { 'a.yaml': 'a: 2\n' }, 'ours');
  const theirs = repo.commitFiles(BRANCH, { 'b.yaml': 'b: 2\n' }, 'a person');
  const pull = (headSha: string, body: string): OpenPull => ({ number: 1, url: 'https://github.example/acme/gitops/pull/1', branch: BRANCH, nodeId: 'PR_1', headSha, title: 't', body });
  repo.pulls.push({
    number: 1, nodeId: 'PR_1', head: BRANCH, base: 'main', title: 't', body: '', state: 'open', merged: false, draft: false,
    labels: [], reviewers: [], teamReviewers: [], assignees: [], autoMerge: null, comments: [], clean: false,
  });
  const tree = (sha: string) => repo.git.commits.get(sha)!.tree;
  return { octokit, repo, base, ours, theirs, pull, tree };
}

describe('onTopOf', () => {
  it('reads the files people changed, adds those the record kept, sorted, and keeps the base it was built on', async () => {
    const { octokit, base, ours, theirs, pull, tree } = await branch();
    const onTop = await onTopOf(octokit, TARGET, pull(theirs, headMarker(ours, base)), undefined);
    expect(onTop).toStrictEqual({ head: theirs, tree: tree(theirs), foreignFiles: ['b.yaml'], builtOn: base });
    const kept = await onTopOf(octokit, TARGET, pull(theirs, headMarker(ours, base)), { key: 'web', changes: [], foreignFiles: ['z.yaml', 'a0.yaml'] });
    expect(kept!.foreignFiles).toEqual(['a0.yaml', 'b.yaml', 'z.yaml']);
  });

  it('keeps the record\'s files when no new commit came, and says nothing of a base without a marker', async () => {
    const { octokit, theirs, pull, tree } = await branch();
    expect(await onTopOf(octokit, TARGET, pull(theirs, 'no marker'), { key: 'web', changes: [], foreignFiles: ['x.yaml'] })).toStrictEqual({ head: theirs, tree: tree(theirs), foreignFiles: ['x.yaml'] });
  });

  it('does not know the files when our last head cannot be read', async () => {
    const { octokit, base, theirs, pull, tree } = await branch();
    expect(await onTopOf(octokit, TARGET, pull(theirs, headMarker('e'.repeat(40), base)), undefined)).toStrictEqual({ head: theirs, tree: tree(theirs), builtOn: base });
  });

  it('says which branch it could not read', async () => {
    const { octokit, base, ours, theirs, pull } = await branch();
    github.fake().inject({ operation: 'git/get-tree', reply: FORBIDDEN });
    await expect(onTopOf(octokit, TARGET, pull(theirs, headMarker(ours, base)), undefined)).rejects.toThrow(`reading the commits on ${BRANCH} in acme/gitops failed (HTTP 403: Resource not accessible by integration).`);
  });
});

describe('changedPaths / overlapOf', () => {
  it('lists added, removed and changed paths, sorted', () => {
    expect(changedPaths(new Map([['z', '1'], ['a', '1'], ['same', '1']]), new Map([['same', '1'], ['m', '2']]))).toEqual(['a', 'm', 'z']);
  });

  it('overlaps on every file of ours when people\'s files are unknown, else only on theirs', () => {
    expect(overlapOf({ head: 'h', tree: 't' }, ['a', 'b'])).toEqual(['a', 'b']);
    expect(overlapOf({ head: 'h', tree: 't', foreignFiles: ['b'] }, ['a', 'b'])).toEqual(['b']);
  });
});

describe('foreignComment / commentForeignOnce', () => {
  const tail = 'so it does not update this branch: it never force-pushes over other people\'s work. (Commits that leave those files alone are kept, and newer images are added on top of them.)\n\nNewer images are reported as warnings until this pull request is merged or closed. To hand the branch back, close this pull request (the next run opens a fresh one).\n\n<!-- image-promoter:foreign-commits -->';

  it('names the files both sides change, when known', () => {
    expect(foreignComment(BRANCH, ['a.yaml', 'b.yaml'])).toBe(`Someone pushed commits to \`${BRANCH}\` that argocd-image-promoter did not write and change \`a.yaml\`, \`b.yaml\`, which the newer images edit too, ${tail}`);
    expect(foreignComment(BRANCH, [])).toBe(`Someone pushed commits to \`${BRANCH}\` that argocd-image-promoter did not write, ${tail}`);
  });

  it('posts it once per pull request, passing over comments without a body', async () => {
    const { octokit, theirs, pull } = await branch();
    const p = pull(theirs, '');
    github.fake().inject({ operation: 'issues/list-comments', reply: { status: 200, body: [{ id: 1 }], assumed: true } });
    await commentForeignOnce(octokit, TARGET, p, ['b.yaml']);
    await commentForeignOnce(octokit, TARGET, p, ['b.yaml']);
    const comments = github.fake().repo.pulls[0]!.comments;
    expect([comments.length, comments[0]!.endsWith(FOREIGN_MARKER)]).toEqual([1, true]);
  });

  it('says on which pull request it could not comment', async () => {
    const { octokit, theirs, pull } = await branch();
    github.fake().inject({ operation: 'issues/list-comments', reply: FORBIDDEN });
    await expect(commentForeignOnce(octokit, TARGET, pull(theirs, ''), [])).rejects.toThrow('commenting on pull request #1 in acme/gitops failed (HTTP 403: Resource not accessible by integration).');
  });
});
