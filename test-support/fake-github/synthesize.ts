/**
 * Building schema-valid response bodies: GitHub's objects (pull requests, repositories, users) have
 * dozens of required fields. The fake fills the required ones from the OpenAPI schema with neutral
 * values and overlays the fields it really tracks, then validates the result like any other response.
 */
type Json = Record<string, unknown>;

/** Deref resolves a local `$ref` node. */
export type Deref = (node: Json) => Json;

const FORMAT_VALUES: Record<string, string> = {
  uri: 'https://github.example/x',
  'uri-template': 'https://github.example/x{/y}',
  'date-time': '2024-01-01T00:00:00Z',
  email: 'octocat@example.com',
  date: '2024-01-01',
};

/** synthesize returns a minimal value valid for the schema (required properties only). */
export function synthesize(schemaIn: Json, deref: Deref, depth = 0): unknown {
  const schema = deref(schemaIn);
  if (depth > 12) return null;
  if (Array.isArray(schema['allOf'])) {
    return Object.assign({}, ...(schema['allOf'] as Json[]).map((s) => synthesize(s, deref, depth + 1)));
  }
  const alternatives = (schema['oneOf'] ?? schema['anyOf']) as Json[] | undefined;
  if (alternatives) return synthesize(alternatives[0]!, deref, depth + 1);
  // A non-null value satisfies both the nullable and the non-nullable variants of a shared shape.
  if (Array.isArray(schema['enum'])) return (schema['enum'] as unknown[])[0];
  switch (schema['type']) {
    case 'object':
      return synthesizeObject(schema, deref, depth);
    case 'array':
      return [];
    case 'integer':
    case 'number':
      return typeof schema['minimum'] === 'number' ? schema['minimum'] : 1;
    case 'boolean':
      return false;
    case 'string':
      return synthesizeString(schema);
    default:
      return schema['properties'] ? synthesizeObject(schema, deref, depth) : null;
  }
}

function synthesizeObject(schema: Json, deref: Deref, depth: number): Json {
  const props = (schema['properties'] ?? {}) as Record<string, Json>;
  const out: Json = {};
  for (const key of (schema['required'] ?? []) as string[]) {
    out[key] = props[key] ? synthesize(props[key], deref, depth + 1) : 'x';
  }
  return out;
}

function synthesizeString(schema: Json): string {
  const format = schema['format'];
  if (typeof format === 'string' && FORMAT_VALUES[format]) return FORMAT_VALUES[format];
  const min = typeof schema['minLength'] === 'number' ? schema['minLength'] : 1;
  return '0'.repeat(Math.max(min, 1));
}

/** overlay deep-merges real values over a synthesized skeleton (arrays and scalars replace). */
export function overlay(base: unknown, real: unknown): unknown {
  if (real === undefined) return base;
  if (!isObject(base) || !isObject(real)) return real;
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(real)) out[k] = overlay(base[k], v);
  return out;
}

function isObject(v: unknown): v is Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
