/**
 * The pull request half of publishGroups on the paths people's decisions open, against the fake GitHub: a failed
 * listing, auto-merge of a pull request left as it is, a declined change, and people's commits whose files are unknown.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DRAFT_REASON } from '../../src/publish/automerge.js';
import { publishGroups } from '../../src/publish/publish.js';
import { HEAD_MARKER, recordOf, withRecord } from '../../src/publish/pr-record.js';
import { readRepoSnapshot } from '../../src/publish/read-snapshot.js';
import type { GitHubClient } from '../../src/publish/octokit.js';
import type { PublishGroup, PublishOptions } from '../../src/publish/types.js';
import { fakeGitHubEach } from '../../test-support/fake-github/each.js';
import { planGroups, readFixtureDir, type Want } from '../../test-support/fake-github/harness.js';

const FIXTURE = readFixtureDir(join(import.meta.dirname, '../../__fixtures__/github/gitops'));
const PROD = 'apps/prod/kustomization.yaml';
const BRANCH = 'image-promoter/prod-web';
const github = fakeGitHubEach();
const want = (to: string, mode: Want['mode'] = 'pull-request'): Want => ({ key: 'prod-web', app: 'prod-web', mode, file: PROD, to });

/** run plans the wants on main as it is now (groups adjusted by `edit`) and publishes them. */
async function run(octokit: GitHubClient, wants: Want[], edit: (g: PublishGroup) => PublishGroup = (g) => g, options: Partial<PublishOptions> = {}) {
  const snapshot = await readRepoSnapshot(octokit, { owner: 'acme', repo: 'gitops', branch: 'main' });
  const groups = planGroups(snapshot.files, wants).map(edit);
  return publishGroups({ octokit }, { owner: 'acme', repo: 'gitops', baseBranch: 'main', snapshot, groups, replan: (s) => planGroups(s.files, wants).map(edit), options });
}

/** decline closes pull request `number` as a person does (not merged, not by us). */
function decline(number: number): void {
  const repo = github.fake().repo;
  repo.closePull(repo.pulls.find((p) => p.number === number)!);
}

describe('publishPullRequestGroups', () => {
  it('records every pull request group as failed when our pull requests cannot be listed', async () => {
    const octokit = await github.start(FIXTURE);
    github.fake().inject({ operation: 'pulls/list', reply: { status: 404, body: { message: 'Not Found' }, assumed: true } });
    const result = await run(octokit, [want('1.1.0')]);
    expect(result.failures.map((f) => [f.key, f.applications, f.error.message])).toEqual([['prod-web', ['prod-web'], 'listing pull requests in acme/gitops failed (HTTP 404: Not Found).']]);
  });

  it('reports the auto-merge state of an auto-merge pull request it leaves as it is', async () => {
    const octokit = await github.start(FIXTURE);
    await run(octokit, [want('1.1.0', 'auto-merge')]);
    const armed = await run(octokit, [want('1.1.0', 'auto-merge')]);
    expect(armed.pullRequests.map((p) => [p.operation, p.autoMerge, p.autoMergeReason])).toEqual([['unchanged', 'enabled', undefined]]);
    github.fake().repo.pulls[0]!.autoMerge = null;
    const disarmed = await run(octokit, [want('1.1.0', 'auto-merge')]);
    expect(disarmed.pullRequests.map((p) => [p.autoMerge, p.autoMergeReason])).toEqual([
      ['not-enabled', 'auto-merge is not armed on this pull request (GitHub refused it when it was opened, or a person disabled it)'],
    ]);
  });

  it('says a draft is why an auto-merge pull request left as it is is not armed', async () => {
    const octokit = await github.start(FIXTURE);
    const draft = (g: PublishGroup) => ({ ...g, draft: true });
    const opened = await run(octokit, [want('1.1.0', 'auto-merge')], draft);
    expect(opened.pullRequests.map((p) => [p.autoMerge, p.autoMergeReason])).toEqual([['not-enabled', DRAFT_REASON]]);
    expect(opened.notes).toContain(`#1: ${DRAFT_REASON}`);
    const again = await run(octokit, [want('1.1.0', 'auto-merge')], draft);
    expect(again.pullRequests.map((p) => [p.operation, p.autoMergeReason])).toEqual([['unchanged', DRAFT_REASON]]);
  });
});

describe('publishPullRequestGroups: a declined change', () => {
  it('is not proposed again: its changes are withheld, naming every Application and the pull request', async () => {
    const octokit = await github.start(FIXTURE);
    const two = (g: PublishGroup) => ({ ...g, applications: ['prod-web', 'prod-api'] });
    await run(octokit, [want('1.1.0')], two);
    decline(1);
    const result = await run(octokit, [want('1.1.0')], two);
    expect(result.withheld?.map((w) => w.reason)).toEqual([
      'prod-web, prod-api: a person closed https://github.example/acme/gitops/pull/1 without merging it; the same change is not proposed again (a newer tag opens a new pull request)',
    ]);
    expect(result.pullRequests).toEqual([]);
  });

  it('a newer tag opens a new pull request after it that records the decline and holds auto-merge back until a person re-arms it', async () => {
    const octokit = await github.start(FIXTURE);
    await run(octokit, [want('1.1.0', 'auto-merge')]);
    decline(1);
    const next = await run(octokit, [want('1.2.0', 'auto-merge')]);
    const held = 'a person declined the earlier pull request of this group (https://github.example/acme/gitops/pull/1), so auto-merge is not armed on its own: add the label `image-promoter:auto-merge` (or enable auto-merge on the pull request) to re-enable it';
    expect(next.pullRequests.map((p) => [p.number, p.branch, p.operation, p.autoMerge, p.autoMergeReason])).toEqual([[2, `${BRANCH}@1`, 'created', 'not-enabled', held]]);
    expect(next.notes).toContain(`#2: ${held}`);
    const pull = github.fake().repo.pulls[1]!;
    expect(recordOf(pull.body)).toMatchObject({ declined: 1, declinedUrl: 'https://github.example/acme/gitops/pull/1' });
    expect(pull.body).toContain('Auto-merge is not armed because of that decline');
    // A newer tag on that pull request keeps the decline; once a person arms auto-merge, it stays armed.
    pull.autoMerge = { mergeMethod: 'SQUASH' };
    const rearmed = await run(octokit, [want('1.3.0', 'auto-merge')]);
    expect(rearmed.pullRequests.map((p) => [p.number, p.operation, p.autoMerge])).toEqual([[2, 'updated', 'enabled']]);
    expect(recordOf(github.fake().repo.pulls[1]!.body)).toMatchObject({ declined: 1 });
  });

  it('a pull request after a decline keeps it through people\'s commits, linking #N when the record has no link; no auto-merge word in pull-request mode', async () => {
    const octokit = await github.start(FIXTURE);
    await run(octokit, [want('1.1.0')]);
    decline(1);
    await run(octokit, [want('1.2.0')]);
    const repo = github.fake().repo;
    const pull = repo.pulls[1]!;
    expect(pull.body).toContain('A person closed the earlier pull request of this group without merging it');
    expect(pull.body).not.toContain('Auto-merge is not armed');
    const { declinedUrl: _link, ...record } = recordOf(pull.body)!;
    // The record without its link, the head marker after it kept.
    pull.body = `${withRecord(pull.body, record)}\n${pull.body.slice(pull.body.lastIndexOf(HEAD_MARKER))}`;
    repo.commitFiles(`${BRANCH}@1`, { 'NOTES.md': 'note\n' }, 'a person');
    const result = await run(octokit, [want('1.3.0')]);
    expect(result.pullRequests.map((p) => [p.number, p.operation])).toEqual([[2, 'updated']]);
    expect(recordOf(repo.pulls[1]!.body)).toMatchObject({ declined: 1, declinedUrl: '#1', foreignFiles: ['NOTES.md'] });
  });

  it('a pull request after a decline is re-armed by its label', async () => {
    const octokit = await github.start(FIXTURE);
    await run(octokit, [want('1.1.0', 'auto-merge')]);
    decline(1);
    await run(octokit, [want('1.2.0', 'auto-merge')]);
    github.fake().repo.pulls[1]!.labels.push('image-promoter:auto-merge');
    const result = await run(octokit, [want('1.3.0', 'auto-merge')]);
    expect(result.pullRequests.map((p) => p.autoMerge)).toEqual(['enabled']);
  });
});

describe('publishPullRequestGroups: people\'s commits', () => {
  it('an empty commit of a person is kept, and the note says it changes no file', async () => {
    const octokit = await github.start(FIXTURE);
    await run(octokit, [want('1.1.0')]);
    const repo = github.fake().repo;
    const head = repo.refs.get(`heads/${BRANCH}`)!;
    repo.refs.set(`heads/${BRANCH}`, repo.git.putCommit(repo.git.commits.get(head)!.tree, [head], 'empty', { name: 'p', email: 'p@example.com' }).sha);
    const result = await run(octokit, [want('1.2.0')]);
    expect(result.notes).toContain(`#1: people's commits on ${BRANCH} (changing no file) are kept: this change was added on top of them`);
  });

  it('commits whose files cannot be read leave the pull request alone, saying so', async () => {
    const octokit = await github.start(FIXTURE);
    await run(octokit, [want('1.1.0')]);
    const pull = github.fake().repo.pulls[0]!;
    pull.body = pull.body.replace(/head=[0-9a-f]{40}/, `head=${'e'.repeat(40)}`);
    const result = await run(octokit, [want('1.2.0')]);
    expect(result.withheld?.map((w) => w.reason)).toEqual([
      `prod-web: someone pushed commits to ${BRANCH} that argocd-image-promoter did not write; it leaves https://github.example/acme/gitops/pull/1 alone and does not force-push (what they change could not be read; merge or close it to go on)`,
    ]);
  });

  it('a pull request carrying people\'s commits is reported behind, never rebuilt, even on a base that requires up-to-date branches', async () => {
    const octokit = await github.start(FIXTURE);
    await run(octokit, [want('1.1.0')]);
    const repo = github.fake().repo;
    repo.commitFiles(BRANCH, { 'NOTES.md': 'note\n' }, 'a person');
    await run(octokit, [want('1.2.0')]);
    repo.settings.requireUpToDate.push('main');
    repo.commitFiles('main', { 'other.yaml': 'x: 1\n' }, 'main moves');
    const result = await run(octokit, [want('1.2.0')]);
    expect(result.pullRequests.map((p) => [p.operation, p.behind])).toEqual([['unchanged', true]]);
  });
});

describe('publishPullRequestGroups: races', () => {
  it('a branch moved and its pull request closed meanwhile: re-read, said, and published anew', async () => {
    const octokit = await github.start(FIXTURE);
    await run(octokit, [want('1.1.0')]);
    const repo = github.fake().repo;
    // The snapshot read (GraphQL) goes through; before the branch move (GraphQL), a person pushes and closes the pull request.
    github.fake().inject({
      operation: 'graphql',
      before: () => github.fake().inject({ operation: 'graphql', before: (r) => {
        r.commitFiles(BRANCH, { 'NOTES.md': 'note\n' }, 'a person');
        r.closePull(r.pulls[0]!);
      } }),
    });
    const result = await run(octokit, [want('1.2.0')]);
    expect(result.notes).toContain(`${BRANCH} moved while this run was publishing (another run, or a person): re-read it (no pull request is open on it any more) and re-planned instead of overwriting it`);
    expect(repo.pulls[0]!.state).toBe('closed');
  });
});
