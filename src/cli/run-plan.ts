/** `plan` and `apply` (SPEC §2.1, scenario S5): the action's run, driven by flags. */
import type { Config } from '../config/config.js';
import { unifiedDiff } from '../edit/diff.js';
import type { Logger } from '../logger.js';
import type { Plan } from '../pipeline.js';
import type { ManagedRegistryAccess } from '../registry/registry-access.js';
import { closeRegistries, runConfig } from '../run.js';

/** PlanCommand says what the command does after planning. */
export interface PlanCommand {
  config: Config;
  apply: boolean;
  registries: () => Promise<ManagedRegistryAccess>;
  logger: Logger;
  env: NodeJS.ProcessEnv;
}

/**
 * runPlan plans the repo (the checkout at --path, or --repository through the API) and, for `apply`,
 * writes the working tree (--mode files, which then applies to every Application) or publishes.
 */
export async function runPlan(command: PlanCommand): Promise<Plan> {
  const { config, logger } = command;
  const registries = await command.registries();
  let plan: Plan | undefined;
  try {
    plan = await runConfig({
      config: { ...config, dryRun: config.dryRun || !command.apply },
      logger,
      env: command.env,
      registries,
      group: (_name, work) => work(),
      forceMode: config.mode === 'files' ? 'files' : undefined,
    });
    return plan;
  } finally {
    await closeRegistries(registries, logger, plan?.report);
  }
}

/** renderDiffs renders the unified diff of every planned file change. */
export function renderDiffs(plan: Plan): string {
  return plan.changes.map((change) => unifiedDiff(change)).join('');
}
