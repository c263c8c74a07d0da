/**
 * Helm parameter paths (`image.tag`, `foo[1].image`), as argocd-image-updater reads them
 * (pkg/argocd/update.go `resolveHelmScalarNode`): the nested path first, then the whole dotted key
 * as a literal root key (ARGOCD-IMAGE-UPDATER.md §3.4).
 */

/** PathSegment is a map key or a list index. */
export type PathSegment = string | number;

/** HelmPathError says a key has a list index the updater rejects (`images[-1]`, `image[x]`). */
export class HelmPathError extends Error {
  constructor(
    readonly key: string,
    reason: string,
  ) {
    super(`Helm key "${key}" ${reason}`);
    this.name = 'HelmPathError';
  }
}

// The updater's listElementPattern `^(.*)\[(.*)\]$`, applied to each dot-separated part.
const HAS_INDEX = /^(.*)\[(.*)\]$/;
const INDEXES = /^([^[\]]*)((?:\[\d+\])+)$/;

/** parseHelmPath splits `a.b[2].c` into `['a', 'b', 2, 'c']`; throws HelmPathError for a bad index. */
export function parseHelmPath(key: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const part of key.split('.')) {
    const bracket = HAS_INDEX.exec(part);
    if (!bracket) {
      segments.push(part);
      continue;
    }
    const match = INDEXES.exec(part);
    if (!match) {
      // update.go setHelmValue: "id ... in yaml array must match pattern", "id -1 is out of range".
      throw new HelmPathError(key, `has list index "[${bracket[2]}]" in "${part}", which is not a number 0 or more`);
    }
    if (match[1] !== '') segments.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

/** helmPathProblem returns why `key` is not a usable nested path, or undefined when it is. */
export function helmPathProblem(key: string): string | undefined {
  try {
    parseHelmPath(key);
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * helmKeyPaths returns the paths to try for a key, in the updater's lookup order: the nested path,
 * then the literal root key. A key with a malformed index has only its literal path.
 */
export function helmKeyPaths(key: string): PathSegment[][] {
  if (helmPathProblem(key) !== undefined) return [[key]];
  const nested = parseHelmPath(key);
  if (nested.length === 1 && nested[0] === key) return [[key]];
  return [nested, [key]];
}
