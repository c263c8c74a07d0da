/**
 * settings: the per-image settings both configuration forms (annotations, ImageUpdater CR) resolve to,
 * and the value rules they share: strategy names, Go `strconv.ParseBool`, ignore-tags splitting.
 */
import { imageName } from '../resolve/image-ref.js';
import { allowTagsMatcher } from '../strategy/filter.js';
import type { ImageListItem } from './image-list.js';
import type { HelmTarget, ImageSpec, StrategyName } from './types.js';

/** ImageSettings are one image's settings after precedence was applied; undefined = not set. */
export interface ImageSettings {
  strategy?: string;
  allowTags?: string;
  ignoreTags?: string[];
  forceUpdate?: boolean;
  pullSecret?: string;
  platforms?: string[];
  helm?: HelmTarget;
  kustomizeImageName?: string;
  /** ImageUpdater `manifestTargets.plugin` (1.3): env variable names for the name, tag or spec. */
  plugin?: HelmTarget;
}

const STRATEGIES: Record<string, StrategyName> = {
  semver: 'semver',
  'newest-build': 'newest-build',
  alphabetical: 'alphabetical',
  digest: 'digest',
};
// Renamed in 0.14/0.15; still accepted with a warning by every version up to 1.3 (§1.6).
const DEPRECATED: Record<string, StrategyName> = { latest: 'newest-build', name: 'alphabetical' };

/** strategyFromName maps a strategy as written (any case) to one of the four; unknown -> semver + warning. */
export function strategyFromName(raw: string | undefined): { strategy: StrategyName; warning?: string } {
  if (raw === undefined || raw === '') return { strategy: 'semver' };
  const lower = raw.trim().toLowerCase();
  if (STRATEGIES[lower] !== undefined) return { strategy: STRATEGIES[lower] };
  if (DEPRECATED[lower] !== undefined) {
    const strategy = DEPRECATED[lower];
    return { strategy, warning: `update-strategy "${raw}" is a deprecated name; write "${strategy}".` };
  }
  return {
    strategy: 'semver',
    warning: `update-strategy "${raw}" is unknown, so semver is used (as argocd-image-updater does); write semver, newest-build, alphabetical or digest.`,
  };
}

const GO_TRUE = new Set(['1', 't', 'T', 'TRUE', 'true', 'True']);
const GO_FALSE = new Set(['0', 'f', 'F', 'FALSE', 'false', 'False']);

/** parseGoBool is Go's `strconv.ParseBool`: undefined for anything it would reject. */
export function parseGoBool(value: string): boolean | undefined {
  if (GO_TRUE.has(value)) return true;
  if (GO_FALSE.has(value)) return false;
  return undefined;
}

/** splitIgnoreTags splits on `,` and trims, keeping empty entries as the updater does (`""` -> `[""]`). */
export function splitIgnoreTags(value: string): string[] {
  return value.split(',').map((glob) => glob.trim());
}

/** splitList splits a comma list, trims, and drops empty entries. */
export function splitList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** PLATFORM_PATTERN is `os/arch[/variant]`. */
export const PLATFORM_PATTERN = /^[a-z0-9_.-]+\/[a-z0-9_.-]+(?:\/[a-z0-9_.-]+)?$/i;

/** imageSpecFromSettings combines an image-list item with its resolved settings; warnings go to `warnings`. */
export function imageSpecFromSettings(item: ImageListItem, settings: ImageSettings, warnings: string[]): ImageSpec {
  const { strategy, warning } = strategyFromName(settings.strategy);
  const where = item.hasAlias ? `image ${item.alias}` : `image ${item.alias} (no alias)`;
  if (warning) warnings.push(`${where}: ${warning}`);
  for (const remark of item.warnings) warnings.push(`${where}: ${remark}`);
  const allowWarning = allowTagsMatcher(settings.allowTags).warning;
  if (allowWarning) warnings.push(`${where}: ${allowWarning}`);
  return {
    alias: item.alias,
    hasAlias: item.hasAlias,
    ref: item.ref,
    ...(item.writtenName === imageName(item.ref) ? {} : { writtenName: item.writtenName }),
    constraint: item.constraint,
    strategy,
    strategyRaw: settings.strategy ?? strategy,
    ...(settings.allowTags === undefined ? {} : { allowTags: settings.allowTags }),
    ignoreTags: settings.ignoreTags ?? [],
    forceUpdate: settings.forceUpdate ?? false,
    ...(settings.pullSecret === undefined ? {} : { pullSecret: settings.pullSecret }),
    platforms: settings.platforms ?? [],
    ...(settings.helm === undefined ? {} : { helm: settings.helm }),
    ...(settings.kustomizeImageName === undefined ? {} : { kustomizeImageName: settings.kustomizeImageName }),
    ...(settings.plugin === undefined ? {} : { plugin: settings.plugin }),
  };
}
