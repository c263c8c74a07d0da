/**
 * Byte-exact text surgery on YAML files: parse with source ranges, then splice new text into the
 * original string. Nothing here re-serialises a document, so comments, blank lines, anchors,
 * `---`, `%YAML`, CRLF, a BOM and a missing final newline survive untouched.
 */
import { isNode, isScalar, parseAllDocuments, parseDocument, type Document, type Range, type Scalar } from 'yaml';
import { EditError } from '../errors.js';
import { renderScalar, type ScalarStyle } from './scalar.js';

/** MAX_FILE_BYTES: larger files are refused (SPEC §10: huge files get a clear error). */
export const MAX_FILE_BYTES = 1_000_000;
/** MAX_ALIAS_COUNT caps alias expansion when data is compared (alias bombs, SPEC §10). */
export const MAX_ALIAS_COUNT = 100;

/** Splice replaces `text[start, end)` with `text`. */
export interface Splice {
  start: number;
  end: number;
  text: string;
}

/** rangeOf returns the source range (start, value end, node end) of a node the parser made: each one has one. */
export function rangeOf(node: unknown): Range {
  const range = isNode(node) ? node.range : undefined;
  if (!range) throw new EditError('internal: a YAML node without a source range');
  return range;
}

/** applySplices applies non-overlapping splices to `text` (any order). */
export function applySplices(text: string, splices: Splice[]): string {
  const sorted = [...splices].sort((a, b) => b.start - a.start || b.end - a.end);
  let out = text;
  let limit = Number.POSITIVE_INFINITY;
  for (const s of sorted) {
    if (s.end > limit) throw new EditError('internal: overlapping edits in one file');
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
    limit = s.start;
  }
  return out;
}

/** eolOf returns the file's line ending (`\r\n` when it uses any, else `\n`). */
export function eolOf(text: string): string {
  return text.includes('\r\n') ? '\r\n' : '\n';
}

/** lineStart returns the offset where the line holding `offset` begins. */
export function lineStart(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}

/** lineEndAfter returns the offset just past the line ending of the line that holds `offset - 1`
 * (or `offset` itself when it already starts a line); the text length when the last line has no newline. */
export function lineEndAfter(text: string, offset: number): number {
  if (text[offset - 1] === '\n') return offset;
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** columnOf returns the 0-based column of `offset`. */
export function columnOf(text: string, offset: number): number {
  return offset - lineStart(text, offset);
}

/** lineOf returns the 1-based line of `offset`. */
export function lineOf(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** indentStep guesses the file's indentation step from its first indented line (default 2). */
export function indentStep(text: string): number {
  for (const line of text.split('\n')) {
    const m = /^( +)[^\s#-]/.exec(line);
    if (m) return m[1].length;
  }
  return 2;
}

/**
 * parseYamlDocuments parses every document of a file, refusing huge files and syntax errors. `merge`
 * resolves `<<:` merge keys in the data (YAML 1.1, as Helm and kubectl read them): verify compares what
 * the consumers of the file see.
 */
export function parseYamlDocuments(text: string, file: string, options: { merge?: boolean } = {}): Document.Parsed[] {
  if (text.length > MAX_FILE_BYTES) {
    throw new EditError(`file is larger than ${MAX_FILE_BYTES} bytes`, { file, fix: 'Edit this file by hand or split it.' });
  }
  // An empty or comment-only stream is an empty array (EmptyStream extends Array).
  const docs: Document.Parsed[] = parseAllDocuments(text, { merge: options.merge === true });
  for (const doc of docs) {
    const error = doc.errors[0];
    if (error) {
      const line = error.linePos?.[0].line;
      throw new EditError(`not valid YAML: ${error.message.split('\n')[0]}`, { file, line, fix: 'Fix the YAML syntax first.' });
    }
  }
  return docs;
}

/** parseSingleDocument parses a file that must hold one document (an empty or comment-only file gives one with no content). */
export function parseSingleDocument(text: string, file: string): Document.Parsed {
  const docs = parseYamlDocuments(text, file);
  if (docs.length > 1) {
    throw new EditError(`expected one YAML document, found ${docs.length}`, { file, fix: 'Keep this file to a single document.' });
  }
  return docs[0] ?? parseDocument(text);
}

/** replaceScalar returns the splice that writes `value` over a scalar, keeping its quote or block style. */
export function replaceScalar(text: string, node: Scalar, value: string, file: string): Splice {
  const [start, end] = rangeOf(node);
  const style = node.type as ScalarStyle | undefined;
  if (style === 'BLOCK_LITERAL' || style === 'BLOCK_FOLDED') return replaceBlockScalar(text, start, end, value, file);
  return { start, end, text: renderScalar(value, style) };
}

// A block scalar keeps its header; only the strip indicator (`|-`, `>-`) yields a value without a
// trailing newline, so other chomping modes cannot hold a tag and are refused.
function replaceBlockScalar(text: string, start: number, end: number, value: string, file: string): Splice {
  const headerEnd = lineEndAfter(text, start + 1);
  const header = text.slice(start, headerEnd).trimEnd();
  if (!/^[|>][1-9]?-[1-9]?(\s+#.*)?$/.test(header) || /\s/.test(value)) {
    throw new EditError(`cannot write "${value}" into the block scalar ${header}`, {
      file,
      line: lineOf(text, start),
      fix: 'Write the value as a plain or quoted scalar.',
    });
  }
  const body = text.slice(headerEnd, end);
  // The indentation of the first line with content; an empty block scalar (`tag: |-` holding '') has none, so its
  // content goes two spaces deeper than the line of its header (indented more than its parent, as YAML requires).
  const first = body.split('\n').find((l) => l.trim() !== '');
  const indent = first === undefined ? `${/^ */.exec(text.slice(lineStart(text, start)))![0]}  ` : /^ */.exec(first)![0];
  const eol = eolOf(text);
  // The header is the last line and has no newline (lineEndAfter ends every other line after its newline): the value
  // needs a line of its own.
  if (text[headerEnd - 1] !== '\n') return { start: headerEnd, end, text: `${eol}${indent}${value}` };
  const keepsEol = body.endsWith('\n') || body === '';
  return { start: headerEnd, end, text: `${indent}${value}${keepsEol ? eol : ''}` };
}

/** scalarText returns a scalar as the string Go/Helm would read into a string field (plain source text). */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node)) return undefined;
  // `key:` reads as nothing, `~` / `null` as ''. Otherwise the parser's source text of the scalar (quotes and escapes
  // resolved, a plain `1.0` as written, not the number 1).
  if (node.value === null) return node.source ? '' : undefined;
  return node.source;
}
