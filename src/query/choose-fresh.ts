/**
 * chooseFresh: choose among candidates whose metadata may have come from the warm cache without asking
 * the registry. A mutable tag may have moved since it was cached, so the pick is re-checked (one manifest
 * HEAD, src/registry/tag-cache.ts) and the choice made again with what the registry says, until the pick
 * is fresh. Losers are trusted within the tag TTL; only the winner is ever written, so only it must be current.
 */
import { toUserMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import type { TagList, TagMetadata } from '../registry/client.js';
import { chooseCandidate, type SelectionSpec } from '../strategy/select.js';
import type { Candidate } from '../strategy/types.js';

type Choice = ReturnType<typeof chooseCandidate>;

/** FreshnessSource is what chooseFresh needs of the query context. */
export interface FreshnessSource {
  /** cachedMetadata is the metadata already read for `tag` (memoised), if it was read through getMetadata. */
  cachedMetadata(tag: string): Promise<TagMetadata | undefined> | undefined;
  /** revalidate asks the registry what `tag` points at now. */
  revalidate(tag: string): Promise<TagMetadata | undefined>;
}

// A winner can move at most once per re-check; a registry that moves tags faster than we ask is not chased forever.
const MAX_RECHECKS = 5;

/** chooseFresh returns the choice and the candidates it was made from (re-checked ones replaced). */
export async function chooseFresh(spec: SelectionSpec, candidates: Candidate[], listing: TagList, source: FreshnessSource, logger: Logger, label: string): Promise<{ choice: Choice; candidates: Candidate[] }> {
  let current = candidates;
  for (let round = 0; ; round++) {
    const choice = chooseCandidate(spec, current);
    const tag = choice.chosen?.tag;
    // Google's tag list carries the digest itself: it is as fresh as the listing.
    if (tag === undefined || round >= MAX_RECHECKS || listing.metadata?.has(tag)) return { choice, candidates: current };
    if (!(await source.cachedMetadata(tag))?.fromTagCache) return { choice, candidates: current };
    let fresh: TagMetadata | undefined;
    try {
      fresh = await source.revalidate(tag);
    } catch (error) {
      logger.warning(`${label}: tag ${tag} dropped: ${toUserMessage(error)}`);
    }
    current = current.flatMap((c) => (c.tag !== tag ? [c] : fresh ? [{ tag, created: fresh.created, digest: fresh.digest }] : []));
  }
}
