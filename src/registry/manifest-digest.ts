/**
 * Manifest digests are computed, never trusted: the digest we pin or cache is the hash of the bytes we
 * received (distribution spec, "Content Verification"). A `Docker-Content-Digest` header that disagrees,
 * or a manifest fetched by digest whose bytes hash to another digest, means a broken registry or a proxy
 * in the way: the tag is refused, loudly.
 */
import { createHash } from 'node:crypto';
import { RegistryError } from '../errors.js';

const ALGORITHMS: Record<string, string> = { sha256: 'sha256', sha512: 'sha512' };

/** DigestMismatchError: the bytes received do not hash to the digest the registry claimed. Fails the image. */
export class DigestMismatchError extends RegistryError {
  constructor(message: string, host: string) {
    super(message, { host, fix: 'The registry, or a proxy between it and this runner, altered the manifest or its digest header; do not pin it. Check the registry and any caching proxy.' });
  }
}

/** contentDigest hashes bytes with `algorithm` (sha256 or sha512) into `algorithm:<hex>`; undefined for another algorithm. */
export function contentDigest(bytes: Uint8Array, algorithm = 'sha256'): string | undefined {
  const name = ALGORITHMS[algorithm];
  return name ? `${algorithm}:${createHash(name).update(bytes).digest('hex')}` : undefined;
}

/** ManifestDigestCheck names what was asked for, for the message. */
export interface ManifestDigestCheck {
  /** `repo:tag` or `repo@digest` as asked. */
  reference: string;
  host: string;
  /** The Docker-Content-Digest header, if any. */
  header?: string | null;
  /** The digest the manifest was asked by, if any. */
  expected?: string;
}

/**
 * verifiedManifestDigest returns the digest of the manifest bytes, computed with the algorithm of the
 * digest asked for (or of the header; default sha256), and throws DigestMismatchError when the header or
 * the digest asked for disagree with it.
 */
export function verifiedManifestDigest(body: Uint8Array, check: ManifestDigestCheck): string {
  const claimed = check.expected ?? check.header ?? undefined;
  const algorithm = claimed ? claimed.slice(0, claimed.indexOf(':')) : 'sha256';
  const computed = contentDigest(body, algorithm);
  if (computed === undefined) {
    throw new DigestMismatchError(`cannot verify the manifest of ${check.reference}: digest algorithm "${algorithm.slice(0, 20)}" is not supported (sha256, sha512)`, check.host);
  }
  if (check.expected !== undefined && check.expected !== computed) {
    throw new DigestMismatchError(`the manifest of ${check.reference} hashes to ${computed}, not to the digest it was asked by; refusing it`, check.host);
  }
  if (check.header && check.header !== computed && contentDigest(body, check.header.slice(0, check.header.indexOf(':'))) !== check.header) {
    throw new DigestMismatchError(`the registry says ${check.reference} is ${check.header.slice(0, 80)} (Docker-Content-Digest), but the manifest it sent hashes to ${computed}; refusing the tag`, check.host);
  }
  return computed;
}
