import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tempDir } from '../../test-support/temp-dir.js';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { MemoryLogger } from '../../src/logger.js';
import { CACHE_VERSION, loadMetadataCache } from '../../src/registry/metadata-cache.js';

const DIGEST = `sha256:${'a'.repeat(64)}`;
const OTHER = `sha256:${'b'.repeat(64)}`;

function tempPath(name = 'cache.json'): string {
  return join(tempDir('meta-cache-'), 'nested', name);
}

describe('loadMetadataCache', () => {
  it('round-trips metadata through the file, keyed by digest and key', async () => {
    const path = tempPath();
    const first = await loadMetadataCache(path);
    first.set(DIGEST, 'linux/amd64+created', { digest: DIGEST, created: new Date('2024-05-01T10:00:00.123Z'), labels: { 'org.opencontainers.image.source': 'https://github.com/o/r' }, platforms: ['linux/amd64'] });
    first.set(DIGEST, 'linux/amd64', { digest: DIGEST, platforms: ['linux/amd64', 'linux/arm64'] });
    await first.save();

    const second = await loadMetadataCache(path);
    expect(second.size).toBe(2);
    expect(second.get(DIGEST, 'linux/amd64+created')).toEqual({ digest: DIGEST, created: new Date('2024-05-01T10:00:00.123Z'), labels: { 'org.opencontainers.image.source': 'https://github.com/o/r' }, platforms: ['linux/amd64'] });
    expect(second.get(DIGEST, 'linux/amd64')).toEqual({ digest: DIGEST, platforms: ['linux/amd64', 'linux/arm64'] });
    expect(second.get(OTHER, 'linux/amd64')).toBeUndefined();
    expect(second.get(DIGEST, 'linux/arm64')).toBeUndefined();
    // The file is written whole: no temp file is left beside it.
    expect(readdirSync(join(path, '..'))).toEqual(['cache.json']);
    expect(JSON.parse(readFileSync(path, 'utf8'))).toMatchObject({ version: CACHE_VERSION, entries: [{ digest: DIGEST, key: 'linux/amd64+created', created: '2024-05-01T10:00:00.123Z' }, { digest: DIGEST, key: 'linux/amd64' }] });
  });

  it('hands out copies, so callers cannot change what is cached', async () => {
    const cache = await loadMetadataCache();
    cache.set(DIGEST, 'k', { digest: DIGEST, platforms: ['linux/amd64'] });
    cache.get(DIGEST, 'k')?.platforms.push('linux/arm64');
    expect(cache.get(DIGEST, 'k')?.platforms).toEqual(['linux/amd64']);
  });

  it('without a path it is memory only and save does nothing', async () => {
    const cache = await loadMetadataCache(undefined);
    cache.set(DIGEST, 'k', { digest: DIGEST, platforms: [] });
    await cache.save();
    expect(cache.get(DIGEST, 'k')).toEqual({ digest: DIGEST, platforms: [] });
  });

  it('does not write when nothing changed', async () => {
    const path = tempPath();
    const cache = await loadMetadataCache(path);
    cache.get(DIGEST, 'k');
    await cache.save();
    expect(existsSync(path)).toBe(false);
  });

  const broken: { name: string; text: string; size: number; warning: RegExp }[] = [
    { name: 'not JSON (a truncated write)', text: '{"version":1,"entr', size: 0, warning: /is not JSON; ignoring it/ },
    { name: 'another version', text: JSON.stringify({ version: 99, entries: [] }), size: 0, warning: /not a version 1 cache file/ },
    { name: 'an array', text: '[]', size: 0, warning: /not a version 1 cache file/ },
    {
      name: 'some malformed entries',
      text: JSON.stringify({
        version: 1,
        entries: [
          { digest: DIGEST, key: 'k', platforms: ['linux/amd64'], created: '2024-01-01T00:00:00Z', future: 'field' },
          { digest: 'nodigest', key: 'k', platforms: [] },
          { digest: OTHER, key: 'k', platforms: 'linux/amd64' },
          { digest: OTHER, key: 'k', platforms: [], created: 'yesterday' },
          { digest: OTHER, key: 'k', platforms: [], labels: { a: 1 } },
        ],
      }),
      size: 1,
      warning: /4 malformed entries ignored/,
    },
  ];
  it('size counts what a previous run left, not what this run adds (a cold run never HEADs, whatever order its reads finish in)', async () => {
    const cache = await loadMetadataCache(tempPath());
    cache.set(DIGEST, 'k', { digest: DIGEST, platforms: [] });
    expect(cache.size).toBe(0);
  });

  it.each(broken)('ignores a file that is $name, with a warning', async ({ text, size, warning }) => {
    const path = tempPath();
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
    const logger = new MemoryLogger();
    const cache = await loadMetadataCache(path, logger);
    expect(cache.size).toBe(size);
    expect(logger.messages('warning')).toEqual([expect.stringMatching(warning)]);
    cache.set(OTHER, 'k2', { digest: OTHER, platforms: [] });
    await cache.save();
    expect((await loadMetadataCache(path, logger)).size).toBe(size + 1);
  });

  it('a missing file is an empty cache, without a warning', async () => {
    const logger = new MemoryLogger();
    const cache = await loadMetadataCache(tempPath(), logger);
    expect({ size: cache.size, warnings: logger.messages('warning') }).toEqual({ size: 0, warnings: [] });
  });
});
