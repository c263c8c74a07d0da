import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, mkdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { memoryRepo, readLocalRepo } from '../../src/discover/local-repo.js';
import { ConfigError } from '../../src/errors.js';

let base: string;
let root: string;

beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'discover-local-'));
  root = join(base, 'repo');
  const files: Record<string, string> = {
    'a.yaml': 'a: 1\n',
    'deep/er/b.YML': 'b: 2\n',
    'notes.txt': 'not yaml',
    '.git/config.yaml': 'x: 1\n',
    'node_modules/pkg/c.yaml': 'x: 1\n',
    'big.yaml': `k: ${'x'.repeat(200)}\n`,
    '.hidden/d.yaml': 'd: 4\n',
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(root, path, '..'), { recursive: true });
    await writeFile(join(root, path), text);
  }
  await writeFile(join(base, 'outside.yaml'), 'secret: 1\n');
  await mkdir(join(base, 'outside-dir'));
  await writeFile(join(base, 'outside-dir/e.yaml'), 'e: 1\n');
  await symlink(join(base, 'outside.yaml'), join(root, 'escape.yaml'));
  await symlink(join(base, 'outside-dir'), join(root, 'escape-dir'));
  await symlink(join(root, 'a.yaml'), join(root, 'alias.yaml'));
  await symlink(root, join(root, 'deep/loop'));
  await symlink(join(root, 'missing.yaml'), join(root, 'dangling.yaml'));
});

afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

describe('readLocalRepo', () => {
  it('lists every YAML file except .git, node_modules, oversized and escaping ones', async () => {
    const repo = await readLocalRepo(root, { maxFileBytes: 100 });
    expect(repo.list()).toEqual(['.hidden/d.yaml', 'a.yaml', 'alias.yaml', 'deep/er/b.YML']);
    expect(repo.read('alias.yaml')).toBe('a: 1\n');
    expect(repo.read('notes.txt')).toBeUndefined();
  });

  it('records refused files instead of failing', async () => {
    const repo = await readLocalRepo(root, { maxFileBytes: 100 });
    expect(repo.refused).toEqual([
      { path: 'big.yaml', reason: 'it is 204 bytes, over the 100-byte limit for a YAML file' },
      { path: 'escape.yaml', reason: 'it is a symlink that leads outside the repository' },
    ]);
  });

  it('reads big files under the default 5 MiB cap', async () => {
    const repo = await readLocalRepo(root);
    expect(repo.list()).toContain('big.yaml');
    expect(repo.refused?.map((r) => r.path)).toEqual(['escape.yaml']);
  });
});

describe('memoryRepo', () => {
  it('serves files sorted, and undefined for unknown paths', () => {
    const repo = memoryRepo({ 'z.yaml': 'z', 'a/b.yaml': 'b' });
    expect([repo.list(), repo.read('z.yaml'), repo.read('nope')]).toEqual([['a/b.yaml', 'z.yaml'], 'z', undefined]);
  });
});

describe('readLocalRepo: what it did not read (issue 14 item 1)', () => {
  it('remembers non-YAML files, directories, dangling symlinks and .git, so no target replaces them', async () => {
    const root = await mkdtemp(join(tmpdir(), 'aip-local-unread-'));
    try {
      await mkdir(join(root, 'apps/dir.yaml'), { recursive: true });
      await writeFile(join(root, 'apps/values.yaml'), 'a: 1\n');
      await writeFile(join(root, 'README.md'), '# hi\n');
      await symlink(join(root, 'nothing.yaml'), join(root, 'apps/gone.yaml'));
      const files = await readLocalRepo(root);
      expect(files.unread?.('README.md')).toBe('it is not a YAML file');
      expect(files.unread?.('apps/dir.yaml')).toBe('it is a directory');
      expect(files.unread?.('apps/gone.yaml')).toBe('it is a dangling symlink');
      expect(files.unread?.('.git/config')).toMatch(/inside \.git\//);
      expect(files.unread?.('apps/values.yaml')).toBeUndefined();
      expect(files.unread?.('apps/new.yaml')).toBeUndefined();
      expect([files.hasDirectory?.('apps'), files.hasDirectory?.(''), files.hasDirectory?.('apps/nope')]).toEqual([true, true, false]);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('readLocalRepo and JSON files (ApplicationSet git files generators read config.json)', () => {
  it('reads JSON files up to 1 MiB; a bigger one is left unread with the reason, never refused (no error)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'discover-json-'));
    try {
      await mkdir(join(dir, 'clusters/east'), { recursive: true });
      await writeFile(join(dir, 'clusters/east/config.json'), '{"image": {"tag": "1.0.0"}}\n');
      await writeFile(join(dir, 'dashboard.json'), `{"panels": "${'x'.repeat(1024 * 1024)}"}`);
      const repo = await readLocalRepo(dir);
      expect(repo.list()).toEqual(['clusters/east/config.json']);
      expect(repo.read('clusters/east/config.json')).toBe('{"image": {"tag": "1.0.0"}}\n');
      expect(repo.refused).toEqual([]);
      expect(repo.unread?.('dashboard.json')).toBe('it is a JSON file over 1048576 bytes');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('readLocalRepo: a path that is not a directory (issue 10)', () => {
  it('a missing path or a file is a ConfigError naming it, not a raw ENOENT/ENOTDIR', async () => {
    await expect(readLocalRepo('__fixtures__/no-such-dir')).rejects.toThrow(/^path __fixtures__\/no-such-dir does not exist\.$/);
    await expect(readLocalRepo('package.json')).rejects.toThrow(/^path package.json is not a directory\.$/);
    await expect(readLocalRepo('package.json')).rejects.toBeInstanceOf(ConfigError);
  });
});
