/**
 * go-duration: Go's `time.ParseDuration`, byte for byte in what it accepts, for `promote-after` (issue 12).
 * Port of https://cs.opensource.google/go/go/+/refs/tags/go1.22.0:src/time/format.go;l=1589 (ParseDuration,
 * leadingInt, leadingFraction): `[-+]?([0-9]*(\.[0-9]*)?[a-z]+)+`, units ns, us, µs (U+00B5), μs (U+03BC), ms, s,
 * m, h; a bare "0" (signed or not) is zero; anything else needs a unit; the total must fit an int64 of nanoseconds.
 * Nanoseconds are counted in bigint so the int64 edges behave as in Go; a fraction is scaled through float64 as Go
 * does (`0.3333333333333333333h` is exactly 20m). Error texts quote the input with strconv.Quote, as Go's do.
 */
import { quote } from './appset/go-template/go-strings.js';

/** GoDurationResult is a parsed duration in nanoseconds, or Go's error text. */
export type GoDurationResult = { ok: true; nanoseconds: bigint } | { ok: false; error: string };

const NS = 1n;
const UNITS: Readonly<Record<string, bigint>> = {
  ns: NS,
  us: 1000n * NS,
  '\u00b5s': 1000n * NS,
  '\u03bcs': 1000n * NS,
  ms: 1_000_000n * NS,
  s: 1_000_000_000n * NS,
  m: 60_000_000_000n * NS,
  h: 3_600_000_000_000n * NS,
};
const LIMIT = 1n << 63n;

/** parseGoDuration parses a Go duration string (`24h`, `90m`, `1h30m`, `1.5h`); errors carry Go's message. */
export function parseGoDuration(text: string): GoDurationResult {
  const invalid = { ok: false as const, error: `time: invalid duration ${quote(text)}` };
  let s = text;
  let neg = false;
  if (s !== '' && (s[0] === '-' || s[0] === '+')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (s === '0') return { ok: true, nanoseconds: 0n };
  if (s === '') return invalid;
  let total = 0n;
  while (s !== '') {
    const part = parseComponent(s, text);
    if (!part.ok) return part.error === '' ? invalid : { ok: false, error: part.error };
    total += part.value;
    if (total > LIMIT) return invalid;
    s = part.rest;
  }
  if (neg) return { ok: true, nanoseconds: -total };
  if (total > LIMIT - 1n) return invalid;
  return { ok: true, nanoseconds: total };
}

type Component = { ok: true; value: bigint; rest: string } | { ok: false; error: string };

/** parseComponent reads one `[0-9]*(\.[0-9]*)?unit`; error "" means Go's plain "invalid duration". */
function parseComponent(input: string, orig: string): Component {
  if (!(input[0] === '.' || isDigit(input[0]))) return { ok: false, error: '' };
  const whole = leadingInt(input);
  if (whole === undefined) return { ok: false, error: '' };
  let s = whole.rest;
  const pre = s.length !== input.length;
  let fraction = { value: 0n, scale: 1, rest: s };
  let post = false;
  if (s !== '' && s[0] === '.') {
    fraction = leadingFraction(s.slice(1));
    post = fraction.rest.length !== s.length - 1;
    s = fraction.rest;
  }
  if (!pre && !post) return { ok: false, error: '' };
  let i = 0;
  while (i < s.length && s[i] !== '.' && !isDigit(s[i])) i++;
  if (i === 0) return { ok: false, error: `time: missing unit in duration ${quote(orig)}` };
  const name = s.slice(0, i);
  const unit = UNITS[name];
  if (unit === undefined) return { ok: false, error: `time: unknown unit ${quote(name)} in duration ${quote(orig)}` };
  if (whole.value > LIMIT / unit) return { ok: false, error: '' };
  let value = whole.value * unit;
  if (fraction.value > 0n) {
    // Go: v += uint64(float64(f) * (float64(unit) / scale)); float64 keeps fractions of hours ns-accurate.
    value += BigInt(Math.trunc(Number(fraction.value) * (Number(unit) / fraction.scale)));
    if (value > LIMIT) return { ok: false, error: '' };
  }
  return { ok: true, value, rest: s.slice(i) };
}

/** leadingInt is Go's: the leading digits as an integer; undefined on overflow past 1<<63. */
function leadingInt(s: string): { value: bigint; rest: string } | undefined {
  let i = 0;
  let x = 0n;
  for (; i < s.length && isDigit(s[i]); i++) {
    if (x > LIMIT / 10n) return undefined;
    x = x * 10n + BigInt(s.charCodeAt(i) - 48);
    if (x > LIMIT) return undefined;
  }
  return { value: x, rest: s.slice(i) };
}

/** leadingFraction is Go's: digits after the point; past int64 precision further digits are skipped, not errors. */
function leadingFraction(s: string): { value: bigint; scale: number; rest: string } {
  let i = 0;
  let x = 0n;
  let scale = 1;
  let overflow = false;
  for (; i < s.length && isDigit(s[i]); i++) {
    if (overflow) continue;
    if (x > (LIMIT - 1n) / 10n) {
      overflow = true;
      continue;
    }
    const y = x * 10n + BigInt(s.charCodeAt(i) - 48);
    if (y > LIMIT) {
      overflow = true;
      continue;
    }
    x = y;
    scale *= 10;
  }
  return { value: x, scale, rest: s.slice(i) };
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

/** formatSoak renders a duration in milliseconds the way reports say it: `26 h`, `1 h 30 min`, `45 min`, `30 s`. */
export function formatSoak(ms: number): string {
  const totalMinutes = Math.floor(Math.max(0, ms) / 60_000);
  const hours = Math.floor(totalMinutes / 60);
  const minutes = totalMinutes % 60;
  if (hours > 0) return minutes > 0 ? `${hours} h ${minutes} min` : `${hours} h`;
  if (minutes > 0) return `${minutes} min`;
  return `${Math.floor(Math.max(0, ms) / 1000)} s`;
}
