/**
 * semver strategy: the highest tag that parses as a Masterminds version and satisfies the constraint
 * (argocd-image-updater `GetNewestVersionFromTags` with `SortBySemVer`). Tags that do not parse are
 * skipped silently; equal versions (`1.2.3` / `v1.2.3`) are ordered by the raw tag, greatest wins.
 */
import { checkConstraint, type Constraints } from './masterminds/constraint.js';
import { compareVersions, parseVersion, type Version } from './masterminds/version.js';
import { collapseDuplicates, compareBytes } from './order.js';
import type { Candidate, OrderedStrategy } from './types.js';

/** compareParsed is the updater's `semverCollection.Less`: version order, then the original string. */
function compareParsed(a: Version, b: Version): number {
  return compareVersions(a, b) || compareBytes(a.original, b.original);
}

/**
 * semverStrategy builds the strategy from an already parsed constraint (an empty constraint must have
 * been turned into `*` by the caller, as argocd-image-updater 1.3 does).
 */
export function semverStrategy(constraints: Constraints): OrderedStrategy {
  const select = (candidates: readonly Candidate[]) => selectGreatestVersion(candidates, constraints);
  return { name: 'semver', needs: 'tags', select, choose: (candidates) => select(candidates).chosen, compare: compareTagsAsSemver };
}

/**
 * selectGreatestVersion parses each distinct tag once and keeps the greatest eligible one as it goes
 * (the first of equals, as pickGreatest does), so no per-tag wrapper objects or second pass are needed.
 */
function selectGreatestVersion(candidates: readonly Candidate[], constraints: Constraints): { chosen: Candidate | null; eligible: Candidate[] } {
  const eligible: Candidate[] = [];
  let chosen: Candidate | null = null;
  let chosenVersion: Version | undefined;
  for (const candidate of collapseDuplicates(candidates)) {
    const version = parseVersion(candidate.tag);
    if (version === undefined || !checkConstraint(constraints, version)) continue;
    eligible.push(candidate);
    if (chosenVersion === undefined || compareParsed(version, chosenVersion) > 0) {
      chosen = candidate;
      chosenVersion = version;
    }
  }
  return { chosen, eligible };
}

/**
 * compareTagsAsSemver orders two candidates by version; a tag that is not a version sorts below every
 * version (so replacing `latest` by a version is never called a downgrade).
 */
export function compareTagsAsSemver(a: Candidate, b: Candidate): number {
  const va = parseVersion(a.tag);
  const vb = parseVersion(b.tag);
  if (va === undefined || vb === undefined) {
    if (va === vb) return compareBytes(a.tag, b.tag);
    return va === undefined ? -1 : 1;
  }
  return compareParsed(va, vb);
}
