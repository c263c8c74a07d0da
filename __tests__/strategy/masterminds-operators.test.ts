/**
 * Each Masterminds/semver v3.4.0 operator (constraints.go constraintOps) at the edges its code branches on:
 * pre-release exclusion, dirty (partial or `x`) constraints, the major/minor/patch boundaries, and the
 * version scanner's character classes and uint64 limits. Expected values follow the Go library's rules
 * (ARGOCD-IMAGE-UPDATER.md §2.2); these cases were added to kill mutation-test survivors (issue 13).
 */
import { describe, expect, it } from 'vitest';
import { checkConstraint, parseConstraint } from '../../src/strategy/masterminds/constraint.js';
import { compareVersions, parseUint64, parseVersion } from '../../src/strategy/masterminds/version.js';

const admits = (constraint: string, version: string): boolean =>
  checkConstraint(parseConstraint(constraint), parseVersion(version)!);

describe('operators without a pre-release in the branch refuse every pre-release', () => {
  it.each(['!=1.2.3', '>1.2.3', '<1.2.3', '>=1.2.3', '<=1.2.3', '~1.2.3', '^1.2.3', '1.2', '=1.2.3'])(
    '%s refuses a pre-release it would otherwise admit',
    (constraint) => {
      const version = constraint.startsWith('<') ? '1.0.0-rc.1' : constraint.startsWith('=') ? '1.2.3-rc.1' : '1.2.9-rc.1';
      expect(admits(constraint, version)).toBe(false);
    },
  );
});

describe('constraint edges per operator', () => {
  const cases: [constraint: string, version: string, ok: boolean][] = [
    // != with a partial version excludes the whole range it names
    ['!=1.x', '2.0.0', true],
    ['!=1.x', '1.5.0', false],
    ['!=1.2', '1.3.0', true],
    ['!=1.2', '1.2.5', false],
    ['!=*', '0.0.0', false],
    ['!=*', '0.0.1', true],
    ['!=1.2.3', '1.2.3', false],
    ['!=1.2.3', '1.2.4', true],
    // != with a pre-release: the pre-releases are compared once the patch is a wildcard
    ['!=1.2-beta', '1.2.5', true],
    ['!=1.2-beta', '1.2.5-beta', false],
    ['!=1.2, >=0-0', '1.2.5-rc', true],
    // > with a dirty constraint: the next major / minor
    ['>1.2.3', '1.2.3', false],
    ['>1.2', '2.0.0', true],
    ['>1.2', '0.9.0', false],
    ['>*', '0.0.1', true],
    ['>*', '0.0.0', false],
    ['>1', '2.0.0', true],
    ['>1', '1.9.9', false],
    // <= full and partial
    ['<=1.2.3', '1.2.3', true],
    ['<=1.2.3', '1.2.4', false],
    ['=<1.2.3', '1.2.2', true],
    ['<=1.1', '2.0.0', false],
    ['<=1.1', '1.2.0', false],
    ['<=1', '1.9.0', true],
    ['<=1', '2.0.0', false],
    ['<1.2.3', '1.2.2', true],
    ['>=1.2.3', '1.2.2', false],
    // ~ and the bare/`=` tilde-or-equal
    ['~0.0.0', '5.1.0', true],
    ['~*', '3.0.0', true],
    ['~0.0.1', '0.1.0', false],
    ['~0.1.0', '1.0.0', false],
    ['~1.0.0', '1.0.0', true],
    ['~1.2.3', '1.2.2', false],
    ['~0', '0.9.0', true],
    ['~0', '1.0.0', false],
    ['=1.2', '1.2.7', true],
    ['=1.2', '1.1.9', false],
    // ^ below and at the boundary of each segment
    ['^1.2.3', '1.2.2', false],
    ['^1.2.3', '1.2.3', true],
    ['^1.x', '1.9.0', true],
    ['^1.x', '2.0.0', false],
    ['^0.2.3', '0.2.9', true],
    ['^0.2.3', '0.3.0', false],
    ['^0.2.3', '1.0.0', false],
    ['^0.0', '0.0.9', true],
    ['^0.0', '0.1.0', false],
    ['^0.0.3', '0.1.3', false],
    ['^0.0.3', '1.0.3', false],
    ['^0.0.0', '0.0.0', true],
    ['^0.0.0', '0.0.1', false],
  ];
  it.each(cases)('%s admits %s: %s', (constraint, version, ok) => {
    expect(admits(constraint, version)).toBe(ok);
  });

  it('an OR-branch admits pre-releases only when one of its own comparators carries one', () => {
    expect(admits('>=1.0.0-0 <2.0.0', '1.5.0-rc.1')).toBe(true);
    expect(admits('<2.0.0 >=1.0.0-0', '1.5.0-rc.1')).toBe(true);
    expect(admits('>=1.0.0 <2.0.0', '1.5.0-rc.1')).toBe(false);
  });
});

describe('version scanner edges', () => {
  it('keeps a uint64 segment a number up to 2^53-1 and a bigint above', () => {
    expect(parseUint64('9007199254740991')).toBe(9007199254740991);
    expect(parseUint64('9007199254740992')).toBe(9007199254740992n);
    expect(parseVersion('1.9007199254740991.0')?.minor).toBe(9007199254740991);
    expect(parseVersion('1.2.9007199254740992')?.patch).toBe(9007199254740992n);
    expect(parseUint64('12a')).toBeUndefined();
    expect(parseUint64('')).toBeUndefined();
  });

  it('accepts the letters A-Z, a-z, digits and - in identifiers, and nothing next to them in ASCII', () => {
    for (const id of ['A', 'Z', 'a', 'z', '0x', '-']) expect(parseVersion(`1.2.3-${id}+${id}`)?.pre).toBe(id);
    for (const c of ['@', '[', '`', '{', '/', ':', '_', ' ']) {
      expect(parseVersion(`1.2.3-a${c}b`)).toBeUndefined();
      expect(parseVersion(`1.2.3+a${c}b`)).toBeUndefined();
    }
  });

  it('refuses a dot, dash or plus with nothing after it, and a missing major', () => {
    for (const tag of ['1.', '1.2.', 'v.1', '.1.2', '1.2.3+', '1.2.3-a.', '1.2.3+a.', '1.2.3-+a', '-1', '+1', 'v-1']) {
      expect(parseVersion(tag), tag).toBeUndefined();
    }
  });

  it('reads multi-digit parts, pre-release and metadata at their exact offsets', () => {
    const v = parseVersion('v12.345.6789-rc.10+b.7')!;
    expect([v.major, v.minor, v.patch, v.pre, v.metadata]).toEqual([12, 345, 6789, 'rc.10', 'b.7']);
    expect(parseVersion('1.2+b')).toMatchObject({ major: 1, minor: 2, patch: 0, pre: '', metadata: 'b' });
    expect(parseVersion('1-a')).toMatchObject({ major: 1, minor: 0, patch: 0, pre: 'a' });
    expect(parseVersion('1234567890123456.0.0')?.major).toBe(1234567890123456);
  });

  it('refuses a leading zero only in a whole numeric pre-release identifier', () => {
    expect(parseVersion('1.2.3-0')?.pre).toBe('0');
    expect(parseVersion('1.2.3-0a')?.pre).toBe('0a');
    expect(parseVersion('1.2.3-a.0')?.pre).toBe('a.0');
    expect(parseVersion('1.2.3-00')).toBeUndefined();
    expect(parseVersion('1.2.3-a.00.b')).toBeUndefined();
    expect(parseVersion('1.2.3-a.01b')?.pre).toBe('a.01b');
  });

  it('orders pre-release identifiers: strings by bytes, numbers numerically, longer lists after equal prefixes', () => {
    const cmp = (a: string, b: string) => compareVersions(parseVersion(a)!, parseVersion(b)!);
    expect(cmp('1.0.0-b', '1.0.0-a')).toBe(1);
    expect(cmp('1.0.0-a', '1.0.0-b')).toBe(-1);
    expect(cmp('1.0.0-2', '1.0.0-10')).toBe(-1);
    expect(cmp('1.0.0-10', '1.0.0-2')).toBe(1);
    expect(cmp('1.0.0-a.1', '1.0.0-a.1')).toBe(0);
    expect(cmp('1.0.0-a', '1.0.0-1')).toBe(1);
    expect(cmp('1.0.0-a.b', '1.0.0-a')).toBe(1);
  });
});
