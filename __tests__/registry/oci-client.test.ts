/**
 * OciClient against Debian's real docker-registry (CNCF distribution 2.8): anonymous, htpasswd Basic
 * and token (Bearer) auth with credentials from a docker config.json, listing, platforms, created, digests.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Endpoint, MetadataCache, TagMetadata } from '../../src/registry/client.js';
import { dockerConfigSource } from '../../src/registry/docker-config.js';
import { inferEndpoint } from '../../src/registry/endpoints.js';
import { OciClient } from '../../src/registry/oci-client.js';
import { parsePlatform } from '../../src/registry/platform.js';
import {
  hasDockerRegistry,
  startDockerRegistry,
  TEST_IDENTITY_TOKEN,
  TEST_PASSWORD,
  TEST_USER,
  type DockerRegistry,
} from '../../test-support/docker-registry.js';

const available = hasDockerRegistry();
const AMD64 = [parsePlatform('linux/amd64')];

function dockerConfig(host: string, entry: Record<string, string>) {
  return dockerConfigSource(JSON.stringify({ auths: { [host]: entry } }), 'config.json');
}

const basicEntry = { auth: Buffer.from(`${TEST_USER}:${TEST_PASSWORD}`).toString('base64') };

describe.skipIf(!available)('OciClient against docker-registry, anonymous', () => {
  let registry: DockerRegistry;
  let endpoint: Endpoint;
  const digests: Record<string, string> = {};

  beforeAll(async () => {
    registry = await startDockerRegistry();
    endpoint = inferEndpoint(registry.host);
    const tags = Array.from({ length: 520 }, (_, i) => `1.${Math.floor(i / 10)}.${i % 10}`);
    for (let i = 0; i < tags.length; i += 40) {
      await Promise.all(tags.slice(i, i + 40).map((tag) => registry.pushImage('team/semver', tag, { created: '2024-01-01T00:00:00Z' })));
    }
    digests.single = (await registry.pushImage('team/app', 'single', { created: '2024-03-01T10:00:00.123456789Z', labels: { 'org.opencontainers.image.revision': 'abc123' } })).digest;
    digests.multi = (
      await registry.pushImage('team/app', 'multi', {
        platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'],
        created: { 'linux/amd64': '2024-02-01T00:00:00Z', 'linux/arm64': '2024-02-03T00:00:00Z', 'linux/arm/v7': '2024-02-02T00:00:00Z' },
        labels: { team: 'a' },
      })
    ).digest;
    digests.dockerList = (await registry.pushImage('team/app', 'docker-list', { platforms: ['linux/amd64'], created: '2024-04-01T00:00:00Z', format: 'docker' })).digest;
    digests.dockerSingle = (await registry.pushImage('team/app', 'docker-single', { created: '2024-05-01T00:00:00Z', format: 'docker' })).digest;
    digests.armOnly = (await registry.pushImage('team/app', 'arm-only', { platforms: ['linux/arm64'], created: '2024-01-01T00:00:00Z' })).digest;
    digests.noCreated = (await registry.pushImage('team/app', 'no-created', {})).digest;
    digests.badCreated = (await registry.pushImage('team/app', 'bad-created', { created: 'yesterday' })).digest;
  }, 120_000);
  afterAll(() => registry?.stop());

  const client = () => new OciClient({ endpoint, credentials: [] });

  it('lists 520 semver-like tags with one ping and one tags request, and no manifest request', async () => {
    const c = client();
    const list = await c.listTags({ registry: registry.host, repository: 'team/semver' });
    expect(list.tags).toHaveLength(520);
    expect(list.tags).toContain('1.51.9');
    expect(list.metadata).toBeUndefined();
    expect(c.requestCount).toEqual({ ping: 1, token: 0, tags: 1, manifest: 0, blob: 0 });
  });

  it('issue 10: tagExists is one manifest HEAD: true for a pushed tag, false for one that is not there', async () => {
    const c = client();
    expect(await c.tagExists({ registry: registry.host, repository: 'team/app' }, 'single')).toBe(true);
    expect(await c.tagExists({ registry: registry.host, repository: 'team/app' }, 'never-pushed')).toBe(false);
    expect(c.requestCount).toEqual({ ping: 1, token: 0, tags: 0, manifest: 2, blob: 0 });
  });

  const cases: { tag: string; platforms: string[]; withCreated: boolean; want: Partial<TagMetadata> | undefined; manifests: number; blobs: number }[] = [
    { tag: 'single', platforms: ['linux/amd64'], withCreated: true, manifests: 1, blobs: 1, want: { platforms: ['linux/amd64'], created: new Date('2024-03-01T10:00:00.123Z'), labels: { 'org.opencontainers.image.revision': 'abc123' } } },
    // The newest created among the wanted platforms wins, with that platform's labels.
    { tag: 'multi', platforms: ['linux/amd64', 'linux/arm64'], withCreated: true, manifests: 3, blobs: 2, want: { platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'], created: new Date('2024-02-03T00:00:00Z'), labels: { team: 'a' } } },
    { tag: 'multi', platforms: ['linux/amd64'], withCreated: true, manifests: 2, blobs: 1, want: { created: new Date('2024-02-01T00:00:00Z') } },
    // linux/arm without variant accepts linux/arm/v7 (the updater's WantsPlatform).
    { tag: 'multi', platforms: ['linux/arm'], withCreated: true, manifests: 2, blobs: 1, want: { created: new Date('2024-02-02T00:00:00Z') } },
    // Without withCreated an index needs only itself.
    { tag: 'multi', platforms: ['linux/amd64'], withCreated: false, manifests: 1, blobs: 0, want: { platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] } },
    { tag: 'multi', platforms: ['windows/amd64'], withCreated: true, manifests: 1, blobs: 0, want: undefined },
    // Default platform (linux/amd64) when none is asked for.
    { tag: 'arm-only', platforms: [], withCreated: true, manifests: 1, blobs: 0, want: undefined },
    { tag: 'docker-list', platforms: ['linux/amd64'], withCreated: true, manifests: 2, blobs: 1, want: { created: new Date('2024-04-01T00:00:00Z') } },
    { tag: 'docker-single', platforms: ['linux/amd64'], withCreated: true, manifests: 1, blobs: 1, want: { created: new Date('2024-05-01T00:00:00Z') } },
    { tag: 'docker-single', platforms: ['linux/arm64'], withCreated: false, manifests: 1, blobs: 1, want: undefined },
    { tag: 'no-created', platforms: ['linux/amd64'], withCreated: true, manifests: 1, blobs: 1, want: { created: undefined } },
    { tag: 'bad-created', platforms: ['linux/amd64'], withCreated: true, manifests: 1, blobs: 1, want: { created: undefined } },
  ];
  it.each(cases)('getMetadata $tag for $platforms (withCreated $withCreated)', async ({ tag, platforms, withCreated, want, manifests, blobs }) => {
    const c = client();
    const metadata = await c.getMetadata({ registry: registry.host, repository: 'team/app' }, tag, { platforms: platforms.map(parsePlatform), withCreated });
    if (want === undefined) expect(metadata).toBeUndefined();
    else {
      const { created, ...rest } = want;
      expect(metadata).toMatchObject({ ...rest, digest: digests[tag.replace(/-(\w)/g, (_, c: string) => c.toUpperCase())] });
      expect(metadata?.created).toEqual(created);
    }
    expect(c.requestCount).toEqual({ ping: 1, token: 0, tags: 0, manifest: manifests, blob: blobs });
  });

  it('digest is the Docker-Content-Digest of the tag (the index for multi-arch)', async () => {
    const metadata = await client().getMetadata({ registry: registry.host, repository: 'team/app' }, 'multi', { platforms: AMD64, withCreated: false });
    expect(metadata?.digest).toBe(digests.multi);
    expect(digests.multi).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('with a cache, a known digest costs one manifest HEAD and nothing else', async () => {
    const store = new Map<string, TagMetadata>();
    const cache: MetadataCache = { get: (d, k) => store.get(`${d}|${k}`), set: (d, k, m) => void store.set(`${d}|${k}`, m) };
    const ref = { registry: registry.host, repository: 'team/app' };
    const first = new OciClient({ endpoint, credentials: [], hooks: { cache } });
    const cold = await first.getMetadata(ref, 'multi', { platforms: AMD64, withCreated: true });
    expect(first.requestCount).toEqual({ ping: 1, token: 0, tags: 0, manifest: 3, blob: 1 });
    const second = new OciClient({ endpoint, credentials: [], hooks: { cache } });
    const warm = await second.getMetadata(ref, 'multi', { platforms: AMD64, withCreated: true });
    expect(warm).toEqual(cold);
    expect(second.requestCount).toEqual({ ping: 1, token: 0, tags: 0, manifest: 1, blob: 0 });
  });

  it('a missing repository is a 404 RegistryError that says to check the image name', async () => {
    await expect(client().listTags({ registry: registry.host, repository: 'team/missing' })).rejects.toMatchObject({
      name: 'RegistryError',
      status: 404,
      temporary: false,
      host: registry.host,
      fix: expect.stringContaining('Check the image name'),
    });
  });
});

describe.skipIf(!available)('OciClient against docker-registry with htpasswd (Basic)', () => {
  let registry: DockerRegistry;
  beforeAll(async () => {
    registry = await startDockerRegistry({ auth: 'htpasswd' });
    await registry.pushImage('team/app', 'v1', { created: '2024-01-01T00:00:00Z' });
  });
  afterAll(() => registry?.stop());

  it('sends the docker config credentials for the image host', async () => {
    const c = new OciClient({ endpoint: inferEndpoint(registry.host), credentials: [dockerConfig(registry.host, basicEntry)] });
    const ref = { registry: registry.host, repository: 'team/app' };
    expect((await c.listTags(ref)).tags).toEqual(['v1']);
    expect(await c.getMetadata(ref, 'v1', { platforms: AMD64, withCreated: true })).toMatchObject({ created: new Date('2024-01-01T00:00:00Z') });
    expect(c.requestCount).toEqual({ ping: 1, token: 0, tags: 1, manifest: 1, blob: 1 });
  });

  it('without credentials fails with 401 and tells how to log in, naming no secret', async () => {
    const c = new OciClient({ endpoint: inferEndpoint(registry.host), credentials: [dockerConfig('other.example', basicEntry)] });
    const error = await c.listTags({ registry: registry.host, repository: 'team/app' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'RegistryError', status: 401, fix: expect.stringContaining('docker/login-action') });
    expect(JSON.stringify({ m: (error as Error).message, f: (error as { fix: string }).fix })).not.toContain(TEST_PASSWORD);
  });
});

describe.skipIf(!available)('OciClient against docker-registry with token auth (Bearer)', () => {
  let registry: DockerRegistry;
  beforeAll(async () => {
    registry = await startDockerRegistry({ auth: 'token' });
    await registry.pushImage('team/app', 'v1', { created: '2024-01-01T00:00:00Z' });
    await registry.pushImage('team/app', 'v2', { created: '2024-01-02T00:00:00Z' });
  });
  afterAll(() => registry?.stop());

  const cases = [
    { name: 'user and password (GET with Basic)', entry: basicEntry, record: { method: 'GET', subject: TEST_USER } },
    { name: 'identity token (refresh_token grant POST)', entry: { identitytoken: TEST_IDENTITY_TOKEN }, record: { method: 'POST', grantType: 'refresh_token', subject: TEST_USER } },
  ];
  it.each(cases)('gets one pull token per repository with $name', async ({ entry, record }) => {
    const before = registry.tokenServer?.requests.length ?? 0;
    const c = new OciClient({ endpoint: inferEndpoint(registry.host), credentials: [dockerConfig(`https://${registry.host}/v1/`, entry)] });
    const ref = { registry: registry.host, repository: 'team/app' };
    expect((await c.listTags(ref)).tags.sort()).toEqual(['v1', 'v2']);
    const both = await Promise.all(['v1', 'v2'].map((tag) => c.getMetadata(ref, tag, { platforms: AMD64, withCreated: true })));
    expect(both.map((m) => m?.created?.toISOString())).toEqual(['2024-01-01T00:00:00.000Z', '2024-01-02T00:00:00.000Z']);
    expect(c.requestCount).toEqual({ ping: 1, token: 1, tags: 1, manifest: 2, blob: 2 });
    expect(registry.tokenServer?.requests.slice(before)).toEqual([{ ...record, scope: 'repository:team/app:pull', service: 'aip-test-registry' }]);
  });

  it('a refused token request is a 401 RegistryError', async () => {
    const c = new OciClient({ endpoint: inferEndpoint(registry.host), credentials: [dockerConfig(registry.host, { username: TEST_USER, password: 'wrong' })] });
    await expect(c.listTags({ registry: registry.host, repository: 'team/app' })).rejects.toMatchObject({ status: 401, message: expect.stringContaining('token request') });
  });
});
