/**
 * applyEdits: every planned image edit applied to the repo snapshot, grouped into one whole-file
 * change per file. Each Application is all-or-nothing: its edits are verified together after every file
 * they touch, and a failing edit refuses the whole Application (no half-updated file); the other
 * Applications' edits are kept, so one bad Application never blocks the rest.
 */
import { EditError } from '../errors.js';
import { unreadTargetError } from '../resolve/target-file.js';
import type { FileChange, RepoFiles } from '../resolve/types.js';
import { editArgocdSource } from './argocd-source.js';
import { editHelmValues } from './helm-values.js';
import { editKustomization } from './kustomization.js';
import { editManifest } from './manifest.js';
import { claimsOf, findConflicts, type Claim, type Conflict } from './conflicts.js';
import type { EditOutcome, ImageEdit, ValueCheck, ValuePath } from './types.js';
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
  for (const group of byApplication(edits)) {
    const applied = applyApplication(group, read);
    if ('failures' in applied) {
      failures.push(...applied.failures);
      continue;
    }
    for (const { edit, path, text, checks } of applied.steps) {
      conflicts.push(...findConflicts(edit, path, text, claims));
      claims.push(...claimsOf(edit, path, checks));
    }
    for (const [path, file] of applied.files) current.set(path, file.text);
  }
  const changes: FileChange[] = [];
  for (const [path, after] of current) {
    const before = original.get(path) ?? null;
    if (after !== null && after !== before) changes.push({ path, before, after });
  }
  return { result: { changes, failures }, conflicts };
}

// The edits of each Application together, in the order their Applications first appear.
function byApplication(edits: ImageEdit[]): ImageEdit[][] {
  const groups = new Map<string, ImageEdit[]>();
  for (const edit of edits) groups.set(edit.application, [...(groups.get(edit.application) ?? []), edit]);
  return [...groups.values()];
}

interface StagedFile {
  before: string | null;
  text: string;
  checks: ValueCheck[];
  changed: ValuePath[];
}

interface Step {
  edit: ImageEdit;
  path: string;
  text: string;
  checks: ValueCheck[];
}

/**
 * applyApplication applies every edit of one Application, then verifies each file it touched once, against
 * the text before the Application's first edit: an anchored value merged elsewhere (`<<: *img`) may then move
 * with the other image that owns it. Any failure refuses the whole Application, so a file is never left
 * half-updated (issue 10 item 5).
 */
function applyApplication(group: ImageEdit[], read: (path: string) => string | null): { files: Map<string, StagedFile>; steps: Step[] } | { failures: EditFailure[] } {
  const files = new Map<string, StagedFile>();
  const steps: Step[] = [];
  const errors = new Map<ImageEdit, EditError>();
  for (const edit of group) {
    try {
      const stagedOne = applyOne(edit, (path) => files.get(path)?.text ?? read(path));
      for (const [path, outcome] of stagedOne) {
        const file = files.get(path) ?? { before: read(path), checks: [], changed: [] };
        files.set(path, { before: file.before, text: outcome.text, checks: laterWins(file.checks, outcome.checks), changed: [...file.changed, ...outcome.changed] });
        steps.push({ edit, path, text: outcome.text, checks: outcome.checks });
      }
    } catch (error) {
      errors.set(edit, withContext(error, edit));
    }
  }
  if (errors.size === 0) {
    for (const [path, file] of files) {
      try {
        verifyOutcome(path, file.before, file);
      } catch (error) {
        for (const edit of group.filter((e) => steps.some((step) => step.edit === e && step.path === path))) errors.set(edit, withContext(error, edit));
      }
    }
  }
  if (errors.size === 0) return { files, steps };
  const [cause] = errors.values();
  return { failures: group.map((edit) => ({ edit, error: errors.get(edit) ?? refusedWith(edit, cause) })) };
}

// A value set twice must hold the later value (one Application may set a value twice).
function laterWins(earlier: ValueCheck[], later: ValueCheck[]): ValueCheck[] {
  const key = (c: ValueCheck) => JSON.stringify([c.doc, c.path]);
  const overwritten = new Set(later.map(key));
  return [...earlier.filter((c) => !overwritten.has(key(c))), ...later];
}

function refusedWith(edit: ImageEdit, cause: EditError): EditError {
  const file = edit.target.kind === 'manifest' ? edit.target.files[0] : edit.target.file;
  return new EditError(`not written, because another image of this Application could not be written (${cause.message}); nothing of this Application is changed`, {
    application: edit.application,
    file,
    fix: cause.fix,
  });
}

// The new texts of one edit with what verify must check; nothing is staged unless every file of the edit succeeded.
function applyOne(edit: ImageEdit, read: (path: string) => string | null): Map<string, EditOutcome> {
  const staged = new Map<string, EditOutcome>();
  // One run per file: a manifest target lists each file once (resolve's sorted listing).
  const run = (file: string, edit_: (text: string | null) => EditOutcome): void => {
    staged.set(file, edit_(read(file)));
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
    // withContext names the first file.
    throw new EditError(`no container uses ${edit.image.ref.registry}/${edit.image.ref.repository}`, {
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
