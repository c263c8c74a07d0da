/**
 * Shared fast-check settings and arbitraries for the property tests: a fixed seed (a failure replays the
 * same way everywhere) and bounded runs (the whole suite stays fast on 2 cores).
 */
import fc from 'fast-check';

/**
 * PROPERTY_RUNS is fast-check's settings for every property test (override numRuns per test when needed). Under
 * `npm run mutate` (MUTATE_STAGE set) each mutant gets a tenth of the runs: the same seed, so the same first cases.
 */
export const PROPERTY_RUNS = { seed: 1309, numRuns: process.env.MUTATE_STAGE ? 30 : 300 } as const;

// Tags a YAML reader would take for something else (numbers, booleans, nulls, dates, base 60...).
const TRICKY_TAGS = ['1.20', '1e3', '12e45', '1234567', '012', '0x1F', '0o17', '0b101', '1_000', 'yes', 'No', 'ON', 'off',
  'y', 'N', 'true', 'FALSE', 'null', 'Null', '2024-01-15', '2024-1-5', '1.', '1.0', '0', '_1', '1-2', 'latest', 'inf',
  'NaN', '1e', '1E5', '0_7', '00', 'v1.2.3', '1.2.3-rc.1', 'sha-3f2c1ab', 'a'.repeat(128)];

/** ociTag generates tags valid by the OCI distribution spec (`[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}`), biased to tricky ones. */
export const ociTag = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.stringMatching(/^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/),
    fc.constantFrom(...TRICKY_TAGS),
    // Number-like tags: digits with dots, exponents and underscores.
    fc.array(fc.constantFrom('0', '1', '7', '9', '.', 'e', 'E', '_', '-', 'x', 'b', 'o'), { minLength: 1, maxLength: 8 })
      .map((chars) => chars.join(''))
      .filter((s) => /^[a-zA-Z0-9_][a-zA-Z0-9._-]*$/.test(s)),
  );
