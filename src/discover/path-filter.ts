/**
 * path-filter: the `paths` / `exclude-paths` inputs choose which files are read for Applications and
 * ImageUpdaters. Globs (picomatch, dotfiles included) on repo-relative paths; a glob that matches a directory
 * covers everything below it, so `argocd-apps/prod` and `argocd-apps/*` work as well as `argocd-apps/**\/*.yaml`.
 */
import picomatch from 'picomatch';

/** PathFilter tells whether a repo-relative file is read, and which globs matched nothing. */
export interface PathFilter {
  wanted: (file: string) => boolean;
  /** The include and exclude globs that matched no file of `files` (for "nothing matched" warnings). */
  unmatched: (files: readonly string[]) => { paths: string[]; excludePaths: string[] };
}

/** pathFilter builds the filter; no include globs means every file. */
export function pathFilter(paths: readonly string[] = [], excludePaths: readonly string[] = []): PathFilter {
  const include = paths.map(matcher);
  const exclude = excludePaths.map(matcher);
  const wanted = (file: string) => (include.length === 0 || include.some((m) => m(file))) && !exclude.some((m) => m(file));
  const unmatched = (files: readonly string[]) => ({
    paths: paths.filter((_, i) => !files.some((f) => include[i](f))),
    excludePaths: excludePaths.filter((_, i) => !files.some((f) => exclude[i](f))),
  });
  return { wanted, unmatched };
}

// A glob matches a file when it matches the file or one of the directories above it.
function matcher(glob: string): (file: string) => boolean {
  const isMatch = picomatch(glob.replace(/^\.\//, '').replace(/\/+$/, ''), { dot: true });
  return (file) => {
    const parts = file.split('/');
    for (let n = parts.length; n > 0; n--) if (isMatch(parts.slice(0, n).join('/'))) return true;
    return false;
  };
}
