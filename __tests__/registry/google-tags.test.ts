import { describe, it, expect } from 'vitest';
import { readGoogleTagDigests, readGoogleTagMetadata, readManifestMap } from '../../src/registry/google-tags.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const D3 = `sha256:${'3'.repeat(64)}`;
const DOCKER_V2 = 'application/vnd.docker.distribution.manifest.v2+json';
const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
const DOCKER_LIST = 'application/vnd.docker.distribution.manifest.list.v2+json';

/** entry is one value of Google's `manifest` map, as GCR sends it (int64 as strings). */
function entry(tags: string[], timeCreatedMs: string | number | undefined, mediaType: string = DOCKER_V2): Record<string, unknown> {
  return { imageSizeBytes: '2811903', layerId: '', mediaType, tag: tags, timeCreatedMs, timeUploadedMs: '1714600000000' };
}

describe('readGoogleTagMetadata', () => {
  const cases: { name: string; body: unknown; want: Record<string, { digest: string; created: string }> | undefined }[] = [
    { name: 'a plain registry answer', body: { name: 'p/app', tags: ['v1'] }, want: undefined },
    { name: 'garbage', body: 'not an object', want: undefined },
    { name: 'manifest is a list', body: { tags: [], manifest: [] }, want: undefined },
    { name: 'empty map', body: { tags: [], manifest: {} }, want: {} },
    {
      name: 'one digest, two tags; times as strings',
      body: { tags: ['v1', 'latest'], manifest: { [D1]: entry(['v1', 'latest'], '1714550400000') } },
      want: { v1: { digest: D1, created: '2024-05-01T08:00:00.000Z' }, latest: { digest: D1, created: '2024-05-01T08:00:00.000Z' } },
    },
    {
      name: 'times as numbers (Artifact Registry style)',
      body: { manifest: { [D1]: entry(['v1'], 1714550400000, 'application/vnd.oci.image.manifest.v1+json') } },
      want: { v1: { digest: D1, created: '2024-05-01T08:00:00.000Z' } },
    },
    {
      name: 'indexes fall back to manifest reads (Google reports 0 for them)',
      body: { manifest: { [D1]: entry(['multi'], '0', OCI_INDEX), [D2]: entry(['list'], '1714550400000', DOCKER_LIST), [D3]: entry(['single'], '1714550400000') } },
      want: { single: { digest: D3, created: '2024-05-01T08:00:00.000Z' } },
    },
    {
      name: 'zero, missing and negative times fall back',
      body: { manifest: { [D1]: entry(['zero'], '0'), [D2]: entry(['missing'], undefined), [D3]: entry(['negative'], '-5') } },
      want: {},
    },
    {
      name: 'malformed entries are skipped, good ones kept',
      body: {
        manifest: {
          [D1]: { ...entry(['bad-tags'], '1714550400000'), tag: 'v1' },
          [D2]: { ...entry(['bad-time'], 'yesterday') },
          'not-a-digest': entry(['bad-digest'], '1714550400000'),
          [D3]: { ...entry(['good'], '1714550400000'), unknownField: { nested: true } },
        },
      },
      want: { good: { digest: D3, created: '2024-05-01T08:00:00.000Z' } },
    },
    { name: 'untagged digests are ignored', body: { manifest: { [D1]: entry([], '1714550400000') } }, want: {} },
    {
      name: 'a tag named under two digests is left to the manifest read',
      body: { manifest: { [D1]: entry(['v1', 'a'], '1714550400000'), [D2]: entry(['v1'], '1714550400001') } },
      want: { a: { digest: D1, created: '2024-05-01T08:00:00.000Z' } },
    },
  ];
  it.each(cases)('$name', ({ body, want }) => {
    const got = readGoogleTagMetadata(body);
    if (want === undefined) {
      expect(got).toBeUndefined();
      return;
    }
    expect(Object.fromEntries([...(got ?? [])].map(([tag, m]) => [tag, { digest: m.digest, created: m.created?.toISOString() }]))).toEqual(want);
    for (const metadata of got?.values() ?? []) expect(metadata.platforms).toEqual([]);
  });

  it('exact mode ignores the map so config blobs are read', () => {
    const body = { manifest: { [D1]: entry(['v1'], '1714550400000') } };
    expect(readGoogleTagMetadata(body, { exactCreated: true })).toBeUndefined();
    expect(readGoogleTagMetadata(body, { exactCreated: false })?.size).toBe(1);
  });
});

describe('readManifestMap', () => {
  it('keeps every field of a valid entry', () => {
    expect(readManifestMap({ manifest: { [D1]: entry(['v1'], '1714550400000') } })).toEqual(
      new Map([[D1, { tags: ['v1'], timeCreatedMs: 1714550400000, timeUploadedMs: 1714600000000, imageSizeBytes: 2811903, mediaType: DOCKER_V2 }]]),
    );
  });
});

describe('readGoogleTagDigests', () => {
  it('gives every tag its digest, indexes and unknown times included; a tag named twice gets none', () => {
    const body = { manifest: { [D1]: entry(['a', 'dup'], '1700000000000'), [D2]: entry(['multi'], '0', OCI_INDEX), [D3]: entry(['dup'], undefined) } };
    expect(readGoogleTagDigests(body)).toEqual(new Map([['a', D1], ['multi', D2]]));
    expect(readGoogleTagDigests({ tags: ['a'] })).toBeUndefined();
  });
});
