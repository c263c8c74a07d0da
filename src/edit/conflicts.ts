/**
 * conflicts: two Applications that write the same value of the same file differently (copies of one
 * Application per cluster sharing a source, or two Applications tracking one Helm key). Applying them in order
 * would let the last one win in silence; instead both edits are refused with one error naming both.
 */
import { isNode } from 'yaml';
import { EditError } from '../errors.js';
import { overrideEntries } from './argocd-source.js';
import { readOverride, type OverrideModel } from './argocd-source-model.js';
import { lineOf, parseYamlDocuments, rangeOf } from './splice.js';
import type { ImageEdit, ValueCheck } from './types.js';
import { toData, valueAt } from './verify.js';

/** Claim is what an applied edit set in a file: `holds` tells whether a later text still says so. */
export interface Claim {
  edit: ImageEdit;
  file: string;
  holds: (data: unknown[], text: string) => boolean;
  /** The 1-based line of the claimed value in `text`, when it can be found. */
  lineIn: (text: string) => number | undefined;
}

/** Conflict is a value set by `first` that `second`, of another Application, changed. */
export interface Conflict {
  first: ImageEdit;
  second: ImageEdit;
  error: EditError;
}

/**
 * claimsOf lists what `edit` set in `file`: each checked value, or for an override file the entries it put
 * there (override files are re-rendered, so their checks are the entries, not paths).
 */
export function claimsOf(edit: ImageEdit, file: string, checks: readonly ValueCheck[]): Claim[] {
  const target = edit.target;
  if (target.kind === 'argocd-source') {
    const added = overrideEntries(edit, target);
    const keys = added.kind === 'kustomize' ? added.images : added.parameters.map((p) => p.name);
    return [{ edit, file, holds: (_data, text) => containsAll(readOverride(text, added.kind), added), lineIn: (text) => lineOfText(text, keys[0]) }];
  }
  return checks.map((check) => ({ edit, file, holds: (data) => holds(data[check.doc], check), lineIn: (text) => lineOfPath(text, file, check) }));
}

/**
 * findConflicts compares the claims other Applications hold in `file` with its text after `edit`: a value
 * they set that now reads differently is a conflict. A claimed list entry counts as kept when the list still
 * holds it anywhere.
 */
export function findConflicts(edit: ImageEdit, file: string, text: string, claims: readonly Claim[]): Conflict[] {
  const theirs = claims.filter((c) => c.file === file && c.edit.application !== edit.application);
  if (theirs.length === 0) return [];
  const data = toData(parseYamlDocuments(text, file), file);
  const conflicts: Conflict[] = [];
  for (const claim of theirs) {
    if (claim.holds(data, text) || conflicts.some((c) => c.first === claim.edit)) continue;
    conflicts.push({ first: claim.edit, second: edit, error: conflictError(claim, edit, text) });
  }
  return conflicts;
}

function holds(data: unknown, check: ValueCheck): boolean {
  if (valueAt(data, check.path) === check.value) return true;
  const last = check.path[check.path.length - 1];
  if (typeof last !== 'number') return false;
  const list = valueAt(data, check.path.slice(0, -1));
  return Array.isArray(list) && list.includes(check.value);
}

function containsAll(model: OverrideModel | null, added: OverrideModel): boolean {
  if (model === null) return false;
  if (model.kind === 'kustomize' && added.kind === 'kustomize') return added.images.every((image) => model.images.includes(image));
  if (model.kind === 'helm' && added.kind === 'helm') return added.parameters.every((p) => model.parameters.some((q) => q.name === p.name && q.value === p.value));
  return false;
}

function conflictError(claim: Claim, edit: ImageEdit, text: string): EditError {
  const line = claim.lineIn(text);
  const where = line === undefined ? claim.file : `${claim.file}:${line}`;
  const wanted = (e: ImageEdit) => `${e.application} wants ${e.newImage.tag}${e.newImage.digest ? `@${e.newImage.digest}` : ''}`;
  return new EditError(
    `Applications ${claim.edit.application} and ${edit.application} both write ${where} (${wanted(claim.edit)}, ${wanted(edit)}); neither is written`,
    {
      application: claim.edit.application,
      file: claim.file,
      line,
      fix: 'Give each Application its own target (write-back-target, or its own source path), or make them choose the same tag.',
    },
  );
}

/** The characters a value (a list item, a `name:` value, a flow entry) follows in an override file. */
const BEFORE_VALUE = new Set([' ', '\t', '-', '"', "'", '[', ',']);

// `needle` is the first claimed entry (an override claim has at least one: the image's own). Its line is its first
// mention as a value: an image named `kustomize` is not the file's own `kustomize:` key at the start of a line.
function lineOfText(text: string, needle: string): number | undefined {
  const name = needle.split('=').pop()!.replace(/:[^:/]*$/, '');
  for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
    if (BEFORE_VALUE.has(text.charAt(at - 1))) return lineOf(text, at);
  }
  return undefined;
}

// The text parsed in findConflicts, so it parses here; getIn gives undefined for a path that is gone.
function lineOfPath(text: string, file: string, check: ValueCheck): number | undefined {
  const node = parseYamlDocuments(text, file)[check.doc]?.getIn(check.path, true);
  return isNode(node) ? lineOf(text, rangeOf(node)[0]) : undefined;
}
