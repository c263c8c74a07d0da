/** main: builds the real dependencies from the action's inputs, runs the pipeline, sets outputs. The only setFailed. */
import * as core from '@actions/core';
import type { Config } from './config/config.js';
import { readActionConfig } from './config/inputs.js';
import { toUserMessage } from './errors.js';
import type { Logger } from './logger.js';
import { createRegistryAccess } from './registry/registry-access.js';
import { annotate, writeOutputs, writeSummary } from './report/outputs.js';
import { renderTable } from './report/render.js';
import type { RunReport } from './report/result.js';
import { runRollback } from './rollback/run-rollback.js';
import { closeRegistries, connectGitHub, once, runConfig } from './run.js';

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
    const registries = await createRegistryAccess({ ...config, env: deps.env, logger: deps.logger, setSecret: (s) => core.setSecret(s) });
    const context = { config, logger: deps.logger, env: deps.env, registries, group: <T>(name: string, work: () => Promise<T>) => core.group(name, work) };
    const produced = config.rollback ? runRollback(context, once(() => connectGitHub(config, deps.env)), config.rollback) : runConfig(context).then((plan) => plan.report);
    const report = await produced.catch(async (error: unknown) => {
      await closeRegistries(registries, deps.logger);
      throw error;
    });
    await closeRegistries(registries, deps.logger, report); // before the outputs, so a cache that cannot be saved is among the warnings
    core.info(renderTable(report));
    await writeReport(report);
    if (shouldFail(report)) core.setFailed('argocd-image-promoter: every image failed; see the errors above.');
  } catch (error) {
    core.setFailed(`argocd-image-promoter: ${toUserMessage(error)}`);
  }
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
