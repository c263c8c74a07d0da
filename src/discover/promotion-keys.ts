/**
 * promotion-keys: this tool's per-image promotion annotations (issue 12), read from the Application's own
 * annotations whichever form configures its images (annotations or an ImageUpdater CR, whose image aliases they
 * name): `<alias>.promote-from`, `<alias>.promote-after`, `<alias>.promote-gates`, `<alias>.hold`,
 * `<alias>.pin-digest`, and the app-wide forms without `<alias>.`; `<alias>.helm.image-digest` is per alias only
 * (like the updater's helm.* keys). A per-alias key wins over the app-wide one, as for the updater's own keys.
 * Values are strict: a typo is an AnnotationError naming the key, its line and the fix.
 * A new per-image key is a field of ImagePromotion read in promotionOf, and its name in PROMOTION_KEYS.
 */
import { AnnotationError } from '../errors.js';
import { helmPathProblem } from '../resolve/helm-path.js';
import { parseGoDuration } from './go-duration.js';
import { PROMOTER_PREFIX, type Application, type ImageSpec } from './types.js';

/** PROMOTION_KEYS are the promotion keys, per alias (`<alias>.<key>`) and app-wide. */
export const PROMOTION_KEYS = ['promote-from', 'promote-after', 'promote-gates', 'hold', 'pin-digest', 'helm.image-digest'] as const;

/** PER_ALIAS_ONLY are the promotion keys that have no app-wide form (they name a key of one image's values). */
const PER_ALIAS_ONLY: readonly string[] = ['helm.image-digest'];

/** Gates are the conditions on the source commit that introduced the candidate (promote-gates). */
export interface Gates {
  /** `all`: every check run and commit status reported on it must pass; else these names (check run name or status context). */
  checks: 'all' | string[];
  /** The annotation that set them. */
  key: string;
}

/** Promotion says where an image's candidate comes from and when it may be taken (promote-from & co.). */
export interface Promotion {
  /** The source as written: `<application>[/<alias>]`, the application being a name, `namespace/name` or a report label. */
  from: string;
  /** The annotation holding `from` (full key), for messages. */
  fromKey: string;
  /** Soak time: the source must have run the tag this long (promote-after). */
  after?: { ms: number; text: string; key: string };
  gates?: Gates;
}

/** ImagePromotion is what the promotion keys say about one image. */
export interface ImagePromotion {
  promotion?: Promotion;
  /** The annotation (full key) that holds this image: it is not updated, and nothing is promoted from it. */
  hold?: string;
  /** pin-digest: true: the chosen tag is written with its digest, whatever the strategy. */
  pinDigest?: boolean;
  /** `<alias>.helm.image-digest`: the Helm values key that gets the digest (the tag key then gets the bare tag). */
  helmDigestKey?: string;
}

/** isPromotionKey tells whether a key name after PROMOTER_PREFIX is a promotion key (app-wide or `<alias>.`-prefixed). */
export function isPromotionKey(name: string): boolean {
  return PROMOTION_KEYS.some((key) => name === key || name.endsWith(`.${key}`));
}

/** withPromotion returns the images with their promotion settings; an alias key naming no image is an error. */
export function withPromotion(app: Application, images: readonly ImageSpec[]): ImageSpec[] {
  checkAliases(app, images);
  return images.map((image) => {
    const found = promotionOf(app, image);
    if (found.helmDigestKey !== undefined) checkDigestKey(app, image, found);
    return {
      ...image,
      ...(found.promotion ? { promotion: found.promotion } : {}),
      ...(found.hold ? { hold: found.hold } : {}),
      ...(found.pinDigest ? { pinDigest: true } : {}),
      ...(found.helmDigestKey !== undefined ? { helm: { ...image.helm, digest: found.helmDigestKey } } : {}),
    };
  });
}

/** promotionOf reads one image's promotion keys. */
export function promotionOf(app: Application, image: Pick<ImageSpec, 'alias' | 'hasAlias'>): ImagePromotion {
  const pick = (key: string) => pickKey(app, image, key);
  const out: ImagePromotion = {};
  const hold = pick('hold');
  if (hold && readBool(app, hold, 'hold', 'Write "true" to hold the image, or "false".')) out.hold = hold.key;
  const pin = pick('pin-digest');
  if (pin && readBool(app, pin, 'pin-digest', 'Write "true" to write the tag with its digest, or "false".')) out.pinDigest = true;
  const digestKey = image.hasAlias ? pick('helm.image-digest') : undefined;
  if (digestKey) out.helmDigestKey = digestKey.value;
  const from = pick('promote-from');
  const after = pick('promote-after');
  const gates = pick('promote-gates');
  if (!from) {
    const orphan = after ?? gates;
    if (orphan) fail(app, orphan.key, `${shortKey(orphan.key)} is set but no promote-from says where to promote from`, `Add ${PROMOTER_PREFIX}${image.hasAlias ? `${image.alias}.` : ''}promote-from: <application>[/<alias>], or remove ${shortKey(orphan.key)}.`);
    return out;
  }
  out.promotion = {
    from: readSource(app, from.key, from.value),
    fromKey: from.key,
    ...(after ? { after: readAfter(app, after.key, after.value) } : {}),
    ...(gates ? { gates: readGates(app, gates.key, gates.value) } : {}),
  };
  return out;
}

function pickKey(app: Application, image: Pick<ImageSpec, 'alias' | 'hasAlias'>, key: string): { key: string; value: string } | undefined {
  const perAlias = image.hasAlias ? app.annotations[`${PROMOTER_PREFIX}${image.alias}.${key}`] : undefined;
  if (perAlias !== undefined && perAlias.trim() !== '') return { key: `${PROMOTER_PREFIX}${image.alias}.${key}`, value: perAlias.trim() };
  const appWide = PER_ALIAS_ONLY.includes(key) ? undefined : app.annotations[`${PROMOTER_PREFIX}${key}`];
  return appWide !== undefined && appWide.trim() !== '' ? { key: `${PROMOTER_PREFIX}${key}`, value: appWide.trim() } : undefined;
}

// An Application's report label may hold spaces and slashes (`web (apps/prod/web.yaml)`); link.ts reads the rest.
const SOURCE = /^[^/](?:.*[^/])?$/;

function readSource(app: Application, key: string, value: string): string {
  if (!SOURCE.test(value)) {
    fail(app, key, `promote-from "${value}" is not <application>[/<alias>]`, 'Name the source Application (name, namespace/name) and, when its alias differs, the alias: promote-from: web-staging/web.');
  }
  return value;
}

function readAfter(app: Application, key: string, value: string): NonNullable<Promotion['after']> {
  const parsed = parseGoDuration(value);
  if (!parsed.ok) fail(app, key, `promote-after "${value}" is not a duration (${parsed.error})`, 'Write a Go duration such as 24h, 90m or 1h30m.');
  if (parsed.nanoseconds < 0n) fail(app, key, `promote-after "${value}" is negative`, 'Write a soak time of 0 or more, such as 24h.');
  return { ms: Number(parsed.nanoseconds / 1_000_000n), text: value, key };
}

const GATES = /^checks(?::(.+))?$/;

function readGates(app: Application, key: string, value: string): Gates {
  const match = GATES.exec(value);
  const names = match?.[1]?.split(',').map((name) => name.trim());
  if (!match || names?.some((name) => name === '')) {
    fail(app, key, `promote-gates "${value}" is not "checks" or "checks:<name>[,<name>…]"`, 'Write promote-gates: checks (every check and status on the source commit must pass) or checks:smoke,e2e (these must pass).');
  }
  return { checks: names ?? 'all', key };
}

/** readBool reads a strict true/false (HOUSE-STYLE 2: "yes" is refused, not coerced). */
function readBool(app: Application, { key, value }: { key: string; value: string }, name: string, fix: string): boolean {
  if (value !== 'true' && value !== 'false') fail(app, key, `${name} "${value}" is not true or false`, fix);
  return value === 'true';
}

/** checkDigestKey refuses a Helm digest key that nothing would fill or that fights helm.image-spec. */
function checkDigestKey(app: Application, image: ImageSpec, found: ImagePromotion): void {
  const key = `${PROMOTER_PREFIX}${image.alias}.helm.image-digest`;
  if (helmPathProblem(found.helmDigestKey!) !== undefined) fail(app, key, helmPathProblem(found.helmDigestKey!)!, 'Write a Helm values path such as image.digest or images[0].digest.');
  if (image.helm?.spec) fail(app, key, `helm.image-digest is set, but ${image.alias}.helm.image-spec writes the whole reference (repo:tag@digest) into one key`, `Remove ${image.alias}.helm.image-digest, or write helm.image-name and helm.image-tag instead of helm.image-spec.`);
  if (!found.pinDigest && image.strategy !== 'digest') {
    fail(app, key, `helm.image-digest is set, but image ${image.alias} writes no digest (update-strategy ${image.strategy}, no pin-digest)`, `Add ${PROMOTER_PREFIX}${image.alias}.pin-digest: "true", or remove ${image.alias}.helm.image-digest.`);
  }
}

/** checkAliases refuses `<alias>.<promotion key>` for an alias that is not one of the images. */
function checkAliases(app: Application, images: readonly ImageSpec[]): void {
  const aliases = new Set(images.filter((i) => i.hasAlias).map((i) => i.alias));
  for (const full of Object.keys(app.annotations)) {
    if (!full.startsWith(PROMOTER_PREFIX)) continue;
    const name = full.slice(PROMOTER_PREFIX.length);
    if (PER_ALIAS_ONLY.includes(name)) fail(app, full, `${name} is read per image only`, `Write ${PROMOTER_PREFIX}<alias>.${name} with one of: ${[...aliases].join(', ') || '(no aliased image: give the image an alias in image-list)'}.`);
    // Longest first, so `web.helm.image-digest` is never read as alias `web.helm` + a shorter key.
    const key = [...PROMOTION_KEYS].sort((a, b) => b.length - a.length).find((k) => name.endsWith(`.${k}`));
    if (key === undefined) continue;
    const alias = name.slice(0, -key.length - 1);
    if (!aliases.has(alias)) fail(app, full, `annotation names alias "${alias}", which is not an alias of this Application's images`, `Rename it to <alias>.${key} with one of: ${[...aliases].join(', ') || '(no aliased image; write the app-wide key)'}.`);
  }
}

function shortKey(key: string): string {
  return key.slice(PROMOTER_PREFIX.length);
}

function fail(app: Application, key: string, message: string, fix: string): never {
  throw new AnnotationError(message, { application: app.label, annotation: key, file: app.file, line: app.annotationLines[key] ?? app.line, fix });
}
