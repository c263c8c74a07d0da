/**
 * ignore-tags globs: Go `filepath.Match` semantics on Unix, reduced to "matched and no error"
 * (argocd-image-updater `IsTagIgnored`). Expected values are Go's (match_test.go cases plus our own).
 */
import { describe, expect, it } from 'vitest';
import { compileGlob, matchGlob } from '../../src/strategy/glob.js';

const cases: { pattern: string; name: string; match: boolean; why?: string }[] = [
  { pattern: 'abc', name: 'abc', match: true },
  { pattern: 'abc', name: 'abcd', match: false, why: 'whole string, not a prefix' },
  { pattern: 'bc', name: 'abc', match: false, why: 'whole string, not a substring' },
  { pattern: '*', name: 'abc', match: true },
  { pattern: '*', name: '', match: true },
  { pattern: '*c', name: 'abc', match: true },
  { pattern: 'a*', name: 'a', match: true },
  { pattern: 'a*', name: 'ab/c', match: false, why: '* does not cross /' },
  { pattern: 'a*/b', name: 'abc/b', match: true },
  { pattern: 'a*/b', name: 'a/c/b', match: false },
  { pattern: 'a*b*c*d*e*/f', name: 'axbxcxdxexxx/f', match: true },
  { pattern: 'a*b?c*x', name: 'abxbbxdbxebxczzx', match: true },
  { pattern: 'a*b?c*x', name: 'abxbbxdbxebxczzy', match: false },
  { pattern: 'tag?', name: 'tag1', match: true },
  { pattern: 'tag?', name: 'tag10', match: false, why: '? is exactly one character' },
  { pattern: 'a?b', name: 'a/b', match: false, why: '? does not match /' },
  { pattern: 'a?b', name: 'a☺b', match: true, why: '? matches one rune, not one byte' },
  { pattern: 'a???b', name: 'a☺b', match: false },
  { pattern: 'ab[c]', name: 'abc', match: true },
  { pattern: 'ab[b-d]', name: 'abc', match: true },
  { pattern: 'ab[e-g]', name: 'abc', match: false },
  { pattern: 'ab[^c]', name: 'abc', match: false },
  { pattern: 'ab[^e-g]', name: 'abc', match: true },
  { pattern: '[^a]*', name: 'beta', match: true, why: 'negated class' },
  { pattern: '[^a]*', name: 'alpha', match: false, why: 'negated class' },
  { pattern: 'a[^a]b', name: 'a☺b', match: true },
  { pattern: '[a-ζ]*', name: 'α', match: true, why: 'ranges compare runes' },
  { pattern: '*[a-ζ]', name: 'A', match: false },
  { pattern: 'a\\*b', name: 'a*b', match: true, why: '\\ escapes *' },
  { pattern: 'a\\*b', name: 'ab', match: false },
  { pattern: '\\*', name: '*', match: true },
  { pattern: '\\*', name: 'x', match: false },
  { pattern: '[\\]a]', name: ']', match: true },
  { pattern: '[\\-]', name: '-', match: true },
  { pattern: '[x\\-]', name: '-', match: true },
  { pattern: '[x\\-]', name: 'z', match: false },
  { pattern: '*x', name: 'xxx', match: true },
  { pattern: '*-rc*', name: '1.4.0-rc.1', match: true },
  { pattern: '1.3.*', name: '1.3.1', match: true },
  { pattern: '1.3.*', name: '1.30.1', match: false },
  { pattern: '*b*', name: 'bx', match: true, why: 'a chunk found at the very start of the name' },
  { pattern: '*ab*ab', name: 'ab', match: false, why: 'two chunks cannot share characters' },
  { pattern: '*', name: '/x', match: false, why: '* does not match a leading /' },
  { pattern: '*/x', name: '/a/x', match: false, why: '* cannot skip a leading /' },
  { pattern: '?', name: '/', match: false, why: '? does not match a lone /' },
  { pattern: 'a[^b]*', name: 'a', match: false, why: 'a class needs a character even before a *' },
  { pattern: 'a?*', name: 'a', match: false, why: '? needs a character even before a *' },
  { pattern: '[^a]', name: '^', match: true, why: 'a leading ^ negates, it is not a member' },
  { pattern: 'a\\[', name: 'a[', match: true, why: '\\ escapes [' },
  { pattern: '?', name: '©', match: true, why: '? matches a 2-byte character (lead C2)' },
  { pattern: '?', name: 'Ж', match: true, why: '? matches a 2-byte character (lead D0)' },
  { pattern: '?', name: 'ก', match: true, why: '? matches a 3-byte character (lead E0)' },
  { pattern: '?', name: '耀', match: true, why: '? matches a 3-byte character (lead E8)' },
  { pattern: '?', name: '😀', match: true, why: '? matches a 4-byte character (lead F0)' },
  { pattern: '?', name: '\u{100000}', match: true, why: '? matches a 4-byte character (lead F4)' },
  { pattern: '[a-Ā]', name: 'z', match: true, why: 'a range compares code points, not bytes' },
  { pattern: '[Ā-Ŀ]', name: 'ŀ', match: false, why: 'U+0140 is one past U+013F' },
  { pattern: '[a-Ā]', name: 'ā', match: false, why: 'U+0101 is one past U+0100' },
  { pattern: '[@]', name: 'р', match: false, why: 'U+0440 is a whole code point, not its low bits (@)' },
  { pattern: '[@]', name: '\u8040', match: false, why: 'U+8040 is a whole code point, not its low bits (@)' },
  // Go's * skips bytes, so the next chunk can start inside a multi-byte character, which decodes as U+FFFD.
  { pattern: '*[^Ā]', name: 'Ā', match: true, why: 'the negated class matches the stray byte after the lead' },
  { pattern: '*[\u0080]', name: 'Ā', match: false, why: 'the stray byte 0x80 is U+FFFD, not U+0080' },
  { pattern: '*[¬]', name: '€', match: false, why: 'the stray bytes 82 AC are not the character U+00AC' },
  // Malformed patterns are ErrBadPattern in Go: they never match, and never throw.
  { pattern: '[', name: 'a', match: false, why: 'unclosed class' },
  { pattern: '[', name: '[', match: false, why: 'unclosed class, even against itself' },
  { pattern: '[^', name: 'a', match: false },
  { pattern: '[^bc', name: 'a', match: false },
  { pattern: 'a[', name: 'ab', match: false },
  { pattern: '[]a]', name: ']', match: false, why: 'empty class' },
  { pattern: '[-]', name: '-', match: false },
  { pattern: '[x-]', name: 'x', match: false },
  { pattern: '[-x]', name: 'x', match: false },
  { pattern: '[a-b-c]', name: 'a', match: false },
  { pattern: '\\', name: 'a', match: false, why: 'trailing backslash' },
  { pattern: '*[', name: 'abc', match: false },
  { pattern: '', name: '', match: true, why: 'empty pattern matches only the empty name' },
  { pattern: '', name: 'a', match: false },
];

describe('matchGlob (Go filepath.Match)', () => {
  it.each(cases)('$pattern vs $name -> $match', ({ pattern, name, match }) => {
    expect(matchGlob(pattern, name)).toBe(match);
    expect(compileGlob(pattern).matches(name)).toBe(match);
  });
});

describe('compileGlob().wellFormed (Go ErrBadPattern)', () => {
  const cases: [pattern: string, wellFormed: boolean][] = [
    ['abc', true],
    ['*', true],
    ['a\\*b', true],
    ['a\\[', true],
    ['\\\\', true],
    ['[\\]a]', true],
    ['[^a-c]*', true],
    ['[*]', true],
    ['', true],
    ['[', false],
    ['a[', false],
    ['*[', false],
    ['[]a]', false],
    ['[-x]', false],
    ['[x-]', false],
    ['[a-b-c]', false],
    ['\\', false],
    ['abc\\', false],
    ['ok*[^', false],
  ];
  it.each(cases)('%j -> %s', (pattern, wellFormed) => {
    expect(compileGlob(pattern).wellFormed).toBe(wellFormed);
  });
});

describe('compileGlob literal-and-star fast path', () => {
  /** A small deterministic generator (LCG), so the comparison covers many shapes and stays reproducible. */
  function strings(alphabet: readonly string[], count: number, maxLength: number, seed: number): string[] {
    let state = seed;
    const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
    return Array.from({ length: count }, () => Array.from({ length: next() % (maxLength + 1) }, () => alphabet[next() % alphabet.length]).join(''));
  }
  const patterns = ['*-rc*', '*', '**', '*-SNAPSHOT', 'latest', '', 'a*', '*a', 'a**b', ...strings(['a', 'b', '-', '/', '*'], 400, 6, 7)];
  const names = ['', 'a', 'ab', 'a/b', '1.0-rc1', 'x-rc', 'é-rc', 'a😀b', '\ud800a', ...strings(['a', 'b', '-', '/', 'é'], 60, 7, 11)];

  it('agrees with the straight Go port on every pattern and name', () => {
    const disagreements: string[] = [];
    for (const pattern of patterns) {
      const compiled = compileGlob(pattern);
      for (const name of names) if (compiled.matches(name) !== matchGlob(pattern, name)) disagreements.push(`${pattern} ~ ${name}`);
    }
    expect(disagreements).toEqual([]);
  });
});
