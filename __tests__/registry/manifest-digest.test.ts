/** issue 14 item 9: the digest pinned is the hash of the manifest bytes received; a lying Docker-Content-Digest refuses the tag. */
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { NullLogger } from '../../src/logger.js';
import { queryImages, type RegistryAccess } from '../../src/query/query-images.js';
import type { Endpoint } from '../../src/registry/client.js';
import { contentDigest, DigestMismatchError, verifiedManifestDigest } from '../../src/registry/manifest-digest.js';
import { OciClient } from '../../src/registry/oci-client.js';
import type { ResolvedImage } from '../../src/resolve/types.js';
import { closeHttpFakes, startHttpFake, type HttpFake, type Reply } from '../../test-support/http-fake.js';
import { app, config, image } from '../support/builders.js';

afterEach(closeHttpFakes);

const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ digest: `sha256:${'c'.repeat(64)}`, platform: { os: 'linux', architecture: 'amd64' } }] });
const bytes = Buffer.from(manifest);
const truth = `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
const lie = `sha256:${'e'.repeat(64)}`;

describe('verifiedManifestDigest', () => {
  it('computes the digest of the bytes (no header, or an agreeing one)', () => {
    expect(verifiedManifestDigest(bytes, { reference: 'app:1', host: 'r' })).toBe(truth);
    expect(verifiedManifestDigest(bytes, { reference: 'app:1', host: 'r', header: truth })).toBe(truth);
    expect(verifiedManifestDigest(bytes, { reference: 'app:1', host: 'r', header: contentDigest(bytes, 'sha512') })).toBe(contentDigest(bytes, 'sha512'));
  });
  it.each([
    ['a header that names other content', { header: lie }, /says app:1 is sha256:e+ \(Docker-Content-Digest\), but the manifest it sent hashes to sha256:/],
    ['a header with an unknown algorithm', { header: 'md5:abc' }, /not supported/],
    ['bytes that do not hash to the digest asked by', { expected: lie }, /hashes to sha256:[0-9a-f]{64}, not to the digest it was asked by/],
  ])('refuses %s', (_name, extra, message) => {
    const check = () => verifiedManifestDigest(bytes, { reference: 'app:1', host: 'r', ...extra });
    expect(check).toThrow(DigestMismatchError);
    expect(check).toThrow(message);
  });
});

const PING_OK: Reply = { status: 200, body: {} };
function lyingRegistry(): Promise<HttpFake> {
  return startHttpFake((method, path) => {
    if (path === '/v2/') return PING_OK;
    if (path.startsWith('/v2/team/app/tags/list')) return { status: 200, body: { tags: ['stable'] } };
    if (path === '/v2/team/app/manifests/stable') return { status: 200, headers: { 'content-type': 'application/vnd.oci.image.index.v1+json', 'docker-content-digest': lie }, body: method === 'HEAD' ? '' : manifest };
    return undefined;
  });
}
const endpointOf = (f: HttpFake): Endpoint => ({ host: f.host, apiUrl: f.origin, insecure: false, tagSortMode: 'none' });

describe('the digest strategy never pins an unverified digest', () => {
  it('getMetadata refuses a manifest whose Docker-Content-Digest header disagrees with its bytes', async () => {
    const registry = await lyingRegistry();
    const client = new OciClient({ endpoint: endpointOf(registry), credentials: [] });
    await expect(client.getMetadata({ registry: registry.host, repository: 'team/app' }, 'stable', { platforms: [], withCreated: false })).rejects.toThrow(DigestMismatchError);
  });

  it('the image fails with an error that says the header disagrees (not a silent skip)', async () => {
    const registry = await lyingRegistry();
    const client = new OciClient({ endpoint: endpointOf(registry), credentials: [] });
    const access: RegistryAccess = { clientFor: () => ({ client, endpoint: endpointOf(registry) }) };
    const spec = image(`${registry.host}/team/app`, { strategy: 'digest', strategyRaw: 'digest', constraint: 'stable' });
    const item: ResolvedImage = { config: config(app({ name: 'web', file: 'web.yaml', line: 3 }), [spec]), image: spec, target: { kind: 'kustomization', file: 'web/kustomization.yaml', entryName: `${registry.host}/team/app` }, current: { tag: 'stable', digest: lie } };
    const [outcome] = await queryImages([item], access, { allowDowngrade: false, modeFor: () => 'files', wantsLabels: () => false, logger: NullLogger });
    expect(outcome).toMatchObject({ status: 'failed', entry: { application: 'web', message: expect.stringMatching(/Docker-Content-Digest.*hashes to sha256:/) } });
  });
});
