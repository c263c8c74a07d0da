/** main: builds the real dependencies from the action's inputs, runs the pipeline, sets outputs. The only setFailed. */
import * as core from '@actions/core';
import { resolve } from 'node:path';
import { readActionConfig } from './config/inputs.js';
import type { Config } from './config/config.js';
import { readLocalRepo } from './discover/local-repo.js';
import { writeFileChanges } from './edit/write-files.js';
import { ConfigError, toUserMessage } from './errors.js';
import type { Logger } from './logger.js';
import { planRun, type Plan } from './pipeline.js';
import { createRegistryAccess } from './registry/registry-access.js';
import { annotate, writeOutputs, writeSummary } from './report/outputs.js';
import type { RunReport } from './report/result.js';
import { renderTable } from './report/render.js';

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

/** run executes one action run. */
export async function run(deps: RunDeps = { readConfig: readActionConfig, logger: coreLogger, env: process.env }): Promise<void> {
  try {
    const config = deps.readConfig();
    if (config.token) core.setSecret(config.token);
    const plan = await stage('plan', () => planFromConfig(config, deps));
    await stage('publish', () => publish(plan, config));
    await report(plan.report);
    if (shouldFail(plan.report)) core.setFailed(`argocd-image-promoter: every image failed; see the errors above.`);
  } catch (error) {
    core.setFailed(`argocd-image-promoter: ${toUserMessage(error)}`);
  }
}

async function stage<T>(name: string, work: () => Promise<T>): Promise<T> {
  return core.group(name, work);
}

async function planFromConfig(config: Config, deps: RunDeps): Promise<Plan> {
  if (!config.path) {
    throw new ConfigError('reading the repository through the GitHub API is not available in this build.', { fix: "Check out the manifests repo (actions/checkout) and set input 'path'." });
  }
  const files = await readLocalRepo(resolve(config.path));
  const registries = await createRegistryAccess({ ...config, env: deps.env, logger: deps.logger, setSecret: (s) => core.setSecret(s) });
  try {
    const settings = { applications: config.applications, image: config.image, tag: config.tag, mode: config.mode, allowDowngrade: config.allowDowngrade, dryRun: config.dryRun };
    const plan = await planRun(files, settings, registries, deps.logger);
    core.info(renderTable(plan.report));
    return plan;
  } finally {
    await registries.close();
  }
}

async function publish(plan: Plan, config: Config): Promise<void> {
  if (config.dryRun || plan.changes.length === 0) return;
  const modes = new Set(plan.updates.map((u) => u.entry.mode));
  if ([...modes].some((mode) => mode !== 'files')) {
    throw new ConfigError(`publish modes ${[...modes].join(', ')} are not available in this build.`, { fix: "Use mode 'files' and commit the working tree in a later step." });
  }
  await writeFileChanges(resolve(config.path!), plan.changes);
}

async function report(runReport: RunReport): Promise<void> {
  writeOutputs(runReport);
  annotate(runReport);
  await writeSummary(runReport);
}

/** shouldFail: the run fails only when every target failed (house style 10); partial failures are reported. */
function shouldFail(runReport: RunReport): boolean {
  const succeeded = runReport.updates.length + runReport.unchanged.length + runReport.skipped.length;
  return runReport.errors.length > 0 && succeeded === 0;
}
