import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { PROPERTY_RUNS } from '../support/properties.js';
import { mergeLines, splitLines, type Hunk, type Side } from '../../src/publish/merge-lines.js';

const KUSTOMIZATION = ['images:', '- name: web', '  newTag: 1.0.0', '- name: api', '  newTag: 2.0.0', ''].join('\n');
const lf = (text: string) => text;
const crlf = (text: string) => text.replace(/\n/g, '\r\n');
const bom = (text: string) => `\uFEFF${text}`;
const noFinalNewline = (text: string) => text.replace(/\n$/, '');

const theirsWins = (): Side => 'theirs';
const oursWins = (): Side => 'ours';

describe('splitLines', () => {
  it.each([
    ['', []],
    ['a', ['a']],
    ['a\n', ['a\n']],
    ['a\r\nb', ['a\r\n', 'b']],
    ['\uFEFFa\n\nb\n', ['\uFEFFa\n', '\n', 'b\n']],
  ])('%j keeps every terminator', (text, lines) => {
    expect(splitLines(text)).toEqual(lines);
    expect(splitLines(text).join('')).toBe(text);
  });
});

describe('mergeLines: two shards edit one kustomization (bytes exact)', () => {
  it.each([
    ['LF', lf],
    ['CRLF', crlf],
    ['no trailing newline', noFinalNewline],
    ['BOM', bom],
    ['BOM + CRLF + no trailing newline', (t: string) => bom(noFinalNewline(crlf(t)))],
  ])('%s: ours changes web, theirs changes api, both are kept', (_name, form) => {
    const base = form(KUSTOMIZATION);
    const ours = base.replace('newTag: 1.0.0', 'newTag: 1.1.0');
    const theirs = base.replace('newTag: 2.0.0', 'newTag: 2.1.0');
    const merged = mergeLines(base, ours, theirs, theirsWins);
    expect(merged.text).toBe(base.replace('newTag: 1.0.0', 'newTag: 1.1.0').replace('newTag: 2.0.0', 'newTag: 2.1.0'));
    expect(merged.decided.map((d) => [d.hunk.kind, d.hunk.line])).toEqual([['theirs-only', 5]]);
  });

  it('a change only theirs made is offered to pick: ours drops it (a stale entry), theirs keeps it', () => {
    const theirs = KUSTOMIZATION.replace('newTag: 1.0.0', 'newTag: 1.1.0');
    expect(mergeLines(KUSTOMIZATION, KUSTOMIZATION, theirs, oursWins).text).toBe(KUSTOMIZATION);
    expect(mergeLines(KUSTOMIZATION, KUSTOMIZATION, theirs, theirsWins).text).toBe(theirs);
  });

  it('a change only ours made is taken without asking', () => {
    const ours = KUSTOMIZATION.replace('newTag: 2.0.0', 'newTag: 2.1.0');
    const merged = mergeLines(KUSTOMIZATION, ours, KUSTOMIZATION, () => {
      throw new Error('not asked');
    });
    expect(merged).toEqual({ text: ours, decided: [] });
  });

  it('the same change on both sides is no conflict', () => {
    const both = KUSTOMIZATION.replace('newTag: 2.0.0', 'newTag: 2.1.0');
    expect(mergeLines(KUSTOMIZATION, both, both, oursWins)).toEqual({ text: both, decided: [] });
  });

  it('both changed one line differently: a conflict, with its line in theirs and every side', () => {
    const ours = KUSTOMIZATION.replace('newTag: 1.0.0', 'newTag: 1.2.0');
    const theirs = `# pinned\n${KUSTOMIZATION.replace('newTag: 1.0.0', 'newTag: 1.1.0')}`;
    const seen: Hunk[] = [];
    const merged = mergeLines(KUSTOMIZATION, ours, theirs, (h) => (seen.push(h), h.kind === 'conflict' ? 'ours' : 'theirs'));
    expect(seen).toEqual([
      { kind: 'theirs-only', line: 1, base: [], ours: [], theirs: ['# pinned\n'] },
      { kind: 'conflict', line: 4, base: ['  newTag: 1.0.0\n'], ours: ['  newTag: 1.2.0\n'], theirs: ['  newTag: 1.1.0\n'] },
    ]);
    expect(merged.text).toBe(`# pinned\n${ours}`);
  });

  it('adjacent lines changed by different sides are resolved line by line, not as one conflict', () => {
    const base = 'a: web:1.0.0\nb: api:2.0.0\n';
    const merged = mergeLines(base, 'a: web:1.1.0\nb: api:2.0.0\n', 'a: web:1.0.0\nb: api:2.1.0\n', theirsWins);
    expect(merged.text).toBe('a: web:1.1.0\nb: api:2.1.0\n');
    expect(merged.decided.map((d) => d.hunk.kind)).toEqual(['theirs-only']);
  });

  it('a base that moved elsewhere (lines added above) still merges: item 2, the carried entry on the new base', () => {
    const ours = `# owner: team-a\n${KUSTOMIZATION}`;
    const theirs = KUSTOMIZATION.replace('newTag: 2.0.0', 'newTag: 2.1.0');
    expect(mergeLines(KUSTOMIZATION, ours, theirs, theirsWins).text).toBe(`# owner: team-a\n${theirs}`);
  });

  it.each([
    ['a changed line and lines added right after it', 'a\nb\n', 'a\nB\n', 'a\nb\nc\n', 'a\nB\nc\n'],
    ['lines added right before a changed line', 'a\nb\n', 'a\nB\n', 'a\nx\nb\n', 'a\nx\nB\n'],
  ])('edits that only abut do not conflict: %s', (_name, base, ours, theirs, merged) => {
    const result = mergeLines(base, ours, theirs, theirsWins);
    expect(result.text).toBe(merged);
    expect(result.decided.map((d) => d.hunk.kind)).toEqual(['theirs-only']);
  });

  it('both sides adding different lines at one point is a conflict, decided by pick', () => {
    const merged = mergeLines('a\n', 'a\nours\n', 'a\ntheirs\n', oursWins);
    expect(merged.text).toBe('a\nours\n');
    expect(merged.decided.map((d) => [d.hunk.kind, d.hunk.line, d.hunk.theirs])).toEqual([['conflict', 2, ['theirs\n']]]);
  });

  it('a file the pull request creates (empty base) is taken from theirs', () => {
    const theirs = 'helm:\n  parameters:\n  - name: image.tag\n    value: 1.1.0\n';
    expect(mergeLines('', '', theirs, theirsWins).text).toBe(theirs);
  });

  it('a line gaining a final newline on one side is a change of that line, kept exactly', () => {
    expect(mergeLines('a\nb', 'a\nb\n', 'a\nb', theirsWins).text).toBe('a\nb\n');
    expect(mergeLines('a\nb', 'x\nb', 'a\nb\n', theirsWins).text).toBe('x\nb\n');
  });
});

describe('mergeLines: properties', () => {
  const line = fc.constantFrom('a\n', 'b\n', 'c\r\n', '\n', 'd', '\uFEFFe\n', '  newTag: 1.0.0\n');
  const text = fc.array(line, { maxLength: 8 }).map((lines) => lines.join(''));
  it('a side equal to the base yields the other side, byte for byte', () => {
    fc.assert(
      fc.property(text, text, (base, other) => {
        expect(mergeLines(base, other, base, oursWins).text).toBe(other);
        expect(mergeLines(base, base, other, theirsWins).text).toBe(other);
        expect(mergeLines(base, other, other, oursWins).text).toBe(other);
      }),
      PROPERTY_RUNS,
    );
  });
  it('picking ours for every hunk gives ours exactly (the merge only ever adds what theirs changed)', () => {
    fc.assert(
      fc.property(text, text, text, (base, ours, theirs) => {
        expect(mergeLines(base, ours, theirs, oursWins).text).toBe(ours);
      }),
      PROPERTY_RUNS,
    );
  });
});
