/** End to end on real-world repo layouts: the built CLI (node dist/cli.js) against a real docker-registry. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { cli, copyRepo, git, startFixture, type Fixture } from './fixture-repo.js';

let fixture: Fixture;
beforeAll(async () => {
  if (hasDockerRegistry()) fixture = await startFixture('__fixtures__/layouts/per-cluster');
});
afterAll(() => fixture?.cleanup());

describe.skipIf(!hasDockerRegistry())('one folder per cluster: the same Application name in several files', () => {
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
    git(fixture.repo, 'checkout', '--', '.');
  });
});

describe.skipIf(!hasDockerRegistry())('nothing matched is news', () => {
  it('--paths reads only the chosen folders', () => {
    const result = cli(fixture, 'plan', '--json', '--path', fixture.repo, '--paths', 'argocd-apps/prod,argocd-apps/staging');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).updates.map((u: { application: string }) => u.application)).toEqual(['web (argocd-apps/prod/web.yaml)', 'web (argocd-apps/staging/web.yaml)']);
  });

  it('an image no Application tracks is a warning on stderr and in the JSON, exit 0', () => {
    const result = cli(fixture, 'plan', '--json', '--path', fixture.repo, '--image', 'registry.example.test/team/wbe');
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.updates).toEqual([]);
    const line = 'image registry.example.test/team/wbe: no Application tracks it (6 images of 6 Applications checked); nothing to do.';
    expect(report.warnings).toEqual([{ message: expect.stringContaining(line) }]);
    expect(result.stderr).toContain(`warning: ${line}`);
  });

  it('an applications glob that matches nothing is said in the table, naming the flag', () => {
    const result = cli(fixture, 'plan', '--path', fixture.repo, '--applications', 'wbe');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('warning: --applications: "wbe" matches no Application (found: web, blue, green).');
    const paths = cli(fixture, 'plan', '--path', fixture.repo, '--paths', 'argocd-apps,nowhere', '--applications', 'nothing');
    expect(paths.stdout).toContain('warning: --paths: "nowhere" matches no file of the repository.');
  });

  it('a repo whose Applications are templates says no Application was found', () => {
    const result = cli(fixture, 'plan', '--path', copyRepo(fixture, '__fixtures__/layouts/templates-only', 'templates-only'));
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/warning: no Argo CD Application \(argoproj.io\/v1alpha1\) was found in the 1 YAML files read/);
  });
});

describe.skipIf(!hasDockerRegistry())('rollback in a repo with one folder per cluster', () => {
  it('the bare name is refused (exit 2) listing the copies by their report names; a report name picks one', () => {
    const bare = cli(fixture, 'rollback', '--path', fixture.repo, '--application', 'web', '--alias', 'web', '--tag', '0.9.0', '--dry-run', '--json');
    expect(bare.code).toBe(2);
    expect(bare.stderr).toContain("more than one Application is named web: 'web (argocd-apps/prod/web.yaml)' (argocd-apps/prod/web.yaml:3)");
    expect(bare.stderr).toContain("Give --application the name the report uses for the one to roll back, e.g. 'web (argocd-apps/prod/web.yaml)'; or narrow the files read with --paths.");
    const one = cli(fixture, 'rollback', '--path', fixture.repo, '--application', 'web (argocd-apps/staging/web.yaml)', '--alias', 'web', '--tag', '0.9.0', '--dry-run', '--json');
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout).updates).toEqual([expect.objectContaining({ application: 'web (argocd-apps/staging/web.yaml)', to: '0.9.0', file: 'envs/staging/kustomization.yaml' })]);
    const narrowed = cli(fixture, 'rollback', '--path', fixture.repo, '--paths', 'argocd-apps/prod', '--application', 'web', '--alias', 'web', '--tag', '0.9.0', '--dry-run', '--json');
    expect(JSON.parse(narrowed.stdout).updates).toEqual([expect.objectContaining({ application: 'web', file: 'envs/prod/kustomization.yaml' })]);
    expect(git(fixture.repo, 'status', '--porcelain')).toBe('');
  });
});
