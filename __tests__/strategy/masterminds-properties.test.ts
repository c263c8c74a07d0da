import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkConstraint, ConstraintSyntaxError, parseConstraint } from '../../src/strategy/masterminds/constraint.js';
import { compareVersions, parseVersion, type Version } from '../../src/strategy/masterminds/version.js';
import { ociTag, PROPERTY_RUNS } from '../support/properties.js';

// Version-shaped text: the scanner's separators and digits, often near the uint64 limit.
const versionText = fc.oneof(
  ociTag(),
  fc.string({ maxLength: 30 }),
  fc.string({ unit: fc.constantFrom('v', '0', '1', '9', '.', '-', '+', 'a', 'Z', '18446744073709551615', '18446744073709551616'), maxLength: 10 }),
);
const constraintText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: fc.constantFrom('1', '2', '.', 'x', '*', '-', ' - ', '>=', '<', '~', '^', '!=', '=', '||', ',', ' ', 'v', 'rc', '+'), maxLength: 10 }),
);
const version = versionText.map(parseVersion).filter((v): v is Version => v !== undefined);

describe('property: the Masterminds semver port', () => {
  it('parseVersion never throws, and what it accepts keeps its text as `original`', () => {
    fc.assert(
      fc.property(versionText, (text) => {
        const parsed = parseVersion(text);
        if (parsed) expect(parsed.original).toBe(text);
      }),
      { ...PROPERTY_RUNS, numRuns: PROPERTY_RUNS.numRuns * 7 },
    );
  });

  it('parseConstraint throws nothing but ConstraintSyntaxError, and checkConstraint never throws', () => {
    fc.assert(
      fc.property(constraintText, version, (text, v) => {
        let constraints;
        try {
          constraints = parseConstraint(text);
        } catch (error) {
          expect(error).toBeInstanceOf(ConstraintSyntaxError);
          return;
        }
        expect(typeof checkConstraint(constraints, v)).toBe('boolean');
      }),
      { ...PROPERTY_RUNS, numRuns: PROPERTY_RUNS.numRuns * 3 },
    );
  });

  it('a `v` prefix changes nothing but `original` (looseSemVerRegex `^v?`)', () => {
    fc.assert(
      fc.property(versionText.filter((t) => !t.startsWith('v')), (text) => {
        const plain = parseVersion(text);
        const prefixed = parseVersion(`v${text}`);
        expect(prefixed === undefined ? undefined : { ...prefixed, original: text }).toEqual(plain);
      }),
      { ...PROPERTY_RUNS, numRuns: PROPERTY_RUNS.numRuns * 3 },
    );
  });

  it('compareVersions is a total order: antisymmetric and transitive', () => {
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        expect(Math.sign(compareVersions(a, b)) + Math.sign(compareVersions(b, a))).toBe(0);
        expect(compareVersions(a, a)).toBe(0);
        const sorted = [a, b, c].sort(compareVersions);
        expect(compareVersions(sorted[0], sorted[2])).toBeLessThanOrEqual(0);
      }),
      PROPERTY_RUNS,
    );
  });

  it('a version without pre-release satisfies `=` itself and `>=` itself, and not `<` itself', () => {
    fc.assert(
      fc.property(version.filter((v) => v.pre === ''), (v) => {
        const text = `${v.major}.${v.minor}.${v.patch}`;
        expect(checkConstraint(parseConstraint(`=${text}`), v)).toBe(true);
        expect(checkConstraint(parseConstraint(`>= ${text}`), v)).toBe(true);
        expect(checkConstraint(parseConstraint(`<${text}`), v)).toBe(false);
      }),
      PROPERTY_RUNS,
    );
  });
});
