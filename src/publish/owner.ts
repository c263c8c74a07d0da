/**
 * Who owns an entry of one of our open pull requests (pure). A run's word replaces the entries of the images it
 * checked (subject to never-older, pull-guards.ts); the entries of images it did not check (another shard's,
 * an Application outside its `applications` / `image` filter) are kept. In a file shared by both, each changed
 * line goes to whoever's image tag it names.
 */
import type { Hunk, Side } from './merge-lines.js';
import { sameImage, type RecordedChange } from './pr-record.js';

/** ImageKey names one image of one Application. */
export type ImageKey = Pick<RecordedChange, 'app' | 'alias' | 'image'>;

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
