/**
 * digest-text (pure): how reports show digests (issue 12). Tables show the short form (`sha256:` and 12 hex
 * digits, what `docker images --digests` users recognise); the body of a pull request and the job summary list
 * each pinned reference in full, so a reviewer can compare it with the registry.
 */
import type { UpdateEntry } from './result.js';

/** SHORT_DIGEST_HEX is how many hex digits of a digest tables show. */
export const SHORT_DIGEST_HEX = 12;

const DIGEST = /\b(sha256|sha384|sha512):([0-9a-f]{13,})\b/g;

/** shortDigest renders `sha256:<hex>` as `sha256:<12 hex>`; other text is returned as is. */
export function shortDigest(digest: string): string {
  return shortenDigests(digest);
}

/** shortenDigests shortens every sha256 digest in `text` (`1.2.0@sha256:…` -> `1.2.0@sha256:0123456789ab`). */
export function shortenDigests(text: string): string {
  return text.replace(DIGEST, (_all, algorithm: string, hex: string) => `${algorithm}:${hex.slice(0, SHORT_DIGEST_HEX)}`);
}

/** PinnedReference is one update whose digest is written with its tag. */
export interface PinnedReference {
  application: string;
  alias: string;
  image: string;
  tag: string;
  digest: string;
}

/** pinnedDigestLines lists pinned references in full under a heading; none -> no lines. */
export function pinnedDigestLines(pinned: readonly PinnedReference[], max = 50): string[] {
  if (pinned.length === 0) return [];
  const lines = pinned.slice(0, max).map((p) => `- ${p.application} ${p.alias}: \`${p.image}:${p.tag}@${p.digest}\``);
  const more = pinned.length > max ? [`- … ${pinned.length - max} more`] : [];
  return ['**Pinned digests**', '', ...lines, ...more, ''];
}

/** writtenRef is what an update writes, digests short: `1.2.0`, or `1.2.0@sha256:0123456789ab` when pinned. */
export function writtenRef(u: Pick<UpdateEntry, 'to' | 'digest' | 'pinned'>): string {
  return u.pinned && u.digest ? `${u.to}@${shortDigest(u.digest)}` : u.to;
}
