/**
 * What happened to a group's pull requests before this run (I/O): the open one (on the group's branch, or
 * on a branch opened after a decline), and, when none is open, the closed ones: a pull request a person
 * closed without merging is a decline, its branch is never pushed to again, and the next pull request of
 * the group goes to `<branch>@<declined number>`. One listing request per branch followed (one, usually).
 */
import type { GitHubClient } from './octokit.js';
import { findPullRequestByHead, type OpenPull, type RepoTarget } from './pull-request.js';
import { declineOf, pushedByOthers, type Declined } from './owner.js';
import { toPublishError } from './github-errors.js';
import { claimLeftover } from './move-branch.js';

/** MAX_CHAIN bounds how many declines in a row are followed. */
const MAX_CHAIN = 10;

/** branchAfterDecline is the branch a group's next pull request uses after pull request `number` was declined. */
export function branchAfterDecline(base: string, number: number): string {
  return `${base}@${number}`;
}

/** findOpenPull finds the group's open pull request: on its branch, or on a branch opened after a decline (newest). */
export function findOpenPull(open: ReadonlyMap<string, OpenPull>, base: string): OpenPull | undefined {
  const exact = open.get(base);
  if (exact) return exact;
  const after = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}@\\d+$`);
  return [...open.values()].filter((p) => after.test(p.branch)).sort((a, b) => b.number - a.number)[0];
}

/** BranchHistory says which branch a new pull request of the group goes to, and the decline it follows, if any. */
export interface BranchHistory {
  branch: string;
  declined?: Declined;
  /** Some closed pull request came from the group's branches (else an existing branch was pushed by a run in progress). */
  seen?: boolean;
}

/**
 * branchHistory follows the group's closed pull requests: the newest on each branch decides. Merged: the
 * branch is free again (GitHub never reopens a merged pull request). Closed by us: free. Closed by a person
 * without merging: a decline; the next branch is `<branch>@<number>`, whose own history is read in turn.
 */
export async function branchHistory(octokit: GitHubClient, target: RepoTarget, base: string): Promise<BranchHistory> {
  let branch = base;
  let declined: Declined | undefined;
  for (let i = 0; i < MAX_CHAIN; i++) {
    const latest = await latestClosed(octokit, target, branch);
    if (!latest) return { branch, ...(declined ? { declined, seen: true } : {}) };
    const decline = declineOf(latest);
    if (!decline) return { branch, seen: true };
    declined = decline;
    branch = branchAfterDecline(base, latest.number);
  }
  return { branch, seen: true, ...(declined ? { declined } : {}) };
}

async function latestClosed(octokit: GitHubClient, target: RepoTarget, branch: string) {
  const { owner, repo, base } = target;
  try {
    const res = await octokit.rest.pulls.list({ owner, repo, base, state: 'closed', head: `${owner}:${branch}`, sort: 'created', direction: 'desc', per_page: 1 });
    return res.data[0];
  } catch (e) {
    throw toPublishError(e, `reading the closed pull requests of ${branch}`, `${owner}/${repo}`);
  }
}

/** Claimed is the branch a new pull request's commit was pushed to, and the decline it follows; or the decline that stops it. */
export type Claimed = { branch: string; declined?: Declined } | { refused: Declined } | { existing: OpenPull };

/** RACE_WAIT_MS is how long a run waits for another run's pull request to appear on a branch it just pushed. */
const RACE_WAIT_MS = 1000;
const RACE_CHECKS = 3;

/**
 * claimBranch points a new pull request's branch at its commit. A branch that does not exist yet has no
 * history (1 request); an existing one is pushed to only when its newest pull request was not declined
 * (otherwise the branch after the decline is used), and `isRefused` may stop a change a person declined.
 */
export async function claimBranch(octokit: GitHubClient, target: RepoTarget, base: string, sha: string, isRefused: (d: Declined) => boolean): Promise<Claimed> {
  const { owner, repo } = target;
  try {
    await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${base}`, sha });
    return { branch: base };
  } catch (e) {
    if ((e as { status?: number }).status !== 422) throw toPublishError(e, `pushing branch ${base}`, `${owner}/${repo}`, base);
  }
  const history = await branchHistory(octokit, target, base);
  if (history.declined && isRefused(history.declined)) return { refused: history.declined };
  // The branch exists: an open pull request on it (a run in parallel opened it, or is about to) is updated through
  // the guards (never older, never over foreign commits) instead of being force-pushed blindly.
  for (let check = 0; check < (history.seen ? 1 : RACE_CHECKS); check++) {
    if (check > 0) await new Promise((resolve) => setTimeout(resolve, RACE_WAIT_MS));
    const open = await findPullRequestByHead(octokit, target, history.branch).catch((e: unknown) => {
      throw toPublishError(e, `reading the pull requests of ${history.branch}`, `${owner}/${repo}`);
    });
    if (open) return { existing: open };
  }
  await claimLeftover(octokit, { owner, repo, branch: history.branch, to: sha });
  return history;
}

/**
 * rereadPull reads the open pull request of a branch another run just moved (1 request; up to RACE_CHECKS while its
 * body does not yet record the head that run pushed, since the branch moves before the body is rewritten).
 * Undefined when no pull request is open on it any more (merged or closed meanwhile).
 */
export async function rereadPull(octokit: GitHubClient, target: RepoTarget, branch: string): Promise<OpenPull | undefined> {
  let pull: OpenPull | undefined;
  for (let check = 0; check < RACE_CHECKS; check++) {
    if (check > 0) await new Promise((resolve) => setTimeout(resolve, RACE_WAIT_MS));
    pull = await findPullRequestByHead(octokit, target, branch).catch((e: unknown) => {
      throw toPublishError(e, `reading the pull requests of ${branch}`, `${target.owner}/${target.repo}`);
    });
    if (!pull || !pushedByOthers(pull)) return pull;
  }
  return pull;
}
