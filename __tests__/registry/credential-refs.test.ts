import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { tempDir } from '../../test-support/temp-dir.js';
import { join } from 'node:path';
import { describe, it, expect } from 'vitest';
import { ConfigError, RegistryError } from '../../src/errors.js';
import { MemoryLogger } from '../../src/logger.js';
import { credentialRefSource, parseCredentialRef, type CredentialRefOptions } from '../../src/registry/credential-refs.js';

function options(overrides: Partial<CredentialRefOptions> = {}): CredentialRefOptions & { logger: MemoryLogger; secrets: string[] } {
  const secrets: string[] = [];
  return { env: {}, allowExt: false, logger: new MemoryLogger(), setSecret: (s) => void secrets.push(s), warned: new Set(), secrets, ...overrides } as CredentialRefOptions & { logger: MemoryLogger; secrets: string[] };
}

/** script writes an executable shell script that counts its runs in `<dir>/runs`. */
function script(body: string): { path: string; runs: () => number } {
  const dir = tempDir('ext-cred-');
  const path = join(dir, 'creds.sh');
  writeFileSync(path, `#!/bin/sh\necho run >> "${dir}/runs"\n${body}\n`);
  chmodSync(path, 0o755);
  return { path, runs: () => readFileSync(join(dir, 'runs'), 'utf8').split('\n').filter(Boolean).length };
}

describe('parseCredentialRef', () => {
  const cases: { ref: string; want: object | 'error' }[] = [
    { ref: 'env:GCR_CREDS', want: { type: 'env', argument: 'GCR_CREDS' } },
    { ref: 'ext:/usr/local/bin/creds', want: { type: 'ext', argument: '/usr/local/bin/creds' } },
    { ref: 'pullsecret:argocd/gcr', want: { type: 'pullsecret', argument: 'argocd/gcr' } },
    { ref: 'secret:argocd/gcr#creds', want: { type: 'secret', argument: 'argocd/gcr#creds' } },
    { ref: 'env:user:password', want: 'error' }, // a second ':' is invalid, as in the updater
    { ref: 'ext:relative/script', want: 'error' },
    { ref: 'vault:kv/gcr', want: 'error' },
    { ref: 'env:', want: 'error' },
    { ref: 'GCR_CREDS', want: 'error' },
  ];
  it.each(cases)('$ref', ({ ref, want }) => {
    if (want === 'error') expect(() => parseCredentialRef(ref)).toThrow(ConfigError);
    else expect(parseCredentialRef(ref)).toEqual(want);
  });

  it('never echoes what follows the type in the message', () => {
    expect(() => parseCredentialRef('env:user:hunter2')).toThrow(/^"env:\.\.\." is not a credential reference$/);
  });
});

describe('env: references', () => {
  const cases: { name: string; value: string | undefined; want: object | RegExp }[] = [
    { name: 'user:password', value: 'robot:s3cret', want: { kind: 'basic', username: 'robot', password: 's3cret' } },
    { name: 'password with colons', value: 'robot:a:b:c', want: { kind: 'basic', username: 'robot', password: 'a:b:c' } },
    { name: 'Google access token', value: 'oauth2accesstoken:ya29.token', want: { kind: 'basic', username: 'oauth2accesstoken', password: 'ya29.token' } },
    { name: 'Google JSON key', value: '_json_key:{"type":"service_account"}', want: { kind: 'basic', username: '_json_key', password: '{"type":"service_account"}' } },
    { name: 'unset', value: undefined, want: /GCR_CREDS .* is not set/ },
    { name: 'empty user', value: ':s3cret', want: /both parts non-empty/ },
    { name: 'empty password', value: 'robot:', want: /both parts non-empty/ },
    { name: 'no colon', value: 'robot', want: /both parts non-empty/ },
  ];
  it.each(cases)('$name', async ({ value, want }) => {
    const o = options({ env: { GCR_CREDS: value } });
    const source = credentialRefSource('env:GCR_CREDS', o);
    const result = source?.credentialFor('gcr.io', 'proj/app');
    if (want instanceof RegExp) {
      await expect(result).rejects.toThrow(want);
      await result?.catch((error: Error) => expect(error.message).not.toContain('s3cret'));
    } else {
      await expect(result).resolves.toEqual(want);
      expect(o.secrets).toContain((want as { password: string }).password);
    }
  });

  it('masks a multi-line JSON key line by line too', async () => {
    const o = options({ env: { KEY: '_json_key:{\n  "private_key": "-----BEGIN-----"\n}' } });
    await credentialRefSource('env:KEY', o)?.credentialFor('gcr.io', 'p/a');
    expect(o.secrets).toEqual(['{\n  "private_key": "-----BEGIN-----"\n}', '  "private_key": "-----BEGIN-----"']);
  });
});

describe('cluster secrets cannot be read in CI', () => {
  const cases = ['pullsecret:argocd/gcr', 'secret:argocd/gcr#creds'];
  it.each(cases)('%s falls through, warned once per reference', (ref) => {
    const o = options();
    expect(credentialRefSource(ref, o)).toBeUndefined();
    expect(credentialRefSource(ref, o)).toBeUndefined();
    expect(credentialRefSource('pullsecret:other/one', o)).toBeUndefined();
    expect(o.logger.messages('warning')).toHaveLength(2);
    expect(o.logger.messages('warning')[0]).toMatch(/cannot be read from CI.*env:VAR/);
  });
});

describe('ext: references', () => {
  it('do not run without the opt-in, and say so once', () => {
    const s = script('echo robot:s3cret');
    const o = options({ allowExt: false });
    expect(credentialRefSource(`ext:${s.path}`, o)).toBeUndefined();
    expect(credentialRefSource(`ext:${s.path}`, o)).toBeUndefined();
    expect(o.logger.messages('warning')).toEqual([expect.stringMatching(/were not run: .*allow-ext-credentials/)]);
  });

  it('run once and are cached for the run without credsexpire', async () => {
    const s = script('echo robot:s3cret');
    const o = options({ allowExt: true });
    const source = credentialRefSource(`ext:${s.path}`, o);
    const answers = await Promise.all([source?.credentialFor('gcr.io', 'a'), source?.credentialFor('gcr.io', 'b')]);
    await source?.credentialFor('gcr.io', 'c');
    expect(answers).toEqual([{ kind: 'basic', username: 'robot', password: 's3cret' }, { kind: 'basic', username: 'robot', password: 's3cret' }]);
    expect({ runs: s.runs(), secrets: o.secrets }).toEqual({ runs: 1, secrets: ['s3cret'] });
  });

  it('are re-run after credsexpire', async () => {
    const s = script('echo robot:s3cret');
    let time = 0;
    const source = credentialRefSource(`ext:${s.path}`, options({ allowExt: true, credsExpireMs: 60_000, now: () => time }));
    await source?.credentialFor('gcr.io', 'a');
    time = 59_999;
    await source?.credentialFor('gcr.io', 'a');
    time = 60_000;
    await source?.credentialFor('gcr.io', 'a');
    expect(s.runs()).toBe(2);
  });

  const failures: { name: string; body: string; message: RegExp; timeoutMs?: number }[] = [
    { name: 'non-zero exit', body: 'echo robot:s3cret; exit 3', message: /exited with code 3/ },
    { name: 'hangs past the timeout', body: 'sleep 30', message: /did not finish within 0.2 s/, timeoutMs: 200 },
    { name: 'prints no password', body: 'echo robot', message: /both parts non-empty/ },
  ];
  it.each(failures)('fail clearly when the script $name, without its output', async ({ body, message, timeoutMs }) => {
    const s = script(body);
    const source = credentialRefSource(`ext:${s.path}`, options({ allowExt: true, extTimeoutMs: timeoutMs }));
    const error = await source?.credentialFor('gcr.io', 'a').then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error instanceof RegistryError || error instanceof ConfigError).toBe(true);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).not.toContain('s3cret');
  });

  it('a missing script is an error', async () => {
    const source = credentialRefSource('ext:/nonexistent/creds.sh', options({ allowExt: true }));
    await expect(source?.credentialFor('gcr.io', 'a')).rejects.toThrow(/could not be run \(ENOENT\)/);
  });
});
