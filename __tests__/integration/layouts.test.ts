/** End to end on real-world repo layouts: the built CLI (node dist/cli.js) against a real docker-registry. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { cli, git, ROOT, startFixture, type Fixture } from './fixture-repo.js';

describe.skipIf(!hasDockerRegistry())('one folder per cluster: the same Application name in several files', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT });
    fixture = await startFixture('__fixtures__/layouts/per-cluster');
  });
  afterAll(() => fixture?.cleanup());

  it('apply updates each copy on its own, refuses the copies that write one line differently with one error, writes neither', () => {
    const result = cli(fixture, 'apply', '--json', '--path', fixture.repo);
    expect(result.code).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.updates.map((u: { application: string; to: string; file: string }) => [u.application, u.to, u.file])).toEqual([
      ['web (argocd-apps/prod/web.yaml)', '1.1.0', 'envs/prod/kustomization.yaml'],
      ['web (argocd-apps/staging/web.yaml)', '1.2.0', 'envs/staging/kustomization.yaml'],
    ]);
    expect(report.errors).toEqual([
      {
        application: 'web (argocd-apps/qa-east/web.yaml)',
        alias: 'web',
        message: expect.stringContaining(
          'Applications web (argocd-apps/qa-east/web.yaml) and web (argocd-apps/qa-west/web.yaml) both write envs/qa/values.yaml:4 (web (argocd-apps/qa-east/web.yaml) wants 1.1.0, web (argocd-apps/qa-west/web.yaml) wants 1.2.0); neither is written',
        ),
        file: 'envs/qa/values.yaml',
        line: 4,
      },
      {
        application: 'blue',
        alias: 'web',
        message: expect.stringContaining('Applications blue and green both write teams/values.yaml:3 (blue wants 1.1.0, green wants 1.2.0); neither is written'),
        file: 'teams/values.yaml',
        line: 3,
      },
    ]);
    expect(git(fixture.repo, 'status', '--porcelain').split('\n').filter(Boolean).sort()).toEqual([' M envs/prod/kustomization.yaml', ' M envs/staging/kustomization.yaml']);
    expect(readFileSync(join(fixture.repo, 'envs/prod/kustomization.yaml'), 'utf8')).toContain('newTag: 1.1.0');
  });
});
