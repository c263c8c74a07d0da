/** The temp-dir leak guard (issue 14 item 7): a run whose tests leave anything in the temp dir fails. */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import setup from '../../test-support/tmpdir-guard.js';

describe('tmpdir-guard', () => {
  it('gives the run a private temp dir that the workers use', () => {
    expect(tmpdir()).toMatch(/aip-test-run-/);
  });

  it('fails the run, naming what a test left behind', () => {
    const outer = tmpdir();
    const teardown = setup();
    expect(tmpdir()).not.toBe(outer);
    mkdtempSync(join(tmpdir(), 'leaky-'));
    expect(teardown).toThrow(/tests left 1 entries in the temp dir .*: leaky-/);
    expect(tmpdir()).toBe(outer);
  });

  it('passes when everything was removed, and ignores tool caches (tsx)', () => {
    const teardown = setup();
    mkdirSync(join(tmpdir(), 'tsx-0'));
    expect(teardown).not.toThrow();
  });
});
