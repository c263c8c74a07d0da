import { describe, it, expect } from 'vitest';
import { BadImageRefError, formatImageRef, imageName, parseImageRef, sameRepository, tryParseImageRef } from '../../src/resolve/image-ref.js';

describe('parseImageRef', () => {
  const cases: { input: string; expected: object }[] = [
    { input: 'nginx', expected: { registry: 'docker.io', repository: 'library/nginx' } },
    { input: 'nginx:1.25', expected: { registry: 'docker.io', repository: 'library/nginx', tag: '1.25' } },
    { input: 'docker.io/nginx', expected: { registry: 'docker.io', repository: 'library/nginx' } },
    { input: 'index.docker.io/bitnami/redis:7', expected: { registry: 'docker.io', repository: 'bitnami/redis', tag: '7' } },
    { input: 'asia.gcr.io/acme-prod/web:1.4.2', expected: { registry: 'asia.gcr.io', repository: 'acme-prod/web', tag: '1.4.2' } },
    { input: 'localhost:5000/app', expected: { registry: 'localhost:5000', repository: 'app' } },
    { input: 'localhost/app:v1', expected: { registry: 'localhost', repository: 'app', tag: 'v1' } },
    { input: 'europe-docker.pkg.dev/p/r/img:latest', expected: { registry: 'europe-docker.pkg.dev', repository: 'p/r/img', tag: 'latest' } },
    {
      input: `ghcr.io/org/app:1.0@sha256:${'a'.repeat(64)}`,
      expected: { registry: 'ghcr.io', repository: 'org/app', tag: '1.0', digest: `sha256:${'a'.repeat(64)}` },
    },
    { input: `quay.io/org/app@sha256:${'b'.repeat(64)}`, expected: { registry: 'quay.io', repository: 'org/app', digest: `sha256:${'b'.repeat(64)}` } },
    { input: '  nginx  ', expected: { registry: 'docker.io', repository: 'library/nginx' } },
  ];
  for (const { input, expected } of cases) {
    it(`parses ${JSON.stringify(input)}`, () => {
      expect(parseImageRef(input)).toEqual(expected);
    });
  }

  const bad: { input: string; why: string }[] = [
    { input: '', why: 'empty' },
    { input: 'Nginx', why: 'upper-case repository' },
    { input: 'nginx:^1.0', why: 'a constraint is not a tag' },
    { input: 'nginx@sha256:abc', why: 'digest too short' },
    { input: 'gcr.io/proj//app', why: 'empty path component' },
  ];
  for (const { input, why } of bad) {
    it(`rejects ${JSON.stringify(input)} (${why})`, () => {
      expect(() => parseImageRef(input)).toThrow(BadImageRefError);
      expect(tryParseImageRef(input)).toBeUndefined();
    });
  }
});

describe('imageName / formatImageRef / sameRepository', () => {
  const names: { input: string; name: string; formatted: string }[] = [
    { input: 'nginx:1', name: 'nginx', formatted: 'nginx:1' },
    { input: 'docker.io/bitnami/redis', name: 'bitnami/redis', formatted: 'bitnami/redis' },
    { input: 'gcr.io/p/app:2@sha256:' + 'c'.repeat(64), name: 'gcr.io/p/app', formatted: 'gcr.io/p/app:2@sha256:' + 'c'.repeat(64) },

    // Bug found by the round-trip property: without its host, `my.org/app` names the registry my.org.
    { input: 'docker.io/my.org/app:1', name: 'docker.io/my.org/app', formatted: 'docker.io/my.org/app:1' },
    { input: 'index.docker.io/localhost/app', name: 'docker.io/localhost/app', formatted: 'docker.io/localhost/app' },
  ];
  for (const { input, name, formatted } of names) {
    it(`renders ${input}`, () => {
      const ref = parseImageRef(input);
      expect(imageName(ref)).toBe(name);
      expect(formatImageRef(ref)).toBe(formatted);
    });
  }

  const pairs: { a: string; b: string; same: boolean }[] = [
    { a: 'nginx', b: 'docker.io/library/nginx:1', same: true },
    { a: 'GCR.io/p/app', b: 'gcr.io/p/app', same: true },
    { a: 'gcr.io/p/app', b: 'asia.gcr.io/p/app', same: false },
    { a: 'gcr.io/p/app', b: 'gcr.io/p/app2', same: false },
  ];
  for (const { a, b, same } of pairs) {
    it(`${a} vs ${b}`, () => {
      expect(sameRepository(parseImageRef(a), parseImageRef(b))).toBe(same);
    });
  }
});
