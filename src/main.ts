/** main: builds the real dependencies from the action's inputs, runs the pipeline, sets outputs. The only setFailed. */
import * as core from '@actions/core';
import type { Config } from './config/config.js';
import { readActionConfig } from './config/inputs.js';
import { toUserMessage } from './errors.js';
import type { Logger } from './logger.js';
import { createRegistryAccess } from './registry/registry-access.js';
import { annotate, writeOutputs, writeSummary } from './report/outputs.js';
import { renderTable } from './report/render.js';
import { emptyReport, type RunReport } from './report/result.js';
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

/** run executes one action run. Outputs and the job summary are written on every run, failed or not. */
export async function run(deps: RunDeps = { readConfig: readActionConfig, logger: coreLogger, env: process.env }): Promise<void> {
  let dryRun = false;
  try {
    const config = deps.readConfig();
    dryRun = config.dryRun;
    if (config.token) core.setSecret(config.token);
    const registries = await createRegistryAccess({ ...config, env: deps.env, logger: deps.logger, setSecret: (s) => core.setSecret(s) });
    const context = { config, logger: deps.logger, env: deps.env, registries, group: <T>(name: string, work: () => Promise<T>) => core.group(name, work) };
    const produced = config.rollback ? runRollback(context, once(() => connectGitHub(config, deps.env, deps.logger)), config.rollback) : runConfig(context).then((plan) => plan.report);
    const report = await produced.catch(async (error: unknown) => {
      await closeRegistries(registries, deps.logger);
      throw error;
    });
    await closeRegistries(registries, deps.logger, report); // before the outputs, so a cache that cannot be saved is among the warnings
    core.info(renderTable(report));
    await writeReport(report);
    const failure = failureMessage(report);
    if (failure) core.setFailed(failure);
  } catch (error) {
    const message = toUserMessage(error);
    // The run stopped before it had a report: write one anyway, so later steps can rely on the outputs.
    await writeReport({ ...emptyReport(dryRun), errors: [{ application: '(run)', message }] }, false).catch(() => undefined);
    core.setFailed(`argocd-image-promoter: ${message}`);
  }
}

async function writeReport(report: RunReport, withAnnotations = true): Promise<void> {
  writeOutputs(report);
  if (withAnnotations) annotate(report);
  await writeSummary(report);
}

/**
 * failureMessage: the step fails when something planned could not be published (a change that did
 * not land), or when every target failed (house style 10); other partial failures are reported only.
 */
export function failureMessage(report: RunReport): string | undefined {
  const unpublished = [...new Set(report.errors.filter((e) => e.stage === 'publish').map((e) => e.application))];
  if (unpublished.length > 0) return `argocd-image-promoter: the changes of ${unpublished.join(', ')} could not be published; see the errors above (what did land is in the outputs and the job summary).`;
  const succeeded = report.updates.length + report.unchanged.length + report.skipped.length;
  if (report.errors.length > 0 && succeeded === 0) return 'argocd-image-promoter: every image failed; see the errors above.';
  return undefined;
}
