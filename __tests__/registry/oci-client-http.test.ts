/**
 * OciClient against tiny node:http fakes, for what distribution 2.8 does not do: Link pagination,
 * cross-origin links and redirects, error statuses, token expiry, hooks and the concurrency limit.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { RegistryError } from '../../src/errors.js';
import type { CredentialSource, Endpoint, TagMetadata } from '../../src/registry/client.js';
import { OciClient } from '../../src/registry/oci-client.js';
import { closeHttpFakes, forgetHttpFake, startHttpFake as fake, type HttpFake as Fake, type Reply } from '../../test-support/http-fake.js';

afterEach(closeHttpFakes);

function endpointOf(f: Fake, extra: Partial<Endpoint> = {}): Endpoint {
  return { host: f.host, apiUrl: f.origin, insecure: false, tagSortMode: 'none', ...extra };
}

const basic = (username: string, password: string): CredentialSource => ({
  name: 'test',
  credentialFor: () => Promise.resolve({ kind: 'basic', username, password }),
});
const ref = (f: Fake, repository = 'team/app') => ({ registry: f.host, repository });
const PING_OK: Reply = { status: 200, body: {} };

describe('OciClient tags/list pagination', () => {
  it('follows a same-origin Link rel="next" and sends n', async () => {
    const registry = await fake((_m, path) => {
      if (path === '/v2/') return PING_OK;
      if (path === '/v2/team/app/tags/list?n=10000') return { status: 200, headers: { link: '</v2/team/app/tags/list?n=10000&last=b>; rel="next"' }, body: { tags: ['a', 'b'] } };
      if (path === '/v2/team/app/tags/list?n=10000&last=b') return { status: 200, body: { name: 'team/app', tags: ['c'] } };
      return undefined;
    });
    const client = new OciClient({ endpoint: endpointOf(registry), credentials: [] });
    expect(await client.listTags(ref(registry))).toEqual({ tags: ['a', 'b', 'c'] });
    expect(client.requestCount).toEqual({ ping: 1, token: 0, tags: 2, manifest: 0, blob: 0 });
  });

  it('refuses a cross-origin pagination Link and never calls the other origin', async () => {
    const other = await fake(() => ({ status: 200, body: { tags: ['evil'] } }));
    const registry = await fake((_m, path) =>
      path === '/v2/' ? PING_OK : { status: 200, headers: { link: `<${other.origin}/v2/team/app/tags/list?last=b>; rel="next"` }, body: { tags: ['a'] } },
    );
    const client = new OciClient({ endpoint: endpointOf(registry), credentials: [basic('u', 'p')] });
    await expect(client.listTags(ref(registry))).rejects.toThrow(/refusing to follow a tags\/list pagination Link to another origin/);
    expect(other.requests).toEqual([]);
  });

  it('stops at the page cap with an error that says so', async () => {
    const registry = await fake((_m, path) => (path === '/v2/' ? PING_OK : { status: 200, headers: { link: '</v2/team/app/tags/list?more>; rel="next"' }, body: { tags: ['x'] } }));
    const client = new OciClient({ endpoint: endpointOf(registry), credentials: [], maxTagPages: 3 });
    await expect(client.listTags(ref(registry))).rejects.toThrow('tags/list of team/app has more than 3 pages; stopped listing');
    expect(client.requestCount.tags).toBe(3);
  });

  it('applies defaultns to one-segment repositories and collects readTagListExtras', async () => {
    const registry = await fake((_m, path) => (path === '/v2/' ? PING_OK : path.startsWith('/v2/library/nginx/tags/list') ? { status: 200, body: { tags: ['1'], manifest: {} } } : undefined));
    const extra: TagMetadata = { digest: 'sha256:1', platforms: [] };
    const client = new OciClient({
      endpoint: endpointOf(registry, { defaultns: 'library' }),
      credentials: [],
      hooks: { readTagListExtras: (body) => ((body as { manifest?: unknown }).manifest ? new Map([['1', extra]]) : undefined) },
    });
    expect(await client.listTags(ref(registry, 'nginx'))).toEqual({ tags: ['1'], metadata: new Map([['1', extra]]) });
  });
});

describe('OciClient redirects and credentials', () => {
  it('strips Authorization on a cross-origin redirect and keeps it on the same origin', async () => {
    const storage = await fake(() => ({ status: 200, body: { os: 'linux', architecture: 'amd64', created: '2024-01-01T00:00:00Z' } }));
    const manifest = { schemaVersion: 2, mediaType: 'application/vnd.oci.image.manifest.v1+json', config: { digest: 'sha256:c' }, layers: [] };
    const registry = await fake((_m, path, req) => {
      if (path === '/v2/') return req.headers.authorization ? PING_OK : { status: 401, headers: { 'www-authenticate': 'Basic realm="r"' } };
      if (path === '/v2/team/app/manifests/v1') return { status: 307, headers: { location: '/v2/team/app/manifests/sha256:m' } };
      if (path === '/v2/team/app/manifests/sha256:m') return { status: 200, headers: { 'content-type': manifest.mediaType }, body: manifest };
      if (path === '/v2/team/app/blobs/sha256:c') return { status: 307, headers: { location: `${storage.origin}/blob?sig=secret-signature` } };
      return undefined;
    });
    const client = new OciClient({ endpoint: endpointOf(registry), credentials: [basic('user', 'pass')] });
    const metadata = await client.getMetadata(ref(registry), 'v1', { platforms: [], withCreated: true });
    expect(metadata?.created).toEqual(new Date('2024-01-01T00:00:00Z'));
    const basicHeader = `Basic ${Buffer.from('user:pass').toString('base64')}`;
    expect(registry.requests.slice(1).map((r) => [r.path, r.authorization])).toEqual([
      ['/v2/team/app/manifests/v1', basicHeader],
      ['/v2/team/app/manifests/sha256:m', basicHeader],
      ['/v2/team/app/blobs/sha256:c', basicHeader],
    ]);
    expect(storage.requests).toEqual([{ method: 'GET', path: '/blob?sig=secret-signature' }]);
    expect(client.requestCount).toEqual({ ping: 1, token: 0, tags: 0, manifest: 2, blob: 2 });
  });

  it('asks credential sources with the endpoint host, and sends the password only to the token realm', async () => {
    const asked: string[] = [];
    const source: CredentialSource = { name: 's', credentialFor: (host, repo) => (asked.push(`${host} ${repo}`), Promise.resolve({ kind: 'basic', username: 'u', password: 'p' })) };
    let now = 1_000_000;
    const auth = await fake((_m, path) => (path.startsWith('/token?') ? { status: 200, body: { token: `t${now}`, expires_in: 60 } } : undefined));
    const registry = await fake((_m, path, req) => {
      const challenge = { status: 401, headers: { 'www-authenticate': `Bearer realm="${auth.origin}/token",service="svc"` } };
      if (path === '/v2/') return challenge;
      return req.headers.authorization?.startsWith('Bearer t') ? { status: 200, body: { tags: [] } } : challenge;
    });
    const client = new OciClient({ endpoint: endpointOf(registry, { host: 'asia.gcr.io' }), credentials: [source], now: () => now });
    await client.listTags(ref(registry));
    await client.listTags(ref(registry));
    now += 61_000;
    // Two callers see the expired token at once: one new token request between them.
    await Promise.all([client.listTags(ref(registry)), client.listTags(ref(registry))]);
    expect(asked).toEqual(['asia.gcr.io team/app']);
    expect(auth.requests.map((r) => [r.path, r.authorization])).toEqual([
      ['/token?service=svc&scope=repository%3Ateam%2Fapp%3Apull&account=u', `Basic ${Buffer.from('u:p').toString('base64')}`],
      ['/token?service=svc&scope=repository%3Ateam%2Fapp%3Apull&account=u', `Basic ${Buffer.from('u:p').toString('base64')}`],
    ]);
    expect(registry.requests.map((r) => r.authorization)).toEqual([undefined, 'Bearer t1000000', 'Bearer t1000000', 'Bearer t1061000', 'Bearer t1061000']);
    expect(client.requestCount).toEqual({ ping: 1, token: 2, tags: 4, manifest: 0, blob: 0 });
  });

  it('hands every registry token to onSecret the moment it arrives, so the runner masks it', async () => {
    const auth = await fake((_m, path) => (path.startsWith('/token?') ? { status: 200, body: { token: 'registry-token-1', expires_in: 300 } } : undefined));
    const registry = await fake((_m, _path, req) =>
      req.headers.authorization === 'Bearer registry-token-1' ? { status: 200, body: { tags: [] } } : { status: 401, headers: { 'www-authenticate': `Bearer realm="${auth.origin}/token",service="svc"` } },
    );
    const masked: string[] = [];
    const client = new OciClient({ endpoint: endpointOf(registry), credentials: [basic('u', 'p')], hooks: { onSecret: (s) => masked.push(s) } });
    await client.listTags(ref(registry));
    expect(masked).toEqual(['registry-token-1']);
  });

  it('takes a challenge from a later 401 when the ping allowed anonymous access', async () => {
    const registry = await fake((_m, path, req) => {
      if (path === '/v2/') return PING_OK;
      if (path.startsWith('/v2/team/app/tags/list')) return req.headers.authorization ? { status: 200, body: { tags: ['ok'] } } : { status: 401, headers: { 'www-authenticate': 'Basic realm="x"' } };
      return undefined;
    });
    const client = new OciClient({ endpoint: endpointOf(registry), credentials: [basic('u', 'p')] });
    expect((await client.listTags(ref(registry))).tags).toEqual(['ok']);
    expect(client.requestCount).toEqual({ ping: 1, token: 0, tags: 2, manifest: 0, blob: 0 });
  });
});

describe('OciClient errors and policies', () => {
  const cases: { name: string; reply: Reply; want: Partial<RegistryError> }[] = [
    { name: '401', reply: { status: 401 }, want: { status: 401, temporary: false, fix: expect.stringContaining('docker/login-action') } },
    { name: '403', reply: { status: 403 }, want: { status: 403, temporary: false } },
    { name: '404', reply: { status: 404 }, want: { status: 404, temporary: false, fix: expect.stringContaining('Check the image name') } },
    { name: '429', reply: { status: 429 }, want: { status: 429, temporary: true } },
    { name: '503', reply: { status: 503 }, want: { status: 503, temporary: true, retryAfterMs: undefined } },
    { name: '429 with Retry-After', reply: { status: 429, headers: { 'retry-after': '7' } }, want: { status: 429, temporary: true, retryAfterMs: 7000 } },
    { name: 'garbage body', reply: { status: 200, body: '<html>oops' }, want: { temporary: false, message: expect.stringMatching(/\/v2\/team\/app\/tags\/list is not JSON$/) } },
    { name: 'wrong shape', reply: { status: 200, body: { tags: 'a' } }, want: { message: expect.stringContaining('is not a tags/list answer') } },
  ];
  it.each(cases)('$name is a RegistryError with host and no query string', async ({ reply, want }) => {
    const registry = await fake((_m, path) => (path === '/v2/' ? PING_OK : reply));
    const client = new OciClient({ endpoint: endpointOf(registry), credentials: [] });
    const error = await client.listTags(ref(registry)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ host: registry.host, ...want });
  });

  it('refuses an api_url with credentials without repeating them', () => {
    const build = () => new OciClient({ endpoint: { host: 'r.example', apiUrl: 'https://u:s3cr3t@r.example', insecure: false, tagSortMode: 'none' }, credentials: [] });
    expect(build).toThrow(expect.objectContaining({ name: 'ConfigError', message: 'the api_url of registry r.example contains credentials' }));
  });

  it('a refused connection is a temporary RegistryError', async () => {
    const gone = await fake(() => undefined);
    await gone.close();
    forgetHttpFake(gone);
    const client = new OciClient({ endpoint: endpointOf(gone), credentials: [] });
    await expect(client.listTags(ref(gone))).rejects.toMatchObject({ name: 'RegistryError', temporary: true, message: expect.stringContaining('ping request to') });
  });

  it('a request that does not answer in time is a temporary RegistryError', async () => {
    const registry = await fake(() => ({ ...PING_OK, delayMs: 2_000 }));
    const client = new OciClient({ endpoint: endpointOf(registry), credentials: [], timeoutMs: 50 });
    await expect(client.listTags(ref(registry))).rejects.toMatchObject({ temporary: true, message: expect.stringContaining('timed out') });
  });

  it('wraps every exchange in withRetry and calls beforeRequest before every request', async () => {
    let failures = 1;
    const registry = await fake((_m, path) => (path === '/v2/' ? PING_OK : failures-- > 0 ? { status: 503 } : { status: 200, body: { tags: ['a'] } }));
    const calls: string[] = [];
    const client = new OciClient({
      endpoint: endpointOf(registry),
      credentials: [],
      hooks: {
        beforeRequest: () => (calls.push('before'), Promise.resolve()),
        withRetry: async (operation) => {
          calls.push('retry');
          try {
            return await operation();
          } catch (error) {
            if (!(error instanceof RegistryError) || !error.temporary) throw error;
            return operation();
          }
        },
      },
    });
    expect((await client.listTags(ref(registry))).tags).toEqual(['a']);
    expect(calls).toEqual(['retry', 'before', 'retry', 'before', 'before']);
  });

  it('keeps at most maxConcurrency requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const registry = await fake((_m, path) => {
      if (path === '/v2/') return PING_OK;
      peak = Math.max(peak, ++inFlight);
      setTimeout(() => inFlight--, 30);
      return { status: 200, body: { tags: [] }, delayMs: 30 };
    });
    const client = new OciClient({ endpoint: endpointOf(registry), credentials: [], maxConcurrency: 2 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => client.listTags(ref(registry, `team/app${i}`))));
    expect(peak).toBe(2);
    expect(client.requestCount.tags).toBe(8);
  });
});
