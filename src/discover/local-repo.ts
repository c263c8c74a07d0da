/**
 * local-repo (IO): reads every YAML file of a checked-out manifests repo into a RepoFiles snapshot.
 * `.git` and `node_modules` are skipped, symlinks are followed only when they stay inside the repo, and a file
 * over the size cap is left out and recorded in `refused` instead of failing the whole repo (SPEC §10).
 * Every other path seen (non-YAML files, directories, dangling or outward symlinks) is remembered with the
 * reason it was not read, so no write-back target ever replaces it (issue 14 item 1). Bytes that are not
 * UTF-8 are kept (lossless-text), so a write changes nothing but the edited values.
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join, posix, relative, sep } from 'node:path';
import { decodeLossless } from '../edit/lossless-text.js';
import { SKIPPED_DIRS, skippedDirReason } from '../resolve/target-file.js';
import { ConfigError } from '../errors.js';
import type { RefusedFile, RepoFiles } from '../resolve/types.js';

/** DEFAULT_MAX_FILE_BYTES is the largest YAML file read (5 MiB); bigger ones are refused. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

/** LocalRepoOptions tune readLocalRepo. */
export interface LocalRepoOptions {
  maxFileBytes?: number;
}

const YAML_FILE = /\.ya?ml$/i;
const JSON_FILE = /\.json$/i;

/**
 * MAX_JSON_BYTES: JSON files are read for ApplicationSet git files generators (`config.json`), up to this size;
 * a bigger one (a dashboard export) is left unread without an error: no generator file is that large.
 */
export const MAX_JSON_BYTES = 1024 * 1024;

/** RepoExtras are what a reader saw besides the YAML it read: unread paths (with why) and directories. */
export interface RepoExtras {
  unread?: ReadonlyMap<string, string>;
  /** Every directory of the repo; default: the directories that hold a file of the snapshot. */
  dirs?: ReadonlySet<string>;
}

/** memoryRepo is a RepoFiles over an in-memory map (tests, and the GitHub API reader). */
export function memoryRepo(files: Record<string, string>, refused: readonly RefusedFile[] = [], extras: RepoExtras = {}): RepoFiles {
  const map = new Map(Object.entries(files));
  const paths = [...map.keys()].sort();
  const unread = new Map([...refused.map((r): [string, string] => [r.path, r.reason]), ...(extras.unread ?? [])]);
  const dirs = extras.dirs ?? parentDirs(paths);
  return {
    read: (path) => map.get(path),
    list: () => paths,
    refused,
    unread: (path) => (map.has(path) ? undefined : (unread.get(path) ?? skippedDirReason(path) ?? (dirs.has(path) ? 'it is a directory' : undefined))),
    hasDirectory: (dir) => dir === '' || dirs.has(dir),
    directories: () => [...dirs].sort(),
  };
}

function parentDirs(paths: readonly string[]): Set<string> {
  const dirs = new Set<string>();
  for (const path of paths) {
    for (let dir = posix.dirname(path); dir !== '.' && !dirs.has(dir); dir = posix.dirname(dir)) dirs.add(dir);
  }
  return dirs;
}

/** readLocalRepo reads every *.yaml / *.yml under root (repo-relative POSIX paths). */
export async function readLocalRepo(root: string, options: LocalRepoOptions = {}): Promise<RepoFiles> {
  const info = await stat(root).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) {
    throw new ConfigError(`path ${root} ${info === undefined ? 'does not exist' : 'is not a directory'}.`, { fix: 'Give the directory of the manifests repo checkout.' });
  }
  const walker = new Walker(await realpath(root), options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES);
  await walker.walk(walker.root, walker.root);
  return memoryRepo(walker.files, walker.refused, { unread: walker.unread, dirs: walker.dirs });
}

class Walker {
  readonly files: Record<string, string> = {};
  readonly refused: RefusedFile[] = [];
  readonly unread = new Map<string, string>();
  readonly dirs = new Set<string>();
  private readonly seenDirs = new Set<string>();

  constructor(
    readonly root: string,
    private readonly maxBytes: number,
  ) {}

  /** walk visits `dir` (whose real path is `real`), named by its path as seen from the root. */
  async walk(dir: string, real: string): Promise<void> {
    // A symlinked directory may lead back to an ancestor; each real directory is read once.
    if (dir !== this.root) this.dirs.add(this.relative(dir));
    if (this.seenDirs.has(real)) return;
    this.seenDirs.add(real);
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRS.has(entry.name)) await this.walk(path, await realpath(path));
      } else if (entry.isSymbolicLink()) {
        await this.followLink(path, entry.name);
      } else if (entry.isFile() && YAML_FILE.test(entry.name)) {
        await this.readOne(path);
      } else if (entry.isFile() && JSON_FILE.test(entry.name)) {
        await this.readJson(path);
      } else {
        this.unread.set(this.relative(path), entry.isFile() ? 'it is not a YAML file' : 'it is not a regular file');
      }
    }
  }

  private async followLink(path: string, name: string): Promise<void> {
    let target: string;
    try {
      target = await realpath(path);
    } catch {
      this.unread.set(this.relative(path), 'it is a dangling symlink');
      return;
    }
    if (!this.inside(target)) {
      if (YAML_FILE.test(name)) this.refuse(path, 'it is a symlink that leads outside the repository');
      else this.unread.set(this.relative(path), 'it is a symlink that leads outside the repository');
      return;
    }
    const info = await stat(target);
    if (info.isDirectory() && !SKIPPED_DIRS.has(name)) await this.walk(path, target);
    else if (info.isFile() && YAML_FILE.test(name)) await this.readOne(path);
    else if (info.isFile() && JSON_FILE.test(name)) await this.readJson(path);
    else this.unread.set(this.relative(path), info.isFile() ? 'it is not a YAML file' : 'it is not a regular file');
  }

  private async readOne(path: string): Promise<void> {
    const info = await lstat(path).then((l) => (l.isSymbolicLink() ? stat(path) : l));
    if (info.size > this.maxBytes) {
      this.refuse(path, `it is ${info.size} bytes, over the ${this.maxBytes}-byte limit for a YAML file`);
      return;
    }
    try {
      this.files[this.relative(path)] = decodeLossless(await readFile(path));
    } catch (error) {
      this.refuse(path, `it cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }

  private async readJson(path: string): Promise<void> {
    const info = await stat(path);
    if (info.size > MAX_JSON_BYTES) this.unread.set(this.relative(path), `it is a JSON file over ${MAX_JSON_BYTES} bytes`);
    else await this.readOne(path);
  }

  private refuse(path: string, reason: string): void {
    this.refused.push({ path: this.relative(path), reason });
  }

  private inside(target: string): boolean {
    return target === this.root || target.startsWith(this.root + sep);
  }

  private relative(path: string): string {
    return relative(this.root, path).split(sep).join('/');
  }
}
