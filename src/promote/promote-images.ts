/**
 * promoteImages: the query stage for images with promote-from (issue 12). The candidate is the tag (and digest)
 * the source Application holds in git, never the registry's newest: it must pass this image's filters, constraint
 * and downgrade rule, have soaked (promote-after) and passed its gates (promote-gates); the registry is asked only
 * to confirm the tag and read its digest (no tag listing). Decisions are pure (decide-promotion.ts); this module
 * sequences the reads through injected adapters.
 */
import { PromoterError, RegistryError } from '../errors.js';
import { resolveTagDigest } from '../query/pin-digest.js';
import { parsePlatform } from '../registry/platform.js';
import type { RegistryAccess } from '../query/query-images.js';
import { readCurrent } from '../resolve/current.js';
import type { RepoFiles, ResolvedImage } from '../resolve/types.js';
import type { ImageOutcome, PublishMode } from '../report/result.js';
import { metadataNeeded } from '../strategy/select.js';
import type { Candidate } from '../strategy/types.js';
import { checkCandidate, decidePromotion, failedPromotion, skippedPromotion, specOf, valueKey, type Source } from './decide-promotion.js';
import type { LinkResult } from './link.js';
import { findSince, gateProblem, sinceNote, soakOf } from './soak.js';
import type { FileHistory, PromotionAccess } from './types.js';
import type { TagMetadata } from '../registry/client.js';
import { formatSoak } from '../discover/go-duration.js';

/** PromoteOptions are the run-wide settings and adapters of promotion. */
export interface PromoteOptions {
  files: RepoFiles;
  registries: RegistryAccess;
  /** Histories and checks; undefined when nothing can read them (then soak and gates are skipped with the reason). */
  access?: PromotionAccess;
  allowDowngrade: boolean;
  modeFor(item: ResolvedImage): PublishMode;
}

/** Reads are the memoised reads of one run: each source file's history and each tag's manifest once. */
interface Reads {
  history(path: string): Promise<FileHistory>;
  /** tag reads the manifest of `tag` for the image, fresh (never from the metadata cache). */
  tag(item: ResolvedImage, tag: string, withCreated: boolean): Promise<TagMetadata | undefined>;
}

/** promoteImages decides every promoted image; one failing image never stops the others. */
export async function promoteImages(links: ReadonlyMap<ResolvedImage, LinkResult>, options: PromoteOptions): Promise<ImageOutcome[]> {
  const withChecks = [...links.keys()].some((item) => item.image.promotion?.gates !== undefined);
  const reads: Reads = {
    history: memoise((path: string) => path, (path) => options.access!.history(path, { withChecks })),
    tag: memoise(
      (item, tag, withCreated) => `${item.image.ref.registry}/${item.image.ref.repository}:${tag}|${item.image.platforms.join(',')}|${withCreated}|${item.image.pullSecret ?? ''}`,
      (item, tag, withCreated) => {
        const { image } = item;
        return options.registries.clientFor(image.ref, image.pullSecret).client.getMetadata(image.ref, tag, { platforms: image.platforms.map(parsePlatform), withCreated, revalidate: true });
      },
    ),
  };
  return Promise.all(
    [...links].map(([item, link]) => {
      if (!link.ok) return Promise.resolve(failedPromotion(item, link.error));
      return promoteOne(item, link.source, options, reads).catch((error: unknown) => failedPromotion(item, error));
    }),
  );
}

/** memoise keeps one promise per key (a failed read is not retried within the run). */
function memoise<A extends unknown[], T>(keyOf: (...args: A) => string, read: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  const made = new Map<string, Promise<T>>();
  return (...args: A) => {
    const key = keyOf(...args);
    let found = made.get(key);
    if (found === undefined) {
      found = read(...args);
      made.set(key, found);
    }
    return found;
  };
}

async function promoteOne(item: ResolvedImage, source: Source, options: PromoteOptions, reads: Reads): Promise<ImageOutcome> {
  const early = checkCandidate(item, source);
  if (early.status !== 'go') return early.outcome;
  const { candidate, sourceLabel } = early;
  const waited = await soakAndGates(item, source, early, options, reads.history);
  if (typeof waited !== 'string') return waited;
  const confirmed = await confirmInRegistry(item, candidate, sourceLabel, options, reads);
  if (confirmed instanceof PromoterError) return failedPromotion(item, confirmed);
  const current = await currentWithMetadata(item, options);
  const { tagSortMode } = options.registries.clientFor(item.image.ref, item.image.pullSecret).endpoint;
  return decidePromotion(item, { candidate: confirmed, ...(candidate.digest ? { sourceDigest: candidate.digest } : {}), current, sourceLabel, note: waited, ...(tagSortMode ? { tagSortMode } : {}), allowDowngrade: options.allowDowngrade, mode: options.modeFor(item) });
}

/**
 * soakAndGates reads the source file's history (when promote-after or promote-gates asks) and returns the note
 * for the report ("in web-staging/web since …, soaked 26 h"), or the skip when the tag has not soaked or its
 * commit's checks do not pass.
 */
async function soakAndGates(item: ResolvedImage, source: Source, go: { candidate: Candidate; sourceLabel: string }, options: PromoteOptions, history: (path: string) => Promise<FileHistory>): Promise<string | ImageOutcome> {
  const { candidate, sourceLabel } = go;
  const promotion = item.image.promotion!;
  if (!promotion.after && !promotion.gates) return `from ${sourceLabel}`;
  const what = promotion.after ? 'promote-after' : 'promote-gates';
  const at = source.item?.current?.at;
  if (options.access === undefined || at === undefined) return skippedPromotion(item, `${what} needs the history of ${sourceLabel}'s file, which this run cannot read (no git history)`);
  const valueAt = (text: string | undefined) => valueKey(safeCurrent(source, overlayOf(options.files, at.file, text)));
  const read = await history(at.file);
  const since = findSince(read, valueAt, valueKey(source.item!.current)!);
  if (since.kind === 'uncommitted') return skippedPromotion(item, `${sourceLabel} runs ${candidate.tag} in ${at.file}, but no commit holds it yet; commit it first`);
  const soak = soakOf(since.version.date, read.now, promotion.after?.ms ?? 0);
  const note = sinceNote(sourceLabel, since.version, soak.ageMs, since.bounded);
  if (soak.leftMs > 0) return skippedPromotion(item, `${candidate.tag} is ${note}; promote-after ${promotion.after!.text} waits ${formatSoak(soak.leftMs)} more`);
  if (!promotion.gates) return note;
  const checks = since.version.checks ?? (await options.access.checks?.(since.version.sha));
  if (checks === undefined) return skippedPromotion(item, `promote-gates needs the checks of ${sourceLabel}'s commit ${since.version.sha.slice(0, 7)}, and a checkout has none: give the run a repository and token (CLI: --repository and GITHUB_TOKEN) to read them from GitHub`);
  const problem = gateProblem(promotion.gates, checks, since.version.sha);
  return problem ? skippedPromotion(item, `${candidate.tag} is ${note}, but ${problem} (${promotion.gates.key})`) : note;
}

/**
 * confirmInRegistry reads the tag's manifest once per run (fresh, never from the cache): it must exist and, when the
 * source pins a digest, still be that digest (query/pin-digest.ts resolveTagDigest, shared with pin-digest).
 */
async function confirmInRegistry(item: ResolvedImage, candidate: Candidate, sourceLabel: string, options: PromoteOptions, reads: Reads): Promise<Candidate | PromoterError> {
  const { image } = item;
  const { endpoint } = options.registries.clientFor(image.ref, image.pullSecret);
  const withCreated = metadataNeeded(specOf(item, endpoint.tagSortMode)) === 'created';
  const read = (tag: string) => reads.tag(item, tag, withCreated);
  const expected = candidate.digest === undefined ? { by: sourceLabel } : { digest: candidate.digest, by: sourceLabel };
  try {
    const metadata = await resolveTagDigest(image, candidate.tag, read, expected);
    return { tag: candidate.tag, digest: metadata.digest, ...(metadata.created ? { created: metadata.created } : {}) };
  } catch (error) {
    if (error instanceof RegistryError) return error;
    throw error;
  }
}

/** currentWithMetadata is the current tag as a candidate, with its build time when the strategy orders by it. */
async function currentWithMetadata(item: ResolvedImage, options: PromoteOptions): Promise<Candidate | undefined> {
  const tag = item.current?.tag;
  if (tag === undefined) return undefined;
  const base: Candidate = { tag, ...(item.current?.digest ? { digest: item.current.digest } : {}) };
  const { client, endpoint } = options.registries.clientFor(item.image.ref, item.image.pullSecret);
  if (metadataNeeded(specOf(item, endpoint.tagSortMode)) !== 'created') return base;
  try {
    const metadata = await client.getMetadata(item.image.ref, tag, { platforms: item.image.platforms.map(parsePlatform), withCreated: true });
    return metadata?.created ? { ...base, created: metadata.created } : base;
  } catch {
    return base;
  }
}

function safeCurrent(source: Source, files: RepoFiles) {
  try {
    return readCurrent(source.config, source.image, source.item!.target, files);
  } catch {
    return undefined;
  }
}

/** overlayOf is the snapshot with one file's text replaced: a new object each time (readers cache per snapshot). */
function overlayOf(files: RepoFiles, path: string, text: string | undefined): RepoFiles {
  return { read: (p: string) => (p === path ? text : files.read(p)), list: () => files.list() };
}
