/** End to end: the built CLI (node dist/cli.js) plans and applies the fixture repo against a real docker-registry. */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { EXPECTED_UPDATES, git, ROOT, startFixture, type Fixture } from './fixture-repo.js';

const CLI = join(ROOT, 'dist/cli.js');

function cli(fixture: Fixture, ...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args, '--path', fixture.repo, '--registries-config', fixture.registriesConf, '--docker-config', '{"auths":{}}'], {
    encoding: 'utf8',
    env: { ...process.env, METADATA_SERVER_DETECTION: 'none' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function byApplication<T extends { application: string }>(entries: T[]): T[] {
  return [...entries].sort((a, b) => a.application.localeCompare(b.application));
}

describe.skipIf(!hasDockerRegistry())('CLI end to end against docker-registry', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await startFixture();
  });
  afterAll(() => fixture?.cleanup());

  it('plan --json reports the updates, the broken Application and the skipped one, and writes nothing', () => {
    const result = cli(fixture, 'plan', '--json');
    expect(result.code).toBe(1); // one Application failed
    const report = JSON.parse(result.stdout);
    expect(byApplication(report.updates)).toMatchObject(EXPECTED_UPDATES.map((u) => ({ ...u, mode: 'files' }))); // the CLI's files mode covers every Application
    expect(report.errors).toEqual([expect.objectContaining({ application: 'broken', file: 'argocd/apps.yaml' })]);
    expect(report.errors[0].message).toMatch(/~>1\.x\.y/);
    expect(report.skipped).toEqual([expect.objectContaining({ application: 'legacy', reason: expect.stringMatching(/argocd/) })]);
    expect(git(fixture.repo, 'status', '--porcelain')).toBe('');
  });

  it('plan --diff prints the unified diff of each file it would change', () => {
    const result = cli(fixture, 'plan', '--diff', '--applications', 'api');
    expect(result.stdout).toContain('--- a/apps/api/values.yaml\n+++ b/apps/api/values.yaml\n');
    expect(result.stdout).toContain('-  tag: "2.0.1"   # bumped by argocd-image-promoter\n+  tag: "2.0.5"   # bumped by argocd-image-promoter\n');
  });

  it('apply edits exactly the planned values, and a second apply changes nothing', () => {
    const first = cli(fixture, 'apply', '--json');
    expect(first.code).toBe(1);
    expect(JSON.parse(first.stdout)['files-changed'].sort()).toEqual(EXPECTED_UPDATES.map((u) => u.file).sort());
    expect(git(fixture.repo, 'diff', '--numstat').trim().split('\n').sort()).toEqual([
      '1\t1\tapps/api/values.yaml',
      '1\t1\tapps/web/overlays/prod/kustomization.yaml',
      '1\t1\tapps/worker/deployment.yaml',
    ]);
    const diff = git(fixture.repo, 'diff', '-U0');
    expect(diff).toContain('-  tag: "2.0.1"   # bumped by argocd-image-promoter\n+  tag: "2.0.5"   # bumped by argocd-image-promoter');
    expect(diff).toContain('-    newTag: 1.0.0\n+    newTag: 1.2.0');
    expect(diff).toContain('-          image: registry.example.test/team/worker:a0\n+          image: registry.example.test/team/worker:a1');
    expect(readFileSync(join(fixture.repo, 'apps/web/overlays/dev/.argocd-source-web-dev.yaml'), 'utf8')).toBe(
      'kustomize:\n  images:\n  - registry.example.test/team/web-dev:def5678\n',
    );

    const second = cli(fixture, 'apply', '--json');
    const report = JSON.parse(second.stdout);
    expect(report.updates).toEqual([]);
    expect(report['files-changed']).toEqual([]);
  });

  it('choose --image asks the registry, platform by platform', () => {
    const choose = (...extra: string[]) => {
      const result = spawnSync(process.execPath, [CLI, 'choose', '--json', '--image', 'registry.example.test/team/worker', '--strategy', 'newest-build', '--registries-config', fixture.registriesConf, ...extra], { encoding: 'utf8' });
      expect(result.status).toBe(0);
      return JSON.parse(result.stdout);
    };
    expect(choose()).toMatchObject({ tag: 'a1', update: true, considered: 3, eligible: 2 });
    expect(choose('--platforms', 'linux/arm64')).toMatchObject({ tag: 'b2', considered: 3, eligible: 2 });
    expect(choose('--current', 'a1')).toMatchObject({ tag: 'a1', update: false });
    expect(choose().digest).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('rollback sets the tag back and ignores the replaced tag, so the next plan leaves it there', () => {
    const result = cli(fixture, 'rollback', '--application', 'web-prod', '--alias', 'web', '--tag', '1.1.0', '--json');
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).updates).toEqual([expect.objectContaining({ application: 'web-prod', from: '1.2.0', to: '1.1.0', mode: 'files' })]);
    const diff = git(fixture.repo, 'diff', '-U0', '--', 'apps/web/overlays/prod/kustomization.yaml', 'argocd/apps.yaml');
    expect(diff).toContain('-    newTag: 1.0.0\n+    newTag: 1.1.0'); // git HEAD still has the fixture's 1.0.0; apply had made it 1.2.0
    expect(diff).toContain('-    argocd-image-updater.argoproj.io/web.ignore-tags: latest\n+    argocd-image-updater.argoproj.io/web.ignore-tags: latest,1.2.0');
    const plan = JSON.parse(cli(fixture, 'plan', '--json', '--applications', 'web-prod').stdout);
    expect(plan.updates).toEqual([]);
  });

  it('plan prints a table on a terminal-less stdout without --json', () => {
    const result = cli(fixture, 'plan');
    expect(result.stdout).toMatch(/^APPLICATION\s+ALIAS/);
    expect(result.stdout).toMatch(/FAILED/);
  });
});
