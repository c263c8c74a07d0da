/**
 * target-file (P): may a write-back target file be written? Only a file the reader read (then it is
 * edited) or a new file in an existing directory (then it is created). A path the reader saw but did not
 * read (a README, a YAML file over the size cap, a directory, a dangling symlink, anything under `.git/`)
 * is never replaced, and a target in a directory that does not exist is never created (issue 14 item 1,
 * issue 10). Checked while planning, so `plan` reports it and only that Application fails.
 */
import { posix } from 'node:path';
import { EditError, type ErrorContext } from '../errors.js';
import type { RepoFiles } from './types.js';

/** SKIPPED_DIRS are never read, and nothing under them is ever written. */
export const SKIPPED_DIRS: ReadonlySet<string> = new Set(['.git', 'node_modules']);

/** skippedDirReason says why a path under `.git` or `node_modules` is never read nor written, else undefined. */
export function skippedDirReason(path: string): string | undefined {
  const dir = path.split('/').find((segment) => SKIPPED_DIRS.has(segment));
  return dir === undefined ? undefined : `it is inside ${dir}/, which is never read or written`;
}

/** TargetOrigin says where a target path came from, for messages: the write-back-target value and the source directory. */
export interface TargetOrigin {
  /** The write-back-target annotation value; undefined for the default `.argocd-source-<app>.yaml`. */
  writeBackTarget?: string;
  /** The repo-relative source directory ('' = the root). */
  sourceDir: string;
}

/** unreadTargetError is the refusal to replace `file`, which exists but was not read; undefined when it may be written. */
export function unreadTargetError(files: RepoFiles, file: string, context: ErrorContext = {}): EditError | undefined {
  if (files.read(file) !== undefined) return undefined;
  const reason = skippedDirReason(file) ?? files.unread?.(file);
  if (reason === undefined) return undefined;
  return new EditError(`refusing to write "${file}": ${reason}, and only YAML files that were read are edited`, {
    ...context,
    fix: 'Point write-back-target at a YAML values file of the repository (at most 5 MiB), or move the file that is there.',
  });
}

/** checkTargetFile throws an EditError naming the file and its origin when the target may not be written. */
export function checkTargetFile(files: RepoFiles, file: string, origin: TargetOrigin, context: ErrorContext): void {
  const unread = unreadTargetError(files, file, context);
  if (unread) throw unread;
  if (files.read(file) !== undefined || files.hasDirectory === undefined) return;
  const dir = posix.dirname(file) === '.' ? '' : posix.dirname(file);
  if (files.hasDirectory(dir)) return;
  const unreadDir = files.unread?.(dir); // a directory under .git/node_modules: its file was refused above
  if (unreadDir !== undefined) {
    throw new EditError(`refusing to write "${file}": its directory "${dir}" ${unreadDir.replace(/^it /, '')}`, { ...context, fix: 'Point write-back-target at a file in a directory of the repository.' });
  }
  const from = origin.writeBackTarget === undefined
    ? `the Application's source path "${origin.sourceDir || '/'}"`
    : `write-back-target "${origin.writeBackTarget}" with source path "${origin.sourceDir || '/'}"`;
  throw new EditError(`the directory "${dir}" of write-back target "${file}" (from ${from}) does not exist; refusing to create it`, {
    ...context,
    fix: 'Fix the source path or write-back-target, or create the directory in the repository first.',
  });
}
