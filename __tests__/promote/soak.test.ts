/** findSince: the commit that put the value there, walking the file's history newest first (issue 12). */
import { describe, expect, it } from 'vitest';
import { findSince } from '../../src/promote/soak.js';
import type { FileVersion } from '../../src/promote/types.js';

const v = (sha: string, text: string | undefined, extra: Partial<FileVersion> = {}): FileVersion => ({ sha, date: new Date(`2026-11-${10 + Number(sha)}T00:00:00Z`), text, ...extra });
const valueAt = (text: string | undefined) => text?.trim();
const since = (versions: FileVersion[], complete = true) => {
  const found = findSince({ versions, complete, now: new Date('2026-12-01T00:00:00Z') }, valueAt, 'B');
  return found.kind === 'since' ? [found.version.sha, found.bounded] : found.kind;
};

describe('findSince', () => {
  const cases: Array<[string, FileVersion[], boolean, unknown]> = [
    ['the newest version put it there', [v('3', 'B'), v('2', 'A')], true, ['3', false]],
    ['later commits that keep it do not move it', [v('5', 'B'), v('4', 'B'), v('3', 'B'), v('2', 'A')], true, ['3', false]],
    ['the file was created with it', [v('3', 'B'), v('2', 'B')], true, ['2', false]],
    ['a cut history says "at least"', [v('3', 'B'), v('2', 'B')], false, ['2', true]],
    ['a deleted-then-recreated file counts from the re-creation', [v('4', 'B'), v('3', undefined), v('2', 'B')], true, ['4', false]],
    ['the newest version lacks it: not committed', [v('3', 'A')], true, 'uncommitted'],
    ['no history: not committed', [], true, 'uncommitted'],
    // A merge commit whose first parent lacks the value: the value reached the branch at the merge, not at the
    // merged branch's own (older) commit that GitHub's history also lists.
    ['a merge brought it in', [v('5', 'B', { merge: { firstParentText: 'A' } }), v('3', 'B'), v('2', 'A')], true, ['5', false]],
    ['a merge that did not bring it in is walked past', [v('5', 'B', { merge: { firstParentText: 'B' } }), v('3', 'B'), v('2', 'A')], true, ['3', false]],
    ['an oldest merge that brought it in', [v('5', 'B'), v('4', 'B', { merge: { firstParentText: undefined } })], false, ['4', false]],
  ];
  it.each(cases)('%s', (_name, versions, complete, expected) => {
    expect(since(versions, complete)).toEqual(expected);
  });
});
