/** decideOutcome: the pure decision for one image once a tag has been chosen (SPEC §2.3). */
import { imageName, sameRepository, tryParseImageRef } from '../resolve/image-ref.js';
import type { EditTarget, ResolvedImage } from '../resolve/types.js';
import type { ImageOutcome, PublishMode } from '../report/result.js';
import type { Candidate } from '../strategy/types.js';

/** Decision is what the query stage learned about one image. */
export interface Decision {
  chosen: Candidate | null;
  /** The current tag as a candidate (with metadata when the strategy orders by it). */
  current?: Candidate;
  /** Whether the updater would write a change (its inequality test, §2.1 step 7). */
  updates: boolean;
  /** isDowngrade(a, b): a is older than b by the strategy's own order. */
  isDowngrade(a: Candidate, b: Candidate): boolean;
  allowDowngrade: boolean;
  mode: PublishMode;
}

/** targetFile is the repo-relative file an image's change lands in. */
export function targetFile(target: EditTarget): string {
  return target.kind === 'manifest' ? (target.files[0] ?? '') : target.file;
}

/** formatCurrent renders the current reference as `tag[@digest]`, or null. */
export function formatCurrent(item: ResolvedImage): string | null {
  const current = item.current;
  if (current?.tag === undefined && current?.digest === undefined) return null;
  return current.digest === undefined ? (current.tag ?? '') : `${current.tag ?? ''}@${current.digest}`;
}

/** decideOutcome turns a choice into update, unchanged or skipped. */
export function decideOutcome(item: ResolvedImage, decision: Decision): ImageOutcome {
  const app = item.config.app.label;
  const alias = item.image.alias;
  const image = imageName(item.image.ref);
  const strategy = item.image.strategy;
  const file = targetFile(item.target);
  const { chosen } = decision;
  if (chosen === null) {
    const reason = `no tag of ${image} passes the filters and the ${strategy} strategy${item.image.constraint ? ` (constraint ${item.image.constraint})` : ''}`;
    return { status: 'skipped', entry: { application: app, alias, reason } };
  }
  if (!decision.updates && !changesName(item)) {
    return { status: 'unchanged', entry: { application: app, alias, image, tag: chosen.tag, strategy, file } };
  }
  if (isRefusedDowngrade(decision, chosen)) {
    const reason = `refusing to downgrade ${image} from ${decision.current!.tag} to ${chosen.tag} (the ${strategy} strategy orders ${chosen.tag} before ${decision.current!.tag}); set allow-downgrade: true to follow the updater's pick`;
    return { status: 'skipped', entry: { application: app, alias, reason } };
  }
  // The digest is reported whenever known, but written only for the digest strategy (as the updater does)
  // and for images that ask for it (pin-digest, issue 12).
  const digest = chosen.digest ?? null;
  const pinned = (strategy === 'digest' || item.image.pinDigest === true) && digest !== null;
  return {
    status: 'update',
    update: {
      entry: { application: app, alias, image, from: formatCurrent(item), to: chosen.tag, digest, strategy, file, mode: decision.mode },
      resolved: item,
      newImage: pinned ? { tag: chosen.tag, digest } : { tag: chosen.tag },
    },
  };
}

/**
 * changesName: on a kustomize target with kustomize.image-name, git runs the image under another
 * repository than the image-list names (a registry move, `org/app` -> `gcr.io/org/app`). The updater
 * rewrites the name even when the tag stays (update.go needsUpdate: `KustomizeImage.DiffersFrom`).
 */
export function changesName(item: ResolvedImage): boolean {
  const target = item.target;
  const kustomize = target.kind === 'kustomization' || (target.kind === 'argocd-source' && target.appType === 'kustomize');
  const name = item.current?.name;
  if (!kustomize || !item.image.hasAlias || !item.image.kustomizeImageName || name === undefined) return false;
  const running = tryParseImageRef(name);
  return running !== undefined && !sameRepository(running, item.image.ref);
}

function isRefusedDowngrade(decision: Decision, chosen: Candidate): boolean {
  const current = decision.current;
  if (decision.allowDowngrade || current === undefined || current.tag === chosen.tag) return false;
  return decision.isDowngrade(chosen, current);
}
