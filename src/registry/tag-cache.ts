/**
 * The warm-cache rules (issue 14, "a warm cache that costs only the tag lists"). Metadata is cached per
 * verified manifest digest (content never changes); what a *tag* points at is cached with the time it was
 * checked. A tag's cached digest is trusted without any request:
 * - always, where the registry's tags are immutable (registries.conf `immutabletags: true`);
 * - else within the tag TTL (registries.conf `tagttl`, default 1 h), and the query stage re-checks the
 *   winner before it is used (so a re-pushed winner is never pinned from a stale entry).
 * Nothing here pins a digest that was not verified once: records are written only after a manifest GET
 * whose bytes hashed to the digest, or a HEAD naming a digest whose metadata is already cached.
 */
import type { Endpoint, MetadataCache, TagMetadata } from './client.js';

/** DEFAULT_TAG_TTL_MS is how long a mutable tag's cached digest is trusted without a HEAD. */
export const DEFAULT_TAG_TTL_MS = 60 * 60 * 1000;

/** trustedTagDigest is the cached digest of `repository:tag` when it may be used without asking the registry. */
export function trustedTagDigest(cache: MetadataCache | undefined, endpoint: Endpoint, repository: string, tag: string, now: number): string | undefined {
  const record = cache?.getTag?.(repository, tag);
  if (record === undefined) return undefined;
  if (endpoint.immutableTags) return record.digest;
  return now - record.checkedAt < (endpoint.tagTtlMs ?? DEFAULT_TAG_TTL_MS) ? record.digest : undefined;
}

/** cachedMetadata looks a digest up for `key`; metadata with `created` also answers a lookup without it. */
export function cachedMetadata(cache: MetadataCache | undefined, digest: string | null | undefined, key: string, withCreated: boolean): TagMetadata | undefined {
  if (!cache || !digest) return undefined;
  return cache.get(digest, key) ?? (withCreated ? undefined : cache.get(digest, `${key}+created`));
}
