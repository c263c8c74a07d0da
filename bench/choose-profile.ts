/**
 * npx tsx bench/choose-profile.ts: times each stage of selectFromCandidates over the SPEC §9
 * 100,000-tag case (median of several runs), to find where the "< 100 ms" budget goes. Asserts nothing.
 */
import { tagFilterFromSpec } from '../src/strategy/filter.js';
import { chooseCandidate, selectFromCandidates, type SelectionSpec } from '../src/strategy/select.js';
import { normalizeStrategyName } from '../src/strategy/strategy.js';

const RUNS = Number(process.env.RUNS ?? 7);
const tags = Array.from({ length: 100_000 }, (_, i) => ({
  tag: `${Math.floor(i / 1000)}.${Math.floor(i / 10) % 100}.${i % 10}`,
  created: new Date(Date.UTC(2024, 0, 1) + i * 1000),
}));

function median(work: () => unknown): number {
  const times: number[] = [];
  work(); // warm up
  for (let r = 0; r < RUNS; r++) {
    const start = performance.now();
    work();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

for (const name of ['semver', 'newest-build', 'alphabetical']) {
  const spec: SelectionSpec = { strategy: normalizeStrategyName(name).name, constraint: '', ignoreTags: ['*-rc*'], allowTags: 'regexp:^[0-9]' };
  const filter = tagFilterFromSpec(spec);
  const kept = tags.filter((c) => filter.accepts(c.tag));
  const filterMs = median(() => tags.filter((c) => filter.accepts(c.tag)));
  const chooseMs = median(() => chooseCandidate(spec, kept));
  const totalMs = median(() => selectFromCandidates(spec, tags));
  console.log(`${name.padEnd(13)} filter ${filterMs.toFixed(1)} ms  choose ${chooseMs.toFixed(1)} ms  total ${totalMs.toFixed(1)} ms`);
}
