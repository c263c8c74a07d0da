/**
 * ImageRef: the one value type for image references (go-containerregistry `pkg/name` style).
 * References are normalised: Docker Hub is `docker.io`, and its one-segment repositories get `library/`.
 */

/** DOCKER_HUB is the canonical registry host of Docker Hub. */
export const DOCKER_HUB = 'docker.io';
const DOCKER_HUB_ALIASES = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);

/** ImageRef is a parsed image reference. `registry` is a host[:port]; `repository` has no host. */
export interface ImageRef {
  readonly registry: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** BadImageRefError says a string is not an image reference. */
export class BadImageRefError extends Error {
  constructor(
    readonly input: string,
    reason: string,
  ) {
    super(`"${input}" is not an image reference: ${reason}`);
    this.name = 'BadImageRefError';
  }
}

// Grammar from distribution/reference (reference.go), restated.
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;
const DOMAIN = /^(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\[[0-9a-fA-F:]+\])(?::[0-9]+)?$/;

/** isRegistryHost tells whether the first path component of a reference names a registry. */
export function isRegistryHost(component: string): boolean {
  return component.includes('.') || component.includes(':') || component === 'localhost';
}

/** parseImageRef parses `[host/]repo[:tag][@digest]` and normalises Docker Hub names. */
export function parseImageRef(input: string): ImageRef {
  const text = input.trim();
  if (text === '') throw new BadImageRefError(input, 'it is empty');
  let rest = text;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!DIGEST.test(digest)) throw new BadImageRefError(input, `bad digest "${digest}"`);
  }
  let tag: string | undefined;
  const lastColon = rest.lastIndexOf(':');
  if (lastColon > rest.lastIndexOf('/')) {
    tag = rest.slice(lastColon + 1);
    rest = rest.slice(0, lastColon);
    if (!TAG.test(tag)) throw new BadImageRefError(input, `bad tag "${tag}"`);
  }
  const { registry, repository } = splitName(input, rest);
  return { registry, repository, ...(tag === undefined ? {} : { tag }), ...(digest === undefined ? {} : { digest }) };
}

function splitName(input: string, name: string): { registry: string; repository: string } {
  const slash = name.indexOf('/');
  let registry = DOCKER_HUB;
  let repository = name;
  if (slash > 0 && isRegistryHost(name.slice(0, slash))) {
    registry = name.slice(0, slash);
    repository = name.slice(slash + 1);
    if (!DOMAIN.test(registry)) throw new BadImageRefError(input, `bad registry host "${registry}"`);
  }
  if (DOCKER_HUB_ALIASES.has(registry.toLowerCase())) {
    registry = DOCKER_HUB;
    if (!repository.includes('/')) repository = `library/${repository}`;
  }
  for (const component of repository.split('/')) {
    if (!PATH_COMPONENT.test(component)) {
      throw new BadImageRefError(input, `bad repository name "${repository}" (lower-case letters, digits and . _ - only)`);
    }
  }
  return { registry, repository };
}

/** tryParseImageRef returns undefined instead of throwing. */
export function tryParseImageRef(input: string): ImageRef | undefined {
  try {
    return parseImageRef(input);
  } catch {
    return undefined;
  }
}

/**
 * imageName is `registry/repository` in familiar form (Docker Hub names without host and `library/`). A Docker Hub
 * repository whose first component would read as a host (`docker.io/my.org/app`) keeps `docker.io/`, so the name
 * still means the same image when it is read again.
 */
export function imageName(ref: Pick<ImageRef, 'registry' | 'repository'>): string {
  if (ref.registry === DOCKER_HUB && !isRegistryHost(ref.repository.split('/')[0])) {
    return ref.repository.startsWith('library/') ? ref.repository.slice('library/'.length) : ref.repository;
  }
  return `${ref.registry}/${ref.repository}`;
}

/** formatImageRef renders a reference in familiar form: `name[:tag][@digest]`. */
export function formatImageRef(ref: ImageRef): string {
  const tag = ref.tag === undefined ? '' : `:${ref.tag}`;
  const digest = ref.digest === undefined ? '' : `@${ref.digest}`;
  return `${imageName(ref)}${tag}${digest}`;
}

/** sameRepository compares registry and repository of two references (tags and digests ignored). */
export function sameRepository(a: Pick<ImageRef, 'registry' | 'repository'>, b: Pick<ImageRef, 'registry' | 'repository'>): boolean {
  return a.registry.toLowerCase() === b.registry.toLowerCase() && a.repository === b.repository;
}

/**
 * updaterName is the name argocd-image-updater writes for an image-list item (registry-scanner
 * `GetFullNameWithoutTag` after `NewFromIdentifier`): Docker Hub names keep the `docker.io/` the text
 * was written with (`docker.io/bitnami/nginx`, `docker.io/nginx`), `library/` stays only when written first.
 */
export function updaterName(text: string, ref: Pick<ImageRef, 'registry' | 'repository'>): string {
  if (ref.registry !== DOCKER_HUB) return imageName(ref);
  const path = text.startsWith('library/') ? ref.repository : imageName(ref);
  return text.startsWith('docker.io') ? `${DOCKER_HUB}/${path}` : path;
}

/** specName is the name an image is written with: the form its image-list item used, else the familiar form. */
export function specName(image: { ref: Pick<ImageRef, 'registry' | 'repository'>; writtenName?: string }): string {
  return image.writtenName ?? imageName(image.ref);
}
