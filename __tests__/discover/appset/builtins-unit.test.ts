/** text/template's builtins and fmt helpers, called directly: results as Go's text/template and fmt give them. */
import { describe, expect, it } from 'vitest';
import { asString, BUILTINS, floatText, sprint, sprintf, toInt } from '../../../src/discover/appset/go-template/builtins.js';
import { renderGoTemplate } from '../../../src/discover/appset/go-template/exec.js';
import type { GoValue } from '../../../src/discover/appset/go-template/values.js';

const call = (name: string, ...args: GoValue[]): GoValue => BUILTINS[name](...args);

describe('and / or / not', () => {
  it.each<[string, GoValue[], GoValue]>([
    ['and', [1n, 0n, 2n], 0n],
    ['and', [1n, 'x', 2n], 2n],
    ['and', ['', 0n], ''],
    ['or', [0n, 'x', 2n], 'x'],
    ['or', [0n, '', false], false],
    ['or', [[], 3n], 3n],
  ])('%s %o returns %o (the first deciding operand, else the last)', (name, args, want) => {
    expect(call(name, ...args)).toStrictEqual(want);
  });

  it.each<[GoValue, boolean]>([[true, false], [0n, true], ['a', false], [null, true]])('not %o is %o', (a, want) => {
    expect(call('not', a)).toBe(want);
  });
});

describe('slice', () => {
  it.each<[GoValue, GoValue[], GoValue]>([
    ['abcde', [1n, 3n], 'bc'],
    ['abcde', [2n], 'cde'],
    ['abcde', [], 'abcde'],
    [['a', 'b', 'c'], [1n], ['b', 'c']],
    [['a', 'b', 'c'], [0n, 2n], ['a', 'b']],
    [['a', 'b', 'c'], [], ['a', 'b', 'c']],
  ])('slice %o %o is %o', (a, idx, want) => {
    expect(call('slice', a, ...idx)).toStrictEqual(want);
  });

  it('refuses to slice a non-sequence, naming its Go type', () => {
    expect(() => call('slice', 5n, 1n)).toThrow("can't slice item of type int");
  });
});

describe('len', () => {
  it.each<[GoValue, bigint]>([['héllo', 6n], [['a', 'b'], 2n], [{ a: 1, b: 2, c: 3 }, 3n], ['', 0n]])('len %o is %s (bytes for strings)', (a, want) => {
    expect(call('len', a)).toBe(want);
  });

  it.each<[GoValue, string]>([[5n, 'len of type int'], [1.5, 'len of type float64'], [null, 'len of type <nil>']])('len %o fails: %s', (a, message) => {
    expect(() => call('len', a)).toThrow(message);
  });
});

describe('index', () => {
  it.each<[GoValue, GoValue[], GoValue]>([
    [['a', 'b', 'c'], [2n], 'c'],
    [['a', 'b', 'c'], [0n], 'a'],
    ['AB', [1n], 66n],
    [{ a: { b: ['x', 'y'] } }, ['a', 'b', 1n], 'y'],
    [{ a: 1 }, ['zz'], null],
    [{ a: 1 }, [], { a: 1 }],
  ])('index %o %o is %o', (item, keys, want) => {
    expect(call('index', item, ...keys)).toStrictEqual(want);
  });

  it.each<[GoValue, GoValue[], string]>([
    [['a', 'b'], [2n], 'index out of range: 2'],
    [['a', 'b'], [-1n], 'index out of range: -1'],
    ['ab', [2n], 'index out of range: 2'],
    [{ a: 1 }, [1n], 'value has type int; should be string'],
    [null, ['a'], 'index of untyped nil'],
    [undefined, ['a'], 'index of untyped nil'],
    [{ a: null }, ['a', 'b'], 'index of untyped nil'],
    [5n, [0n], "can't index item of type int"],
    [true, [0n], "can't index item of type bool"],
  ])('index %o %o fails: %s', (item, keys, message) => {
    expect(() => call('index', item, ...keys)).toThrow(message);
  });
});

describe('comparisons', () => {
  it.each<[string, GoValue[], boolean]>([
    ['eq', ['a', 'a'], true],
    ['eq', ['a', 'b'], false],
    ['eq', ['a', 'b', 'a'], true],
    ['eq', ['a', 'b', 'c'], false],
    ['eq', [1n, 1n], true],
    ['eq', [1.5, 1.5], true],
    ['eq', [true, false], false],
    ['eq', [null, null], true],
    ['eq', [null, undefined], true],
    ['eq', [null, 'a'], false],
    ['eq', ['a', null], false],
    ['ne', ['a', 'b'], true],
    ['ne', ['a', 'a'], false],
    ['ne', [2n, 2n], false],
    ['lt', [1n, 2n], true],
    ['lt', [2n, 2n], false],
    ['lt', [3n, 2n], false],
    ['le', [1n, 2n], true],
    ['le', [2n, 2n], true],
    ['le', [3n, 2n], false],
    ['gt', [1n, 2n], false],
    ['gt', [2n, 2n], false],
    ['gt', [3n, 2n], true],
    ['ge', [1n, 2n], false],
    ['ge', [2n, 2n], true],
    ['ge', [3n, 2n], true],
    ['lt', ['a', 'b'], true],
    ['gt', [2.5, 1.5], true],
  ])('%s %o is %o', (name, args, want) => {
    expect(call(name, ...args)).toBe(want);
  });

  it.each<[string, GoValue[], string]>([
    ['eq', [1n, '1'], 'incompatible types for comparison'],
    ['eq', [1n, 1.0], 'incompatible types for comparison'],
    ['eq', [1.0, 1n], 'incompatible types for comparison'],
    ['eq', [true, 1n], 'incompatible types for comparison'],
    ['eq', [['a'], ['a']], 'non-comparable type [a]: []interface {}'],
    ['eq', [{ a: 'b' }, { a: 'b' }], 'non-comparable type map[a:b]: map[string]interface {}'],
    ['ne', ['a', 1n], 'incompatible types for comparison'],
    ['lt', [1n, 'a'], 'incompatible types for comparison'],
    ['lt', [true, false], 'invalid type for comparison'],
    ['lt', [null, null], 'invalid type for comparison'],
    ['ge', [['a'], ['b']], 'invalid type for comparison'],
  ])('%s %o fails: %s', (name, args, message) => {
    expect(() => call(name, ...args)).toThrow(message);
  });
});

describe('print / println / sprint', () => {
  it.each<[GoValue[], string]>([
    [['a', 1n, 2n, 'b', 'c'], 'a1 2bc'],
    [[1n, 2.5, true], '1 2.5 true'],
    [['x', null], 'x<nil>'],
    [[], ''],
  ])('sprint %o is %o (a space only between two non-strings)', (args, want) => {
    expect(sprint(args)).toBe(want);
    expect(call('print', ...args)).toBe(want);
  });

  it('println separates every operand by a space and ends with a newline', () => {
    expect(call('println', 'a', 'b', 1n)).toBe('a b 1\n');
    expect(call('println')).toBe('\n');
  });
});

describe('printf / sprintf', () => {
  it.each<[string, GoValue[], string]>([
    ['%s-%v', ['a', 1000000], 'a-1e+06'],
    ['%d%%', [42n], '42%'],
    ['100%%', [], '100%'],
    ['%d', [], '%!d(MISSING)'],
    ['%s %s', ['a'], 'a %!s(MISSING)'],
    ['%d', ['x'], '%!d(string=x)'],
    ['%d', [1.5], '%!d(float64=1.5)'],
    ['%q', ['a"b'], '"a\\"b"'],
    ['%f', [1.5], '1.500000'],
    ['%.2f', [3.14159], '3.14'],
    ['%.12f', [0.5], '0.500000000000'],
    ['%f', ['x'], '%!f(string=x)'],
    ['%t', [true], 'true'],
    ['%t', [1n], '%!t(int=1)'],
    ['%x', [255n], 'ff'],
    ['%x', ['hi'], '6869'],
    ['%z', [1n], '%!z(int=1)'],
    ['%5d|', [42n], '   42|'],
    ['%-5s|', ['ab'], 'ab   |'],
    ['%05d', [42n], '00042'],
    ['%-05d|', [42n], '42   |'],
    ['%12s|', ['abcdefghijk'], ' abcdefghijk|'],
    ['%2s|', ['ab'], 'ab|'],
    ['%1s|', ['abc'], 'abc|'],
  ])('printf %o %o is %o', (format, args, want) => {
    expect(sprintf(format, args)).toBe(want);
    expect(call('printf', format, ...args)).toBe(want);
  });

  // Go's fmt takes %s, %f and %t only for strings, floats and bools: any other operand prints as a bad verb.
  it.each<[string, GoValue[], string]>([
    ['%s', [1.5], '%!s(float64=1.5)'],
    ['%s', [3n], '%!s(int=3)'],
    ['%s', [true], '%!s(bool=true)'],
    ['%s', [null], '%!s(<nil>)'],
    ['%s', [undefined], '%!s(<nil>)'],
    ['%s', [['a', 'b']], '[a b]'],
    ['%s', [['a', 1n]], '[a %!s(int=1)]'],
    ['%s', [{ b: 'x', a: 2.5 }], 'map[a:%!s(float64=2.5) b:x]'],
    ['%f', [1n], '%!f(int=1)'],
    ['%t', [null], '%!t(<nil>)'],
    ['%d', [null], '%!d(<nil>)'],
  ])('bug fix: printf %o %o is %o as in Go', (format, args, want) => {
    expect(sprintf(format, args)).toBe(want);
  });

  it('bug fix: a template printing a float parameter with %s renders what Argo CD renders', () => {
    expect(renderGoTemplate('{{ printf "%s/%s" .name .replicas }}', { name: 'web', replicas: 3 })).toBe('web/%!s(float64=3)');
  });

  it('printf requires a string format', () => {
    expect(() => call('printf', 1n)).toThrow('wrong type for value; expected string; got int');
  });
});

describe('toInt / asString / floatText', () => {
  it.each<[GoValue, bigint]>([
    [7n, 7n],
    [3.7, 3n],
    [-3.7, -3n],
    [' 42 ', 42n],
    ['+5', 5n],
    ['-5', -5n],
    ['12a', 0n],
    ['a12', 0n],
    ['x5', 0n],
    ['', 0n],
    [true, 1n],
    [false, 0n],
    [null, 0n],
    [undefined, 0n],
  ])('toInt %o is %s', (a, want) => {
    expect(toInt(a)).toStrictEqual(want);
  });

  it.each<[GoValue, string]>([
    [Number.NaN, 'cannot convert float64 to int'],
    [Number.POSITIVE_INFINITY, 'cannot convert float64 to int'],
    [['1'], 'cannot convert []interface {} to int'],
    [{ a: 1 }, 'cannot convert map[string]interface {} to int'],
  ])('toInt %o fails: %s', (a, message) => {
    expect(() => toInt(a)).toThrow(message);
  });

  it('asString returns a string and names the Go type of anything else', () => {
    expect(asString('a')).toBe('a');
    expect(() => asString(null)).toThrow('wrong type for value; expected string; got <nil>');
  });

  it('floatText prints a float as Go %v does', () => {
    expect(floatText(1000000)).toBe('1e+06');
    expect(floatText(2.5)).toBe('2.5');
  });
});
