/**
 * A group's pull request history against the fake GitHub: declines followed from branch to branch, claiming a
 * branch, re-reading a pull request another run moved, and what each says when GitHub refuses.
 */
import { describe, expect, it } from 'vitest';
import { headMarker, renderRecord } from '../../src/publish/pr-record.js';
import { branchHistory, claimBranch, findOpenPull, rereadPull } from '../../src/publish/pull-history.js';
import type { OpenPull } from '../../src/publish/pull-request.js';
import { fakeGitHubEach } from '../../test-support/fake-github/each.js';
import type { FakePull } from '../../test-support/fake-github/index.js';

const TARGET = { owner: 'acme', repo: 'gitops', base: 'main' };
const BASE = 'image-promoter/web';
const NOT_FOUND = { status: 404, body: { message: 'Not Found' }, assumed: true };
const url = (n: number) => `https://github.example/acme/gitops/pull/${n}`;
const github = fakeGitHubEach();
const setup = () => github.start({ 'apps/a.yaml': 'a: 1\n' });

/** pull adds a pull request from `head` (the branch made at main's head when missing). */
function pull(head: string, over: Partial<FakePull> = {}): FakePull {
  const repo = github.fake().repo;
  if (!repo.refs.has(`heads/${head}`)) repo.refs.set(`heads/${head}`, repo.refs.get('heads/main')!);
  const p: FakePull = {
    number: repo.pulls.length + 1, nodeId: `PR_${repo.pulls.length + 1}`, head, base: 'main', title: 't', body: renderRecord({ key: 'web', changes: [] }),
    state: 'closed', merged: false, draft: false, labels: [], reviewers: [], teamReviewers: [], assignees: [], autoMerge: null, comments: [], clean: false, ...over,
  };
  repo.pulls.push(p);
  return p;
}

const declined = (n: number) => ({ number: n, url: url(n), record: { key: 'web', changes: [] } });

describe('branchHistory', () => {
  it('a branch without closed pull requests is free, and not seen', async () => {
    const octokit = await setup();
    expect(await branchHistory(octokit, TARGET, BASE)).toStrictEqual({ branch: BASE });
  });

  it('a merged pull request frees its branch', async () => {
    const octokit = await setup();
    pull(BASE, { merged: true });
    expect(await branchHistory(octokit, TARGET, BASE)).toStrictEqual({ branch: BASE, seen: true });
  });

  it('a declined one sends the group to <branch>@<number>, with the decline', async () => {
    const octokit = await setup();
    pull(BASE);
    expect(await branchHistory(octokit, TARGET, BASE)).toStrictEqual({ branch: `${BASE}@1`, declined: declined(1), seen: true });
  });

  it('follows at most ten declines in a row', async () => {
    const octokit = await setup();
    pull(BASE);
    for (let n = 1; n <= 10; n++) pull(`${BASE}@${n}`);
    expect(await branchHistory(octokit, TARGET, BASE)).toStrictEqual({ branch: `${BASE}@10`, seen: true, declined: declined(10) });
  });

  it('says which branch\'s closed pull requests it could not read', async () => {
    const octokit = await setup();
    github.fake().inject({ operation: 'pulls/list', reply: NOT_FOUND });
    await expect(branchHistory(octokit, TARGET, BASE)).rejects.toThrow(`reading the closed pull requests of ${BASE} in acme/gitops failed (HTTP 404: Not Found).`);
  });
});

describe('claimBranch', () => {
  it('says which branch it could not push', async () => {
    const octokit = await setup();
    github.fake().inject({ operation: 'git/create-ref', reply: { status: 403, body: { message: 'Resource not accessible by integration' }, assumed: true } });
    await expect(claimBranch(octokit, TARGET, BASE, github.fake().repo.refs.get('heads/main')!, () => false))
      .rejects.toThrow(`pushing branch ${BASE} in acme/gitops failed (HTTP 403: Resource not accessible by integration).`);
  });

  it('stops at a decline of the same change', async () => {
    const octokit = await setup();
    pull(BASE);
    expect(await claimBranch(octokit, TARGET, BASE, github.fake().repo.refs.get('heads/main')!, (d) => d.number === 1)).toStrictEqual({ refused: declined(1) });
  });

  it('says whose open pull requests it could not read', async () => {
    const octokit = await setup();
    pull(BASE, { merged: true });
    // The closed listing answers; the open one (the next request) is refused.
    github.fake().inject({ operation: 'pulls/list', before: () => github.fake().inject({ operation: 'pulls/list', reply: NOT_FOUND }) });
    const claim = claimBranch(octokit, TARGET, BASE, github.fake().repo.refs.get('heads/main')!, () => false);
    await expect(claim).rejects.toThrow(`reading the pull requests of ${BASE} in acme/gitops failed (HTTP 404: Not Found).`);
  });
});

describe('rereadPull', () => {
  it('says which branch\'s pull requests it could not read', async () => {
    const octokit = await setup();
    github.fake().inject({ operation: 'pulls/list', reply: NOT_FOUND });
    await expect(rereadPull(octokit, TARGET, BASE)).rejects.toThrow(`reading the pull requests of ${BASE} in acme/gitops failed (HTTP 404: Not Found).`);
  });

  it('gives up waiting for the other run\'s body after three reads and returns the pull request as it is', async () => {
    const octokit = await setup();
    const head = github.fake().repo.refs.get('heads/main')!;
    pull(BASE, { state: 'open', body: `b\n${headMarker('f'.repeat(40), head)}` });
    const since = github.fake().requests.length;
    expect((await rereadPull(octokit, TARGET, BASE))!.number).toBe(1);
    expect(github.fake().count('pulls/list', since)).toBe(3);
  });
});

describe('findOpenPull', () => {
  const open = (branch: string, number: number): [string, OpenPull] => [branch, { number, url: url(number), branch, nodeId: `PR_${number}`, headSha: 'a'.repeat(40), title: 't', body: '' }];

  it('takes the newest pull request opened after a decline, and no look-alike branch', () => {
    const pulls = new Map([open('image-promoter/a.b@1', 2), open('image-promoter/a.b@3', 4), open('image-promoter/a.b@2', 3), open('image-promoter/aXb@9', 9)]);
    expect(findOpenPull(pulls, 'image-promoter/a.b')!.number).toBe(4);
    expect(findOpenPull(new Map([open('image-promoter/aXb@9', 9)]), 'image-promoter/a.b')).toBeUndefined();
  });
});

describe('claimBranch / rereadPull: how often they look', () => {
  it('looks three times for another run\'s pull request on an existing branch with no history, then claims it', async () => {
    const octokit = await setup();
    const repo = github.fake().repo;
    repo.refs.set(`heads/${BASE}`, repo.refs.get('heads/main')!);
    const to = repo.commitFiles('main', { 'apps/a.yaml': 'a: 2\n' });
    const since = github.fake().requests.length;
    expect(await claimBranch(octokit, TARGET, BASE, to, () => false)).toStrictEqual({ branch: BASE });
    expect([github.fake().count('pulls/list', since), repo.refs.get(`heads/${BASE}`)]).toEqual([4, to]);
  });

  it('reads a pull request whose body records its head once', async () => {
    const octokit = await setup();
    const head = github.fake().repo.refs.get('heads/main')!;
    pull(BASE, { state: 'open', body: `b\n${headMarker(head, head)}` });
    const since = github.fake().requests.length;
    expect((await rereadPull(octokit, TARGET, BASE))!.number).toBe(1);
    expect(github.fake().count('pulls/list', since)).toBe(1);
  });
});
