/**
 * Commits a person pushed onto one of our pull request branches (issue 9). They are never force-pushed over: when
 * they change none of the files this run's change edits, the change goes on top of them (parent = the branch head,
 * tree = the head's tree with our files, a fast-forward); otherwise the branch is left alone (comment once, warning).
 * Which files people changed is read from the branch (our last pushed head against the current head, 2 requests) and
 * kept in the pull request's record, since later commits of ours on top hide them from that comparison.
 */
import type { GitHubClient } from './octokit.js';
import type { OpenPull, RepoTarget } from './pull-request.js';
import { readHeadMarker, type PullRecord } from './pr-record.js';
import { pushedByOthers } from './owner.js';
import { toPublishError } from './github-errors.js';
import { postCommentOnce } from './comment.js';

/** OnTop is a branch carrying people's commits: where our next commit goes, and the files people changed. */
export interface OnTop {
  /** The branch head (our commit's parent). */
  head: string;
  /** Its tree (our commit's base tree). */
  tree: string;
  /** Every file people changed on the branch; undefined when that cannot be read (then nothing is added). */
  foreignFiles?: string[];
  /** The base commit the branch was first built on (the head marker's base, kept). */
  builtOn?: string;
}

async function treeOf(octokit: GitHubClient, target: RepoTarget, sha: string): Promise<{ sha: string; blobs: Map<string, string> }> {
  const res = await octokit.rest.git.getTree({ owner: target.owner, repo: target.repo, tree_sha: sha, recursive: 'true' });
  return { sha: res.data.sha, blobs: new Map(res.data.tree.filter((e) => e.type === 'blob' && e.path && e.sha).map((e) => [e.path!, e.sha!])) };
}

/** changedPaths lists the paths whose blob differs between two trees (added, removed or changed), sorted. */
export function changedPaths(a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>): string[] {
  return [...new Set([...a.keys(), ...b.keys()])].filter((path) => a.get(path) !== b.get(path)).sort();
}

/**
 * onTopOf says whether the pull request's branch carries commits people pushed (undefined: only ours, or a pull
 * request from before head markers), with what our next commit goes on top of.
 */
export async function onTopOf(octokit: GitHubClient, target: RepoTarget, pull: OpenPull, record: PullRecord | undefined): Promise<OnTop | undefined> {
  const mark = readHeadMarker(pull.body);
  const fresh = mark !== undefined && pushedByOthers(pull);
  if (!fresh && record?.foreignFiles === undefined) return undefined;
  try {
    const head = await treeOf(octokit, target, pull.headSha);
    const ours = fresh ? await treeOf(octokit, target, mark.head).catch(() => undefined) : undefined;
    const foreignFiles = fresh && !ours ? undefined : [...new Set([...(record?.foreignFiles ?? []), ...(ours ? changedPaths(ours.blobs, head.blobs) : [])])].sort();
    return { head: pull.headSha, tree: head.sha, ...(foreignFiles ? { foreignFiles } : {}), ...(mark ? { builtOn: mark.base } : {}) };
  } catch (e) {
    throw toPublishError(e, `reading the commits on ${pull.branch}`, `${target.owner}/${target.repo}`, pull.branch);
  }
}

/** overlapOf lists the files of this change that people changed too (all of them when that is unknown). */
export function overlapOf(onTop: OnTop, ours: readonly string[]): string[] {
  return onTop.foreignFiles === undefined ? [...ours] : ours.filter((path) => onTop.foreignFiles!.includes(path));
}

/** FOREIGN_MARKER marks our comment about commits we did not write, so it is posted once per pull request. */
export const FOREIGN_MARKER = '<!-- image-promoter:foreign-commits -->';

/** foreignComment explains why we leave the branch alone (the files both sides change, when known). */
export function foreignComment(branch: string, overlap: readonly string[]): string {
  const files = overlap.length > 0 ? ` and change ${overlap.map((f) => `\`${f}\``).join(', ')}, which the newer images edit too` : '';
  return [
    `Someone pushed commits to \`${branch}\` that argocd-image-promoter did not write${files}, so it does not update this branch: it never force-pushes over other people's work. (Commits that leave those files alone are kept, and newer images are added on top of them.)`,
    'Newer images are reported as warnings until this pull request is merged or closed. To hand the branch back, close this pull request (the next run opens a fresh one).',
    FOREIGN_MARKER,
  ].join('\n\n');
}

/** commentForeignOnce posts the foreign-commits comment unless this pull request already has it (1-2 requests). */
export async function commentForeignOnce(octokit: GitHubClient, target: RepoTarget, pull: OpenPull, overlap: readonly string[]): Promise<void> {
  const { owner, repo } = target;
  try {
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: pull.number, per_page: 100 });
    if (comments.some((c) => c.body?.includes(FOREIGN_MARKER))) return;
    await postCommentOnce(octokit, target, pull.number, foreignComment(pull.branch, overlap));
  } catch (e) {
    throw toPublishError(e, `commenting on pull request #${pull.number}`, `${owner}/${repo}`);
  }
}
