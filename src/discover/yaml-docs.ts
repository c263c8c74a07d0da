/**
 * yaml-docs: splits a manifests file into YAML documents, keeps line numbers (yaml's LineCounter) and turns
 * a document into plain data safely (alias bombs refused through yaml's `maxAliasCount`).
 * A broken document is a problem for that document only; the others of the file are still read.
 */
import { isMap, isScalar, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import { ConfigError } from '../errors.js';

/** MAX_ALIAS_COUNT caps alias expansion when a document becomes data (yaml's own default, made explicit). */
export const MAX_ALIAS_COUNT = 100;

/** YamlDoc is one parsed document of a file with helpers to find the line of a node. */
export interface YamlDoc {
  file: string;
  /** 1-based line where the document starts. */
  line: number;
  /** `apiVersion` and `kind` when they are plain strings. */
  apiVersion?: string;
  kind?: string;
  /** `metadata.name` when it is a plain string, read without expanding aliases (for failures). */
  name?: string;
  doc: Document;
  /** lineOf returns the 1-based line of the node at `path`, or of the document start when absent. */
  lineOf(path: readonly (string | number)[]): number;
  /** keyLines returns the 1-based line of every key of the map at `path`. */
  keyLines(path: readonly (string | number)[]): Record<string, number>;
}

/** BrokenDoc is a document that does not parse, with the line of its first error. */
export interface BrokenDoc {
  file: string;
  line: number;
  /** The document's source text, so the caller can tell whether it looked like something we read. */
  text: string;
  /** metadata.name as read line by line from the text (the parse failed), when it can be found. */
  name?: string;
  error: ConfigError;
}

/**
 * guessName reads `metadata.name` from a document that did not parse, line by line (a block-style
 * `metadata:` at the top level and its first-level `name:`), so its error names the Application.
 */
export function guessName(text: string): string | undefined {
  const lines = text.split(/\r?\n/);
  const start = lines.findIndex((line) => /^metadata:\s*(#.*)?$/.test(line));
  if (start < 0) return undefined;
  let indent: string | undefined;
  for (const line of lines.slice(start + 1)) {
    if (line.trim() === '' || /^\s*#/.test(line)) continue;
    const lead = /^[ \t]*/.exec(line)![0];
    if (lead === '') return undefined;
    indent ??= lead;
    const name = lead === indent ? /^\s+name:\s*(["']?)([^"'#\s]+)\1\s*(#.*)?$/.exec(line) : null;
    if (name) return name[2];
  }
  return undefined;
}

// The yaml library recurses per nesting level; JS stack overflow surfaces as its error message.
function parseErrorMessage(message: string): { message: string; fix: string } {
  if (/Maximum call stack size exceeded/.test(message)) {
    return { message: 'YAML nests too deeply to read (thousands of levels)', fix: 'Flatten this document; Argo CD manifests never nest that deep.' };
  }
  return { message: `YAML does not parse: ${message.split('\n')[0]}`, fix: 'Fix the YAML syntax of this document.' };
}

/** splitDocuments parses every document of a file. */
export function splitDocuments(file: string, text: string): { docs: YamlDoc[]; broken: BrokenDoc[] } {
  const lineCounter = new LineCounter();
  const parsed = parseAllDocuments(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  const docs: YamlDoc[] = [];
  const broken: BrokenDoc[] = [];
  const all = Array.isArray(parsed) ? parsed : [];
  for (const doc of all) {
    const start = doc.range?.[0] ?? 0;
    const startLine = lineCounter.linePos(start).line;
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      const line = first.linePos?.[0].line ?? startLine;
      const { message, fix } = parseErrorMessage(first.message);
      const source = text.slice(start, doc.range?.[2] ?? text.length);
      const name = guessName(source);
      broken.push({ file, line, text: source, ...(name ? { name } : {}), error: new ConfigError(message, { application: name, file, line, fix }) });
      continue;
    }
    if (doc.contents === null) continue;
    docs.push(makeDoc(file, doc, lineCounter, startLine));
  }
  return { docs, broken };
}

function makeDoc(file: string, doc: Document, lineCounter: LineCounter, startLine: number): YamlDoc {
  const lineAt = (node: Node | null | undefined): number => (node?.range ? lineCounter.linePos(node.range[0]).line : startLine);
  return {
    file,
    line: startLine,
    apiVersion: stringAt(doc, 'apiVersion'),
    kind: stringAt(doc, 'kind'),
    name: nameOf(doc),
    doc,
    lineOf: (path) => {
      // A missing field is reported at its nearest present parent (`spec.source` for a missing repoURL).
      for (let n = path.length; n > 0; n--) {
        const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
        if (node?.range) return lineAt(node);
      }
      return startLine;
    },
    keyLines: (path) => {
      const map = path.length === 0 ? doc.contents : doc.getIn(path, true);
      const lines: Record<string, number> = {};
      if (!isMap(map)) return lines;
      for (const pair of map.items) {
        if (isScalar(pair.key)) lines[String(pair.key.value)] = lineAt(pair.key);
      }
      return lines;
    },
  };
}

function nameOf(doc: Document): string | undefined {
  if (!isMap(doc.contents)) return undefined;
  const name = doc.getIn(['metadata', 'name']);
  return typeof name === 'string' ? name : undefined;
}

function stringAt(doc: Document, key: string): string | undefined {
  if (!isMap(doc.contents)) return undefined;
  const value = doc.get(key);
  return typeof value === 'string' ? value : undefined;
}

/** docToData converts a document to plain data; an alias bomb or a bad alias is a ConfigError at the document. */
export function docToData(doc: YamlDoc): unknown {
  try {
    return doc.doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ConfigError(`YAML document refused: ${reason}`, {
      file: doc.file,
      line: doc.line,
      fix: `Use fewer YAML aliases (at most ${MAX_ALIAS_COUNT} expansions per document).`,
    });
  }
}

/** looksLikeOurKind tells whether a broken document's text declares a kind we read, and is not a Go template. */
export function looksLikeOurKind(text: string): boolean {
  // Helm chart templates (app-of-apps charts) are not YAML until rendered; their errors are not ours to report.
  if (text.includes('{{')) return false;
  return /^\s*kind:\s*["']?(Application|ApplicationSet|ImageUpdater)["']?\s*(#.*)?$/m.test(text);
}
