/**
 * Issue 14 (write safety) through the built CLI, one hostile repo under __fixtures__/hostile/ per case:
 * the run never replaces a file it did not read, never writes outside the source directory or the repo,
 * isolates an unwritable target to its Application, keeps every byte it does not edit, and reports it all.
 */
import { chmodSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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

  it('never replaces a file the reader skipped: non-YAML, over the size cap, under .git/, a directory (issue 14 item 1)', () => {
    const repo = hostile.copyCase('unread-targets');
    const big = `# ${'x'.repeat(80)}\n`.repeat(6 * 1024 * 1024 / 83) + 'image:\n  tag: 1.0.0\n';
    writeFileSync(join(repo, 'apps/big/big.yaml'), big);
    mkdirSync(join(repo, '.git'));
    writeFileSync(join(repo, '.git/config'), '[core]\n\tbare = false\n');
    const before = { readme: readFileSync(join(repo, 'README.md'), 'utf8'), config: readFileSync(join(repo, '.git/config'), 'utf8') };
    for (const command of ['plan', 'apply']) {
      const result = hostile.cli(repo, command, '--json');
      expect(result.code, result.stderr).toBe(1);
      const report = result.json();
      expect(report.updates.map((u) => u.application)).toEqual(['good']);
      const errors = Object.fromEntries(report.errors.map((e) => [e.application, e]));
      expect(Object.keys(errors).sort()).toEqual(['', 'git-config', 'oversized', 'readme', 'target-is-dir']);
      expect(errors['']).toMatchObject({ file: 'apps/big/big.yaml', message: expect.stringMatching(/file not read/) }); // the reader's own report
      expect(errors.readme).toMatchObject({ file: 'argocd.yaml', message: expect.stringMatching(/refusing to write "README.md": it is not a YAML file/) });
      expect(errors.oversized.message).toMatch(/refusing to write "apps\/big\/big.yaml": it is \d+ bytes, over the \d+-byte limit/);
      expect(errors['git-config'].message).toMatch(/refusing to write "\.git\/config": it is inside \.git\//);
      expect(errors['target-is-dir'].message).toMatch(/refusing to write "apps\/dir.yaml": it is a directory/);
    }
    const rollback = hostile.cli(repo, 'rollback', '--application', 'readme', '--alias', 'app', '--tag', '1.0.0', '--json');
    expect(rollback.code).toBe(1);
    expect(rollback.stderr).toMatch(/Application readme.*refusing to write "README.md": it is not a YAML file/);
    expect(readFileSync(join(repo, 'README.md'), 'utf8')).toBe(before.readme);
    expect(readFileSync(join(repo, '.git/config'), 'utf8')).toBe(before.config);
    expect(readFileSync(join(repo, 'apps/big/big.yaml'), 'utf8')).toBe(big);
    expect(readFileSync(join(repo, 'apps/good/values.yaml'), 'utf8')).toContain('tag: 1.1.0');
  });

  it('a target in a directory that does not exist is an error naming the path and its source; a missing override file is created (issue 10)', () => {
    const repo = hostile.copyCase('missing-dir');
    const result = hostile.cli(repo, 'apply', '--json');
    expect(result.code, result.stderr).toBe(1);
    const report = result.json();
    expect(report['files-changed']).toEqual(['apps/app/.argocd-source-override.yaml']);
    const errors = Object.fromEntries(report.errors.map((e) => [e.application, e.message]));
    expect(errors['typo-target']).toMatch(/the directory "apps\/ap" of write-back target "apps\/ap\/values.yaml" \(from write-back-target "helmvalues:..\/ap\/values.yaml" with source path "apps\/app"\) does not exist/);
    expect(errors['gone-source']).toMatch(/the directory "apps\/gone" of write-back target "apps\/gone\/.argocd-source-gone-source.yaml" \(from the Application's source path "apps\/gone"\) does not exist/);
    expect(readFileSync(join(repo, 'apps/app/.argocd-source-override.yaml'), 'utf8')).toContain('1.1.0');
  });

  it('keeps every byte it does not edit: a Latin-1 comment stays Latin-1 (issue 14 item 5)', () => {
    const repo = hostile.copyCase('latin1');
    const before = readFileSync(join(repo, 'apps/app/values.yaml'));
    const result = hostile.cli(repo, 'apply', '--json');
    expect(result.code, result.stderr).toBe(0);
    expect(result.json()['files-changed']).toEqual(['apps/app/values.yaml']);
    const after = readFileSync(join(repo, 'apps/app/values.yaml'));
    expect(after.toString('latin1')).toBe(before.toString('latin1').replace('tag: 1.0.0', 'tag: 1.1.0'));
    expect(after.includes(Buffer.from('\ufffd', 'utf8'))).toBe(false);
  });

  it('Application names Kubernetes would reject are errors; the default target stays in the source directory (issue 14 item 2)', () => {
    const repo = hostile.copyCase('bad-names');
    const result = hostile.cli(repo, 'apply', '--json');
    expect(result.code, result.stderr).toBe(1);
    const report = result.json();
    expect(report['files-changed']).toEqual(['apps/good/values.yaml']);
    expect(report.updates.map((u) => u.application)).toEqual(['good']);
    expect(report.errors).toEqual([
      { application: 'x/../../../apps/good/values', file: 'argocd.yaml', line: 6, message: expect.stringMatching(/metadata.name "x\/..\/..\/..\/apps\/good\/values" is not a DNS-1123 subdomain/) },
      { application: 'Good', file: 'argocd.yaml', line: 20, message: expect.stringMatching(/metadata.name "Good" is not a DNS-1123 subdomain/) },
      { application: 'ns-escape', file: 'argocd.yaml', line: 35, message: expect.stringMatching(/metadata.namespace "..\/..\/apps\/good" is not a DNS-1123 label/) },
    ]);
    expect(readFileSync(join(repo, 'apps/good/values.yaml'), 'utf8')).toBe('image:\n  name: registry.example.test/team/app\n  tag: 1.1.0\n');
  });

  it('one unwritable target fails only its Application; the others are written and the report printed (issue 14 item 3)', () => {
    const repo = hostile.copyCase('unwritable');
    const outside = { file: join(dirname(repo), 'outside.yaml'), dir: join(dirname(repo), 'outside-dir') };
    const values = 'image:\n  name: registry.example.test/team/app\n  tag: 1.0.0\n';
    writeFileSync(outside.file, values);
    mkdirSync(outside.dir, { recursive: true });
    writeFileSync(join(outside.dir, 'values.yaml'), values);
    chmodSync(join(repo, 'apps/ro'), 0o555);
    // root writes into a read-only directory anyway: then the CLI runs as nobody, as on a runner.
    const run = (command: string) => (process.getuid?.() === 0 ? hostile.cliAsNobody(repo, command, '--json') : hostile.cli(repo, command, '--json'));
    try {
      for (const command of ['plan', 'apply']) {
        const result = run(command);
        expect(result.code, result.stderr).toBe(1);
        const report = result.json();
        expect(report.updates.map((u) => u.application)).toEqual(['good']);
        const errors = Object.fromEntries(report.errors.map((e) => [e.application, e.message]));
        expect(errors).toEqual({
          '': expect.stringMatching(/^apps\/out\/values.yaml: file not read: it is a symlink that leads outside the repository Replace the link with the file itself/), // the reader's own report
          'dir-target': expect.stringMatching(/Application dir-target.*refusing to write "apps\/dir\/values.yaml": it is a directory/),
          dangling: expect.stringMatching(/Application dangling.*refusing to write "apps\/dangling\/values.yaml": it is a dangling symlink/),
          'link-out': expect.stringMatching(/Application link-out.*refusing to write "apps\/out\/values.yaml": it is a symlink that leads outside the repository/),
          'link-out-dir': expect.stringMatching(/Application link-out-dir.*its directory "apps\/outdir" is a symlink that leads outside the repository/),
          'read-only': expect.stringMatching(/Application read-only.*refusing to write apps\/ro\/values.yaml: its directory "apps\/ro" is not writable/),
        });
      }
      expect(readFileSync(join(repo, 'apps/good/values.yaml'), 'utf8')).toContain('tag: 1.1.0');
      expect(readFileSync(join(repo, 'apps/ro/values.yaml'), 'utf8')).toContain('tag: 1.0.0');
      expect([readFileSync(outside.file, 'utf8'), readFileSync(join(outside.dir, 'values.yaml'), 'utf8')]).toEqual([values, values]);
    } finally {
      chmodSync(join(repo, 'apps/ro'), 0o755);
    }
  });

  it('a cache file that cannot be saved is a warning: the run stands, no temp file is left (issue 14 item 6)', () => {
    const repo = hostile.copyCase('config-warnings');
    const cacheDir = join(dirname(repo), 'cache-is-a-dir');
    mkdirSync(cacheDir);
    const result = hostile.cli(repo, 'apply', '--json', '--cache-file', cacheDir);
    expect(result.code, result.stderr).toBe(0);
    const report = result.json();
    expect(report['files-changed']).toEqual(['apps/app/values.yaml']);
    expect(report.warnings).toContainEqual({ message: expect.stringMatching(/^the metadata cache could not be saved \(.*\); the run's result stands/) });
    expect(result.stderr).toMatch(/warning: the metadata cache could not be saved/);
    expect(readFileSync(join(repo, 'apps/app/values.yaml'), 'utf8')).toContain('tag: 1.1.0');
    expect(readdirSync(dirname(repo)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('errors point at a repo file and line and name the Application: deep nesting, a bad pull-secret (issue 14 item 14)', () => {
    const repo = hostile.copyCase('messages');
    const result = hostile.cli(repo, 'plan', '--json');
    expect(result.code, result.stderr).toBe(1);
    const report = result.json();
    expect(report.updates.map((u) => u.application)).toEqual(['plain']);
    expect(report.errors).toEqual([
      { application: 'deep', file: 'deep.yaml', line: 15, message: expect.stringMatching(/^deep.yaml:15, Application deep: YAML nests too deeply to read/) },
      { application: 'bad-secret', alias: 'app', file: 'argocd.yaml', line: 12, message: expect.stringMatching(/^argocd.yaml:12, Application bad-secret: pull-secret annotation: "nonsense:..." is not a credential reference/) },
    ]);
  });
});
