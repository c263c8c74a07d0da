/**
 * Issue 14 (write safety) through the built CLI, one hostile repo under __fixtures__/hostile/ per case:
 * the run never replaces a file it did not read, never writes outside the source directory or the repo,
 * isolates an unwritable target to its Application, keeps every byte it does not edit, and reports it all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { startHostile, type HostileRegistry } from './hostile-repo.js';

describe.skipIf(!hasDockerRegistry())('hostile repos through the CLI', () => {
  let hostile: HostileRegistry;
  beforeAll(async () => {
    hostile = await startHostile();
  });
  afterAll(() => hostile?.cleanup());

  it('--json carries configuration warnings (issue 14 item 13)', () => {
    const repo = hostile.copyCase('config-warnings');
    const result = hostile.cli(repo, 'plan', '--json');
    expect(result.code).toBe(0);
    expect(result.json().warnings).toEqual([
      { message: expect.stringMatching(/^app: image app: update-strategy "latest" is a deprecated name; write "newest-build"/), file: 'argocd.yaml', line: 4 },
    ]);
  });
});
