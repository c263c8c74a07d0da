/**
 * Google's extended tags/list answer. GCR and Artifact Registry add a `manifest` map to
 * `GET /v2/<repo>/tags/list`: per manifest digest, `tag[]`, `timeCreatedMs`, `timeUploadedMs`,
 * `mediaType`, `imageSizeBytes` (numbers arrive as decimal strings). With it, newest-build and digest
 * need no per-tag manifest or config request (SPEC 4). What we trust, and when we fall back, is decided
 * here and written up in test-support/google/NOTES.md for the README.
 */
import type { TagMetadata } from './client.js';

/** GoogleTagOptions choose between the one-request answer and the updater's exact notion of `created`. */
export interface GoogleTagOptions {
  /**
   * exactCreated: ignore Google's times and read every filtered tag's manifest and config blob, as the
   * updater does. For users who need byte-for-byte the updater's order (sub-millisecond `created`
   * differences, single-arch images of a non-default platform).
   */
  exactCreated?: boolean;
}

/** GoogleManifestEntry is one value of the `manifest` map, after validation. */
export interface GoogleManifestEntry {
  tags: string[];
  timeCreatedMs?: number;
  timeUploadedMs?: number;
  mediaType?: string;
  imageSizeBytes?: number;
}

// Indexes: Google reports timeCreatedMs 0 for them (a list has no config). The updater's notion is the
// newest `created` among the *wanted* platforms' configs, which only per-tag reads can give.
const INDEX_MEDIA_TYPES = new Set(['application/vnd.docker.distribution.manifest.list.v2+json', 'application/vnd.oci.image.index.v1+json']);
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-f]{32,}$/;

/**
 * readGoogleTagMetadata reads the `manifest` map of a tags/list body into metadata per tag: digest (the
 * map key, which is the manifest digest the updater computes) and `created` from `timeCreatedMs`.
 * Returns undefined when the body has no `manifest` map (a plain registry) or in exact mode.
 *
 * Tags are left out of the map, so the client reads their manifest (and config) as for any registry,
 * when: the digest is an index/manifest list; `timeCreatedMs` is missing, unreadable, 0 or negative
 * (Google's "unknown"; also what reproducible builds with `created: 1970-01-01` show, whose exact value
 * the config read then gives); or the entry is malformed. `platforms` is empty: Google does not say
 * which platform a single manifest is for (see NOTES.md).
 */
export function readGoogleTagMetadata(body: unknown, options: GoogleTagOptions = {}): Map<string, TagMetadata> | undefined {
  const manifests = readManifestMap(body);
  if (manifests === undefined || options.exactCreated) return undefined;
  const byTag = new Map<string, TagMetadata>();
  for (const [digest, entry] of manifests) {
    const created = trustedCreated(entry);
    if (created === undefined) continue;
    for (const tag of entry.tags) {
      // A tag names one manifest; if a garbled answer names it twice, keep neither (the manifest read decides).
      if (byTag.has(tag)) byTag.set(tag, { digest: '', platforms: [] });
      else byTag.set(tag, { digest, created, platforms: [] });
    }
  }
  for (const [tag, metadata] of byTag) if (metadata.digest === '') byTag.delete(tag);
  return byTag;
}

/**
 * readGoogleTagDigests reads, from the same `manifest` map, the digest every tag points at (indexes and
 * entries without a usable time included): the warm cache looks metadata up by it, so a tag whose digest
 * was seen before costs no request even where `created` must come from the manifest. Undefined without a map.
 */
export function readGoogleTagDigests(body: unknown): Map<string, string> | undefined {
  const manifests = readManifestMap(body);
  if (manifests === undefined) return undefined;
  const byTag = new Map<string, string>();
  const twice = new Set<string>();
  for (const [digest, entry] of manifests) {
    for (const tag of entry.tags) {
      // A tag names one manifest; a garbled answer naming it twice gives it no digest.
      if (byTag.has(tag)) twice.add(tag);
      else byTag.set(tag, digest);
    }
  }
  for (const tag of twice) byTag.delete(tag);
  return byTag;
}

/** trustedCreated is the entry's creation time when it can stand for the config's `created`. */
function trustedCreated(entry: GoogleManifestEntry): Date | undefined {
  if (entry.mediaType !== undefined && INDEX_MEDIA_TYPES.has(entry.mediaType)) return undefined;
  if (entry.timeCreatedMs === undefined || entry.timeCreatedMs <= 0) return undefined;
  return new Date(entry.timeCreatedMs);
}

/**
 * readManifestMap validates the `manifest` map (HOUSE-STYLE 3: unknown fields accepted, wrong types
 * rejected per entry). Returns undefined when there is no map at all.
 */
export function readManifestMap(body: unknown): Map<string, GoogleManifestEntry> | undefined {
  if (!isRecord(body) || !isRecord(body.manifest)) return undefined;
  const entries = new Map<string, GoogleManifestEntry>();
  for (const [digest, value] of Object.entries(body.manifest)) {
    const entry = readEntry(value);
    if (entry && DIGEST.test(digest)) entries.set(digest, entry);
  }
  return entries;
}

function readEntry(value: unknown): GoogleManifestEntry | undefined {
  if (!isRecord(value)) return undefined;
  const tags = value.tag ?? [];
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) return undefined;
  if (value.mediaType !== undefined && typeof value.mediaType !== 'string') return undefined;
  const entry: GoogleManifestEntry = { tags };
  const fields = { timeCreatedMs: value.timeCreatedMs, timeUploadedMs: value.timeUploadedMs, imageSizeBytes: value.imageSizeBytes };
  for (const [name, raw] of Object.entries(fields)) {
    const number = readCount(raw);
    if (number === null) return undefined;
    if (number !== undefined) entry[name as keyof typeof fields] = number;
  }
  if (typeof value.mediaType === 'string') entry.mediaType = value.mediaType;
  return entry;
}

/** readCount reads Google's int64-as-string (or a plain number); null = wrong type, undefined = absent. */
function readCount(raw: unknown): number | undefined | null {
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw : null;
  if (typeof raw !== 'string' || !/^-?\d{1,16}$/.test(raw)) return null;
  return Number(raw);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
