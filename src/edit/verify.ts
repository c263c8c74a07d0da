/**
 * Verification after every edit (renovate's `confirmIfDepUpdated`, HOUSE-STYLE 9): re-parse the new
 * text, check that each edited path holds the new string, and that the data of every document is
 * otherwise unchanged (edited paths excluded). Alias bombs are refused here (`maxAliasCount`).
 */
import { isDeepStrictEqual } from 'node:util';
import type { Document } from 'yaml';
import { EditError } from '../errors.js';
import type { PathSegment } from '../resolve/helm-path.js';
import { formatPath } from './locate.js';
import { MAX_ALIAS_COUNT, parseYamlDocuments } from './splice.js';
import type { EditOutcome, ValuePath } from './types.js';

const CHANGED = Symbol('changed');

/** toData converts every document to plain data, refusing alias bombs. */
export function toData(docs: Document[], file: string): unknown[] {
  try {
    return docs.map((doc) => doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) as unknown);
  } catch (error) {
    throw new EditError(`refusing to edit: ${(error as Error).message}`, {
      file,
      cause: error,
      fix: 'Reduce the number of YAML aliases in this file (possible alias bomb).',
    });
  }
}

/** valueAt reads the value at `path` of plain data (undefined when absent). */
export function valueAt(data: unknown, path: PathSegment[]): unknown {
  let current = data;
  for (const segment of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[segment];
  }
  return current;
}

// Mark `path` as changed in `data`, creating containers where it does not exist.
function markChanged(data: unknown, path: PathSegment[]): unknown {
  if (path.length === 0) return CHANGED;
  const root = (data !== null && typeof data === 'object' ? data : typeof path[0] === 'number' ? [] : {}) as Record<string | number, unknown>;
  let current = root;
  for (let i = 0; i < path.length - 1; i++) {
    const next = current[path[i]];
    if (next === null || typeof next !== 'object') current[path[i]] = typeof path[i + 1] === 'number' ? [] : {};
    current = current[path[i]] as Record<string | number, unknown>;
  }
  current[path[path.length - 1]] = CHANGED;
  return root;
}

function exclude(data: unknown[], changed: ValuePath[]): unknown[] {
  // JSON round trip, not structuredClone: aliases share objects, and each path must be marked alone.
  const out = JSON.parse(JSON.stringify(data)) as unknown[];
  for (const { doc, path } of changed) out[doc] = markChanged(out[doc], path);
  return out;
}

/** verifyOutcome throws an EditError unless `outcome.text` holds the new values and nothing else changed. */
export function verifyOutcome(file: string, before: string | null, outcome: Pick<EditOutcome, 'text' | 'checks' | 'changed'>): void {
  const afterDocs = parseYamlDocuments(outcome.text, file, { merge: true });
  const after = toData(afterDocs, file);
  for (const check of outcome.checks) {
    const found = valueAt(after[check.doc], check.path);
    if (found !== check.value) {
      throw new EditError(`the edit did not produce "${check.value}" at ${formatPath(check.path)} (read back ${JSON.stringify(found)})`, {
        file,
        fix: 'Edit this value by hand; the file may use a construct this tool cannot edit safely.',
      });
    }
  }
  if (before === null) return;
  const beforeData = toData(parseYamlDocuments(before, file, { merge: true }), file);
  // An empty, whitespace- or comment-only file holds no data to keep: the updater writes it afresh.
  if (beforeData.every((data) => data === null)) return;
  if (beforeData.length !== after.length || !isDeepStrictEqual(exclude(beforeData, outcome.changed), exclude(after, outcome.changed))) {
    throw new EditError('the edit would change more than the image values (an anchor or alias shared with other keys?)', {
      file,
      fix: 'Edit this file by hand, or move the image values out of shared anchors.',
    });
  }
}
