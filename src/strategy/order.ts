/** Ordering helpers shared by the strategies (pure). */
import type { Candidate, OrderedStrategy } from './types.js';

/**
 * compareBytes orders strings as Go compares them: by UTF-8 bytes (`Z` < `a`, `10` < `9`).
 * JavaScript's `<` compares UTF-16 code units, which agrees except where a surrogate pair (U+10000 and
 * up) meets U+E000..U+FFFF; that case is corrected here.
 */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff;
    const ys = y >= 0xd800 && y <= 0xdfff;
    if (xs !== ys && Math.max(x, y) >= 0xe000) return xs ? 1 : -1;
    return x < y ? -1 : 1;
  }
  return a.length < b.length ? -1 : 1;
}

/**
 * collapseDuplicates keeps one candidate per tag name, the last one, because the updater stores tags in
 * a map keyed by name (`ImageTagList.Add`), so a later entry overwrites an earlier one.
 */
export function collapseDuplicates(candidates: readonly Candidate[]): Candidate[] {
  const byTag = new Map<string, Candidate>();
  for (const candidate of candidates) byTag.set(candidate.tag, candidate);
  return [...byTag.values()];
}

/** pickGreatest returns the greatest item by `compare` (the last element after the updater's ascending sort). */
export function pickGreatest<T>(items: readonly T[], compare: (a: T, b: T) => number): T | null {
  let best: T | null = null;
  for (const item of items) {
    if (best === null || compare(item, best) > 0) best = item;
  }
  return best;
}

/** orderedStrategy assembles a strategy from its eligibility filter and its order. */
export function orderedStrategy(
  base: Pick<OrderedStrategy, 'name' | 'needs' | 'compare'>,
  eligibleOf: (candidates: readonly Candidate[]) => Candidate[],
): OrderedStrategy {
  const select = (candidates: readonly Candidate[]) => {
    const eligible = eligibleOf(candidates);
    return { chosen: pickGreatest(eligible, base.compare), eligible };
  };
  return { ...base, select, choose: (candidates) => select(candidates).chosen };
}
