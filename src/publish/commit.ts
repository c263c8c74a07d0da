/**
 * One commit per branch through the Git Data API: a tree on `base_tree` with the new file contents
 * inline, a commit whose parent is the snapshot SHA, then the ref moved with `force: false`. If the
 * branch moved meanwhile (422 "not a fast forward"), the repo is re-read, the change re-planned on
 * the new contents and retried a bounded number of times; someone else's commit is never overwritten.
 * No author is set by default, so commits made with GITHUB_TOKEN or an App token show as Verified.
 */
import { encodeLossless, hasEscapedBytes } from '../edit/lossless-text.js';
import { PublishError } from '../errors.js';
import type { FileChange } from '../resolve/types.js';
import type { GitHubClient } from './octokit.js';
import type { CommitAuthor, RepoSnapshot } from './types.js';
import { isNotFastForward, toPublishError } from './github-errors.js';
import { readRepoSnapshot } from './read-snapshot.js';

/** DEFAULT_MAX_ATTEMPTS bounds the re-plans after the branch moved. */
export const DEFAULT_MAX_ATTEMPTS = 3;

/** CommitParams describe one commit on top of a snapshot. */
export interface CommitParams {
  owner: string;
  repo: string;
  snapshot: Pick<RepoSnapshot, 'sha' | 'treeSha'>;
  files: FileChange[];
  message: string;
  author?: CommitAuthor;
  /** Files taken as they are from existing blobs (another commit's tree). */
  blobs?: { path: string; sha: string }[];
}

/** createCommit makes the tree and the commit (2 requests) and returns the commit SHA; no ref moves. */
export async function createCommit(octokit: GitHubClient, params: CommitParams): Promise<string> {
  const { owner, repo, snapshot } = params;
  const repository = `${owner}/${repo}`;
  try {
    const tree = await octokit.rest.git.createTree({
      owner,
      repo,
      base_tree: snapshot.treeSha,
      tree: [
        ...(await Promise.all(params.files.map((f) => treeEntry(octokit, owner, repo, f)))),
        ...(params.blobs ?? []).map((b) => ({ path: b.path, mode: '100644' as const, type: 'blob' as const, sha: b.sha })),
      ],
    });
    const commit = await octokit.rest.git.createCommit({
      owner,
      repo,
      message: params.message,
      tree: tree.data.sha,
      parents: [snapshot.sha],
      ...(params.author ? { author: params.author } : {}),
    });
    return commit.data.sha;
  } catch (e) {
    throw toPublishError(e, 'creating a commit', repository);
  }
}

/**
 * treeEntry puts a file in the tree inline, or, when it holds bytes that are not UTF-8 (inline content is a
 * JSON string, which cannot carry them), as a blob sent in base64 first, so no byte is lost (issue 14 item 5).
 */
async function treeEntry(octokit: GitHubClient, owner: string, repo: string, file: FileChange) {
  const entry = { path: file.path, mode: '100644' as const, type: 'blob' as const };
  if (!hasEscapedBytes(file.after)) return { ...entry, content: file.after };
  const blob = await octokit.rest.git.createBlob({ owner, repo, content: encodeLossless(file.after).toString('base64'), encoding: 'base64' });
  return { ...entry, sha: blob.data.sha };
}

/** BranchPlan is what to commit on a snapshot. */
export interface BranchPlan {
  files: FileChange[];
  message: string;
}

/** CommitToBranchParams describe a commit that must land on `branch` without force. */
export interface CommitToBranchParams {
  owner: string;
  repo: string;
  branch: string;
  snapshot: RepoSnapshot;
  plan: BranchPlan;
  /** Re-plan on a fresher snapshot; returning no files means nothing is left to do. */
  replan?: (snapshot: RepoSnapshot) => Promise<BranchPlan>;
  author?: CommitAuthor;
  maxAttempts?: number;
  maxSnapshotBytes?: number;
}

/** CommitOutcome says where the commit landed and on which snapshot it was planned. */
export interface CommitOutcome {
  /** The new commit, or undefined when the re-plan found nothing left to change. */
  sha?: string;
  snapshot: RepoSnapshot;
  attempts: number;
}

/** commitToBranch lands one commit on an existing branch, re-planning when the branch moved. */
export async function commitToBranch(octokit: GitHubClient, params: CommitToBranchParams): Promise<CommitOutcome> {
  const { owner, repo, branch } = params;
  const max = params.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  let snapshot = params.snapshot;
  let plan = params.plan;
  for (let attempt = 1; ; attempt++) {
    if (plan.files.length === 0) return { snapshot, attempts: attempt };
    const sha = await createCommit(octokit, { owner, repo, snapshot, files: plan.files, message: plan.message, author: params.author });
    try {
      await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: false });
      return { sha, snapshot, attempts: attempt };
    } catch (e) {
      if (!isNotFastForward(e)) throw toPublishError(e, `updating branch ${branch}`, `${owner}/${repo}`, branch);
      if (!params.replan || attempt >= max) {
        throw new PublishError(`branch ${branch} of ${owner}/${repo} kept moving; gave up after ${attempt} attempt(s) so as not to overwrite other commits.`, {
          status: 422,
          fix: 'Run again; if other writers push constantly, use `mode: pull-request`.',
        });
      }
    }
    snapshot = await readRepoSnapshot(octokit, { owner, repo, branch, maxBytes: params.maxSnapshotBytes });
    plan = await params.replan(snapshot);
  }
}

/** forceBranch points one of our own branches at a commit: create it, or force-move it when it exists. */
export async function forceBranch(octokit: GitHubClient, owner: string, repo: string, branch: string, sha: string, exists: boolean): Promise<void> {
  try {
    if (!exists) {
      try {
        await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
        return;
      } catch (e) {
        // A stale branch from a closed PR, or a concurrent run that created it first: move it.
        if ((e as { status?: number }).status !== 422) throw e;
      }
    }
    await octokit.rest.git.updateRef({ owner, repo, ref: `heads/${branch}`, sha, force: true });
  } catch (e) {
    throw toPublishError(e, `pushing branch ${branch}`, `${owner}/${repo}`, branch);
  }
}
