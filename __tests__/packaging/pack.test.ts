/**
 * Packaging (issue 10): the npm package is LICENSE + action.yml + README + a self-contained dist/ (bundles, and the
 * licenses of the third-party code they hold), it has no runtime dependencies, and the packed tarball runs on its own.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../../test-support/temp-dir.js';
import { ROOT } from '../integration/fixture-repo.js';
import { VERSION } from '../../src/version.js';

const NPM_ENV = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false', NODE_DISABLE_COMPILE_CACHE: '1' };
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));

function npm(args: string[], cwd: string): string {
  // npm_execpath is the npm CLI that runs this test (npm test); otherwise the npm beside this node.
  const npmCli = process.env.npm_execpath ?? join(process.execPath, '../../lib/node_modules/npm/bin/npm-cli.js');
  return execFileSync(process.execPath, [npmCli, ...args], { cwd, env: NPM_ENV, encoding: 'utf8' });
}

function build(outdir = 'dist'): string {
  return execFileSync(process.execPath, [join(ROOT, 'scripts/build.mjs'), outdir], { cwd: ROOT, encoding: 'utf8' });
}

describe('npm package', () => {
  let unpacked: string;
  beforeAll(() => {
    const dir = tempDir('aip-pack-');
    const packed = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], ROOT));
    execFileSync('tar', ['-xzf', join(dir, packed[0].filename), '-C', dir]);
    unpacked = join(dir, 'package');
  }, 120_000);

  it('ships LICENSE, README, action.yml, the bundles and the third-party licenses, and nothing else', () => {
    const files = (JSON.parse(npm(['pack', '--dry-run', '--json', '--ignore-scripts'], ROOT))[0].files as { path: string }[]).map((f) => f.path).sort();
    expect(files).toEqual(['LICENSE', 'README.md', 'action.yml', 'dist/cli.js', 'dist/index.js', 'dist/licenses.txt', 'package.json']);
    expect(readFileSync(join(unpacked, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} argocd-image-promoter contributors\n/);
  });

  it('has no runtime dependencies, since dist/ bundles them', () => {
    expect(manifest.dependencies ?? {}).toEqual({});
    expect(manifest.peerDependencies ?? {}).toEqual({});
    expect(manifest.optionalDependencies ?? {}).toEqual({});
  });

  it('runs from the extracted tarball alone: --version and --help', () => {
    expect(existsSync(join(unpacked, 'node_modules'))).toBe(false);
    const run = (arg: string) => execFileSync(process.execPath, [join(unpacked, 'dist/cli.js'), arg], { cwd: unpacked, encoding: 'utf8', env: { ...process.env, METADATA_SERVER_DETECTION: 'none' } });
    expect(run('--version').trim()).toBe(VERSION);
    expect(run('--help')).toMatch(/Usage: argocd-image-promoter/);
  });

  it('says which Node it needs: the Node 24 that CI tests and the action runs', () => {
    expect(manifest.engines).toEqual({ node: '>=24' });
    expect(readFileSync(join(ROOT, 'action.yml'), 'utf8')).toMatch(/^\s+using: node24$/m);
  });

  it('lists every bundled package with its license text, sorted, and a rebuild writes the same bytes', () => {
    const licenses = readFileSync(join(unpacked, 'dist/licenses.txt'), 'utf8');
    const names = [...licenses.matchAll(/^-{72}\n(.+)@[^@\n]+\nLicense: (.+)\n\n\s*\S/gm)].map((m) => m[1]);
    // Every package the source imports is bundled, so its license must be listed.
    for (const dependency of ['@actions/core', '@octokit/rest', 'commander', 'diff', 'google-auth-library', 'p-limit', 'p-retry', 're2js', 'yaml']) {
      expect(names).toContain(dependency);
    }
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    expect(licenses).toContain('data-uri-to-buffer@'); // no LICENSE file: its README's License section is used
    const rebuilt = join(tempDir('aip-rebuild-'), 'dist');
    build(rebuilt);
    expect(readFileSync(join(rebuilt, 'licenses.txt'), 'utf8')).toBe(licenses);
  }, 120_000);
});
