/**
 * queryImages: stage 3 + 4 over every resolved image. Each repository is listed once per run;
 * metadata is read only for tags that passed the filters and only when the strategy needs it.
 */
import { ConfigError, PromoterError, RegistryError, toUserMessage, type ErrorContext } from '../errors.js';
import { sleepFor } from '../registry/retry.js';
import { NullLogger, type Logger } from '../logger.js';
import { PULL_SECRET_ORIGIN, type Endpoint, type RegistryClient, type TagList, type TagMetadata } from '../registry/client.js';
import { DigestMismatchError } from '../registry/manifest-digest.js';
import { parsePlatform } from '../registry/platform.js';
import { imageName, type ImageRef } from '../resolve/image-ref.js';
import type { ResolvedImage } from '../resolve/types.js';
import { ANNOTATION_PREFIX, type ImageSpec } from '../discover/types.js';
import { compareForStrategy, filterTags, metadataNeeded, wouldUpdate, type SelectionSpec } from '../strategy/select.js';
import { strategyFromSpec } from '../strategy/strategy.js';
import type { Candidate, Needs } from '../strategy/types.js';
import type { ImageOutcome, PlannedUpdate, PublishMode } from '../report/result.js';
import { chooseFresh, type FreshnessSource } from './choose-fresh.js';
import { decideOutcome } from './decide.js';
import { pinChosen } from './pin-digest.js';
import { ListingProgress } from './progress.js';

/** RegistryAccess gives the client and endpoint that serve an image. */
export interface RegistryAccess {
  /** clientFor returns the client for an image; `pullSecret` (the image's annotation) heads its credentials chain. */
  clientFor(ref: ImageRef, pullSecret?: string): { client: RegistryClient; endpoint: Endpoint };
}

/** QueryOptions are the run-wide settings of the query stage. */
export interface QueryOptions {
  allowDowngrade: boolean;
  /** S1 hint: a tag just pushed, added to the listing if the registry does not show it yet (once a manifest HEAD finds it). */
  hintTag?: { ref: ImageRef; tag: string };
  /** How a hint tag the listing lacks is confirmed: HEADs this many times, this far apart (registry lag). Default 3, 2 s. */
  hintLag?: { attempts: number; delayMs: number; sleep: (ms: number) => Promise<void> };
  modeFor(resolved: ResolvedImage): PublishMode;
  /** wantsLabels: read the image config labels of both tags of an update (pull request bodies link the source). */
  wantsLabels(resolved: ResolvedImage): boolean;
  logger: Logger;
}

/** QueriedImage is what the registry calls need of an image. */
export type QueriedImage = Pick<ImageSpec, 'ref' | 'platforms' | 'pullSecret'>;

/** QueryContext memoises registry calls across images (each repository is listed once per run). */
export class QueryContext {
  private readonly listings = new Map<string, Promise<TagList>>();
  private readonly metadata = new Map<string, Promise<TagMetadata | undefined>>();
  private readonly confirmed = new Map<string, Promise<boolean>>();

  constructor(
    private readonly registries: RegistryAccess,
    private readonly progress?: ListingProgress,
  ) {}

  /** listingKey identifies one repository listing (a pull secret gives its own). */
  static listingKey(image: QueriedImage): string {
    return `${image.ref.registry}/${image.ref.repository}|${image.pullSecret ?? ''}`;
  }

  access(image: QueriedImage) {
    return this.registries.clientFor(image.ref, image.pullSecret);
  }

  listTags(image: QueriedImage): Promise<TagList> {
    const key = QueryContext.listingKey(image);
    let listing = this.listings.get(key);
    if (listing === undefined) {
      listing = this.access(image).client.listTags(image.ref);
      const progress = this.progress;
      if (progress !== undefined) void listing.then(() => progress.listed(), () => progress.listed());
      this.listings.set(key, listing);
    }
    return listing;
  }

  /** confirmTag HEADs `tag` until it is found, up to `lag.attempts` times (memoised per repository and tag). */
  confirmTag(image: QueriedImage, tag: string, lag: NonNullable<QueryOptions['hintLag']>): Promise<boolean> {
    const key = `${image.ref.registry}/${image.ref.repository}:${tag}|${image.pullSecret ?? ''}`;
    let confirmed = this.confirmed.get(key);
    if (confirmed === undefined) {
      confirmed = (async () => {
        for (let attempt = 1; attempt <= lag.attempts; attempt++) {
          if (await this.access(image).client.tagExists(image.ref, tag)) return true;
          if (attempt < lag.attempts) await lag.sleep(lag.delayMs);
        }
        return false;
      })();
      this.confirmed.set(key, confirmed);
    }
    return confirmed;
  }

  /** freshness is what chooseFresh needs for one image: its memoised metadata, and a re-check that replaces it. */
  freshness(image: QueriedImage, withCreated: boolean): FreshnessSource {
    return {
      cachedMetadata: (tag) => this.metadata.get(this.metadataKey(image, tag, withCreated)),
      revalidate: (tag) => {
        const fresh = this.access(image).client.getMetadata(image.ref, tag, { platforms: image.platforms.map(parsePlatform), withCreated, revalidate: true });
        this.metadata.set(this.metadataKey(image, tag, withCreated), fresh);
        return fresh;
      },
    };
  }

  private metadataKey(image: QueriedImage, tag: string, withCreated: boolean): string {
    return `${image.ref.registry}/${image.ref.repository}:${tag}|${image.platforms.join(',')}|${withCreated}|${image.pullSecret ?? ''}`;
  }

  getMetadata(image: QueriedImage, tag: string, withCreated: boolean, listedDigest?: string): Promise<TagMetadata | undefined> {
    const { ref, platforms } = image;
    const key = this.metadataKey(image, tag, withCreated);
    let metadata = this.metadata.get(key);
    if (metadata === undefined) {
      metadata = this.access(image).client.getMetadata(ref, tag, { platforms: platforms.map(parsePlatform), withCreated, ...(listedDigest ? { listedDigest } : {}) });
      this.metadata.set(key, metadata);
    }
    return metadata;
  }
}

/** queryImages decides every image's outcome; one failing image never stops the others. */
export async function queryImages(items: readonly ResolvedImage[], registries: RegistryAccess, options: QueryOptions): Promise<ImageOutcome[]> {
  const repositories = new Set(items.map((item) => QueryContext.listingKey(item.image))).size;
  const context = new QueryContext(registries, new ListingProgress(repositories, options.logger));
  return Promise.all(items.map((item) => queryOne(item, context, options).catch((error: unknown) => failed(item, error))));
}

async function queryOne(item: ResolvedImage, context: QueryContext, options: QueryOptions): Promise<ImageOutcome> {
  const { image } = item;
  const { endpoint } = context.access(image);
  const spec: SelectionSpec = {
    strategy: image.strategy,
    constraint: image.constraint,
    allowTags: image.allowTags,
    ignoreTags: image.ignoreTags,
    tagSortMode: endpoint.tagSortMode,
  };
  strategyFromSpec(spec);
  const listing = await context.listTags(image);
  const tags = await withHintTag(listing.tags, image, options, context);
  const filtered = filterTags(tags, spec);
  for (const warning of filtered.warnings) options.logger.warning(`${item.config.app.label}/${image.alias}: ${warning}`, { file: item.config.app.file, line: item.config.app.line });
  const needs = metadataNeeded(spec);
  const gathered = await candidatesFor(image, labelOf(item), filtered.kept, listing, context, needs, options.logger);
  const { choice, candidates } = await chooseFresh(spec, gathered, listing, context.freshness(image, needs === 'created'), options.logger, labelOf(item));
  const chosen = await pinChosen(image, choice.chosen, (tag, fresh) => (fresh ? context.freshness(image, false).revalidate(tag) : context.getMetadata(image, tag, false, listing.digests?.get(tag))), listing);
  const current = await currentCandidate(item, listing, context, spec, candidates);
  const outcome = decideOutcome(item, {
    chosen,
    current,
    updates: wouldUpdate(image.strategy, chosen, item.current, image.pinDigest),
    isDowngrade: (a, b) => compareForStrategy(spec, a, b) < 0,
    allowDowngrade: options.allowDowngrade,
    mode: options.modeFor(item),
  });
  if (outcome.status === 'update') stampProposal(outcome.update, chosen?.created);
  if (outcome.status === 'update' && options.wantsLabels(item)) {
    outcome.update.labels = await tryLabels(item, outcome.update.newImage.tag, listing, context);
    if (item.current?.tag) outcome.update.fromLabels = await tryLabels(item, item.current.tag, listing, context);
  }
  return outcome;
}

/** stampProposal records the new image's build time and when the registry was read, to order proposals (never older). */
function stampProposal(update: PlannedUpdate, created: Date | undefined): void {
  if (created) update.created = created.toISOString();
  update.seenAt = new Date().toISOString();
}

/** tryLabels reads an image's config labels; best effort (a link in a pull request body depends on them). */
async function tryLabels(item: ResolvedImage, tag: string, listing: TagList, context: QueryContext): Promise<Record<string, string> | undefined> {
  const volunteered = listing.metadata?.get(tag)?.labels;
  if (volunteered) return volunteered;
  try {
    return (await context.getMetadata(item.image, tag, true))?.labels;
  } catch {
    return undefined;
  }
}

function labelOf(item: ResolvedImage): string {
  return `${item.config.app.label}/${item.image.alias}`;
}

/**
 * candidatesFor turns filtered tags into candidates with the metadata the strategy needs: none for
 * 'tags', else what the registry volunteered in tags/list (Google) or one manifest (+ config) read per tag.
 */
export async function candidatesFor(image: QueriedImage, label: string, kept: string[], listing: TagList, context: QueryContext, needs: Needs, logger: Logger): Promise<Candidate[]> {
  if (needs === 'tags') return kept.map((tag) => ({ tag }));
  const found = await Promise.all(kept.map((tag) => metadataFor(image, label, tag, needs === 'created', listing, context, logger)));
  return found.filter((candidate): candidate is Candidate => candidate !== undefined);
}

/** metadataFor reads one tag's metadata; a failure drops the tag (as the updater does) with a log line. */
async function metadataFor(image: QueriedImage, label: string, tag: string, withCreated: boolean, listing: TagList, context: QueryContext, logger: Logger): Promise<Candidate | undefined> {
  const volunteered = listing.metadata?.get(tag);
  if (volunteered !== undefined) return { tag, created: volunteered.created, digest: volunteered.digest };
  try {
    const metadata = await context.getMetadata(image, tag, withCreated, listing.digests?.get(tag));
    if (metadata === undefined) return undefined;
    return { tag, created: metadata.created, digest: metadata.digest };
  } catch (error) {
    // A manifest that does not match its digest is not a missing tag: the image fails, saying so.
    if (error instanceof DigestMismatchError) throw error;
    logger.warning(`${label}: tag ${tag} dropped: ${toUserMessage(error)}`);
    return undefined;
  }
}

/** currentCandidate describes the current tag for the downgrade check (metadata only when the strategy orders by it). */
async function currentCandidate(item: ResolvedImage, listing: TagList, context: QueryContext, spec: SelectionSpec, candidates: Candidate[]): Promise<Candidate | undefined> {
  const tag = item.current?.tag;
  if (tag === undefined) return undefined;
  const known = candidates.find((candidate) => candidate.tag === tag);
  if (known !== undefined) return known;
  if (metadataNeeded(spec) !== 'created' || !listing.tags.includes(tag)) return { tag, digest: item.current?.digest };
  return metadataFor(item.image, labelOf(item), tag, true, listing, context, NullLogger);
}

/**
 * withHintTag adds the tag just pushed (input `tag`) when the listing lacks it, once a manifest HEAD confirms
 * it exists (retried briefly: a registry may list a new tag late); a tag that is not there is refused.
 */
async function withHintTag(tags: string[], image: QueriedImage, options: QueryOptions, context: QueryContext): Promise<string[]> {
  const hint = options.hintTag;
  if (hint === undefined || imageName(hint.ref) !== imageName(image.ref) || tags.includes(hint.tag)) return tags;
  const lag = options.hintLag ?? DEFAULT_HINT_LAG;
  if (!(await context.confirmTag(image, hint.tag, lag))) {
    throw new RegistryError(`${imageName(image.ref)}:${hint.tag} (input tag) does not exist: the registry does not list it and its manifest is not found (${lag.attempts} HEAD requests over ${Math.round(((lag.attempts - 1) * lag.delayMs) / 1000)} s)`, {
      host: image.ref.registry,
      fix: 'Check the tag that was pushed and the image input; if the push had not finished, run again.',
    });
  }
  return [...tags, hint.tag];
}

const DEFAULT_HINT_LAG = { attempts: 3, delayMs: 2000, sleep: sleepFor };

function failed(item: ResolvedImage, error: unknown): ImageOutcome {
  const app = item.config.app;
  const context = error instanceof PromoterError ? error : undefined;
  const at = failureLocation(item, context);
  const wrapped = (error instanceof ConfigError && error.application === undefined) || at.origin !== undefined
    ? rewrap(context!, { application: app.label, file: at.file, line: at.line, annotation: context!.annotation, host: context!.host, fix: context!.fix, cause: context!.cause }, at.origin)
    : (context ?? (error instanceof Error ? error : new Error(String(error))));
  return {
    status: 'failed',
    entry: { application: app.label, alias: item.image.alias, message: toUserMessage(wrapped), file: at.file, line: at.line },
    error: wrapped,
  };
}

/**
 * failureLocation is the repo file and line an image's failure points at (issue 14 item 14): the error's
 * own when it is about a file of the repo, else the Application (its pull-secret annotation when the
 * credentials failed). A non-repo origin (a docker config path, "pull-secret annotation") goes into the message.
 */
function failureLocation(item: ResolvedImage, error: PromoterError | undefined): { file: string; line: number; origin?: string } {
  const app = item.config.app;
  const own = error?.file;
  if (own === undefined || own === app.file) return { file: app.file, line: error?.line ?? app.line };
  if (item.config.origin.kind === 'ImageUpdater' && own === item.config.origin.file) return { file: own, line: error?.line ?? item.config.origin.line };
  const secretKey = [`${ANNOTATION_PREFIX}${item.image.alias}.pull-secret`, `${ANNOTATION_PREFIX}pull-secret`].find((key) => app.annotationLines[key] !== undefined);
  const line = own === PULL_SECRET_ORIGIN && secretKey ? app.annotationLines[secretKey] : app.line;
  return { file: app.file, line, origin: own };
}

function rewrap(error: PromoterError, context: ErrorContext, origin: string | undefined): PromoterError {
  const Kind = error.constructor as new (message: string, context: ErrorContext) => PromoterError;
  return new Kind(origin === undefined ? error.message : `${origin}: ${error.message}`, context);
}
