import { execFile } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, it, expect } from 'vitest';
import { isolateGoogleEnv } from '../../test-support/google/env.js';
import { fixturePath, startGoogleTokenServer, TokenStore, type GoogleTokenServer } from '../../test-support/google/fake-google-apis.js';
import { startConnectProxy, type ConnectProxy } from '../../test-support/google/connect-proxy.js';

// google-auth-library sends a service-account key's (and an authorized user's) token request only to
// the fixed https://oauth2.googleapis.com/token (the key's token_uri is ignored). The real library,
// in a child process, reaches a local HTTPS fake of it through HTTPS_PROXY (a loopback CONNECT proxy
// that tunnels only that name) and trusts its certificate through NODE_EXTRA_CA_CERTS (a test CA).
describe('googleCredentialSource with key files (real google-auth-library, child process)', () => {
  const store = new TokenStore();
  let tokenServer: GoogleTokenServer;
  let proxy: ConnectProxy;

  beforeAll(async () => {
    tokenServer = await startGoogleTokenServer(store);
    proxy = await startConnectProxy({ 'oauth2.googleapis.com:443': tokenServer.port });
  });
  afterAll(async () => {
    await proxy.close();
    await tokenServer.close();
  });
  beforeEach(() => {
    for (const key of Object.keys(store.counts)) delete store.counts[key];
    store.refuse.clear();
    proxy.tunnels.length = 0;
  });

  /** runChild runs test-support/google/child-token.ts with the proxy and the test CA. */
  const runChild = (credentials: string): Promise<Record<string, unknown>> =>
    new Promise((resolve, reject) => {
      const env = { ...isolateGoogleEnv(), HTTPS_PROXY: proxy.url, NODE_EXTRA_CA_CERTS: fixturePath('test-ca.crt') };
      execFile(process.execPath, ['--import', 'tsx', fixturePath('../../test-support/google/child-token.ts'), credentials], { env, timeout: 60_000 }, (error, stdout, stderr) => {
        if (error) return reject(new Error(`child failed: ${stderr}`));
        resolve(JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>);
      });
    });

  const cases: { name: string; file: string; grant: string; kind: string }[] = [
    { name: 'service-account key (path)', file: 'service-account.json', grant: 'oauth:urn:ietf:params:oauth:grant-type:jwt-bearer', kind: 'service-account' },
    { name: 'authorized user (gcloud auth application-default login)', file: 'authorized-user.json', grant: 'oauth:refresh_token', kind: 'user' },
  ];
  it.each(cases)('$name: one token request, cached, masked, Google hosts only', async ({ file, grant, kind }) => {
    const out = await runChild(fixturePath(file));
    const token = (out.first as { password: string }).password;
    expect(out).toEqual({
      first: { kind: 'basic', username: 'oauth2accesstoken', password: expect.stringMatching(new RegExp(`^ya29\\.test-${kind}-`)), audience: 'google' },
      second: out.first,
      other: null,
      secrets: [token],
    });
    expect(store.issued.has(token)).toBe(true);
    expect(store.counts).toEqual({ [grant]: 1 });
    expect(proxy.tunnels).toEqual(['oauth2.googleapis.com:443']);
    expect(proxy.refused).toEqual([]);
  }, 60_000);

  it('a refused key is one clear error that quotes neither the key nor a token', async () => {
    store.refuse.set('oauth', 400);
    const out = await runChild(fixturePath('service-account.json'));
    expect(out).toEqual({ error: { name: 'RegistryError', host: 'gcr.io', message: 'Google refused an access token for google-credentials: invalid_grant: Invalid JWT Signature.' }, secrets: [] });
  }, 60_000);

  it('key content (not a path) works the same', async () => {
    const { readFileSync } = await import('node:fs');
    const out = await runChild(readFileSync(fixturePath('service-account.json'), 'utf8'));
    expect(out.first).toMatchObject({ username: 'oauth2accesstoken' });
    expect(store.counts).toEqual({ 'oauth:urn:ietf:params:oauth:grant-type:jwt-bearer': 1 });
  }, 60_000);
});
