import { afterAll, beforeAll, describe, it, expect } from 'vitest';
import { RegistryError } from '../../src/errors.js';
import { googleCredentialSource } from '../../src/registry/google.js';
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
    await apis.close();
    applyEnv(saved);
  });

  it('gets a token from the metadata server once, masks it, and reuses it', async () => {
    const secrets: string[] = [];
    const source = googleCredentialSource({ setSecret: (s) => void secrets.push(s) });
    const first = await source.credentialFor('asia.gcr.io', 'proj/app');
    const second = await source.credentialFor('europe-docker.pkg.dev', 'proj/repo/app');
    expect(first).toEqual({ kind: 'basic', username: 'oauth2accesstoken', password: expect.stringMatching(/^ya29\.test-metadata-/) });
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
});
