import { describe, expect, it } from 'vitest';
import type { CredentialSource } from '../../src/registry/client.js';
import { credentialChain } from '../../src/registry/credential-chain.js';
import { dockerConfigSource, hostOfAuthKey } from '../../src/registry/docker-config.js';

const b64 = (s: string) => Buffer.from(s).toString('base64');

describe('dockerConfigSource', () => {
  const config = JSON.stringify({
    auths: {
      'asia.gcr.io': { auth: b64('oauth2accesstoken:ya29.token:with:colons') },
      'https://ghcr.io': { username: 'octo', password: 'ghp_x' },
      'https://index.docker.io/v1/': { auth: b64('hubuser:hubpass') },
      'http://127.0.0.1:5000/v2/': { identitytoken: 'idt', auth: b64('<token>:') },
      'https://registry.example/v1/': { auth: b64('long:form') },
      'registry.example': { auth: b64('short:form') },
      'broken.example': { auth: b64('no-colon') },
      'empty.example': {},
    },
    credsStore: 'desktop',
  });
  const source = dockerConfigSource(config, '/home/runner/.docker/config.json');
  const cases = [
    { host: 'asia.gcr.io', want: { kind: 'basic', username: 'oauth2accesstoken', password: 'ya29.token:with:colons' } },
    { host: 'ghcr.io', want: { kind: 'basic', username: 'octo', password: 'ghp_x' } },
    { host: 'docker.io', want: { kind: 'basic', username: 'hubuser', password: 'hubpass' } },
    { host: 'index.docker.io', want: { kind: 'basic', username: 'hubuser', password: 'hubpass' } },
    // An identity token wins over the "<token>" placeholder auth docker writes beside it.
    { host: '127.0.0.1:5000', want: { kind: 'identity-token', token: 'idt' } },
    // The exact key wins over a URL form of the same host.
    { host: 'registry.example', want: { kind: 'basic', username: 'short', password: 'form' } },
    { host: 'empty.example', want: undefined },
    { host: 'eu.gcr.io', want: undefined },
  ];
  it.each(cases)('$host', async ({ host, want }) => {
    expect(await source.credentialFor(host, 'any/repo')).toEqual(want);
  });

  it('reports a broken entry only for its host, naming the file and not the secret', async () => {
    const error = await source.credentialFor('broken.example', 'r').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ConfigError', file: '/home/runner/.docker/config.json', host: 'broken.example', message: expect.stringContaining('not base64 of user:password') });
    expect((error as Error).message).not.toContain('no-colon');
  });

  const bad = [
    { name: 'not JSON', text: '{auths', message: /docker config is not JSON/ },
    { name: 'an array', text: '[]', message: /not a JSON object/ },
    { name: 'auths of the wrong type', text: '{"auths": []}', message: /"auths" is not an object/ },
  ];
  it.each(bad)('refuses $name', ({ text, message }) => {
    expect(() => dockerConfigSource(text, 'cfg.json')).toThrow(message);
  });

  it('accepts a config without auths', async () => {
    expect(await dockerConfigSource('{}', 'x').credentialFor('ghcr.io', 'r')).toBeUndefined();
  });

  const keys = [
    ['ghcr.io', 'ghcr.io'],
    ['https://GHCR.io/v1/', 'ghcr.io'],
    ['https://index.docker.io/v1/', 'docker.io'],
    ['registry-1.docker.io', 'docker.io'],
    ['localhost:5000', 'localhost:5000'],
  ];
  it.each(keys)('hostOfAuthKey(%s) = %s', (key, host) => {
    expect(hostOfAuthKey(key)).toBe(host);
  });
});

describe('credentialChain', () => {
  const source = (name: string, answers: Record<string, string>): CredentialSource => ({
    name,
    credentialFor: (host) => Promise.resolve(answers[host] ? { kind: 'basic', username: name, password: answers[host] } : undefined),
  });
  const chain = credentialChain([source('conf', { 'a.example': '1' }), source('docker', { 'a.example': '2', 'b.example': '3' })]);
  const cases = [
    { host: 'a.example', want: 'conf' },
    { host: 'b.example', want: 'docker' },
    { host: 'c.example', want: undefined },
  ];
  it.each(cases)('$host answered by $want', async ({ host, want }) => {
    const credential = await chain.credentialFor(host, 'r');
    expect(credential?.kind === 'basic' ? credential.username : undefined).toBe(want);
  });
  it('names its sources', () => {
    expect(chain.name).toBe('conf -> docker');
  });
});
