import { describe, expect, it } from 'vitest';
import { goYamlString, needsQuoting, renderScalar } from '../../src/edit/scalar.js';

describe('needsQuoting', () => {
  const cases: [string, boolean][] = [
    ['v1.2.3', false],
    ['1.2.3', false],
    ['3f2c1ab', false],
    ['asia.gcr.io/acme/api', false],
    ['main-0000000', false],
    [`sha256:${'a'.repeat(64)}`, false],
    ['1.20', true], // float
    ['1e3', true], // float
    ['12e45', true], // commit-SHA-like float
    ['1234567', true], // int
    ['012', true], // octal
    ['0x1F', true], // hex
    ['1_000', true], // YAML 1.1 int
    ['yes', true],
    ['On', true],
    ['n', true],
    ['true', true],
    ['null', true],
    ['~', true],
    ['.inf', true],
    ['1:20', true], // base 60
    ['2024-01-15', true], // timestamp
    ['a: b', true],
    ['a #b', true],
    [' lead', true],
    ['trail ', true],
    ['', true],
    ['*alias', true],
    ['-', true],
    // Bug found by comparing needsQuoting with the Go readers' resolve: go-yaml drops `_` before ParseFloat/ParseInt,
    // so these tags read as numbers in Helm and kustomize; the yaml library reads them as strings.
    ['1e7_', true],
    ['9E_9', true],
    ['0_x1F', true],
    ['0x1p3', true], // go-yaml v2 (Helm): strconv.ParseFloat takes hex floats
    ['0X1.8P-1', true],
    // Each check that only some reader needs, with a value only that check catches.
    ['a\tb', true], // tab: go-yaml's emitter never writes it plain
    ['a\rb', true], // CR is a line break for YAML 1.1 readers
    ['a\nb', true],
    ['\u00a0lead', true], // edge spaces of any kind
    ['trail\u00a0', true],
    ['a,b', true], // flow characters
    ['a[b', true],
    ['a]', true],
    ['a{b}', true],
    ['-a', true], // indicators the yaml library reads as plain text
    ['?a', true],
    [':a', true],
    ['---', true], // document markers
    ['...', true],
    ['---a', true],
    ['...a', true],
    ['a:', true], // a key, or a syntax error
    ['a:b', false],
    ['a#b', false],
    ['v1-rc', false],
    ['a.b_c-d', false],
    // Not quoted: no reader takes these for anything but a string (the old tables over-quoted them).
    ['0b9', false],
    ['0oa', false],
    ['oN', false],
    ['yEs', false],
    ['2024-01-15T10', false],
    ['1.2.3.4', false],
    ['0x1p', false],
    // Each value decides one part of a check alone (found by mutation testing, issue 13).
    ['_1', false], // `_` dropped only in digit-led text: `_1` is no number for any reader
    ['0x1_p3', true], // go-yaml v2 drops `_`, then ParseFloat reads the hex float
    ['0x.8p1', true],
    ['2024-12-01', true], // the last month and the first day are dates
    ['2024-12-31', true],
    ['a-', false],
    ['a---', false], // a document marker only at the start
    ['a...', false],
    ['-0x1p3', true], // signed hex float
    ['0x.88p1', true],
    ['0x1p10', true],
    ['x0x1p3', false],
    ['0x1p3x', false],
  ];
  for (const [value, expected] of cases) {
    it(`${JSON.stringify(value)} -> ${expected}`, () => {
      expect(needsQuoting(value)).toBe(expected);
    });
  }
});

describe('renderScalar keeps the quote style', () => {
  const cases: { style: Parameters<typeof renderScalar>[1]; value: string; out: string }[] = [
    { style: 'PLAIN', value: 'v2', out: 'v2' },
    { style: 'PLAIN', value: '1.20', out: '"1.20"' },
    { style: 'QUOTE_DOUBLE', value: 'v2', out: '"v2"' },
    { style: 'QUOTE_SINGLE', value: "it's", out: "'it''s'" },
    { style: undefined, value: 'yes', out: '"yes"' },
  ];
  for (const c of cases) {
    it(`${c.style} ${c.value}`, () => {
      expect(renderScalar(c.value, c.style)).toBe(c.out);
    });
  }
});

// go-yaml v3 encoder choices (encode.go stringv + emitter analysis), as the updater writes strings.
describe('goYamlString', () => {
  const cases: [string, string][] = [
    ['1.4.2', '1.4.2'],
    ['1.20', '"1.20"'],
    ['1234567', '"1234567"'],
    ['12e45', '"12e45"'],
    ['08', '"08"'], // not an int (bad octal) but a float
    ['yes', '"yes"'],
    ['true', '"true"'],
    ['2024-01-15', '"2024-01-15"'],
    ['2024-13-45', '2024-13-45'], // not a date
    ['1:20', '"1:20"'],
    ['a: b', "'a: b'"],
    ['-x', '-x'],
    ['- x', "'- x'"],
    ['gcr.io/p/app:1@sha256:abc', 'gcr.io/p/app:1@sha256:abc'],
    // yaml.v3 resolve: ints in every base Go's ParseInt(s, 0, 64) takes, `_` dropped first.
    ['0x1F', '"0x1F"'],
    ['0o17', '"0o17"'],
    ['0b101', '"0b101"'],
    ['0_7', '"0_7"'],
    ['+12', '"+12"'],
    ['-7', '"-7"'],
    ['1e999', '1e999'], // ParseFloat overflows: a string
    ['.5', '".5"'],
    // Timestamps only when the date exists.
    ['2024-02-29', '"2024-02-29"'],
    ['2023-02-29', '2023-02-29'],
    ['2024-00-10', '2024-00-10'],
    ['2024-1-5', '"2024-1-5"'],
    ['2024-01-15T10:00:00Z', '"2024-01-15T10:00:00Z"'],
    ['2024-01-15 10:00:00.5', '"2024-01-15 10:00:00.5"'],
    ['2024-01-15T10:00:00.123Z', '"2024-01-15T10:00:00.123Z"'], // a fraction of several digits
    ['2024-01-15T10:00:00+02:00', '"2024-01-15T10:00:00+02:00"'], // zone offsets, either sign
    ['2024-01-15T10:00:00-05:00', '"2024-01-15T10:00:00-05:00"'],
    ['2024-01-15T10:00:00+2:00', '2024-01-15T10:00:00+2:00'], // an offset has two-digit hours and minutes
    ['2024-01-15T10:00:00+02:0', '2024-01-15T10:00:00+02:0'],
    ['2024-01-15T10:00:00x02:00', '2024-01-15T10:00:00x02:00'], // no such zone
    ['190:20:30', '"190:20:30"'], // base 60
    ['1:60', '1:60'],
    ['1:5', '"1:5"'], // one-digit sexagesimal part
    ['1:20.', '"1:20."'], // fraction with no digits
    ['-1:20', '"-1:20"'],
    ['_1', '_1'],
    ['2024-12-01', '"2024-12-01"'],
    ['2024-11-31', '2024-11-31'], // November has 30 days
    ['a-', 'a-'],
    ['+1', '"+1"'],
    ['07', '"07"'], // one-digit octal
    ['0', '"0"'],
    ['+1.5', '"+1.5"'], // signed float
    ['.55', '".55"'],
    ['1e+5', '"1e+5"'], // signed exponent
    ['2024-13-01', '2024-13-01'], // no month 13
    ['2024-01-00', '2024-01-00'], // no day 0
    ['12024-01-15', '12024-01-15'], // a timestamp has a 4-digit year
    ['a1:20', 'a1:20'], // base 60 is digit-led
    // The emitter refuses plain text: single quotes.
    ['---x', "'---x'"],
    ['...x', "'...x'"],
    ['#a', "'#a'"],
    ['&a', "'&a'"],
    ['?', "'?'"],
    [':x', ':x'],
    ['a #b', "'a #b'"],
    ['a:', "'a:'"],
    [' a', "' a'"],
    ['a\tb', "'a\tb'"],
    ["it's", "it's"],
    ['', '""'],
  ];
  // Every special value of yaml.v3's resolve table, and every YAML 1.1 boolean its encoder quotes.
  const special = ['~', 'null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '.inf', '.Inf', '.INF',
    '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '.nan', '.NaN', '.NAN', '<<',
    'y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF'];
  for (const value of special) cases.push([value, JSON.stringify(value)]);
  cases.push(['nULL', 'nULL'], ['yEs', 'yEs'], ['.InF', '.InF']);
  for (const [value, out] of cases) {
    it(`${JSON.stringify(value)} -> ${out}`, () => {
      expect(goYamlString(value)).toBe(out);
    });
  }
});
