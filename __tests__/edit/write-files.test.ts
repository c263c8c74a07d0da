import { mkdtemp, mkdir, readFile, readdir, symlink, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../src/edit/diff.js';
import { decodeLossless } from '../../src/edit/lossless-text.js';
import { findUnwritable, writeFileChanges, type WriteFs } from '../../src/edit/write-files.js';
import * as fs from 'node:fs/promises';

let base: string;
let repo: string;
let outside: string;

beforeEach(async () => {
  base = await mkdtemp(join(tmpdir(), 'write-files-'));
  repo = join(base, 'repo');
  outside = join(base, 'outside');
  await mkdir(join(repo, 'apps'), { recursive: true });
  await mkdir(outside);
  await writeFile(join(repo, 'apps/a.yaml'), 'tag: v1\n');
  await writeFile(join(repo, 'apps/b.yaml'), 'tag: v1\n');
  await writeFile(join(outside, 'secret.yaml'), 'keep: me\n');
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) out[join(entry.parentPath, entry.name).slice(dir.length)] = await readFile(join(entry.parentPath, entry.name), 'utf8');
  }
  return out;
}

// The real fs, except that the second call of `op` fails with `message`.
function failSecond(op: keyof WriteFs, message: string): WriteFs {
  let calls = 0;
  const real: WriteFs = { writeFile: (file, data, options) => fs.writeFile(file, data, options), rename: (from, to) => fs.rename(from, to) };
  const failing = async (...args: unknown[]): Promise<void> => {
    if (++calls === 2) throw new Error(message);
    await (real[op] as (...a: unknown[]) => Promise<void>)(...args);
  };
  return { ...real, [op]: failing };
}

const change = (path: string, after = 'tag: v2\n', before: string | null = 'tag: v1\n') => ({ path, before, after });

describe('writeFileChanges', () => {
  it('writes every file whole and creates missing ones in existing directories', async () => {
    const written = await writeFileChanges(repo, [change('apps/a.yaml'), change('apps/values.yaml', 'x: 1\n', null)]);
    expect(written).toEqual(['apps/a.yaml', 'apps/values.yaml']);
    expect(await snapshot(repo)).toEqual({ '/apps/a.yaml': 'tag: v2\n', '/apps/b.yaml': 'tag: v1\n', '/apps/values.yaml': 'x: 1\n' });
  });

  // Issue 14 item 1 and issue 10: the writer never replaces what it did not read, never makes directories.
  const unsafe: { name: string; path: string; before?: string | null; setup?: () => Promise<void>; reason: RegExp }[] = [
    { name: 'a file that exists but was not read (a "creation" over README.md)', path: 'apps/README.md', before: null, setup: () => writeFile(join(repo, 'apps/README.md'), '# docs\n'), reason: /exists but was not read/ },
    { name: 'anything under .git/', path: '.git/config', before: null, setup: () => mkdir(join(repo, '.git')), reason: /inside \.git\// },
    { name: 'a file in a directory that does not exist', path: 'apps/new/values.yaml', before: null, reason: /directory "apps\/new" does not exist/ },
    { name: 'a file whose bytes changed since they were read', path: 'apps/b.yaml', before: 'tag: v0\n', reason: /changed on disk since it was read/ },
    { name: 'a target that is a directory', path: 'apps/dir.yaml', setup: () => mkdir(join(repo, 'apps/dir.yaml')), reason: /not a regular file/ },
    { name: 'a dangling symlink', path: 'apps/gone.yaml', setup: () => symlink(join(repo, 'apps/nothing.yaml'), join(repo, 'apps/gone.yaml')), reason: /dangling symlink/ },
    { name: 'a file that was read but is gone now', path: 'apps/removed.yaml', reason: /was read but no longer exists/ },
    { name: 'a file whose "directory" is a file', path: 'apps/a.yaml/x.yaml', before: null, reason: /"apps\/a\.yaml" is not a directory/ },
  ];
  for (const c of unsafe) {
    it(`refuses ${c.name} and changes nothing on disk`, async () => {
      await c.setup?.();
      const before = await snapshot(repo);
      await expect(writeFileChanges(repo, [change('apps/a.yaml'), change(c.path, 'x: 1\n', c.before === undefined ? 'tag: v1\n' : c.before)])).rejects.toThrow(c.reason);
      expect(await snapshot(repo)).toEqual(before);
      expect(await readdir(join(repo, 'apps'))).not.toContainEqual(expect.stringMatching(/\.tmp$/));
    });
    it(`findUnwritable names ${c.name}`, async () => {
      await c.setup?.();
      const refused = await findUnwritable(repo, [change('apps/a.yaml'), change(c.path, 'x: 1\n', c.before === undefined ? 'tag: v1\n' : c.before)]);
      expect([...refused.keys()]).toEqual([c.path]);
      expect(refused.get(c.path)?.message).toMatch(c.reason);
      expect(refused.get(c.path)).toMatchObject({ file: c.path, fix: expect.stringMatching(/write-back-target/) });
    });
  }

  it.skipIf(process.getuid?.() === 0)('findUnwritable names a target in a read-only directory', async () => {
    await fs.chmod(join(repo, 'apps'), 0o555);
    try {
      expect((await findUnwritable(repo, [change('apps/a.yaml')])).get('apps/a.yaml')?.message).toMatch(/"apps" is not writable/);
    } finally {
      await fs.chmod(join(repo, 'apps'), 0o755);
    }
  });

  it('keeps bytes that are not UTF-8: a Latin-1 comment stays Latin-1 (issue 14 item 5)', async () => {
    const latin1 = Buffer.from('# caf\xe9 cr\xe8me\ntag: v1\n', 'latin1');
    await writeFile(join(repo, 'apps/a.yaml'), latin1);
    const before = decodeLossless(latin1);
    await writeFileChanges(repo, [{ path: 'apps/a.yaml', before, after: before.replace('v1', 'v2') }]);
    expect(await readFile(join(repo, 'apps/a.yaml'))).toEqual(Buffer.from('# caf\xe9 cr\xe8me\ntag: v2\n', 'latin1'));
  });

  const refused: { name: string; path: string; setup?: () => Promise<void>; reason: RegExp }[] = [
    { name: '.. escape', path: 'apps/../../outside/secret.yaml', reason: /contains "\.\."/ },
    { name: 'absolute path', path: '/etc/passwd', reason: /not a relative path/ },
    { name: 'Windows absolute path', path: 'C:\\evil.yaml', reason: /not a relative path/ },
    { name: 'empty path', path: '', reason: /not a relative path/ },
    { name: 'path with a NUL byte', path: 'apps/a.yaml\0.bak', reason: /not a relative path/ },
    { name: 'path that is the repository itself', path: '.', reason: /resolves outside of the repository/ },
    { name: 'symlinked directory escape', path: 'link/secret.yaml', setup: () => symlink(outside, join(repo, 'link')), reason: /"link" is a symlink that leads out/ },
    { name: 'symlink to the directory above the repository', path: 'up/x.yaml', setup: () => symlink(base, join(repo, 'up')), reason: /"up" is a symlink that leads out/ },
    { name: 'symlinked file escape', path: 'apps/evil.yaml', setup: () => symlink(join(outside, 'secret.yaml'), join(repo, 'apps/evil.yaml')), reason: /symlink that leads out/ },
  ];
  for (const c of refused) {
    it(`refuses a ${c.name} and changes nothing on disk`, async () => {
      await c.setup?.();
      const before = { repo: await snapshot(repo), outside: await snapshot(outside) };
      // The good change comes first: validation must reject the batch before anything is written.
      await expect(writeFileChanges(repo, [change('apps/a.yaml'), change(c.path)])).rejects.toThrow(c.reason);
      expect({ repo: await snapshot(repo), outside: await snapshot(outside) }).toEqual(before);
    });
  }

  it('writes under a directory whose name starts with ".." (`..data`): only a ".." segment leads out', async () => {
    await mkdir(join(repo, '..data'));
    await writeFile(join(repo, '..data/values.yaml'), 'tag: v1\n');
    expect(await findUnwritable(repo, [change('..data/values.yaml')])).toEqual(new Map());
    expect(await writeFileChanges(repo, [change('..data/values.yaml')])).toEqual(['..data/values.yaml']);
    expect(await readFile(join(repo, '..data/values.yaml'), 'utf8')).toBe('tag: v2\n');
  });

  it('keeps the permission bits of a replaced file; a new file gets 0644', async () => {
    await fs.chmod(join(repo, 'apps/a.yaml'), 0o600);
    await writeFileChanges(repo, [change('apps/a.yaml'), change('apps/new.yaml', 'x: 1\n', null)]);
    expect((await fs.stat(join(repo, 'apps/a.yaml'))).mode & 0o777).toBe(0o600);
    expect((await fs.stat(join(repo, 'apps/new.yaml'))).mode & 0o777).toBe(0o644);
  });

  it('a new file that appears between the checks and the write is not overwritten, and the rest is restored', async () => {
    const racing: WriteFs = {
      writeFile: async (file, data, options) => {
        await fs.writeFile(file, data, options);
        if (file.includes('.new.yaml.')) await fs.writeFile(join(repo, 'apps/new.yaml'), 'theirs: 1\n');
      },
      rename: (from, to) => fs.rename(from, to),
    };
    await expect(writeFileChanges(repo, [change('apps/a.yaml'), change('apps/new.yaml', 'x: 1\n', null)], racing)).rejects.toMatchObject({
      message: 'could not replace apps/new.yaml; the files were restored',
      file: 'apps/new.yaml',
      cause: expect.objectContaining({ code: 'EEXIST' }),
    });
    expect(await snapshot(repo)).toEqual({ '/apps/a.yaml': 'tag: v1\n', '/apps/b.yaml': 'tag: v1\n', '/apps/new.yaml': 'theirs: 1\n' });
  });

  it('a rename that fails after a new file was created removes that file again', async () => {
    const failing = failSecond('rename', 'EIO');
    const before = await snapshot(repo);
    const changes = [change('apps/new.yaml', 'x: 1\n', null), change('apps/a.yaml'), change('apps/b.yaml')];
    await expect(writeFileChanges(repo, changes, failing)).rejects.toThrow('could not replace apps/b.yaml; the files were restored');
    expect(await snapshot(repo)).toEqual(before);
  });

  it('writes through a symlink that stays inside the repository (the link is kept)', async () => {
    await symlink(join(repo, 'apps/b.yaml'), join(repo, 'apps/link.yaml'));
    await writeFileChanges(repo, [change('apps/link.yaml')]);
    expect(await readFile(join(repo, 'apps/b.yaml'), 'utf8')).toBe('tag: v2\n');
    expect((await fs.lstat(join(repo, 'apps/link.yaml'))).isSymbolicLink()).toBe(true);
  });

  it('a write that fails midway leaves nothing changed on disk (no temp files either)', async () => {
    const failing = failSecond('writeFile', 'disk full');
    const before = await snapshot(repo);
    const cause = expect.objectContaining({ message: 'disk full' });
    await expect(writeFileChanges(repo, [change('apps/a.yaml'), change('apps/b.yaml')], failing)).rejects.toMatchObject({
      message: 'could not write apps/b.yaml; nothing was changed',
      file: 'apps/b.yaml',
      cause,
    });
    expect(await snapshot(repo)).toEqual(before);
  });

  it('a rename that fails midway restores the files already replaced', async () => {
    const failing = failSecond('rename', 'EIO');
    const before = await snapshot(repo);
    await expect(writeFileChanges(repo, [change('apps/a.yaml'), change('apps/b.yaml')], failing)).rejects.toMatchObject({
      message: 'could not replace apps/b.yaml; the files were restored',
      file: 'apps/b.yaml',
      cause: expect.objectContaining({ message: 'EIO' }),
    });
    expect(await snapshot(repo)).toEqual(before);
  });
});

describe('unifiedDiff', () => {
  it('shows only the changed line with git-style names', () => {
    expect(unifiedDiff({ path: 'apps/a.yaml', before: 'a: 1\ntag: v1\n', after: 'a: 1\ntag: v2\n' })).toBe(
      '--- a/apps/a.yaml\n+++ b/apps/a.yaml\n@@ -1,2 +1,2 @@\n a: 1\n-tag: v1\n+tag: v2\n',
    );
  });
  it('shows three lines of context, as git does', () => {
    const lines = (tag: string) => ['a: 1', 'b: 2', 'c: 3', 'd: 4', `tag: ${tag}`, 'e: 5', 'f: 6', 'g: 7', 'h: 8', ''].join('\n');
    expect(unifiedDiff({ path: 'a.yaml', before: lines('v1'), after: lines('v2') })).toBe(
      '--- a/a.yaml\n+++ b/a.yaml\n@@ -2,7 +2,7 @@\n b: 2\n c: 3\n d: 4\n-tag: v1\n+tag: v2\n e: 5\n f: 6\n g: 7\n',
    );
  });
  it('uses /dev/null for a new file', () => {
    expect(unifiedDiff({ path: 'n.yaml', before: null, after: 'x: 1\n' })).toContain('--- /dev/null\n+++ b/n.yaml\n@@ -0,0 +1,1 @@\n+x: 1\n');
  });
});
