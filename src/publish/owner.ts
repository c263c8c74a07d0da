/**
 * Who owns what (pure), in one place: the rules every run applies to our pull requests and their entries.
 * - Entries: a run's word replaces the entries of the images it checked (subject to never-older, pull-guards.ts);
 *   the entries of images it did not check (another shard's, an Application outside its `applications` / `image`
 *   filter) are kept. In a file shared by both, each changed line goes to whoever's image tag it names.
 * - Commits: a branch head other than the one our body records carries commits people pushed (never force-pushed).
 * - Closed pull requests: merged, or closed by us, frees the branch; closed by a person without merging is a
 *   decline, and the same change is not proposed again.
 * - Legacy branches: a pull request on a group's pre-qualified branch is the group's only when it says so.
 */
import type { Hunk, Side } from './merge-lines.js';
import { fingerprintOf } from './pr-body.js';
import { readHeadMarker, recordOf, type PullRecord, type RecordedChange } from './pr-record.js';

/** ImageKey names one image of one Application. */
export type ImageKey = Pick<RecordedChange, 'app' | 'alias' | 'image'>;

/** sameImage tells whether two recorded changes are about one image of one Application. */
export function sameImage(a: ImageKey, b: ImageKey): boolean {
  return a.app === b.app && a.alias === b.alias && a.image === b.image;
}

/** proposesAll tells whether `earlier` already proposed every change of `changes` (same Application, image and tag). */
export function proposesAll(earlier: readonly RecordedChange[], changes: readonly RecordedChange[]): boolean {
  return changes.length > 0 && changes.every((c) => earlier.some((e) => sameImage(e, c) && e.to === c.to));
}

/** RunScope is what a run checked: its Applications, and of those a shard saw only in part, the images it checked. */
export interface RunScope {
  applications: readonly string[];
  /** Applications of which this run checked only some images. */
  partial?: readonly string[];
  /** Images of partial Applications this run checked and found with nothing to change. */
  checkedImages?: readonly ImageKey[];
}

/** Split sorts a pull request's entries: this run's (`mine`, of which `stale` have no change this run), the others'. */
export interface Split {
  mine: RecordedChange[];
  stale: RecordedChange[];
  others: RecordedChange[];
}

/** checkedBy tells whether a run with this scope and these changes checked the image of an entry. */
export function checkedBy(scope: RunScope, own: readonly RecordedChange[], entry: ImageKey): boolean {
  if (!scope.applications.includes(entry.app)) return false;
  if (!scope.partial?.includes(entry.app)) return true;
  return own.some((o) => sameImage(o, entry)) || (scope.checkedImages ?? []).some((i) => sameImage(i, entry));
}

/** splitEntries sorts a pull request's entries by who owns them (see Split). */
export function splitEntries(entries: readonly RecordedChange[], scope: RunScope, own: readonly RecordedChange[]): Split {
  const mine = entries.filter((e) => checkedBy(scope, own, e));
  return { mine, stale: mine.filter((m) => !own.some((o) => sameImage(o, m))), others: entries.filter((e) => !mine.includes(e)) };
}

/** sameProposals tells whether two sets of entries propose the same tag for the same images in the same files (both empty: yes). */
export function sameProposals(a: readonly RecordedChange[], b: readonly RecordedChange[]): boolean {
  const within = (x: readonly RecordedChange[], y: readonly RecordedChange[]) => x.every((c) => y.some((d) => sameImage(c, d) && c.to === d.to && c.file === d.file));
  return within(a, b) && within(b, a);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** namesTag tells whether a line names a proposed tag (or its pinned digest) as a whole word. */
export function namesTag(line: string, to: string): boolean {
  return to
    .split('@')
    .filter((part) => part !== '')
    .some((part) => new RegExp(`(^|[^\\w.+-])${escapeRegExp(part)}($|[^\\w.+-])`).test(line));
}

function named(lines: readonly string[], entries: readonly RecordedChange[]): RecordedChange[] {
  return entries.filter((e) => lines.some((line) => namesTag(line, e.to)));
}

/** HunkOwners are the entries of one file: this run's changes, the pull request's entries for checked images, the others'. */
export interface HunkOwners {
  own: readonly RecordedChange[];
  mine: readonly RecordedChange[];
  others: readonly RecordedChange[];
}

function shown(lines: readonly string[]): string {
  return lines.map((l) => l.replace(/\r?\n$/, '').trim()).join(' / ') || '(nothing)';
}

/**
 * pickHunkSide decides a hunk of the carry merge. Only the pull request changed it: it stays unless it names only
 * a checked image's tag (a stale entry: this run's word replaces it). Both sides changed it: this run's side when it
 * names this run's change or the hunk is a checked image's; otherwise the pull request's, with a warning at file:line.
 */
export function pickHunkSide(hunk: Hunk, who: HunkOwners, at: { path: string; url: string; baseBranch: string }): { side: Side; warning?: string } {
  const others = named(hunk.theirs, who.others);
  const checked = named(hunk.theirs, who.mine).length > 0;
  const where = `${at.path}:${hunk.line}`;
  if (hunk.kind === 'theirs-only') {
    if (checked && others.length === 0) return { side: 'ours' };
    if (!checked) return { side: 'theirs' };
    return { side: 'theirs', warning: `${where}: ${at.url} changed this line for ${apps(others)} and for an image this run checked, which cannot be told apart; the line is kept as the pull request has it (\`${shown(hunk.theirs)}\`)` };
  }
  if (named(hunk.ours, who.own).length > 0 && others.length > 0) {
    return { side: 'ours', warning: `${where}: this run's change and ${at.url}'s entry for ${apps(others)} are on the same line; this run's line is kept (\`${shown(hunk.ours)}\`): check that entry, or close the pull request so a run over every Application proposes it again` };
  }
  if (named(hunk.ours, who.own).length > 0 || (checked && others.length === 0)) return { side: 'ours' };
  const whose = others.length > 0 ? ` (${apps(others)})` : '';
  return {
    side: 'theirs',
    warning: `${where}: ${at.baseBranch} and ${at.url} changed this line differently (\`${shown(hunk.ours)}\` on ${at.baseBranch}, \`${shown(hunk.theirs)}\` in the pull request${whose}); the pull request's line is kept: check it before merging, or close the pull request so a run over every Application proposes it again`,
  };
}

function apps(entries: readonly RecordedChange[]): string {
  return [...new Set(entries.map((e) => `${e.app} ${e.image} ${e.to}`))].join(', ');
}

/** Declined is a pull request of ours that a person closed without merging. */
export interface Declined {
  number: number;
  url: string;
  record?: PullRecord;
  /** Fingerprint marker of its body (pull requests opened before the record existed). */
  fingerprint?: string;
}

/** isDeclinedChange tells whether this run's change set is one the person already declined (nothing new in it). */
export function isDeclinedChange(declined: Declined, changes: readonly RecordedChange[], fingerprint: string): boolean {
  return declined.record ? proposesAll(declined.record.changes, changes) : declined.fingerprint === fingerprint;
}

/** ClosedPull is what the listing says about a closed pull request. */
export interface ClosedPull {
  number: number;
  html_url: string;
  merged_at: string | null;
  body: string | null;
}

/** declineOf reads a closed pull request of ours: a person's decline, or undefined when merged or closed by us. */
export function declineOf(pull: ClosedPull): Declined | undefined {
  const record = recordOf(pull.body);
  if (pull.merged_at || record?.closedBy === 'promoter') return undefined;
  return { number: pull.number, url: pull.html_url, ...(record ? { record } : { fingerprint: fingerprintOf(pull.body) }) };
}

/** pushedByOthers tells whether a pull request's branch head is not the one we recorded: people pushed commits. */
export function pushedByOthers(pull: { body: string; headSha: string }): boolean {
  const mark = readHeadMarker(pull.body);
  return mark !== undefined && mark.head !== pull.headSha;
}

/** claimsGroup tells whether a pull request's body says it is group `key`'s (a legacy branch is adopted only then). */
export function claimsGroup(body: string, key: string): boolean {
  return (recordOf(body)?.key ?? key) === key && body.includes(`for **${key}**.`);
}
