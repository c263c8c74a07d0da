/** collapseDuplicates must give exactly what a Map keyed by tag gives (first-seen order, last entry wins). */
import { describe, expect, it } from 'vitest';
import { collapseDuplicates } from '../../src/strategy/order.js';
import type { Candidate } from '../../src/strategy/types.js';

function viaMap(candidates: readonly Candidate[]): Candidate[] {
  const byTag = new Map<string, Candidate>();
  for (const candidate of candidates) byTag.set(candidate.tag, candidate);
  return [...byTag.values()];
}

describe('collapseDuplicates', () => {
  it('keeps the last entry of a repeated tag at its first position', () => {
    const a1 = { tag: 'a', digest: '1' };
    const a2 = { tag: 'a', digest: '2' };
    const b = { tag: 'b' };
    expect(collapseDuplicates([a1, b, a2])).toEqual([a2, b]);
    expect(collapseDuplicates([])).toEqual([]);
  });

  it('matches a Map over many tags with repeats (and so with hash-slot collisions)', () => {
    let state = 3;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
    const candidates = Array.from({ length: 5000 }, (_, i) => ({ tag: (next() % 3000).toString(36), digest: String(i) }));
    candidates.push({ tag: '', digest: 'empty' }, { tag: '😀', digest: 'x' }, { tag: '', digest: 'empty2' });
    expect(collapseDuplicates(candidates)).toEqual(viaMap(candidates));
  });
});
