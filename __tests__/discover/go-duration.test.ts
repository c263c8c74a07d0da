/**
 * parseGoDuration against Go's own table (src/time/time_test.go, parseDurationTests and parseDurationErrorTests,
 * go1.22): the values Go accepts with their nanoseconds, and the texts Go refuses with its error message.
 */
import { describe, expect, it } from 'vitest';
import { formatSoak, parseGoDuration } from '../../src/discover/go-duration.js';

const ns = 1n;
const us = 1000n * ns;
const ms = 1000n * us;
const s = 1000n * ms;
const m = 60n * s;
const h = 60n * m;
const MAX = (1n << 63n) - 1n;
const MIN = -(1n << 63n);

const accepted: Array<[string, bigint]> = [
  // simple
  ['0', 0n],
  ['5s', 5n * s],
  ['30s', 30n * s],
  ['1478s', 1478n * s],
  // sign
  ['-5s', -5n * s],
  ['+5s', 5n * s],
  ['-0', 0n],
  ['+0', 0n],
  // decimal
  ['5.0s', 5n * s],
  ['5.6s', 5n * s + 600n * ms],
  ['5.s', 5n * s],
  ['.5s', 500n * ms],
  ['1.0s', 1n * s],
  ['1.00s', 1n * s],
  ['1.004s', 1n * s + 4n * ms],
  ['1.0040s', 1n * s + 4n * ms],
  ['100.00100s', 100n * s + 1n * ms],
  // units
  ['10ns', 10n * ns],
  ['11us', 11n * us],
  ['12\u00b5s', 12n * us],
  ['12\u03bcs', 12n * us],
  ['13ms', 13n * ms],
  ['14s', 14n * s],
  ['15m', 15n * m],
  ['16h', 16n * h],
  // composite (the promote-after forms: 24h, 90m, 1h30m)
  ['24h', 24n * h],
  ['90m', 90n * m],
  ['1h30m', 1n * h + 30n * m],
  ['3h30m', 3n * h + 30n * m],
  ['10.5s4m', 4n * m + 10n * s + 500n * ms],
  ['-2m3.4s', -(2n * m + 3n * s + 400n * ms)],
  ['1h2m3s4ms5us6ns', h + 2n * m + 3n * s + 4n * ms + 5n * us + 6n * ns],
  ['39h9m14.425s', 39n * h + 9n * m + 14n * s + 425n * ms],
  ['1.5h', h + 30n * m],
  // large values
  ['52763797000ns', 52763797000n],
  // more than 9 digits after the point (golang.org/issue/6617)
  ['0.3333333333333333333h', 20n * m],
  // 1<<53+1 cannot be held by a float64
  ['9007199254740993ns', (1n << 53n) + 1n],
  // int64 edges
  ['9223372036854775807ns', MAX],
  ['9223372036854775.807us', MAX],
  ['9223372036s854ms775us807ns', MAX],
  ['-9223372036854775808ns', MIN],
  ['-9223372036854775.808us', MIN],
  ['-9223372036s854ms775us808ns', MIN],
  ['-2562047h47m16.854775808s', MIN],
  // huge fraction (golang.org/issue/15011) and the first overflow check of leadingFraction
  ['0.100000000000000000000h', 6n * m],
  ['0.830103483285477580700h', 49n * m + 48n * s + 372539827n * ns],
];

const refused: Array<[string, string]> = [
  ['', 'time: invalid duration ""'],
  ['3', 'time: missing unit in duration "3"'],
  ['-', 'time: invalid duration "-"'],
  ['s', 'time: invalid duration "s"'],
  ['.', 'time: invalid duration "."'],
  ['-.', 'time: invalid duration "-."'],
  ['.s', 'time: invalid duration ".s"'],
  ['+.s', 'time: invalid duration "+.s"'],
  ['1d', 'time: unknown unit "d" in duration "1d"'],
  ['1h 30m', 'time: unknown unit "h " in duration "1h 30m"'],
  ['1H', 'time: unknown unit "H" in duration "1H"'],
  ['24', 'time: missing unit in duration "24"'],
  ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
  ['9223372036854775.808us', 'time: invalid duration "9223372036854775.808us"'],
  ['9223372036854ms775us808ns', 'time: invalid duration "9223372036854ms775us808ns"'],
  ['-9223372036854775809ns', 'time: invalid duration "-9223372036854775809ns"'],
  ['3000000h', 'time: invalid duration "3000000h"'],
  ['99999999999999999999h', 'time: invalid duration "99999999999999999999h"'],
];

describe('parseGoDuration', () => {
  it.each(accepted)('accepts %j as Go does', (text, nanoseconds) => {
    expect(parseGoDuration(text)).toEqual({ ok: true, nanoseconds });
  });

  it.each(refused)('refuses %j with Go\'s message', (text, error) => {
    expect(parseGoDuration(text)).toEqual({ ok: false, error });
  });
});

describe('formatSoak', () => {
  it.each([
    [26 * 3600_000, '26 h'],
    [90 * 60_000, '1 h 30 min'],
    [45 * 60_000 + 59_000, '45 min'],
    [30_000, '30 s'],
    [-5, '0 s'],
  ])('%d ms reads %j', (msValue, text) => {
    expect(formatSoak(msValue)).toBe(text);
  });
});
