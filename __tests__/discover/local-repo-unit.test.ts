/**
 * local-repo.ts: which name a directory reached twice is read under (entries in name order), where symlinks
 * inside the repository lead, the size limits at their exact edge, and what memoryRepo says about unread paths
 * and directories.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_JSON_BYTES, memoryRepo, readLocalRepo } from '../../src/discover/local-repo.js';
import { ConfigError } from '../../src/errors.js';
import type { RepoFiles } from '../../src/resolve/types.js';

let base: string;
let repo: RepoFiles;
let socket: Server;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'aip-local-unit-'));
  const root = join(base, 'repo');
  await mkdir(join(base, 'outside'), { recursive: true });
  // Directories each reached twice, by their name and through a link.
  await mkdir(join(root, 'z-real'), { recursive: true });
  await writeFile(join(root, 'z-real/f.yaml'), 'f: 1\n');
  await symlink(join(root, 'z-real'), join(root, 'a-link'));
  // libuv already lists a directory in byte (UTF-8) order; the walk's own order is JavaScript's (UTF-16), which puts
  // an emoji before U+FFFD: the walk's order, not the platform's, decides.
  await mkdir(join(root, 'u-\uFFFD'));
  await writeFile(join(root, 'u-\uFFFD/h.yaml'), 'h: 1\n');
  await symlink(join(root, 'u-\uFFFD'), join(root, 'u-\u{1F600}'));
  await mkdir(join(root, 'b-real'));
  await writeFile(join(root, 'b-real/g.yaml'), 'g: 1\n');
  await symlink(join(root, 'b-real'), join(root, 'y-link'));
  await mkdir(join(root, 'deep'));
  await symlink(root, join(root, 'deep/loop'));
  await writeFile(join(root, 'notes.txt'), 'text\n');
  await symlink(join(root, 'notes.txt'), join(root, 'notes-link.txt'));
  await writeFile(join(root, 'cfg.json'), '{}\n');
  await symlink(join(root, 'cfg.json'), join(root, 'cfg-link.json'));
  await writeFile(join(root, 'max.json'), `"${'x'.repeat(MAX_JSON_BYTES - 2)}"`);
  // A socket, not a FIFO: reading a FIFO by mistake would block forever, reading a socket fails at once.
  socket = createServer();
  await new Promise<void>((resolve) => socket.listen(join(root, 'sock'), resolve));
  await symlink(join(root, 'sock'), join(root, 'sock-link.yaml'));
  await symlink(join(base, 'outside'), join(root, 'out-dir'));
  repo = await readLocalRepo(root);
});

afterAll(async () => {
  await new Promise((resolve) => socket.close(resolve));
  await rm(base, { recursive: true, force: true });
});

describe('readLocalRepo walks entries in name order', () => {
  it('a directory reached through a symlink and by its own name is read under the name that sorts first', () => {
    expect(repo.list()).toEqual(['a-link/f.yaml', 'b-real/g.yaml', 'cfg-link.json', 'cfg.json', 'max.json', 'u-\u{1F600}/h.yaml']);
  });

  it('lists every directory seen, the symlinked ones and a link back to the root included, never the root itself', () => {
    expect(repo.directories?.()).toEqual(['a-link', 'b-real', 'deep', 'deep/loop', 'u-\u{1F600}', 'u-\uFFFD', 'y-link', 'z-real']);
    expect(repo.unread?.('deep/loop')).toBe('it is a directory');
  });
});

describe('readLocalRepo and what it leaves unread', () => {
  const cases: [string, string | undefined][] = [
    ['notes-link.txt', 'it is not a YAML file'],
    ['sock', 'it is not a regular file'],
    ['sock-link.yaml', 'it is not a regular file'],
    ['out-dir', 'it is a symlink that leads outside the repository'],
    ['cfg-link.json', undefined],
    ['max.json', undefined],
  ];
  it.each(cases)('%s: %s', (path, reason) => {
    expect(repo.unread?.(path)).toBe(reason);
  });

  it('a JSON file of exactly the JSON limit is read', () => {
    expect(repo.read('max.json')?.length).toBe(MAX_JSON_BYTES);
  });
});

describe('readLocalRepo size limit', () => {
  it('a YAML file of exactly the limit is read, one byte more is refused', async () => {
    const root = await mkdtemp(join(tmpdir(), 'aip-local-limit-'));
    try {
      await writeFile(join(root, 'exact.yaml'), 'k: 12345678901\n');
      await writeFile(join(root, 'over.yaml'), 'k: 123456789012\n');
      const files = await readLocalRepo(root, { maxFileBytes: 15 });
      expect([files.list(), files.refused]).toEqual([['exact.yaml'], [{ path: 'over.yaml', reason: 'it is 16 bytes, over the 15-byte limit for a YAML file' }]]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });

  it('a root that does not exist is a ConfigError saying what to give', async () => {
    const error = await readLocalRepo(join(base, 'nope')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect([(error as ConfigError).message, (error as ConfigError).fix]).toEqual([`path ${join(base, 'nope')} does not exist.`, 'Give the directory of the manifests repo checkout.']);
  });
});

describe('memoryRepo', () => {
  it('a refused file is unread with its reason', () => {
    const files = memoryRepo({ 'a.yaml': 'a: 1\n' }, [{ path: 'big.yaml', reason: 'it is too big' }]);
    expect([files.unread?.('big.yaml'), files.unread?.('a.yaml'), files.refused]).toEqual(['it is too big', undefined, [{ path: 'big.yaml', reason: 'it is too big' }]]);
  });

  it('derives the directories of its files, sorted, without "."', () => {
    const files = memoryRepo({ 'top.yaml': '', 'a/b/c.yaml': '', 'a/d.yaml': '' });
    expect(files.directories?.()).toEqual(['a', 'a/b']);
    expect([files.hasDirectory?.('a/b'), files.hasDirectory?.('.'), files.unread?.('a/b')]).toEqual([true, false, 'it is a directory']);
  });

  it('sorts directories it is given', () => {
    expect(memoryRepo({}, [], { dirs: new Set(['b', 'a/c', 'a']) }).directories?.()).toEqual(['a', 'a/c', 'b']);
  });
});
