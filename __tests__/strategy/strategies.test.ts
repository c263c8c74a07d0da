/** The four strategies, their names, and strategyFromSpec's validation. */
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import { compareBytes } from '../../src/strategy/order.js';
import { normalizeStrategyName, strategyFromSpec, type StrategySpec } from '../../src/strategy/strategy.js';
import type { Candidate } from '../../src/strategy/types.js';

const at = (seconds: number) => new Date(Date.UTC(2024, 0, 1) + seconds * 1000);

describe('normalizeStrategyName', () => {
  const cases: [raw: string, name: string, warns: boolean][] = [
    ['semver', 'semver', false],
    ['SemVer', 'semver', false],
    ['newest-build', 'newest-build', false],
    ['NEWEST-BUILD', 'newest-build', false],
    ['alphabetical', 'alphabetical', false],
    ['digest', 'digest', false],
    ['latest', 'newest-build', true],
    ['Latest', 'newest-build', true],
    ['name', 'alphabetical', true],
    ['newest', 'semver', true],
    ['', 'semver', false],
  ];
  it.each(cases)('%j -> %s', (raw, name, warns) => {
    const result = normalizeStrategyName(raw);
    expect(result.name).toBe(name);
    expect(result.warning !== undefined).toBe(warns);
  });

  it('warns with the name to write instead', () => {
    expect(normalizeStrategyName('latest').warning).toBe('update-strategy "latest" has been renamed to "newest-build"; write "newest-build" (the old name still works).');
    expect(normalizeStrategyName('name').warning).toBe('update-strategy "name" has been renamed to "alphabetical"; write "alphabetical" (the old name still works).');
    expect(normalizeStrategyName('newest').warning).toBe(
      'update-strategy "newest" is not known, so semver is used (as argocd-image-updater does); write one of semver, newest-build, alphabetical, digest.',
    );
  });
});

describe('strategyFromSpec', () => {
  const errors: { spec: StrategySpec; fix: RegExp }[] = [
    { spec: { strategy: 'semver', constraint: 'latest' }, fix: /update-strategy/ },
    { spec: { strategy: 'semver', constraint: '>= bar' }, fix: /constraint/ },
    { spec: { strategy: 'digest', constraint: '' }, fix: /image-list/ },
  ];
  it.each(errors)('rejects $spec.strategy with $spec.constraint', ({ spec, fix }) => {
    let caught: unknown;
    try {
      strategyFromSpec(spec);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    expect((caught as ConfigError).fix).toMatch(fix);
  });

  it('names the constraint and what Masterminds found wrong with it', () => {
    const message = (constraint: string) => {
      try {
        strategyFromSpec({ strategy: 'semver', constraint });
      } catch (error) {
        return (error as ConfigError).message;
      }
      return 'no error';
    };
    expect(message('latest')).toBe('"latest" is not a valid semver constraint (improper constraint: latest).');
    expect(message('1x')).toBe('"1x" is not a valid semver constraint (constraint parser error: 1x).');
  });

  it('rejects a strategy name it does not know (a programming error, said plainly)', () => {
    expect(() => strategyFromSpec({ strategy: 'newest' as StrategySpec['strategy'], constraint: '' })).toThrow(
      expect.objectContaining({ name: 'ConfigError', message: 'update strategy "newest" is not known.', fix: 'Use one of semver, newest-build, alphabetical, digest.' }),
    );
  });

  const accepted: StrategySpec[] = [
    { strategy: 'semver', constraint: '' },
    { strategy: 'alphabetical', constraint: 'not a constraint' },
    { strategy: 'newest-build', constraint: '~1.0' },
    { strategy: 'digest', constraint: 'latest' },
  ];
  it.each(accepted)('accepts $strategy with $constraint', (spec) => {
    expect(strategyFromSpec(spec).name).toBe(spec.strategy);
  });

  const needs: [StrategySpec, string][] = [
    [{ strategy: 'semver', constraint: '' }, 'tags'],
    [{ strategy: 'newest-build', constraint: '' }, 'created'],
    [{ strategy: 'alphabetical', constraint: '' }, 'tags'],
    [{ strategy: 'digest', constraint: 'latest' }, 'digest'],
  ];
  it.each(needs)('%o needs %s', (spec, want) => {
    expect(strategyFromSpec(spec).needs).toBe(want);
  });
});

describe('choose', () => {
  const cases: { name: string; spec: StrategySpec; candidates: Candidate[]; chosen: Candidate | null }[] = [
    {
      name: 'semver: equal versions tie on the raw string, greatest wins',
      spec: { strategy: 'semver', constraint: '' },
      candidates: [{ tag: 'v1.2.3' }, { tag: '1.2.3' }],
      chosen: { tag: 'v1.2.3' },
    },
    { name: 'semver: v2.0 vs v2.0.0', spec: { strategy: 'semver', constraint: '' }, candidates: [{ tag: 'v2.0.0' }, { tag: 'v2.0' }], chosen: { tag: 'v2.0.0' } },
    { name: 'semver: rc9 beats rc10', spec: { strategy: 'semver', constraint: '>=1.0.0-0' }, candidates: [{ tag: '1.0.0-rc10' }, { tag: '1.0.0-rc9' }], chosen: { tag: '1.0.0-rc9' } },
    { name: 'semver: rc.10 beats rc.9', spec: { strategy: 'semver', constraint: '>=1.0.0-0' }, candidates: [{ tag: '1.0.0-rc.10' }, { tag: '1.0.0-rc.9' }], chosen: { tag: '1.0.0-rc.10' } },
    { name: 'semver: 20240101 is a major version', spec: { strategy: 'semver', constraint: '' }, candidates: [{ tag: '20240101' }, { tag: '9.9.9' }], chosen: { tag: '20240101' } },
    { name: 'semver: =1.2.3 is not a version', spec: { strategy: 'semver', constraint: '' }, candidates: [{ tag: '=1.2.3' }, { tag: '1.0.0' }], chosen: { tag: '1.0.0' } },
    { name: 'semver: an exact pin never moves', spec: { strategy: 'semver', constraint: '1.19.1' }, candidates: [{ tag: '1.19.1' }, { tag: '1.19.2' }], chosen: { tag: '1.19.1' } },
    {
      name: 'semver: a repeated tag keeps its last entry',
      spec: { strategy: 'semver', constraint: '' },
      candidates: [{ tag: '1.0.0', digest: 'sha256:a' }, { tag: '1.0.0', digest: 'sha256:b' }],
      chosen: { tag: '1.0.0', digest: 'sha256:b' },
    },
    { name: 'semver: nothing eligible is null, not an error', spec: { strategy: 'semver', constraint: '~3' }, candidates: [{ tag: '1.0.0' }], chosen: null },
    {
      name: 'newest-build: equal times tie on the name',
      spec: { strategy: 'newest-build', constraint: '' },
      candidates: [{ tag: 'latest', created: at(0) }, { tag: 'f33bacd', created: at(0) }, { tag: 'dev', created: at(0) }],
      chosen: { tag: 'latest', created: at(0) },
    },
    {
      name: 'newest-build: a repeated tag keeps its last time',
      spec: { strategy: 'newest-build', constraint: '' },
      candidates: [{ tag: 'a', created: at(10) }, { tag: 'b', created: at(5) }, { tag: 'a', created: at(1) }],
      chosen: { tag: 'b', created: at(5) },
    },
    {
      name: 'newest-build: a tag without a time is not eligible',
      spec: { strategy: 'newest-build', constraint: '' },
      candidates: [{ tag: 'a', created: at(1) }, { tag: 'b' }, { tag: 'c', created: new Date(Number.NaN) }],
      chosen: { tag: 'a', created: at(1) },
    },
    { name: 'alphabetical: byte order, Z < a', spec: { strategy: 'alphabetical', constraint: '' }, candidates: [{ tag: 'Zeta' }, { tag: 'alpha' }], chosen: { tag: 'alpha' } },
    { name: 'alphabetical: v1.9.0 > v1.10.0', spec: { strategy: 'alphabetical', constraint: '' }, candidates: [{ tag: 'v1.10.0' }, { tag: 'v1.9.0' }], chosen: { tag: 'v1.9.0' } },
    { name: 'alphabetical: 9 > 10', spec: { strategy: 'alphabetical', constraint: '' }, candidates: [{ tag: '9' }, { tag: '10' }], chosen: { tag: '9' } },
    {
      name: 'digest: only the tracked tag',
      spec: { strategy: 'digest', constraint: 'stable' },
      candidates: [{ tag: 'zzz', digest: 'sha256:z' }, { tag: 'stable', digest: 'sha256:s' }],
      chosen: { tag: 'stable', digest: 'sha256:s' },
    },
    { name: 'digest: tracked tag absent', spec: { strategy: 'digest', constraint: 'stable' }, candidates: [{ tag: 'latest', digest: 'sha256:l' }], chosen: null },
  ];
  it.each(cases)('$name', ({ spec, candidates, chosen }) => {
    expect(strategyFromSpec(spec).choose(candidates)).toEqual(chosen);
  });
});

describe('compareBytes (Go string order)', () => {
  const cases: [string, string, number][] = [
    ['a', 'b', -1],
    ['Z', 'a', -1],
    ['10', '9', -1],
    ['ab', 'a', 1],
    ['x', 'x', 0],
    ['\u{10000}', '\uffff', 1], // UTF-8 order: a supplementary character sorts after U+FFFF
    ['\u{10000}', '\u0100', 1],
    ['\u{10000}', '\ue000', 1], // U+E000 (EE 80 80) is below every supplementary character (F0 ...)
    ['\ue001', '\ue000', 1],
    ['a', '\ue000', -1],
  ];
  it.each(cases)('%j vs %j', (a, b, want) => {
    expect(compareBytes(a, b)).toBe(want);
    expect(compareBytes(b, a)).toBe(-want || 0);
  });
});
