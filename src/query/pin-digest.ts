/**
 * pin-digest (issue 12): the chosen tag is written with the digest it points at now, whatever the strategy.
 * The digest is the sha256 of the manifest (or index) bytes, read with the platform rules of the digest
 * strategy (registry/oci-client.ts getMetadata). What a strategy already read is reused: newest-build and
 * Google's tag list carry the digest, so pinning costs no request there; semver and alphabetical read the
 * chosen tag once (an index: one manifest GET; a single image: its manifest and config, the digest
 * strategy's cost; a warm cache: one HEAD).
 *
 * Interface for promote-from (src/promote): `resolveTagDigest` with `expected` set is the check that the tag
 * still points at the digest the source runs: it refuses with both digests, and the caller writes the
 * expected digest as-is (never the one re-read from the tag).
 */
import { RegistryError } from '../errors.js';
import type { TagList, TagMetadata } from '../registry/client.js';
import { imageName } from '../resolve/image-ref.js';
import type { Candidate } from '../strategy/types.js';
import type { QueriedImage } from './query-images.js';

/** DigestReader reads a tag's metadata; `fresh` asks the registry even where a cache may answer. */
export type DigestReader = (tag: string, fresh: boolean) => Promise<TagMetadata | undefined>;

/**
 * ExpectedDigest says who runs the tag (`by`, an Application/alias, for messages) and, when it pins one, the
 * digest the tag must still have.
 */
export interface ExpectedDigest {
  digest?: string;
  by: string;
}

/**
 * resolveTagDigest returns the tag's current metadata (digest verified from the bytes received). A cached
 * answer for a mutable tag is re-checked, since a pin must name what the tag points at now; with `expected`
 * the registry is asked first hand. It refuses a tag that is gone, offers none of the wanted platforms, or
 * points at another digest than `expected.digest`.
 */
export async function resolveTagDigest(image: QueriedImage, tag: string, read: DigestReader, expected?: ExpectedDigest): Promise<TagMetadata> {
  const name = `${imageName(image.ref)}:${tag}`;
  let metadata: TagMetadata | undefined;
  try {
    metadata = await read(tag, expected !== undefined);
    if (metadata?.fromTagCache) metadata = await read(tag, true);
  } catch (error) {
    if (!(error instanceof RegistryError && error.status === 404)) throw error;
    const who = expected ? `, which ${expected.by} runs,` : '';
    throw new RegistryError(`${name}${who} does not exist in the registry`, { host: image.ref.registry, fix: `Check that ${expected ? `${expected.by} runs a tag that was pushed` : 'the tag was pushed'}; nothing is ${expected ? 'promoted' : 'pinned'} until it is.` });
  }
  if (metadata === undefined) {
    throw new RegistryError(`${name} offers none of the platforms ${image.platforms.join(', ') || 'linux/amd64'}`, { host: image.ref.registry, fix: 'Set <alias>.platforms to what the image offers.' });
  }
  if (expected?.digest !== undefined && metadata.digest !== expected.digest) throw movedTagError(name, { digest: expected.digest, by: expected.by }, metadata.digest, image.ref.registry);
  return metadata;
}

/** movedTagError refuses a tag whose digest is no longer the one an Application runs, naming both digests. */
export function movedTagError(name: string, expected: Required<ExpectedDigest>, now: string, host: string): RegistryError {
  return new RegistryError(`refusing to promote ${name}: ${expected.by} runs it as ${expected.digest}, but the registry now has ${now} under that tag (the tag moved)`, {
    host,
    fix: `Promote a tag whose bytes ${expected.by} ran: pin ${expected.by} to the new digest first, or push an immutable tag.`,
  });
}

/**
 * pinChosen gives the chosen candidate its digest when the image pins (pin-digest, not the digest strategy,
 * which reads its own): the digest the strategy already read is kept, then the one the tag list volunteered
 * (Google's `manifest` map, as fresh as the listing, which newest-build and digest use the same way), else the
 * tag is read once.
 */
export async function pinChosen(image: QueriedImage & { pinDigest?: boolean; strategy: string }, chosen: Candidate | null, read: DigestReader, listed?: TagList): Promise<Candidate | null> {
  if (chosen === null || !image.pinDigest || image.strategy === 'digest' || chosen.digest !== undefined) return chosen;
  const volunteered = listed?.metadata?.get(chosen.tag)?.digest;
  if (volunteered) return { ...chosen, digest: volunteered };
  const metadata = await resolveTagDigest(image, chosen.tag, read);
  return { ...chosen, digest: metadata.digest };
}
