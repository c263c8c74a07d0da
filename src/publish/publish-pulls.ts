/**
 * The pull request half of publishGroups: one PR per group, created, updated in place, left unchanged
 * (same change set, read from the body's fingerprint) or closed with a comment when the group needs
 * nothing any more; then the best-effort extras and auto-merge. People's decisions stand: a change a
 * person declined is not proposed again, a branch with commits we did not write is left alone, and an
 * open PR is never moved to an older tag (see pull-guards.ts and pull-history.ts).
 */
import type { Logger } from '../logger.js';
import type { GitHubClient } from './octokit.js';
import type { ImageChange, PublishGroup, PublishOptions, PublishResult, PullRequestOutcome, RepoSnapshot } from './types.js';
import { branchName, changeFingerprint, DEFAULT_BRANCH_PREFIX } from './branch-name.js';
import { createCommit } from './commit.js';
import { commitMessage } from './commit-message.js';
import { fingerprintOf, pullRequestBody, pullRequestTitle } from './pr-body.js';
import { headMarker, recordedChange, recordOf, type PullRecord } from './pr-record.js';
import { carryOthers } from './carry.js';
import { claimsGroup, isDeclinedChange, sameProposals, splitEntries, type Declined, type RunScope } from './owner.js';
import { recordFailure } from './failures.js';
import { toPublishError } from './github-errors.js';
import { closePullRequest, createOrUpdatePullRequest, listOurPullRequests, tryAddAssignees, tryAddLabels, tryRequestReviewers, type OpenPull, type RepoTarget } from './pull-request.js';
import { DRAFT_REASON, tryEnableAutoMerge } from './automerge.js';
import { freshness, requiresUpToDate } from './behind.js';
import { claimBranch, findOpenPull, rereadPull } from './pull-history.js';
import { BranchMoved } from './move-branch.js';
import { closeComment, closeSuperseded } from './close-pulls.js';
import { commentForeignOnce, onTopOf, overlapOf, type OnTop } from './foreign.js';
import { declinedNote, olderThanProposed, REENABLE_LABEL } from './pull-guards.js';

/** PullGroupsParams are publishGroups' parameters after the direct commits. */
export interface PullGroupsParams {
  owner: string;
  repo: string;
  baseBranch: string;
  snapshot: RepoSnapshot;
  groups: PublishGroup[];
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
  const ownBranches = new Set(groups.map((g) => branchName(g.branchKey ?? g.key, prefix)));
  const used = new Set<string>();
  for (const group of groups) {
    const base = branchName(group.branchKey ?? group.key, prefix);
    const existing = findOpenPull(open, base) ?? legacyPull(open, group, prefix, ownBranches);
    if (existing) used.add(existing.branch);
    try {
      if ((group.files.length === 0 || group.changes.length === 0) && !(existing && keepsOthers(group, existing, options))) {
        if (existing) result.pullRequests.push(await closePullRequest(octokit, target, { pull: existing, reason: closeComment(params.baseBranch, group.closeReason), key: group.key }));
        continue;
      }
      const outcome = await publishGroup(octokit, logger, { ...params, target, group, base, existing, upToDateRequired }, options, result);
      if (outcome) result.pullRequests.push(outcome);
    } catch (error) {
      recordFailure(result, logger, group.key, [group], toPublishError(error, `publishing the pull request of ${group.key}`, repository, existing?.branch ?? base));
    }
  }
  if (options.liveBranchKeys) await closeSuperseded(octokit, logger, { target, open, used, live: new Set(options.liveBranchKeys.map((k) => branchName(k, prefix))) }, result);
}

/**
 * bringUpToDate decides what to do with an open PR that already proposes this change: leave it
 * (`current`, or `behind` when the base does not require up-to-date branches, or it carries commits
 * we did not write) or `rebuild` it (the same change on the current base).
 */
async function bringUpToDate(p: GroupParams, existing: OpenPull): Promise<'current' | 'behind' | 'rebuild'> {
  const state = freshness(existing, p.snapshot.sha);
  if (state !== 'behind') return 'current';
  // People's commits on the branch (kept under ours) would be lost by a rebuild.
  if (recordOf(existing.body)?.foreignFiles !== undefined) return 'behind';
  return (await p.upToDateRequired()) ? 'rebuild' : 'behind';
}

/**
 * legacyPull finds a group's open pull request on the branch it had before keys could not collide (the bare group
 * or Application name), so existing pull requests stay where they are: only when no group of this run owns that
 * branch now and the pull request says it is this group's.
 */
function legacyPull(open: ReadonlyMap<string, OpenPull>, group: PublishGroup, prefix: string, ownBranches: ReadonlySet<string>): OpenPull | undefined {
  if (group.branchKey === undefined) return undefined;
  const legacy = branchName(group.key, prefix);
  const pull = ownBranches.has(legacy) ? undefined : findOpenPull(open, legacy);
  return pull && claimsGroup(pull.body, group.key) ? pull : undefined;
}

/** unchangedAutoMerge reports the auto-merge state of a PR left as it is (never re-armed over a person who disabled it). */
function unchangedAutoMerge(group: PublishGroup, pull: OpenPull): Pick<PullRequestOutcome, 'autoMerge' | 'autoMergeReason'> {
  if (group.mode !== 'auto-merge') return {};
  if (pull.autoMergeArmed) return { autoMerge: 'enabled' };
  return { autoMerge: 'not-enabled', autoMergeReason: group.draft ? DRAFT_REASON : 'auto-merge is not armed on this pull request (GitHub refused it when it was opened, or a person disabled it)' };
}

interface GroupParams extends PullGroupsParams {
  target: RepoTarget;
  /** Whether the base requires up-to-date branches (asked once per run, when first needed). */
  upToDateRequired: () => Promise<boolean>;
  group: PublishGroup;
  /** The group's own branch (branches opened after a decline add `@<number>`). */
  base: string;
  existing?: OpenPull;
  /** Files of other Applications kept from the open PR (see carry.ts). */
  blobs?: { path: string; sha: string }[];
}

function applicationsOf(group: PublishGroup): string[] {
  return group.applications ?? [...new Set(group.changes.map((c) => c.label ?? c.application))];
}

/** withhold records changes left out on purpose: skipped in the report, with a warning saying why. */
function withhold(result: PublishResult, logger: Logger, changes: ImageChange[], reason: string): void {
  (result.withheld ??= []).push({ changes, reason });
  logger.warning(reason);
}

/** MAX_RACES bounds the re-plans after another run moved the group's branch. */
const MAX_RACES = 3;

/**
 * publishGroup publishes one group; when another run (or a person) moved its branch or opened its pull request
 * meanwhile, it re-reads that pull request and re-plans on it (carry, never older, foreign commits) instead of
 * overwriting it.
 */
async function publishGroup(octokit: GitHubClient, logger: Logger, p: GroupParams, options: PublishOptions, result: PublishResult): Promise<PullRequestOutcome | undefined> {
  let existing = p.existing;
  for (let race = 1; ; race++) {
    try {
      return await publishOnce(octokit, logger, { ...p, existing }, options, result);
    } catch (e) {
      if (!(e instanceof BranchMoved) || race >= MAX_RACES) throw e;
      existing = await rereadPull(octokit, p.target, e.branch);
      result.notes.push(`${e.branch} moved while this run was publishing (another run, or a person): re-read ${existing?.url ?? 'it (no pull request is open on it any more)'} and re-planned instead of overwriting it`);
      logger.info(result.notes.at(-1)!);
    }
  }
}

async function publishOnce(octokit: GitHubClient, logger: Logger, p: GroupParams, options: PublishOptions, result: PublishResult): Promise<PullRequestOutcome | undefined> {
  const { group, existing } = p;
  if (existing) return publishExisting(octokit, logger, { ...p, existing }, options, result);
  const commitSha = await commitOf(octokit, p, options);
  const wanted = group.changes.map(recordedChange);
  const claimed = await claimBranch(octokit, p.target, p.base, commitSha, (d) => isDeclinedChange(d, wanted, changeFingerprint(group.changes)));
  if ('existing' in claimed) return publishExisting(octokit, logger, { ...p, existing: claimed.existing }, options, result);
  if ('refused' in claimed) {
    const apps = applicationsOf(group).join(', ');
    withhold(result, logger, group.changes, `${apps}: a person closed ${claimed.refused.url} without merging it; the same change is not proposed again (a newer tag opens a new pull request)`);
    return undefined;
  }
  return push(octokit, logger, { ...p, ...claimed, commitSha }, options, result);
}

/**
 * withOthers adds what the open PR carries for images this (filtered) run did not check, merged line by line with
 * this run's edits (carry.ts); undefined when this run's own part is what the PR already proposes (nothing to do).
 */
async function withOthers(octokit: GitHubClient, logger: Logger, p: GroupParams & { existing: OpenPull }, options: PublishOptions, result: PublishResult): Promise<GroupParams & { existing: OpenPull } | undefined> {
  const record = recordOf(p.existing.body);
  const own = p.group.changes.map(recordedChange);
  if (options.liveBranchKeys || !record) return p;
  const split = splitEntries(record.changes, scopeOf(p.group), own);
  if (split.others.length === 0) return p;
  if (sameProposals(split.mine, own)) return undefined;
  const carried = await carryOthers(octokit, p.target, { existing: p.existing, split, own, files: p.group.files, snapshot: p.snapshot, baseBranch: p.baseBranch });
  for (const warning of carried.warnings) logger.warning(warning);
  for (const note of carried.notes) logger.info(note);
  result.notes.push(...carried.warnings, ...carried.notes);
  const applications = [...new Set([...applicationsOf(p.group), ...carried.changes.map((c) => c.label ?? c.application)])];
  const files = [...p.group.files.filter((f) => !carried.files.some((c) => c.path === f.path)), ...carried.files];
  return { ...p, group: { ...p.group, applications, changes: [...p.group.changes, ...carried.changes], files }, blobs: carried.entries };
}

/** scopeOf is what the run checked for a group: its Applications, and the images of those it saw in part. */
function scopeOf(group: PublishGroup): RunScope {
  return { applications: applicationsOf(group), ...(group.partialApplications ? { partial: group.partialApplications } : {}), ...(group.checkedImages ? { checkedImages: group.checkedImages } : {}) };
}

/**
 * keepsOthers tells whether a group this filtered run has no change for still has an open PR carrying entries of
 * images the run did not check: then the PR is rebuilt without the run's stale entries instead of being closed.
 */
function keepsOthers(group: PublishGroup, existing: OpenPull, options: PublishOptions): boolean {
  const record = recordOf(existing.body);
  // Without its Applications named, a group cannot tell what the run checked: closed as before.
  return !options.liveBranchKeys && group.applications !== undefined && record !== undefined && splitEntries(record.changes, scopeOf(group), []).others.length > 0;
}

async function publishExisting(octokit: GitHubClient, logger: Logger, whole: GroupParams & { existing: OpenPull }, options: PublishOptions, result: PublishResult): Promise<PullRequestOutcome> {
  const mineOnly = await withOthers(octokit, logger, whole, options, result);
  const p = mineOnly ?? whole;
  const { group, existing } = p;
  const unchanged: PullRequestOutcome = { number: existing.number, url: existing.url, branch: existing.branch, operation: 'unchanged', key: group.key, applications: applicationsOf(group), ...unchangedAutoMerge(group, existing) };
  // A filtered run whose own part is what the PR proposes leaves it as it is (a rebuild would need every Application).
  if (!mineOnly) return unchanged;
  // The record says what the PR proposes (carried entries included, which lack what the fingerprint hashes).
  const record = recordOf(existing.body);
  if (record ? sameProposals(record.changes, group.changes.map(recordedChange)) : fingerprintOf(existing.body) === changeFingerprint(group.changes)) {
    const state = await bringUpToDate(p, existing);
    if (state !== 'rebuild') return { ...unchanged, ...(state === 'behind' ? { behind: true } : {}) };
    result.notes.push(`#${existing.number} was behind ${p.baseBranch}, which requires branches to be up to date: the same change was rebuilt on the current ${p.baseBranch}`);
  }
  const older = record ? olderThanProposed(record.changes, group.changes.map(recordedChange)) : undefined;
  if (older) {
    const c = older.change;
    withhold(result, logger, group.changes, `${c.app}: ${existing.url} already proposes ${c.image} ${older.proposed}, newer than ${c.to} by its ${c.strategy} order (this run read older registry data); the pull request is left unchanged`);
    return { ...unchanged, reason: `already proposes ${older.proposed}, newer than this run's ${c.to}` };
  }
  const declined = record?.declined === undefined ? undefined : { number: record.declined, url: record.declinedUrl ?? `#${record.declined}` };
  const onTop = await onTopOf(octokit, p.target, existing, record);
  if (!onTop) return push(octokit, logger, { ...p, branch: existing.branch, ...(declined ? { declined } : {}), commitSha: await commitOf(octokit, p, options) }, options, result);
  const overlap = overlapOf(onTop, [...group.files.filter((f) => f.before !== f.after).map((f) => f.path), ...(p.blobs ?? []).map((b) => b.path)]);
  if (overlap.length > 0) {
    await commentForeignOnce(octokit, p.target, existing, overlap);
    const files = onTop.foreignFiles ? `they change ${overlap.join(', ')}, which this update edits too` : 'what they change could not be read';
    withhold(result, logger, group.changes, `${applicationsOf(group).join(', ')}: someone pushed commits to ${existing.branch} that argocd-image-promoter did not write; it leaves ${existing.url} alone and does not force-push (${files}; merge or close it to go on)`);
    return { ...unchanged, reason: 'the branch has commits argocd-image-promoter did not write' };
  }
  result.notes.push(`#${existing.number}: people's commits on ${existing.branch} (changing ${onTop.foreignFiles!.join(', ') || 'no file'}) are kept: this change was added on top of them`);
  const commitSha = await commitOf(octokit, { ...p, snapshot: { ...p.snapshot, sha: onTop.head, treeSha: onTop.tree } }, options);
  return push(octokit, logger, { ...p, branch: existing.branch, ...(declined ? { declined } : {}), commitSha, onTop }, options, result);
}

function commitOf(octokit: GitHubClient, p: GroupParams, options: PublishOptions): Promise<string> {
  const files = p.group.files.filter((f) => f.before !== f.after);
  const message = commitMessage(p.group.changes, options.commitMessageTemplate);
  return createCommit(octokit, { owner: p.owner, repo: p.repo, snapshot: p.snapshot, files, message, author: options.author, ...(p.blobs ? { blobs: p.blobs } : {}) });
}

interface PushParams extends GroupParams {
  branch: string;
  commitSha: string;
  declined?: Pick<Declined, 'number' | 'url'>;
  /** The branch carries people's commits: this commit is on top of them (the record keeps their files). */
  onTop?: OnTop;
}

/** push opens or updates the pull request on a commit already made (pushed to a new branch, or force-moving our own). */
async function push(octokit: GitHubClient, logger: Logger, p: PushParams, options: PublishOptions, result: PublishResult): Promise<PullRequestOutcome> {
  const { group, branch, existing, declined, commitSha, onTop } = p;
  const kept = onTop?.foreignFiles ? { foreignFiles: onTop.foreignFiles } : {};
  const record: PullRecord = { key: group.key, ...(declined ? { declined: declined.number, declinedUrl: declined.url } : {}), ...kept, changes: group.changes.map(recordedChange) };
  const { pull, operation } = await createOrUpdatePullRequest(octokit, {
    ...p.target, branch, commitSha, existing, draft: group.draft, pushed: existing === undefined,
    title: pullRequestTitle(group.key, group.changes),
    body: `${pullRequestBody(group.key, p.baseBranch, group.changes, declined ? declinedNote(declined, group.mode === 'auto-merge') : undefined, record)}\n${headMarker(commitSha, onTop?.builtOn ?? p.snapshot.sha)}`,
  });
  const notes = [
    await tryAddLabels(octokit, p.target, pull.number, group.labels, logger),
    await tryRequestReviewers(octokit, p.target, pull.number, group.reviewers, group.teamReviewers, logger),
    await tryAddAssignees(octokit, p.target, pull.number, group.assignees, logger),
  ];
  const outcome: PullRequestOutcome = { number: pull.number, url: pull.url, branch, operation, key: group.key, applications: applicationsOf(group) };
  const held = autoMergeHeldBack(group, existing, declined);
  if (held) {
    Object.assign(outcome, { autoMerge: 'not-enabled', autoMergeReason: held });
    notes.push(`#${pull.number}: ${held}`);
  } else if (group.mode === 'auto-merge') {
    const auto = await tryEnableAutoMerge(octokit, p.target, { ...pull, headSha: commitSha }, options, logger);
    Object.assign(outcome, { autoMerge: auto.result, ...(auto.reason ? { autoMergeReason: auto.reason } : {}) });
    notes.push(auto.note);
  }
  result.notes.push(...notes.filter((n): n is string => n !== undefined));
  return outcome;
}

/**
 * autoMergeHeldBack says why an auto-merge group's PR is not armed: a draft, or an earlier PR of the group was
 * declined and no person re-enabled auto-merge since (the REENABLE_LABEL, or auto-merge armed by hand).
 */
function autoMergeHeldBack(group: PublishGroup, existing: OpenPull | undefined, declined: PushParams['declined']): string | undefined {
  if (group.mode !== 'auto-merge') return undefined;
  if (group.draft) return DRAFT_REASON;
  if (!declined || existing?.autoMergeArmed || existing?.labels?.includes(REENABLE_LABEL)) return undefined;
  return `a person declined the earlier pull request of this group (${declined.url}), so auto-merge is not armed on its own: add the label \`${REENABLE_LABEL}\` (or enable auto-merge on the pull request) to re-enable it`;
}
