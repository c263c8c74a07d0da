/** `choose --image` against the real docker-registry: the registry access it opens is closed, so --cache-file is saved. */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDockerRegistry, startDockerRegistry, type DockerRegistry } from '../../test-support/docker-registry.js';
import { runCli } from './helpers.js';

describe.skipIf(!hasDockerRegistry())('choose --image with a registry', () => {
  let registry: DockerRegistry;
  const dir = mkdtempSync(join(tmpdir(), 'aip-choose-cache-'));
  beforeAll(async () => {
    registry = await startDockerRegistry();
    await registry.pushImage('team/app', 'a1', { created: '2024-01-01T00:00:00Z' });
    await registry.pushImage('team/app', 'b2', { created: '2024-02-01T00:00:00Z' });
  });
  afterAll(async () => {
    await registry?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('issue 14 item 15: choose --image --cache-file writes the cache file', async () => {
    const cacheFile = join(dir, 'cache.json');
    const result = await runCli(['choose', '--json', '--image', `${registry.host}/team/app`, '--strategy', 'newest-build', '--cache-file', cacheFile, '--docker-config', '{"auths":{}}']);
    expect(result.stderr).not.toMatch(/argocd-image-promoter:/);
    expect(JSON.parse(result.stdout)).toMatchObject({ tag: 'b2', considered: 2, eligible: 2 });
    expect(existsSync(cacheFile)).toBe(true);
    const saved = JSON.parse(readFileSync(cacheFile, 'utf8'));
    expect(saved.entries.length).toBeGreaterThanOrEqual(2);
  });
});
