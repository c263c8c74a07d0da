/**
 * multi-source: a multi-source Application (a Helm chart source plus a `ref:` values source, as Argo CD's docs
 * show) has no place for the default `.argocd-source-<app>.yaml` file unless the source the updater writes for
 * is a directory of this repository. The updater picks the Helm source and writes the file in it: for a chart
 * from a Helm repository, at the root of a "git repository" that is the chart repository URL (its clone fails);
 * for a chart in another git repository, there. Argo CD reads an override file only in the source it renders,
 * never in a `ref:` source. Such an Application is skipped with the write-back-target that works.
 */
import { chooseSource } from './application.js';
import type { AppConfig, AppSource } from './types.js';

/**
 * multiSourceSkipReason: why a multi-source Application without write-back-target is skipped, or undefined
 * when the default target is a directory of this repository (or the Application has one source).
 */
export function multiSourceSkipReason(config: AppConfig, isThisRepo: ((repoURL: string) => boolean) | undefined): string | undefined {
  const { app } = config;
  if (app.sources.length < 2 || config.writeBack.target?.trim()) return undefined;
  const chosen = chooseSource(app);
  if (chosen === undefined) return undefined;
  const ref = app.sources.find((s) => s.ref !== undefined && (isThisRepo === undefined || isThisRepo(s.repoURL)));
  const fromHelmRepo = chosen.chart !== undefined && chosen.path === undefined;
  // A git source elsewhere with values here: without git-repository, the override would land in this repository.
  const elsewhere = ref !== undefined && config.writeBack.gitRepository === undefined && isThisRepo !== undefined && !isThisRepo(chosen.repoURL);
  if (!fromHelmRepo && !elsewhere) return undefined;
  const what = fromHelmRepo ? `the chart ${chosen.chart} from the Helm repository ${chosen.repoURL}` : `source ${chosen.index + 1} (${chosen.repoURL}), another repository,`;
  const refText = ref ? `, and Argo CD never reads one from the ref source "${ref.ref}"` : '';
  return `it has several sources and no write-back-target: the updater would write .argocd-source-${app.name}.yaml for ${what} where Argo CD does not read it${refText}. Set write-back-target: helmvalues:${suggestedValuesPath(chosen, ref)} (the values file the chart reads).`;
}

/** suggestedValuesPath: the first `$<ref>/<path>` value file of the chart source, as `/<path>`; a placeholder otherwise. */
function suggestedValuesPath(chart: AppSource, ref: AppSource | undefined): string {
  const prefix = ref?.ref === undefined ? undefined : `$${ref.ref}/`;
  const file = prefix === undefined ? undefined : chart.helm?.valueFiles?.find((f) => f.startsWith(prefix));
  return file === undefined ? '/<path of the values file in this repository>' : `/${file.slice(prefix!.length)}`;
}
