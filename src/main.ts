/** main: builds the real dependencies from the action's inputs, runs the pipeline, sets outputs. The only setFailed. */
import * as core from '@actions/core';
import { resolve } from 'node:path';
import type { Config } from './config/config.js';
import { readActionConfig } from './config/inputs.js';
import { readLocalRepo } from './discover/local-repo.js';
import { writeFileChanges } from './edit/write-files.js';
import { ConfigError, toUserMessage } from './errors.js';
import type { Logger } from './logger.js';
import { editFilesFor, planRun, type Plan, type PlanSettings } from './pipeline.js';
import { apiBaseUrl, createOctokit, type GitHubClient } from './publish/octokit.js';
import { publishPlan, type PublishTarget } from './publish/publish-plan.js';
import { readRepoSnapshot } from './publish/read-snapshot.js';
import type { RepoSnapshot } from './publish/types.js';
import type { RegistryAccess } from './query/query-images.js';
import { createRegistryAccess } from './registry/registry-access.js';
import { annotate, writeOutputs, writeSummary } from './report/outputs.js';
import { renderTable } from './report/render.js';
import type { RunReport } from './report/result.js';
import type { RepoFiles } from './resolve/types.js';

/** coreLogger sends log lines to the runner (warnings and errors become annotations). */
export const coreLogger: Logger = {
  debug: (m) => core.debug(m),
  info: (m) => core.info(m),
  warning: (m, w) => core.warning(m, { file: w?.file, startLine: w?.line }),
  error: (m, w) => core.error(m, { file: w?.file, startLine: w?.line }),
};

/** RunDeps are the adapters main needs; tests may replace them. */
export interface RunDeps {
  readConfig: () => Config;
  logger: Logger;
  env: NodeJS.ProcessEnv;
}

/** Run is one run's wiring: its settings and adapters. */
interface Run {
  config: Config;
  deps: RunDeps;
  registries: RegistryAccess;
  /** github connects on first use (runs that only read a checkout and write files never call the API). */
  github: () => Promise<GitHub>;
}

interface GitHub {
  octokit: GitHubClient;
  target: PublishTarget;
}

/** run executes one action run. */
export async function run(deps: RunDeps = { readConfig: readActionConfig, logger: coreLogger, env: process.env }): Promise<void> {
  try {
    const config = deps.readConfig();
    if (config.token) core.setSecret(config.token);
    const registries = await createRegistryAccess({ ...config, env: deps.env, logger: deps.logger, setSecret: (s) => core.setSecret(s) });
    try {
      const wiring: Run = { config, deps, registries, github: once(() => connectGitHub(config, deps.env)) };
      const report = await execute(wiring);
      await writeReport(report);
      if (shouldFail(report)) core.setFailed('argocd-image-promoter: every image failed; see the errors above.');
    } finally {
      await registries.close();
    }
  } catch (error) {
    core.setFailed(`argocd-image-promoter: ${toUserMessage(error)}`);
  }
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

async function connectGitHub(config: Config, env: NodeJS.ProcessEnv): Promise<GitHub> {
  if (!config.repository || !config.token) {
    throw new ConfigError('reading or publishing through the GitHub API needs repository and token.', { fix: "Set 'repository' and 'token' (the defaults do), or check the repo out, set 'path' and use mode 'files'." });
  }
  const octokit = createOctokit({ token: config.token, baseUrl: apiBaseUrl(env), logger: coreLogger });
  const { owner, repo } = config.repository;
  const baseBranch = config.baseBranch ?? (await octokit.rest.repos.get({ owner, repo })).data.default_branch;
  return { octokit, target: { owner, repo, baseBranch } };
}

async function execute(run: Run): Promise<RunReport> {
  const { config } = run;
  const snapshot = config.path ? undefined : await core.group('read repository', () => readSnapshot(run));
  const files = snapshot?.files ?? (await readLocalRepo(resolve(config.path!)));
  const plan = await core.group('plan', () => planOn(run, files));
  core.info(renderTable(plan.report));
  if (!config.dryRun) await core.group('publish', () => publish(run, plan, snapshot));
  return plan.report;
}

async function readSnapshot(run: Run): Promise<RepoSnapshot> {
  const { octokit, target } = await run.github();
  return readRepoSnapshot(octokit, { owner: target.owner, repo: target.repo, branch: target.baseBranch });
}

function planSettings(config: Config): PlanSettings {
  return { applications: config.applications, image: config.image, tag: config.tag, mode: config.mode, allowDowngrade: config.allowDowngrade, dryRun: config.dryRun };
}

function planOn(run: Run, files: RepoFiles): Promise<Plan> {
  return planRun(files, planSettings(run.config), run.registries, run.deps.logger);
}

async function publish(run: Run, plan: Plan, snapshot: RepoSnapshot | undefined): Promise<void> {
  await writeFilesMode(run, plan);
  const publishes = plan.checked.some((c) => !c.failed && (c.config.publish.mode ?? run.config.mode) !== 'files');
  if (!publishes) return;
  const { config } = run;
  const github = await run.github();
  await publishPlan(plan, {
    octokit: github.octokit,
    logger: run.deps.logger,
    target: github.target,
    defaults: { labels: config.labels, reviewers: config.reviewers, teamReviewers: config.teamReviewers, assignees: config.assignees, draft: config.draft, group: config.group, mode: config.mode },
    options: { mergeMethod: config.mergeMethod, mergeFallback: config.mergeFallback, author: config.commitAuthor, commitMessageTemplate: config.commitMessage },
    snapshot,
    replan: (files) => planOn(run, files),
  }, plan.report);
}

/** writeFilesMode writes the changes of Applications in mode files into the checkout at `path`. */
async function writeFilesMode(run: Run, plan: Plan): Promise<void> {
  const updates = plan.updates.filter((u) => u.entry.mode === 'files');
  if (updates.length === 0) return;
  if (!run.config.path) {
    throw new ConfigError('mode files writes the working tree, which needs input path.', { fix: "Check the repo out (actions/checkout) and set 'path', or use another mode." });
  }
  const files = await readLocalRepo(resolve(run.config.path));
  await writeFileChanges(resolve(run.config.path), editFilesFor(updates, files));
}

async function writeReport(report: RunReport): Promise<void> {
  writeOutputs(report);
  annotate(report);
  await writeSummary(report);
}

/** shouldFail: the run fails only when every target failed (house style 10); partial failures are reported. */
function shouldFail(report: RunReport): boolean {
  const succeeded = report.updates.length + report.unchanged.length + report.skipped.length;
  return report.errors.length > 0 && succeeded === 0;
}
