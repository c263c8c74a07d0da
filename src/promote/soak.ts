/**
 * soak: since when a source Application has run a value (the commit that put it there, found by walking the
 * file's history back until the value differs), whether it has run it long enough (promote-after), and whether
 * that commit's checks passed (promote-gates). Pure.
 */
import type { Gates } from '../discover/promotion-keys.js';
import { formatSoak } from '../discover/go-duration.js';
import type { CheckState, FileHistory, FileVersion } from './types.js';

/** SinceResult is the commit that put the current value there, or why there is none. */
export type SinceResult =
  | { kind: 'since'; version: FileVersion; bounded: boolean }
  | { kind: 'uncommitted' };

/**
 * findSince walks the history newest first while each version holds `current` (by `valueAt`); the oldest of
 * that run is the commit that put the value there (a merge commit whose first parent lacks the value is where it
 * reached the branch, not the merged commits behind it). `bounded` when the history was cut before a differing version
 * (the value is then at least that old). A newest version that does not hold the value: it is not committed yet.
 */
export function findSince(history: FileHistory, valueAt: (text: string | undefined) => string | undefined, current: string): SinceResult {
  const { versions } = history;
  if (versions.length === 0 || valueAt(versions[0].text) !== current) return { kind: 'uncommitted' };
  let since = versions[0];
  for (const version of versions.slice(1)) {
    // A merge that brought the value in: it reached the branch there, however old the merged commits are.
    if (since.merge && valueAt(since.merge.firstParentText) !== current) return { kind: 'since', version: since, bounded: false };
    if (valueAt(version.text) !== current) return { kind: 'since', version: since, bounded: false };
    since = version;
  }
  if (since.merge && valueAt(since.merge.firstParentText) !== current) return { kind: 'since', version: since, bounded: false };
  return { kind: 'since', version: since, bounded: !history.complete };
}

/** SoakResult says how long the value has run and, when not long enough, how long is left. */
export interface SoakResult {
  ageMs: number;
  leftMs: number;
}

/** soakOf measures the age of the commit against `now`; `leftMs` is 0 once `afterMs` has passed. */
export function soakOf(since: Date, now: Date, afterMs: number): SoakResult {
  const ageMs = Math.max(0, now.getTime() - since.getTime());
  return { ageMs, leftMs: Math.max(0, afterMs - ageMs) };
}

const PASSING = new Set(['success', 'neutral', 'skipped']);

/** gateProblem is why the checks on a commit do not pass the gates, or undefined when they pass. */
export function gateProblem(gates: Gates, checks: readonly CheckState[], commit: string): string | undefined {
  const short = commit.slice(0, 7);
  if (gates.checks === 'all') {
    if (checks.length === 0) return `no check or status is reported on commit ${short}, and promote-gates asks for checks`;
    const bad = checks.filter((c) => !PASSING.has(c.state));
    return bad.length === 0 ? undefined : `on commit ${short} ${describe(bad)}`;
  }
  const missing = gates.checks.filter((name) => !checks.some((c) => c.name === name));
  if (missing.length > 0) return `on commit ${short} check ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} not reported`;
  const bad = checks.filter((c) => (gates.checks as string[]).includes(c.name) && !PASSING.has(c.state));
  return bad.length === 0 ? undefined : `on commit ${short} ${describe(bad)}`;
}

function describe(bad: readonly CheckState[]): string {
  return bad.map((c) => `check ${c.name} is ${c.state}`).join(', ');
}

/** sinceNote renders "in web-staging since <time> (<commit>), soaked 26 h" for reports and pull request bodies. */
export function sinceNote(source: string, version: FileVersion, ageMs: number, bounded: boolean): string {
  const commit = version.url ? `[${version.sha.slice(0, 7)}](${version.url})` : version.sha.slice(0, 7);
  const at = version.date.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return `in ${source} since ${bounded ? 'at least ' : ''}${at} (${commit}), soaked ${formatSoak(ageMs)}`;
}
