import { describe, expect, it } from 'vitest';
import { parseConfig, parseList } from '../../src/config/config.js';
import { ConfigError, toUserMessage } from '../../src/errors.js';

const reader = (inputs: Record<string, string>) => (name: string) => inputs[name] ?? '';

describe('parseConfig', () => {
  it('applies the documented defaults', () => {
    const config = parseConfig(reader({}));
    expect(config).toMatchObject({ mode: 'pull-request', dryRun: false, allowDowngrade: false, mergeMethod: 'squash', draft: false, applications: [] });
    expect(config.repository).toBeUndefined();
  });

  it('reads every kind of input', () => {
    const config = parseConfig(reader({
      repository: 'acme/gitops',
      image: 'asia.gcr.io/acme/web',
      applications: 'web-*\napi-*, jobs',
      mode: 'auto-merge',
      'dry-run': 'true',
      'commit-author': 'Deploy Bot <bot@example.com>',
      labels: 'deploy,prod',
    }));
    expect(config.repository).toEqual({ owner: 'acme', repo: 'gitops' });
    expect(config.image).toEqual({ registry: 'asia.gcr.io', repository: 'acme/web' });
    expect(config.applications).toEqual(['web-*', 'api-*', 'jobs']);
    expect(config.mode).toBe('auto-merge');
    expect(config.dryRun).toBe(true);
    expect(config.commitAuthor).toEqual({ name: 'Deploy Bot', email: 'bot@example.com' });
    expect(config.labels).toEqual(['deploy', 'prod']);
  });

  const bad: { name: string; inputs: Record<string, string>; message: RegExp }[] = [
    // Booleans accept only true/false: "ture" is a typo, not false.
    { name: 'boolean typo', inputs: { 'dry-run': 'ture' }, message: /dry-run.*not a boolean/ },
    // YAML 1.1 spellings are not accepted either.
    { name: 'yes is not a boolean', inputs: { draft: 'yes' }, message: /draft/ },
    { name: 'unknown mode', inputs: { mode: 'push' }, message: /mode.*push/ },
    { name: 'repository without owner', inputs: { repository: 'gitops' }, message: /owner\/name/ },
    { name: 'image with upper case', inputs: { image: 'asia.gcr.io/Acme/web' }, message: /image/ },
    { name: 'author without email', inputs: { 'commit-author': 'bot' }, message: /commit-author/ },
    { name: 'unknown merge method', inputs: { 'merge-method': 'fast-forward' }, message: /merge-method/ },
    // A rollback names the application, the alias and the tag together.
    { name: 'rollback without a tag', inputs: { 'rollback-application': 'web', 'rollback-alias': 'web' }, message: /rollback-application, rollback-alias and rollback-tag together/ },
  ];
  it.each(bad)('rejects $name', ({ inputs, message }) => {
    expect(() => parseConfig(reader(inputs))).toThrow(ConfigError);
    expect(() => parseConfig(reader(inputs))).toThrow(message);
  });

  it('reads a rollback request', () => {
    expect(parseConfig(reader({ 'rollback-application': 'web-prod', 'rollback-alias': 'web', 'rollback-tag': '1.4.1' })).rollback).toEqual({ application: 'web-prod', alias: 'web', tag: '1.4.1' });
  });

  it('uses defaults only for empty inputs', () => {
    expect(parseConfig(reader({}), { mode: 'files' }).mode).toBe('files');
    expect(parseConfig(reader({ mode: 'commit' }), { mode: 'files' }).mode).toBe('commit');
  });
});

describe('parseList', () => {
  it.each([
    ['', []],
    ['a', ['a']],
    [' a , b ,,c ', ['a', 'b', 'c']],
    ['a\nb\r\nc', ['a', 'b', 'c']],
  ])('%j', (input, expected) => {
    expect(parseList(input)).toEqual(expected);
  });
});

describe('contradictory image and tag inputs (issue 10: nothing matched is news)', () => {
  const read = (values: Record<string, string>) => (name: string) => values[name] ?? '';
  it('tag without image is an error', () => {
    expect(() => parseConfig(read({ tag: '1.2.3' }))).toThrow(/input 'tag' is set without 'image'/);
  });
  it('an image carrying a tag or a digest is an error naming the repository to use', () => {
    expect(() => parseConfig(read({ image: 'gcr.io/p/web:1.2' }))).toThrow(/input 'image' is "gcr.io\/p\/web:1.2", which carries a tag/);
    expect(() => parseConfig(read({ image: `gcr.io/p/web@sha256:${'a'.repeat(64)}` }))).toThrow(/carries a digest/);
  });
});

describe('surface-aware wording (issue 10): the action names inputs, the CLI flags; one place decides', () => {
  const cases: { name: string; values: Record<string, string>; action: string; cli: string }[] = [
    { name: 'tag without image', values: { tag: '1.2.3' }, action: "input 'tag' is set without 'image'", cli: '--tag is set without --image' },
    { name: 'image with a tag', values: { image: 'gcr.io/p/web:1.2' }, action: "Set 'image' to gcr.io/p/web and put the tag in 'tag'", cli: 'Pass --image gcr.io/p/web and put the tag in --tag' },
    { name: 'a bad boolean', values: { 'dry-run': 'ture' }, action: `input 'dry-run' is "ture", which is not a boolean. Set 'dry-run' to true or false.`, cli: '--dry-run is "ture", which is not a boolean. Pass --dry-run true or false.' },
    { name: 'a bad mode', values: { mode: 'fils' }, action: `input 'mode' is "fils"`, cli: '--mode is "fils"' },
    { name: 'a bad shard', values: { shard: '5/4' }, action: `input 'shard' is "5/4"`, cli: '--shard is "5/4"' },
    { name: 'a bad registry timeout', values: { 'registry-timeout': 'x' }, action: `input 'registry-timeout' is "x"`, cli: '--registry-timeout is "x"' },
    { name: 'an incomplete rollback', values: { 'rollback-application': 'web' }, action: 'needs rollback-application, rollback-alias and rollback-tag together', cli: 'needs --application, --alias and --tag together' },
  ];
  it.each(cases)('$name', ({ values, action, cli }) => {
    const message = (surface: 'action' | 'cli') => {
      try {
        parseConfig(reader(values), {}, surface);
      } catch (error) {
        return toUserMessage(error);
      }
      throw new Error('parseConfig accepted it');
    };
    expect(message('action')).toContain(action);
    expect(message('cli')).toContain(cli);
    expect(message('cli')).not.toMatch(/\binput\b/);
    expect(message('action')).not.toContain('--');
  });
});
