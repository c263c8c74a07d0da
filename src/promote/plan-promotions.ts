/**
 * plan-promotions: the pipeline's promotion step (issue 12). Holds are applied to every image; images with
 * promote-from are linked to their sources among ALL Applications of the repository (a run filtered to prod
 * still reads staging) and decided by promoteImages; the rest go to the registry query as before.
 */
import { discoverApplications, type DiscoverOptions } from '../discover/discover.js';
import type { AppConfig } from '../discover/types.js';
import type { ImageOutcome } from '../report/result.js';
import { resolveImages, type ResolveResult } from '../resolve/resolve.js';
import type { RepoFiles, ResolvedImage } from '../resolve/types.js';
import { linkSources, type SourceImage } from './link.js';
import { promoteImages, type PromoteOptions } from './promote-images.js';

/** splitHeld separates images on hold (skipped, naming the annotation) from the others. */
export function splitHeld(items: readonly ResolvedImage[]): { held: ImageOutcome[]; rest: ResolvedImage[] } {
  const held: ImageOutcome[] = [];
  const rest: ResolvedImage[] = [];
  for (const item of items) {
    if (item.image.hold === undefined) rest.push(item);
    else held.push({ status: 'skipped', entry: { application: item.config.app.label, alias: item.image.alias, reason: `on hold (${item.image.hold}): not updated until the hold is lifted` } });
  }
  return { held, rest };
}

/** SourceScope is what the run discovered and resolved, and how to discover the rest when it was filtered. */
export interface SourceScope {
  configs: readonly AppConfig[];
  resolved: ResolveResult;
  /** Set when the run's discovery was filtered (applications, paths): sources are then discovered unfiltered. */
  unfiltered?: DiscoverOptions;
}

/** planPromotions decides every promoted image against its source. */
export async function planPromotions(promoted: readonly ResolvedImage[], files: RepoFiles, scope: SourceScope, options: Omit<PromoteOptions, 'files'>): Promise<ImageOutcome[]> {
  if (promoted.length === 0) return [];
  const sources = sourceImages(files, scope);
  return promoteImages(linkSources(promoted, sources), { ...options, files });
}

/** sourceImages lists every image of every Application, with what resolve found for it. */
function sourceImages(files: RepoFiles, scope: SourceScope): SourceImage[] {
  let { configs, resolved } = scope;
  if (scope.unfiltered) {
    configs = discoverApplications(files, scope.unfiltered).configs;
    resolved = resolveImages(configs, files);
  }
  const items = new Map<string, ResolvedImage>();
  for (const item of [...resolved.resolved, ...resolved.skipped.map((s) => s.item)]) items.set(keyOf(item.config, item.image.alias), item);
  return configs.flatMap((config) => config.images.map((image) => ({ config, image, item: items.get(keyOf(config, image.alias)) })));
}

function keyOf(config: AppConfig, alias: string): string {
  return `${config.app.file}:${config.app.line}#${alias}`;
}
