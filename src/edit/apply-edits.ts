/**
 * applyEdits: every planned image edit applied to the repo snapshot, grouped into one whole-file
 * change per file. Each edit is all-or-nothing: it is verified after every file it touches, and a
 * failing edit leaves no trace (its files keep the other edits), so one bad target never blocks the rest.
 */
import { EditError } from '../errors.js';
import { unreadTargetError } from '../resolve/target-file.js';
import type { FileChange, RepoFiles } from '../resolve/types.js';
import { editArgocdSource } from './argocd-source.js';
import { editHelmValues } from './helm-values.js';
import { editKustomization } from './kustomization.js';
import { editManifest } from './manifest.js';
import { claimsOf, findConflicts, type Claim, type Conflict } from './conflicts.js';
import type { EditOutcome, ImageEdit, ValueCheck } from './types.js';
import { verifyOutcome } from './verify.js';

/** EditFailure is an edit that could not be applied, and why. */
export interface EditFailure {
  edit: ImageEdit;
  error: EditError;
  /** Edits of other Applications refused with it (they write the same value differently): one error for all. */
  others?: ImageEdit[];
}

/** ApplyResult holds the whole-file changes (unchanged files omitted) and the failed edits. */
export interface ApplyResult {
  changes: FileChange[];
  failures: EditFailure[];
}

type Texts = Map<string, string | null>;

/**
 * applyEdits applies `edits` in order to `files`; see the module comment for failure semantics. Edits of two
 * Applications that write one value differently are both refused (one failure naming both), and the rest are
 * applied again without them, so neither leaves a trace.
 */
export function applyEdits(edits: ImageEdit[], files: RepoFiles): ApplyResult {
  const first = applyInOrder(edits, files);
  if (first.conflicts.length === 0) return first.result;
  const refused = new Set(first.conflicts.flatMap((c) => [c.first, c.second]));
  const second = applyInOrder(edits.filter((e) => !refused.has(e)), files);
  const conflictFailures = first.conflicts.map((c) => ({ edit: c.first, error: c.error, others: [c.second] }));
  return { changes: second.result.changes, failures: [...second.result.failures, ...conflictFailures] };
}

function applyInOrder(edits: ImageEdit[], files: RepoFiles): { result: ApplyResult; conflicts: Conflict[] } {
  const original: Texts = new Map();
  const current: Texts = new Map();
  const read = (path: string): string | null => {
    if (!current.has(path)) {
      // A path that exists but was not read is never "created" over (issue 14 item 1); resolve says so first.
      const unread = unreadTargetError(files, path);
      if (unread) throw unread;
      const text = files.read(path) ?? null;
      original.set(path, text);
      current.set(path, text);
    }
    return current.get(path) ?? null;
  };
  const failures: EditFailure[] = [];
  const claims: Claim[] = [];
  const conflicts: Conflict[] = [];
  for (const edit of edits) {
    try {
      for (const [path, { text, checks }] of applyOne(edit, read)) {
        current.set(path, text);
        conflicts.push(...findConflicts(edit, path, text, claims));
        claims.push(...claimsOf(edit, path, checks));
      }
    } catch (error) {
      failures.push({ edit, error: withContext(error, edit) });
    }
  }
  const changes: FileChange[] = [];
  for (const [path, after] of current) {
    const before = original.get(path) ?? null;
    if (after !== null && after !== before) changes.push({ path, before, after });
  }
  return { result: { changes, failures }, conflicts };
}

// The new texts of one edit, verified; nothing is staged unless every file of the edit succeeded.
function applyOne(edit: ImageEdit, read: (path: string) => string | null): Map<string, { text: string; checks: ValueCheck[] }> {
  const staged = new Map<string, { text: string; checks: ValueCheck[] }>();
  const run = (file: string, edit_: (text: string | null) => EditOutcome): void => {
    const before = staged.get(file)?.text ?? read(file);
    const outcome = edit_(before);
    verifyOutcome(file, before, outcome);
    staged.set(file, { text: outcome.text, checks: [...(staged.get(file)?.checks ?? []), ...outcome.checks] });
  };
  const target = edit.target;
  switch (target.kind) {
    case 'kustomization':
      run(target.file, (text) => editKustomization(text, edit));
      break;
    case 'helm-values':
      run(target.file, (text) => editHelmValues(text, edit));
      break;
    case 'argocd-source':
      run(target.file, (text) => editArgocdSource(text, edit));
      break;
    case 'manifest':
      applyManifest(edit, target.files, run);
      break;
  }
  return staged;
}

function applyManifest(edit: ImageEdit, files: string[], run: (file: string, fn: (text: string | null) => EditOutcome) => void): void {
  let matches = 0;
  for (const file of files) {
    run(file, (text) => {
      if (text === null) throw new EditError('the manifest file does not exist', { file, fix: 'Fix the Application source path.' });
      const outcome = editManifest(text, file, edit);
      matches += outcome.matches;
      return outcome;
    });
  }
  if (matches === 0) {
    throw new EditError(`no container uses ${edit.image.ref.registry}/${edit.image.ref.repository}`, {
      file: files[0],
      fix: 'Check the image-list annotation, or set write-back-target to the file that holds the image.',
    });
  }
}

function withContext(error: unknown, edit: ImageEdit): EditError {
  const file = edit.target.kind === 'manifest' ? edit.target.files[0] : edit.target.file;
  if (error instanceof EditError) {
    if (error.application && error.file) return error;
    return new EditError(error.message, {
      application: error.application ?? edit.application,
      annotation: error.annotation,
      file: error.file ?? file,
      line: error.line,
      fix: error.fix,
      cause: error.cause,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new EditError(`could not edit: ${message}`, { application: edit.application, file, cause: error });
}
