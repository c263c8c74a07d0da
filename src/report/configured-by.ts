/**
 * configured-by (pure): which configuration source each Application's settings came from (issue 10, divergence 13).
 * The updater 1.x reads Application annotations only when an ImageUpdater selects the Application with
 * `useAnnotations`; this tool also reads them alone, so the report says which form each Application used.
 */
import type { AppConfig } from '../discover/types.js';

/** ANNOTATIONS is the configuration source of an Application configured by its own annotations, no ImageUpdater. */
export const ANNOTATIONS = 'annotations';

/**
 * describeOrigin: `annotations`; `annotations (ImageUpdater <name> useAnnotations, <file>:<line>)`;
 * or `ImageUpdater <name> (<file>:<line>)`.
 */
export function describeOrigin(origin: AppConfig['origin']): string {
  if (origin.kind === 'ImageUpdater') return `ImageUpdater ${origin.name} (${origin.file}:${origin.line})`;
  const cr = origin.selectedBy;
  return cr === undefined ? ANNOTATIONS : `${ANNOTATIONS} (ImageUpdater ${cr.name} useAnnotations, ${cr.file}:${cr.line})`;
}

/** configuredBy maps each configured Application's report label to its configuration source. */
export function configuredBy(configs: readonly AppConfig[]): Record<string, string> {
  return Object.fromEntries(configs.map((config) => [config.app.label, describeOrigin(config.origin)]));
}

/** bySource groups Applications under their configuration source, sources and Applications in name order. */
export function bySource(map: Readonly<Record<string, string>>): [source: string, applications: string[]][] {
  const groups = new Map<string, string[]>();
  for (const [application, source] of Object.entries(map)) groups.set(source, [...(groups.get(source) ?? []), application]);
  return [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([source, apps]) => [source, apps.sort()]);
}
