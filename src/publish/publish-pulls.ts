/**
 * The pull request half of publishGroups: one PR per group branch, created, updated in place,
 * left unchanged (same change set, read from the body's fingerprint) or closed with a comment
 * when the group needs nothing any more; then the best-effort extras and auto-merge.
 */
import type { Logger } from '../logger.js';
import type { GitHubClient } from './octokit.js';
import type { PublishGroup, PublishOptions, PublishResult, PullRequestOutcome, RepoSnapshot } from './types.js';
import { branchName, changeFingerprint, DEFAULT_BRANCH_PREFIX } from './branch-name.js';
import { createCommit } from './commit.js';
import { commitMessage } from './commit-message.js';
import { fingerprintOf, pullRequestBody, pullRequestTitle } from './pr-body.js';
import { recordFailure } from './failures.js';
import { toPublishError } from './github-errors.js';
import { closePullRequest, createOrUpdatePullRequest, listOurPullRequests, tryAddAssignees, tryAddLabels, tryRequestReviewers, type OpenPull, type RepoTarget } from './pull-request.js';
import { DRAFT_REASON, tryEnableAutoMerge } from './automerge.js';
import { freshness, headMarker, requiresUpToDate } from './behind.js';

/** PullGroupsParams are publishGroups' parameters after the direct commits. */
export interface PullGroupsParams {
  owner: string;
  repo: string;
  baseBranch: string;
  snapshot: RepoSnapshot;
  groups: PublishGroup[];
}

/** closeComment explains why a PR is closed. */
export function closeComment(base: string, reason?: string): string {
  return (
    reason ??
    `Closing: \`${base}\` already runs what this pull request proposed, or the change is no longer wanted (rolled back, or the tag is now ignored). argocd-image-promoter opens a new pull request when a newer image qualifies.`
  );
}

/** publishPullRequestGroups handles every pull-request / auto-merge group, each on its own. */
export async function publishPullRequestGroups(octokit: GitHubClient, logger: Logger, params: PullGroupsParams, options: PublishOptions, result: PublishResult): Promise<void> {
  const groups = params.groups.filter((g) => g.mode !== 'commit');
  if (groups.length === 0) return;
  const prefix = options.branchPrefix ?? DEFAULT_BRANCH_PREFIX;
  const target: RepoTarget = { owner: params.owner, repo: params.repo, base: params.baseBranch };
  const repository = `${params.owner}/${params.repo}`;
  let open: Map<string, OpenPull>;
  try {
    open = await listOurPullRequests(octokit, target, prefix);
  } catch (error) {
    for (const group of groups) recordFailure(result, logger, group.key, [group], toPublishError(error, 'listing pull requests', repository));
    return;
  }
  let strict: Promise<boolean> | undefined;
  const upToDateRequired = () => (strict ??= requiresUpToDate(octokit, target));
  for (const group of groups) {
    const branch = branchName(group.key, prefix);
    const existing = open.get(branch);
    try {
      if (group.files.length === 0 || group.changes.length === 0) {
        if (existing) result.pullRequests.push(await closePullRequest(octokit, target, { pull: existing, reason: closeComment(params.baseBranch, group.closeReason), key: group.key }));
        continue;
      }
      result.pullRequests.push(await publishOne(octokit, logger, { ...params, target, group, branch, existing, upToDateRequired }, options, result));
    } catch (error) {
      recordFailure(result, logger, group.key, [group], toPublishError(error, `publishing the pull request of ${group.key}`, repository, branch));
    }
  }
}

/**
 * bringUpToDate decides what to do with an open PR that already proposes this change: leave it
 * (`current`, or `behind` when the base does not require up-to-date branches, or it carries commits
 * we did not write) or `rebuild` it (the same change on the current base).
 */
async function bringUpToDate(p: OneParams, existing: OpenPull): Promise<'current' | 'behind' | 'rebuild'> {
  const state = freshness(existing, p.snapshot.sha);
  if (state !== 'behind') return 'current';
  return (await p.upToDateRequired()) ? 'rebuild' : 'behind';
}

/** unchangedAutoMerge reports the auto-merge state of a PR left as it is (never re-armed over a person who disabled it). */
function unchangedAutoMerge(group: PublishGroup, pull: OpenPull): Pick<PullRequestOutcome, 'autoMerge' | 'autoMergeReason'> {
  if (group.mode !== 'auto-merge') return {};
  if (pull.autoMergeArmed) return { autoMerge: 'enabled' };
  return { autoMerge: 'not-enabled', autoMergeReason: group.draft ? DRAFT_REASON : 'auto-merge is not armed on this pull request (GitHub refused it when it was opened, or a person disabled it)' };
}

interface OneParams extends PullGroupsParams {
  target: RepoTarget;
  /** Whether the base requires up-to-date branches (asked once per run, when first needed). */
  upToDateRequired: () => Promise<boolean>;
  group: PublishGroup;
  branch: string;
  existing?: OpenPull;
}

async function publishOne(octokit: GitHubClient, logger: Logger, p: OneParams, options: PublishOptions, result: PublishResult): Promise<PullRequestOutcome> {
  const { group, branch, existing } = p;
  const applications = group.applications ?? [...new Set(group.changes.map((c) => c.application))];
  const rebuild = existing && fingerprintOf(existing.body) === changeFingerprint(group.changes) ? await bringUpToDate(p, existing) : undefined;
  if (existing && rebuild && rebuild !== 'rebuild') {
    return { number: existing.number, url: existing.url, branch, operation: 'unchanged', key: group.key, applications, ...(rebuild === 'behind' ? { behind: true } : {}), ...unchangedAutoMerge(group, existing) };
  }
  if (rebuild === 'rebuild') result.notes.push(`#${existing!.number} was behind ${p.baseBranch}, which requires branches to be up to date: the same change was rebuilt on the current ${p.baseBranch}`);
  const files = group.files.filter((f) => f.before !== f.after);
  const message = commitMessage(group.changes, options.commitMessageTemplate);
  const commitSha = await createCommit(octokit, { owner: p.owner, repo: p.repo, snapshot: p.snapshot, files, message, author: options.author });
  const { pull, operation } = await createOrUpdatePullRequest(octokit, {
    ...p.target, branch, commitSha, existing, draft: group.draft,
    title: pullRequestTitle(group.key, group.changes),
    body: `${pullRequestBody(group.key, p.baseBranch, group.changes)}\n${headMarker(commitSha, p.snapshot.sha)}`,
  });
  const notes = [
    await tryAddLabels(octokit, p.target, pull.number, group.labels, logger),
    await tryRequestReviewers(octokit, p.target, pull.number, group.reviewers, group.teamReviewers, logger),
    await tryAddAssignees(octokit, p.target, pull.number, group.assignees, logger),
  ];
  const outcome: PullRequestOutcome = { number: pull.number, url: pull.url, branch, operation, key: group.key, applications };
  if (group.mode === 'auto-merge' && group.draft) {
    Object.assign(outcome, { autoMerge: 'not-enabled', autoMergeReason: DRAFT_REASON });
    notes.push(`#${pull.number}: ${DRAFT_REASON}`);
  } else if (group.mode === 'auto-merge') {
    const auto = await tryEnableAutoMerge(octokit, p.target, { ...pull, headSha: commitSha }, options, logger);
    Object.assign(outcome, { autoMerge: auto.result, ...(auto.reason ? { autoMergeReason: auto.reason } : {}) });
    notes.push(auto.note);
  }
  result.notes.push(...notes.filter((n): n is string => n !== undefined));
  return outcome;
}
