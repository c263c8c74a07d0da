/**
 * funcs: the function table of ApplicationSet Go templates: text/template's builtins, the Sprig functions
 * ApplicationSets use, and Argo CD's own (`normalize`, `slugify`, `toYaml`, `fromYaml`, `fromYamlArray`).
 * Sprig functions that read the clock, the environment, the network or randomness are left out on purpose
 * (offline rendering must be deterministic); a template calling one gets "function not defined".
 */
import { createHash } from 'node:crypto';
import { RE2JS } from 're2js';
import { parse, stringify } from 'yaml';
import { asString, BUILTINS, sprint, toInt, type GoFunc } from './builtins.js';
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
  let slug = sanitizeName(name).replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (max > 0 && slug.length > max) {
    const cut = slug.slice(0, max);
    const boundary = cut.lastIndexOf('-');
    slug = smart && boundary > 0 && slug[max] !== '-' ? cut.slice(0, boundary) : cut;
  }
  return slug.replace(/-+$/, '');
}

/** strval is Sprig's conversion of any value to a string. */
function strval(a: GoValue): string {
  return typeof a === 'string' ? a : printValue(a);
}

function list(a: GoValue): GoValue[] {
  if (Array.isArray(a)) return a;
  if (a === null || a === undefined) return [];
  throw new Error(`cannot iterate over ${goTypeName(a)}`);
}

function regex(pattern: GoValue): RE2JS {
  return RE2JS.compile(asString(pattern));
}

function toJson(a: GoValue): string {
  return JSON.stringify(a, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)) ?? 'null';
}

function plain(a: GoValue): unknown {
  return JSON.parse(toJson(a)) as unknown;
}

function arith(op: (x: bigint, y: bigint) => bigint): GoFunc {
  return (...args) => args.map(toInt).reduce(op);
}

const SPRIG: Record<string, GoFunc> = {
  // strings
  lower: (s) => asString(s).toLowerCase(),
  upper: (s) => asString(s).toUpperCase(),
  title: (s) => asString(s).replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_m, pre: string, c: string) => pre + c.toUpperCase()),
  trim: (s) => asString(s).trim(),
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
  quote: (...args) => args.filter((a) => a !== undefined && a !== null).map((a) => JSON.stringify(strval(a))).join(' '),
  squote: (...args) => args.filter((a) => a !== undefined && a !== null).map((a) => `'${strval(a)}'`).join(' '),
  cat: (...args) => sprint(args.filter((a) => a !== undefined && a !== null)).split(/\s+/).join(' '),
  repeat: (n, s) => asString(s).repeat(Math.max(Number(toInt(n)), 0)),
  nospace: (s) => asString(s).replace(/\s/g, ''),
  indent: (n, s) => indent(Number(toInt(n)), asString(s)),
  nindent: (n, s) => `\n${indent(Number(toInt(n)), asString(s))}`,
  kebabcase: (s) => words(asString(s)).join('-'),
  snakecase: (s) => words(asString(s)).join('_'),
  camelcase: (s) => asString(s).split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(''),
  toString: (a: GoValue) => strval(a),
  split: (sep, s) => Object.fromEntries(asString(s).split(asString(sep)).map((part, i) => [`_${i}`, part])),
  splitList: (sep, s) => asString(s).split(asString(sep)),
  join: (sep, a) => list(a).map(strval).join(asString(sep)),
  regexMatch: (re, s) => regex(re).matcher(asString(s)).find(),
  regexFind: (re, s) => {
    const m = regex(re).matcher(asString(s));
    return m.find() ? m.group() : '';
  },
  regexReplaceAll: (re, s, repl) => regex(re).matcher(asString(s)).replaceAll(asString(repl)),
  regexReplaceAllLiteral: (re, s, repl) => regex(re).matcher(asString(s)).replaceAll(RE2JS.quoteReplacement(asString(repl))),
  b64enc: (s) => Buffer.from(asString(s)).toString('base64'),
  b64dec: (s) => Buffer.from(asString(s), 'base64').toString('utf8'),
  sha256sum: (s) => createHash('sha256').update(asString(s)).digest('hex'),
  sha1sum: (s) => createHash('sha1').update(asString(s)).digest('hex'),
  // defaults and logic
  default: (d, ...given) => (given.length === 0 || !isTrue(given[0]) ? d : given[0]),
  empty: (a) => !isTrue(a),
  coalesce: (...args) => args.find((a) => isTrue(a)) ?? null,
  ternary: (yes, no, cond) => (cond === true ? yes : no),
  required: (message, a) => {
    if (a === undefined || a === null || a === '') throw new Error(asString(message));
    return a;
  },
  fail: (message) => {
    throw new Error(asString(message));
  },
  // lists and dicts
  list: (...args) => args,
  first: (a) => list(a)[0] ?? null,
  last: (a) => list(a)[list(a).length - 1] ?? null,
  rest: (a) => list(a).slice(1),
  initial: (a) => list(a).slice(0, -1),
  uniq: (a) => list(a).filter((v, i, all) => all.findIndex((w) => toJson(w) === toJson(v)) === i),
  has: (needle, a) => list(a).some((v) => toJson(v) === toJson(needle)),
  sortAlpha: (a) => list(a).map(strval).sort(),
  dict: (...args) => Object.fromEntries(Array.from({ length: Math.ceil(args.length / 2) }, (_, i) => [strval(args[2 * i]), args[2 * i + 1] ?? ''])),
  get: (d, key) => (isMap(d) && Object.hasOwn(d, asString(key)) ? d[asString(key)] : ''),
  hasKey: (d, key) => isMap(d) && Object.hasOwn(d, asString(key)),
  keys: (...dicts) => dicts.flatMap((d) => (isMap(d) ? Object.keys(d) : [])),
  values: (d) => (isMap(d) ? Object.values(d) : []),
  // conversions and numbers
  toJson,
  mustToJson: toJson,
  toPrettyJson: (a) => JSON.stringify(plain(a), null, 2),
  toRawJson: toJson,
  fromJson: (s) => toGoValue(JSON.parse(asString(s))),
  toYaml: (a) => stringify(plain(a), { sortMapEntries: true }),
  fromYaml: (s) => toGoValue(parse(asString(s)) ?? {}),
  fromYamlArray: (s) => toGoValue(parse(asString(s)) ?? []),
  int: (a) => toInt(a),
  int64: (a) => toInt(a),
  atoi: (a) => toInt(a),
  float64: (a) => Number(typeof a === 'string' ? a : typeof a === 'bigint' || typeof a === 'number' ? a : 0),
  add: arith((x, y) => x + y),
  sub: arith((x, y) => x - y),
  mul: arith((x, y) => x * y),
  div: arith((x, y) => x / y),
  mod: arith((x, y) => x % y),
  add1: (a) => toInt(a) + 1n,
  max: (...args) => args.map(toInt).reduce((x, y) => (y > x ? y : x)),
  min: (...args) => args.map(toInt).reduce((x, y) => (y < x ? y : x)),
  // Argo CD's additions
  normalize: (s) => sanitizeName(asString(s)),
  slugify,
};

function indent(n: number, s: string): string {
  const pad = ' '.repeat(Math.max(n, 0));
  return pad + s.split('\n').join(`\n${pad}`);
}

function words(s: string): string[] {
  return s
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.toLowerCase());
}

function escapeClass(s: string): string {
  return s.replace(/[\\\]^-]/g, '\\$&');
}

/** FUNCS is every function an ApplicationSet Go template may call here. */
export const FUNCS: ReadonlyMap<string, GoFunc> = new Map(Object.entries({ ...SPRIG, ...BUILTINS }));
