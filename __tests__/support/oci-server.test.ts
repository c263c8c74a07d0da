import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maxSatisfying } from 'semver';
import { parse } from 'yaml';
import { MEDIA_TYPES, buildRepositories } from '../../test-support/oci-content.js';
import { loadExampleImages, startOciServer, type ExampleImage, type OciServer } from '../../test-support/oci-server.js';

const IMAGES: ExampleImage[] = [
  {
    repository: 'acme/app',
    format: 'oci',
    tags: [
      { tag: '1.0.0', created: '2025-01-02T03:04:05Z', labels: { 'org.opencontainers.image.revision': 'aaa' } },
      { tag: '1.1.0', created: '2025-02-02T03:04:05.123456789Z', format: 'docker' },
      { tag: 'latest', created: '2025-02-02T03:04:05.123456789Z', format: 'docker' },
      { tag: 'multi', created: '2025-03-01T00:00:00Z', platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] },
      { tag: 'multi-docker', created: '2025-03-01T00:00:00Z', platforms: ['linux/amd64', 'linux/arm64'], format: 'docker' },
    ],
  },
  { repository: 'acme/paged', tags: ['a', 'b', 'c', 'd', 'e'].map((tag) => ({ tag, created: '2025-01-01T00:00:00Z' })) },
];

const sha256 = (bytes: Buffer) => `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const EXAMPLES = join(import.meta.dirname, '../../examples/registry');

async function get(server: OciServer, path: string, init: RequestInit = {}) {
  const res = await fetch(server.url + path, init);
  return { res, body: Buffer.from(await res.arrayBuffer()) };
}

describe('startOciServer', () => {
  let server: OciServer;
  beforeAll(async () => {
    server = await startOciServer({ images: IMAGES });
  });
  afterAll(() => server.stop());

  it('answers the /v2/ ping with the API version header', async () => {
    const { res } = await get(server, '/v2/');
    expect([res.status, res.headers.get('docker-distribution-api-version')]).toEqual([200, 'registry/2.0']);
    expect(server.host).toBe(server.url.replace('http://', ''));
  });

  const manifestCases = [
    { tag: '1.0.0', mediaType: MEDIA_TYPES.oci.manifest, config: MEDIA_TYPES.oci.config, created: '2025-01-02T03:04:05Z' },
    { tag: '1.1.0', mediaType: MEDIA_TYPES.docker.manifest, config: MEDIA_TYPES.docker.config, created: '2025-02-02T03:04:05.123456789Z' },
  ];
  it.each(manifestCases)('serves $tag as a verifiable $mediaType with its config blob', async ({ tag, mediaType, config, created }) => {
    const { res, body } = await get(server, `/v2/acme/app/manifests/${tag}`);
    const digest = res.headers.get('docker-content-digest');
    expect([res.status, res.headers.get('content-type'), digest]).toEqual([200, mediaType, sha256(body)]);
    expect(server.digest('acme/app', tag)).toBe(digest);
    const manifest = JSON.parse(body.toString());
    expect(manifest).toMatchObject({ schemaVersion: 2, mediaType, config: { mediaType: config } });
    const blob = await get(server, `/v2/acme/app/blobs/${manifest.config.digest}`);
    expect([blob.res.status, sha256(blob.body), blob.body.length]).toEqual([200, manifest.config.digest, manifest.config.size]);
    expect(JSON.parse(blob.body.toString())).toMatchObject({ architecture: 'amd64', os: 'linux', created });
    for (const layer of manifest.layers) {
      const l = await get(server, `/v2/acme/app/blobs/${layer.digest}`);
      expect([sha256(l.body), l.body.length]).toEqual([layer.digest, layer.size]);
    }
  });

  it('serves config labels and gives equal content the same digest', async () => {
    const m = JSON.parse((await get(server, '/v2/acme/app/manifests/1.0.0')).body.toString());
    const config = JSON.parse((await get(server, `/v2/acme/app/blobs/${m.config.digest}`)).body.toString());
    expect(config.config.Labels).toEqual({ 'org.opencontainers.image.revision': 'aaa' });
    expect(server.digest('acme/app', 'latest')).toBe(server.digest('acme/app', '1.1.0'));
    expect(server.digest('acme/app', 'latest')).not.toBe(server.digest('acme/app', '1.0.0'));
  });

  it('answers HEAD with the same headers and no body', async () => {
    const { res, body } = await get(server, '/v2/acme/app/manifests/multi', { method: 'HEAD' });
    const full = await get(server, '/v2/acme/app/manifests/multi');
    expect([res.status, body.length, Number(res.headers.get('content-length'))]).toEqual([200, 0, full.body.length]);
    expect(res.headers.get('docker-content-digest')).toBe(sha256(full.body));
  });

  const indexCases = [
    { tag: 'multi', format: 'oci' as const, platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }, { os: 'linux', architecture: 'arm', variant: 'v7' }] },
    { tag: 'multi-docker', format: 'docker' as const, platforms: [{ os: 'linux', architecture: 'amd64' }, { os: 'linux', architecture: 'arm64' }] },
  ];
  it.each(indexCases)('serves $tag as a $format index whose platform entries resolve', async ({ tag, format, platforms }) => {
    const { res, body } = await get(server, `/v2/acme/app/manifests/${tag}`);
    expect([res.headers.get('content-type'), res.headers.get('docker-content-digest')]).toEqual([MEDIA_TYPES[format].index, sha256(body)]);
    const index = JSON.parse(body.toString());
    expect(index.manifests.map((m: { platform: unknown }) => m.platform)).toEqual(platforms);
    for (const entry of index.manifests) {
      const child = await get(server, `/v2/acme/app/manifests/${entry.digest}`);
      expect([sha256(child.body), child.body.length, child.res.headers.get('content-type')]).toEqual([entry.digest, entry.size, entry.mediaType]);
      const config = JSON.parse((await get(server, `/v2/acme/app/blobs/${JSON.parse(child.body.toString()).config.digest}`)).body.toString());
      expect({ os: config.os, architecture: config.architecture, ...(config.variant ? { variant: config.variant } : {}) }).toEqual(entry.platform);
    }
  });

  const errorCases = [
    { path: '/v2/acme/app/manifests/9.9.9', status: 404, code: 'MANIFEST_UNKNOWN' },
    { path: `/v2/acme/app/manifests/sha256:${'0'.repeat(64)}`, status: 404, code: 'MANIFEST_UNKNOWN' },
    { path: '/v2/acme/nope/tags/list', status: 404, code: 'NAME_UNKNOWN' },
    { path: `/v2/acme/app/blobs/sha256:${'1'.repeat(64)}`, status: 404, code: 'BLOB_UNKNOWN' },
    { path: '/v2/acme/app/tags/list?n=-1', status: 400, code: 'PAGINATION_NUMBER_INVALID' },
    { path: '/v2/acme/app/tags/list?n=x', status: 400, code: 'PAGINATION_NUMBER_INVALID' },
    { path: '/v2/acme/app/manifests/1.0.0', status: 405, code: 'UNSUPPORTED', method: 'PUT' },
  ];
  it.each(errorCases)('answers $method $path with $status $code', async ({ path, status, code, method }) => {
    const { res, body } = await get(server, path, { method: method ?? 'GET' });
    expect([res.status, res.headers.get('content-type'), JSON.parse(body.toString()).errors[0].code]).toEqual([status, 'application/json', code]);
  });

  const pageCases = [
    { query: '', tags: ['a', 'b', 'c', 'd', 'e'], link: null },
    { query: '?n=2', tags: ['a', 'b'], link: '</v2/acme/paged/tags/list?last=b&n=2>; rel="next"' },
    { query: '?n=2&last=b', tags: ['c', 'd'], link: '</v2/acme/paged/tags/list?last=d&n=2>; rel="next"' },
    { query: '?n=2&last=d', tags: ['e'], link: null },
    { query: '?n=5', tags: ['a', 'b', 'c', 'd', 'e'], link: null },
    { query: '?last=bb', tags: ['c', 'd', 'e'], link: null },
    { query: '?n=0', tags: [], link: null },
  ];
  it.each(pageCases)('pages tags/list$query', async ({ query, tags, link }) => {
    const { res, body } = await get(server, `/v2/acme/paged/tags/list${query}`);
    expect([JSON.parse(body.toString()), res.headers.get('link')]).toEqual([{ name: 'acme/paged', tags }, link]);
  });

  it('records every request with method and path', async () => {
    const before = server.requests.length;
    await get(server, '/v2/acme/paged/tags/list?n=1', { method: 'GET' });
    await get(server, '/v2/acme/app/manifests/1.0.0', { method: 'HEAD' });
    expect(server.requests.slice(before)).toEqual([
      { method: 'GET', path: '/v2/acme/paged/tags/list?n=1' },
      { method: 'HEAD', path: '/v2/acme/app/manifests/1.0.0' },
    ]);
  });
});

describe('startOciServer options', () => {
  it('pages by pageSize when n is absent, and the Link chain yields every tag once', async () => {
    const tags = Array.from({ length: 10_000 }, (_, i) => ({ tag: `t${String(i).padStart(5, '0')}`, created: '2025-01-01T00:00:00Z' }));
    const server = await startOciServer({ images: [{ repository: 'big/repo', tags }], pageSize: 1000 });
    try {
      const seen: string[] = [];
      let next: string | null = '/v2/big/repo/tags/list';
      while (next) {
        const { res, body } = await get(server, next);
        seen.push(...JSON.parse(body.toString()).tags);
        next = /^<([^>]+)>; rel="next"$/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
      }
      expect([seen.length, new Set(seen).size, seen[0], seen[9999], server.requests.length]).toEqual([10_000, 10_000, 't00000', 't09999', 10]);
    } finally {
      await server.stop();
    }
  });

  it('answers Google extended tags/list with per-digest metadata, GCR-style', async () => {
    const server = await startOciServer({ images: IMAGES, googleTagList: true });
    try {
      const body = JSON.parse((await get(server, '/v2/acme/app/tags/list')).body.toString());
      expect([body.name, body.child, body.tags]).toEqual(['acme/app', [], ['1.0.0', '1.1.0', 'latest', 'multi', 'multi-docker']]);
      const d = (tag: string) => server.digest('acme/app', tag)!;
      expect(body.manifest[d('1.1.0')]).toMatchObject({
        tag: ['1.1.0', 'latest'],
        mediaType: MEDIA_TYPES.docker.manifest,
        timeCreatedMs: String(Date.parse('2025-02-02T03:04:05.123Z')),
        timeUploadedMs: String(Date.parse('2025-02-02T03:04:05.123Z') + 90_000),
      });
      expect(Number(body.manifest[d('1.0.0')].imageSizeBytes)).toBeGreaterThan(0);
      // An index has no config, so GCR reports its creation time as 0; its children are listed untagged.
      expect(body.manifest[d('multi')]).toMatchObject({ tag: ['multi'], timeCreatedMs: '0', mediaType: MEDIA_TYPES.oci.index });
      const index = JSON.parse((await get(server, '/v2/acme/app/manifests/multi')).body.toString());
      for (const child of index.manifests) {
        expect(body.manifest[child.digest]).toMatchObject({ tag: [], timeCreatedMs: String(Date.parse('2025-03-01T00:00:00Z')) });
      }
      expect(Object.keys(body.manifest)).toHaveLength(4 + 3 + 2);
    } finally {
      await server.stop();
    }
  });

  const authCases = [
    { name: 'no credentials', header: undefined, status: 401 },
    { name: 'a wrong password', header: `Basic ${Buffer.from('ci:nope').toString('base64')}`, status: 401 },
    { name: 'a bearer token', header: 'Bearer s3cret', status: 401 },
    { name: 'the right credentials', header: `Basic ${Buffer.from('ci:s3cret:x').toString('base64')}`, status: 200 },
  ];
  it.each(authCases)('with Basic auth, answers $name with $status', async ({ header, status }) => {
    const server = await startOciServer({ images: IMAGES, auth: { username: 'ci', password: 's3cret:x' } });
    try {
      for (const path of ['/v2/', '/v2/acme/app/tags/list', '/v2/acme/app/manifests/1.0.0']) {
        const { res } = await get(server, path, { headers: header ? { authorization: header } : {} });
        expect([path, res.status, res.headers.get('www-authenticate')]).toEqual([path, status, status === 401 ? 'Basic realm="Registry Realm"' : null]);
      }
    } finally {
      await server.stop();
    }
  });

  it('answers correctly with injected latency', async () => {
    const server = await startOciServer({ images: IMAGES, latencyMs: 5 });
    try {
      const results = await Promise.all(['/v2/', '/v2/acme/paged/tags/list?n=1'].map((p) => get(server, p)));
      expect(results.map((r) => r.res.status)).toEqual([200, 200]);
    } finally {
      await server.stop();
    }
  });

  it('builds the same digests every time and refuses duplicates', () => {
    const digests = () => [...buildRepositories(IMAGES).get('acme/app')!.tagDigests.values()];
    expect(digests()).toEqual(digests());
    expect(() => buildRepositories([IMAGES[1]!, IMAGES[1]!])).toThrow('repository acme/paged is listed twice');
    expect(() => buildRepositories([{ repository: 'x/y', tags: [{ tag: 'a', created: '2025-01-01T00:00:00Z' }, { tag: 'a', created: '2025-01-01T00:00:00Z' }] }])).toThrow('x/y: tag a is listed twice');
  });
});

describe('loadExampleImages', () => {
  const images = loadExampleImages(EXAMPLES);
  const byName = new Map(images.map((image) => [image.repository, image]));
  const tagsOf = (repository: string) => byName.get(repository)!.tags.map((t) => t.tag);
  const createdOf = (repository: string, tag: string) => byName.get(repository)!.tags.find((t) => t.tag === tag)!.created;

  it('reads the example repositories the demo Applications use', () => {
    expect([...byName.keys()].sort()).toEqual(['acme-dev/web', 'acme-prod/api', 'acme-prod/web', 'acme-prod/worker']);
    expect(tagsOf('acme-prod/web')).toEqual(expect.arrayContaining(['1.0.0', '1.3.1', '1.4.2', 'latest', '1.5.0-rc.1', '1.5.0-beta.2']));
    // Failsafe parsing keeps an all-digit commit SHA a string.
    expect(tagsOf('acme-prod/api')).toEqual(expect.arrayContaining(['2.2.0', '2.3.1', '5805627', '6d7721d']));
    expect(byName.get('acme-prod/worker')!.tags.find((t) => t.tag === '1.1.0')!.platforms).toEqual(['linux/amd64', 'linux/arm64']);
  });

  it('gives dev commit-SHA tags increasing build times, with latest on the newest build', () => {
    const shas = byName.get('acme-dev/web')!.tags.filter((t) => /^[0-9a-f]{7}$/.test(t.tag));
    const times = shas.map((t) => Date.parse(t.created));
    expect([shas.length >= 8, times.every((t, i) => i === 0 || t > times[i - 1]!)]).toEqual([true, true]);
    const repo = buildRepositories(images).get('acme-dev/web')!;
    expect(repo.tagDigests.get('latest')).toBe(repo.tagDigests.get(shas[shas.length - 1]!.tag));
    expect(createdOf('acme-prod/web', 'latest')).toBe(createdOf('acme-prod/web', '1.4.2'));
  });

  it('merges repository labels into every tag', () => {
    const tag = byName.get('acme-prod/web')!.tags[0]!;
    expect(tag.labels).toMatchObject({ 'org.opencontainers.image.source': 'https://github.com/acme/web', 'org.opencontainers.image.version': '1.0.0' });
  });

  const badCases = [
    // A YAML number is fine here (failsafe), but a created time without a zone is not RFC 3339.
    { text: 'repository: a/b\ntags:\n  - {tag: 1.10, created: "2025-01-01T00:00:00"}\n', error: 'created must be RFC 3339' },
    // Upper case is not allowed in repository names by the distribution spec.
    { text: 'repository: A/b\ntags: []\n', error: 'repository must be a lower-case path' },
    { text: 'repository: a/b\ntags:\n  - {tag: x, created: "2025-01-01T00:00:00Z", platforms: [amd64]}\n', error: 'platforms must be' },
    { text: 'repository: a/b\nformat: helm\ntags: []\n', error: 'format must be oci or docker' },
    { text: 'repository: a/b\ntags: {}\n', error: 'tags must be a list' },
    { text: 'repository: a/b\ntags:\n  - {tag: "-x", created: "2025-01-01T00:00:00Z"}\n', error: 'bad tag' },
  ];
  it.each(badCases)('refuses a bad file: $error', ({ text, error }) => {
    const dir = mkdtempSync(join(tmpdir(), 'oci-images-'));
    try {
      writeFileSync(join(dir, 'bad.yaml'), text);
      expect(() => loadExampleImages(dir)).toThrow(error);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps number-like tags as written', () => {
    const dir = mkdtempSync(join(tmpdir(), 'oci-images-'));
    try {
      writeFileSync(join(dir, 'a.yml'), 'repository: a/b\ntags:\n  - {tag: 1.10, created: "2025-01-01T00:00:00+09:00"}\n  - {tag: 0123, created: "2025-01-01T00:00:00Z"}\n');
      expect(loadExampleImages(dir)).toEqual([{ repository: 'a/b', tags: [{ tag: '1.10', created: '2025-01-01T00:00:00+09:00' }, { tag: '0123', created: '2025-01-01T00:00:00Z' }] }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('examples/gitops against examples/registry', () => {
  const repos = buildRepositories(loadExampleImages(EXAMPLES));
  const created = (repository: string, tag: string) => {
    const image = loadExampleImages(EXAMPLES).find((i) => i.repository === repository)!;
    return Date.parse(image.tags.find((t) => t.tag === tag)!.created);
  };
  // What the demo should show: each current tag (as written in git) and the tag the app's strategy picks.
  const cases = [
    { app: 'web-dev', pick: 'newest-sha', file: 'apps/web/overlays/dev/kustomization.yaml', written: 'newTag: 1e5472e', repository: 'acme-dev/web', current: '1e5472e', next: '60d0d38' },
    { app: 'web-prod', pick: '*', file: 'apps/web/overlays/prod/.argocd-source-web-prod.yaml', written: '- asia.gcr.io/acme-prod/web:1.3.1', repository: 'acme-prod/web', current: '1.3.1', next: '1.4.2' },
    { app: 'api-prod', pick: '2.x', file: 'apps/api/chart/values-prod.yaml', written: 'tag: "2.2.0"', repository: 'acme-prod/api', current: '2.2.0', next: '2.3.1' },
    { app: 'api-dev (up to date)', pick: 'newest-sha', file: 'apps/api/chart/values-dev.yaml', written: 'tag: 6d7721d', repository: 'acme-prod/api', current: '6d7721d', next: '6d7721d' },
    { app: 'worker-prod', pick: '*', file: 'apps/worker/values-prod.yaml', written: 'tag: 0.9.1', repository: 'acme-prod/worker', current: '0.9.1', next: '1.1.0' },
  ];
  it.each(cases)('$app: git holds $current, the registry has it and the newer $next', ({ pick, file, written, repository, current, next }) => {
    const text = readFileSync(join(EXAMPLES, '../gitops', file), 'utf8');
    const tags = repos.get(repository)!.tags;
    expect([text.includes(written), tags.includes(current)]).toEqual([true, true]);
    // A cross-check with simple rules (plain x.y.z tags, or the newest commit-SHA build), not the product's strategies.
    const best = pick === 'newest-sha'
      ? tags.filter((t) => /^[0-9a-f]{5,40}$/.test(t)).sort((a, b) => created(repository, a) - created(repository, b)).at(-1)
      : maxSatisfying(tags.filter((t) => /^\d+\.\d+\.\d+$/.test(t)), pick);
    expect(best).toBe(next);
    expect(created(repository, next) >= created(repository, current)).toBe(true);
  });

  it('points registries.conf at the {{PORT}} placeholder for asia.gcr.io', () => {
    const conf = parse(readFileSync(join(EXAMPLES, '../registries.conf'), 'utf8').replaceAll('{{PORT}}', '5000'));
    expect(conf.registries).toEqual([expect.objectContaining({ prefix: 'asia.gcr.io', api_url: 'http://127.0.0.1:5000' })]);
  });
});
