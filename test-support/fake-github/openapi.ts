/**
 * OpenAPI checking for the fake GitHub: every request (path, query, body) and every response the fake
 * sends is validated against @octokit/openapi's api.github.com description, so the code under test can
 * only use routes and shapes that the real API documents.
 */
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);
// ajv-formats is CommonJS; its default export arrives wrapped under NodeNext.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => void;

type Json = Record<string, unknown>;

/** Operation is one documented method + path template. */
export interface Operation {
  method: string;
  template: string;
  operationId: string;
  params: Record<string, string>;
  spec: Json;
}

interface Route {
  method: string;
  template: string;
  strict: RegExp;
  greedy: RegExp;
  names: string[];
  literals: number;
}

const SCHEMA_KEY = 'gh';
const SLASHED = new Set(['ref', 'path', 'branch', 'basehead']);

/** OpenApiChecker matches requests to documented operations and validates bodies with ajv. */
export class OpenApiChecker {
  private readonly doc: Json;
  private readonly ajv: Ajv;
  private readonly routes: Route[] = [];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    this.doc = fixNullable(require('@octokit/openapi/generated/api.github.com.json')) as Json;
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateSchema: false });
    addFormats(this.ajv);
    this.ajv.addSchema(this.doc, SCHEMA_KEY);
    this.buildRoutes();
  }

  private buildRoutes(): void {
    const paths = this.doc['paths'] as Record<string, Record<string, unknown>>;
    for (const [template, item] of Object.entries(paths)) {
      const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
      const esc = (s: string) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&');
      const parts = template.split(/\{[^}]+\}/).map(esc);
      const strict = new RegExp(`^${parts.join('([^/]+)')}$`);
      // A trailing `{ref}` (heads/main), `{path}` or `{branch}` may contain slashes; no other parameter does.
      const head = parts.slice(0, -1).map((p, i) => p + (i === parts.length - 2 ? '(.+)' : '([^/]+)'));
      const greedy = SLASHED.has(names.at(-1) ?? '') ? new RegExp(`^${head.join('')}${parts.at(-1)}$`) : strict;
      const literals = template.split('/').filter((s) => s && !s.startsWith('{')).length;
      for (const method of Object.keys(item)) {
        if (['get', 'post', 'put', 'patch', 'delete'].includes(method)) {
          this.routes.push({ method: method.toUpperCase(), template, strict, greedy, names, literals });
        }
      }
    }
    this.routes.sort((a, b) => b.literals - a.literals);
  }

  /** match finds the documented operation for a method and a URL path (undefined when none). */
  match(method: string, pathname: string): Operation | undefined {
    for (const mode of ['strict', 'greedy'] as const) {
      for (const r of this.routes) {
        if (r.method !== method) continue;
        const m = r[mode].exec(pathname);
        if (!m) continue;
        const params: Record<string, string> = {};
        r.names.forEach((n, i) => (params[n] = decodeURIComponent(m[i + 1]!)));
        const spec = (this.doc['paths'] as Record<string, Record<string, Json>>)[r.template]![method.toLowerCase()]!;
        return { method, template: r.template, operationId: String(spec['operationId']), params, spec };
      }
    }
    return undefined;
  }

  /** checkRequest returns the problems of a request (empty when it matches the description). */
  checkRequest(op: Operation, query: URLSearchParams, body: unknown): string[] {
    const problems: string[] = [];
    const params = ((op.spec['parameters'] as Json[] | undefined) ?? []).map((p) => this.deref(p));
    for (const p of params) {
      const name = String(p['name']);
      const value = p['in'] === 'path' ? op.params[name] : p['in'] === 'query' ? query.get(name) ?? undefined : undefined;
      if (p['in'] === 'path' || p['in'] === 'query') {
        if (value === undefined) {
          if (p['required']) problems.push(`missing ${p['in']} parameter ${name}`);
          continue;
        }
        const schema = p['schema'] as Json;
        const typed = schema?.['type'] === 'integer' || schema?.['type'] === 'number' ? Number(value) : schema?.['type'] === 'boolean' ? value === 'true' ? true : value === 'false' ? false : value : value;
        problems.push(...this.validate(schema, typed).map((e) => `${p['in']} ${name}: ${e}`));
      }
    }
    const known = new Set(params.filter((p) => p['in'] === 'query').map((p) => String(p['name'])));
    for (const key of query.keys()) if (!known.has(key)) problems.push(`undocumented query parameter ${key}`);
    const requestBody = op.spec['requestBody'] ? this.deref(op.spec['requestBody'] as Json) : undefined;
    const schema = (requestBody?.['content'] as Record<string, Json> | undefined)?.['application/json']?.['schema'] as Json | undefined;
    if (schema) {
      if (body === undefined && requestBody?.['required']) problems.push('missing request body');
      else if (body !== undefined) {
        problems.push(...this.validate(schema, body).map((e) => `body: ${e}`));
        problems.push(...unknownFields(this.deref(schema), body));
      }
    }
    return problems;
  }

  /** checkResponse validates a JSON response body for a status; undocumented statuses are problems. */
  checkResponse(op: Operation, status: number, body: unknown): string[] {
    const responses = op.spec['responses'] as Record<string, Json>;
    const declared = responses[String(status)];
    if (!declared) return [`status ${status} is not documented for ${op.operationId}`];
    const response = this.deref(declared);
    const schema = (response['content'] as Record<string, Json> | undefined)?.['application/json']?.['schema'] as Json | undefined;
    if (!schema) return body === undefined || body === '' ? [] : [`${op.operationId} ${status} documents no body`];
    return this.validate(schema, body).map((e) => `response ${status}: ${e}`);
  }

  /** schemaOf returns the (dereferenced at the top) JSON response schema of an operation and status. */
  responseSchema(op: Operation, status: number): Json | undefined {
    const declared = (op.spec['responses'] as Record<string, Json>)[String(status)];
    if (!declared) return undefined;
    const content = this.deref(declared)['content'] as Record<string, Json> | undefined;
    return content?.['application/json']?.['schema'] as Json | undefined;
  }

  /** deref follows a local `$ref` chain. */
  deref(node: Json): Json {
    let current = node;
    for (let i = 0; i < 20 && typeof current['$ref'] === 'string'; i++) {
      const pointer = (current['$ref'] as string).slice(2).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
      current = pointer.reduce<Json>((acc, key) => acc[key] as Json, this.doc);
    }
    return current;
  }

  private validate(schema: Json, value: unknown): string[] {
    const key = JSON.stringify(schema);
    let fn = this.compiled.get(key);
    if (!fn) {
      fn = this.ajv.compile(rebase(schema) as Json);
      this.compiled.set(key, fn);
    }
    if (fn(value)) return [];
    return (fn.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
  }
}

/** rebase points the schema's local refs at the registered description. */
function rebase(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(rebase);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: Json = {};
  for (const [k, v] of Object.entries(schema)) {
    out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/') ? `${SCHEMA_KEY}${v}` : rebase(v);
  }
  return out;
}

/** unknownFields lists top-level body fields the operation does not document (GitHub ignores them silently). */
function unknownFields(schema: Json, body: unknown): string[] {
  const props = schema['properties'] as Json | undefined;
  if (!props || body === null || typeof body !== 'object' || Array.isArray(body)) return [];
  return Object.keys(body).filter((k) => !(k in props)).map((k) => `body: undocumented field ${k}`);
}

/**
 * fixNullable rewrites OpenAPI 3.0's `nullable: true` beside allOf/anyOf without `type` (which ajv
 * refuses) into `anyOf: [schema, {type: null}]`; a boolean value tells it from a property named nullable.
 * A nullable `enum` gets `null` among its values: OpenAPI 3.0 allows null there (a check run in progress has
 * `conclusion: null`), but ajv checks the enum before `nullable`.
 */
function fixNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fixNullable);
  if (node === null || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node)) out[k] = fixNullable(v);
  if (typeof out['nullable'] === 'boolean' && !('type' in out)) {
    const { nullable, ...rest } = out;
    return nullable ? { anyOf: [rest, { type: 'null' }] } : rest;
  }
  if (out['nullable'] === true && Array.isArray(out['enum']) && !out['enum'].includes(null)) out['enum'] = [...out['enum'], null];
  return out;
}
