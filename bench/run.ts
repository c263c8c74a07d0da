/**
 * npm run bench: the SPEC §9 rows that run here, with request counts and times. Prints figures; asserts nothing.
 * Renovate is not run: it is not a dependency of this project and this machine has no network to fetch it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { selectFromCandidates } from '../src/strategy/select.js';
import { normalizeStrategyName } from '../src/strategy/strategy.js';
import { startOciServer, type ExampleImage } from '../test-support/oci-server.js';
import { fleetRows } from './fleet.js';
import { githubRows } from './github.js';
import { countRequests, kustomizeApp, planFiles, timed } from './helpers.js';
import { largeListingRow } from './large-listing.js';
import { pinDigestRows } from './pin-digest.js';
import { promotionRows } from './promotion.js';

const rows: string[][] = [['work', 'target', 'requests', 'time']];
const sha = (i: number) => i.toString(16).padStart(7, '0');
const created = (i: number) => new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();

function manyTags(repository: string, count: number, tag: (i: number) => string): ExampleImage {
  return { repository, tags: Array.from({ length: count }, (_, i) => ({ tag: tag(i), created: created(i) })) };
}

async function googleNewestBuild() {
  const server = await startOciServer({ images: [manyTags('acme/web', 10_000, sha)], googleTagList: true });
  const conf = `registries:\n- name: gcr\n  prefix: asia.gcr.io\n  api_url: ${server.url}\n`;
  const app = kustomizeApp('web', 'asia.gcr.io/acme/web', { 'app.update-strategy': 'newest-build' }, sha(0));
  const { result, ms } = await timed(() => planFiles(app, conf));
  const counts = countRequests(server.requests);
  rows.push(['newest-build, 10,000 tags, Google registry', '1 tags request / repo', fmt(counts), `${ms.toFixed(0)} ms -> ${result.report.updates[0]?.to}`]);
  await server.stop();
}

async function genericNewestBuild() {
  // 10,000 tags; 50 of them pass allow-tags (the ones starting with "rel-").
  const server = await startOciServer({ images: [manyTags('acme/web', 10_000, (i) => (i % 200 === 0 ? `rel-${sha(i)}` : sha(i)))] });
  const app = kustomizeApp('web', 'registry.example.test/acme/web', { 'app.update-strategy': 'newest-build', 'app.allow-tags': 'regexp:^rel-' }, 'rel-0000000');
  const dir = mkdtempSync(join(tmpdir(), 'aip-bench-'));
  for (const [name, extra] of [['mutable tags (tagttl 1h)', ''], ['immutabletags: true', '  immutabletags: true\n']]) {
    const conf = `registries:\n- name: oci\n  prefix: registry.example.test\n  api_url: ${server.url}\n${extra}`;
    const cache = join(dir, `cache-${extra === '' ? 'mutable' : 'immutable'}.json`);
    server.requests.length = 0;
    const cold = await timed(() => planFiles(app, conf, cache));
    const coldCounts = countRequests(server.requests);
    server.requests.length = 0;
    const warm = await timed(() => planFiles(app, conf, cache));
    const warmCounts = countRequests(server.requests);
    const heads = server.requests.filter((r) => r.method === 'HEAD').length;
    rows.push([`newest-build, 10,000 tags, OCI, 50 pass filters, ${name}`, 'tags pages + <= 50 metadata', fmt(coldCounts), `${cold.ms.toFixed(0)} ms -> ${cold.result.report.updates[0]?.to}`]);
    const target = extra === '' ? '<= 10% of candidates HEADed' : 'tags pages only';
    rows.push([`  same, second run with cache`, target, fmt(warmCounts), `${warm.ms.toFixed(0)} ms -> ${warm.result.report.updates[0]?.to}; ${heads} of 50 candidates HEADed (${((heads / 50) * 100).toFixed(0)}%)`]);
  }
  rmSync(dir, { recursive: true, force: true });
  await server.stop();
}

async function manyApplications() {
  const images = Array.from({ length: 100 }, (_, i) => ({ repository: `team/svc${i}`, tags: ['1.0.0', '1.1.0', '1.2.0', '2.0.0'].map((tag, j) => ({ tag, created: created(j) })) }));
  const server = await startOciServer({ images, latencyMs: 20 });
  const conf = `registries:\n- name: oci\n  prefix: registry.example.test\n  api_url: ${server.url}\n`;
  const files: Record<string, string> = {};
  for (let i = 0; i < 500; i++) Object.assign(files, kustomizeApp(`app${i}`, `registry.example.test/team/svc${i % 100}`, {}, '1.0.0'));
  const { result, ms } = await timed(() => planFiles(files, conf));
  const counts = countRequests(server.requests);
  rows.push(['500 Applications, 100 images, 20 ms latency, dry run', '< 10 s, each repo listed once', fmt(counts), `${(ms / 1000).toFixed(2)} s, ${result.report.updates.length} updates`]);
  await server.stop();
}

async function chooseCpu() {
  const tags = Array.from({ length: 100_000 }, (_, i) => ({ tag: `${Math.floor(i / 1000)}.${Math.floor(i / 10) % 100}.${i % 10}`, created: new Date(Date.UTC(2024, 0, 1) + i * 1000) }));
  for (const strategy of ['semver', 'newest-build', 'alphabetical']) {
    const spec = { strategy: normalizeStrategyName(strategy).name, constraint: '', ignoreTags: ['*-rc*'], allowTags: 'regexp:^[0-9]' };
    selectFromCandidates(spec, tags); // warm up
    const { result, ms } = await timed(() => selectFromCandidates(spec, tags));
    rows.push([`choose among 100,000 tags (${strategy})`, '< 100 ms', '0', `${ms.toFixed(1)} ms -> ${result.tag}`]);
  }
}

function fmt(counts: Record<string, number>): string {
  return Object.entries(counts).filter(([, n]) => n > 0).map(([kind, n]) => `${kind} ${n}`).join(', ') || '0';
}

await googleNewestBuild();
await genericNewestBuild();
await manyApplications();
await chooseCpu();
rows.push(await largeListingRow(150_000, 'time, RSS'));
rows.push(await largeListingRow(500_000, 'listed, peak RSS < 512 MB'));
rows.push(...(await fleetRows(fmt)));
rows.push(...(await githubRows()));
rows.push(...(await promotionRows(fmt)));
rows.push(...(await pinDigestRows(fmt)));
const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
for (const row of rows) console.log(row.map((cell, c) => cell.padEnd(widths[c])).join('  '));
