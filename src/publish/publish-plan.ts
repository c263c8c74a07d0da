/**
 * publishPlan (I/O through injected adapters): publishes a plan's commit and pull-request groups on the
 * base branch, re-planning on a fresh snapshot when the checkout differs from the base or the base moves.
 */
import type { Logger } from '../logger.js';
import type { Plan } from '../pipeline.js';
import type { RunReport } from '../report/result.js';
import type { RepoFiles } from '../resolve/types.js';
import { branchKeyOf, groupsFromPlan, type GroupDefaults } from './from-plan.js';
import type { GitHubClient } from './octokit.js';
import { publishGroups } from './publish.js';
import { recordPublishResult } from './record.js';
import { readRepoSnapshot } from './read-snapshot.js';
import type { PublishGroup, PublishOptions, RepoSnapshot } from './types.js';

/** PublishTarget says where to publish. */
export interface PublishTarget {
  owner: string;
  repo: string;
  baseBranch: string;
}

/** PublishPlanParams bundle what publishing a plan needs. */
export interface PublishPlanParams {
  octokit: GitHubClient;
  logger: Logger;
  target: PublishTarget;
  defaults: GroupDefaults;
  options: Partial<PublishOptions>;
  /** The snapshot the plan was made on, when it came from the API. */
  snapshot?: RepoSnapshot;
  /** This run checked every Application (no filter, no shard): pull requests of vanished keys may be closed. */
  complete?: boolean;
  /** Plans again on other files (the base moved, or the checkout was not the base). */
  replan: (files: RepoFiles) => Promise<Plan>;
}

/** publishPlan publishes and records pull requests, the commit SHA and best-effort notes in the report. */
export async function publishPlan(plan: Plan, params: PublishPlanParams, report: RunReport): Promise<void> {
  const { octokit, target, defaults } = params;
  let snapshot = params.snapshot;
  let groups: PublishGroup[];
  if (snapshot === undefined) {
    snapshot = await readRepoSnapshot(octokit, { owner: target.owner, repo: target.repo, branch: target.baseBranch });
    groups = matchesSnapshot(plan, snapshot.files) ? groupsFromPlan(plan, snapshot.files, defaults) : groupsFromPlan(await params.replan(snapshot.files), snapshot.files, defaults);
  } else {
    groups = groupsFromPlan(plan, snapshot.files, defaults);
  }
  if (groups.length === 0) return;
  const result = await publishGroups(
    { octokit, logger: params.logger },
    {
      ...target,
      snapshot,
      groups,
      replan: async (fresh) => groupsFromPlan(await params.replan(fresh.files), fresh.files, defaults),
      options: { ...params.options, ...(params.complete && checkedAll(plan) ? { liveBranchKeys: plan.checked.map((c) => branchKeyOf(c.config, defaults)) } : {}) },
    },
  );
  recordPublishResult(result, report);
}

/** checkedAll tells whether every Application the run reported on was checked (none failed before the registries). */
function checkedAll(plan: Plan): boolean {
  const checked = new Set(plan.checked.map((c) => c.config.app.label));
  return plan.report.errors.every((e) => checked.has(e.application));
}

/** matchesSnapshot tells whether every file the plan edits reads the same on the base branch. */
function matchesSnapshot(plan: Plan, files: RepoFiles): boolean {
  return plan.changes.every((change) => (files.read(change.path) ?? null) === change.before);
}
