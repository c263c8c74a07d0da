/**
 * The two history readers of promote-after / promote-gates (issue 12): git on a checkout (commits dated with
 * GIT_COMMITTER_DATE) and one GraphQL request per file against the fake GitHub (dated by its clock, checks
 * reported through the REST API as CI does).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { gitHistory } from '../../src/promote/git-history.js';
import { githubChecks, githubHistory } from '../../src/promote/github-history.js';
import { promotionAccess } from '../../src/promote/access.js';
import { startFakeGitHub } from '../../test-support/fake-github/harness.js';
import type { FakeGitHub } from '../../test-support/fake-github/server.js';
import { tempDir } from '../../test-support/temp-dir.js';

function commit(root: string, file: string, text: string, date: string): string {
  mkdirSync(join(root, file, '..'), { recursive: true });
  writeFileSync(join(root, file), text);
  const env = { ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' };
  execFileSync('git', ['add', '-A'], { cwd: root, env });
  execFileSync('git', ['commit', '-q', '-m', `set ${text.trim()}`], { cwd: root, env });
  return execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
}

describe('gitHistory on a checkout', () => {
  const root = tempDir('aip-git-history-');
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: root });
  const first = commit(root, 'gitops/envs/staging/values.yaml', 'tag: 1.0.0\n', '2026-11-20T10:00:00Z');
  commit(root, 'gitops/other.yaml', 'x: 1\n', '2026-11-21T10:00:00Z');
  const second = commit(root, 'gitops/envs/staging/values.yaml', 'tag: 1.1.0\n', '2026-11-26T10:00:00Z');

  it('lists the commits that changed the file, newest first, with committer dates and the text at each; now is the clock', async () => {
    const access = await gitHistory({ root: join(root, 'gitops'), clock: () => new Date('2026-11-28T10:00:00Z') });
    const history = await access!.history('envs/staging/values.yaml', { withChecks: false });
    expect(history).toEqual({
      versions: [
        { sha: second, date: new Date('2026-11-26T10:00:00Z'), text: 'tag: 1.1.0\n' },
        { sha: first, date: new Date('2026-11-20T10:00:00Z'), text: 'tag: 1.0.0\n' },
      ],
      complete: true,
      now: new Date('2026-11-28T10:00:00Z'),
    });
    expect(access!.checks).toBeUndefined();
  });

  it('follows the first parent: a merge is where a branch\'s value reached the checked-out branch', async () => {
    const env = (date: string) => ({ ...process.env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' });
    execFileSync('git', ['checkout', '-q', '-b', 'bump'], { cwd: root });
    const onBranch = commit(root, 'gitops/envs/staging/values.yaml', 'tag: 1.2.0\n', '2026-11-21T00:00:00Z');
    execFileSync('git', ['checkout', '-q', 'main'], { cwd: root });
    execFileSync('git', ['merge', '-q', '--no-ff', '-m', 'merge bump', 'bump'], { cwd: root, env: env('2026-11-27T00:00:00Z') });
    const merge = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
    const access = await gitHistory({ root });
    const history = await access!.history('gitops/envs/staging/values.yaml', { withChecks: false });
    expect(history.versions.map((v) => [v.sha, v.date.toISOString(), v.text])).toEqual([
      [merge, '2026-11-27T00:00:00.000Z', 'tag: 1.2.0\n'],
      [second, '2026-11-26T10:00:00.000Z', 'tag: 1.1.0\n'],
      [first, '2026-11-20T10:00:00.000Z', 'tag: 1.0.0\n'],
    ]);
    expect(history.versions.map((v) => v.sha)).not.toContain(onBranch);
  });

  it('a file no commit holds has an empty history', async () => {
    const access = await gitHistory({ root });
    expect((await access!.history('gitops/none.yaml', { withChecks: false })).versions).toEqual([]);
  });

  it('a directory outside any git repository has no history reader', async () => {
    expect(await gitHistory({ root: tempDir('aip-no-git-') })).toBeUndefined();
  });
});

describe('githubHistory through the API', () => {
  let fake: FakeGitHub | undefined;
  afterAll(async () => fake?.stop());

  it('reads history, texts and checks of a file in one GraphQL request; now is GitHub\'s clock', async () => {
    const started = await startFakeGitHub({ 'envs/staging/values.yaml': 'tag: 1.0.0\n' });
    fake = started.fake;
    const { octokit } = started;
    fake.setClock(new Date('2026-11-26T10:00:00Z'));
    const introduced = fake.repo.commitFiles('main', { 'envs/staging/values.yaml': 'tag: 1.1.0\n' }, 'staging 1.1.0');
    fake.setClock(new Date('2026-11-27T10:00:00Z'));
    const later = fake.repo.commitFiles('main', { 'other.yaml': 'x: 1\n' }, 'unrelated');
    await octokit.rest.checks.create({ owner: 'acme', repo: 'gitops', name: 'smoke', head_sha: introduced, status: 'completed', conclusion: 'failure' });
    await octokit.rest.repos.createCommitStatus({ owner: 'acme', repo: 'gitops', sha: introduced, state: 'success', context: 'ci/build' });
    await octokit.rest.checks.create({ owner: 'acme', repo: 'gitops', name: 'e2e', head_sha: introduced, status: 'in_progress' });
    fake.setClock(new Date('2026-11-28T12:00:00Z'));
    const before = fake.requests.length;
    const history = await githubHistory(octokit, { owner: 'acme', repo: 'gitops', sha: later }).history('envs/staging/values.yaml', { withChecks: true });
    expect(fake.requests.slice(before).map((r) => r.operation)).toEqual(['graphql']);
    expect(fake.violations).toEqual([]);
    expect(history.now).toEqual(new Date('2026-11-28T12:00:00Z'));
    expect(history.complete).toBe(true);
    expect(history.versions.map((v) => [v.sha, v.date.toISOString(), v.text, v.url])).toEqual([
      [introduced, '2026-11-26T10:00:01.000Z', 'tag: 1.1.0\n', `https://github.example/acme/gitops/commit/${introduced}`],
      [expect.any(String), expect.any(String), 'tag: 1.0.0\n', expect.any(String)],
    ]);
    expect(history.versions[0].checks).toEqual([
      { name: 'smoke', state: 'failure' },
      { name: 'ci/build', state: 'success' },
      { name: 'e2e', state: 'pending' },
    ]);
    // A merge commit (not squash) lists the merged branch's commit too, and says what its first parent held.
    fake.setClock(new Date('2026-11-28T13:00:00Z'));
    fake.repo.refs.set('heads/bump', fake.repo.refs.get('heads/main')!);
    const branchCommit = fake.repo.commitFiles('bump', { 'envs/staging/values.yaml': 'tag: 1.2.0\n' }, 'bump');
    const pull = (await octokit.rest.pulls.create({ owner: 'acme', repo: 'gitops', head: 'bump', base: 'main', title: 'bump' })).data;
    fake.setClock(new Date('2026-11-29T13:00:00Z'));
    const merged = (await octokit.rest.pulls.merge({ owner: 'acme', repo: 'gitops', pull_number: pull.number, merge_method: 'merge' })).data.sha;
    const afterMerge = await githubHistory(octokit, { owner: 'acme', repo: 'gitops', sha: merged }).history('envs/staging/values.yaml', { withChecks: false });
    expect(afterMerge.versions.slice(0, 2).map((v) => [v.sha, v.text, v.merge])).toEqual([
      [merged, 'tag: 1.2.0\n', { firstParentText: 'tag: 1.1.0\n' }],
      [branchCommit, 'tag: 1.2.0\n', undefined],
    ]);
    // A checkout's commit pushed to GitHub: its checks in one request, also through the run's access for a checkout.
    const counted = fake.requests.length;
    expect(await githubChecks(octokit, { owner: 'acme', repo: 'gitops' })(introduced)).toEqual(history.versions[0].checks);
    expect(fake.requests.length - counted).toBe(1);
    const root = tempDir('aip-checkout-');
    execFileSync('git', ['init', '-q'], { cwd: root });
    const checkout = promotionAccess({ kind: 'checkout', root, github: async () => ({ octokit, owner: 'acme', repo: 'gitops' }) });
    expect(await checkout.checks!(introduced)).toEqual(history.versions[0].checks);
    await expect(githubChecks(octokit, { owner: 'acme', repo: 'gitops' })('f'.repeat(40))).rejects.toThrow(/reading the checks of commit fffffff \(is it pushed\?\)/);
    expect(fake.violations).toEqual([]);
  });
});
