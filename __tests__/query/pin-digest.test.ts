/** pin-digest in the query stage (issue 12): every strategy writes tag + digest, reusing what it already read. */
import { describe, expect, it } from 'vitest';
import type { ImageSpec } from '../../src/discover/types.js';
import { NullLogger } from '../../src/logger.js';
import { resolveTagDigest } from '../../src/query/pin-digest.js';
import { queryImages, type RegistryAccess } from '../../src/query/query-images.js';
import type { Endpoint, MetadataOptions, RegistryClient, TagMetadata } from '../../src/registry/client.js';
import type { CurrentImage, ResolvedImage } from '../../src/resolve/types.js';
import { app, config, image } from '../support/builders.js';

const D = (name: string) => `sha256:${name.padEnd(64, '0')}`;

interface Served {
  created: string;
  digest: string;
  /** The digest a cache answer gives (a tag that moved since it was cached). */
  cached?: string;
  platforms?: string[];
}

/** fakeRegistry serves tags (in listing order) and records every getMetadata call with its freshness. */
function fakeRegistry(tags: Record<string, Served>, volunteered?: Map<string, TagMetadata>) {
  const calls: string[] = [];
  const client: RegistryClient = {
    listTags: async () => ({ tags: Object.keys(tags), ...(volunteered ? { metadata: volunteered } : {}) }),
    async getMetadata(_ref, tag, options: MetadataOptions): Promise<TagMetadata | undefined> {
      calls.push(`${tag}${options.revalidate ? ' (fresh)' : ''}`);
      const served = tags[tag];
      const stale = served.cached !== undefined && !options.revalidate;
      const platforms = served.platforms ?? ['linux/amd64'];
      if (!platforms.includes('linux/amd64')) return undefined;
      return { digest: stale ? served.cached! : served.digest, created: new Date(served.created), platforms, ...(stale ? { fromTagCache: true } : {}) };
    },
    tagExists: async () => true,
  };
  const endpoint: Endpoint = { host: 'ghcr.io', apiUrl: 'https://ghcr.io', insecure: false, tagSortMode: 'none' };
  const access: RegistryAccess = { clientFor: () => ({ client, endpoint }) };
  return { access, calls };
}

const TAGS: Record<string, Served> = {
  '1.0.0': { created: '2026-01-01T00:00:00Z', digest: D('a1') },
  '1.1.0': { created: '2026-02-01T00:00:00Z', digest: D('b2') },
  main: { created: '2026-03-01T00:00:00Z', digest: D('c3') },
};

function item(strategy: ImageSpec['strategy'], current: CurrentImage | undefined, extra: Partial<ImageSpec> = {}): ResolvedImage {
  const spec = image('ghcr.io/acme/web', { alias: 'web', strategy, strategyRaw: strategy, pinDigest: true, ...extra });
  const appConfig = config(app({ name: 'web-prod', file: 'apps/web-prod.yaml', line: 1 }), [spec]);
  return { config: appConfig, image: spec, target: { kind: 'kustomization', file: 'env/prod/kustomization.yaml', entryName: 'ghcr.io/acme/web' }, ...(current ? { current } : {}) };
}

const options = { allowDowngrade: false, modeFor: () => 'pull-request' as const, wantsLabels: () => false, logger: NullLogger };

describe('pin-digest in queryImages', () => {
  const cases: Array<{ name: string; strategy: ImageSpec['strategy']; extra?: Partial<ImageSpec>; current?: CurrentImage; status: string; from?: string | null; to?: string; digest?: string; reads: string[] }> = [
    // semver reads no metadata; pinning reads the chosen tag once.
    { name: 'semver reads the chosen tag once', strategy: 'semver', current: { tag: '1.0.0' }, status: 'update', from: '1.0.0', to: '1.1.0', digest: D('b2'), reads: ['1.1.0'] },
    // alphabetical: the same one read.
    { name: 'alphabetical reads the chosen tag once', strategy: 'alphabetical', extra: { allowTags: 'regexp:^1\\.' }, current: { tag: '1.0.0' }, status: 'update', to: '1.1.0', digest: D('b2'), reads: ['1.1.0'] },
    // newest-build already read every kept tag's manifest: pinning adds nothing.
    { name: 'newest-build reuses the digest it read', strategy: 'newest-build', current: { tag: '1.0.0' }, status: 'update', to: 'main', digest: D('c3'), reads: ['1.0.0', '1.1.0', 'main'] },
    // The digest strategy pins anyway; pin-digest adds nothing.
    { name: 'digest reads its one tag as without pin-digest', strategy: 'digest', extra: { constraint: 'main' }, current: { tag: 'main', digest: D('old') }, status: 'update', from: `main@${D('old')}`, to: 'main', digest: D('c3'), reads: ['main'] },
    // Already pinned at the chosen tag and digest: nothing to write.
    { name: 'an image pinned at the pick is unchanged', strategy: 'semver', current: { tag: '1.1.0', digest: D('b2') }, status: 'unchanged', reads: ['1.1.0'] },
    // Same tag, the registry moved it: the change is the digest.
    { name: 'a moved digest under the same tag is an update', strategy: 'semver', current: { tag: '1.1.0', digest: D('d4') }, status: 'update', from: `1.1.0@${D('d4')}`, to: '1.1.0', digest: D('b2'), reads: ['1.1.0'] },
    // Turning pin-digest on pins the tag git already runs.
    { name: 'an unpinned current tag gets its digest', strategy: 'semver', current: { tag: '1.1.0' }, status: 'update', from: '1.1.0', to: '1.1.0', digest: D('b2'), reads: ['1.1.0'] },
    // Nothing in git yet (force-update): tag and digest.
    { name: 'no current reference', strategy: 'semver', status: 'update', from: null, to: '1.1.0', digest: D('b2'), reads: ['1.1.0'] },
  ];
  it.each(cases)('$name', async ({ strategy, extra, current, status, from, to, digest, reads }) => {
    const { access, calls } = fakeRegistry(TAGS);
    const [outcome] = await queryImages([item(strategy, current, extra)], access, options);
    expect(outcome.status).toBe(status);
    expect(calls.sort()).toEqual(reads);
    if (outcome.status !== 'update') return;
    expect(outcome.update.newImage).toEqual({ tag: to, digest });
    expect(outcome.update.entry).toMatchObject({ to, digest, ...(from === undefined ? {} : { from }) });
  });

  it('without pin-digest, semver reads nothing and writes the bare tag', async () => {
    const { access, calls } = fakeRegistry(TAGS);
    const [outcome] = await queryImages([item('semver', { tag: '1.0.0' }, { pinDigest: undefined })], access, options);
    expect(calls).toEqual([]);
    expect(outcome.status === 'update' && outcome.update.newImage).toEqual({ tag: '1.1.0' });
  });

  it('re-reads a pick the cache answered (a mutable tag may have moved), and pins what the registry says now', async () => {
    const { access, calls } = fakeRegistry({ ...TAGS, '1.1.0': { ...TAGS['1.1.0'], cached: D('e5') } });
    const [outcome] = await queryImages([item('semver', { tag: '1.0.0' })], access, options);
    expect(calls).toEqual(['1.1.0', '1.1.0 (fresh)']);
    expect(outcome.status === 'update' && outcome.update.newImage).toEqual({ tag: '1.1.0', digest: D('b2') });
  });

  it('takes the digest a Google tag list volunteers for the pick: no manifest read', async () => {
    const listed = new Map<string, TagMetadata>([['1.1.0', { digest: D('b2'), created: new Date(TAGS['1.1.0'].created), platforms: [] }]]);
    const { access, calls } = fakeRegistry(TAGS, listed);
    const [outcome] = await queryImages([item('semver', { tag: '1.0.0' })], access, options);
    expect(calls).toEqual([]);
    expect(outcome.status === 'update' && outcome.update.newImage).toEqual({ tag: '1.1.0', digest: D('b2') });
  });

  it('fails the image, naming the tag and platforms, when the pick offers none of the wanted platforms', async () => {
    const { access } = fakeRegistry({ ...TAGS, '1.1.0': { ...TAGS['1.1.0'], platforms: ['linux/arm64'] } });
    const [outcome] = await queryImages([item('semver', { tag: '1.0.0' })], access, options);
    expect(outcome).toMatchObject({ status: 'failed', entry: { application: 'web-prod', message: expect.stringContaining('ghcr.io/acme/web:1.1.0 offers none of the platforms linux/amd64') } });
  });
});

describe('resolveTagDigest with an expected digest (the promote-from check)', () => {
  const web = { ref: { registry: 'ghcr.io', repository: 'acme/web' }, platforms: [] };
  it('reads fresh and returns the metadata when the tag still has the digest', async () => {
    const { access, calls } = fakeRegistry(TAGS);
    const { client } = access.clientFor(web.ref);
    const read = (tag: string, fresh: boolean) => client.getMetadata(web.ref, tag, { platforms: [], withCreated: false, revalidate: fresh });
    await expect(resolveTagDigest(web, '1.1.0', read, { digest: D('b2'), by: 'web-staging/web' })).resolves.toMatchObject({ digest: D('b2') });
    expect(calls).toEqual(['1.1.0 (fresh)']);
  });

  it('refuses a tag that moved, naming both digests', async () => {
    const { access } = fakeRegistry(TAGS);
    const { client } = access.clientFor(web.ref);
    const read = (tag: string, fresh: boolean) => client.getMetadata(web.ref, tag, { platforms: [], withCreated: false, revalidate: fresh });
    await expect(resolveTagDigest(web, '1.1.0', read, { digest: D('f6'), by: 'web-staging/web' })).rejects.toThrow(
      `refusing to promote ghcr.io/acme/web:1.1.0: web-staging/web runs it as ${D('f6')}, but the registry now has ${D('b2')} under that tag (the tag moved)`,
    );
  });
});
