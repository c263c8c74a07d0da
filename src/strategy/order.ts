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
 * a map keyed by name (`ImageTagList.Add`), so a later entry overwrites an earlier one. The result is
 * what `new Map(tag -> candidate).values()` gives: first-seen order, last entry's value. It is built
 * with an open-addressing table of output indices in an Int32Array, because a JS Map over 100,000
 * tags costs ~25 ms (growth and rehashing), about three times this.
 */
export function collapseDuplicates(candidates: readonly Candidate[]): Candidate[] {
  const mask = tableSizeFor(candidates.length) - 1;
  const slots = new Int32Array(mask + 1).fill(-1);
  const out: Candidate[] = [];
  for (const candidate of candidates) {
    for (let h = hashTag(candidate.tag) & mask; ; h = (h + 1) & mask) {
      const at = slots[h];
      if (at < 0) {
        slots[h] = out.length;
        out.push(candidate);
        break;
      }
      if (out[at].tag === candidate.tag) {
        out[at] = candidate;
        break;
      }
    }
  }
  return out;
}

/** tableSizeFor returns a power of two at least twice n, so linear probing stays short. */
function tableSizeFor(n: number): number {
  let size = 1;
  while (size < 2 * n) size *= 2;
  return size;
}

/**
 * hashTag is 32-bit FNV-1a over UTF-16 units; any hash is correct here, since slots compare the tags.
 * It stays a signed int32 (no `>>> 0`): V8 keeps that unboxed, and the caller only masks the low bits.
 */
function hashTag(tag: string): number {
  let h = 0x811c9dc5 | 0;
  for (let i = 0; i < tag.length; i++) h = Math.imul(h ^ tag.charCodeAt(i), 0x01000193);
  return h;
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
