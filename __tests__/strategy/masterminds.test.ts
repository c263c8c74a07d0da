/**
 * The Masterminds/semver v3.4.0 port: parsing (coercing NewVersion), ordering (Compare) and constraints.
 * Expected values are what the Go library returns (ARGOCD-IMAGE-UPDATER.md §2.2 and Masterminds' own
 * test tables); several are exactly where npm `semver` would answer differently.
 */
import { describe, expect, it } from 'vitest';
import { checkConstraint, ConstraintSyntaxError, parseConstraint } from '../../src/strategy/masterminds/constraint.js';
import { comparePrerelease, compareVersions, parseVersion } from '../../src/strategy/masterminds/version.js';

describe('parseVersion (coercing NewVersion)', () => {
  const cases: { tag: string; parsed: [number | bigint, number | bigint, number | bigint, string, string] | null; why?: string }[] = [
    { tag: '1.2.3', parsed: [1, 2, 3, '', ''] },
    { tag: 'v1.2.3', parsed: [1, 2, 3, '', ''] },
    { tag: '1.2', parsed: [1, 2, 0, '', ''], why: 'partial versions are coerced (npm rejects)' },
    { tag: '1', parsed: [1, 0, 0, '', ''] },
    { tag: 'v2', parsed: [2, 0, 0, '', ''] },
    { tag: '01.02.3', parsed: [1, 2, 3, '', ''], why: 'leading zeros coerced' },
    { tag: '20240101', parsed: [20240101, 0, 0, '', ''], why: 'a date is a major version' },
    { tag: '1.2-5', parsed: [1, 2, 0, '5', ''] },
    { tag: '1.2.3-rc1-with-hyphen', parsed: [1, 2, 3, 'rc1-with-hyphen', ''] },
    { tag: '1.2.0-x.Y.0+metadata', parsed: [1, 2, 0, 'x.Y.0', 'metadata'] },
    { tag: '1.2.3+test.01', parsed: [1, 2, 3, '', 'test.01'], why: 'leading zeros allowed in metadata' },
    { tag: '1.2.3-alpha.-1', parsed: [1, 2, 3, 'alpha.-1', ''] },
    { tag: '20221209-update-renovatejson-v4', parsed: [20221209, 0, 0, 'update-renovatejson-v4', ''] },
    { tag: '1.2.2147483648', parsed: [1, 2, 2147483648, '', ''] },
    { tag: '18446744073709551615', parsed: [18446744073709551615n, 0, 0, '', ''], why: 'uint64 max' },
    { tag: '18446744073709551616', parsed: null, why: 'uint64 overflow' },
    { tag: '1.18446744073709551616', parsed: null, why: 'uint64 overflow in the minor part' },
    { tag: '1.2.18446744073709551616', parsed: null, why: 'uint64 overflow in the patch part' },
    { tag: 'V1.2.3', parsed: null, why: 'only a lower-case v prefix' },
    { tag: '=1.2.3', parsed: null, why: 'npm accepts = as a prefix, Masterminds does not' },
    { tag: '1.2.3.4', parsed: null, why: 'four parts' },
    { tag: '1.2.3_x', parsed: null },
    { tag: 'latest', parsed: null },
    { tag: '', parsed: null },
    { tag: 'v', parsed: null },
    { tag: '1.2.beta', parsed: null },
    { tag: '1.2.3-alpha.01', parsed: null, why: 'numeric pre-release identifier with a leading zero' },
    { tag: '1.0.0-alpha..1', parsed: null, why: 'empty identifier' },
    { tag: '1.0.0-alpha_beta', parsed: null },
    { tag: '1.1.2+.123', parsed: null },
    { tag: '9.8.7+meta+meta', parsed: null },
    { tag: '1.2.3-', parsed: null },
    { tag: '\n1.2', parsed: null },
    { tag: '1.2\n', parsed: null, why: "Go's $ does not match before a final newline" },
  ];
  it.each(cases)('$tag', ({ tag, parsed }) => {
    const v = parseVersion(tag);
    expect(v === undefined ? null : [v.major, v.minor, v.patch, v.pre, v.metadata]).toEqual(parsed);
    if (v !== undefined) expect(v.original).toBe(tag);
  });
});

describe('compareVersions (Compare)', () => {
  const cases: [string, string, number][] = [
    ['1.2.3', '1.5.1', -1],
    ['2.2.3', '1.5.1', 1],
    ['1.3', '1.1.4', 1],
    ['4.2', '4.2-beta', 1],
    ['4.2-alpha', '4.2-beta', -1],
    ['4.2-beta.2', '4.2-beta.1', 1],
    ['4.2-beta', '4.2-beta.2', -1],
    ['4.2-beta.foo', '4.2-beta', 1],
    ['1.0.0-rc.10', '1.0.0-rc.9', 1], // numeric identifiers compare numerically
    ['1.0.0-rc10', '1.0.0-rc9', -1], // but rc10 is one string identifier: rc9 > rc10
    ['1.0.0-1', '1.0.0-alpha', -1], // a number sorts below a string
    ['1.0.0-beta.-3', '1.0.0-beta.5', 1], // "-3" is not a number
    ['1.2+bar', '1.2+baz', 0], // metadata ignored
    ['v1.2.3', '1.2.3', 0],
    ['v2.0', '2.0.0', 0],
    ['01.02.3', '1.2.3', 0],
    ['18446744073709551615', '9007199254740993', 1], // bigint against bigint
    ['9007199254740993', '900719925474099', 1], // bigint against number
  ];
  it.each(cases)('%s vs %s -> %i', (a, b, want) => {
    expect(compareVersions(parseVersion(a)!, parseVersion(b)!)).toBe(want);
    expect(compareVersions(parseVersion(b)!, parseVersion(a)!)).toBe(-want || 0);
  });
});

describe('comparePrerelease (comparePrePart quirks)', () => {
  it('calls each of two equal numbers spelt differently the smaller, as Go does', () => {
    expect(comparePrerelease('rc.01', 'rc.1')).toBe(-1);
    expect(comparePrerelease('rc.1', 'rc.01')).toBe(-1);
  });
});

describe('parseConstraint / checkConstraint', () => {
  const cases: [constraint: string, version: string, ok: boolean][] = [
    ['*', '1.2.3', true],
    ['x', '1.2.3', true],
    ['X', '3.0.0', true],
    ['1.X', '1.9.0', true],
    ['1.X', '2.0.0', false],
    ['1.2.*', '1.2.9', true],
    ['1.2.X', '1.3.0', false],
    ['<=2.1', '1.5.0', true], // a lower major passes whatever its minor
    ['<=1.2', '1.1.0', true],
    ['<=1', '1.5.0', true], // `<=1` is any 1.x
    ['~1.0.0', '2.0.0', false],
    ['~0.1.0', '0.2.0', false],
    ['~0.0.1', '0.1.0', false],
    ['~0', '1.0.0', false],
    ['~0.0', '0.1.0', false],
    ['~0.0.0', '5.1.0', true], // ~0.0.0 is anything
    ['^0.2.3', '0.2.5', true],
    ['^0.0', '0.0.7', true],
    ['*', '1.2.3-alpha.1', false], // `*` excludes pre-releases (the 1.3 meaning of an empty constraint)
    ['*-0', '1.2.3-alpha.1', true],
    ['1.2', '1.2.9', true], // a bare partial version is tilde-like
    ['1.2', '1.3.0', false],
    ['1.2.3', '1.2.3', true], // a bare full version is exact
    ['1.2.3', '1.2.4', false],
    ['=1.2.3', '1.2.3', true],
    ['v1.x', '1.6.0', true],
    ['1.0.x', '1.0.2', true],
    ['2.*', '2.1.1', true],
    ['2.*', '3.0.0', false],
    ['!=4.1', '4.1.1', false],
    ['!=4.1', '5.1.0', true],
    ['!=4.1.0', '4.1.1', true],
    ['>1.2', '1.2.9', false], // `>1.2` means >=1.3.0
    ['>1.2', '1.3.0', true],
    ['>11', '11.9.9', false],
    ['>1.2.3', '1.2.4', true],
    ['<1.1', '1.0.9', true],
    ['<1.1', '1.1.0', false],
    ['<=1.1', '1.1.9', true], // partial upper bound admits the whole minor
    ['=<1.1', '1.2.0', false],
    ['>=1.0.1', '1.0.1', true],
    ['=>1.0.1', '1.0.0', false],
    ['~1.2.3', '1.2.10', true],
    ['~1.2.3', '1.3.0', false],
    ['~>1.2', '1.2.4', true],
    ['~1', '1.9.0', true],
    ['~1', '2.0.0', false],
    ['^1.2.3', '1.8.9', true],
    ['^1.2.3', '2.0.0', false],
    ['^0.2', '0.2.9', true],
    ['^0.2', '0.3.0', false],
    ['^0.0.3', '0.0.3', true], // ^0.0.3 is exactly 0.0.3
    ['^0.0.3', '0.0.4', false],
    ['^0', '0.9.0', true],
    ['^0', '1.0.0', false],
    ['1.2 - 1.4', '1.4.9', true], // hyphen range, partial upper bound
    ['1.2 - 1.4', '1.5.0', false],
    ['1.2 - 1.4', '1.1.9', false],
    ['>=1.2 <1.4', '1.3.9', true], // AND by space
    ['>=1.2, <1.4', '1.4.0', false], // AND by comma
    ['>= 1.2.3 < 2.0 || => 3.0 < 4', '3.5.0', true],
    ['2.x-0', '2.1.0-rc1', true], // the documented pre-release opt-in
    ['>=1.0.0-0', '3.0.0-beta', true], // a pre-release in the branch admits pre-releases of any version
    ['~2.1', '2.1.1-rc.1', false],
    ['~1.2.3-beta.2', '1.2.4-beta.2', true], // npm would refuse: Masterminds is not patch-scoped
    // `||` with a pre-release in one branch only: the other branch still excludes pre-releases.
    ['~1.2 || >=3.0.0-0', '1.2.5-rc.1', false],
    ['~1.2 || >=3.0.0-0', '3.1.0-rc.1', true],
    ['>=3.0.0-0 || ~1.2', '1.2.5', true],
    ['>0', '0.0.1-alpha', false],
    ['>=0-0', '0.0.1-alpha', true],
    ['<0-z', '0.0.0-alpha', true],
  ];
  it.each(cases)('%s admits %s: %s', (constraint, version, ok) => {
    expect(checkConstraint(parseConstraint(constraint), parseVersion(version)!)).toBe(ok);
  });

  const shapes: [constraint: string, ors: number, ands: number[]][] = [
    ['>40.50.60, < 50.70', 1, [2]],
    ['3 - 4 || => 3.0, < 4', 2, [2, 2]],
    ['1.0.0 - 2.0.0, <=2.0.0', 1, [3]],
    ['12.3.34 ~1.2.3', 1, [2]],
    ['v2.3.5-20161202202307-sha.e8fc5e5', 1, [1]],
  ];
  it.each(shapes)('%s has %i OR-branches', (constraint, ors, ands) => {
    const parsed = parseConstraint(constraint);
    expect(parsed.branches.length).toBe(ors);
    expect(parsed.branches.map((b) => b.length)).toEqual(ands);
  });

  const invalid = ['', ' ', 'latest', 'stable', 'foo', '>= bar', 'BAR >= 1.2.3', '1.2.3.4', '12.3.34~ 1.2.3', '>=1.0 ||', '1x', '1.2.3-01', 'V1.2'];
  it.each(invalid)('rejects %j', (constraint) => {
    expect(() => parseConstraint(constraint)).toThrow(ConstraintSyntaxError);
  });

  it('says which part is wrong: the whole branch, or the one comparator that is no version', () => {
    expect(() => parseConstraint('>=1.0 || foo')).toThrow(expect.objectContaining({ name: 'ConstraintSyntaxError', message: 'improper constraint:  foo' }));
    expect(() => parseConstraint('>=1.0, 1x')).toThrow(expect.objectContaining({ name: 'ConstraintSyntaxError', message: 'constraint parser error: 1x' }));
  });
});
