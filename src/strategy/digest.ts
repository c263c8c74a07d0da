/**
 * digest strategy: track one mutable tag (the constraint, e.g. `latest`) and follow its manifest
 * digest. Only the tag equal to the constraint is a candidate (`WantsOnlyConstraintTag`); its digest is
 * the registry's `Docker-Content-Digest` of the manifest or index. An update is due whenever the
 * current digest is missing or differs (see `wouldUpdate` in select.ts).
 */
import { compareByName } from './alphabetical.js';
import { collapseDuplicates, orderedStrategy } from './order.js';
import type { OrderedStrategy } from './types.js';

/** digestStrategy builds the strategy for the tracked tag (must be non-empty; strategyFromSpec checks). */
export function digestStrategy(trackedTag: string): OrderedStrategy {
  return orderedStrategy({ name: 'digest', needs: 'digest', compare: compareByName }, (candidates) =>
    collapseDuplicates(candidates).filter((c) => c.tag === trackedTag),
  );
}
