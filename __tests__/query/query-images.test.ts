/** queryImages over an in-memory RegistryClient: what it asks the registry, and what it decides. */
import { describe, expect, it } from 'vitest';
import type { ImageSpec } from '../../src/discover/types.js';
import { app, config, image } from '../support/builders.js';
import { ConfigError } from '../../src/errors.js';
import { NullLogger } from '../../src/logger.js';
import { queryImages, type RegistryAccess } from '../../src/query/query-images.js';
import type { Endpoint, RegistryClient, TagMetadata } from '../../src/registry/client.js';
import type { ResolvedImage } from '../../src/resolve/types.js';

/** FakeRegistry serves tags with build times and counts the calls. */
function fakeRegistry(tags: Record<string, Record<string, string>>, headFindsAfter = new Map<string, number>()) {
  const calls = { listTags: [] as string[], getMetadata: [] as string[], tagExists: [] as string[] };
  const client: RegistryClient = {
    async listTags(ref) {
      calls.listTags.push(ref.repository);
      return { tags: Object.keys(tags[ref.repository] ?? {}) };
    },
    async getMetadata(ref, tag): Promise<TagMetadata> {
      calls.getMetadata.push(`${ref.repository}:${tag}`);
      return { digest: `sha256:${tag}`, created: new Date(tags[ref.repository][tag]), platforms: ['linux/amd64'] };
    },
    async tagExists(ref, tag) {
      calls.tagExists.push(`${ref.repository}:${tag}`);
      const key = `${ref.repository}:${tag}`;
      return calls.tagExists.filter((c) => c === key).length >= (headFindsAfter.get(key) ?? Number.POSITIVE_INFINITY);
    },
  };
  const endpoint: Endpoint = { host: 'asia.gcr.io', apiUrl: 'https://asia.gcr.io', insecure: false, tagSortMode: 'none' };
  const access: RegistryAccess = { clientFor: () => ({ client, endpoint }) };
  return { access, calls };
}

function item(name: string, repository: string, strategy: ImageSpec['strategy'], current: string, extra: Partial<ImageSpec> = {}): ResolvedImage {
  const spec = image(`asia.gcr.io/${repository}`, { strategy, strategyRaw: strategy, ...extra });
  const appConfig = config(app({ name, file: `${name}.yaml`, line: 1 }), [spec]);
  return { config: appConfig, image: spec, target: { kind: 'kustomization', file: `${name}/kustomization.yaml`, entryName: `asia.gcr.io/${repository}` }, current: { tag: current } };
}

const options = { allowDowngrade: false, modeFor: () => 'pull-request' as const, wantsLabels: () => false, logger: NullLogger };
const TAGS = {
  'acme/web': { '1.0.0': '2024-01-01T00:00:00Z', '1.1.0': '2024-02-01T00:00:00Z', abc1234: '2024-03-01T00:00:00Z', latest: '2024-03-01T00:00:00Z' },
};

describe('queryImages', () => {
  it('lists a repository once however many Applications use it, and reads no metadata for semver', async () => {
    const { access, calls } = fakeRegistry(TAGS);
    const outcomes = await queryImages([item('a', 'acme/web', 'semver', '1.0.0'), item('b', 'acme/web', 'semver', '1.0.0'), item('c', 'acme/web', 'semver', '1.1.0')], access, options);
    expect(calls).toEqual({ listTags: ['acme/web'], getMetadata: [], tagExists: [] });
    expect(outcomes.map((o) => o.status)).toEqual(['update', 'update', 'unchanged']);
  });

  it('reads metadata only for tags that passed the filters (and the current tag, for the downgrade check), once across Applications', async () => {
    const { access, calls } = fakeRegistry(TAGS);
    const dev = (app: string) => item(app, 'acme/web', 'newest-build', '1.0.0', { allowTags: 'regexp:^[0-9a-f]{7}$', ignoreTags: ['latest'] });
    const outcomes = await queryImages([dev('a'), dev('b')], access, options);
    expect(calls.getMetadata.sort()).toEqual(['acme/web:1.0.0', 'acme/web:abc1234']);
    expect(outcomes.map((o) => o.status === 'update' && o.update.entry.to)).toEqual(['abc1234', 'abc1234']);
  });

  it('refuses the downgrade a newest-build pick would make, naming both tags', async () => {
    const { access } = fakeRegistry(TAGS);
    const [outcome] = await queryImages([item('a', 'acme/web', 'newest-build', 'latest', { ignoreTags: ['latest', 'abc1234'] })], access, options);
    expect(outcome).toMatchObject({ status: 'skipped', entry: { reason: expect.stringMatching(/refusing to downgrade .* from latest to 1\.1\.0/) } });
  });

  it('points a credential failure at the Application, with the docker config path in the message, not in file (issue 14 item 14)', async () => {
    const client: RegistryClient = {
      listTags: () => Promise.reject(new ConfigError('docker config entry for asia.gcr.io has no usable auth', { file: '/home/runner/.docker/config.json', host: 'asia.gcr.io', fix: 'Log in again.' })),
      getMetadata: () => Promise.reject(new Error('not called')),
      tagExists: () => Promise.reject(new Error('not called')),
    };
    const endpoint: Endpoint = { host: 'asia.gcr.io', apiUrl: 'https://asia.gcr.io', insecure: false, tagSortMode: 'none' };
    const broken = item('a', 'acme/web', 'semver', '1.0.0');
    broken.config.app.line = 7;
    const [outcome] = await queryImages([broken], { clientFor: () => ({ client, endpoint }) }, options);
    expect(outcome).toMatchObject({
      status: 'failed',
      entry: { application: 'a', file: 'a.yaml', line: 7, message: 'a.yaml:7, Application a, registry asia.gcr.io: /home/runner/.docker/config.json: docker config entry for asia.gcr.io has no usable auth Log in again.' },
    });
  });

  it('turns a bad constraint into a failure of that image only', async () => {
    const { access } = fakeRegistry(TAGS);
    const outcomes = await queryImages([item('bad', 'acme/web', 'semver', '1.0.0', { constraint: '~>1.x.y' }), item('good', 'acme/web', 'semver', '1.0.0')], access, options);
    expect(outcomes[0]).toMatchObject({ status: 'failed', entry: { application: 'bad', file: 'bad.yaml' } });
    expect(outcomes[1].status).toBe('update');
  });

  const hint = { ref: { registry: 'asia.gcr.io', repository: 'acme/web' }, tag: '1.2.0' };
  it('issue 10: adds the tag just pushed (input tag) the registry does not list yet, once a manifest HEAD finds it (registry lag)', async () => {
    const { access, calls } = fakeRegistry(TAGS, new Map([['acme/web:1.2.0', 2]]));
    const sleeps: number[] = [];
    const hintLag = { attempts: 3, delayMs: 2000, sleep: async (ms: number) => void sleeps.push(ms) };
    const outcomes = await queryImages([item('a', 'acme/web', 'semver', '1.1.0'), item('b', 'acme/web', 'semver', '1.1.0')], access, { ...options, hintTag: hint, hintLag });
    expect(outcomes.map((o) => o.status === 'update' && o.update.entry.to)).toEqual(['1.2.0', '1.2.0']);
    expect(calls.tagExists).toEqual(['acme/web:1.2.0', 'acme/web:1.2.0']);
    expect(sleeps).toEqual([2000]);
  });

  it('issue 10: refuses an input tag the registry does not have, saying so (never written unchecked)', async () => {
    const { access, calls } = fakeRegistry(TAGS);
    const hintLag = { attempts: 3, delayMs: 2000, sleep: async () => undefined };
    const [outcome] = await queryImages([item('a', 'acme/web', 'semver', '1.1.0')], access, { ...options, hintTag: hint, hintLag });
    expect(outcome).toMatchObject({ status: 'failed', entry: { application: 'a', message: expect.stringContaining('asia.gcr.io/acme/web:1.2.0 (input tag) does not exist: the registry does not list it and its manifest is not found (3 HEAD requests over 4 s)') } });
    expect(calls.tagExists).toHaveLength(3);
  });

  it('a listed input tag costs no HEAD', async () => {
    const { access, calls } = fakeRegistry(TAGS);
    const [outcome] = await queryImages([item('a', 'acme/web', 'semver', '1.0.0')], access, { ...options, hintTag: { ...hint, tag: '1.1.0' } });
    expect(outcome.status === 'update' && outcome.update.entry.to).toBe('1.1.0');
    expect(calls.tagExists).toEqual([]);
  });
});
