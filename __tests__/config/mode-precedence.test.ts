import { describe, expect, it } from 'vitest';
import { effectiveMode, overrideNote } from '../../src/config/mode-precedence.js';

describe('mode precedence (action and CLI alike)', () => {
  it('mode not set: the annotation decides, else pull-request', () => {
    expect(effectiveMode('commit', 'pull-request', false)).toBe('commit');
    expect(effectiveMode(undefined, 'pull-request', false)).toBe('pull-request');
  });

  it('mode set: the stricter wins, so pull-request never becomes a direct commit', () => {
    expect(effectiveMode('commit', 'pull-request', true)).toBe('pull-request');
    expect(effectiveMode('commit', 'auto-merge', true)).toBe('auto-merge');
    expect(effectiveMode('pull-request', 'commit', true)).toBe('pull-request');
    expect(effectiveMode('auto-merge', 'pull-request', true)).toBe('pull-request');
    expect(effectiveMode(undefined, 'commit', true)).toBe('commit');
  });

  it('mode files set: every Application is written to the working tree', () => {
    expect(effectiveMode('commit', 'files', true)).toBe('files');
    expect(effectiveMode('auto-merge', 'files', true)).toBe('files');
  });

  it('says when an annotation was overruled, and only then', () => {
    expect(overrideNote('commit', 'pull-request', true)).toBe('publish-mode annotation says commit, but this run was asked for mode pull-request, which is stricter; its changes are published as pull-request');
    expect(overrideNote('pull-request', 'commit', true)).toBeUndefined();
    expect(overrideNote('commit', 'pull-request', false)).toBeUndefined();
    expect(overrideNote(undefined, 'files', true)).toBeUndefined();
  });
});
