/**
 * Helm parameter paths (`image.tag`, `foo[1].image`), as argocd-image-updater reads them:
 * the whole dotted key as a literal root key first, then the nested path (ARGOCD-IMAGE-UPDATER.md §3.4).
 */

/** PathSegment is a map key or a list index. */
export type PathSegment = string | number;

/** parseHelmPath splits `a.b[2].c` into `['a', 'b', 2, 'c']`. */
export function parseHelmPath(key: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const part of key.split('.')) {
    const match = /^([^[\]]*)((?:\[\d+\])*)$/.exec(part);
    if (!match) {
      segments.push(part);
      continue;
    }
    if (match[1] !== '') segments.push(match[1]);
    for (const index of match[2].matchAll(/\[(\d+)\]/g)) segments.push(Number(index[1]));
  }
  return segments;
}

/** helmKeyPaths returns the paths to try for a key, in lookup order: literal root key, then nested. */
export function helmKeyPaths(key: string): PathSegment[][] {
  const nested = parseHelmPath(key);
  if (nested.length === 1 && nested[0] === key) return [[key]];
  return [[key], nested];
}
