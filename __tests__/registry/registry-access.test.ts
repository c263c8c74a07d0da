/** The run's registry wiring: credentials chain order and masking, against the real docker-registry (htpasswd). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NullLogger } from '../../src/logger.js';
import { createRegistryAccess } from '../../src/registry/registry-access.js';
import { hasDockerRegistry, startDockerRegistry, TEST_PASSWORD, TEST_USER, type DockerRegistry } from '../../test-support/docker-registry.js';

describe.skipIf(!hasDockerRegistry())('createRegistryAccess', () => {
  let registry: DockerRegistry;
  beforeAll(async () => {
    registry = await startDockerRegistry({ auth: 'htpasswd' });
    await registry.pushImage('team/app', '1.0.0', { created: '2024-01-01T00:00:00Z' });
  });
  afterAll(() => registry?.stop());

  const dockerConfig = (password: string) => JSON.stringify({ auths: { 'registry.example.test': { auth: Buffer.from(`${TEST_USER}:${password}`).toString('base64') } } });
  const conf = (credentials = true) =>
    `registries:\n- name: test\n  prefix: registry.example.test\n  api_url: ${registry.url}\n${credentials ? '  credentials: env:PROMOTER_TEST_CREDS\n' : ''}`;
  const image = { registry: 'registry.example.test', repository: 'team/app' };

  it('masks the docker config password it uses (credentials follow the prefix, requests go to the api_url)', async () => {
    const masked: string[] = [];
    const access = await createRegistryAccess({ registriesConfig: conf(false), dockerConfig: dockerConfig(TEST_PASSWORD), allowExtCredentials: false, env: {}, logger: NullLogger, setSecret: (s) => masked.push(s) });
    expect((await access.clientFor(image).client.listTags(image)).tags).toEqual(['1.0.0']);
    expect(masked).toContain(TEST_PASSWORD);
    await access.close();
  });

  it('asks the registries.conf entry before the docker config', async () => {
    const masked: string[] = [];
    const access = await createRegistryAccess({
      registriesConfig: conf(), dockerConfig: dockerConfig('wrong-password'), allowExtCredentials: false,
      env: { PROMOTER_TEST_CREDS: `${TEST_USER}:${TEST_PASSWORD}` }, logger: NullLogger, setSecret: (s) => masked.push(s),
    });
    expect((await access.clientFor(image).client.listTags(image)).tags).toEqual(['1.0.0']);
    expect(masked).toContain(TEST_PASSWORD);
    expect(masked).not.toContain('wrong-password');
    await access.close();
  });

  it('an image pull-secret heads the chain', async () => {
    const access = await createRegistryAccess({
      registriesConfig: conf(), dockerConfig: dockerConfig('wrong-password'), allowExtCredentials: false,
      env: { PROMOTER_TEST_CREDS: 'nobody:nothing', PULL: `${TEST_USER}:${TEST_PASSWORD}` }, logger: NullLogger, setSecret: () => undefined,
    });
    expect((await access.clientFor(image, 'env:PULL').client.listTags(image)).tags).toEqual(['1.0.0']);
    await expect(access.clientFor(image).client.listTags(image)).rejects.toThrow(/401|unauthorized|credentials/i);
    await access.close();
  });
});
