/**
 * setPathValue: write one string at a key path, splicing an existing scalar in place or inserting
 * the missing keys as text. The building block of every target module.
 */
import { isMap, isScalar, type Document, type YAMLMap } from 'yaml';
import { EditError } from '../errors.js';
import type { PathSegment } from '../resolve/helm-path.js';
import { insertAtRoot, insertIntoMap, insertUnderKey, nestTree } from './insert.js';
import { formatPath, isEmptyScalar, locatePath } from './locate.js';
import { needsQuoting, quoteDouble } from './scalar.js';
import { lineOf, rangeOf, replaceScalar, type Splice } from './splice.js';

/** SetResult is the splice for one value, and the dotted path when keys had to be created. */
export interface SetResult {
  splice: Splice;
  created?: string;
}

/** setPathValue returns the splice that makes `path` hold the string `value` in `doc`. */
export function setPathValue(text: string, doc: Document, path: PathSegment[], value: string, file: string): SetResult {
  const located = locatePath(doc, path, text, file);
  if (located.kind === 'missing') {
    const created = formatPath(path);
    const [first, ...rest] = located.remaining;
    if (located.holder) return { splice: insertUnderKey(text, located.holder, { map: [[first, nestTree(rest, value)]] }), created };
    if (located.emptyRoot) return { splice: insertAtRoot(text, first, nestTree(rest, value)), created };
    return { splice: insertIntoMap(text, located.map as YAMLMap, first, nestTree(rest, value)), created };
  }
  const node = located.node;
  // `? key` with no value has no node: its key gives the line.
  const offset = rangeOf(node ?? located.pair?.key)[0];
  if (isScalar(node) && isEmptyScalar(node)) {
    // `key:` with nothing after it: the empty scalar sits right after the colon.
    return { splice: { start: offset, end: offset, text: ` ${needsQuoting(value) ? quoteDouble(value) : value}` } };
  }
  if (!isScalar(node)) {
    const what = isMap(node) ? 'a map' : node === null ? 'empty' : 'not a scalar (list or alias)';
    throw new EditError(`"${formatPath(path)}" is ${what}, not a value`, {
      file,
      line: lineOf(text, offset),
      fix: 'Point the annotation at the key that holds the value itself.',
    });
  }
  return { splice: replaceScalar(text, node, value, file) };
}
