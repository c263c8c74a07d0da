/**
 * writeFileChanges (IO): write whole files into the working tree, all or nothing. Every path is
 * checked before anything is written: relative, no `..`, nothing under `.git/`, an existing parent
 * directory, and (with realpath) no symlinked directory or file that leads out of the repository.
 * A file is replaced only when its bytes on disk are still the bytes that were read (`before`); a new
 * file is created exclusively (a hard link from the temp file, which fails when anything is there), so a
 * file the reader skipped is never overwritten (issue 14 item 1). Files go to a temp file in the same
 * directory first and are then renamed over the old ones; a failure restores what was already replaced.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';
import { EditError } from '../errors.js';
import { skippedDirReason } from '../resolve/target-file.js';
import type { FileChange } from '../resolve/types.js';
import { encodeLossless } from './lossless-text.js';

/** WriteFs is the part of `fs/promises` used here (injectable so tests can fail a write midway). */
export interface WriteFs {
  writeFile: (file: string, data: Uint8Array, options: { mode: number }) => Promise<void>;
  rename: (from: string, to: string) => Promise<void>;
}

interface Planned {
  change: FileChange;
  /** Real path written (a symlink inside the repo is written through, so the link stays). */
  real: string;
  temp: string;
  mode: number;
  /** The bytes on disk when planned (an existing file), restored if a later file cannot be put in place. */
  original?: Buffer;
}

function refuse(file: string, why: string): EditError {
  return new EditError(`refusing to write ${file}: ${why}`, { file, fix: 'Fix write-back-target so it names a YAML file inside the repository.' });
}

// `..data/values.yaml` is inside: only a first segment that is exactly `..` leads out.
function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}

function realOrUndefined(p: string): Promise<string | undefined> {
  return nodeFs.realpath(p).catch(() => undefined);
}

// The parent directory must exist (no new directories: issue 10) and resolve inside the root (catches symlinked directories).
async function checkParent(root: string, full: string, file: string): Promise<void> {
  const dir = path.dirname(full);
  const real = await realOrUndefined(dir);
  if (real === undefined) throw refuse(file, `its directory "${path.relative(root, dir)}" does not exist`);
  if (!isInside(root, real)) throw refuse(file, `"${path.relative(root, dir)}" is a symlink that leads out of the repository`);
  if (!(await nodeFs.stat(real)).isDirectory()) throw refuse(file, `"${path.relative(root, dir)}" is not a directory`);
}

function checkPath(root: string, file: string): string {
  if (file === '' || file.includes('\0') || path.isAbsolute(file) || path.win32.isAbsolute(file)) throw refuse(file, 'not a relative path');
  if (file.split(/[\\/]/).includes('..')) throw refuse(file, 'the path contains ".."');
  const skipped = skippedDirReason(file.split(path.sep).join('/'));
  if (skipped) throw refuse(file, skipped);
  const full = path.resolve(root, file);
  if (!isInside(root, full) || full === root) throw refuse(file, 'the path resolves outside of the repository');
  return full;
}

// An existing target must be a regular file inside the root whose bytes are still the ones the plan read.
async function checkExisting(root: string, full: string, change: FileChange): Promise<{ real: string; mode: number; original: Buffer }> {
  const file = change.path;
  const resolved = await realOrUndefined(full);
  if (resolved === undefined) throw refuse(file, 'it is a dangling symlink');
  if (!isInside(root, resolved)) throw refuse(file, 'it is a symlink that leads out of the repository');
  const target = await nodeFs.stat(resolved);
  if (!target.isFile()) throw refuse(file, 'it is not a regular file');
  if (change.before === null) throw refuse(file, 'it exists but was not read (not a YAML file, or over the size limit)');
  const bytes = await nodeFs.readFile(resolved);
  if (!bytes.equals(encodeLossless(change.before))) throw refuse(file, 'it changed on disk since it was read');
  return { real: resolved, mode: target.mode & 0o777, original: bytes };
}

async function plan(root: string, change: FileChange): Promise<Planned> {
  const full = checkPath(root, change.path);
  await checkParent(root, full, change.path);
  const exists = (await nodeFs.lstat(full).catch(() => undefined)) !== undefined;
  if (!exists && change.before !== null) throw refuse(change.path, 'it was read but no longer exists');
  const { real, mode, original } = exists ? await checkExisting(root, full, change) : { real: full, mode: 0o644, original: undefined };
  await nodeFs.access(path.dirname(real), constants.W_OK).catch(() => {
    throw refuse(change.path, `its directory "${path.relative(root, path.dirname(real)) || '.'}" is not writable`);
  });
  const temp = path.join(path.dirname(real), `.${path.basename(real)}.${randomBytes(6).toString('hex')}.tmp`);
  return { change, real, temp, mode, original };
}

/**
 * findUnwritable checks every change as writeFileChanges would, without writing, and returns the refusal
 * of each path that cannot be written (planning reports these per Application: issue 14 item 3).
 */
export async function findUnwritable(root: string, changes: readonly FileChange[]): Promise<Map<string, EditError>> {
  const realRoot = await nodeFs.realpath(root);
  const refused = new Map<string, EditError>();
  for (const change of changes) {
    await plan(realRoot, change).catch((error: unknown) => refused.set(change.path, error instanceof EditError ? error : refuse(change.path, String(error))));
  }
  return refused;
}

/** writeFileChanges writes every change under `root` (all paths validated first) and returns the paths written. */
export async function writeFileChanges(root: string, changes: FileChange[], fs: WriteFs = nodeFs): Promise<string[]> {
  const realRoot = await nodeFs.realpath(root);
  const planned: Planned[] = [];
  for (const change of changes) planned.push(await plan(realRoot, change));
  const temps: string[] = [];
  try {
    for (const p of planned) {
      temps.push(p.temp);
      await fs.writeFile(p.temp, encodeLossless(p.change.after), { mode: p.mode });
    }
  } catch (error) {
    await Promise.all(temps.map((t) => nodeFs.rm(t, { force: true })));
    // The temp path is pushed before its write, so the last one is the write that failed.
    const failed = planned[temps.length - 1].change.path;
    throw new EditError(`could not write ${failed}; nothing was changed`, { file: failed, cause: error });
  }
  await renameAll(planned, fs);
  return planned.map((p) => p.change.path);
}

// Put each temp file in place: over the old file, or (new files) exclusively, so nothing that appeared meanwhile is replaced.
async function install(p: Planned, fs: WriteFs): Promise<void> {
  if (p.original) return fs.rename(p.temp, p.real);
  await nodeFs.link(p.temp, p.real);
  await nodeFs.rm(p.temp);
}

// Rename every temp file over its target; on a failure, put back what was already replaced.
async function renameAll(planned: Planned[], fs: WriteFs): Promise<void> {
  const done: Planned[] = [];
  try {
    for (const p of planned) {
      await install(p, fs);
      done.push(p);
    }
  } catch (error) {
    // Each restores the bytes read when planning (or removes a file it created): the order does not matter.
    for (const p of done) {
      if (p.original) await nodeFs.writeFile(p.real, p.original);
      else await nodeFs.rm(p.real);
    }
    await Promise.all(planned.map((p) => nodeFs.rm(p.temp, { force: true })));
    const failed = planned[done.length].change.path;
    throw new EditError(`could not replace ${failed}; the files were restored`, { file: failed, cause: error });
  }
}
