/**
 * funcs: the function table of ApplicationSet Go templates: text/template's builtins, the Sprig functions
 * ApplicationSets use, and Argo CD's own (`normalize`, `slugify`, `toYaml`, `fromYaml`, `fromYamlArray`).
 * Sprig functions that read the clock, the environment, the network or randomness are left out on purpose
 * (offline rendering must be deterministic); a template calling one gets "function not defined".
 */
import { createHash } from 'node:crypto';
import { parse, stringify } from 'yaml';
import { asString, BUILTINS, toInt, type GoFunc } from './builtins.js';
import { lowerCase, pascalCase } from './case.js';
import { atoi, deleteSpace, quote, trimSpace } from './go-strings.js';
import { find, matches, replaceAll } from './regexp.js';
import { goTypeName, isMap, isTrue, printValue, toGoValue, type GoValue } from './values.js';

export type { GoFunc } from './builtins.js';

/** sanitizeName is Argo CD's `normalize` (utils.SanitizeName): a DNS-safe name. */
export function sanitizeName(name: string): string {
  const lowered = name.toLowerCase().replace(/[^-a-z0-9.]/g, '-').slice(0, 253);
  return lowered.replace(/^[-.]+|[-.]+$/g, '');
}

function slugify(...args: GoValue[]): string {
  const name = asString(args[args.length - 1]);
  const max = args.length > 1 ? Number(toInt(args[0])) : 50;
  const smart = args.length > 2 ? isTrue(args[1]) : true;
  // gosimple/slug.Make: without smart truncation it cuts before it collapses and trims the dashes.
  let slug = sanitizeName(name);
  if (!smart && slug.length >= max) slug = slug.slice(0, max);
  // sanitizeName trimmed the ends and the cut keeps the start: only a cut can leave a (single) dash at the end.
  slug = slug.replace(/[^a-z0-9]+/g, '-').replace(/-$/, '');
  if (!smart || max <= 0 || slug.length <= max) return slug;
  // Smart truncation cuts at the last '-' at or before max, or at max inside a single word.
  const boundary = slug.lastIndexOf('-', max);
  return boundary > 0 ? slug.slice(0, boundary) : slug.slice(0, max);
}

/** isNil tells Go's nil (null) and an absent value (undefined) from the other values. */
function isNil(a: GoValue): a is null | undefined {
  return a === null || a === undefined;
}

/** strval is Sprig's conversion of any value to a string (fmt's %v; strings as they are). */
const strval = printValue;

/** list reads the list argument of Sprig's list function `name` (reflect.TypeOf(nil).Kind() panics in Go). */
function list(a: GoValue, name: string): GoValue[] {
  if (Array.isArray(a)) return a;
  if (isNil(a)) throw new Error('runtime error: invalid memory address or nil pointer dereference');
  throw new Error(`Cannot find ${name} on type ${goKind(a)}`);
}

/** dict reads a map[string]interface{} parameter: nil is an empty map, anything else a type error. */
function dict(a: GoValue): { [key: string]: GoValue } {
  if (isNil(a)) return {};
  if (!isMap(a)) throw new Error(`wrong type for value; expected map[string]interface {}; got ${goTypeName(a)}`);
  return a;
}

/** goKind names a value's reflect.Kind, as Sprig's list errors do. */
function goKind(a: GoValue): string {
  return isMap(a) ? 'map' : goTypeName(a);
}

/** repeat is strings.Repeat, which panics on a negative count. */
function repeat(s: string, count: bigint): string {
  if (count < 0n) throw new Error('strings: negative Repeat count');
  return s.repeat(Number(count));
}

/** plain is a value as encoding/json sees it: map keys sorted, Go ints as numbers, a missing value as null. */
function plain(a: GoValue): unknown {
  if (isNil(a)) return null;
  if (typeof a === 'bigint') return Number(a);
  if (Array.isArray(a)) return a.map(plain);
  if (isMap(a)) return Object.fromEntries(Object.keys(a).sort().map((k) => [k, plain(a[k])]));
  return a;
}

/** goJson is Go's json.Marshal(Indent): sorted keys, U+2028/U+2029 escaped, and <, >, & escaped unless `raw`. */
function goJson(a: GoValue, raw: boolean, indent?: number): string {
  const text = JSON.stringify(plain(a), null, indent).replace(/[\u2028\u2029]/g, unicodeEscape);
  return raw ? text : text.replace(/[<>&]/g, unicodeEscape);
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

function toJson(a: GoValue): string {
  return goJson(a, false);
}

/** strslice is Sprig's list-to-strings conversion: nil elements dropped, a single value a one-element list. */
function strslice(a: GoValue): string[] {
  if (isNil(a)) return [];
  if (!Array.isArray(a)) return [strval(a)];
  return a.filter((v) => !isNil(v)).map(strval);
}

function arith(op: (x: bigint, y: bigint) => bigint): GoFunc {
  return (...args) => args.map(toInt).reduce(op);
}

/** divide is Go's integer / and %, which panic on a zero divisor. */
function divide(op: (x: bigint, y: bigint) => bigint): GoFunc {
  return arith((x, y) => {
    if (y === 0n) throw new Error('runtime error: integer divide by zero');
    return op(x, y);
  });
}

/** toFloat is spf13/cast's ToFloat64 as Sprig calls it: what it cannot convert is 0. */
function toFloat(a: GoValue): number {
  if (typeof a === 'number') return a;
  if (typeof a === 'bigint') return Number(a);
  if (typeof a === 'boolean') return a ? 1 : 0;
  if (typeof a === 'string' && /^[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?$/.test(a)) return Number(a);
  return 0;
}

const SPRIG: Record<string, GoFunc> = {
  // strings
  lower: (s) => asString(s).toLowerCase(),
  upper: (s) => asString(s).toUpperCase(),
  // strings.Title: a letter after a separator (ASCII other than letters, digits and '_'; any space) is upper-cased.
  title: (s) => asString(s).replace(/(^|[\0-/:-@[-^`{-\x7f]|\s)(\p{L})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase()),
  trim: (s) => trimSpace(asString(s)),
  trimAll: (cut, s) => asString(s).replace(new RegExp(`^[${escapeClass(asString(cut))}]+|[${escapeClass(asString(cut))}]+$`, 'gu'), ''),
  trimPrefix: (prefix, s) => (asString(s).startsWith(asString(prefix)) ? asString(s).slice(asString(prefix).length) : asString(s)),
  trimSuffix: (suffix, s) => (asString(suffix) !== '' && asString(s).endsWith(asString(suffix)) ? asString(s).slice(0, -asString(suffix).length) : asString(s)),
  replace: (old, replacement, s) => asString(s).split(asString(old)).join(asString(replacement)),
  trunc: (n, s) => {
    const c = Number(toInt(n));
    const str = asString(s);
    return c < 0 ? str.slice(Math.max(str.length + c, 0)) : str.slice(0, c);
  },
  substr: (start, end, s) => {
    const str = asString(s);
    const from = Number(toInt(start));
    const to = Number(toInt(end));
    return from < 0 ? str.slice(0, to) : to < 0 || to > str.length ? str.slice(from) : str.slice(from, to);
  },
  contains: (sub, s) => asString(s).includes(asString(sub)),
  hasPrefix: (prefix, s) => asString(s).startsWith(asString(prefix)),
  hasSuffix: (suffix, s) => asString(s).endsWith(asString(suffix)),
  quote: (...args) => args.filter((a) => !isNil(a)).map((a) => quote(strval(a))).join(' '),
  squote: (...args) => args.filter((a) => !isNil(a)).map((a) => `'${strval(a)}'`).join(' '),
  cat: (...args) => args.filter((a) => !isNil(a)).map(strval).join(' '),
  repeat: (n, s) => repeat(asString(s), toInt(n)),
  nospace: (s) => deleteSpace(asString(s)),
  indent: (n, s) => indent(toInt(n), asString(s)),
  nindent: (n, s) => `\n${indent(toInt(n), asString(s))}`,
  kebabcase: (s) => lowerCase(asString(s), '-'),
  snakecase: (s) => lowerCase(asString(s), '_'),
  camelcase: (s) => pascalCase(asString(s)),
  toString: (a: GoValue) => strval(a),
  split: (sep, s) => Object.fromEntries(asString(s).split(asString(sep)).map((part, i) => [`_${i}`, part])),
  splitList: (sep, s) => asString(s).split(asString(sep)),
  join: (sep, a) => strslice(a).join(asString(sep)),
  regexMatch: (re, s) => matches(asString(re), asString(s)),
  regexFind: (re, s) => find(asString(re), asString(s)),
  regexReplaceAll: (re, s, repl) => replaceAll(asString(re), asString(s), asString(repl), false),
  regexReplaceAllLiteral: (re, s, repl) => replaceAll(asString(re), asString(s), asString(repl), true),
  b64enc: (s) => Buffer.from(asString(s)).toString('base64'),
  b64dec: (s) => Buffer.from(asString(s), 'base64').toString('utf8'),
  sha256sum: (s) => createHash('sha256').update(asString(s)).digest('hex'),
  sha1sum: (s) => createHash('sha1').update(asString(s)).digest('hex'),
  // defaults and logic
  default: (d, ...given) => (isTrue(given[0]) ? given[0] : d),
  empty: (a) => !isTrue(a),
  coalesce: (...args) => args.find((a) => isTrue(a)) ?? null,
  ternary: (yes, no, cond) => {
    if (typeof cond !== 'boolean') throw new Error(`wrong type for value; expected bool; got ${goTypeName(cond)}`);
    return cond ? yes : no;
  },
  fail: (message) => {
    throw new Error(asString(message));
  },
  // lists and dicts
  list: (...args) => args,
  first: (a) => list(a, 'first')[0] ?? null,
  last: (a) => list(a, 'last').at(-1) ?? null,
  rest: (a) => list(a, 'rest').slice(1),
  initial: (a) => list(a, 'initial').slice(0, -1),
  uniq: (a) => list(a, 'uniq').filter((v, i, all) => all.findIndex((w) => toJson(w) === toJson(v)) === i),
  has: (needle, a) => !isNil(a) && list(a, 'has').some((v) => toJson(v) === toJson(needle)),
  slice: sliceList,
  sortAlpha: (a) => (Array.isArray(a) ? strslice(a).sort() : [strval(a)]),
  dict: (...args) => Object.fromEntries(Array.from({ length: Math.ceil(args.length / 2) }, (_, i) => [strval(args[2 * i]), 2 * i + 1 < args.length ? args[2 * i + 1] : ''])),
  get: (d, key) => (Object.hasOwn(dict(d), asString(key)) ? dict(d)[asString(key)] : ''),
  hasKey: (d, key) => Object.hasOwn(dict(d), asString(key)),
  keys: (...dicts) => dicts.flatMap((d) => Object.keys(dict(d))),
  values: (d) => Object.values(dict(d)),
  // conversions and numbers
  toJson,
  mustToJson: toJson,
  toPrettyJson: (a) => goJson(a, false, 2),
  toRawJson: (a) => goJson(a, true),
  fromJson: (s) => fromJson(asString(s)),
  // sigs.k8s.io/yaml (go-yaml v2) writes a sequence under a key without indenting it.
  toYaml: (a) => stringify(plain(a), { indentSeq: false }),
  fromYaml: (s) => toGoValue(parse(asString(s)) ?? {}),
  fromYamlArray: (s) => toGoValue(parse(asString(s)) ?? []),
  int: (a) => toInt(a),
  int64: (a) => toInt(a),
  atoi: (a) => atoi(asString(a)),
  float64: toFloat,
  add: (...args) => args.map(toInt).reduce((x, y) => x + y, 0n),
  sub: arith((x, y) => x - y),
  mul: arith((x, y) => x * y),
  div: divide((x, y) => x / y),
  mod: divide((x, y) => x % y),
  add1: (a) => toInt(a) + 1n,
  max: (...args) => args.map(toInt).reduce((x, y) => (y > x ? y : x)),
  min: (...args) => args.map(toInt).reduce((x, y) => (y < x ? y : x)),
  // Argo CD's additions
  normalize: (s) => sanitizeName(asString(s)),
  slugify,
};

/** sliceList is Sprig's slice: a part of a list (an empty list is nil); strings and other values are refused. */
function sliceList(a: GoValue, ...indices: GoValue[]): GoValue {
  if (!isNil(a) && !Array.isArray(a)) throw new Error(`list should be type of slice or array but ${goKind(a)}`);
  const items = list(a, 'slice');
  if (items.length === 0) return null;
  const start = Number(toInt(indices[0])); // no index: toInt(undefined) is 0
  const end = indices.length > 1 ? Number(toInt(indices[1])) : items.length;
  if (start < 0 || end < start || end > items.length) throw new Error('reflect.Value.Slice: slice index out of bounds');
  return items.slice(start, end);
}

/** fromJson is Sprig's: invalid JSON gives nil (the error is dropped). */
function fromJson(s: string): GoValue {
  try {
    return JSON.parse(s) as GoValue;
  } catch {
    return null;
  }
}

function indent(n: bigint, s: string): string {
  const pad = repeat(' ', n);
  return pad + s.split('\n').join(`\n${pad}`);
}

function escapeClass(s: string): string {
  return s.replace(/[\\\]^-]/g, '\\$&');
}

/**
 * FUNCS is every function an ApplicationSet Go template may call here. Functions added to a template override
 * text/template's builtins of the same name, so Sprig's `slice` (lists only) replaces the builtin one.
 */
export const FUNCS: ReadonlyMap<string, GoFunc> = new Map(Object.entries({ ...BUILTINS, ...SPRIG }));
