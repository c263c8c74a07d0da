/**
 * newest-build strategy (formerly `latest`): the tag whose image was built last, by the image config's
 * `created` (the newest among the wanted platforms), never the push time (argocd-image-updater #681).
 * Equal times are ordered by tag name in byte order and the greatest name wins (`SortByDate`), so
 * an image tagged `f33bacd`, `dev` and `latest` resolves to `latest` unless filtered.
 */
import { collapseDuplicates, compareBytes, orderedStrategy } from './order.js';
import type { Candidate, OrderedStrategy } from './types.js';

/** compareByBuildTime orders by `created`, then by name; a missing time sorts first. */
export function compareByBuildTime(a: Candidate, b: Candidate): number {
  const ta = a.created?.getTime() ?? Number.NEGATIVE_INFINITY;
  const tb = b.created?.getTime() ?? Number.NEGATIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return compareBytes(a.tag, b.tag);
}

/** hasBuildTime: a tag without a parseable `created` was dropped by the updater's metadata step. */
function hasBuildTime(candidate: Candidate): boolean {
  return candidate.created !== undefined && !Number.isNaN(candidate.created.getTime());
}

/** newestBuildStrategy builds the strategy; it reads no constraint. */
export function newestBuildStrategy(): OrderedStrategy {
  return orderedStrategy({ name: 'newest-build', needs: 'created', compare: compareByBuildTime }, (candidates) =>
    collapseDuplicates(candidates).filter(hasBuildTime),
  );
}
