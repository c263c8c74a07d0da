/** Pure parts of the OCI client: platforms, registry JSON guards, created parsing, Link headers. */
import { describe, expect, it } from 'vitest';
import { MEDIA_TYPES, parseCreated, readImageConfig, readManifest, readTagList, readTokenResponse } from '../../src/registry/manifest-schema.js';
import { parseNextLink, redactUrl } from '../../src/registry/exchange.js';
import { formatPlatform, parsePlatform, platformsKey, platformWanted } from '../../src/registry/platform.js';

describe('platforms', () => {
  const parse = [
    { text: 'linux/amd64', want: { os: 'linux', architecture: 'amd64' } },
    { text: 'linux/arm/v7', want: { os: 'linux', architecture: 'arm', variant: 'v7' } },
    { text: ' windows/amd64 ', want: { os: 'windows', architecture: 'amd64' } },
  ];
  it.each(parse)('parsePlatform($text)', ({ text, want }) => {
    expect(parsePlatform(text)).toEqual(want);
    expect(formatPlatform(parsePlatform(text))).toBe(text.trim());
  });
  it.each(['linux', 'linux/', 'a/b/c/d', 'linux/amd 64', ''])('parsePlatform(%j) is a ConfigError', (text) => {
    expect(() => parsePlatform(text)).toThrow(expect.objectContaining({ name: 'ConfigError' }));
  });

  // The updater's WantsPlatform: exact match, or a wanted entry without variant matches any variant.
  const wanted = [
    { wanted: ['linux/amd64'], offered: 'linux/amd64', want: true },
    { wanted: ['linux/amd64'], offered: 'linux/arm64', want: false },
    { wanted: ['linux/arm'], offered: 'linux/arm/v7', want: true },
    { wanted: ['linux/arm/v7'], offered: 'linux/arm/v6', want: false },
    { wanted: ['linux/arm/v7'], offered: 'linux/arm', want: false },
    { wanted: ['linux/arm64/v8'], offered: 'linux/arm64/v8', want: true },
    { wanted: [], offered: 'linux/amd64', want: true },
    { wanted: [], offered: 'linux/arm64', want: false },
    { wanted: ['windows/amd64', 'linux/arm64'], offered: 'linux/arm64', want: true },
  ];
  it.each(wanted)('$wanted wants $offered: $want', ({ wanted: w, offered, want }) => {
    expect(platformWanted(w.map(parsePlatform), parsePlatform(offered))).toBe(want);
  });
  it('platformsKey is order-free and defaults to linux/amd64', () => {
    expect(platformsKey(['linux/arm64', 'linux/amd64', 'linux/arm64'].map(parsePlatform))).toBe('linux/amd64,linux/arm64');
    expect(platformsKey([])).toBe('linux/amd64');
  });
});

describe('registry JSON guards', () => {
  const tagLists = [
    { body: { name: 'a', tags: ['1', '2'] }, want: ['1', '2'] },
    { body: { name: 'a', tags: null }, want: [] },
    { body: { name: 'a' }, want: [] },
    { body: { tags: [1] }, want: undefined },
    { body: { tags: 'v1' }, want: undefined },
    { body: [], want: undefined },
  ];
  it.each(tagLists)('readTagList($body)', ({ body, want }) => {
    expect(readTagList(body)).toEqual(want);
  });

  const manifests = [
    { name: 'OCI manifest', body: { mediaType: MEDIA_TYPES.ociManifest, config: { digest: 'sha256:c' } }, want: { kind: 'manifest', config: { digest: 'sha256:c' } } },
    { name: 'Docker manifest by Content-Type', body: { config: { digest: 'sha256:c', mediaType: 'x' } }, type: `${MEDIA_TYPES.dockerManifest}; charset=utf-8`, want: { kind: 'manifest', config: { digest: 'sha256:c', mediaType: 'x' } } },
    {
      name: 'Docker manifest list',
      body: { mediaType: MEDIA_TYPES.dockerList, manifests: [{ digest: 'sha256:a', platform: { os: 'linux', architecture: 'arm', variant: 'v7' } }] },
      want: { kind: 'index', manifests: [{ digest: 'sha256:a', platform: { os: 'linux', architecture: 'arm', variant: 'v7' } }] },
    },
    // OCI allows omitting mediaType; an index is recognised by its shape. An attestation without platform stays, platform-less.
    { name: 'OCI index without mediaType', body: { manifests: [{ digest: 'sha256:a' }] }, want: { kind: 'index', manifests: [{ digest: 'sha256:a' }] } },
    { name: 'index entry without digest', body: { mediaType: MEDIA_TYPES.ociIndex, manifests: [{ platform: {} }] }, want: undefined },
    { name: 'manifest without config', body: { mediaType: MEDIA_TYPES.ociManifest }, want: undefined },
    { name: 'schema1', body: { schemaVersion: 1, fsLayers: [] }, want: undefined },
  ];
  it.each(manifests)('readManifest: $name', ({ body, type, want }) => {
    expect(readManifest(body, type)).toEqual(want);
  });

  it('readImageConfig keeps string labels and drops wrong types', () => {
    expect(readImageConfig({ os: 'linux', architecture: 'arm', variant: 'v7', created: '2024-01-01T00:00:00Z', config: { Labels: { a: 'b', n: 1 } } })).toEqual({
      os: 'linux',
      architecture: 'arm',
      variant: 'v7',
      created: '2024-01-01T00:00:00Z',
      labels: { a: 'b' },
    });
    expect(readImageConfig({ os: 7, created: 5 })).toEqual({ os: undefined, architecture: undefined, variant: undefined, created: undefined });
    expect(readImageConfig('x')).toBeUndefined();
  });

  const tokens = [
    { body: { token: 't', expires_in: 300 }, want: { token: 't', expiresIn: 300 } },
    { body: { access_token: 'a' }, want: { token: 'a' } },
    { body: { token: '', access_token: 'a', expires_in: -1 }, want: { token: 'a' } },
    { body: { token: 5 }, want: undefined },
    { body: {}, want: undefined },
  ];
  it.each(tokens)('readTokenResponse($body)', ({ body, want }) => {
    expect(readTokenResponse(body)).toEqual(want);
  });
});

describe('parseCreated (RFC 3339, as the updater parses config created)', () => {
  const cases = [
    { text: '2024-01-02T03:04:05Z', want: '2024-01-02T03:04:05.000Z' },
    { text: '2024-01-02T03:04:05.123456789Z', want: '2024-01-02T03:04:05.123Z' },
    { text: '2024-01-02T05:04:05+02:00', want: '2024-01-02T03:04:05.000Z' },
    { text: '', want: undefined },
    { text: 'yesterday', want: undefined },
    { text: '2024-01-02', want: undefined },
    { text: '2024-13-02T03:04:05Z', want: undefined },
    { text: undefined, want: undefined },
  ];
  it.each(cases)('$text', ({ text, want }) => {
    expect(parseCreated(text)?.toISOString()).toBe(want);
  });
});

describe('HTTP helpers', () => {
  const links = [
    { header: '</v2/a/tags/list?n=2&last=b>; rel="next"', want: '/v2/a/tags/list?n=2&last=b' },
    { header: '<https://x/prev>; rel="prev", <https://x/next>; rel=next', want: 'https://x/next' },
    { header: '<https://x/p>; rel="prev"', want: undefined },
    { header: null, want: undefined },
  ];
  it.each(links)('parseNextLink($header)', ({ header, want }) => {
    expect(parseNextLink(header)).toBe(want);
  });
  it('redactUrl drops credentials and query strings', () => {
    expect(redactUrl(new URL('https://user:pw@r.example/v2/a?X-Amz-Signature=s'))).toBe('https://r.example/v2/a');
  });
});
