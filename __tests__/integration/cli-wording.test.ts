/**
 * The CLI speaks of flags, never of action inputs (issue 10): bad settings through the built CLI (node dist/cli.js).
 * The action's side is in action.test.ts ("a bad input fails the step with a message that names the input").
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './fixture-repo.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'aip-cli-wording-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args], { encoding: 'utf8', cwd: dir, env: { PATH: process.env.PATH, HOME: dir, METADATA_SERVER_DETECTION: 'none' } });
  return { code: result.status, stderr: result.stderr };
}

describe('CLI errors name flags', () => {
  it.each([
    [['plan', '--path', '.', '--tag', '1.2.3'], '--tag is set without --image: a tag belongs to the image just pushed. Pass --image the repository the tag was pushed to, or leave --tag out.'],
    [['plan', '--path', '.', '--image', 'gcr.io/p/web:1.2'], '--image is "gcr.io/p/web:1.2", which carries a tag; it names a repository. Pass --image gcr.io/p/web and put the tag in --tag.'],
    [['plan', '--path', '.', '--shard', '5/4'], '--shard is "5/4", which is not i/n'],
    [['plan', '--path', '.', '--registry-timeout', 'soon'], '--registry-timeout is "soon", which is not a number of seconds.'],
    [['plan', '--path', '.', '--registries-config', 'no-such-registries.conf'], '--registries-config names the file no-such-registries.conf, which cannot be read (ENOENT).'],
    [['apply', '--repository', 'acme/gitops', '--mode', 'commit'], 'needs a repository and a token; GITHUB_TOKEN is missing.'],
  ])('%j', (args, message) => {
    const result = cli(...args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).not.toMatch(/\binput\b/);
  });
});
