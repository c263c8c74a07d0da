/**
 * registries.conf, argocd-image-updater's registry configuration (ARGOCD-IMAGE-UPDATER.md 4), parsed
 * strictly as the updater does: an unknown key is an error, named with its line. YAML 1.1 rules apply
 * (the updater reads it with go-yaml, so `ping: yes` is a boolean).
 */
import { LineCounter, isMap, isScalar, isSeq, parseDocument, type Node, type Pair, type YAMLMap } from 'yaml';
import { ConfigError } from '../errors.js';
import type { Endpoint, TagSortMode } from './client.js';

/** RegistriesConf is the parsed file: one endpoint per entry, and the host of the `default: true` entry. */
export interface RegistriesConf {
  endpoints: Endpoint[];
  /** Host of the entry marked `default: true`: it serves images named without a registry. */
  defaultHost?: string;
  /** Settings that were read but cannot take effect here (e.g. `ca_file`), one sentence each. */
  warnings: string[];
}

// The keys of the updater's RegistryConfiguration (registry/config.go); `ca_file`/`ca_data` came in 1.3.
// Our extensions (the updater would refuse them): cache hints for the cache-file (README "Warm cache").
const EXTENSION_KEYS = ['immutabletags', 'tagttl'];
const KNOWN_KEYS = new Set(['name', 'api_url', 'prefix', 'ping', 'credentials', 'credsexpire', 'insecure', 'defaultns', 'default', 'limit', 'tagsortmode', 'ca_file', 'ca_data', ...EXTENSION_KEYS]);
const TAG_SORT_MODES: readonly TagSortMode[] = ['none', 'latest-first', 'latest-last'];
const FIX = 'See the registries.conf reference in the README (the argocd-image-updater format).';

/** Entry is one `registries:` item as plain values, with its line for messages. */
type Entry = Map<string, { value: unknown; line: number }> & { line: number };

/** parseRegistriesConf parses registries.conf `text`; `origin` (a path or "input 'registries-config'") names it in errors. */
export function parseRegistriesConf(text: string, origin: string): RegistriesConf {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { version: '1.1', lineCounter, uniqueKeys: true });
  const lineOf = (node: Node | null | undefined): number => (node?.range ? lineCounter.linePos(node.range[0]).line : 1);
  const fail = (message: string, line: number): never => {
    throw new ConfigError(message, { file: origin, line, fix: FIX });
  };
  const firstError = doc.errors[0];
  if (firstError) fail(`registries.conf is not valid YAML: ${firstError.message.split('\n')[0]}`, firstError.linePos?.[0].line ?? 1);
  const root = doc.contents;
  if (root === null || (isScalar(root) && root.value === null)) return { endpoints: [], warnings: [] };
  if (!isMap(root)) return fail('registries.conf must be a mapping with the key `registries`', lineOf(root));
  let items: Node | null = null;
  for (const pair of root.items as Pair<Node, Node>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    if (key !== 'registries') fail(`unknown key \`${key}\` in registries.conf (only \`registries\` is allowed at the top)`, lineOf(pair.key));
    items = pair.value;
  }
  if (items === null || (isScalar(items) && items.value === null)) return { endpoints: [], warnings: [] };
  if (!isSeq(items)) return fail('`registries` must be a list of registry entries', lineOf(items));
  const entries = (items.items as Node[]).map((node) => readEntry(node, lineOf, fail));
  return buildConf(entries, fail);
}

function readEntry(node: Node, lineOf: (n: Node | null | undefined) => number, fail: (m: string, l: number) => never): Entry {
  if (!isMap(node)) return fail('each entry of `registries` must be a mapping (name, api_url, prefix, ...)', lineOf(node));
  const entry = Object.assign(new Map<string, { value: unknown; line: number }>(), { line: lineOf(node) });
  for (const pair of (node as YAMLMap<Node, Node>).items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : '';
    const line = lineOf(pair.key);
    if (!KNOWN_KEYS.has(key)) fail(`unknown key \`${key}\` in registries.conf entry (allowed: ${[...KNOWN_KEYS].join(', ')})`, line);
    if (pair.value !== null && !isScalar(pair.value)) fail(`\`${key}\` must be a single value, not a list or mapping`, line);
    entry.set(key, { value: isScalar(pair.value) ? pair.value.value : null, line });
  }
  return entry;
}

function buildConf(entries: Entry[], fail: (m: string, l: number) => never): RegistriesConf {
  const endpoints: Endpoint[] = [];
  const warnings: string[] = [];
  const seenHosts = new Map<string, number>();
  let defaultEntry: { host: string; line: number } | undefined;
  for (const entry of entries) {
    const endpoint = toEndpoint(entry, fail);
    const previous = seenHosts.get(endpoint.host);
    if (previous !== undefined) fail(`two registries.conf entries have the prefix \`${endpoint.host}\` (the other is on line ${previous})`, entry.line);
    seenHosts.set(endpoint.host, entry.line);
    if (boolean(entry, 'default', fail)) {
      if (defaultEntry) fail(`two registries.conf entries say \`default: true\` (the other is on line ${defaultEntry.line}); at most one may`, entry.get('default')?.line ?? entry.line);
      defaultEntry = { host: endpoint.host, line: entry.line };
    }
    for (const key of ['ca_file', 'ca_data']) {
      if (entry.has(key)) warnings.push(`registries.conf line ${entry.get(key)?.line}: \`${key}\` is not applied by this action; give the CA through NODE_EXTRA_CA_CERTS instead.`);
    }
    endpoints.push(endpoint);
  }
  return defaultEntry ? { endpoints, defaultHost: defaultEntry.host, warnings } : { endpoints, warnings };
}

function toEndpoint(entry: Entry, fail: (m: string, l: number) => never): Endpoint {
  string(entry, 'name', fail, true);
  boolean(entry, 'ping', fail); // read for its type only: the updater always pings /v2/ anyway
  const apiUrl = readApiUrl(entry, fail);
  const prefix = string(entry, 'prefix', fail);
  const endpoint: Endpoint = {
    host: prefix ?? new URL(apiUrl).host,
    apiUrl,
    insecure: boolean(entry, 'insecure', fail),
    tagSortMode: readTagSortMode(entry, fail),
  };
  const defaultns = string(entry, 'defaultns', fail);
  if (defaultns) endpoint.defaultns = defaultns;
  const limit = readLimit(entry, fail);
  if (limit !== undefined) endpoint.limit = limit;
  const credentials = string(entry, 'credentials', fail);
  if (credentials) endpoint.credentials = credentials;
  const credsexpire = string(entry, 'credsexpire', fail);
  if (credsexpire) endpoint.credsExpireMs = parseGoDuration(credsexpire) ?? fail(`\`credsexpire: ${credsexpire}\` is not a Go duration such as 30m or 5h`, entry.get('credsexpire')?.line ?? entry.line);
  if (boolean(entry, 'immutabletags', fail)) endpoint.immutableTags = true;
  const tagttl = string(entry, 'tagttl', fail);
  if (tagttl) endpoint.tagTtlMs = parseGoDuration(tagttl) ?? fail(`\`tagttl: ${tagttl}\` is not a Go duration such as 30m or 5h`, entry.get('tagttl')?.line ?? entry.line);
  return endpoint;
}

function readApiUrl(entry: Entry, fail: (m: string, l: number) => never): string {
  const raw = string(entry, 'api_url', fail, true) as string;
  const line = entry.get('api_url')?.line ?? entry.line;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return fail(`\`api_url: ${raw}\` is not a URL such as https://gcr.io`, line);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(`\`api_url: ${raw}\` must start with https:// or http://`, line);
  // The updater strips trailing slashes (registry/config.go: strings.TrimSuffix(api_url, "/")).
  return raw.replace(/\/+$/, '');
}

function readTagSortMode(entry: Entry, fail: (m: string, l: number) => never): TagSortMode {
  const raw = string(entry, 'tagsortmode', fail);
  if (raw === undefined || raw === '') return 'none';
  const mode = TAG_SORT_MODES.find((m) => m === raw.toLowerCase());
  return mode ?? fail(`\`tagsortmode: ${raw}\` is not one of ${TAG_SORT_MODES.join(', ')}`, entry.get('tagsortmode')?.line ?? entry.line);
}

/** A configured entry without `limit`, or with limit <= 0, is unlimited in the updater. */
function readLimit(entry: Entry, fail: (m: string, l: number) => never): number | undefined {
  const field = entry.get('limit');
  if (field === undefined || field.value === null) return undefined;
  if (typeof field.value !== 'number' || !Number.isInteger(field.value)) fail(`\`limit\` must be a whole number of requests per second`, field.line);
  return (field.value as number) > 0 ? (field.value as number) : undefined;
}

function string(entry: Entry, key: string, fail: (m: string, l: number) => never, required = false): string | undefined {
  const field = entry.get(key);
  if (field === undefined || field.value === null || field.value === '') {
    return required ? fail(`registries.conf entry has no \`${key}\`; it is required`, field?.line ?? entry.line) : undefined;
  }
  if (typeof field.value !== 'string') fail(`\`${key}\` must be a string`, field.line);
  return field.value as string;
}

function boolean(entry: Entry, key: string, fail: (m: string, l: number) => never): boolean {
  const field = entry.get(key);
  if (field === undefined || field.value === null) return false;
  if (typeof field.value !== 'boolean') fail(`\`${key}\` must be true or false`, field.line);
  return field.value as boolean;
}

const DURATION_UNITS: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * parseGoDuration reads a Go `time.ParseDuration` string (`5h`, `1h30m`, `1.5h`, `300ms`, `0`) into ms;
 * undefined when it does not parse. Negative durations are refused: an expiry cannot be in the past.
 */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const part = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/y;
  let total = 0;
  let index = 0;
  while (index < text.length) {
    part.lastIndex = index;
    const match = part.exec(text);
    if (!match) return undefined;
    total += Number(match[1]) * (DURATION_UNITS[match[2] as string] as number);
    index = part.lastIndex;
  }
  return index > 0 ? total : undefined;
}
