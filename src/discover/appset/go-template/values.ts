/**
 * values: how Go's text/template sees the data of an ApplicationSet. Parameters come from JSON/YAML
 * (sigs.k8s.io/yaml), so every number is a float64 (a JS number) and printed as Go's `%v` prints one
 * (`1e+06` for a million); integers made by template literals and functions (`len`, `add`) are Go ints
 * (JS bigint). `undefined` is Go's invalid value (a missing key), printed `<no value>`; `null` is nil.
 */

/** GoValue is a value inside a template execution. */
export type GoValue = string | number | bigint | boolean | null | undefined | GoValue[] | { [key: string]: GoValue };

/** TemplateExecError is a failure while executing a template (Go's "error calling X" / "map has no entry"). */
export class TemplateExecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateExecError';
  }
}

/** isMap tells a Go map (a plain object) from the other values. */
export function isMap(value: GoValue): value is { [key: string]: GoValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** goTypeName names a value's Go type, for error messages. */
export function goTypeName(value: GoValue): string {
  if (value === undefined) return '<no value>';
  if (value === null) return '<nil>';
  if (Array.isArray(value)) return '[]interface {}';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'float64';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    default:
      return 'map[string]interface {}';
  }
}

/** formatFloat prints a float64 as Go's `%v` (strconv 'g', shortest): `1e+06`, `1.5e+07`, `100000`, `0.5`. */
export function formatFloat(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? '+Inf' : '-Inf';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, expText] = value.toExponential().split('e');
  const exp = Number(expText);
  // strconv.FormatFloat(v, 'g', -1, 64): shortest digits, exponent form when exp < -4 or exp >= 6.
  if (exp < -4 || exp >= 6) return goExp(mantissa, exp);
  return String(value);
}

function goExp(mantissa: string, exp: number): string {
  const sign = exp < 0 ? '-' : '+';
  const abs = Math.abs(exp);
  return `${mantissa}e${sign}${abs < 10 ? '0' : ''}${abs}`;
}

/** printValue renders a value as Go's fmt `%v` does (text/template prints action results this way). */
export function printValue(value: GoValue): string {
  if (value === undefined) return '<no value>';
  if (value === null) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(printValue).join(' ')}]`;
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return formatFloat(value);
    case 'bigint':
    case 'boolean':
      return String(value);
    default:
      return `map[${Object.keys(value)
        .sort()
        .map((k) => `${k}:${printValue(value[k])}`)
        .join(' ')}]`;
  }
}

/** isTrue is Go's template truth: false, 0, nil, a missing value and empty strings, lists and maps are false. */
export function isTrue(value: GoValue): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  switch (typeof value) {
    case 'string':
      return value.length > 0;
    case 'number':
      return value !== 0;
    case 'bigint':
      return value !== 0n;
    case 'boolean':
      return value;
    default:
      return Object.keys(value).length > 0;
  }
}

/** toGoValue turns parsed JSON/YAML data into template values (numbers stay float64, as sigs.k8s.io/yaml makes them). */
export function toGoValue(data: unknown): GoValue {
  if (data === undefined || data === null) return null;
  if (Array.isArray(data)) return data.map(toGoValue);
  if (data instanceof Date) return data.toISOString();
  switch (typeof data) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
      return data;
    case 'object': {
      const out: { [key: string]: GoValue } = {};
      for (const [k, v] of Object.entries(data as object)) out[k] = toGoValue(v);
      return out;
    }
    default:
      return String(data);
  }
}
