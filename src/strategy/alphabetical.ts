/**
 * alphabetical strategy (formerly `name`): the greatest tag in plain byte order (`SortAlphabetically`):
 * `Z` < `a`, `v1.10.0` < `v1.9.0`, `10` < `9`. Only sensible with an allow-tags that admits fixed-width
 * names such as calendar dates.
 */
import { collapseDuplicates, compareBytes, orderedStrategy } from './order.js';
import type { Candidate, OrderedStrategy } from './types.js';

/** compareByName orders candidates by tag bytes. */
export function compareByName(a: Candidate, b: Candidate): number {
  return compareBytes(a.tag, b.tag);
}

/** alphabeticalStrategy builds the strategy; it reads no constraint. */
export function alphabeticalStrategy(): OrderedStrategy {
  return orderedStrategy({ name: 'alphabetical', needs: 'tags', compare: compareByName }, collapseDuplicates);
}
