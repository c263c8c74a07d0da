/**
 * decide-promotion: the pure decisions for a promoted image (issue 12). The candidate is the source's tag (and
 * digest) as git holds it; it must pass this image's own allow/ignore filters, constraint and downgrade rule.
 */
import { PromoterError, toUserMessage } from '../errors.js';
import { imageName } from '../resolve/image-ref.js';
import type { CurrentImage, ResolvedImage } from '../resolve/types.js';
import type { ImageOutcome, PublishMode } from '../report/result.js';
import { formatCurrent, targetFile } from '../query/decide.js';
import type { TagSortMode } from '../registry/client.js';
import { chooseCandidate, compareForStrategy, filterTags, metadataNeeded, type SelectionSpec } from '../strategy/select.js';
import type { Candidate } from '../strategy/types.js';
import type { SourceImage } from './link.js';

/** Source is the linked source image. */
export type Source = SourceImage;

/** specOf is the selection spec of the promoted image (its own strategy, constraint and filters). */
export function specOf(item: ResolvedImage, tagSortMode?: TagSortMode): SelectionSpec {
  const { image } = item;
  return { strategy: image.strategy, constraint: image.constraint, allowTags: image.allowTags, ignoreTags: image.ignoreTags, ...(tagSortMode ? { tagSortMode } : {}) };
}

/** valueKey is what "the same value" means in a file's history: tag and digest. */
export function valueKey(current: CurrentImage | undefined): string | undefined {
  if (current?.tag === undefined && current?.digest === undefined) return undefined;
  return `${current.tag ?? ''}@${current.digest ?? ''}`;
}

/** candidateOf is the source's current reference as a candidate. */
export function candidateOf(source: Source): Candidate | undefined {
  const current = source.item?.current;
  if (current?.tag === undefined) return undefined;
  return { tag: current.tag, ...(current.digest ? { digest: current.digest } : {}) };
}

/** Early is the outcome decided before any read, or the candidate to go on with. */
export type Early = { status: 'go'; candidate: Candidate; sourceLabel: string } | { status: 'done'; outcome: ImageOutcome };

/** checkCandidate decides what needs no history and no registry: holds, an unusable source, filters, constraint, unchanged. */
export function checkCandidate(item: ResolvedImage, source: Source): Early {
  const sourceLabel = `${source.config.app.label}/${source.image.alias}`;
  const done = (outcome: ImageOutcome): Early => ({ status: 'done', outcome });
  if (source.image.hold) return done(skippedPromotion(item, `${sourceLabel} is on hold (${source.image.hold}); nothing is promoted from it until the hold is lifted`));
  if (source.item === undefined) return done(skippedPromotion(item, `${sourceLabel} could not be read (see its own error or skip), so there is nothing to promote`));
  const candidate = candidateOf(source);
  if (candidate === undefined) return done(skippedPromotion(item, `${sourceLabel} runs no tag in git, so there is nothing to promote`));
  const spec = specOf(item);
  if (filterTags([candidate.tag], spec).kept.length === 0) {
    return done(skippedPromotion(item, `${candidate.tag} (from ${sourceLabel}) is refused by this image's allow-tags/ignore-tags`));
  }
  if (metadataNeeded(spec) !== 'created' && chooseCandidate(spec, [candidate]).chosen === null) return done(skippedPromotion(item, constraintReason(item, candidate, sourceLabel)));
  if (isSame(item.current, candidate, item.image.pinDigest === true)) {
    const app = item.config.app.label;
    return done({ status: 'unchanged', entry: { application: app, alias: item.image.alias, image: imageName(item.image.ref), tag: candidate.tag, strategy: item.image.strategy, file: targetFile(item.target) } });
  }
  return { status: 'go', candidate, sourceLabel };
}

/** isSame: git already runs the candidate (a digest the source pins must be pinned here too; pin-digest wants one). */
function isSame(current: CurrentImage | undefined, candidate: Candidate, pinDigest: boolean): boolean {
  if (current?.tag !== candidate.tag) return false;
  if (candidate.digest === undefined) return !pinDigest || current.digest !== undefined;
  return current.digest === candidate.digest;
}

function constraintReason(item: ResolvedImage, candidate: Candidate, sourceLabel: string): string {
  const constraint = item.image.constraint ? ` (constraint ${item.image.constraint})` : '';
  return `${candidate.tag} (from ${sourceLabel}) does not pass this image's ${item.image.strategy} strategy${constraint}`;
}

/** PromotionDecision is what the reads learned: the confirmed candidate (registry digest), the current tag, the note. */
export interface PromotionDecision {
  candidate: Candidate;
  /** The digest the source pins, if any: written as-is. */
  sourceDigest?: string;
  current?: Candidate;
  /** `<application>/<alias>` of the source. */
  sourceLabel: string;
  /** "from web-staging/web" or "in web-staging/web since … soaked 26 h". */
  note: string;
  tagSortMode?: TagSortMode;
  allowDowngrade: boolean;
  mode: PublishMode;
}

/** decidePromotion turns a confirmed candidate into update or skipped (constraint with build times, downgrade). */
export function decidePromotion(item: ResolvedImage, decision: PromotionDecision): ImageOutcome {
  const { candidate, current } = decision;
  const spec = specOf(item, decision.tagSortMode);
  if (chooseCandidate(spec, [candidate]).chosen === null) return skippedPromotion(item, constraintReason(item, candidate, decision.sourceLabel));
  if (!decision.allowDowngrade && current !== undefined && current.tag !== candidate.tag && compareForStrategy(spec, candidate, current) < 0) {
    return skippedPromotion(item, `refusing to downgrade ${imageName(item.image.ref)} from ${current.tag} to ${candidate.tag} (${decision.note}; the ${item.image.strategy} strategy orders ${candidate.tag} before ${current.tag}); set allow-downgrade: true to promote it anyway`);
  }
  // The source's pinned digest is written as-is; with pin-digest, or a target pinned already, the digest just confirmed.
  const written = decision.sourceDigest ?? (item.image.pinDigest === true || item.current?.digest !== undefined ? candidate.digest : undefined);
  const app = item.config.app.label;
  return {
    status: 'update',
    update: {
      entry: { application: app, alias: item.image.alias, image: imageName(item.image.ref), from: formatCurrent(item), to: candidate.tag, digest: candidate.digest ?? null, strategy: item.image.strategy, file: targetFile(item.target), mode: decision.mode, promotedFrom: decision.note },
      resolved: item,
      newImage: written === undefined ? { tag: candidate.tag } : { tag: candidate.tag, digest: written },
    },
  };
}

/** skippedPromotion is a skipped outcome for the image. */
export function skippedPromotion(item: ResolvedImage, reason: string): ImageOutcome {
  return { status: 'skipped', entry: { application: item.config.app.label, alias: item.image.alias, reason } };
}

/** failedPromotion is a failed outcome located at the Application (or the error's own place). */
export function failedPromotion(item: ResolvedImage, error: unknown): ImageOutcome {
  const app = item.config.app;
  const wrapped = error instanceof PromoterError ? error : new PromoterError(error instanceof Error ? error.message : String(error), { application: app.label, cause: error });
  const file = wrapped.file ?? app.file;
  const line = wrapped.line ?? app.annotationLines[item.image.promotion?.fromKey ?? ''] ?? app.line;
  return { status: 'failed', entry: { application: app.label, alias: item.image.alias, message: toUserMessage(wrapped), file, line }, error: wrapped };
}
