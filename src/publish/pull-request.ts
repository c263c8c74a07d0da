/**
 * Pull requests from our own branches: find the open one, create or update it (the branch is moved
 * to a fresh commit only from the head this run read, title and body rewritten), treat "A pull request
 * already exists" as another run's pull request to re-read (BranchMoved), and close PRs that are no
 * longer needed with a comment. Labels, reviewers and assignees are best effort (`try*`).
 */
import type { Logger } from '../logger.js';
import type { GitHubClient } from './octokit.js';
import type { PullRequestOutcome } from './types.js';
import { BranchMoved, moveBranchFrom } from './move-branch.js';
import { isAlreadyExists, toPublishError } from './github-errors.js';
import { postCommentOnce } from './comment.js';
import { recordOf, withRecord } from './pr-record.js';

/** OpenPull is what the publisher keeps of an open pull request. */
export interface OpenPull {
  number: number;
  url: string;
  branch: string;
  nodeId: string;
  headSha: string;
  title: string;
  body: string;
  /** Whether auto-merge is armed on it. */
  autoMergeArmed?: boolean;
  /** Its label names. */
  labels?: string[];
  /** GraphQL node id of the base repository (moves the branch with a compare-and-swap). */
  repositoryId?: string;
}

/** RepoTarget names the repository and base branch. */
export interface RepoTarget {
  owner: string;
  repo: string;
  base: string;
}

interface PullLike {
  number: number;
  html_url: string;
  node_id: string;
  title: string;
  body: string | null;
  auto_merge?: unknown;
  labels?: { name?: string }[];
  head: { ref: string; sha: string; repo: { full_name: string } | null };
  base?: { repo?: { node_id?: string } | null };
}

function toOpenPull(p: PullLike): OpenPull {
  return { number: p.number, url: p.html_url, branch: p.head.ref, nodeId: p.node_id, headSha: p.head.sha, title: p.title, body: p.body ?? '', autoMergeArmed: Boolean(p.auto_merge), labels: (p.labels ?? []).map((l) => l.name ?? ''), ...(p.base?.repo?.node_id ? { repositoryId: p.base.repo.node_id } : {}) };
}

/** listOurPullRequests returns the open PRs into `base` from this repo's branches under `prefix`, by branch (one request per 100 PRs). */
export async function listOurPullRequests(octokit: GitHubClient, target: RepoTarget, prefix: string): Promise<Map<string, OpenPull>> {
  const { owner, repo, base } = target;
  try {
    const pulls = await octokit.paginate(octokit.rest.pulls.list, { owner, repo, base, state: 'open', per_page: 100 });
    const ours = pulls.filter((p) => p.head.ref.startsWith(prefix) && p.head.repo?.full_name === `${owner}/${repo}`);
    return new Map(ours.map((p) => [p.head.ref, toOpenPull(p)]));
  } catch (e) {
    throw toPublishError(e, 'listing pull requests', `${owner}/${repo}`);
  }
}

/** findPullRequestByHead finds the open PR from one branch (after another run moved or claimed it). */
export async function findPullRequestByHead(octokit: GitHubClient, target: RepoTarget, branch: string): Promise<OpenPull | undefined> {
  const { owner, repo, base } = target;
  const res = await octokit.rest.pulls.list({ owner, repo, base, state: 'open', head: `${owner}:${branch}` });
  return res.data[0] ? toOpenPull(res.data[0]) : undefined;
}

/** UpsertParams describe the PR a group wants. */
export interface UpsertParams extends RepoTarget {
  branch: string;
  title: string;
  body: string;
  draft: boolean;
  commitSha: string;
  existing?: OpenPull;
  /** The branch already points at commitSha (claimed by the caller). */
  pushed?: boolean;
}

/**
 * createOrUpdatePullRequest creates the PR on a branch already pushed, or moves the open PR's branch from the head this
 * run read to the commit and updates it. BranchMoved when another run got there first (the branch moved, or a PR
 * appeared on it): the caller re-reads that PR and re-plans instead of overwriting it.
 */
export async function createOrUpdatePullRequest(octokit: GitHubClient, p: UpsertParams): Promise<{ pull: OpenPull; operation: 'created' | 'updated' }> {
  const repository = `${p.owner}/${p.repo}`;
  if (p.existing) {
    if (!p.pushed) await moveBranchFrom(octokit, { owner: p.owner, repo: p.repo, repositoryId: p.existing.repositoryId, branch: p.branch, from: p.existing.headSha, to: p.commitSha });
    return { pull: await updatePull(octokit, p, p.existing), operation: 'updated' };
  }
  try {
    const res = await octokit.rest.pulls.create({ owner: p.owner, repo: p.repo, base: p.base, head: p.branch, title: p.title, body: p.body, draft: p.draft });
    return { pull: toOpenPull(res.data), operation: 'created' };
  } catch (e) {
    if (!isAlreadyExists(e)) throw toPublishError(e, `opening a pull request from ${p.branch}`, repository, p.base);
    // Another run opened one from this branch between our push and our create: its change goes through the guards.
    throw new BranchMoved(p.branch, p.commitSha);
  }
}

async function updatePull(octokit: GitHubClient, p: UpsertParams, existing: OpenPull): Promise<OpenPull> {
  try {
    const res = await octokit.rest.pulls.update({ owner: p.owner, repo: p.repo, pull_number: existing.number, title: p.title, body: p.body });
    return { ...toOpenPull(res.data), headSha: p.commitSha };
  } catch (e) {
    throw toPublishError(e, `updating pull request #${existing.number}`, `${p.owner}/${p.repo}`);
  }
}

/**
 * closePullRequest comments why (once, even when the POST is retried), then closes the PR (2 requests). Its record
 * says we closed it, so later runs do not take it for a person's decline.
 */
export async function closePullRequest(octokit: GitHubClient, target: RepoTarget, close: { pull: OpenPull; reason: string; key?: string }): Promise<PullRequestOutcome> {
  const { owner, repo } = target;
  const { pull, reason, key } = close;
  const record = { ...(recordOf(pull.body) ?? { key: key ?? pull.branch, changes: [] }), closedBy: 'promoter' as const };
  try {
    await postCommentOnce(octokit, target, pull.number, reason);
    await octokit.rest.pulls.update({ owner, repo, pull_number: pull.number, state: 'closed', body: withRecord(pull.body, record) });
  } catch (e) {
    throw toPublishError(e, `closing pull request #${pull.number}`, `${owner}/${repo}`);
  }
  return { number: pull.number, url: pull.url, branch: pull.branch, operation: 'closed', ...(key ? { key } : {}) };
}

function failureText(e: unknown): string {
  const status = (e as { status?: number }).status;
  return `${status ? `HTTP ${status}: ` : ''}${e instanceof Error ? e.message : String(e)}`;
}

/** tryAddLabels adds labels; a failure is returned as a note, never thrown. */
export async function tryAddLabels(octokit: GitHubClient, target: RepoTarget, number: number, labels: string[], logger: Logger): Promise<string | undefined> {
  if (labels.length === 0) return undefined;
  try {
    await octokit.rest.issues.addLabels({ owner: target.owner, repo: target.repo, issue_number: number, labels });
    return undefined;
  } catch (e) {
    const note = `labels ${labels.join(', ')} were not added to #${number} (${failureText(e)})`;
    logger.warning(note);
    return note;
  }
}

/** tryRequestReviewers requests user and team reviews; a failure is returned as a note. */
export async function tryRequestReviewers(octokit: GitHubClient, target: RepoTarget, number: number, reviewers: string[], teams: string[], logger: Logger): Promise<string | undefined> {
  if (reviewers.length === 0 && teams.length === 0) return undefined;
  try {
    await octokit.rest.pulls.requestReviewers({ owner: target.owner, repo: target.repo, pull_number: number, reviewers, team_reviewers: teams });
    return undefined;
  } catch (e) {
    const note = `reviews were not requested on #${number} from ${[...reviewers, ...teams].join(', ')} (${failureText(e)})`;
    logger.warning(note);
    return note;
  }
}

/** tryAddAssignees assigns users; a failure is returned as a note. */
export async function tryAddAssignees(octokit: GitHubClient, target: RepoTarget, number: number, assignees: string[], logger: Logger): Promise<string | undefined> {
  if (assignees.length === 0) return undefined;
  try {
    await octokit.rest.issues.addAssignees({ owner: target.owner, repo: target.repo, issue_number: number, assignees });
    return undefined;
  } catch (e) {
    const note = `#${number} was not assigned to ${assignees.join(', ')} (${failureText(e)})`;
    logger.warning(note);
    return note;
  }
}
