/** Generator parameters as Argo CD treats them: %v printing, flattening, label selectors, fasttemplate and the mergo merges. */
import { describe, expect, it } from 'vitest';
import {
  combineStringMaps,
  fastReplace,
  fillDefaults,
  flattenParams,
  goString,
  isPlain,
  matchesSelector,
  mergeOverride,
  type LabelSelector,
} from '../../../src/discover/appset/params.js';

describe('goString prints as Go %v', () => {
  it.each<[unknown, string]>([
    [null, '<nil>'],
    [undefined, '<nil>'],
    [1e21, '1e+21'],
    [1e6, '1e+06'],
    [3, '3'],
    ['text', 'text'],
    [true, 'true'],
    [['a', 1, null], '[a 1 <nil>]'],
    [{ b: 2, a: ['x', 'y'] }, 'map[a:[x y] b:2]'],
    [{}, 'map[]'],
  ])('%o -> %s', (value, printed) => {
    expect(goString(value)).toBe(printed);
  });
});

describe('flattenParams (jeremywohl/flatten DotStyle, values printed with %v)', () => {
  it('joins nested map keys with dots and prints the leaves', () => {
    expect(flattenParams({ a: { b: { c: 1 } }, d: null, e: false })).toEqual({ 'a.b.c': '1', d: '<nil>', e: 'false' });
  });

  it('flattens lists to <key>.<index> and drops empty maps and lists, as jeremywohl/flatten does (bug: lists stayed whole)', () => {
    expect(flattenParams({ tags: ['a', { b: 'c' }], none: {}, empty: [], keep: 'x' })).toEqual({ 'tags.0': 'a', 'tags.1.b': 'c', keep: 'x' });
  });

  it('keeps an empty top-level key as written and dots below it, as enkey does', () => {
    expect(flattenParams({ '': { a: 'b' } })).toEqual({ '.a': 'b' });
  });
});

describe('matchesSelector', () => {
  const flat = { tier: 'back', app: 'api' };
  const expr = (operator: string, values?: string[], key = 'tier'): LabelSelector => ({ matchExpressions: [{ key, operator, values }] });

  it.each<[string, LabelSelector, boolean]>([
    ['matchLabels equal', { matchLabels: { tier: 'back', app: 'api' } }, true],
    ['matchLabels differ', { matchLabels: { tier: 'front' } }, false],
    ['matchLabels on a missing key', { matchLabels: { zone: 'eu' } }, false],
    ['In a value', expr('In', ['front', 'back']), true],
    ['In other values', expr('In', ['front']), false],
    ['In on a missing key', expr('In', ['back'], 'zone'), false],
    ['NotIn a value', expr('NotIn', ['back']), false],
    ['NotIn other values', expr('NotIn', ['front']), true],
    ['NotIn on a missing key', expr('NotIn', ['back'], 'zone'), true],
    ['Exists', expr('Exists'), true],
    ['Exists on a missing key', expr('Exists', undefined, 'zone'), false],
    ['DoesNotExist', expr('DoesNotExist', []), false],
    ['DoesNotExist on a missing key', expr('DoesNotExist', undefined, 'zone'), true],
    ['empty selector', {}, true],
  ])('%s: %o', (_, selector, matches) => {
    expect(matchesSelector(selector, flat)).toBe(matches);
  });

  it('tests every expression, not only the first', () => {
    expect(matchesSelector({ matchExpressions: [...expr('Exists').matchExpressions!, ...expr('In', ['web'], 'app').matchExpressions!] }, flat)).toBe(false);
  });

  it('refuses an unknown operator', () => {
    expect(() => matchesSelector(expr('Gt', ['1']), flat)).toThrow(new Error('selector operator "Gt" is not one of In, NotIn, Exists, DoesNotExist'));
  });

  it.each(['In', 'NotIn'])('refuses %s without values, as Kubernetes NewRequirement does', (operator) => {
    expect(() => matchesSelector(expr(operator), flat)).toThrow(new Error(`selector operator ${operator} on key "tier" needs values`));
    expect(() => matchesSelector(expr(operator, []), {})).toThrow(new Error(`selector operator ${operator} on key "tier" needs values`));
  });

  it.each(['Exists', 'DoesNotExist'])('refuses %s with values, as Kubernetes NewRequirement does', (operator) => {
    expect(() => matchesSelector(expr(operator, ['back']), flat)).toThrow(new Error(`selector operator ${operator} on key "tier" takes no values`));
  });
});

describe('fastReplace (fasttemplate with Argo CD tag rules)', () => {
  it.each<[string, string]>([
    ['{{app}}-{{ env }}', 'web-dev'],
    ['no tags', 'no tags'],
    ['{{missing}} {{count}}', '{{missing}} {{count}}'],
    ['{{ }} {{}}', '{{ }} {{}}'],
    ['{{app}} {{env', 'web {{env'],
    ['a}}{{app}}', 'a}}web'],
    ['{{{app}}}', '{{{app}}}'],
  ])('%s -> %s', (text, out) => {
    expect(fastReplace(text, { app: 'web', env: 'dev', '': 'empty', count: 3 })).toBe(out);
  });
});

describe('mergeOverride (mergo.Merge WithOverride)', () => {
  it('deep-merges maps and lets the override win', () => {
    expect(mergeOverride({ m: { a: '1', b: '1' }, k: 'x' }, { m: { b: '2' }, k: 'y' })).toEqual({ m: { a: '1', b: '2' }, k: 'y' });
  });

  it('replaces a map with a scalar and a scalar with a map', () => {
    expect(mergeOverride({ m: { a: '1' }, k: 'x' }, { m: 'flat', k: { b: '2' } })).toEqual({ m: 'flat', k: { b: '2' } });
  });

  it.each<unknown>([null, undefined, '', false, 0, []])('an empty override %o keeps the value', (empty) => {
    expect(mergeOverride({ k: 'x' }, { k: empty })).toEqual({ k: 'x' });
  });

  it.each<unknown>([true, 1, ['a'], 'y'])('a non-empty override %o replaces the value', (value) => {
    expect(mergeOverride({ k: 'x' }, { k: value })).toEqual({ k: value });
  });

  it('adds an empty override where the key is missing', () => {
    expect(mergeOverride({}, { k: '' })).toEqual({ k: '' });
  });
});

describe('fillDefaults (mergo.Merge without override)', () => {
  it('fills what is empty and keeps what is set, map by map', () => {
    expect(fillDefaults({ a: '', b: 'set', m: { x: '1' } }, { a: 'default', b: 'other', m: { x: '2', y: '3' }, c: 'new' })).toEqual({
      a: 'default',
      b: 'set',
      m: { x: '1', y: '3' },
      c: 'new',
    });
  });

  it('keeps a map where the default is a scalar', () => {
    expect(fillDefaults({ m: { a: '1' } }, { m: 'flat' })).toEqual({ m: { a: '1' } });
  });
});

describe('isPlain', () => {
  it.each<[unknown, boolean]>([
    [{}, true],
    [null, false],
    [[], false],
    ['a', false],
  ])('%o -> %o', (value, plain) => {
    expect(isPlain(value)).toBe(plain);
  });
});

describe('combineStringMaps (utils.CombineStringMaps)', () => {
  it('joins two sets, printing values with %v; one key with one value is fine', () => {
    expect(combineStringMaps({ a: '1', n: 2 }, { a: '1', b: 'x' })).toEqual({ a: '1', n: '2', b: 'x' });
  });

  it('refuses one key with two values, in Argo CD words', () => {
    expect(() => combineStringMaps({ a: '1' }, { a: '2' })).toThrow(new Error('found duplicate key a with different value, a: 1 ,b: 2'));
  });
});
