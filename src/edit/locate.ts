/**
 * Finding the node for a key path (`['image', 'tag']`, `['containers', 0, 'image']`) in a parsed
 * document, the way argocd-image-updater walks Helm values (pkg/argocd/update.go `setHelmValue`):
 * map keys by their string value, `[n]` list indexes, one level of YAML alias followed.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair, type YAMLMap } from 'yaml';
import { EditError } from '../errors.js';
import type { PathSegment } from '../resolve/helm-path.js';
import { lineOf, rangeOf } from './splice.js';

/** Located is the result of a lookup: the node, or where the missing rest of the path would go. */
export type Located =
  | { kind: 'found'; node: Node; pair?: Pair }
  | {
      kind: 'missing';
      /** The map that lacks `remaining[0]`, or null when the key exists with an empty value (`holder`). */
      map: YAMLMap | null;
      holder?: Pair;
      /** The document root is empty: the whole path is missing. */
      emptyRoot?: boolean;
      remaining: string[];
    };

/** isEmptyScalar tells whether a node is an empty value (`key:` with nothing after it; `? key` has no node at all). */
export function isEmptyScalar(node: unknown): boolean {
  return isScalar(node) ? node.value === null && !node.source : node === null;
}

/** findPair returns the pair of a map whose key is the scalar `key`. */
export function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => isScalar(p.key) && String(p.key.value) === key) as Pair | undefined;
}

/** derefOnce follows one level of alias (the updater does the same; an alias of an alias is not followed). */
export function derefOnce(doc: Document, node: unknown): unknown {
  return isAlias(node) ? node.resolve(doc) : node;
}

/** locatePath walks `path` from the document root; `text` and `file` are for error messages. */
export function locatePath(doc: Document, path: PathSegment[], text: string, file: string): Located {
  let current: unknown = doc.contents;
  let pair: Pair | undefined;
  if (current === null || (isScalar(current) && current.value === null)) {
    return { kind: 'missing', map: null, emptyRoot: true, remaining: keysOnly(path, 0, text, file) };
  }
  for (let i = 0; i < path.length; i++) {
    const segment = path[i];
    const node = derefOnce(doc, current);
    if (typeof segment === 'number') {
      if (!isSeq(node) || segment >= node.items.length) throw notThere(path, i, node, text, file);
      current = node.items[segment];
      pair = undefined;
      continue;
    }
    if (!isMap(node)) throw notThere(path, i, node, text, file);
    const found = findPair(node, segment);
    if (!found) return { kind: 'missing', map: node, remaining: keysOnly(path, i, text, file) };
    const value = found.value;
    if (i < path.length - 1 && isEmptyScalar(value)) {
      return { kind: 'missing', map: null, holder: found, remaining: keysOnly(path, i + 1, text, file) };
    }
    current = value;
    pair = found;
  }
  return { kind: 'found', node: current as Node, pair };
}

function keysOnly(path: PathSegment[], from: number, text: string, file: string): string[] {
  const rest = path.slice(from);
  if (rest.some((s) => typeof s === 'number')) {
    throw new EditError(`the list in "${formatPath(path)}" does not exist, so its entry cannot be created`, {
      file,
      line: lineOf(text, 0),
      fix: 'Create the list in the file, or point the annotation at an existing key.',
    });
  }
  return rest as string[];
}

function notThere(path: PathSegment[], i: number, node: unknown, text: string, file: string): EditError {
  const where = formatPath(path.slice(0, i)) || 'the document root';
  const what = typeof path[i] === 'number' ? `list index [${path[i]}]` : `key "${path[i]}"`;
  // derefOnce gives a scalar, list or map here: an empty `key:` on the way is a holder (locatePath).
  const kind = isScalar(node) ? 'a scalar' : isSeq(node) ? 'a list' : 'a map';
  return new EditError(`cannot reach ${what} of "${formatPath(path)}": ${where} is ${kind}`, {
    file,
    line: lineOf(text, rangeOf(node)[0]),
    fix: 'Point the annotation at a key path that exists in this file, or fix the file.',
  });
}

/** formatPath renders a path as the Helm parameter name it came from (`a.b[0].c`). */
export function formatPath(path: PathSegment[]): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
