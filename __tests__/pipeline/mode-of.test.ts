import { describe, expect, it } from 'vitest';
import { modeOf } from '../../src/pipeline.js';
import { app, config, image } from '../support/builders.js';

describe('modeOf', () => {
  const withBranch = (gitBranch: string | undefined, mode?: 'commit' | 'pull-request') => {
    const base = config(app(), [image('asia.gcr.io/acme/web')]);
    return { ...base, writeBack: { method: 'git', gitBranch }, publish: { ...base.publish, mode } };
  };
  it.each([
    // [git-branch, the Application's mode, the mode input, forced, expected]
    [undefined, undefined, 'pull-request', undefined, 'pull-request'],
    [undefined, 'commit', 'pull-request', undefined, 'commit'],
    ['main:release', 'commit', 'pull-request', undefined, 'commit'],
    ['main:image-updater-{{.SHA256}}', 'commit', 'pull-request', undefined, 'pull-request'], // a branch per change set: a PR
    [undefined, 'commit', 'pull-request', 'files', 'files'], // the CLI's --mode files wins
  ] as const)('git-branch %s, mode %s, input %s, forced %s -> %s', (gitBranch, mode, input, forceMode, expected) => {
    expect(modeOf(withBranch(gitBranch, mode), { mode: input, forceMode })).toBe(expected);
  });
});
