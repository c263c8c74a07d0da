/**
 * Issue 12 through the CLI on a git checkout (node dist/cli.js, real docker-registry): soak is measured from the
 * commit that put staging's tag there (commits dated with GIT_COMMITTER_DATE, "now" the machine's clock), and a
 * tag that is only in the working tree is not promoted.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDockerRegistry, startDockerRegistry, type DockerRegistry } from '../../test-support/docker-registry.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { application, kustomization } from '../promote/chain-fixture.js';
import { ROOT } from './fixture-repo.js';

const P = 'image-promoter.argoproj.io/';
const IMAGE = 'registry.example.test/team/web';
const HOUR = 3600_000;

function commitAll(repo: string, message: string, hoursAgo: number): string {
  const date = new Date(Date.now() - hoursAgo * HOUR).toISOString();
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' };
  execFileSync('git', ['add', '-A'], { cwd: repo, env });
  execFileSync('git', ['commit', '-qm', message], { cwd: repo, env });
  return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
}

function write(repo: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(repo, path, '..'), { recursive: true });
    writeFileSync(join(repo, path), text);
  }
}

describe.skipIf(!hasDockerRegistry())('promote-after through the CLI on a git checkout', () => {
  let registry: DockerRegistry;
  let repo = '';
  let registriesConf = '';
  let introduced = '';

  beforeAll(async () => {
    registry = await startDockerRegistry();
    for (const tag of ['1.0.0', '1.1.0', '1.2.0']) await registry.pushImage('team/web', tag, { created: '2026-01-01T00:00:00Z' });
    const dir = tempDir('aip-chain-cli-');
    registriesConf = join(dir, 'registries.conf');
    writeFileSync(registriesConf, `registries:\n- name: test registry\n  prefix: registry.example.test\n  api_url: ${registry.url}\n`);
    repo = join(dir, 'repo');
    mkdirSync(repo);
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
    const follow = (after: string) => ({ tag: '1.0.0', image: IMAGE, annotations: { [`${P}web.promote-from`]: 'web-staging', [`${P}web.promote-after`]: after } });
    write(repo, {
      'apps/web-staging.yaml': application('web-staging', { tag: '1.0.0', image: IMAGE, constraint: '1.0.0' }),
      'apps/web-prod.yaml': application('web-prod', follow('24h')),
      'apps/web-prod-eu.yaml': application('web-prod-eu', follow('48h')),
      'envs/web-staging/kustomization.yaml': kustomization({ tag: '1.0.0', image: IMAGE }),
      'envs/web-prod/kustomization.yaml': kustomization({ tag: '1.0.0', image: IMAGE }),
      'envs/web-prod-eu/kustomization.yaml': kustomization({ tag: '1.0.0', image: IMAGE }),
    });
    commitAll(repo, 'three environments at 1.0.0', 100);
    write(repo, { 'envs/web-staging/kustomization.yaml': kustomization({ tag: '1.1.0', image: IMAGE }) });
    introduced = commitAll(repo, 'staging runs 1.1.0', 30);
    // A later commit that does not touch staging's file, and one that touches it without changing the tag.
    write(repo, { 'README.md': 'gitops\n' });
    commitAll(repo, 'docs', 10);
    write(repo, { 'envs/web-staging/kustomization.yaml': `# staging\n${kustomization({ tag: '1.1.0', image: IMAGE })}` });
    commitAll(repo, 'comment staging', 5);
  }, 120_000);

  afterAll(async () => registry?.stop());

  const cli = (...args: string[]) => {
    const result = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args, '--path', repo, '--registries-config', registriesConf, '--docker-config', '{"auths":{}}', '--json'], { encoding: 'utf8', env: { ...process.env, METADATA_SERVER_DETECTION: 'none' } });
    return { code: result.status, report: JSON.parse(result.stdout) as { updates: Record<string, unknown>[]; skipped: Record<string, unknown>[]; errors: unknown[] }, stderr: result.stderr };
  };

  it('plan: prod (24h) is promoted, soaked 30 h since the commit that put 1.1.0 there; prod-eu (48h) waits', () => {
    const { code, report } = cli('plan');
    expect(code).toBe(0);
    expect(report.errors).toEqual([]);
    expect(report.updates.filter((u) => u.application === 'web-prod')).toEqual([expect.objectContaining({ from: '1.0.0', to: '1.1.0', promotedFrom: expect.stringMatching(new RegExp(`^in web-staging/web since \\S+ \\(${introduced.slice(0, 7)}\\), soaked 30 h$`)) })]);
    expect(report.skipped.filter((s) => s.application === 'web-prod-eu')).toEqual([expect.objectContaining({ reason: expect.stringMatching(new RegExp(`^1\\.1\\.0 is in web-staging/web since \\S+ \\(${introduced.slice(0, 7)}\\), soaked 30 h; promote-after 48h waits (?:17 h 59 min|18 h) more$`)) })]);
  });

  it('a tag only in the working tree is not promoted; apply writes the soaked one', () => {
    const stagingFile = join(repo, 'envs/web-staging/kustomization.yaml');
    const committed = readFileSync(stagingFile, 'utf8');
    writeFileSync(stagingFile, kustomization({ tag: '1.2.0', image: IMAGE }));
    const dirty = cli('plan');
    expect(dirty.report.skipped.filter((s) => s.application === 'web-prod')).toEqual([expect.objectContaining({ reason: 'web-staging/web runs 1.2.0 in envs/web-staging/kustomization.yaml, but no commit holds it yet; commit it first' })]);
    writeFileSync(stagingFile, committed);
    const applied = cli('apply');
    expect(applied.code).toBe(0);
    expect(readFileSync(join(repo, 'envs/web-prod/kustomization.yaml'), 'utf8')).toBe(kustomization({ tag: '1.1.0', image: IMAGE }));
    expect(readFileSync(join(repo, 'envs/web-prod-eu/kustomization.yaml'), 'utf8')).toBe(kustomization({ tag: '1.0.0', image: IMAGE }));
  });
});
