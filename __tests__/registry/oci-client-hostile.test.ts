/** Registry answers are untrusted: hostile tag names, huge tag lists, oversized bodies (issue 14 items 8 and 10). */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../src/logger.js';
import type { Endpoint } from '../../src/registry/client.js';
import { OciClient } from '../../src/registry/oci-client.js';
import { tagPageSizeFor } from '../../src/registry/tag-pages.js';
import { isValidTag, keepValidTags } from '../../src/registry/tag-name.js';
import { closeHttpFakes, startHttpFake, type HttpFake, type Reply } from '../../test-support/http-fake.js';

afterEach(closeHttpFakes);

const PING_OK: Reply = { status: 200, body: {} };
const endpointOf = (f: HttpFake): Endpoint => ({ host: f.host, apiUrl: f.origin, insecure: false, tagSortMode: 'none' });
const ref = (f: HttpFake) => ({ registry: f.host, repository: 'team/app' });
const tagsRegistry = (reply: Reply) => startHttpFake((_m, path) => (path === '/v2/' ? PING_OK : path.startsWith('/v2/team/app/tags/list') ? reply : undefined));

// Each hostile tag with why it must never reach a manifest.
const HOSTILE = [
  'a\nb', // newline: breaks the YAML line and the image reference
  'x: y', // ": " starts a mapping in plain YAML
  '#c', // a comment in plain YAML
  '"q"', // quotes
  "it's", // quote
  '{{ .Values.secret }}', // template code for charts that tpl their values
  '{{x}}', // template code, no spaces
  '/../etc', // path traversal
  'a'.repeat(300), // longer than 128 characters
  'b'.repeat(129), // one over the limit
  '.hidden', // must start with [A-Za-z0-9_]
  '-dash', // must start with [A-Za-z0-9_]
  'tab\there', // control character
  'é', // not ASCII
  '', // empty
];
const VALID = ['1.0.0', 'v2', '_underscore', 'a-b_c.d', 'B'.repeat(128), '0'];

describe('issue 14 item 8: only OCI-valid tags are candidates', () => {
  it.each(HOSTILE.map((tag) => [JSON.stringify(tag).slice(0, 30), tag]))('%s is not a valid tag', (_name, tag) => {
    expect(isValidTag(tag)).toBe(false);
  });
  it.each(VALID.map((tag) => [tag.slice(0, 30), tag]))('%s is a valid tag', (_name, tag) => {
    expect(isValidTag(tag)).toBe(true);
  });

  it('keepValidTags keeps the order and counts what it dropped', () => {
    expect(keepValidTags(['1', 'a b', '2'])).toEqual({ tags: ['1', '2'], dropped: 1, example: '"a b"' });
    const all = ['1', '2'];
    expect(keepValidTags(all).tags).toBe(all);
  });

  it('listTags drops hostile tags with one warning for the repository', async () => {
    const registry = await tagsRegistry({ status: 200, body: { tags: [...VALID, ...HOSTILE] } });
    const logger = new MemoryLogger();
    const client = new OciClient({ endpoint: endpointOf(registry), credentials: [], logger });
    expect((await client.listTags(ref(registry))).tags).toEqual(VALID);
    const warnings = logger.messages('warning');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBe(`${registry.host}/team/app: ${HOSTILE.length} tag(s) are not valid OCI tags and are ignored (e.g. "a\\nb").`);
  });
});

describe('issue 14 item 10: large tag lists and body caps', () => {
  it('lists 500,000 tags in one page (no RangeError from spreading the page)', async () => {
    const tags = Array.from({ length: 500_000 }, (_, i) => `v${i}`);
    const registry = await tagsRegistry({ status: 200, body: { tags } });
    const client = new OciClient({ endpoint: endpointOf(registry), credentials: [] });
    const listed = await client.listTags(ref(registry));
    expect(listed.tags).toHaveLength(500_000);
    expect(listed.tags[499_999]).toBe('v499999');
  });

  const huge = `{"tags":["${'a'.repeat(65 * 1024 * 1024)}"]}`;
  it.each([
    ['announced by Content-Length', {}],
    ['sent chunked, without Content-Length', { 'transfer-encoding': 'chunked' }],
  ])('refuses a tags/list body over 64 MiB, %s', async (_name, headers) => {
    const registry = await tagsRegistry({ status: 200, headers, body: huge });
    const client = new OciClient({ endpoint: endpointOf(registry), credentials: [] });
    await expect(client.listTags(ref(registry))).rejects.toMatchObject({
      name: 'RegistryError',
      message: `the tags answer from ${registry.origin}/v2/team/app/tags/list is larger than 64 MiB; stopped reading it`,
      fix: expect.stringContaining('Delete old tags'),
    });
  });

  it('refuses a manifest over 4 MiB', async () => {
    const registry = await startHttpFake((_m, path) => (path === '/v2/' ? PING_OK : { status: 200, body: { schemaVersion: 2, pad: 'x'.repeat(5 * 1024 * 1024) } }));
    const client = new OciClient({ endpoint: endpointOf(registry), credentials: [] });
    await expect(client.getMetadata(ref(registry), '1.0', { platforms: [], withCreated: false })).rejects.toThrow(/the manifest answer from .* is larger than 4 MiB/);
  });

  it.each([
    ['https://registry.example.test', 10_000],
    ['http://127.0.0.1:5000', 10_000],
    ['https://123456789012.dkr.ecr.eu-west-1.amazonaws.com', 1000], // ECR rejects n > 1000
  ])('asks %s for n=%i tags per page', (origin, n) => {
    expect(tagPageSizeFor(origin)).toBe(n);
  });
});
