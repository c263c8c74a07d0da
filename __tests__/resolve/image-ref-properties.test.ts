import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BadImageRefError, formatImageRef, isRegistryHost, parseImageRef } from '../../src/resolve/image-ref.js';
import { ociTag, PROPERTY_RUNS } from '../support/properties.js';

const component = fc.stringMatching(/^[a-z0-9]{1,6}((\.|_|__|-{1,2})[a-z0-9]{1,4}){0,2}$/);
const host = fc.oneof(
  fc.constantFrom('docker.io', 'index.docker.io', 'registry-1.docker.io', 'localhost', 'localhost:5000', '127.0.0.1:5000', 'gcr.io', 'Ghcr.IO', '[::1]:5000'),
  fc.tuple(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}[a-z0-9]$/), fc.constantFrom('.io', '.example.com', '.pkg.dev'))
    .map(([label, suffix]) => label + suffix),
);
const digest = fc.stringMatching(/^[0-9a-f]{64}$/).map((hex) => `sha256:${hex}`);
const reference = fc
  .record({
    host: fc.option(host),
    path: fc.array(component, { minLength: 1, maxLength: 4 }),
    tag: fc.option(ociTag()),
    digest: fc.option(digest),
  })
  // Without a host, a first component that looks like one (`a.b/c`) is a host: that is another reference.
  .filter((r) => r.host !== null || !isRegistryHost(r.path[0]))
  .map((r) => `${r.host === null ? '' : `${r.host}/`}${r.path.join('/')}${r.tag === null ? '' : `:${r.tag}`}${r.digest === null ? '' : `@${r.digest}`}`);

describe('property: image references', () => {
  // Found by this property: `docker.io/my.org/app` was formatted as `my.org/app`, which names the host my.org.
  it('parse -> format -> parse gives the same reference, and format is stable', () => {
    fc.assert(
      fc.property(reference, (text) => {
        const ref = parseImageRef(text);
        const formatted = formatImageRef(ref);
        expect(parseImageRef(formatted)).toEqual(ref);
        expect(formatImageRef(parseImageRef(formatted))).toBe(formatted);
      }),
      PROPERTY_RUNS,
    );
  });

  it('the tag and digest written are the tag and digest parsed', () => {
    fc.assert(
      fc.property(reference, ociTag(), digest, (text, tag, dgst) => {
        const base = formatImageRef({ ...parseImageRef(text), tag: undefined, digest: undefined });
        const ref = parseImageRef(`${base}:${tag}@${dgst}`);
        expect(ref.tag).toBe(tag);
        expect(ref.digest).toBe(dgst);
      }),
      PROPERTY_RUNS,
    );
  });

  it('any string either parses or throws BadImageRefError naming the input', () => {
    const text = fc.oneof(fc.string({ maxLength: 40 }), fc.string({ unit: fc.constantFrom('a', '/', ':', '@', '.', '-', '_', 'A', '1', ' '), maxLength: 30 }));
    fc.assert(
      fc.property(text, (input) => {
        try {
          parseImageRef(input);
        } catch (error) {
          expect(error).toBeInstanceOf(BadImageRefError);
          expect((error as BadImageRefError).input).toBe(input);
        }
      }),
      PROPERTY_RUNS,
    );
  });
});
