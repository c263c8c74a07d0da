/**
 * Benchmark rows for pin-digest (issue 12): 100 Applications on 100 images (semver, and newest-build) pinned by
 * digest, OCI registry with 20 ms latency, cold and warm cache. Counts what pinning adds per image (target: one
 * manifest read per pinned image with semver, none with newest-build, one HEAD with a warm cache).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOciServer } from '../test-support/oci-server.js';
import { countRequests, kustomizeApp, planFiles, timed } from './helpers.js';

const COUNT = 100;

/** pinDigestRows returns [work, target, requests, time] rows. */
export async function pinDigestRows(fmt: (counts: Record<string, number>) => string): Promise<string[][]> {
  const index = (i: number) => i % 2 === 0;
  const images = Array.from({ length: COUNT }, (_, i) => ({
    repository: `team/svc${i}`,
    tags: ['1.0.0', '1.1.0', '1.2.0'].map((tag, j) => ({ tag, created: new Date(Date.UTC(2026, 0, 1 + j)).toISOString(), ...(index(i) ? { platforms: ['linux/amd64', 'linux/arm64'] } : {}) })),
  }));
  const server = await startOciServer({ images, latencyMs: 20 });
  const conf = `registries:\n- name: oci\n  prefix: registry.example.test\n  api_url: ${server.url}\n`;
  const dir = mkdtempSync(join(tmpdir(), 'aip-bench-pin-'));
  const rows: string[][] = [];
  try {
    for (const strategy of ['semver', 'newest-build']) {
      const files: Record<string, string> = {};
      for (let i = 0; i < COUNT; i++) Object.assign(files, kustomizeApp(`app${i}`, `registry.example.test/team/svc${i}`, { 'app.update-strategy': strategy }, '1.0.0'));
      server.requests.length = 0;
      await planFiles(files, conf, join(dir, `${strategy}-unpinned.json`));
      const unpinned = fmt(countRequests(server.requests));
      for (const path of Object.keys(files).filter((p) => /^apps\/app\d+\.yaml$/.test(p))) files[path] = files[path].replace('\nspec:', "\n    image-promoter.argoproj.io/app.pin-digest: 'true'\nspec:");
      const cache = join(dir, `${strategy}.json`);
      server.requests.length = 0;
      const cold = await timed(() => planFiles(files, conf, cache));
      const coldCounts = countRequests(server.requests);
      server.requests.length = 0;
      const warm = await timed(() => planFiles(files, conf, cache));
      const heads = server.requests.filter((r) => r.method === 'HEAD').length;
      const pinned = cold.result.report.updates.filter((u) => u.pinned).length;
      const target = strategy === 'semver' ? '1 manifest GET per index, + config blob per single-platform image' : 'no request beyond newest-build\'s own';
      rows.push([`${strategy} + pin-digest, ${COUNT} Applications / images (half multi-platform), 20 ms registry`, target, fmt(coldCounts), `${cold.ms.toFixed(0)} ms, ${pinned} pinned updates; without pin-digest: ${unpinned}`]);
      rows.push(['  same, second run with cache', strategy === 'semver' ? '1 manifest HEAD per pinned image' : 'HEADs of newest-build\'s own re-checks', fmt(countRequests(server.requests)), `${warm.ms.toFixed(0)} ms, ${heads} HEADs`]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await server.stop();
  }
  return rows;
}
