/**
 * image-list: parses the `image-list` annotation exactly as argocd-image-updater 1.x does
 * (registry-scanner `image.NewFromIdentifier`, ARGOCD-IMAGE-UPDATER.md §1.1), including its mis-splits,
 * which are reported as warnings rather than silently "fixed".
 */
import { BadImageRefError, DOCKER_HUB, imageName, parseImageRef, updaterName, type ImageRef } from '../resolve/image-ref.js';

/** ImageListItem is one parsed `[<alias>=]<image>[:<constraint>]` item. */
export interface ImageListItem {
  /** The alias, or the image name as written (without tag/digest) when the item had none. */
  alias: string;
  hasAlias: boolean;
  /** The image, normalised (docker.io, library/), tag and digest cleared. */
  ref: ImageRef;
  /** The name the updater writes for it (`docker.io/` kept when written, see updaterName). */
  writtenName: string;
  /** The tag text after the image ("" when none); a digest pin is not a constraint (§1.1 item 6). */
  constraint: string;
  /** The item as written (trimmed). */
  raw: string;
  /** Remarks about surprising but faithful parses. */
  warnings: string[];
}

/** ImageListError says an item names no usable image. */
export class ImageListError extends Error {
  constructor(
    readonly item: string,
    reason: string,
  ) {
    super(`image-list item "${item}": ${reason}`);
    this.name = 'ImageListError';
  }
}

/** ALIAS_PATTERN is the CRD's alias rule; 1.x cannot configure an alias outside it per image. */
export const ALIAS_PATTERN = /^[a-zA-Z0-9][a-zA-Z0-9-._]*$/;

/** splitImageList splits the annotation on `,`, trims items and drops empty ones (1.x; 0.x kept them). */
export function splitImageList(value: string): string[] {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** parseImageList parses every item of an `image-list` value; throws ImageListError for an unusable item. */
export function parseImageList(value: string): ImageListItem[] {
  return splitImageList(value).map(parseImageListItem);
}

/** parseImageListItem parses one item: first `=` splits the alias, then reference parse, else the legacy splitter. */
export function parseImageListItem(raw: string): ImageListItem {
  const eq = raw.indexOf('=');
  // NewFromIdentifier: an empty alias (`=nginx:1.21`, `  =nginx`) leaves the image unaliased.
  const alias = eq >= 0 ? raw.slice(0, eq).trim() : '';
  const hasAlias = alias !== '';
  const image = eq >= 0 ? raw.slice(eq + 1).trim() : raw;
  let parsed: Parsed;
  try {
    parsed = parseAsReference(image) ?? parseLegacy(raw, image);
  } catch (error) {
    // The usual cause: a constraint with "=" and no alias, so the first "=" split the item in the wrong place.
    if (error instanceof ImageListError && hasAlias && !ALIAS_PATTERN.test(alias)) {
      throw new ImageListError(raw, `the first "=" made "${alias}" the alias and "${image}" the image, which is not an image name; write an alias first ("app=${raw}")`);
    }
    throw error;
  }
  const warnings = [...parsed.warnings];
  if (hasAlias && !ALIAS_PATTERN.test(alias)) {
    warnings.push(
      `alias "${alias}" is not a plain name, so no per-image key can name it; if a constraint with "=" was split here, write an alias first ("app=repo/img:>=1.0").`,
    );
  }
  const writtenName = parsed.legacy ? imageName(parsed.ref) : updaterName(image, parsed.ref);
  return { alias: hasAlias ? alias : parsed.name, hasAlias, ref: parsed.ref, writtenName, constraint: parsed.constraint, raw, warnings };
}

interface Parsed {
  /** Image name as written, without tag and digest. */
  name: string;
  ref: ImageRef;
  constraint: string;
  warnings: string[];
  /** Read by the legacy splitter (no Docker reference). */
  legacy?: boolean;
}

/** parseAsReference is the distribution `ParseNormalizedNamed` path: succeeds when the constraint is a legal tag. */
function parseAsReference(image: string): Parsed | undefined {
  let ref: ImageRef;
  try {
    ref = parseImageRef(image);
  } catch (error) {
    if (error instanceof BadImageRefError) return undefined;
    throw error;
  }
  const warnings: string[] = [];
  // With both a tag and a digest the updater keeps only the tag; with a digest alone the constraint is empty.
  if (ref.digest !== undefined) warnings.push(`the digest in "${image}" is ignored; only a tag is used as the constraint.`);
  return { name: nameAsWritten(image), ref: { registry: ref.registry, repository: ref.repository }, constraint: ref.tag ?? '', warnings };
}

function nameAsWritten(image: string): string {
  const at = image.indexOf('@');
  const noDigest = at >= 0 ? image.slice(0, at) : image;
  const colon = noDigest.lastIndexOf(':');
  return colon > noDigest.lastIndexOf('/') ? noDigest.slice(0, colon) : noDigest;
}

/**
 * parseLegacy is the updater's fallback splitter (`getRegistryFromIdentifier`/`getImageTagFromIdentifier`):
 * the first path component is a registry only when it contains a `.`; the tag is everything after the first
 * `:` of the rest. So `localhost:5000/app:^1.0` becomes image `localhost` with tag `5000/app:^1.0`.
 */
function parseLegacy(raw: string, image: string): Parsed {
  const parts = image.split('/');
  const registry = parts.length > 1 && parts[0].includes('.') ? parts[0] : '';
  let rest = registry === '' ? image : parts.slice(1).join('/');
  let constraint = '';
  const at = rest.indexOf('@');
  if (at >= 0) {
    rest = rest.slice(0, at);
  } else {
    const colon = rest.indexOf(':');
    if (colon >= 0) {
      constraint = rest.slice(colon + 1);
      rest = rest.slice(0, colon);
    }
  }
  const name = registry === '' ? rest : `${registry}/${rest}`;
  // Without a dotted host the updater asks the default registry (Docker Hub), even for `localhost/...`.
  const ref = refFromName(raw, registry === '' ? `${DOCKER_HUB}/${rest}` : name);
  const warnings: string[] = [];
  if (constraint.includes('/')) {
    warnings.push(
      `"${image}" was split the way argocd-image-updater splits it: image "${name}", constraint "${constraint}"; use a registry host with a "." or a constraint that is a legal tag.`,
    );
  }
  return { name, ref, constraint, warnings, legacy: true };
}

function refFromName(raw: string, name: string): ImageRef {
  try {
    const ref = parseImageRef(name);
    return { registry: ref.registry, repository: ref.repository };
  } catch (error) {
    const reason = error instanceof BadImageRefError ? error.message : String(error);
    throw new ImageListError(raw, `no image name can be read from it (${reason})`);
  }
}
