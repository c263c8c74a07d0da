/** Sprig's and Argo CD's template functions, called directly: results as Sprig (v3) and Argo CD give them. */
import { describe, expect, it } from 'vitest';
import { FUNCS, sanitizeName } from '../../../src/discover/appset/go-template/funcs.js';
import { renderGoTemplate } from '../../../src/discover/appset/go-template/exec.js';
import type { GoValue } from '../../../src/discover/appset/go-template/values.js';
import { exactly } from '../../../test-support/exact-message.js';

const call = (name: string, ...args: GoValue[]): GoValue => FUNCS.get(name)!(...args);

describe('normalize (Argo CD SanitizeName)', () => {
  it.each([
    ['Hello_World.App', 'hello-world.app'],
    ['--.a.b-.', 'a.b'],
    ['.-x', 'x'],
    ['x-.', 'x'],
  ])('normalize %o is %o', (name, want) => {
    expect(sanitizeName(name)).toBe(want);
    expect(call('normalize', name)).toBe(want);
  });

  it('cuts at 253 characters, then trims the dashes and dots the cut left at the end', () => {
    expect(sanitizeName('a'.repeat(300))).toBe('a'.repeat(253));
    expect(sanitizeName(`${'a'.repeat(251)}.-bbb`)).toBe('a'.repeat(251));
  });
});

describe('slugify (Argo CD SlugifyName: gosimple/slug over normalize)', () => {
  it.each<[GoValue[], string]>([
    [['Hello World App'], 'hello-world-app'],
    [['a..b--c'], 'a-b-c'],
    [['word '.repeat(12)], `${'word-'.repeat(9)}word`],
    [[10n, 'hello world again'], 'hello'],
    [[5n, 'ab-cd'], 'ab-cd'],
    [[5n, 'abcde-fgh'], 'abcde'],
    [[5n, 'abcdefgh'], 'abcde'],
    [[0n, 'hello world again'], 'hello-world-again'],
    [[10n, true, 'hello world again'], 'hello'],
    [[10n, false, 'hello world again'], 'hello-worl'],
    [[3n, false, 'ab'], 'ab'],
    [[6n, false, 'ab-cd-ef'], 'ab-cd'],
  ])('slugify %o is %o', (args, want) => {
    expect(call('slugify', ...args)).toBe(want);
  });

  it('bug fix: without smart truncation the name is cut before dashes are collapsed, as gosimple/slug does', () => {
    expect(call('slugify', 4n, false, 'a..bc')).toBe('a-b');
  });
});

describe('string functions', () => {
  it.each<[string, GoValue[], GoValue]>([
    ['lower', ['AbC'], 'abc'],
    ['upper', ['AbC'], 'ABC'],
    ['trim', ['  a b \n'], 'a b'],
    ['trimAll', ['$-', '-$a$b-$'], 'a$b'],
    ['trimAll', ['-^]\\', '\\]^-a-^]\\'], 'a'],
    ['trimAll', ['a', 'bab'], 'bab'],
    ['trimAll', ['a-c', 'b-ab'], 'b-ab'],
    ['trimPrefix', ['ab', 'abcab'], 'cab'],
    ['trimPrefix', ['x', 'abc'], 'abc'],
    ['trimSuffix', ['ab', 'abcab'], 'abc'],
    ['trimSuffix', ['x', 'abc'], 'abc'],
    ['trimSuffix', ['', 'abc'], 'abc'],
    ['replace', ['a', 'o', 'banana'], 'bonono'],
    ['trunc', [3n, 'hello'], 'hel'],
    ['trunc', [0n, 'hello'], ''],
    ['trunc', [-2n, 'hello'], 'lo'],
    ['trunc', [-10n, 'hello'], 'hello'],
    ['trunc', [10n, 'hello'], 'hello'],
    ['substr', [1n, 3n, 'hello'], 'el'],
    ['substr', [-1n, 2n, 'hello'], 'he'],
    ['substr', [1n, -1n, 'hello'], 'ello'],
    ['substr', [0n, -1n, 'hello'], 'hello'],
    ['substr', [0n, 0n, 'hello'], ''],
    ['substr', [1n, 10n, 'hello'], 'ello'],
    ['contains', ['ll', 'hello'], true],
    ['contains', ['x', 'hello'], false],
    ['hasPrefix', ['he', 'hello'], true],
    ['hasPrefix', ['lo', 'hello'], false],
    ['hasSuffix', ['lo', 'hello'], true],
    ['hasSuffix', ['he', 'hello'], false],
    ['repeat', [3n, 'ab'], 'ababab'],
    ['repeat', [0n, 'ab'], ''],
    ['nospace', [' a b\tc\n'], 'abc'],
    ['indent', [2n, 'a\nb'], '  a\n  b'],
    ['nindent', [2n, 'a\nb'], '\n  a\n  b'],
    ['toString', [1.5], '1.5'],
    ['toString', [2n], '2'],
    ['toString', ['s'], 's'],
    ['split', ['.', 'a.b.c'], { _0: 'a', _1: 'b', _2: 'c' }],
    ['splitList', ['.', 'a.b.c'], ['a', 'b', 'c']],
    ['b64enc', ['hello'], 'aGVsbG8='],
    ['b64dec', ['aGVsbG8='], 'hello'],
    ['sha256sum', ['abc'], 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'],
    ['sha1sum', ['abc'], 'a9993e364706816aba3e25717850c26c9cd0d89d'],
  ])('%s %o is %o', (name, args, want) => {
    expect(call(name, ...args)).toStrictEqual(want);
  });

  it.each<[string, string]>([
    ['hello wORLD', 'Hello WORLD'],
    ['x_y a-b 1a', 'X_y A-B 1a'],
    ['é-é', 'É-É'],
    ['a\u00a0b', 'A\u00a0B'],
  ])('title %o is %o (strings.Title)', (s, want) => {
    expect(call('title', s)).toBe(want);
  });

  it("bug fix: title treats an apostrophe as a separator, as Go's strings.Title does", () => {
    expect(call('title', "don't")).toBe("Don'T");
  });

  it('quote and squote skip nil operands and join the rest with a space', () => {
    expect(call('quote', 'a"b', null, 1n, undefined, 2.5)).toBe('"a\\"b" "1" "2.5"');
    expect(call('squote', 'a', null, 1n, undefined)).toBe("'a' '1'");
    expect(call('quote')).toBe('');
  });

  it.each([
    ['a"b\\c', '"a\\"b\\\\c"'],
    ['é a', '"é a"'],
    ['\x07\x00', '"\\a\\x00"'],
    ['\t\n\r\b\f\v', '"\\t\\n\\r\\b\\f\\v"'],
    ['\u00a0\u2028\u00ad', '"\\u00a0\\u2028\\u00ad"'],
    ['\x7f', '"\\x7f"'],
    ['😀', '"😀"'],
    ['\u{e0001}', '"\\U000e0001"'],
    ['\uffff', '"\\uffff"'],
  ])('bug fix: quote %o is %s, as Go\'s %%q escapes it (not as JSON does)', (s, want) => {
    expect(call('quote', s)).toBe(want);
  });

  it('bug fix: trim and nospace remove what unicode.IsSpace calls space (U+0085, not U+FEFF)', () => {
    expect(call('trim', '\ufeffa\u0085 ')).toBe('\ufeffa');
    expect(call('nospace', 'a\ufeff\u0085 \u3000b')).toBe('a\ufeffb');
  });

  it.each<[string, bigint]>([
    ['12', 12n],
    ['+5', 5n],
    ['-5', -5n],
    [' 12', 0n],
    ['12a', 0n],
    ['', 0n],
    ['99999999999999999999', 9223372036854775807n],
    ['-99999999999999999999', -9223372036854775808n],
  ])('bug fix: atoi %o is %s (strconv.Atoi, error dropped: 0, or clamped to int64)', (s, want) => {
    expect(call('atoi', s)).toBe(want);
  });

  it('bug fix: cat joins every non-nil operand with one space, as Sprig does', () => {
    expect(call('cat', 'a', null, 'b  c', 2n, undefined, 'd')).toBe('a b  c 2 d');
  });

  it('bug fix: repeat and indent with a negative count fail as strings.Repeat panics', () => {
    expect(() => call('repeat', -1n, 'ab')).toThrow(exactly('strings: negative Repeat count'));
    expect(() => call('indent', -1n, 'ab')).toThrow(exactly('strings: negative Repeat count'));
  });

  it.each<[string, string, string]>([
    ['kebabcase', 'FirstName', 'first-name'],
    ['kebabcase', 'GO PATH', 'go-path'],
    ['kebabcase', 'some_words here', 'some-words-here'],
    ['snakecase', 'FirstName', 'first_name'],
    ['snakecase', 'GO-PATH', 'go_path'],
    ['snakecase', 'firstName2', 'first_name2'],
  ])('%s %o is %o (xstrings)', (name, s, want) => {
    expect(call(name, s)).toBe(want);
  });

  it.each<[string, string]>([
    ['some_words', 'SomeWords'],
    ['http_server', 'HttpServer'],
    ['some words-here', 'SomeWordsHere'],
    ['_complex__case_', '_Complex_Case_'],
    ['GOLANG_IS_GREAT', 'GolangIsGreat'],
    ['HTTPServer', 'Httpserver'],
    ['someWords', 'SomeWords'],
    ['no_HTTPs', 'NoHttps'],
    ['ABcD', 'AbcD'],
    ['aBC', 'ABC'],
    ['a__b', 'A_B'],
    ['a', 'A'],
    ['__', '___'],
    ['', ''],
  ])('bug fix: camelcase %o is %o (xstrings.ToPascalCase: "-", "_" and spaces join words)', (s, want) => {
    expect(call('camelcase', s)).toBe(want);
  });

  it('functions taking strings refuse other types, naming the Go type', () => {
    expect(() => call('upper', 1n)).toThrow(exactly('wrong type for value; expected string; got int'));
  });
});

describe('join and sortAlpha (Sprig strslice)', () => {
  it('bug fix: join drops nil elements, prints the others with %v, and takes a single value as a list of one', () => {
    expect(call('join', '-', ['a', null, 1n, undefined, 2.5])).toBe('a-1-2.5');
    expect(call('join', ',', 'solo')).toBe('solo');
    expect(call('join', ',', null)).toBe('');
  });

  it('sortAlpha sorts the elements as strings; a single value is a list of one', () => {
    expect(call('sortAlpha', ['b', 'a', 10n, 9n, null])).toStrictEqual(['10', '9', 'a', 'b']);
    expect(call('sortAlpha', 'x')).toStrictEqual(['x']);
    expect(call('sortAlpha', null)).toStrictEqual(['<nil>']);
  });
});

describe('regular expressions (Go regexp)', () => {
  it.each<[string, GoValue[], GoValue]>([
    ['regexMatch', ['^a.c$', 'abc'], true],
    ['regexMatch', ['^b', 'abc'], false],
    ['regexFind', ['[0-9]+', 'ab12cd34'], '12'],
    ['regexFind', ['z', 'ab'], ''],
    ['regexReplaceAll', ['a(x*)b', '-ab-axxb-', '${1}W'], '-W-xxW-'],
    ['regexReplaceAll', ['a(?P<x1>x*)b', '-ab-axxb-', '${x1}|$x1|$2|$$|${|${nope}'], '-|||$|${|-xx|xx||$|${|-'],
    ['regexReplaceAll', ['(a)|(b)', 'ab', '<$1:$2>'], '<a:><:b>'],
    ['regexReplaceAll', ['', 'a😀', '-'], '-a-😀-'],
    ['regexReplaceAll', ['^a', 'aaa', '-'], '-aa'],
    ['regexReplaceAll', ['ab|bcd', 'abcd', '-'], '-cd'],
    ['regexReplaceAll', ['a(x*)b', '-axb-', '$1_|${1}_|$'], '-|x_|$-'],
    ['regexReplaceAllLiteral', ['a(x*)b', '-ab-axxb-', '${1}$$'], '-${1}$$-${1}$$-'],
  ])('%s %o is %o', (name, args, want) => {
    expect(call(name, ...args)).toStrictEqual(want);
  });

  it('bug fix: "$1W" names a group "1W" (empty), as in Go, not group 1 followed by W', () => {
    expect(call('regexReplaceAll', 'a(x*)b', '-ab-axxb-', '$1W')).toBe('---');
  });

  it('bug fix: an empty match right after a match is not replaced, as in Go', () => {
    expect(call('regexReplaceAll', 'a*', 'baaac', '-')).toBe('-b-c-');
    expect(call('regexReplaceAll', 'x*', 'axxb', '[$0]')).toBe('[]a[xx]b[]');
  });
});

describe('defaults and logic', () => {
  it.each<[string, GoValue[], GoValue]>([
    ['default', ['x', ''], 'x'],
    ['default', ['x'], 'x'],
    ['default', ['x', 0n], 'x'],
    ['default', ['x', 'y'], 'y'],
    ['empty', [''], true],
    ['empty', ['a'], false],
    ['empty', [[]], true],
    ['empty', [{ a: 1 }], false],
    ['coalesce', [0n, '', 'x', 'y'], 'x'],
    ['coalesce', [0n, ''], null],
    ['ternary', ['yes', 'no', true], 'yes'],
    ['ternary', ['yes', 'no', false], 'no'],
  ])('%s %o is %o', (name, args, want) => {
    expect(call(name, ...args)).toStrictEqual(want);
  });

  it('bug fix: ternary requires a bool condition, as its Go signature does', () => {
    expect(() => call('ternary', 'yes', 'no', 'true')).toThrow(exactly('wrong type for value; expected bool; got string'));
  });

  it('fail fails with its message', () => {
    expect(() => call('fail', 'boom')).toThrow(exactly('boom'));
    expect(() => renderGoTemplate('{{ fail "stop here" }}', {})).toThrow(exactly('error calling fail: stop here'));
  });

  it('bug fix: required is Helm\'s, not Sprig\'s: Argo CD does not define it', () => {
    expect(FUNCS.has('required')).toBe(false);
    expect(() => renderGoTemplate('{{ required "need x" .x }}', {})).toThrow(exactly('function "required" not defined (or not supported offline)'));
  });
});

describe('lists', () => {
  it.each<[string, GoValue[], GoValue]>([
    ['list', [1n, 'a'], [1n, 'a']],
    ['first', [['a', 'b']], 'a'],
    ['first', [[]], null],
    ['last', [['a', 'b', 'c']], 'c'],
    ['last', [[]], null],
    ['rest', [['a', 'b', 'c']], ['b', 'c']],
    ['rest', [[]], []],
    ['initial', [['a', 'b', 'c']], ['a', 'b']],
    ['uniq', [['a', 1n, 'a', 1n, 'b', { k: 'v' }, { k: 'v' }]], ['a', 1n, 'b', { k: 'v' }]],
    ['has', ['b', ['a', 'b']], true],
    ['has', ['z', ['a', 'b']], false],
    ['has', [1n, [[1n], 2n]], false],
    ['has', ['a', null], false],
  ])('%s %o is %o', (name, args, want) => {
    expect(call(name, ...args)).toStrictEqual(want);
  });

  it.each<[string, GoValue, string]>([
    ['first', 'abc', 'Cannot find first on type string'],
    ['last', 1n, 'Cannot find last on type int'],
    ['rest', true, 'Cannot find rest on type bool'],
    ['initial', { a: 1 }, 'Cannot find initial on type map'],
    ['uniq', 1.5, 'Cannot find uniq on type float64'],
    ['first', null, 'runtime error: invalid memory address or nil pointer dereference'],
    ['uniq', undefined, 'runtime error: invalid memory address or nil pointer dereference'],
  ])('%s of a non-list fails as Sprig does', (name, a, message) => {
    expect(() => call(name, a)).toThrow(exactly(message));
  });
});

describe('slice (Sprig\'s, which overrides the text/template builtin as functions added to a template do)', () => {
  it.each<[GoValue[], GoValue]>([
    [[['a', 'b', 'c'], 1n], ['b', 'c']],
    [[['a', 'b', 'c'], 0n, 2n], ['a', 'b']],
    [[['a', 'b', 'c'], 3n], []],
    [[['a', 'b', 'c']], ['a', 'b', 'c']],
    [[[], 0n], null],
  ])('slice %o is %o', (args, want) => {
    expect(call('slice', ...args)).toStrictEqual(want);
  });

  it('is the function a template calls', () => {
    expect(() => renderGoTemplate('{{ slice "abc" 1 }}', {})).toThrow(exactly('error calling slice: list should be type of slice or array but string'));
  });

  it.each<[GoValue[], string]>([
    [['abc', 1n], 'list should be type of slice or array but string'],
    [[{ a: 1 }], 'list should be type of slice or array but map'],
    [[['a', 'b', 'c'], 1n, 5n], 'reflect.Value.Slice: slice index out of bounds'],
    [[['a', 'b', 'c'], 2n, 1n], 'reflect.Value.Slice: slice index out of bounds'],
    [[['a', 'b', 'c'], -1n], 'reflect.Value.Slice: slice index out of bounds'],
  ])('bug fix: slice %o fails as in Argo CD: %s', (args, message) => {
    expect(() => call('slice', ...args)).toThrow(exactly(message));
  });
});

describe('dicts', () => {
  it('dict pairs keys (printed with %v) with values; a key without a value maps to ""', () => {
    expect(call('dict', 'a', 1n, 2n, 'b', 'c')).toStrictEqual({ a: 1n, 2: 'b', c: '' });
    expect(call('dict')).toStrictEqual({});
  });

  it('bug fix: dict keeps a nil value nil', () => {
    expect(call('dict', 'a', null)).toStrictEqual({ a: null });
  });

  it.each<[string, GoValue[], GoValue]>([
    ['get', [{ a: 'x' }, 'a'], 'x'],
    ['get', [{ a: 'x' }, 'b'], ''],
    ['get', [null, 'a'], ''],
    ['hasKey', [{ a: null }, 'a'], true],
    ['hasKey', [{ a: 'x' }, 'b'], false],
    ['hasKey', [null, 'a'], false],
    ['keys', [{ a: 1, b: 2 }, null, { c: 3 }], ['a', 'b', 'c']],
    ['values', [{ a: 1, b: 'x' }], [1, 'x']],
    ['values', [null], []],
  ])('%s %o is %o', (name, args, want) => {
    expect(call(name, ...args)).toStrictEqual(want);
  });

  it.each<[string, GoValue[], string]>([
    ['get', ['notamap', 'a'], 'string'],
    ['hasKey', [['a'], 'a'], '[]interface {}'],
    ['keys', [{ a: 1 }, 1n], 'int'],
    ['values', [true], 'bool'],
  ])('%s %o refuses a non-map (a %s), as its Go signature does', (name, args, type) => {
    expect(() => call(name, ...args)).toThrow(exactly(`wrong type for value; expected map[string]interface {}; got ${type}`));
  });
});

describe('JSON and YAML', () => {
  it('bug fix: toJson sorts map keys and escapes <, > and & as encoding/json does; toRawJson does not escape', () => {
    const value = { b: 1n, a: '<&>\u2028', c: [null, undefined, 2.5] };
    expect(call('toJson', value)).toBe('{"a":"\\u003c\\u0026\\u003e\\u2028","b":1,"c":[null,null,2.5]}');
    expect(call('mustToJson', value)).toBe(call('toJson', value));
    expect(call('toRawJson', value)).toBe('{"a":"<&>\\u2028","b":1,"c":[null,null,2.5]}');
    expect(call('toJson', undefined)).toBe('null');
  });

  it('toPrettyJson indents by two spaces, keys sorted', () => {
    expect(call('toPrettyJson', { b: [1n], a: {} })).toBe('{\n  "a": {},\n  "b": [\n    1\n  ]\n}');
  });

  it('fromJson reads JSON into template values; invalid JSON is nil, as Sprig drops the error', () => {
    expect(call('fromJson', '{"a":[1,"x",null]}')).toStrictEqual({ a: [1, 'x', null] });
    expect(call('fromJson', '{oops')).toBeNull();
    expect(renderGoTemplate('{{ fromJson "{oops" }}', {})).toBe('<no value>');
  });

  it('toYaml sorts keys; fromYaml and fromYamlArray read YAML, an empty document as an empty map or list', () => {
    expect(call('toYaml', { b: 1n, c: { d: 'e' } })).toBe('b: 1\nc:\n  d: e\n');
    expect(call('fromYaml', 'a: 1\nb: [x]')).toStrictEqual({ a: 1, b: ['x'] });
    expect(call('fromYaml', '')).toStrictEqual({});
    expect(call('fromYamlArray', '- a\n- 2')).toStrictEqual(['a', 2]);
    expect(call('fromYamlArray', '')).toStrictEqual([]);
  });
});

it('bug fix: toYaml writes a list under a key unindented, as sigs.k8s.io/yaml does', () => {
  expect(call('toYaml', { a: ['x', { y: 1n }] })).toBe('a:\n- x\n- y: 1\n');
});

describe('numbers', () => {
  it.each<[string, GoValue[], GoValue]>([
    ['int', ['12'], 12n],
    ['int64', [3.9], 3n],
    ['float64', ['1.5'], 1.5],
    ['float64', ['-2e3'], -2000],
    ['float64', ['.5'], 0.5],
    ['float64', ['+.5'], 0.5],
    ['float64', ['12.5'], 12.5],
    ['float64', ['1.'], 1],
    ['float64', ['1E2'], 100],
    ['float64', ['1e-2'], 0.01],
    ['float64', [3n], 3],
    ['float64', [2.5], 2.5],
    ['float64', [true], 1],
    ['float64', [false], 0],
    ['float64', [null], 0],
    ['float64', [[1]], 0],
    ['add', [1n, 2n, 3n], 6n],
    ['add', [], 0n],
    ['sub', [5n, 7n], -2n],
    ['mul', [2n, 3n, 4n], 24n],
    ['div', [7n, 2n], 3n],
    ['div', [-7n, 2n], -3n],
    ['mod', [7n, 3n], 1n],
    ['add1', [41n], 42n],
    ['max', [1n, 5n, 3n], 5n],
    ['max', [5n, 5n], 5n],
    ['min', [4n, 2n, 3n], 2n],
    ['min', [2n, 2n], 2n],
  ])('%s %o is %o', (name, args, want) => {
    expect(call(name, ...args)).toStrictEqual(want);
  });

  it('bug fix: float64 of text that is not a number is 0, as spf13/cast gives, not NaN', () => {
    expect(call('float64', 'abc')).toBe(0);
    expect(call('float64', ' 1')).toBe(0);
    expect(call('float64', '1.5x')).toBe(0);
  });

  it('bug fix: div and mod by zero fail as Go integer division panics', () => {
    expect(() => call('div', 1n, 0n)).toThrow(exactly('runtime error: integer divide by zero'));
    expect(() => renderGoTemplate('{{ mod 1 0 }}', {})).toThrow(exactly('error calling mod: runtime error: integer divide by zero'));
  });
});

describe('the function table', () => {
  it('holds the text/template builtins next to the Sprig functions', () => {
    expect(call('len', ['a', 'b'])).toBe(2n);
    expect(call('printf', '%s-%d', 'a', 1n)).toBe('a-1');
  });
});
