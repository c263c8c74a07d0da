/**
 * Our pull requests one call at a time, against the fake GitHub: listing them, updating and closing one, the
 * best-effort notes when labels or assignees cannot be set, and closing the ones no Application owns any more.
 */
import { describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../src/logger.js';
import { closeComment, closeSuperseded } from '../../src/publish/close-pulls.js';
import { recordOf, renderRecord } from '../../src/publish/pr-record.js';
import {
  closePullRequest, createOrUpdatePullRequest, listOurPullRequests, tryAddAssignees, tryAddLabels, type OpenPull,
} from '../../src/publish/pull-request.js';
import type { GitHubClient } from '../../src/publish/octokit.js';
import type { PublishResult } from '../../src/publish/types.js';
import { fakeGitHubEach } from '../../test-support/fake-github/each.js';
import type { FakePull } from '../../test-support/fake-github/index.js';
import { pullJson } from '../../test-support/fake-github/rest-routes.js';

const TARGET = { owner: 'acme', repo: 'gitops', base: 'main' };
const NOT_FOUND = { status: 404, body: { message: 'Not Found' }, assumed: true };
const github = fakeGitHubEach();
const setup = () => github.start({ 'apps/a.yaml': 'a: 1\n' });

/** openPull adds an open pull request from a branch of the repository (made at main's head). */
function openPull(head: string, over: Partial<FakePull> = {}): FakePull {
  const repo = github.fake().repo;
  repo.refs.set(`heads/${head}`, repo.refs.get('heads/main')!);
  const number = repo.pulls.length + 1;
  const pull: FakePull = {
    number, nodeId: `PR_${number}`, head, base: 'main', title: `t${number}`, body: '', state: 'open', merged: false, draft: false,
    labels: [], reviewers: [], teamReviewers: [], assignees: [], autoMerge: null, comments: [], clean: false, ...over,
  };
  repo.pulls.push(pull);
  return pull;
}

const recordBody = (key: string, apps: string[]) =>
  `text\n${renderRecord({ key, changes: apps.map((app) => ({ app, alias: 'web', image: 'acme/web', to: '1.1.0', strategy: 'semver', file: 'apps/a.yaml' })) })}`;

async function listed(octokit: GitHubClient): Promise<Map<string, OpenPull>> {
  return listOurPullRequests(octokit, TARGET, 'image-promoter/');
}

describe('listOurPullRequests', () => {
  it('lists the open pull requests from our prefix, with what the publisher keeps of each', async () => {
    const octokit = await setup();
    const pull = openPull('image-promoter/web', { body: 'b', labels: ['deps'], autoMerge: { mergeMethod: 'SQUASH' } });
    openPull('feature/x');
    const head = github.fake().repo.refs.get('heads/main')!;
    expect([...(await listed(octokit)).values()]).toStrictEqual([{
      number: pull.number, url: `https://github.example/acme/gitops/pull/${pull.number}`, branch: 'image-promoter/web', nodeId: 'PR_1', headSha: head,
      title: 't1', body: 'b', autoMergeArmed: true, labels: ['deps'], repositoryId: 'R_fake',
    }]);
  });

  it('reads a pull request without a description (GitHub sends null) as an empty body', async () => {
    const octokit = await setup();
    const pull = openPull('image-promoter/web');
    github.fake().inject({ operation: 'pulls/list', reply: { status: 200, body: [{ ...pullJson(github.fake(), pull, 'pull-request-simple'), body: null }] } });
    expect((await listed(octokit)).get('image-promoter/web')!.body).toBe('');
  });

  it('says what failed, where, and the fix', async () => {
    const octokit = await setup();
    github.fake().inject({ operation: 'pulls/list', reply: NOT_FOUND });
    const error = (await listed(octokit).catch((e: unknown) => e)) as Error & { fix?: string };
    expect(error.message).toBe('listing pull requests in acme/gitops failed (HTTP 404: Not Found).');
    expect(error.fix).toMatch(/^The token cannot see acme\/gitops/);
  });
});

describe('createOrUpdatePullRequest / closePullRequest', () => {
  it('says which pull request could not be updated', async () => {
    const octokit = await setup();
    openPull('image-promoter/web');
    const existing = (await listed(octokit)).get('image-promoter/web')!;
    github.fake().inject({ operation: 'pulls/update', reply: NOT_FOUND });
    await expect(createOrUpdatePullRequest(octokit, { ...TARGET, branch: existing.branch, title: 't', body: 'b', draft: false, commitSha: existing.headSha, existing, pushed: true }))
      .rejects.toThrow('updating pull request #1 in acme/gitops failed (HTTP 404: Not Found).');
  });

  it('closes with one comment and records in the body that we closed it, keeping its record', async () => {
    const octokit = await setup();
    const pull = openPull('image-promoter/web', { body: recordBody('web', ['app-a']) });
    const existing = (await listed(octokit)).get('image-promoter/web')!;
    expect(await closePullRequest(octokit, TARGET, { pull: existing, reason: 'because', key: 'web' })).toStrictEqual({
      number: 1, url: existing.url, branch: 'image-promoter/web', operation: 'closed', key: 'web',
    });
    expect([pull.state, pull.comments]).toEqual(['closed', ['because']]);
    expect(recordOf(pull.body)).toEqual({ ...recordOf(recordBody('web', ['app-a'])), closedBy: 'promoter' });
  });

  it.each([
    ['the group key', 'web', 'web'],
    ['the branch when no key is given', undefined, 'image-promoter/web'],
  ])('gives a pull request without a record one naming %s', async (_name, key, want) => {
    const octokit = await setup();
    const pull = openPull('image-promoter/web', { body: 'by hand' });
    const existing = (await listed(octokit)).get('image-promoter/web')!;
    const outcome = await closePullRequest(octokit, TARGET, { pull: existing, reason: 'r', ...(key ? { key } : {}) });
    expect(recordOf(pull.body)).toEqual({ key: want, changes: [], closedBy: 'promoter' });
    expect(pull.body.startsWith('by hand\n')).toBe(true);
    expect('key' in outcome).toBe(key !== undefined);
  });

  it('says which pull request could not be closed', async () => {
    const octokit = await setup();
    openPull('image-promoter/web');
    const existing = (await listed(octokit)).get('image-promoter/web')!;
    github.fake().inject({ operation: 'issues/create-comment', reply: { status: 403, body: { message: 'Resource not accessible by integration' }, assumed: true } });
    await expect(closePullRequest(octokit, TARGET, { pull: existing, reason: 'r' })).rejects.toThrow('closing pull request #1 in acme/gitops failed (HTTP 403: Resource not accessible by integration).');
  });
});

describe('tryAddLabels / tryAddAssignees: best effort', () => {
  it('returns and logs a note naming the labels, the pull request and GitHub\'s answer', async () => {
    const octokit = await setup();
    github.fake().inject({ operation: 'issues/add-labels', reply: NOT_FOUND });
    const logger = new MemoryLogger();
    const note = 'labels deps, prod were not added to #3 (HTTP 404: Not Found)';
    expect(await tryAddLabels(octokit, TARGET, 3, ['deps', 'prod'], logger)).toBe(note);
    expect(logger.messages('warning')).toEqual([note]);
  });

  it('returns and logs a note naming the assignees', async () => {
    const octokit = await setup();
    github.fake().inject({ operation: 'issues/add-assignees', reply: NOT_FOUND });
    const logger = new MemoryLogger();
    const note = '#3 was not assigned to alice, bob (HTTP 404: Not Found)';
    expect(await tryAddAssignees(octokit, TARGET, 3, ['alice', 'bob'], logger)).toBe(note);
    expect(logger.messages('warning')).toEqual([note]);
  });
});

describe('closeComment', () => {
  it('says why by default, and the group\'s own reason when it has one', () => {
    expect(closeComment('main')).toBe(
      'Closing: `main` already runs what this pull request proposed, or the change is no longer wanted (rolled back, or the tag is now ignored). argocd-image-promoter opens a new pull request when a newer image qualifies.',
    );
    expect(closeComment('main', 'declined')).toBe('declined');
  });
});

describe('closeSuperseded', () => {
  const successor = { number: 9, url: 'https://github.example/acme/gitops/pull/9', branch: 'image-promoter/all', applications: ['app-a'] };
  const result = (...pullRequests: PublishResult['pullRequests']): PublishResult => ({ pullRequests, notes: [], failures: [] });

  /** supersede lists our open pull requests and closes those neither used by this run nor owned by a live branch key. */
  async function supersede(octokit: GitHubClient, r: PublishResult, live: string[] = []): Promise<MemoryLogger> {
    const logger = new MemoryLogger();
    await closeSuperseded(octokit, logger, { target: TARGET, open: await listed(octokit), used: new Set(['image-promoter/used']), live: new Set(live) }, r);
    return logger;
  }

  it('closes a pull request whose branch no Application owns, linking the one that now carries its Applications', async () => {
    const octokit = await setup();
    const pull = openPull('image-promoter/old', { body: recordBody('old', ['app-b', 'app-a']) });
    const r = result({ ...successor, operation: 'created' });
    await supersede(octokit, r);
    expect(pull.comments).toEqual(['Superseded by [#9](https://github.example/acme/gitops/pull/9): its Applications are now published from `image-promoter/all` (regrouped or renamed).']);
    expect(r.pullRequests.at(-1)).toStrictEqual({ number: 1, url: 'https://github.example/acme/gitops/pull/1', branch: 'image-promoter/old', operation: 'closed', reason: 'superseded by #9' });
  });

  it('closes one whose Applications no pull request carries (a closed one does not count), saying they no longer exist', async () => {
    const octokit = await setup();
    const pull = openPull('image-promoter/old', { body: recordBody('old', ['app-a']) });
    const r = result({ ...successor, operation: 'closed' }, { ...successor, number: 10, operation: 'updated', applications: ['app-z'] }, { ...successor, number: 11, operation: 'updated', applications: undefined });
    await supersede(octokit, r);
    expect(pull.comments).toEqual(['Closing: no Application of this pull request is tracked under this name any more (renamed, regrouped or deleted).']);
    expect(r.pullRequests.at(-1)).toMatchObject({ number: 1, operation: 'closed', reason: 'its Applications no longer exist' });
  });

  it('closes one without a record as one whose Applications no longer exist', async () => {
    const octokit = await setup();
    const pull = openPull('image-promoter/old', { body: 'by hand' });
    await supersede(octokit, result({ ...successor, operation: 'created' }));
    expect(pull.state).toBe('closed');
    expect(pull.comments[0]).toMatch(/^Closing: no Application/);
  });

  it('leaves the pull requests this run used and those of live branch keys (also the @N branches of a key)', async () => {
    const octokit = await setup();
    const kept = ['image-promoter/used', 'image-promoter/live', 'image-promoter/live@2', 'image-promoter/live@12'].map((b) => openPull(b));
    const closed = ['image-promoter/live@2x', 'image-promoter/a@1/b'].map((b) => openPull(b));
    const r = result();
    await supersede(octokit, r, ['image-promoter/live', 'image-promoter/a/b']);
    expect([...kept, ...closed].map((p) => p.state)).toEqual(['open', 'open', 'open', 'open', 'closed', 'closed']);
    expect(r.pullRequests.map((p) => p.number).sort()).toEqual([5, 6]);
  });

  it('goes on with a note and a warning when one cannot be closed', async () => {
    const octokit = await setup();
    openPull('image-promoter/old');
    const second = openPull('image-promoter/older');
    github.fake().inject({ operation: 'issues/create-comment', reply: { status: 403, body: { message: 'Resource not accessible by integration' }, assumed: true } });
    const r = result();
    const logger = await supersede(octokit, r);
    const note = '#2 (https://github.example/acme/gitops/pull/2) is superseded but could not be closed: closing pull request #2 in acme/gitops failed (HTTP 403: Resource not accessible by integration).';
    expect(r.notes).toEqual([note]);
    expect(logger.messages('warning')).toEqual([note]);
    expect([second.state, r.pullRequests.map((p) => p.number)]).toEqual(['open', [1]]);
  });
});
