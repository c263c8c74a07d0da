/**
 * The best-effort edges of publishing, against the fake GitHub: auto-merge refusals and the merge fallback, a comment
 * posted exactly once through failed POSTs, whether a base requires up-to-date branches, and a failure's log line.
 */
import { describe, expect, it } from 'vitest';
import { PublishError } from '../../src/errors.js';
import { MemoryLogger } from '../../src/logger.js';
import { tryEnableAutoMerge } from '../../src/publish/automerge.js';
import { freshness, requiresUpToDate } from '../../src/publish/behind.js';
import { postCommentOnce } from '../../src/publish/comment.js';
import { recordFailure } from '../../src/publish/failures.js';
import { headMarker } from '../../src/publish/pr-record.js';
import type { OpenPull } from '../../src/publish/pull-request.js';
import type { PublishGroup, PublishResult } from '../../src/publish/types.js';
import { fakeGitHubEach } from '../../test-support/fake-github/each.js';

const github = fakeGitHubEach();
const TARGET = { owner: 'acme', repo: 'gitops', base: 'main' };
const refusal = (...messages: ({ message?: string })[]) => ({ operation: 'graphql', reply: { status: 200, body: { errors: messages } } });
const UNSTABLE = 'the pull request has failing or pending non-required checks (unstable status), so GitHub will not arm auto-merge';
const CLEAN = 'the pull request is already mergeable (clean status), so GitHub will not arm auto-merge';

/** opened starts the fake with one open pull request of ours and returns it as the publisher keeps it. */
async function opened() {
  const octokit = await github.start({ 'a.yaml': 'a: 1\n' });
  const repo = github.fake().repo;
  const head = repo.commitFiles('image-promoter/web', { 'a.yaml': 'a: 2\n' });
  repo.pulls.push({
    number: 1, nodeId: 'PR_1', head: 'image-promoter/web', base: 'main', title: 't', body: 'b', state: 'open', merged: false, draft: false,
    labels: [], reviewers: [], teamReviewers: [], assignees: [], autoMerge: null, comments: [], clean: false,
  });
  const pull: OpenPull = { number: 1, url: 'https://github.example/acme/gitops/pull/1', branch: 'image-promoter/web', nodeId: 'PR_1', headSha: head, title: 't', body: 'b' };
  return { octokit, pull, fakePull: repo.pulls[0]! };
}

describe('tryEnableAutoMerge refusals', () => {
  it.each([
    { name: 'unstable status', errors: [{ message: 'Pull request Pull request is in unstable status' }], reason: UNSTABLE },
    { name: 'clean status', errors: [{ message: 'Pull request Pull request is in clean status' }], reason: CLEAN },
    { name: 'another refusal, every message said', errors: [{ message: 'Something broke' }, {}], reason: 'enabling auto-merge failed: Something broke; ' },
  ])('$name: not enabled, the reason said, a warning logged', async ({ errors, reason }) => {
    const { octokit, pull } = await opened();
    github.fake().inject(refusal(...errors));
    const logger = new MemoryLogger();
    const note = `#1: ${reason}; the pull request is left open`;
    expect(await tryEnableAutoMerge(octokit, TARGET, pull, { mergeMethod: 'squash', mergeFallback: false }, logger)).toStrictEqual({ result: 'not-enabled', reason, note });
    expect(logger.messages('warning')).toEqual([note]);
  });

  it('says GitHub\'s own message when its error list is empty', async () => {
    const { octokit, pull } = await opened();
    github.fake().inject(refusal());
    const outcome = await tryEnableAutoMerge(octokit, TARGET, pull, { mergeMethod: 'squash', mergeFallback: false }, new MemoryLogger());
    expect(outcome.reason).toBe('enabling auto-merge failed: Request failed due to following response errors:\n');
  });

  it('says GitHub\'s HTTP message when the request itself failed', async () => {
    const { octokit, pull } = await opened();
    github.fake().inject({ operation: 'graphql', reply: { status: 403, body: { message: 'Resource not accessible by integration' } } });
    const outcome = await tryEnableAutoMerge(octokit, TARGET, pull, { mergeMethod: 'squash', mergeFallback: false }, new MemoryLogger());
    expect(outcome.reason).toBe('enabling auto-merge failed: Resource not accessible by integration');
  });

  it('merges directly only for a refusal the fallback is for, not for any failure', async () => {
    const { octokit, pull, fakePull } = await opened();
    github.fake().inject(refusal({ message: 'Something broke' }));
    const outcome = await tryEnableAutoMerge(octokit, TARGET, pull, { mergeMethod: 'squash', mergeFallback: true }, new MemoryLogger());
    expect([outcome.result, fakePull.merged]).toEqual(['not-enabled', false]);
  });

  it('says when the direct merge failed too, and leaves the pull request open', async () => {
    const { octokit, pull } = await opened();
    github.fake().inject(refusal({ message: 'Pull request Pull request is in clean status' }));
    github.fake().inject({ operation: 'pulls/merge', reply: { status: 405, body: { message: 'Pull Request is not mergeable' } } });
    const logger = new MemoryLogger();
    const note = `#1: ${CLEAN}, and the direct merge failed (Pull Request is not mergeable); the pull request is left open`;
    expect(await tryEnableAutoMerge(octokit, TARGET, pull, { mergeMethod: 'squash', mergeFallback: true }, logger)).toStrictEqual({ result: 'not-enabled', reason: `${CLEAN}; the direct merge failed`, note });
    expect(logger.messages('warning')).toEqual([note]);
  });
});

describe('postCommentOnce', () => {
  const comments = () => github.fake().repo.pulls[0]!.comments;
  const posts = (since: number) => github.fake().count('issues/create-comment', since);

  it('posts again after a 500 when the comment is not there, even among other comments', async () => {
    const { octokit, fakePull } = await opened();
    fakePull.comments.push('someone else');
    github.fake().inject({ operation: 'issues/create-comment', reply: { status: 500, body: { message: 'boom' } } });
    await postCommentOnce(octokit, TARGET, 1, 'closing');
    expect(comments()).toEqual(['someone else', 'closing']);
  });

  it('does not post again when the failed POST stored it', async () => {
    const { octokit } = await opened();
    github.fake().inject({ operation: 'issues/create-comment', handled: true, reply: { status: 502, body: { message: 'Bad Gateway' } } });
    const since = github.fake().requests.length;
    await postCommentOnce(octokit, TARGET, 1, 'closing');
    expect([comments(), posts(since)]).toEqual([['closing'], 1]);
  });

  it('gives up after three failed POSTs', async () => {
    const { octokit } = await opened();
    github.fake().inject({ operation: 'issues/create-comment', times: 5, reply: { status: 500, body: { message: 'boom' } } });
    const since = github.fake().requests.length;
    await expect(postCommentOnce(octokit, TARGET, 1, 'closing')).rejects.toMatchObject({ status: 500 });
    expect([comments(), posts(since)]).toEqual([[], 3]);
  });

  it('does not retry a refusal (4xx)', async () => {
    const { octokit } = await opened();
    github.fake().inject({ operation: 'issues/create-comment', reply: { status: 403, body: { message: 'Resource not accessible by integration' }, assumed: true } });
    const since = github.fake().requests.length;
    await expect(postCommentOnce(octokit, TARGET, 1, 'closing')).rejects.toMatchObject({ status: 403 });
    expect(github.fake().requests.length - since).toBe(1);
  });
});

describe('freshness / requiresUpToDate', () => {
  const sha = (c: string) => c.repeat(40);

  it.each([
    { name: 'no marker', body: 'b', head: sha('a'), want: 'unknown' },
    { name: 'a head we did not push', body: headMarker(sha('a'), sha('b')), head: sha('c'), want: 'foreign' },
    { name: 'built on the current tip', body: headMarker(sha('a'), sha('b')), head: sha('a'), want: 'current' },
    { name: 'built on an older tip', body: headMarker(sha('a'), sha('d')), head: sha('a'), want: 'behind' },
  ])('$name -> $want', ({ body, head, want }) => expect(freshness({ body, headSha: head }, sha('b'))).toBe(want));

  it('is no for a base whose protection and rules cannot be read', async () => {
    const { octokit } = await opened();
    github.fake().inject({ operation: 'repos/get-branch', reply: { status: 404, body: { message: 'Branch not found' }, assumed: true } });
    github.fake().inject({ operation: 'repos/get-branch-rules', reply: { status: 404, body: { message: 'Not Found' }, assumed: true } });
    expect(await requiresUpToDate(octokit, TARGET)).toBe(false);
  });

  it('is no for protection without required checks, and for rules other than required checks or without their parameters', async () => {
    const { octokit } = await opened();
    github.fake().inject({ operation: 'repos/get-branch', reply: { status: 200, body: { name: 'main', protected: true, protection: { enabled: true } }, assumed: true } });
    const rules = [{ type: 'pull_request', parameters: { strict_required_status_checks_policy: true } }, { type: 'required_status_checks' }];
    github.fake().inject({ operation: 'repos/get-branch-rules', reply: { status: 200, body: rules, assumed: true } });
    expect(await requiresUpToDate(octokit, TARGET)).toBe(false);
  });

  it('is no for a branch answer without protection', async () => {
    const { octokit } = await opened();
    github.fake().inject({ operation: 'repos/get-branch', reply: { status: 200, body: { name: 'main', protected: false }, assumed: true } });
    expect(await requiresUpToDate(octokit, TARGET)).toBe(false);
  });
});

describe('recordFailure', () => {
  const group = (applications?: string[]): PublishGroup => ({
    key: 'web', mode: 'pull-request', ...(applications ? { applications } : {}), changes: [], files: [], labels: [], reviewers: [], teamReviewers: [], assignees: [], draft: false,
  });

  it('logs the Applications that were not published, or the group key when it names none', () => {
    const result: PublishResult = { pullRequests: [], notes: [], failures: [] };
    const logger = new MemoryLogger();
    recordFailure(result, logger, 'web', [group(['a', 'b'])], new PublishError('boom'));
    recordFailure(result, logger, 'commit:main', [group([])], new PublishError('bang'));
    expect(logger.messages('info')).toEqual(['a, b: not published: boom', 'commit:main: not published: bang']);
    expect(result.failures.map((f) => [f.key, f.applications])).toEqual([['web', ['a', 'b']], ['commit:main', []]]);
  });
});
