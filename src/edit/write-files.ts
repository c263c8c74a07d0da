/**
 * writeFileChanges (IO): write whole files into the working tree, all or nothing. Every path is
 * checked before anything is written: relative, no `..`, and (with realpath) no symlinked directory
 * or file that leads out of the repository. Files go to a temp file in the same directory first
 * and are then renamed over the old ones; a failure restores what was already replaced.
 */
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import * as path from 'node:path';
import { EditError } from '../errors.js';
import type { FileChange } from '../resolve/types.js';

/** WriteFs is the part of `fs/promises` used here (injectable so tests can fail a write midway). */
export interface WriteFs {
  writeFile: (file: string, data: string, options: { mode: number }) => Promise<void>;
  rename: (from: string, to: string) => Promise<void>;
}

interface Planned {
  change: FileChange;
  /** Real path written (a symlink inside the repo is written through, so the link stays). */
  real: string;
  temp: string;
  mode: number;
  existed: boolean;
}

function refuse(file: string, why: string): EditError {
  return new EditError(`refusing to write outside the repository: ${why}`, { file, fix: 'Fix write-back-target so it names a file inside the repository.' });
}

function isInside(root: string, candidate: string): boolean {
  const rel = path.relative(root, candidate);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

async function realOrUndefined(p: string): Promise<string | undefined> {
  try {
    return await nodeFs.realpath(p);
  } catch {
    return undefined;
  }
}

// The deepest existing ancestor must resolve inside the root (catches symlinked directories).
async function checkParents(root: string, full: string, file: string): Promise<void> {
  for (let dir = path.dirname(full); ; dir = path.dirname(dir)) {
    const real = await realOrUndefined(dir);
    if (real !== undefined) {
      if (!isInside(root, real)) throw refuse(file, `"${path.relative(root, dir)}" is a symlink that leads out of it`);
      return;
    }
    if (dir === path.dirname(dir)) throw refuse(file, 'no existing parent directory');
  }
}

async function plan(root: string, change: FileChange): Promise<Planned> {
  const file = change.path;
  if (file === '' || file.includes('\0') || path.isAbsolute(file) || path.win32.isAbsolute(file)) throw refuse(file, 'not a relative path');
  if (file.split(/[\\/]/).includes('..')) throw refuse(file, 'the path contains ".."');
  const full = path.resolve(root, file);
  if (!isInside(root, full) || full === root) throw refuse(file, 'the path resolves outside of it');
  await checkParents(root, full, file);
  let real = full;
  let mode = 0o644;
  let existed = false;
  const stat = await nodeFs.lstat(full).catch(() => undefined);
  if (stat) {
    existed = true;
    const resolved = await realOrUndefined(full);
    if (resolved === undefined || !isInside(root, resolved)) throw refuse(file, 'it is a symlink that leads out of it');
    real = resolved;
    const target = await nodeFs.stat(real);
    if (!target.isFile()) throw refuse(file, 'it is not a regular file');
    mode = target.mode & 0o777;
  }
  const temp = path.join(path.dirname(real), `.${path.basename(real)}.${randomBytes(6).toString('hex')}.tmp`);
  return { change, real, temp, mode, existed };
}

/** writeFileChanges writes every change under `root` (all paths validated first) and returns the paths written. */
export async function writeFileChanges(root: string, changes: FileChange[], fs: WriteFs = nodeFs): Promise<string[]> {
  const realRoot = await nodeFs.realpath(root);
  const planned: Planned[] = [];
  for (const change of changes) planned.push(await plan(realRoot, change));
  const temps: string[] = [];
  try {
    for (const p of planned) {
      await nodeFs.mkdir(path.dirname(p.real), { recursive: true });
      temps.push(p.temp);
      await fs.writeFile(p.temp, p.change.after, { mode: p.mode });
    }
  } catch (error) {
    await Promise.all(temps.map((t) => nodeFs.rm(t, { force: true })));
    throw new EditError(`could not write ${planned[temps.length - 1]?.change.path ?? 'files'}; nothing was changed`, { cause: error });
  }
  await renameAll(planned, fs);
  return planned.map((p) => p.change.path);
}

// Rename every temp file over its target; on a failure, put back what was already replaced.
async function renameAll(planned: Planned[], fs: WriteFs): Promise<void> {
  const done: Planned[] = [];
  try {
    for (const p of planned) {
      await fs.rename(p.temp, p.real);
      done.push(p);
    }
  } catch (error) {
    for (const p of done.reverse()) {
      if (p.existed && p.change.before !== null) await nodeFs.writeFile(p.real, p.change.before);
      else await nodeFs.rm(p.real, { force: true });
    }
    await Promise.all(planned.map((p) => nodeFs.rm(p.temp, { force: true })));
    throw new EditError(`could not replace ${planned[done.length]?.change.path ?? 'a file'}; the files were restored`, { cause: error });
  }
}
