import { afterEach, describe, expect, it } from 'vitest';
import { startFakeGitHub } from '../../test-support/fake-github/harness.js';
import type { FakeGitHub } from '../../test-support/fake-github/index.js';
import type { GitHubClient } from '../../src/publish/octokit.js';

let fake: FakeGitHub | undefined;
afterEach(async () => fake?.stop());

async function setup(): Promise<GitHubClient> {
  const started = await startFakeGitHub({ 'a.yaml': 'a: 1\n' });
  fake = started.fake;
  return started.octokit;
}

describe('fake GitHub records what the descriptions do not allow', () => {
  const cases = [
    { name: 'undocumented body field', send: (o: GitHubClient) => o.request('POST /repos/{owner}/{repo}/pulls', { owner: 'acme', repo: 'gitops', head: 'x', base: 'main', title: 't', colour: 'red' }), want: /pulls\/create request: body: undocumented field colour/ },
    { name: 'wrong body type', send: (o: GitHubClient) => o.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', { owner: 'acme', repo: 'gitops', ref: 'heads/main', sha: 'abc', force: 'no' as unknown as boolean }), want: /git\/update-ref request: body: \/force must be boolean/ },
    { name: 'route that does not exist', send: (o: GitHubClient) => o.request('GET /repos/{owner}/{repo}/nonsense', { owner: 'acme', repo: 'gitops' }), want: /no such operation/ },
    { name: 'invalid GraphQL document', send: (o: GitHubClient) => o.graphql('query { repository(owner: "acme", name: "gitops") { nosuchfield } }'), want: /graphql: Cannot query field "nosuchfield"/ },
    { name: 'operation the fake does not implement', send: (o: GitHubClient) => o.request('GET /repos/{owner}/{repo}/branches', { owner: 'acme', repo: 'gitops' }), want: /repos\/list-branches: the fake does not implement/ },
  ];
  it.each(cases)('$name', async ({ send, want }) => {
    const octokit = await setup();
    await send(octokit).catch(() => undefined);
    expect(fake!.violations.join('\n')).toMatch(want);
  });

  it('accepts a valid request and answers with a schema-valid body', async () => {
    const octokit = await setup();
    const ref = await octokit.rest.git.getRef({ owner: 'acme', repo: 'gitops', ref: 'heads/main' });
    expect(ref.data.object.sha).toBe(fake!.repo.refs.get('heads/main'));
    expect(fake!.violations).toEqual([]);
    expect(fake!.requests).toEqual([{ method: 'GET', path: '/repos/acme/gitops/git/ref/heads%2Fmain', operation: 'git/get-ref', status: 200 }]);
  });

  it('refuses a non-fast-forward ref update unless forced', async () => {
    const octokit = await setup();
    const first = fake!.repo.refs.get('heads/main')!;
    fake!.repo.commitFiles('main', { 'b.yaml': 'b: 2\n' });
    const back = await octokit.rest.git.updateRef({ owner: 'acme', repo: 'gitops', ref: 'heads/main', sha: first, force: false }).catch((e: { status: number; message: string }) => e);
    expect(back).toMatchObject({ status: 422, message: expect.stringContaining('Update is not a fast forward') });
    await octokit.rest.git.updateRef({ owner: 'acme', repo: 'gitops', ref: 'heads/main', sha: first, force: true });
    expect(fake!.repo.refs.get('heads/main')).toBe(first);
    expect(fake!.violations).toEqual([]);
  });
});

describe('fake GitHub: closed pull requests reopen only while their branch was not force-pushed', () => {
  it('reopens after a fast-forward push, refuses after a force-push with GitHub\'s message', async () => {
    const octokit = await setup();
    const repo = { owner: 'acme', repo: 'gitops' };
    const main = fake!.repo.refs.get('heads/main')!;
    await octokit.rest.git.createRef({ ...repo, ref: 'refs/heads/topic', sha: main });
    fake!.repo.commitFiles('topic', { 'b.yaml': 'b: 1\n' });
    const { data: pr } = await octokit.rest.pulls.create({ ...repo, head: 'topic', base: 'main', title: 't' });
    await octokit.rest.pulls.update({ ...repo, pull_number: pr.number, state: 'closed' });
    fake!.repo.commitFiles('topic', { 'b.yaml': 'b: 2\n' }); // fast-forward
    expect((await octokit.rest.pulls.update({ ...repo, pull_number: pr.number, state: 'open' })).data.state).toBe('open');
    await octokit.rest.pulls.update({ ...repo, pull_number: pr.number, state: 'closed' });
    await octokit.rest.git.updateRef({ ...repo, ref: 'heads/topic', sha: main, force: true });
    const refused = await octokit.rest.pulls.update({ ...repo, pull_number: pr.number, state: 'open' }).catch((e: { status: number; response: { data: { errors: { message: string }[] } } }) => e);
    expect(refused).toMatchObject({ status: 422, response: { data: { errors: [{ field: 'state', message: 'state cannot be changed. The topic branch was force-pushed or recreated.' }] } } });
    expect(fake!.repo.pulls[0]!.state).toBe('closed');
    expect(fake!.violations).toEqual([]);
  });
});
