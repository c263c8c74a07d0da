/**
 * publishGroups: the publish stage. Direct commits first (one commit per target branch, re-planned
 * when the branch moves), then pull request groups on the same snapshot: create, update in place,
 * leave unchanged, or close when the group needs nothing any more; then labels, reviewers,
 * assignees and auto-merge, best effort. A fresh auto-merge PR costs 8 requests (list, tree, commit,
 * ref, create, labels, reviewers, GraphQL).
 */
import { PublishError } from '../errors.js';
import { recordFailure } from './failures.js';
import { toPublishError } from './github-errors.js';
import { NullLogger, type Logger } from '../logger.js';
import type { FileChange } from '../resolve/types.js';
import type { GitHubClient } from './octokit.js';
import type { BranchPlan } from './commit.js';
import { commitToBranch, createCommit } from './commit.js';
import { commitMessage } from './commit-message.js';
import { readBranchSha, readRepoSnapshot } from './read-snapshot.js';
import type { PublishGroup, PublishOptions, PublishResult, Replan, RepoSnapshot } from './types.js';
import { publishPullRequestGroups } from './publish-pulls.js';

/** PublishDeps are the adapters the publisher uses. */
export interface PublishDeps {
  octokit: GitHubClient;
  logger?: Logger;
}

/** PublishParams say what to publish where. */
export interface PublishParams {
  owner: string;
  repo: string;
  baseBranch: string;
  /** The snapshot the groups' file changes were planned on. */
  snapshot: RepoSnapshot;
  groups: PublishGroup[];
  /** Re-plan every group on a fresher snapshot (called when the base branch moved). */
  replan?: Replan;
  options?: Partial<PublishOptions>;
}

/** DEFAULT_PUBLISH_OPTIONS are used for options the caller leaves out. */
export const DEFAULT_PUBLISH_OPTIONS: PublishOptions = { mergeMethod: 'squash', mergeFallback: false };

/**
 * publishGroups publishes every group and reports what it did. Each commit branch and each pull
 * request group is published on its own: a failure is recorded in `failures` (on its Applications)
 * and the others go on.
 */
export async function publishGroups(deps: PublishDeps, params: PublishParams): Promise<PublishResult> {
  const logger = deps.logger ?? NullLogger;
  const options: PublishOptions = { ...DEFAULT_PUBLISH_OPTIONS, ...params.options };
  const result: PublishResult = { pullRequests: [], notes: [], failures: [] };
  const state = { snapshot: params.snapshot, groups: params.groups };
  for (const branch of commitBranches(state.groups, params.baseBranch)) {
    const mine = state.groups.filter((g) => g.mode === 'commit' && (g.commitBranch ?? params.baseBranch) === branch);
    try {
      await publishCommit({ octokit: deps.octokit, params, options, branch, state, result });
    } catch (error) {
      recordFailure(result, logger, `commit:${branch}`, mine, toPublishError(error, `committing to ${branch}`, `${params.owner}/${params.repo}`, branch));
    }
  }
  await publishPullRequestGroups(deps.octokit, logger, { ...params, snapshot: state.snapshot, groups: state.groups }, options, result);
  return result;
}

function commitBranches(groups: PublishGroup[], base: string): string[] {
  const branches = groups.filter((g) => g.mode === 'commit' && g.files.length > 0).map((g) => g.commitBranch ?? base);
  return [...new Set(branches)].sort((a, b) => (a === base ? -1 : b === base ? 1 : a.localeCompare(b)));
}

/** CommitJob is one target branch's direct commit: what publishCommit and publishToWriteBranch share. */
interface CommitJob {
  octokit: GitHubClient;
  params: PublishParams;
  options: PublishOptions;
  branch: string;
  /** The snapshot and groups planned on the base branch (a re-plan of the base replaces them). */
  state: { snapshot: RepoSnapshot; groups: PublishGroup[] };
  result: PublishResult;
}

/** planOf merges the job's branch's commit groups (see planForBranch). */
function planOf(job: CommitJob, groups: PublishGroup[]): BranchPlan {
  return planForBranch(groups, job.branch, job.params.baseBranch, job.options.commitMessageTemplate);
}

/** commitPlanned lands a plan on the job's branch without force, re-planning when it moves, and records the outcome. */
async function commitPlanned(job: CommitJob, snapshot: RepoSnapshot, plan: BranchPlan, replan: ((s: RepoSnapshot) => Promise<BranchPlan>) | undefined, nothingLeft: string): Promise<void> {
  const { octokit, params, options, branch, result } = job;
  const outcome = await commitToBranch(octokit, {
    owner: params.owner, repo: params.repo, branch, snapshot, plan, replan,
    author: options.author, maxAttempts: options.maxAttempts, maxSnapshotBytes: options.maxSnapshotBytes,
  });
  if (outcome.attempts > 1) result.notes.push(`${branch} moved during the run; re-planned ${outcome.attempts - 1} time(s)`);
  if (outcome.sha) result.commitSha = outcome.sha;
  else result.notes.push(nothingLeft);
}

/**
 * publishToWriteBranch commits to a separate write branch (`git-branch: base:target`) as the updater does since 0.15
 * (ARGOCD-IMAGE-UPDATER.md §3.2): on top of the branch when it exists, planned on its own contents (commits that exist
 * only there are kept, never force-pushed over); created from the base when it does not exist yet.
 */
async function publishToWriteBranch(job: CommitJob): Promise<void> {
  const { octokit, params, options, branch, state, result } = job;
  const { owner, repo } = params;
  const exists = await readBranchSha(octokit, { owner, repo, branch }).then(() => true, (e: { status?: number }) => {
    if (e.status === 404) return false;
    throw e;
  });
  if (!exists) {
    const sha = await createCommit(octokit, { owner, repo, snapshot: state.snapshot, ...planOf(job, state.groups), author: options.author });
    // No force: if the branch appeared meanwhile, this fails instead of overwriting it (the next run commits on top).
    await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha }).catch((e: unknown) => {
      throw toPublishError(e, `creating branch ${branch}`, `${owner}/${repo}`, branch);
    });
    result.commitSha = sha;
    return;
  }
  if (!params.replan) throw new PublishError(`cannot plan on the existing write branch ${branch}.`, { fix: 'Run the action (it re-plans on the write branch).' });
  const replan = async (fresh: RepoSnapshot) => planOf(job, await params.replan!(fresh));
  const snapshot = await readRepoSnapshot(octokit, { owner, repo, branch, maxBytes: options.maxSnapshotBytes });
  await commitPlanned(job, snapshot, await replan(snapshot), replan, `${branch} already has these changes; nothing committed`);
}

/** planForBranch merges the commit groups of one branch into one set of files and one message. */
export function planForBranch(groups: PublishGroup[], branch: string, base: string, template?: string): BranchPlan {
  const mine = groups.filter((g) => g.mode === 'commit' && (g.commitBranch ?? base) === branch);
  const files = new Map<string, FileChange>();
  for (const change of mine.flatMap((g) => g.files)) {
    const seen = files.get(change.path);
    if (seen && seen.after !== change.after) {
      throw new PublishError(`two groups committed to ${branch} edit ${change.path} differently.`, {
        file: change.path,
        fix: 'Put these Applications in one group (the `group` input or annotation) so one plan edits the file.',
      });
    }
    files.set(change.path, change);
  }
  const changed = [...files.values()].filter((f) => f.before !== f.after);
  return { files: changed, message: commitMessage(mine.flatMap((g) => g.changes), template) };
}

/** publishCommit makes the direct commit of one target branch: the base branch, or a separate write branch. */
async function publishCommit(job: CommitJob): Promise<void> {
  const { params, state, branch } = job;
  if (branch !== params.baseBranch) return publishToWriteBranch(job);
  const replan = params.replan
    ? async (fresh: RepoSnapshot) => {
        state.groups = await params.replan!(fresh);
        state.snapshot = fresh;
        return planOf(job, state.groups);
      }
    : undefined;
  await commitPlanned(job, state.snapshot, planOf(job, state.groups), replan, `nothing left to commit on ${branch} after re-planning`);
}
