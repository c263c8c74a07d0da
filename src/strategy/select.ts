/**
 * The selection engine (stage 4, pure): filter, then choose, then decide whether the updater would
 * write a change. The CLI `choose` command and the pipeline both call it.
 */
import type { StrategyName } from '../discover/types.js';
import type { TagSortMode } from '../registry/client.js';
import { tagFilterFromSpec } from './filter.js';
import { strategyFromSpec } from './strategy.js';
import type { Candidate, Needs } from './types.js';

/** SelectionSpec is everything that decides the pick for one image. */
export interface SelectionSpec {
  strategy: StrategyName;
  constraint: string;
  allowTags?: string;
  ignoreTags: string[];
  /** registries.conf `tagsortmode` of the image's registry. */
  tagSortMode?: TagSortMode;
}

/** CurrentRef is what runs now: a tag and/or a digest. */
export interface CurrentRef {
  tag?: string;
  digest?: string;
}

/** Selection is the result of selectFromCandidates (what `choose --json` prints). */
export interface Selection {
  tag: string | null;
  digest: string | null;
  update: boolean;
  /** Tags listed by the registry (before filters). */
  considered: number;
  /** Distinct tags the strategy could pick (after filters, constraint and metadata). */
  eligible: number;
  warnings: string[];
}

function isTimeSorted(spec: SelectionSpec): boolean {
  return spec.tagSortMode === 'latest-first' || spec.tagSortMode === 'latest-last';
}

/** filterTags keeps, in registry order (repeats included), the tags that pass allow/ignore (and digest's tracked tag). */
export function filterTags(tags: readonly string[], spec: SelectionSpec): { kept: string[]; considered: number; warnings: string[] } {
  const filter = tagFilterFromSpec(spec);
  return { kept: tags.filter((tag) => filter.accepts(tag)), considered: tags.length, warnings: filter.warnings };
}

/**
 * metadataNeeded says what the registry must be asked per kept tag. With a registry `tagsortmode`, the
 * updater reads no manifests for newest-build and uses list positions as times. Unlike the updater
 * (which then leaves the digest empty and rewrites every cycle), the digest strategy still reads its
 * one tag's digest here.
 */
export function metadataNeeded(spec: SelectionSpec): Needs {
  const needs = strategyFromSpec(spec).needs;
  return needs === 'created' && isTimeSorted(spec) ? 'tags' : needs;
}

/**
 * withSyntheticTimes gives each kept tag its list position as time, as `GetTags` does for a time-sorted
 * registry: latest-first -> len - i seconds, latest-last -> i seconds (a repeated tag keeps its last time).
 */
function withSyntheticTimes(candidates: readonly Candidate[], mode: TagSortMode): Candidate[] {
  const n = candidates.length;
  return candidates.map((c, i) => ({ ...c, created: new Date((mode === 'latest-first' ? n - i : i) * 1000) }));
}

/** chooseCandidate runs the strategy over already filtered candidates (registry order). */
export function chooseCandidate(spec: SelectionSpec, candidates: readonly Candidate[]): { chosen: Candidate | null; eligible: number; warnings: string[] } {
  const strategy = strategyFromSpec(spec);
  const warnings: string[] = [];
  let pool: readonly Candidate[] = candidates;
  if (strategy.name === 'newest-build') {
    if (isTimeSorted(spec)) {
      pool = withSyntheticTimes(candidates, spec.tagSortMode!);
    } else {
      const missing = candidates.filter((c) => c.created === undefined || Number.isNaN(c.created.getTime()));
      if (missing.length > 0) warnings.push(droppedWarning(missing));
    }
  }
  const { chosen, eligible } = strategy.select(pool);
  return { chosen, eligible: eligible.length, warnings };
}

function droppedWarning(missing: readonly Candidate[]): string {
  const shown = missing.slice(0, 5).map((c) => c.tag).join(', ');
  const more = missing.length > 5 ? ` and ${missing.length - 5} more` : '';
  return `${missing.length} tag(s) have no image build time and were dropped, as argocd-image-updater drops them: ${shown}${more}.`;
}

/**
 * wouldUpdate is the updater's `needsUpdate` (§2.1 step 7). digest: update when the current reference
 * has no digest or another one. Others: update when the tag differs; when either side has a digest the
 * digests are compared instead (`ImageTag.Equals`), and only the digest strategy gives the pick one.
 * There is no "newer than current" test, so a pick older than the current tag still counts.
 * `pinned` (our pin-digest, issue 12): "current" is tag and digest, so either one moving is a change.
 */
export function wouldUpdate(strategy: StrategyName, chosen: Candidate | null, current: CurrentRef | undefined, pinned = false): boolean {
  if (chosen === null) return false;
  if (current === undefined) return true; // force-update / nothing in git: any pick is a change
  if (pinned && strategy !== 'digest') return (current.tag ?? '') !== chosen.tag || (current.digest ?? '') !== (chosen.digest ?? '');
  const chosenDigest = strategy === 'digest' ? (chosen.digest ?? '') : '';
  const currentDigest = current.digest ?? '';
  if (strategy === 'digest' && (currentDigest === '' || currentDigest !== chosenDigest)) return true;
  if (chosenDigest !== '' || currentDigest !== '') return chosenDigest !== currentDigest;
  return (current.tag ?? '') !== chosen.tag;
}

/** compareForStrategy orders two candidates by the strategy's own order (< 0: a comes before b). */
export function compareForStrategy(spec: SelectionSpec, a: Candidate, b: Candidate): number {
  return strategyFromSpec(spec).compare(a, b);
}

/** selectFromCandidates is the whole engine over a registry listing: filter, choose, decide. */
export function selectFromCandidates(spec: SelectionSpec, candidates: readonly Candidate[], current?: CurrentRef): Selection {
  const filter = tagFilterFromSpec(spec);
  // Configuration errors even when no tag is listed: chooseCandidate builds the strategy whatever it is given.
  // The updater parses the semver constraint only once some tag parses as a version, so with none it skips
  // silently; failing loudly is our deliberate choice.
  const kept = candidates.filter((c) => filter.accepts(c.tag));
  const choice = chooseCandidate(spec, kept);
  return {
    tag: choice.chosen?.tag ?? null,
    digest: choice.chosen?.digest ?? null,
    update: wouldUpdate(spec.strategy, choice.chosen, current),
    considered: candidates.length,
    eligible: choice.eligible,
    warnings: [...filter.warnings, ...choice.warnings],
  };
}
