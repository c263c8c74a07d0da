import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { decodeLossless, encodeLossless } from '../../src/edit/lossless-text.js';
import { readRepoSnapshot } from '../../src/publish/read-snapshot.js';
import { PublishError } from '../../src/errors.js';
import { readFixtureDir, startFakeGitHub } from '../../test-support/fake-github/harness.js';
import type { FakeGitHub } from '../../test-support/fake-github/index.js';

const FIXTURE = readFixtureDir(join(import.meta.dirname, '../../__fixtures__/github/gitops'));
let fake: FakeGitHub | undefined;

afterEach(async () => {
  // Every request the code sent must have matched the OpenAPI / GraphQL descriptions.
  expect(fake!.violations).toEqual([]);
  expect(fake!.requests.length).toBeGreaterThan(0);
  await fake!.stop();
});

describe('readRepoSnapshot', () => {
  it('reads every YAML file at one commit in 3 requests and skips other files', async () => {
    const started = await startFakeGitHub(FIXTURE);
    fake = started.fake;
    const snap = await readRepoSnapshot(started.octokit, { owner: 'acme', repo: 'gitops', branch: 'main' });
    expect(snap.sha).toBe(fake.repo.refs.get('heads/main'));
    expect(snap.files.list()).toEqual(['apps/base.yaml', 'apps/dev/kustomization.yaml', 'apps/prod/kustomization.yaml', 'apps/staging/kustomization.yml']);
    expect(snap.files.read('apps/staging/kustomization.yml')).toBe(FIXTURE['apps/staging/kustomization.yml']);
    expect(snap.files.read('README.md')).toBeUndefined();
    // Issue 14 item 1: what was not read is known, so no write-back target is "created" over it.
    expect(snap.files.unread?.('README.md')).toBe('it is not a YAML file');
    expect(snap.files.unread?.('apps')).toBe('it is a directory');
    expect(snap.files.unread?.('apps/new.yaml')).toBeUndefined();
    expect([snap.files.hasDirectory?.('apps/dev'), snap.files.hasDirectory?.('apps/nope')]).toEqual([true, false]);
    expect(fake.requests.map((r) => r.operation)).toEqual(['git/get-ref', 'git/get-tree', 'graphql']);
  });

  it('reads a file holding bytes that are not UTF-8 as its bytes, with one extra request for it alone (issue 14 item 5)', async () => {
    const bytes = Buffer.from('# r\xe9gl\xe9 \xe0 la main\nimage:\n  tag: "1.0"\n', 'latin1');
    const started = await startFakeGitHub({ 'apps/latin1.yaml': decodeLossless(bytes), 'apps/plain.yaml': 'tag: "2.0" # café\n' });
    fake = started.fake;
    const snap = await readRepoSnapshot(started.octokit, { owner: 'acme', repo: 'gitops', branch: 'main' });
    expect(encodeLossless(snap.files.read('apps/latin1.yaml')!)).toEqual(bytes);
    expect(snap.files.read('apps/plain.yaml')).toBe('tag: "2.0" # café\n');
    expect(fake.requests.map((r) => r.operation)).toEqual(['git/get-ref', 'git/get-tree', 'graphql', 'git/get-blob']);
  });

  it('reads 300 files in the same 3 requests', async () => {
    const many: Record<string, string> = {};
    for (let i = 0; i < 300; i++) many[`apps/app-${i}/values.yaml`] = `image:\n  tag: "1.${i}.0"\n`;
    const started = await startFakeGitHub(many);
    fake = started.fake;
    const snap = await readRepoSnapshot(started.octokit, { owner: 'acme', repo: 'gitops', branch: 'main' });
    expect(snap.files.list().length).toBe(300);
    expect(snap.files.read('apps/app-299/values.yaml')).toBe('image:\n  tag: "1.299.0"\n');
    expect(fake.requests.length).toBe(3);
  });

  it('reads JSON files up to 1 MiB too (ApplicationSet git files generators), not bigger ones', async () => {
    const started = await startFakeGitHub({ 'clusters/east/config.json': '{"image": {"tag": "1.0.0"}}\n', 'dashboards/big.json': `{"p": "${'x'.repeat(1024 * 1024)}"}`, 'a.yaml': 'a: 1\n' });
    fake = started.fake;
    const snap = await readRepoSnapshot(started.octokit, { owner: 'acme', repo: 'gitops', branch: 'main' });
    expect(snap.files.list()).toEqual(['a.yaml', 'clusters/east/config.json']);
    expect(snap.files.read('clusters/east/config.json')).toBe('{"image": {"tag": "1.0.0"}}\n');
  });

  const refusals = [
    { name: 'missing base branch', branch: 'nope', maxBytes: undefined, message: /branch nope does not exist/, fix: /base-branch/ },
    { name: 'size cap', branch: 'main', maxBytes: 100, message: /more than the 100 bytes/, fix: /actions\/checkout/ },
  ];
  it.each(refusals)('refuses with a clear error: $name', async ({ branch, maxBytes, message, fix }) => {
    const started = await startFakeGitHub(FIXTURE);
    fake = started.fake;
    const error = await readRepoSnapshot(started.octokit, { owner: 'acme', repo: 'gitops', branch, maxBytes }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).message).toMatch(message);
    expect((error as PublishError).fix).toMatch(fix);
  });
});
