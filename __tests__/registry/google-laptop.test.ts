/**
 * Google on a laptop (issue 10): no metadata server must not print gcp-metadata's MetadataLookupWarning,
 * and a 401 from a Google registry says how to give Google credentials, in the surface's words.
 * Its own file: gcp-metadata caches "is the metadata server there" for the whole module graph.
 */
import { rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLogger, NullLogger } from '../../src/logger.js';
import { googleCredentialSource } from '../../src/registry/google.js';
import { createRegistryAccess } from '../../src/registry/registry-access.js';
import { applyEnv, isolateGoogleEnv } from '../../test-support/google/env.js';
import { closeHttpFakes, startHttpFake } from '../../test-support/http-fake.js';

describe('Google without a metadata server', () => {
  const saved = { ...process.env };
  let resetter: Server;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    // A "metadata server" that drops every connection: gcp-metadata sees ECONNRESET, a code it warns about.
    resetter = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => resetter.listen(0, '127.0.0.1', resolve));
    env = { ...isolateGoogleEnv(), GCE_METADATA_HOST: `127.0.0.1:${(resetter.address() as AddressInfo).port}`, METADATA_SERVER_DETECTION: 'ping-only' };
    applyEnv(env);
  });
  afterAll(async () => {
    await closeHttpFakes();
    await new Promise<void>((resolve) => resetter.close(() => resolve()));
    applyEnv(saved);
    if (env.HOME) rmSync(env.HOME, { recursive: true, force: true });
  });

  it('issue 10: the MetadataLookupWarning does not leak; it becomes a debug line', async () => {
    const warnings: string[] = [];
    const listener = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
    process.on('warning', listener);
    try {
      const logger = new MemoryLogger();
      expect(await googleCredentialSource({ logger }).credentialFor('gcr.io', 'proj/app')).toBeUndefined();
      await new Promise((resolve) => setImmediate(resolve)); // Node emits 'warning' on the next tick
      expect(warnings).toEqual([]);
      expect(logger.messages('debug')).toContainEqual(expect.stringMatching(/^Google: no metadata server \(received unexpected error/));
      expect(logger.messages('info')).toEqual([expect.stringContaining('Google registries are read anonymously')]);
    } finally {
      process.off('warning', listener);
    }
  });

  it.each([
    ['cli', /--google-credentials <key file>, or run `gcloud auth application-default login`/],
    ['action', /google-github-actions\/auth before this step, or set input google-credentials \(locally: `gcloud auth application-default login`\)/],
  ] as const)('issue 10: a 401 from a Google registry (%s) says how to give Google credentials', async (surface, fix) => {
    const registry = await startHttpFake(() => ({ status: 401, body: { errors: [{ code: 'UNAUTHORIZED' }] } }));
    const access = await createRegistryAccess({
      registriesConfig: `registries:\n- name: gcr\n  prefix: asia.gcr.io\n  api_url: ${registry.origin}\n`,
      dockerConfig: '{"auths":{}}', allowExtCredentials: false, env, logger: NullLogger, setSecret: () => undefined, surface,
    });
    const image = { registry: 'asia.gcr.io', repository: 'proj/app' };
    await expect(access.clientFor(image).client.listTags(image)).rejects.toMatchObject({ status: 401, fix: expect.stringMatching(fix) });
    await access.close();
  });
});
