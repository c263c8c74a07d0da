import { writeFileSync } from 'node:fs';
import { tempDir } from '../../test-support/temp-dir.js';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, it, expect } from 'vitest';
import { ConfigError, RegistryError } from '../../src/errors.js';
import { MemoryLogger } from '../../src/logger.js';
import type { Endpoint } from '../../src/registry/client.js';
import { googleCredentialSource, isGoogleHost, readCredentials, redactSecrets } from '../../src/registry/google.js';
import { readGoogleTagMetadata } from '../../src/registry/google-tags.js';
import { OciClient } from '../../src/registry/oci-client.js';
import { applyEnv, isolateGoogleEnv } from '../../test-support/google/env.js';
import { startFakeGoogleApis, TokenStore, type FakeGoogleApis } from '../../test-support/google/fake-google-apis.js';
import { googleRepository, startFakeGcr, type FakeGcr } from '../../test-support/google/fake-gcr.js';

describe('isGoogleHost', () => {
  const cases: { host: string; want: boolean }[] = [
    { host: 'gcr.io', want: true },
    { host: 'asia.gcr.io', want: true },
    { host: 'EU.GCR.IO', want: true },
    { host: 'gcr.io:443', want: true },
    { host: 'gcr.io/my-project', want: true }, // a registries.conf prefix with a path
    { host: 'europe-docker.pkg.dev', want: true },
    { host: 'us-central1-docker.pkg.dev', want: true },
    { host: 'docker.pkg.dev', want: false },
    { host: 'europe-maven.pkg.dev', want: false },
    { host: 'gcr.io.evil.example', want: false },
    { host: 'evilgcr.io', want: false },
    { host: 'docker.io', want: false },
    { host: '127.0.0.1:5000', want: false },
    { host: 'ghcr.io', want: false },
  ];
  it.each(cases)('$host -> $want', ({ host, want }) => {
    expect(isGoogleHost(host)).toBe(want);
  });
});

describe('readCredentials', () => {
  const dir = tempDir('google-creds-');
  const bad: { name: string; value: string; message: RegExp }[] = [
    { name: 'JSON that does not parse', value: '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\nMIIsecret', message: /^input google-credentials is not valid JSON$/ },
    { name: 'a JSON array', value: '[1]', message: /not valid JSON|not a JSON object/ },
    { name: 'no type', value: '{"private_key": "MIIsecret"}', message: /has no "type"/ },
    { name: 'an unknown type', value: '{"type": "api_key"}', message: /has type "api_key", which google-auth-library does not accept/ },
    { name: 'a missing file', value: join(dir, 'missing.json'), message: /names the file .*missing.json, which cannot be read \(ENOENT\)/ },
  ];
  it.each(bad)('rejects $name without quoting the key', async ({ value, message }) => {
    const error = await readCredentials(value).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(message);
    expect(JSON.stringify(error) + (error as Error).message).not.toContain('MIIsecret');
  });

  it('reads a path as well as content', async () => {
    const path = join(dir, 'key.json');
    writeFileSync(path, '{"type":"authorized_user"}');
    expect(await readCredentials(path)).toEqual({ type: 'authorized_user' });
    expect(await readCredentials('{"type":"external_account"}')).toEqual({ type: 'external_account' });
  });
});

describe('redactSecrets', () => {
  const cases: { text: string; want: string }[] = [
    { text: 'invalid_grant: Invalid JWT Signature.', want: 'invalid_grant: Invalid JWT Signature.' },
    { text: 'token ya29.a0AfH6SMBx-abc_def rejected', want: 'token [redacted token] rejected' },
    { text: 'subject eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln bad', want: 'subject [redacted token] bad' },
    { text: 'key -----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY----- x', want: 'key [redacted key] x' },
    { text: `secret ${'A'.repeat(48)} end`, want: 'secret [redacted] end' },
  ];
  it.each(cases)('$want', ({ text, want }) => {
    expect(redactSecrets(text)).toBe(want);
  });
});

describe('googleCredentialSource with Workload Identity Federation (real google-auth-library)', () => {
  let apis: FakeGoogleApis;
  let gcr: FakeGcr;
  let store: TokenStore;
  const saved = { ...process.env };

  /** wifFile is what google-github-actions/auth writes: an external_account with a URL-sourced OIDC token. */
  const wifFile = (impersonate: boolean) =>
    JSON.stringify({
      type: 'external_account',
      audience: '//iam.googleapis.com/projects/123456/locations/global/workloadIdentityPools/github/providers/my-repo',
      subject_token_type: 'urn:ietf:params:oauth:token-type:jwt',
      token_url: `${apis.url}/v1/token`,
      ...(impersonate ? { service_account_impersonation_url: `${apis.url}/v1/projects/-/serviceAccounts/${apis.serviceAccount}:generateAccessToken` } : {}),
      credential_source: { url: `${apis.url}/oidc?audience=x`, headers: { Authorization: 'Bearer github-request-token' }, format: { type: 'json', subject_token_field_name: 'value' } },
    });

  beforeAll(async () => {
    applyEnv(isolateGoogleEnv());
    store = new TokenStore();
    apis = await startFakeGoogleApis(store);
    gcr = await startFakeGcr(store, { 'proj/app': googleRepository(10_000), 'proj/other': googleRepository(3) }, 'asia.gcr.io');
  });
  afterAll(async () => {
    await apis.close();
    await gcr.close();
    applyEnv(saved);
  });
  beforeEach(() => {
    for (const key of Object.keys(store.counts)) delete store.counts[key];
    store.refuse.clear();
    Object.assign(gcr.counts, { ping: 0, token: 0, tags: 0, manifest: 0, other: 0 });
    gcr.authorizations.length = 0;
  });

  /** googleClient is an OciClient for a registries.conf entry `prefix: asia.gcr.io` whose api_url is the fake. */
  const googleClient = (source: ReturnType<typeof googleCredentialSource>, host = 'asia.gcr.io') => {
    const endpoint: Endpoint = { host, apiUrl: gcr.url, insecure: false, tagSortMode: 'none' };
    return new OciClient({ endpoint, credentials: [source], hooks: { readTagListExtras: readGoogleTagMetadata } });
  };

  it('newest-build over 10,000 tags costs one tags/list request (plus ping and token)', async () => {
    const secrets: string[] = [];
    const source = googleCredentialSource({ credentials: wifFile(true), setSecret: (s) => void secrets.push(s) });
    const client = googleClient(source);
    const list = await client.listTags({ registry: 'asia.gcr.io', repository: 'proj/app' });
    let newest: [string, Date] | undefined;
    for (const [tag, m] of list.metadata ?? []) if (m.created && (!newest || m.created > newest[1])) newest = [tag, m.created];
    expect({ tags: list.tags.length, withMetadata: list.metadata?.size, newest: newest?.[0] }).toEqual({ tags: 10_000, withMetadata: 10_000, newest: 'build-9999' });
    expect(client.requestCount).toEqual({ ping: 1, token: 1, tags: 1, manifest: 0, blob: 0 });
    expect(gcr.counts).toEqual({ ping: 1, token: 1, tags: 1, manifest: 0, other: 0 });
    expect(store.counts).toEqual({ oidc: 1, sts: 1, impersonate: 1 });
    // The impersonated token went to the registry's token endpoint as Basic oauth2accesstoken:<token>, and was masked.
    expect(secrets).toHaveLength(1);
    expect(secrets[0]).toMatch(/^ya29\.test-impersonated-/);
    expect(gcr.authorizations[0]).toBe(`Basic ${Buffer.from(`oauth2accesstoken:${secrets[0]}`).toString('base64')}`);
    expect(store.unexpected).toEqual([]);
  });

  it('requests the Google token once and reuses it for more repositories and clients', async () => {
    const secrets: string[] = [];
    const source = googleCredentialSource({ credentials: wifFile(false), setSecret: (s) => void secrets.push(s) });
    await googleClient(source).listTags({ registry: 'asia.gcr.io', repository: 'proj/other' });
    await googleClient(source).listTags({ registry: 'asia.gcr.io', repository: 'proj/app' });
    expect(store.counts).toEqual({ oidc: 1, sts: 1 });
    expect(gcr.counts).toMatchObject({ token: 2, tags: 2 });
    expect(secrets).toEqual([expect.stringMatching(/^ya29\.test-sts-/)]);
  });

  it('works through GOOGLE_APPLICATION_CREDENTIALS, as google-github-actions/auth sets it', async () => {
    const path = join(tempDir('gha-creds-'), 'gha-creds-1234.json');
    writeFileSync(path, wifFile(true));
    process.env.GOOGLE_APPLICATION_CREDENTIALS = path;
    try {
      const credential = await googleCredentialSource({}).credentialFor('europe-docker.pkg.dev', 'proj/repo/app');
      expect(credential).toMatchObject({ kind: 'basic', username: 'oauth2accesstoken', password: expect.stringMatching(/^ya29\.test-impersonated-/) });
      expect(store.counts).toEqual({ oidc: 1, sts: 1, impersonate: 1 });
    } finally {
      delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    }
  });

  it('never asks Google, nor sends a Google token, for a non-Google host', async () => {
    const source = googleCredentialSource({ credentials: wifFile(true) });
    const plain = googleClient(source, gcr.host); // same server, but named by its own address: not Google
    await expect(plain.listTags({ registry: gcr.host, repository: 'proj/other' })).rejects.toThrow(RegistryError);
    expect(await source.credentialFor('docker.io', 'library/nginx')).toBeUndefined();
    expect(store.counts).toEqual({});
    expect(gcr.authorizations.filter((a) => a.startsWith('Basic '))).toEqual([]);
  });

  const refusals: { name: string; route: string; status: number; temporary: boolean }[] = [
    { name: 'STS refuses the OIDC token', route: 'sts', status: 400, temporary: false },
    { name: 'impersonation is denied', route: 'impersonate', status: 403, temporary: false },
    { name: 'STS is down', route: 'sts', status: 503, temporary: true },
  ];
  it.each(refusals)('a refused token is one clear error without secrets: $name', async ({ route, status, temporary }) => {
    store.refuse.set(route, status);
    const logger = new MemoryLogger();
    const source = googleCredentialSource({ credentials: wifFile(true), logger });
    const error = await source.credentialFor('gcr.io', 'proj/app').then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ host: 'gcr.io', temporary, message: expect.stringMatching(/^Google refused an access token for google-credentials: /), fix: expect.stringMatching(/roles\/artifactregistry.reader/) });
    const everything = `${(error as Error).message} ${JSON.stringify(error)} ${logger.lines.map((l) => l.message).join(' ')}`;
    expect(everything).not.toContain(apis.oidcToken);
    expect(everything).not.toMatch(/ya29\./);
  });

  it('an ADC file that does not exist is a ConfigError naming it', async () => {
    process.env.GOOGLE_APPLICATION_CREDENTIALS = '/nonexistent/gha-creds.json';
    try {
      await expect(googleCredentialSource({}).credentialFor('gcr.io', 'p/a')).rejects.toMatchObject({
        name: 'ConfigError',
        message: 'GOOGLE_APPLICATION_CREDENTIALS names /nonexistent/gha-creds.json, which does not exist',
      });
    } finally {
      delete process.env.GOOGLE_APPLICATION_CREDENTIALS;
    }
  });

  it('without any credentials, Google hosts are read anonymously (one info line)', async () => {
    const logger = new MemoryLogger();
    const source = googleCredentialSource({ logger });
    expect(await source.credentialFor('gcr.io', 'distroless/static')).toBeUndefined();
    expect(logger.messages('info')).toEqual([expect.stringMatching(/no credentials .* read anonymously/)]);
    expect(store.counts).toEqual({});
  });
});
