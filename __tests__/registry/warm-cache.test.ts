/**
 * The warm cache (issue 14, performance): a second run with cache-file costs only the tag list where tags
 * are immutable, one HEAD (the winner's re-check) where they are mutable within the tag TTL, and a
 * re-pushed winner is still seen. Against the project's OCI server, which records every request.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { countRequests, kustomizeApp, planFiles } from '../../bench/helpers.js';
import { startOciServer, type ExampleImage, type OciServer } from '../../test-support/oci-server.js';

const dir = mkdtempSync(join(tmpdir(), 'aip-warm-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const servers: OciServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.stop()));
});

const created = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
const image = (count: number): ExampleImage => ({ repository: 'acme/web', tags: Array.from({ length: count }, (_, i) => ({ tag: `b${i}`, created: created(i) })) });
const app = kustomizeApp('web', 'registry.example.test/acme/web', { 'app.update-strategy': 'newest-build' }, 'b0');

async function serve(content: ExampleImage) {
  const server = await startOciServer({ images: [content] });
  servers.push(server);
  return server;
}
const conf = (server: OciServer, extra = '') => `registries:\n- name: oci\n  prefix: registry.example.test\n  api_url: ${server.url}\n${extra}`;

async function twoRuns(extra: string, count = 50) {
  const server = await serve(image(count));
  const cacheFile = join(dir, `${extra.replace(/\W/g, '') || 'default'}-${count}.json`);
  const cold = await planFiles(app, conf(server, extra), cacheFile);
  const coldCounts = countRequests(server.requests);
  server.requests.length = 0;
  const warm = await planFiles(app, conf(server, extra), cacheFile);
  return { cold, warm, coldCounts, warmCounts: countRequests(server.requests), requests: server.requests, cacheFile };
}

describe('warm cache', () => {
  it('immutable tags: the second run sends the tag list only (no manifest request)', async () => {
    const { cold, warm, coldCounts, warmCounts } = await twoRuns('  immutabletags: true\n');
    expect(coldCounts.manifest).toBe(50);
    expect(warm.report.updates.map((u) => u.to)).toEqual(['b49']);
    expect(cold.report.updates.map((u) => u.to)).toEqual(['b49']);
    expect(warmCounts).toEqual({ ping: 1, tags: 1, manifest: 0, blob: 0 });
  });

  it('mutable tags within the tag TTL: one manifest HEAD (the winner re-checked), under 10% of 50 candidates', async () => {
    const { warm, warmCounts, requests } = await twoRuns('');
    expect(warm.report.updates.map((u) => u.to)).toEqual(['b49']);
    expect(warmCounts).toEqual({ ping: 1, tags: 1, manifest: 1, blob: 0 });
    expect(requests.filter((r) => r.path.includes('/manifests/'))).toEqual([{ method: 'HEAD', path: '/v2/acme/web/manifests/b49' }]);
  });

  it('mutable tags past the tag TTL: every candidate is HEADed again (and nothing more)', async () => {
    const { warmCounts } = await twoRuns('  tagttl: 0s\n');
    expect(warmCounts).toEqual({ ping: 1, tags: 1, manifest: 50, blob: 0 });
  });

  it('the cache file records what each tag pointed at, with the digest the server serves', async () => {
    const { cacheFile } = await twoRuns('', 3);
    const saved = JSON.parse(readFileSync(cacheFile, 'utf8'));
    expect(saved.tags.map((t: { repository: string; tag: string }) => `${t.repository}:${t.tag}`).sort()).toEqual(['registry.example.test/acme/web:b0', 'registry.example.test/acme/web:b1', 'registry.example.test/acme/web:b2']);
  });

  it('a re-pushed winner is seen on the warm run: the cached pick is re-checked and the choice made again', async () => {
    const cacheFile = join(dir, 'repushed.json');
    const first = await serve({ repository: 'acme/web', tags: [{ tag: 'a', created: created(1) }, { tag: 'b', created: created(2) }] });
    expect((await planFiles(app, conf(first), cacheFile)).report.updates.map((u) => u.to)).toEqual(['b']);
    // b is pushed again, now an older build than a.
    const second = await serve({ repository: 'acme/web', tags: [{ tag: 'a', created: created(1) }, { tag: 'b', created: created(0) }] });
    const warm = await planFiles(app, conf(second), cacheFile);
    expect(warm.report.updates.map((u) => u.to)).toEqual(['a']);
    expect(second.requests.filter((r) => r.method === 'HEAD').map((r) => r.path)).toEqual(['/v2/acme/web/manifests/b', '/v2/acme/web/manifests/a']);
  });
});

describe('warm cache on a Google registry', () => {
  it("multi-arch tags (whose created Google's list does not give) cost no request on a warm run: the listed digest finds the cached metadata", async () => {
    const multi = (i: number) => ({ tag: `m${i}`, created: created(i), platforms: ['linux/amd64', 'linux/arm64'] });
    const server = await startOciServer({ images: [{ repository: 'acme/web', tags: [0, 1, 2, 3].map(multi) }], googleTagList: true });
    servers.push(server);
    const googleConf = `registries:\n- name: gcr\n  prefix: asia.gcr.io\n  api_url: ${server.url}\n`;
    const googleApp = kustomizeApp('web', 'asia.gcr.io/acme/web', { 'app.update-strategy': 'newest-build' }, 'm0');
    const cacheFile = join(dir, 'google.json');
    const cold = await planFiles(googleApp, googleConf, cacheFile);
    expect(cold.report.updates.map((u) => u.to)).toEqual(['m3']);
    expect(countRequests(server.requests).manifest).toBeGreaterThan(0);
    server.requests.length = 0;
    const warm = await planFiles(googleApp, googleConf, cacheFile);
    expect(warm.report.updates.map((u) => u.to)).toEqual(['m3']);
    expect(countRequests(server.requests)).toEqual({ ping: 1, tags: 1, manifest: 0, blob: 0 });
  });
});
