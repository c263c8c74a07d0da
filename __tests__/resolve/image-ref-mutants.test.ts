/**
 * image-ref edge cases (issue 13): the exact message of each rejection, Docker Hub names that hold a
 * dot, a digest with no name, and updaterName for a host that starts like docker.io.
 */
import { describe, it, expect } from 'vitest';
import { BadImageRefError, parseImageRef, updaterName } from '../../src/resolve/image-ref.js';

const D1 = `sha256:${'1'.repeat(64)}`;

describe('parseImageRef rejections name the input and the reason', () => {
  const cases: { input: string; message: string }[] = [
    { input: '  ', message: '"  " is not an image reference: it is empty' },
    { input: 'app@sha256:xyz', message: '"app@sha256:xyz" is not an image reference: bad digest "sha256:xyz"' },
    { input: 'app:-x', message: '"app:-x" is not an image reference: bad tag "-x"' },
    { input: 'bad_host.io/app', message: '"bad_host.io/app" is not an image reference: bad registry host "bad_host.io"' },
    { input: 'gcr.io/App', message: '"gcr.io/App" is not an image reference: bad repository name "App" (lower-case letters, digits and . _ - only)' },
    { input: `@${D1}`, message: `"@${D1}" is not an image reference: bad repository name "library/" (lower-case letters, digits and . _ - only)` },
  ];
  for (const c of cases) {
    it(c.input, () => {
      let error: unknown;
      try {
        parseImageRef(c.input);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(BadImageRefError);
      expect({ name: (error as Error).name, message: (error as Error).message, input: (error as BadImageRefError).input }).toStrictEqual({ name: 'BadImageRefError', message: c.message, input: c.input });
    });
  }
});

describe('parseImageRef names', () => {
  it('a one-component name with a dot is a Docker Hub library image, with no tag or digest keys', () => {
    expect(parseImageRef('my.app')).toStrictEqual({ registry: 'docker.io', repository: 'library/my.app' });
  });
});

describe('updaterName', () => {
  it('a registry whose host starts with docker.io is not Docker Hub', () => {
    const text = 'docker.io.example.com/team/app';
    expect(updaterName(text, parseImageRef(text))).toBe('docker.io.example.com/team/app');
  });
});
