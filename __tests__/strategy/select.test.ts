/** The selection engine: filterTags, metadataNeeded, chooseCandidate, wouldUpdate, compareForStrategy, selectFromCandidates. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import {
  chooseCandidate,
  compareForStrategy,
  filterTags,
  metadataNeeded,
  selectFromCandidates,
  wouldUpdate,
  type CurrentRef,
  type SelectionSpec,
} from '../../src/strategy/select.js';
import type { Candidate } from '../../src/strategy/types.js';

const spec = (over: Partial<SelectionSpec>): SelectionSpec => ({ strategy: 'semver', constraint: '', ignoreTags: [], ...over });
const at = (seconds: number) => new Date(Date.UTC(2024, 0, 1) + seconds * 1000);

describe('filterTags', () => {
  it('keeps registry order and repeats, counts what it saw, and warns about a match-none allow-tags', () => {
    expect(filterTags(['b', 'a', 'b', 'c'], spec({ ignoreTags: ['c'] }))).toEqual({ kept: ['b', 'a', 'b'], considered: 4, warnings: [] });
    const none = filterTags(['1.0'], spec({ allowTags: '^1' }));
    expect(none.kept).toEqual([]);
    expect(none.warnings).toHaveLength(1);
  });
});

describe('metadataNeeded', () => {
  const cases: [Partial<SelectionSpec>, string][] = [
    [{ strategy: 'semver' }, 'tags'],
    [{ strategy: 'alphabetical' }, 'tags'],
    [{ strategy: 'newest-build' }, 'created'],
    [{ strategy: 'newest-build', tagSortMode: 'none' }, 'created'],
    [{ strategy: 'newest-build', tagSortMode: 'latest-first' }, 'tags'],
    [{ strategy: 'newest-build', tagSortMode: 'latest-last' }, 'tags'],
    [{ strategy: 'digest', constraint: 'latest' }, 'digest'],
    [{ strategy: 'digest', constraint: 'latest', tagSortMode: 'latest-first' }, 'digest'],
  ];
  it.each(cases)('%o -> %s', (over, want) => {
    expect(metadataNeeded(spec(over))).toBe(want);
  });

  it('throws ConfigError for a bad constraint', () => {
    expect(() => metadataNeeded(spec({ constraint: 'latest' }))).toThrow(ConfigError);
  });
});

describe('chooseCandidate', () => {
  it('drops newest-build candidates without a build time, with a warning', () => {
    const result = chooseCandidate(spec({ strategy: 'newest-build' }), [{ tag: 'a', created: at(2) }, { tag: 'b' }, { tag: 'c', created: at(1) }]);
    expect(result.chosen?.tag).toBe('a');
    expect(result.eligible).toBe(2);
    expect(result.warnings.join()).toContain('b');
  });

  const sorted: { mode: 'latest-first' | 'latest-last'; tags: string[]; chosen: string }[] = [
    { mode: 'latest-first', tags: ['c', 'a', 'b'], chosen: 'c' },
    { mode: 'latest-last', tags: ['c', 'a', 'b'], chosen: 'b' },
    // A repeated tag keeps the time of its last position.
    { mode: 'latest-first', tags: ['a', 'b', 'a'], chosen: 'b' },
    { mode: 'latest-last', tags: ['a', 'b', 'a'], chosen: 'a' },
  ];
  it.each(sorted)('tagsortmode $mode over $tags picks $chosen without build times', ({ mode, tags, chosen }) => {
    const result = chooseCandidate(spec({ strategy: 'newest-build', tagSortMode: mode }), tags.map((tag) => ({ tag })));
    expect(result.chosen?.tag).toBe(chosen);
    expect(result.warnings).toEqual([]);
  });

  const dropped = (count: number, shown: string) => `${count} tag(s) have no image build time and were dropped, as argocd-image-updater drops them: ${shown}.`;

  it('names the one tag without a build time, and no other', () => {
    const result = chooseCandidate(spec({ strategy: 'newest-build' }), [{ tag: 'a', created: at(2) }, { tag: 'bad', created: new Date(Number.NaN) }, { tag: 'c', created: at(1) }]);
    expect(result.warnings).toEqual([dropped(1, 'bad')]);
  });

  it('gives no warning when every tag has a build time', () => {
    expect(chooseCandidate(spec({ strategy: 'newest-build' }), [{ tag: 'a', created: at(2) }]).warnings).toEqual([]);
  });

  it('names up to five dropped tags, then counts the rest', () => {
    const untimed = (n: number) => Array.from({ length: n }, (_, i) => ({ tag: `t${i}` }));
    expect(chooseCandidate(spec({ strategy: 'newest-build' }), untimed(5)).warnings).toEqual([dropped(5, 't0, t1, t2, t3, t4')]);
    expect(chooseCandidate(spec({ strategy: 'newest-build' }), untimed(6)).warnings).toEqual([dropped(6, 't0, t1, t2, t3, t4 and 1 more')]);
    expect(chooseCandidate(spec({ strategy: 'newest-build' }), untimed(8)).warnings).toEqual([dropped(8, 't0, t1, t2, t3, t4 and 3 more')]);
  });

  it('counts distinct eligible tags', () => {
    expect(chooseCandidate(spec({ constraint: '^1' }), [{ tag: '1.0.0' }, { tag: '1.0.0' }, { tag: '2.0.0' }, { tag: 'x' }]).eligible).toBe(1);
  });
});

describe('wouldUpdate (needsUpdate, step 7)', () => {
  const cases: { name: string; strategy: SelectionSpec['strategy']; chosen: Candidate | null; current: CurrentRef | undefined; update: boolean }[] = [
    { name: 'no pick', strategy: 'semver', chosen: null, current: { tag: '1.0' }, update: false },
    { name: 'nothing current (force-update)', strategy: 'semver', chosen: { tag: '1.0' }, current: undefined, update: true },
    { name: 'same tag', strategy: 'semver', chosen: { tag: '1.0' }, current: { tag: '1.0' }, update: false },
    { name: 'other tag', strategy: 'semver', chosen: { tag: '1.1' }, current: { tag: '1.0' }, update: true },
    { name: 'downgrade still counts', strategy: 'semver', chosen: { tag: '1.0' }, current: { tag: '1.5' }, update: true },
    { name: 'current pinned by digest: digests compared, the pick has none', strategy: 'semver', chosen: { tag: '1.0', digest: 'sha256:a' }, current: { tag: '1.0', digest: 'sha256:a' }, update: true },
    { name: 'newest-build ignores the pick digest', strategy: 'newest-build', chosen: { tag: 'a', digest: 'sha256:x' }, current: { tag: 'a' }, update: false },
    { name: 'digest: same digest', strategy: 'digest', chosen: { tag: 'latest', digest: 'sha256:a' }, current: { tag: 'latest', digest: 'sha256:a' }, update: false },
    { name: 'digest: other digest', strategy: 'digest', chosen: { tag: 'latest', digest: 'sha256:b' }, current: { tag: 'latest', digest: 'sha256:a' }, update: true },
    { name: 'digest: current has no digest', strategy: 'digest', chosen: { tag: 'latest', digest: 'sha256:a' }, current: { tag: 'latest' }, update: true },
    { name: 'digest: digest only in git', strategy: 'digest', chosen: { tag: 'latest', digest: 'sha256:a' }, current: { digest: 'sha256:a' }, update: false },
    { name: 'digest: current has no digest, even when the pick has none', strategy: 'digest', chosen: { tag: 'latest' }, current: { tag: 'latest' }, update: true },
  ];
  it.each(cases)('$name', ({ strategy, chosen, current, update }) => {
    expect(wouldUpdate(strategy, chosen, current)).toBe(update);
  });

  const pinnedCases: { name: string; strategy: SelectionSpec['strategy']; chosen: Candidate; current: CurrentRef; update: boolean }[] = [
    { name: 'same tag and digest', strategy: 'semver', chosen: { tag: '1.0', digest: 'sha256:a' }, current: { tag: '1.0', digest: 'sha256:a' }, update: false },
    { name: 'same tag, digest moved', strategy: 'semver', chosen: { tag: '1.0', digest: 'sha256:b' }, current: { tag: '1.0', digest: 'sha256:a' }, update: true },
    { name: 'other tag, same digest', strategy: 'newest-build', chosen: { tag: '1.1', digest: 'sha256:a' }, current: { tag: '1.0', digest: 'sha256:a' }, update: true },
    { name: 'same tag, neither has a digest', strategy: 'semver', chosen: { tag: '1.0' }, current: { tag: '1.0' }, update: false },
    { name: 'same tag, the pick has no digest', strategy: 'semver', chosen: { tag: '1.0' }, current: { tag: '1.0', digest: 'sha256:a' }, update: true },
    { name: 'digest strategy keeps its own rule (digest only in git)', strategy: 'digest', chosen: { tag: 'latest', digest: 'sha256:a' }, current: { digest: 'sha256:a' }, update: false },
  ];
  it.each(pinnedCases)('pinned (pin-digest): $name', ({ strategy, chosen, current, update }) => {
    expect(wouldUpdate(strategy, chosen, current, true)).toBe(update);
  });
});

describe('compareForStrategy', () => {
  const cases: { over: Partial<SelectionSpec>; a: Candidate; b: Candidate; sign: number }[] = [
    { over: {}, a: { tag: '1.4.1' }, b: { tag: '1.5.0' }, sign: -1 },
    { over: { constraint: '~1.4' }, a: { tag: '1.4.1' }, b: { tag: '1.5.0' }, sign: -1 }, // order ignores the constraint
    { over: {}, a: { tag: '1.0.0' }, b: { tag: 'latest' }, sign: 1 }, // a non-version sorts below versions
    { over: {}, a: { tag: 'latest' }, b: { tag: '1.0.0' }, sign: -1 },
    { over: {}, a: { tag: 'stable' }, b: { tag: 'latest' }, sign: 1 }, // two non-versions: byte order
    { over: {}, a: { tag: 'v1.2.3' }, b: { tag: '1.2.3' }, sign: 1 },
    { over: { strategy: 'newest-build' }, a: { tag: 'v2.0.2', created: at(4) }, b: { tag: 'v2.0.3', created: at(3) }, sign: 1 },
    { over: { strategy: 'newest-build' }, a: { tag: 'b' }, b: { tag: 'a', created: at(0) }, sign: -1 },
    { over: { strategy: 'newest-build' }, a: { tag: 'a', created: at(0) }, b: { tag: 'b' }, sign: 1 }, // a missing time sorts first
    { over: { strategy: 'alphabetical' }, a: { tag: '2024-02-01' }, b: { tag: '2024-01-31' }, sign: 1 },
  ];
  it.each(cases)('$a.tag vs $b.tag', ({ over, a, b, sign }) => {
    expect(Math.sign(compareForStrategy(spec(over), a, b))).toBe(sign);
  });
});

describe('selectFromCandidates', () => {
  it('reports counts, warnings and the pick', () => {
    const result = selectFromCandidates(spec({ constraint: '^1', ignoreTags: ['1.9.*'] }), ['1.0.0', '1.2.0', '1.9.0', '2.0.0', 'latest'].map((tag) => ({ tag })), { tag: '1.0.0' });
    expect(result).toEqual({ tag: '1.2.0', digest: null, update: true, considered: 5, eligible: 2, warnings: [] });
  });

  it('reports the filter warnings, then the strategy warnings', () => {
    const result = selectFromCandidates(spec({ strategy: 'newest-build', ignoreTags: ['['] }), [{ tag: 'a', created: at(1) }, { tag: 'b' }]);
    expect(result.tag).toBe('a');
    expect(result.warnings).toEqual([
      'ignore-tags pattern "[" is not a valid glob, so it ignores no tag (as argocd-image-updater does); close every "[", and escape a literal "[" or "\\" with "\\".',
      '1 tag(s) have no image build time and were dropped, as argocd-image-updater drops them: b.',
    ]);
  });

  it('raises configuration errors even when the registry lists no tag', () => {
    expect(() => selectFromCandidates(spec({ strategy: 'digest' }), [])).toThrow(ConfigError);
  });

  it('chooses among 100,000 tags', () => {
    const candidates: Candidate[] = [];
    for (let i = 0; i < 100_000; i++) {
      const tag = `${Math.floor(i / 1000)}.${Math.floor(i / 10) % 100}.${i % 10}${i % 7 === 0 ? '-rc.1' : ''}`;
      candidates.push({ tag, created: at(i % 5000) });
    }
    const semver = selectFromCandidates(spec({ constraint: '>=10 <50 || ^60.x-0', allowTags: 'regexp:^[0-9]', ignoreTags: ['*.9', '1?.*'] }), candidates);
    expect(semver.tag).toBe('60.99.8-rc.1'); // 60.99.9 is ignored; ^60.x-0 admits pre-releases
    expect(semver.considered).toBe(100_000);
    expect(selectFromCandidates(spec({ strategy: 'newest-build' }), candidates).tag).toBe('99.99.9');
    expect(selectFromCandidates(spec({ strategy: 'alphabetical' }), candidates).tag).toBe('99.99.9');
  });
});
