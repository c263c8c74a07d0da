/**
 * guards.ts: absent and null read as absent, a wrong type is a FieldTypeError naming the full path of the field
 * and what it must be.
 */
import { describe, expect, it } from 'vitest';
import { FieldTypeError, isObj, optArray, optBool, optObj, optString, optStringList, optStringMap, reqString } from '../../src/discover/guards.js';

const PATH = ['spec', 0];

/** refusal runs `read` and returns its FieldTypeError's path, expectation and message. */
function refusal(read: () => unknown): [(string | number)[], string, string, string] {
  try {
    read();
  } catch (error) {
    if (error instanceof FieldTypeError) return [error.path, error.expected, error.message, error.name];
    throw error;
  }
  throw new Error('the value was accepted');
}

describe('FieldTypeError', () => {
  it('joins the path into its message and is named FieldTypeError', () => {
    const error = new FieldTypeError(['spec', 'sources', 1], 'a mapping');
    expect([error.message, error.name, error instanceof Error]).toEqual(['spec.sources.1 must be a mapping', 'FieldTypeError', true]);
  });
});

describe('isObj', () => {
  const cases: [string, unknown, boolean][] = [
    ['a mapping', { a: 1 }, true],
    ['an empty mapping', {}, true],
    ['a list', [], false],
    ['null', null, false],
    ['a string', 'a', false],
    ['a number', 1, false],
    ['undefined', undefined, false],
  ];
  it.each(cases)('%s: %s', (_what, value, expected) => {
    expect(isObj(value)).toBe(expected);
  });
});

describe('absent and null fields read as absent', () => {
  const readers: [string, (parent: Record<string, unknown>) => unknown][] = [
    ['optObj', (p) => optObj(p, 'k', PATH)],
    ['optString', (p) => optString(p, 'k', PATH)],
    ['optBool', (p) => optBool(p, 'k', PATH)],
    ['optArray', (p) => optArray(p, 'k', PATH)],
    ['optStringList', (p) => optStringList(p, 'k', PATH)],
  ];
  it.each(readers)('%s', (_name, reader) => {
    expect([reader({}), reader({ k: null })]).toEqual([undefined, undefined]);
  });

  it('optStringMap reads absent and null as an empty mapping', () => {
    expect([optStringMap({}, 'k', PATH), optStringMap({ k: null }, 'k', PATH)]).toEqual([{}, {}]);
  });
});

describe('present fields of the right type are returned as they are', () => {
  it('each reader', () => {
    expect([
      optObj({ k: { a: 1 } }, 'k', PATH),
      optString({ k: 'v' }, 'k', PATH),
      reqString({ k: 'v' }, 'k', PATH),
      optBool({ k: false }, 'k', PATH),
      optArray({ k: [1, 'a'] }, 'k', PATH),
      optStringList({ k: ['a', 'b'] }, 'k', PATH),
      optStringMap({ k: { a: 'x', b: '' } }, 'k', PATH),
    ]).toEqual([{ a: 1 }, 'v', 'v', false, [1, 'a'], ['a', 'b'], { a: 'x', b: '' }]);
  });
});

describe('a wrong type names the field and what it must be', () => {
  const cases: [string, () => unknown, (string | number)[], string][] = [
    ['optObj given a list', () => optObj({ k: [] }, 'k', PATH), ['spec', 0, 'k'], 'a mapping'],
    ['optObj given a string', () => optObj({ k: 'x' }, 'k', PATH), ['spec', 0, 'k'], 'a mapping'],
    ['optString given a number', () => optString({ k: 1 }, 'k', PATH), ['spec', 0, 'k'], 'a string (quote it)'],
    ['reqString given nothing', () => reqString({}, 'k', PATH), ['spec', 0, 'k'], 'a non-empty string'],
    ['reqString given ""', () => reqString({ k: '' }, 'k', PATH), ['spec', 0, 'k'], 'a non-empty string'],
    ['reqString given a boolean', () => reqString({ k: true }, 'k', PATH), ['spec', 0, 'k'], 'a string (quote it)'],
    ['optBool given "yes"', () => optBool({ k: 'yes' }, 'k', PATH), ['spec', 0, 'k'], 'true or false'],
    ['optArray given a mapping', () => optArray({ k: {} }, 'k', PATH), ['spec', 0, 'k'], 'a list'],
    ['optStringList given a number item', () => optStringList({ k: ['a', 2] }, 'k', PATH), ['spec', 0, 'k', 1], 'a string (quote it)'],
    ['optStringList given a mapping', () => optStringList({ k: { a: 'b' } }, 'k', PATH), ['spec', 0, 'k'], 'a list'],
    ['optStringMap given a boolean value', () => optStringMap({ k: { a: 'x', b: true } }, 'k', PATH), ['spec', 0, 'k', 'b'], 'a string (quote it)'],
    ['optStringMap given a list', () => optStringMap({ k: ['a'] }, 'k', PATH), ['spec', 0, 'k'], 'a mapping'],
  ];
  it.each(cases)('%s', (_what, read, path, expected) => {
    expect(refusal(read)).toEqual([path, expected, `${path.join('.')} must be ${expected}`, 'FieldTypeError']);
  });
});
