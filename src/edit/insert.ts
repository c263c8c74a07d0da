/**
 * Inserting what is missing (keys, list entries) and removing a key, as text, with the indentation
 * and style (block or flow) of the surrounding node. Used only where a key or entry is missing;
 * existing values are spliced in place (splice.ts).
 */
import { isPair, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { EditError } from '../errors.js';
import { needsQuoting, quoteDouble } from './scalar.js';
import { columnOf, eolOf, indentStep, lineEndAfter, lineOf, lineStart, rangeOf, type Splice } from './splice.js';

/** Tree is a value to insert: a string scalar, a map (ordered entries) or a list. */
export type Tree = string | { raw: string } | { map: [string, Tree][] } | { seq: Tree[] };

/** nestTree wraps `leaf` in maps for each of `keys` (`['a','b']`, v -> {a: {b: v}}). */
export function nestTree(keys: string[], leaf: Tree): Tree {
  return keys.reduceRight<Tree>((inner, key) => ({ map: [[key, inner]] }), leaf);
}

function scalar(value: string): string {
  return needsQuoting(value) ? quoteDouble(value) : value;
}

/** blockLines renders `key: tree` in block style at `indent` (lists compact, as kustomize writes them). */
export function blockLines(key: string, tree: Tree, indent: number, step: number): string[] {
  const pad = ' '.repeat(indent);
  if (typeof tree === 'string') return [`${pad}${scalar(key)}: ${scalar(tree)}`];
  if ('raw' in tree) return [`${pad}${scalar(key)}: ${tree.raw}`];
  if ('map' in tree) return [`${pad}${scalar(key)}:`, ...tree.map.flatMap(([k, v]) => blockLines(k, v, indent + step, step))];
  return [`${pad}${scalar(key)}:`, ...tree.seq.flatMap((item) => seqItemLines(item, indent, indent + 2, step))];
}

/** seqItemLines renders one list item with its `-` at `dashCol` and its content at `contentCol`. */
export function seqItemLines(item: Tree, dashCol: number, contentCol: number, step: number): string[] {
  const lead = `${' '.repeat(dashCol)}-${' '.repeat(Math.max(1, contentCol - dashCol - 1))}`;
  // A scalar, or a nested list in flow style (`- [a, b]`); a map starts on the dash line.
  if (typeof item === 'string' || !('map' in item)) return [`${lead}${flowText(item)}`];
  const lines = item.map.flatMap(([k, v]) => blockLines(k, v, contentCol, step));
  return [lead + lines[0].slice(contentCol), ...lines.slice(1)];
}

/** flowText renders a tree in flow style (`{a: b, c: [d]}`). */
export function flowText(tree: Tree): string {
  if (typeof tree === 'string') return scalar(tree);
  if ('raw' in tree) return tree.raw;
  if ('map' in tree) return `{${tree.map.map(([k, v]) => `${scalar(k)}: ${flowText(v)}`).join(', ')}}`;
  return `[${tree.seq.map(flowText).join(', ')}]`;
}

// Insert whole lines at `at`: at the end of a file without a final newline, the newline goes first
// so the file still ends without one.
function insertLines(text: string, at: number, lines: string[]): Splice {
  const eol = eolOf(text);
  if (at === text.length && text !== '' && !text.endsWith('\n')) return { start: at, end: at, text: eol + lines.join(eol) };
  return { start: at, end: at, text: lines.join(eol) + eol };
}

// Where a map entry or list item ends (after its trailing comment); `? key` has no value node.
function itemEnd(item: unknown): number {
  return rangeOf(isPair(item) ? (item.value ?? item.key) : item)[2];
}

/** insertIntoMap adds `key: tree` as the last entry of `map`, block or flow. */
export function insertIntoMap(text: string, map: YAMLMap, key: string, tree: Tree): Splice {
  if (map.flow) {
    const last = map.items.at(-1);
    const entry = `${scalar(key)}: ${flowText(tree)}`;
    if (!last) return { start: rangeOf(map)[0] + 1, end: rangeOf(map)[0] + 1, text: entry };
    const at = rangeOf(last.value ?? last.key)[1];
    return { start: at, end: at, text: `, ${entry}` };
  }
  const indent = columnOf(text, rangeOf(map.items[0].key)[0]);
  const at = lineEndAfter(text, itemEnd(map.items.at(-1)));
  return insertLines(text, at, blockLines(key, tree, indent, indentStep(text)));
}

/** insertUnderKey fills a key that exists with an empty value (`image:`) with a nested map. */
export function insertUnderKey(text: string, holder: Pair, tree: { map: [string, Tree][] }): Splice {
  const [keyStart, , keyEnd] = rangeOf(holder.key);
  const indent = columnOf(text, keyStart) + indentStep(text);
  const at = lineEndAfter(text, keyEnd);
  return insertLines(text, at, tree.map.flatMap(([k, v]) => blockLines(k, v, indent, indentStep(text))));
}

/** insertListUnderKey fills a key that exists with an empty value (`images:`) with a compact block list. */
export function insertListUnderKey(text: string, holder: Pair, items: Tree[]): Splice {
  const [keyStart, , keyEnd] = rangeOf(holder.key);
  const col = columnOf(text, keyStart);
  const at = lineEndAfter(text, keyEnd);
  return insertLines(text, at, items.flatMap((item) => seqItemLines(item, col, col + 2, indentStep(text))));
}

/** insertAtRoot writes `key: tree` into a document with no content yet (appended at the end). */
export function insertAtRoot(text: string, key: string, tree: Tree): Splice {
  return insertLines(text, text.length, blockLines(key, tree, 0, indentStep(text)));
}

/** appendToSeq adds `item` as the last entry of `seq`, with the `-` and indentation its items use. */
export function appendToSeq(text: string, seq: YAMLSeq, item: Tree): Splice {
  const last = seq.items.at(-1);
  if (seq.flow) {
    const at = last ? rangeOf(last)[1] : rangeOf(seq)[0] + 1;
    return { start: at, end: at, text: `${last ? ', ' : ''}${flowText(item)}` };
  }
  const firstStart = rangeOf(seq.items[0])[0];
  const prefix = text.slice(lineStart(text, firstStart), firstStart);
  const dashCol = prefix.lastIndexOf('-');
  const contentCol = columnOf(text, firstStart);
  const at = lineEndAfter(text, itemEnd(last));
  return insertLines(text, at, seqItemLines(item, dashCol, contentCol, indentStep(text)));
}

/** removePair deletes `key: value` from a map: its whole line(s) in block style, `, k: v` in flow style. */
export function removePair(text: string, map: YAMLMap, pair: Pair, file: string): Splice {
  const keyStart = rangeOf(pair.key)[0];
  const end = itemEnd(pair);
  const index = map.items.indexOf(pair);
  if (map.flow) {
    if (index > 0) return { start: itemEnd(map.items[index - 1]), end, text: '' };
    const next = map.items[1];
    return { start: keyStart, end: next ? rangeOf(next.key)[0] : end, text: '' };
  }
  const start = lineStart(text, keyStart);
  if (text.slice(start, keyStart).trim() !== '') {
    throw new EditError(`cannot remove "${String((pair.key as { value?: unknown }).value)}": it shares its line with a list dash`, {
      file,
      line: lineOf(text, keyStart),
      fix: 'Move the key below the first key of the list entry, or remove it by hand.',
    });
  }
  const stop = lineEndAfter(text, end);
  // Deleting the last line of a file without a final newline: drop the newline before it instead.
  if (stop === text.length && !text.endsWith('\n') && start > 0) {
    return { start: start - (text[start - 2] === '\r' ? 2 : 1), end: stop, text: '' };
  }
  return { start, end: stop, text: '' };
}

