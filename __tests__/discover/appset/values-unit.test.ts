/** Template values: Go type names, fmt %v printing, template truth and JSON/YAML conversion, as Go sees them. */
import { describe, expect, it } from 'vitest';
import {
  formatFloat,
  goTypeName,
  isMap,
  isTrue,
  printValue,
  TemplateExecError,
  toGoValue,
  type GoValue,
} from '../../../src/discover/appset/go-template/values.js';

describe('isMap / goTypeName', () => {
  it.each<[GoValue, boolean, string]>([
    [{ a: 1 }, true, 'map[string]interface {}'],
    [{}, true, 'map[string]interface {}'],
    [['a'], false, '[]interface {}'],
    [null, false, '<nil>'],
    [undefined, false, '<no value>'],
    ['a', false, 'string'],
    [1.5, false, 'float64'],
    [1n, false, 'int'],
    [true, false, 'bool'],
  ])('%o: isMap %o, Go type %o', (value, map, type) => {
    expect(isMap(value)).toBe(map);
    expect(goTypeName(value)).toBe(type);
  });
});

describe('formatFloat (strconv g, shortest)', () => {
  it.each<[number, string]>([
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, '+Inf'],
    [Number.NEGATIVE_INFINITY, '-Inf'],
    [0, '0'],
    [-0, '-0'],
    [1000000, '1e+06'],
    [999999, '999999'],
    [15000000, '1.5e+07'],
    [-1000000, '-1e+06'],
    [100000, '100000'],
    [0.5, '0.5'],
    [0.0001, '0.0001'],
    [0.00001, '1e-05'],
    [0.000012, '1.2e-05'],
    [1e10, '1e+10'],
    [1e21, '1e+21'],
    [1e100, '1e+100'],
    [1e-100, '1e-100'],
    [123456789, '1.23456789e+08'],
  ])('%o prints %o', (value, want) => {
    expect(formatFloat(value)).toBe(want);
  });
});

describe('printValue (fmt %v)', () => {
  it.each<[GoValue, string]>([
    [undefined, '<no value>'],
    [null, '<nil>'],
    ['text', 'text'],
    [2.5, '2.5'],
    [1000000, '1e+06'],
    [3n, '3'],
    [false, 'false'],
    [[], '[]'],
    [['a', 1n, null, ['b']], '[a 1 <nil> [b]]'],
    [{}, 'map[]'],
    [{ b: 1, a: { c: 'x' }, d: [true] }, 'map[a:map[c:x] b:1 d:[true]]'],
  ])('%o prints %o', (value, want) => {
    expect(printValue(value)).toBe(want);
  });
});

describe('isTrue (template truth)', () => {
  it.each<[GoValue, boolean]>([
    [undefined, false],
    [null, false],
    [[], false],
    [[0n], true],
    ['', false],
    ['0', true],
    [0, false],
    [0.1, true],
    [0n, false],
    [-1n, true],
    [false, false],
    [true, true],
    [{}, false],
    [{ a: null }, true],
  ])('%o is %o', (value, want) => {
    expect(isTrue(value)).toBe(want);
  });
});

describe('toGoValue', () => {
  it('keeps scalars, makes null of missing values, ISO text of dates and converts nested data', () => {
    const data = {
      s: 'a',
      n: 1.5,
      b: false,
      i: 7n,
      nil: null,
      none: undefined,
      when: new Date('2024-01-02T03:04:05Z'),
      list: [1, { x: null }],
    };
    expect(toGoValue(data)).toStrictEqual({
      s: 'a',
      n: 1.5,
      b: false,
      i: 7n,
      nil: null,
      none: null,
      when: '2024-01-02T03:04:05.000Z',
      list: [1, { x: null }],
    });
  });

  it('prints other JavaScript values as text', () => {
    expect(toGoValue(Symbol('s'))).toBe('Symbol(s)');
    expect(toGoValue(undefined)).toBeNull();
  });
});

describe('TemplateExecError', () => {
  it('is an Error named TemplateExecError carrying its message', () => {
    const error = new TemplateExecError('map has no entry for key "x"');
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe('TemplateExecError');
    expect(error.message).toBe('map has no entry for key "x"');
  });
});
