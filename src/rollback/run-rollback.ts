/**
 * runRollback (scenario S4): sets one image back to a named tag and keeps the replaced tag out through
 * `ignore-tags`, then writes the working tree (mode files) or publishes one commit or pull request.
 */
import { wording } from '../config/surface.js';
import { thisRepoMatcher } from '../config/this-repo.js';
import { readLocalRepo } from '../discover/local-repo.js';
import { writeFileChanges } from '../edit/write-files.js';
import { modeOf } from '../pipeline.js';
import { publishGroups } from '../publish/publish.js';
import { recordPublishResult } from '../publish/record.js';
import { readRepoSnapshot } from '../publish/read-snapshot.js';
import type { PublishGroup, RepoSnapshot } from '../publish/types.js';
import { emptyReport, type RunReport } from '../report/result.js';
import type { RepoFiles } from '../resolve/types.js';
import { openCheckout, type GitHubAccess, type RunContext } from '../run.js';
import { planRollback, type RollbackOptions, type RollbackPlan, type RollbackRequest } from './plan-rollback.js';

/** runRollback plans the rollback on the checkout (or the API snapshot) and carries it out. */
export async function runRollback(context: RunContext, github: () => Promise<GitHubAccess>, request: RollbackRequest): Promise<RunReport> {
  const { config } = context;
  const report = emptyReport(config.dryRun);
  const checkout = config.path ? await openCheckout(config.path, context.logger) : undefined;
  const snapshot = checkout ? undefined : await readSnapshot(github);
  const files = snapshot?.files ?? (await readLocalRepo(checkout!.root));
  const options: RollbackOptions = {
    isThisRepo: checkout ? checkout.isThisRepo : await apiRepoMatcher(github, context.env),
    paths: config.paths,
    excludePaths: config.excludePaths,
    wording: wording(config.surface),
  };
  const plan = planRollback(files, request, options);
  const mode = modeOf(plan.config, { mode: config.mode, modeExplicit: config.modeExplicit, forceMode: context.forceMode });
  report.updates.push({ ...plan.entry, mode });
  report.warnings.push(...plan.warnings.map((message) => ({ message, file: plan.config.app.file, line: plan.config.app.line })));
  report.filesChanged.push(...plan.changes.map((c) => c.path));
  if (config.dryRun || plan.changes.length === 0) return report;
  if (mode === 'files') {
    await writeFileChanges(checkout!.root, plan.changes);
    return report;
  }
  await publishRollback(context, github, { request, options }, mode, snapshot, report);
  return report;
}

/** apiRepoMatcher: the repository read through the API is the one publishing targets. */
async function apiRepoMatcher(github: () => Promise<GitHubAccess>, env: NodeJS.ProcessEnv): Promise<(repoURL: string) => boolean> {
  const { target } = await github();
  return thisRepoMatcher(target.owner, target.repo, env.GITHUB_SERVER_URL);
}

async function readSnapshot(github: () => Promise<GitHubAccess>): Promise<RepoSnapshot> {
  const { octokit, target } = await github();
  return readRepoSnapshot(octokit, { owner: target.owner, repo: target.repo, branch: target.baseBranch });
}

/** publishRollback plans again on the base branch (the checkout may differ) and publishes one group. */
async function publishRollback(context: RunContext, github: () => Promise<GitHubAccess>, asked: { request: RollbackRequest; options: RollbackOptions }, mode: PublishGroup['mode'], known: RepoSnapshot | undefined, report: RunReport): Promise<void> {
  const { octokit, target } = await github();
  const snapshot = known ?? (await readSnapshot(github));
  const groupOf = (files: RepoFiles) => rollbackGroup(planRollback(files, asked.request, asked.options), mode, context);
  const { config } = context;
  const result = await publishGroups(
    { octokit, logger: context.logger },
    {
      ...target,
      snapshot,
      groups: [groupOf(snapshot.files)],
      replan: (fresh) => [groupOf(fresh.files)],
      options: { mergeMethod: config.mergeMethod, mergeFallback: config.mergeFallback, author: config.commitAuthor, commitMessageTemplate: config.commitMessage },
    },
  );
  recordPublishResult(result, report);
}

function rollbackGroup(plan: RollbackPlan, mode: PublishGroup['mode'], context: RunContext): PublishGroup {
  const { config } = context;
  const e = plan.entry;
  const publish = plan.config.publish;
  return {
    key: `rollback-${e.application}-${e.alias}`,
    mode,
    changes: [{ application: plan.config.app.name, namespace: plan.config.app.namespace, label: e.application, alias: e.alias, image: e.image, from: e.from, to: e.to, strategy: e.strategy, file: e.file }],
    files: plan.changes,
    labels: [...new Set([...config.labels, ...publish.labels, 'rollback'])],
    reviewers: [...new Set([...config.reviewers, ...publish.reviewers])],
    teamReviewers: [...new Set([...config.teamReviewers, ...publish.teamReviewers])],
    assignees: [...new Set([...config.assignees, ...publish.assignees])],
    draft: false,
  };
}
