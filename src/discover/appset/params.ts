/**
 * params: ApplicationSet generator parameters and the operations Argo CD applies to them: flattening to
 * dotted keys (jeremywohl/flatten DotStyle + `%v`), label-selector matching on the flattened set, the
 * fasttemplate `{{param}}` replacement, and the merges that matrix and merge generators do.
 */
import { formatFloat } from './go-template/values.js';

/** Params is one parameter set (Go `map[string]any`). */
export type Params = Record<string, unknown>;

/** goString prints a parameter value as Go's `%v` does. */
export function goString(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'number') return formatFloat(value);
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return `[${value.map(goString).join(' ')}]`;
  if (typeof value === 'object') {
    const obj = value as Params;
    return `map[${Object.keys(obj).sort().map((k) => `${k}:${goString(obj[k])}`).join(' ')}]`;
  }
  return String(value);
}

/**
 * flattenParams flattens nested maps and lists to dotted keys (`a.b`, `list.0`) with `%v` values, as Argo CD's
 * jeremywohl/flatten DotStyle does: an empty map or list yields no key at all.
 */
export function flattenParams(params: Params): Record<string, string> {
  const out: Record<string, string> = {};
  flattenInto(params, '', true, out);
  return out;
}

function flattenInto(nested: Params | unknown[], prefix: string, top: boolean, out: Record<string, string>): void {
  // Object.entries of a list gives its indexes as keys: `list.0`, `list.1`.
  for (const [key, value] of Object.entries(nested)) {
    const name = top ? key : `${prefix}.${key}`;
    if (value !== null && typeof value === 'object') flattenInto(value as Params | unknown[], name, false, out);
    else out[name] = goString(value);
  }
}

/** LabelSelector is a Kubernetes label selector (`matchLabels`, `matchExpressions`). */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** matchesSelector applies a generator's `selector` to one flattened parameter set. */
export function matchesSelector(selector: LabelSelector, flat: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (flat[key] !== value) return false;
  }
  for (const expr of selector.matchExpressions ?? []) {
    const values = expr.values ?? [];
    const has = Object.hasOwn(flat, expr.key);
    const inValues = has && values.includes(flat[expr.key]);
    checkValues(expr.operator, expr.key, values);
    switch (expr.operator) {
      case 'In':
        if (!inValues) return false;
        break;
      case 'NotIn':
        if (inValues) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        throw new Error(`selector operator "${expr.operator}" is not one of In, NotIn, Exists, DoesNotExist`);
    }
  }
  return true;
}

/** checkValues refuses what Kubernetes' NewRequirement refuses: In / NotIn without values, Exists / DoesNotExist with them. */
function checkValues(operator: string, key: string, values: readonly string[]): void {
  if ((operator === 'In' || operator === 'NotIn') && values.length === 0) throw new Error(`selector operator ${operator} on key "${key}" needs values`);
  if ((operator === 'Exists' || operator === 'DoesNotExist') && values.length > 0) throw new Error(`selector operator ${operator} on key "${key}" takes no values`);
}

/**
 * fastReplace is Argo CD's default (non-Go) templating: `{{ key }}` becomes the string parameter `key`;
 * a tag that names no string parameter is left as written.
 */
export function fastReplace(text: string, params: Params): string {
  if (!text.includes('{{')) return text;
  let out = '';
  let pos = 0;
  for (;;) {
    const open = text.indexOf('{{', pos);
    if (open < 0) break;
    const close = text.indexOf('}}', open + 2);
    if (close < 0) break;
    const tag = text.slice(open + 2, close);
    const value = params[tag.trim()];
    out += text.slice(pos, open) + (tag.trim() !== '' && typeof value === 'string' ? value : `{{${tag}}}`);
    pos = close + 2;
  }
  return out + text.slice(pos);
}

/** mergeOverride deep-merges `override` onto `base` (mergo.Merge WithOverride): maps merge, other values replace. */
export function mergeOverride(base: Params, override: Params): Params {
  const out: Params = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = out[key];
    if (isPlain(current) && isPlain(value)) out[key] = mergeOverride(current, value);
    else if (!isEmpty(value) || !(key in out)) out[key] = value;
  }
  return out;
}

/** fillDefaults fills what `dest` leaves empty from `src` (mergo.Merge without override: per-generator templates). */
export function fillDefaults(dest: Params, src: Params): Params {
  const out: Params = { ...dest };
  for (const [key, value] of Object.entries(src)) {
    const current = out[key];
    if (isPlain(current) && isPlain(value)) out[key] = fillDefaults(current, value);
    else if (isEmpty(current)) out[key] = value;
  }
  return out;
}

/** isPlain tells a mapping from the other values. */
export function isPlain(value: unknown): value is Params {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || value === '' || value === false || value === 0 || (Array.isArray(value) && value.length === 0);
}

/** combineStringMaps joins two fasttemplate parameter sets; one key with two values is an error (utils.CombineStringMaps). */
export function combineStringMaps(a: Params, b: Params): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(a)) out[k] = goString(v);
  for (const [k, v] of Object.entries(b)) {
    const text = goString(v);
    if (k in out && out[k] !== text) throw new Error(`found duplicate key ${k} with different value, a: ${String(out[k])} ,b: ${text}`);
    out[k] = text;
  }
  return out;
}
