/**
 * The metadata cache file (input `cache-file`): tag metadata keyed by manifest digest, so a workflow
 * that keeps the file with `actions/cache` makes no metadata requests for digests it has seen. A digest
 * names immutable content, so an entry never goes stale; only what we computed from it (the `key`:
 * wanted platforms, with or without `created`) varies, and is part of the key. Tags are not immutable:
 * `tags` records what each tag pointed at and when that was checked, so a warm run can skip the manifest
 * HEAD of a tag within its TTL (or always, where tags are immutable); see oci-client's readMetadata.
 */
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { NullLogger, type Logger } from '../logger.js';
import type { MetadataCache, TagMetadata, TagRecord } from './client.js';

/** CACHE_VERSION changes when the file's meaning changes; a file of another version is ignored. */
export const CACHE_VERSION = 1;
/** MAX_ENTRIES bounds the file; the oldest entries are dropped first when it is exceeded. */
export const MAX_ENTRIES = 100_000;

/** CacheEntry is one stored record, as JSON. */
interface CacheEntry {
  digest: string;
  key: string;
  created?: string;
  labels?: Record<string, string>;
  platforms: string[];
}

/** TagEntry is one stored tag record, as JSON (a v1 file without `tags` reads as none). */
interface TagEntry {
  repository: string;
  tag: string;
  digest: string;
  checkedAt: string;
}

/** FileMetadataCache is a MetadataCache backed by a JSON file; `save()` writes it whole. */
export interface FileMetadataCache extends MetadataCache {
  getTag(repository: string, tag: string): TagRecord | undefined;
  setTag(repository: string, tag: string, record: TagRecord): void;
  /** save writes the file (temp file + rename, so a reader never sees half a file); no-op without a path or changes. */
  save(): Promise<void>;
  readonly size: number;
}

/**
 * loadMetadataCache reads the cache file at `path` (none = memory only). A missing file is an empty
 * cache; a corrupt or foreign file is ignored with a warning (it will be overwritten on save).
 */
export async function loadMetadataCache(path?: string, logger: Logger = NullLogger): Promise<FileMetadataCache> {
  const entries = new Map<string, CacheEntry>();
  const tags = new Map<string, TagEntry>();
  const stored = path ? await readStored(path, logger) : { entries: [], tags: [] };
  for (const entry of stored.entries) entries.set(entryKey(entry.digest, entry.key), entry);
  for (const entry of stored.tags) tags.set(entryKey(entry.repository, entry.tag), entry);
  let dirty = false;
  // What a previous run left: fixed for the run, so whether a read starts with a HEAD never depends on which of
  // this run's reads finished first.
  const loaded = entries.size;
  return {
    getTag: (repository, tag) => {
      const entry = tags.get(entryKey(repository, tag));
      return entry ? { digest: entry.digest, checkedAt: Date.parse(entry.checkedAt) } : undefined;
    },
    setTag: (repository, tag, record) => {
      const key = entryKey(repository, tag);
      tags.delete(key); // re-inserted last, so the newest survive the MAX_ENTRIES cut
      tags.set(key, { repository, tag, digest: record.digest, checkedAt: new Date(record.checkedAt).toISOString() });
      dirty = true;
    },
    size: loaded,
    get: (digest, key) => {
      const entry = entries.get(entryKey(digest, key));
      return entry ? toMetadata(entry) : undefined;
    },
    set: (digest, key, metadata) => {
      entries.set(entryKey(digest, key), toEntry(digest, key, metadata));
      dirty = true;
    },
    save: async () => {
      if (!path || !dirty) return;
      await writeWhole(path, { entries: [...entries.values()].slice(-MAX_ENTRIES), tags: [...tags.values()].slice(-MAX_ENTRIES) });
      dirty = false;
    },
  };
}

function entryKey(digest: string, key: string): string {
  return `${digest} ${key}`;
}

/** StoredCache is the file's content: metadata per digest, and what each tag pointed at when last checked. */
interface StoredCache {
  entries: CacheEntry[];
  tags: TagEntry[];
}

async function readStored(path: string, logger: Logger): Promise<StoredCache> {
  const parsed = await readCacheJson(path, logger);
  if (parsed === undefined) return { entries: [], tags: [] };
  const entries = (parsed.entries as unknown[]).filter(isCacheEntry);
  const rawTags: unknown[] = Array.isArray(parsed.tags) ? parsed.tags : [];
  const tags = rawTags.filter(isTagEntry);
  const bad = (parsed.entries as unknown[]).length - entries.length + rawTags.length - tags.length;
  if (bad > 0) logger.warning(`metadata cache ${path}: ${bad} malformed entries ignored.`);
  return { entries, tags };
}

async function readCacheJson(path: string, logger: Logger): Promise<Record<string, unknown> | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') logger.warning(`metadata cache ${path} cannot be read (${(error as NodeJS.ErrnoException).code}); starting empty.`);
    return undefined;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    logger.warning(`metadata cache ${path} is not JSON; ignoring it (it is rewritten at the end of the run).`);
    return undefined;
  }
  if (!isRecord(parsed) || parsed.version !== CACHE_VERSION || !Array.isArray(parsed.entries)) {
    logger.warning(`metadata cache ${path} is not a version ${CACHE_VERSION} cache file; ignoring it (it is rewritten at the end of the run).`);
    return undefined;
  }
  return parsed;
}

async function writeWhole(path: string, stored: StoredCache): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.${Date.now()}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify({ version: CACHE_VERSION, ...stored })}\n`, 'utf8');
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true }); // no temp file is left behind (issue 14 item 6)
    throw error;
  }
}

function toEntry(digest: string, key: string, metadata: TagMetadata): CacheEntry {
  const entry: CacheEntry = { digest, key, platforms: [...metadata.platforms] };
  if (metadata.created && !Number.isNaN(metadata.created.getTime())) entry.created = metadata.created.toISOString();
  if (metadata.labels) entry.labels = { ...metadata.labels };
  return entry;
}

function toMetadata(entry: CacheEntry): TagMetadata {
  const metadata: TagMetadata = { digest: entry.digest, platforms: [...entry.platforms] };
  if (entry.created !== undefined) metadata.created = new Date(entry.created);
  if (entry.labels) metadata.labels = { ...entry.labels };
  return metadata;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** isCacheEntry is the schema of one entry: unknown fields are accepted, wrong types rejected. */
function isCacheEntry(value: unknown): value is CacheEntry {
  if (!isRecord(value)) return false;
  if (typeof value.digest !== 'string' || !value.digest.includes(':') || typeof value.key !== 'string') return false;
  if (!Array.isArray(value.platforms) || !value.platforms.every((p) => typeof p === 'string')) return false;
  if (value.created !== undefined && (typeof value.created !== 'string' || Number.isNaN(Date.parse(value.created)))) return false;
  if (value.labels !== undefined && (!isRecord(value.labels) || !Object.values(value.labels).every((v) => typeof v === 'string'))) return false;
  return true;
}

/** isTagEntry is the schema of one tag record. */
function isTagEntry(value: unknown): value is TagEntry {
  if (!isRecord(value)) return false;
  if (typeof value.repository !== 'string' || typeof value.tag !== 'string') return false;
  if (typeof value.digest !== 'string' || !value.digest.includes(':')) return false;
  return typeof value.checkedAt === 'string' && !Number.isNaN(Date.parse(value.checkedAt));
}
