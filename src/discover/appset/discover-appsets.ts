/**
 * discover-appsets: the discover stage's use of the renderer: every ApplicationSet of the repo rendered against
 * the snapshot, one failure or skip per ApplicationSet (the others, and hand-written Applications, go on), and a
 * generated Application whose namespace/name a hand-written Application (or another ApplicationSet) also has is
 * an error for that ApplicationSet: Argo CD would have two owners fighting over one Application.
 */
import { ConfigError, PromoterError } from '../../errors.js';
import type { RepoFiles } from '../../resolve/types.js';
import type { DiscoverFailure, DiscoverSkip } from '../discover.js';
import { appKey } from '../identity.js';
import type { Application } from '../types.js';
import type { YamlDoc } from '../yaml-docs.js';
import { appSetLabel, renderApplicationSet } from './appset.js';
import type { ClusterInfo } from './clusters.js';
import { directoriesOf } from './git-generator.js';

/** AppSetSource is what rendering reads: the snapshot, and how to tell this repository's URL. */
export interface AppSetSource {
  files: RepoFiles;
  isThisRepo?: (repoURL: string) => boolean;
  /** The clusters a `clusters` generator sees (input `clusters`). */
  clusters?: readonly ClusterInfo[];
}

/** GeneratedApps is what the ApplicationSets of a repo produce. */
export interface GeneratedApps {
  apps: Application[];
  failures: DiscoverFailure[];
  skipped: DiscoverSkip[];
}

/** appSetApplications renders every ApplicationSet; `handWritten` are the repo's own Application documents. */
export function appSetApplications(appSets: readonly YamlDoc[], handWritten: readonly Application[], source: AppSetSource): GeneratedApps {
  const out: GeneratedApps = { apps: [], failures: [], skipped: [] };
  if (appSets.length === 0) return out;
  let dirs: string[] | undefined;
  const git = { files: source.files, directories: () => (dirs ??= directoriesOf(source.files)), isThisRepo: source.isThisRepo, clusters: source.clusters };
  const owners = new Map<string, string>(handWritten.map((app) => [appKey(app), `${app.file}:${app.line}`]));
  for (const doc of appSets) {
    const label = appSetLabel(doc.name);
    const chart = chartOf(doc.file, source.files);
    if (chart !== undefined) {
      out.skipped.push({ application: label, reason: `it is a template of the Helm chart ${chart} (${doc.file}:${doc.lineOf(['kind'])}); Helm renders it first, so it is not rendered here` });
      continue;
    }
    try {
      const outcome = renderApplicationSet(doc, git);
      if ('skip' in outcome) {
        out.skipped.push({ application: label, reason: `${outcome.skip} (${doc.file}:${doc.lineOf(['kind'])})` });
        continue;
      }
      claim(outcome.apps, owners, doc, label);
      out.apps.push(...outcome.apps);
    } catch (error) {
      if (!(error instanceof PromoterError)) throw error;
      out.failures.push({ application: label, file: error.file ?? doc.file, line: error.line ?? doc.lineOf(['kind']), error });
    }
  }
  return out;
}

/** chartOf returns the chart directory ('.' for the repo root) when `file` lies under `<chart>/templates/` next to a Chart.yaml. */
export function chartOf(file: string, files: RepoFiles): string | undefined {
  const parts = file.split('/');
  for (let i = parts.length - 2; i >= 0; i--) {
    if (parts[i] !== 'templates') continue;
    const chart = parts.slice(0, i).join('/');
    if (files.read(chart === '' ? 'Chart.yaml' : `${chart}/Chart.yaml`) !== undefined) return chart === '' ? '.' : chart;
  }
  return undefined;
}

/** claim records the generated Applications' identities, refusing one another document already declares. */
function claim(apps: readonly Application[], owners: Map<string, string>, doc: YamlDoc, label: string): void {
  for (const app of apps) {
    const owner = owners.get(appKey(app));
    if (owner !== undefined) {
      throw new ConfigError(`${label} generates Application ${appKey(app)}, which ${owner} also declares`, {
        application: label,
        file: doc.file,
        line: doc.lineOf(['kind']),
        fix: 'Delete the hand-written Application (the ApplicationSet owns it now), or change the template name so the two differ.',
      });
    }
  }
  for (const app of apps) owners.set(appKey(app), `${label} (${doc.file}:${doc.lineOf(['kind'])})`);
}
