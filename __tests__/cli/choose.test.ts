import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadVectors, type Vector } from '../support/aiu-vectors.js';
import { runCli } from './helpers.js';


const vectors = loadVectors();
const dir = mkdtempSync(join(tmpdir(), 'aip-choose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function chooseArgs(v: Vector): string[] {
  const tagsFile = join(dir, `${v.id}.json`);
  writeFileSync(tagsFile, JSON.stringify(v.tags));
  const args = ['choose', '--json', '--tags-file', tagsFile, '--strategy', v.strategy, '--current', v.current];
  if (v.constraint) args.push('--constraint', v.constraint);
  if (v.allowTags) args.push('--allow-tags', v.allowTags);
  if (v.ignoreTags.length > 0) args.push('--ignore-tags', v.ignoreTags.join(','));
  if (v.tagSortMode) args.push('--tag-sort-mode', v.tagSortMode);
  return args;
}

describe('choose --tags-file gives the updater answers from the command line', () => {
  it.each(vectors)('$id', async (v) => {
    const result = await runCli(chooseArgs(v));
    if (v.expectError) {
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toMatch(/argocd-image-promoter: .+/);
      return;
    }
    expect(result.stderr).not.toMatch(/argocd-image-promoter:/);
    expect(result.code).toBe(0);
    const printed = JSON.parse(result.stdout);
    expect(printed.tag).toBe(v.expect);
    expect(printed.update).toBe(v.expectUpdate);
    if (v.expectDigest !== undefined) expect(printed.digest).toBe(v.expectDigest);
    expect(Object.keys(printed)).toEqual(['tag', 'digest', 'update', 'considered', 'eligible']);
  });
});

describe('choose: bad invocations exit 2', () => {
  const cases: { name: string; args: string[]; message: RegExp }[] = [
    { name: 'neither --image nor --tags-file', args: ['choose', '--strategy', 'semver'], message: /exactly one of --image and --tags-file/ },
    { name: 'digest without a tag to track', args: ['choose', '--strategy', 'digest', '--tags-file', '/dev/null'], message: /digest/i },
    { name: 'bad tag sort mode', args: ['choose', '--tag-sort-mode', 'newest', '--tags-file', '/dev/null'], message: /tag-sort-mode/ },
    { name: 'unknown flag', args: ['choose', '--stratgy', 'semver'], message: /unknown option/ },
  ];
  it.each(cases)('$name', async ({ args, message }) => {
    const result = await runCli(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
  });

  it('counts considered and eligible tags', async () => {
    const tagsFile = join(dir, 'counts.json');
    writeFileSync(tagsFile, JSON.stringify(['1.0.0', '1.1.0', 'latest', '2.0.0-rc1']));
    const result = await runCli(['choose', '--json', '--tags-file', tagsFile, '--ignore-tags', 'latest', '--current', '1.0.0']);
    expect(JSON.parse(result.stdout)).toEqual({ tag: '1.1.0', digest: null, update: true, considered: 4, eligible: 2 });
  });
});
