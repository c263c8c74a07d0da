/**
 * guards: small type guards for documents read from YAML (no zod, HOUSE-STYLE 3). They accept unknown fields
 * and reject wrong types by throwing a FieldTypeError that names the field path; the caller adds file and line.
 */

/** FieldTypeError says which field has the wrong type. */
export class FieldTypeError extends Error {
  constructor(
    readonly path: (string | number)[],
    readonly expected: string,
  ) {
    super(`${path.join('.')} must be ${expected}`);
    this.name = 'FieldTypeError';
  }
}

/** Obj is a plain YAML mapping. */
export type Obj = Record<string, unknown>;

/** isObj tells whether a value is a YAML mapping. */
export function isObj(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** optObj returns the mapping at `key`, undefined when absent or null. */
export function optObj(parent: Obj, key: string, path: (string | number)[]): Obj | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (!isObj(value)) throw new FieldTypeError([...path, key], 'a mapping');
  return value;
}

/** optString returns the string at `key`, undefined when absent or null. */
export function optString(parent: Obj, key: string, path: (string | number)[]): string | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new FieldTypeError([...path, key], 'a string (quote it)');
  return value;
}

/** reqString returns the non-empty string at `key`. */
export function reqString(parent: Obj, key: string, path: (string | number)[]): string {
  const value = optString(parent, key, path);
  if (value === undefined || value === '') throw new FieldTypeError([...path, key], 'a non-empty string');
  return value;
}

/** optBool returns the boolean at `key`, undefined when absent or null. */
export function optBool(parent: Obj, key: string, path: (string | number)[]): boolean | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw new FieldTypeError([...path, key], 'true or false');
  return value;
}

/** optArray returns the list at `key`, undefined when absent or null. */
export function optArray(parent: Obj, key: string, path: (string | number)[]): unknown[] | undefined {
  const value = parent[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw new FieldTypeError([...path, key], 'a list');
  return value;
}

/** optStringList returns the list of strings at `key`, undefined when absent or null. */
export function optStringList(parent: Obj, key: string, path: (string | number)[]): string[] | undefined {
  const list = optArray(parent, key, path);
  if (list === undefined) return undefined;
  return list.map((item, i) => {
    if (typeof item !== 'string') throw new FieldTypeError([...path, key, i], 'a string (quote it)');
    return item;
  });
}

/** optStringMap returns a mapping whose values are all strings (labels, annotations). */
export function optStringMap(parent: Obj, key: string, path: (string | number)[]): Record<string, string> {
  const map = optObj(parent, key, path);
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(map ?? {})) {
    // Kubernetes rejects non-string label and annotation values (`force-update: true` must be quoted).
    if (typeof v !== 'string') throw new FieldTypeError([...path, key, k], 'a string (quote it)');
    out[k] = v;
  }
  return out;
}
