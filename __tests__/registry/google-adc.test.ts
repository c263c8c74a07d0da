import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { RegistryError } from '../../src/errors.js';
import { MemoryLogger } from '../../src/logger.js';
import { googleCredentialSource } from '../../src/registry/google.js';
import { OciClient } from '../../src/registry/oci-client.js';
import { closeHttpFakes, startHttpFake } from '../../test-support/http-fake.js';
import { applyEnv, isolateGoogleEnv } from '../../test-support/google/env.js';
import { startFakeGoogleApis, TokenStore, type FakeGoogleApis } from '../../test-support/google/fake-google-apis.js';

// Application Default Credentials from the metadata server (GKE / GCE runners), through the real
// google-auth-library and gcp-metadata, which honour GCE_METADATA_HOST. Its own file, because
// gcp-metadata caches "is the metadata server there" for the whole process.
describe('googleCredentialSource with ADC from the metadata server', () => {
  let apis: FakeGoogleApis;
  const store = new TokenStore();
  const saved = { ...process.env };

  beforeAll(async () => {
    apis = await startFakeGoogleApis(store);
    applyEnv({ ...isolateGoogleEnv(), GCE_METADATA_HOST: apis.host, METADATA_SERVER_DETECTION: 'ping-only' });
  });
  afterAll(async () => {
    await closeHttpFakes();
    await apis.close();
    applyEnv(saved);
  });

  it('gets a token from the metadata server once, masks it, and reuses it', async () => {
    const secrets: string[] = [];
    const source = googleCredentialSource({ setSecret: (s) => void secrets.push(s) });
    const first = await source.credentialFor('asia.gcr.io', 'proj/app');
    const second = await source.credentialFor('europe-docker.pkg.dev', 'proj/repo/app');
    expect(first).toEqual({ kind: 'basic', username: 'oauth2accesstoken', password: expect.stringMatching(/^ya29\.test-metadata-/), audience: 'google' });
    expect(second).toEqual(first);
    expect(secrets).toEqual([first?.kind === 'basic' ? first.password : '']);
    expect(store.counts['metadata:instance/service-accounts/default/token']).toBe(1);
    expect(store.unexpected).toEqual([]);
  });

  it('a metadata server that refuses the token is one clear RegistryError', async () => {
    store.refuse.set('metadata', 404);
    try {
      const error = await googleCredentialSource({}).credentialFor('gcr.io', 'proj/app').then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(RegistryError);
      expect(error).toMatchObject({ host: 'gcr.io', message: expect.stringMatching(/^Google refused an access token for Application Default Credentials: /) });
    } finally {
      store.refuse.clear();
    }
  });

  it('issue 14 item 11: the Google token never goes to a Bearer realm on another, non-Google host', async () => {
    const realm = await startHttpFake((_m, path) => (path.startsWith('/token') ? { status: 200, body: { token: 'anonymous-pull-token' } } : undefined));
    const registry = await startHttpFake((_m, _path, req) => {
      if (req.headers.authorization === 'Bearer anonymous-pull-token') return { status: 200, body: { tags: ['1.0.0'] } };
      return { status: 401, headers: { 'www-authenticate': `Bearer realm="${realm.origin}/token",service="registry"` } };
    });
    const logger = new MemoryLogger();
    const client = new OciClient({ endpoint: { host: 'asia.gcr.io', apiUrl: registry.origin, insecure: false, tagSortMode: 'none' }, credentials: [googleCredentialSource({})], logger });
    expect((await client.listTags({ registry: 'asia.gcr.io', repository: 'proj/app' })).tags).toEqual(['1.0.0']);
    expect(realm.requests).toHaveLength(1);
    expect(realm.requests[0]?.authorization).toBeUndefined();
    expect(registry.requests.every((r) => !r.authorization?.startsWith('Basic'))).toBe(true);
    expect(logger.messages('warning')).toEqual([`asia.gcr.io: the token realm ${realm.origin}/token is not a Google host; Google credentials are not sent there (the token is asked for anonymously).`]);
  });
});
