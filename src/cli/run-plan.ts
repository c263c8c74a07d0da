/** `plan` and `apply` on a local checkout (SPEC §2.1, scenario S5). */
import { resolve } from 'node:path';
import type { Config } from '../config/config.js';
import { readLocalRepo } from '../discover/local-repo.js';
import { unifiedDiff } from '../edit/diff.js';
import { writeFileChanges } from '../edit/write-files.js';
import type { Logger } from '../logger.js';
import { planRun, type Plan } from '../pipeline.js';
import type { ManagedRegistryAccess } from '../registry/registry-access.js';

/** PlanCommand says what the command does after planning. */
export interface PlanCommand {
  config: Config;
  apply: boolean;
  registries: () => Promise<ManagedRegistryAccess>;
  logger: Logger;
}

/** runPlan plans on the checkout at config.path and, for `apply --mode files`, writes the working tree. */
export async function runPlan(command: PlanCommand): Promise<Plan> {
  const { config, logger } = command;
  const root = resolve(config.path ?? '.');
  const files = await readLocalRepo(root);
  const registries = await command.registries();
  try {
    const plan = await planRun(files, planSettings(config, command.apply), registries, logger);
    if (command.apply && !config.dryRun && plan.changes.length > 0) {
      await writeFileChanges(root, plan.changes);
    }
    return plan;
  } finally {
    await registries.close();
  }
}

function planSettings(config: Config, apply: boolean) {
  return {
    applications: config.applications,
    image: config.image,
    tag: config.tag,
    mode: config.mode,
    allowDowngrade: config.allowDowngrade,
    dryRun: config.dryRun || !apply,
  };
}

/** renderDiffs renders the unified diff of every planned file change. */
export function renderDiffs(plan: Plan): string {
  return plan.changes.map((change) => unifiedDiff(change)).join('');
}
