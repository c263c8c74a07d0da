/**
 * A line-level three-way merge (pure), byte-exact: base is the file the pull request was built on, ours this
 * run's version (the current base branch with this run's edits), theirs the pull request's version. Lines keep
 * their own terminators (`\n`, `\r\n`, none at the end of the file), and a byte order mark stays on the first
 * line, so joining the picked lines gives back every byte. A change on one side only is taken as it is, except
 * that a change only the pull request made is offered to `pick` (a stale entry this run overrules); where both
 * sides changed the same lines differently, `pick` chooses. Equal-length hunks are resolved line by line, so two
 * adjacent image lines changed by different sides do not conflict. The line diffs are node-diff3's (an LCS
 * diff), grouped into regions as diff3 does
 * (edits that only abut stay apart).
 */
import { diffIndices } from 'node-diff3';

/** Hunk is a region only the pull request changed (`theirs-only`) or both sides changed differently (`conflict`). */
export interface Hunk {
  kind: 'theirs-only' | 'conflict';
  /** 1-based line of the hunk in the pull request's version (theirs). */
  line: number;
  base: readonly string[];
  ours: readonly string[];
  theirs: readonly string[];
}

/** Side is the version a hunk is taken from. */
export type Side = 'ours' | 'theirs';

/** LineMerge is the merged text and every hunk `pick` decided, with its decision. */
export interface LineMerge {
  text: string;
  decided: { hunk: Hunk; side: Side }[];
}

/** splitLines splits a text into lines that keep their terminators (`''` has none). */
export function splitLines(text: string): string[] {
  return text === '' ? [] : text.split(/(?<=\n)/);
}

interface Region {
  ours: string[];
  base: string[];
  theirs: string[];
  theirsStart: number;
}

interface Edit {
  side: 'a' | 'b';
  oStart: number;
  oEnd: number;
  start: number;
  end: number;
}

function editsOf(o: string[], x: string[], side: Edit['side']): Edit[] {
  return diffIndices(o, x).map((h) => ({ side, oStart: h.buffer1[0], oEnd: h.buffer1[0] + h.buffer1[1], start: h.buffer2[0], end: h.buffer2[0] + h.buffer2[1] }));
}

// One side's lines over the base range [from, to): the base's own when that side made no edit there.
function sideRange(edits: readonly Edit[], from: number, to: number): [number, number] | undefined {
  if (edits.length === 0) return undefined;
  const oStart = Math.min(...edits.map((e) => e.oStart));
  const oEnd = Math.max(...edits.map((e) => e.oEnd));
  return [Math.min(...edits.map((e) => e.start)) + (from - oStart), Math.max(...edits.map((e) => e.end)) + (to - oEnd)];
}

/**
 * overlaps tells whether an edit touches a group of edits ending at base line `end`: it starts inside, or both
 * insert lines at the same point. Unlike diff3, edits that only abut (a changed line and lines added after it)
 * stay apart, so one side's tag change and the other's added line merge cleanly.
 */
function overlaps(group: readonly Edit[], end: number, next: Edit): boolean {
  if (next.oStart < end) return true;
  return next.oStart === end && next.oEnd === end && group.some((e) => e.oStart === end && e.oEnd === end);
}

/**
 * regionsOf groups the edits of both sides that touch overlapping base lines, as diff3 does (node-diff3's
 * diff3MergeRegions), but keeps each region's base lines, which that function omits for one-sided edits.
 */
function regionsOf(o: string[], a: string[], b: string[]): { regions: Region[]; stable: [number, number][] } {
  const edits = [...editsOf(o, a, 'a'), ...editsOf(o, b, 'b')].sort((x, y) => x.oStart - y.oStart || x.oEnd - y.oEnd);
  const regions: Region[] = [];
  const stable: [number, number][] = [];
  let offset = 0;
  while (edits.length > 0) {
    const group = [edits.shift()!];
    let end = group[0]!.oEnd;
    while (edits.length > 0 && overlaps(group, end, edits[0]!)) {
      end = Math.max(end, edits[0]!.oEnd);
      group.push(edits.shift()!);
    }
    const start = group[0]!.oStart;
    stable.push([offset, start]);
    offset = end;
    const base = o.slice(start, end);
    const ra = sideRange(group.filter((e) => e.side === 'a'), start, end);
    const rb = sideRange(group.filter((e) => e.side === 'b'), start, end);
    regions.push({ base, ours: ra ? a.slice(...ra) : base, theirs: rb ? b.slice(...rb) : base, theirsStart: rb?.[0] ?? 0 });
  }
  stable.push([offset, o.length]);
  return { regions, stable };
}

// Regions of one line each when a region only substitutes lines (same count on every side).
function lineByLine(region: Region): Region[] {
  const n = region.base.length;
  if (n <= 1 || region.ours.length !== n || region.theirs.length !== n) return [region];
  return region.base.map((base, i) => ({ ours: [region.ours[i]!], base: [base], theirs: [region.theirs[i]!], theirsStart: region.theirsStart + i }));
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((line, i) => line === b[i]);
}

/** mergeLines merges `ours` and `theirs`, both derived from `base`; `pick` decides theirs-only hunks and conflicts. */
export function mergeLines(base: string, ours: string, theirs: string, pick: (hunk: Hunk) => Side): LineMerge {
  const [o, a, b] = [splitLines(base), splitLines(ours), splitLines(theirs)];
  const { regions, stable } = regionsOf(o, a, b);
  const out: string[] = [];
  const decided: LineMerge['decided'] = [];
  regions.forEach((region, i) => {
    out.push(...o.slice(...stable[i]!));
    for (const r of lineByLine(region)) out.push(...resolve(r, pick, decided));
  });
  out.push(...o.slice(...stable.at(-1)!));
  return { text: out.join(''), decided };
}

function resolve(r: Region, pick: (hunk: Hunk) => Side, decided: LineMerge['decided']): readonly string[] {
  if (sameLines(r.ours, r.theirs) || sameLines(r.theirs, r.base)) return r.ours;
  if (sameLines(r.ours, r.base)) return decide({ kind: 'theirs-only', line: r.theirsStart + 1, base: r.base, ours: r.ours, theirs: r.theirs }, pick, decided);
  return decide({ kind: 'conflict', line: r.theirsStart + 1, base: r.base, ours: r.ours, theirs: r.theirs }, pick, decided);
}

function decide(hunk: Hunk, pick: (hunk: Hunk) => Side, decided: LineMerge['decided']): readonly string[] {
  const side = pick(hunk);
  decided.push({ hunk, side });
  return side === 'ours' ? hunk.ours : hunk.theirs;
}
