/**
 * semver strategy: the highest tag that parses as a Masterminds version and satisfies the constraint
 * (argocd-image-updater `GetNewestVersionFromTags` with `SortBySemVer`). Tags that do not parse are
 * skipped silently; equal versions (`1.2.3` / `v1.2.3`) are ordered by the raw tag, greatest wins.
 */
import { checkConstraint, type Constraints } from './masterminds/constraint.js';
import { compareVersions, parseVersion, type Version } from './masterminds/version.js';
import { collapseDuplicates, compareBytes, pickGreatest } from './order.js';
import type { Candidate, OrderedStrategy } from './types.js';

interface Parsed {
  candidate: Candidate;
  version: Version;
}

/** compareParsed is the updater's `semverCollection.Less`: version order, then the original string. */
function compareParsed(a: Parsed, b: Parsed): number {
  return compareVersions(a.version, b.version) || compareBytes(a.version.original, b.version.original);
}

function eligibleParsed(candidates: readonly Candidate[], constraints: Constraints): Parsed[] {
  const out: Parsed[] = [];
  for (const candidate of collapseDuplicates(candidates)) {
    const version = parseVersion(candidate.tag);
    if (version !== undefined && checkConstraint(constraints, version)) out.push({ candidate, version });
  }
  return out;
}

/**
 * semverStrategy builds the strategy from an already parsed constraint (an empty constraint must have
 * been turned into `*` by the caller, as argocd-image-updater 1.3 does).
 */
export function semverStrategy(constraints: Constraints): OrderedStrategy {
  const select = (candidates: readonly Candidate[]) => {
    const parsed = eligibleParsed(candidates, constraints);
    return { chosen: pickGreatest(parsed, compareParsed)?.candidate ?? null, eligible: parsed.map((p) => p.candidate) };
  };
  return { name: 'semver', needs: 'tags', select, choose: (candidates) => select(candidates).chosen, compare: compareTagsAsSemver };
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
  return compareParsed({ candidate: a, version: va }, { candidate: b, version: vb });
}
