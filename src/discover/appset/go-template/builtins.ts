/**
 * builtins: Go text/template's own functions (and, or, not, len, index, print, printf, println, eq, ne, lt, le,
 * gt, ge, slice) with Go's argument rules: comparisons only between values of one basic kind.
 */
import { formatFloat, goTypeName, isMap, isTrue, printValue, type GoValue } from './values.js';
import { quote } from './go-strings.js';

/** GoFunc is a template function. */
export type GoFunc = (...args: GoValue[]) => GoValue;

/** BUILTINS are text/template's predefined functions. */
export const BUILTINS: Record<string, GoFunc> = {
  and: (...args) => args.find((a) => !isTrue(a)) ?? args[args.length - 1],
  or: (...args) => args.find((a) => isTrue(a)) ?? args[args.length - 1],
  not: (a) => !isTrue(a),
  len: (a) => BigInt(lengthOf(a)),
  index,
  slice: (a, ...idx) => {
    const [from, to] = idx.map((i) => Number(toInt(i)));
    if (typeof a === 'string') return a.slice(from ?? 0, to);
    if (Array.isArray(a)) return a.slice(from ?? 0, to);
    throw new Error(`can't slice item of type ${goTypeName(a)}`);
  },
  print: (...args) => sprint(args),
  println: (...args) => args.map(printValue).join(' ') + '\n',
  printf: (format, ...args) => sprintf(asString(format), args),
  eq: (a, ...others) => others.some((b) => compare(a, b) === 0),
  ne: (a, b) => compare(a, b) !== 0,
  lt: (a, b) => ordered(a, b) < 0,
  le: (a, b) => ordered(a, b) <= 0,
  gt: (a, b) => ordered(a, b) > 0,
  ge: (a, b) => ordered(a, b) >= 0,
};

function lengthOf(a: GoValue): number {
  if (typeof a === 'string') return new TextEncoder().encode(a).length;
  if (Array.isArray(a)) return a.length;
  if (isMap(a)) return Object.keys(a).length;
  throw new Error(`len of type ${goTypeName(a)}`);
}

function index(item: GoValue, ...keys: GoValue[]): GoValue {
  let value = item;
  for (const key of keys) {
    if (Array.isArray(value) || typeof value === 'string') {
      const i = Number(toInt(key));
      if (i < 0 || i >= value.length) throw new Error(`index out of range: ${i}`);
      value = Array.isArray(value) ? value[i] : BigInt(value.charCodeAt(i));
    } else if (isMap(value)) {
      if (typeof key !== 'string') throw new Error(`value has type ${goTypeName(key)}; should be string`);
      value = Object.hasOwn(value, key) ? value[key] : null;
    } else if (value === null || value === undefined) {
      throw new Error('index of untyped nil');
    } else throw new Error(`can't index item of type ${goTypeName(value)}`);
  }
  return value;
}

/** toInt reads an integer argument (Go int, or a float64 with no fraction, as Sprig's cast does). */
export function toInt(a: GoValue): bigint {
  if (typeof a === 'bigint') return a;
  if (typeof a === 'number' && Number.isFinite(a)) return BigInt(Math.trunc(a));
  if (typeof a === 'string' && /^[-+]?\d+$/.test(a.trim())) return BigInt(a.trim());
  if (typeof a === 'boolean') return a ? 1n : 0n;
  if (a === null || a === undefined || typeof a === 'string') return 0n;
  throw new Error(`cannot convert ${goTypeName(a)} to int`);
}

/** asString requires a string argument, as Go's typed function parameters do. */
export function asString(a: GoValue): string {
  if (typeof a !== 'string') throw new Error(`wrong type for value; expected string; got ${goTypeName(a)}`);
  return a;
}

/** sprint is Go's fmt.Sprint: operands are separated by a space when neither side is a string. */
export function sprint(args: GoValue[]): string {
  let out = '';
  args.forEach((arg, i) => {
    if (i > 0 && typeof arg !== 'string' && typeof args[i - 1] !== 'string') out += ' ';
    out += printValue(arg);
  });
  return out;
}

/** sprintf implements the verbs ApplicationSet templates use: %s %v %d %q %f %t %x %%. */
export function sprintf(format: string, args: GoValue[]): string {
  let next = 0;
  return format.replace(/%([-+# 0]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g, (_all, flags: string, width: string | undefined, precision: string | undefined, verb: string) => {
    if (verb === '%') return '%';
    if (next >= args.length) return `%!${verb}(MISSING)`;
    const text = formatVerb(verb, args[next++], precision === undefined ? undefined : Number(precision));
    const size = width === undefined ? 0 : Number(width);
    if (text.length >= size) return text;
    const pad = (flags.includes('0') && !flags.includes('-') ? '0' : ' ').repeat(size - text.length);
    return flags.includes('-') ? text + pad : pad + text;
  });
}

function formatVerb(verb: string, arg: GoValue, precision: number | undefined): string {
  switch (verb) {
    case 'v':
      return printValue(arg);
    case 's':
      return formatString(arg);
    case 'd':
      return typeof arg === 'bigint' ? String(arg) : badVerb(verb, arg);
    case 'q':
      return quote(printValue(arg));
    case 'f':
      return typeof arg === 'number' ? arg.toFixed(precision ?? 6) : badVerb(verb, arg);
    case 't':
      return typeof arg === 'boolean' ? String(arg) : badVerb(verb, arg);
    case 'x':
      return typeof arg === 'bigint' ? arg.toString(16) : Buffer.from(printValue(arg)).toString('hex');
    default:
      return badVerb(verb, arg);
  }
}

/** formatString is Go's %s: strings as they are, lists and maps element by element, any other operand a bad verb. */
function formatString(arg: GoValue): string {
  if (typeof arg === 'string') return arg;
  if (Array.isArray(arg)) return `[${arg.map(formatString).join(' ')}]`;
  if (isMap(arg)) {
    const keys = Object.keys(arg).sort();
    return `map[${keys.map((k) => `${k}:${formatString(arg[k])}`).join(' ')}]`;
  }
  return badVerb('s', arg);
}

/** badVerb is fmt's `%!verb(type=value)` for an operand the verb does not take (`%!verb(<nil>)` for nil). */
function badVerb(verb: string, arg: GoValue): string {
  if (arg === null || arg === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${goTypeName(arg)}=${printValue(arg)})`;
}

type Kind = 'string' | 'int' | 'float' | 'bool' | 'nil' | 'other';

function kindOf(a: GoValue): Kind {
  if (a === undefined || a === null) return 'nil';
  if (typeof a === 'string') return 'string';
  if (typeof a === 'bigint') return 'int';
  if (typeof a === 'number') return 'float';
  if (typeof a === 'boolean') return 'bool';
  return 'other';
}

/** compare returns 0 when equal; values of different basic kinds are an error, as in Go's eq. */
function compare(a: GoValue, b: GoValue): number {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === 'nil' || kb === 'nil') return ka === kb ? 0 : 1;
  if (ka !== kb) throw new Error('incompatible types for comparison');
  if (ka === 'other') throw new Error(`non-comparable type ${printValue(a)}: ${goTypeName(a)}`);
  return a === b ? 0 : 1;
}

function ordered(a: GoValue, b: GoValue): number {
  const ka = kindOf(a);
  if (ka !== kindOf(b)) throw new Error('incompatible types for comparison');
  if (ka === 'bool' || ka === 'nil' || ka === 'other') throw new Error('invalid type for comparison');
  const x = a as string | number | bigint;
  const y = b as string | number | bigint;
  return x < y ? -1 : x > y ? 1 : 0;
}

/** floatText prints a float argument for Sprig string conversions. */
export function floatText(a: number): string {
  return formatFloat(a);
}
