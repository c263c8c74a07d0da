/**
 * Filtered runs and shards against one group pull request (issues 9 and 11): a run changes only the entries of the
 * images it checked and keeps the others the pull request carries, merged line by line when they share a file, on
 * a base that may have moved. Against the fake GitHub, publishing as the pipeline does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { publishGroups } from '../../src/publish/publish.js';
import { readRepoSnapshot } from '../../src/publish/read-snapshot.js';
import { recordOf } from '../../src/publish/pr-record.js';
import type { GitHubClient } from '../../src/publish/octokit.js';
import type { ImageChange, PublishGroup, PublishResult } from '../../src/publish/types.js';
import type { RepoFiles } from '../../src/resolve/types.js';
import { startFakeGitHub } from '../../test-support/fake-github/harness.js';
import type { FakeGitHub } from '../../test-support/fake-github/index.js';

const SHARED = 'apps/shared/kustomization.yaml';
const WEB = 'apps/web/kustomization.yaml';
const API = 'apps/api/kustomization.yaml';
const kustomization = (...images: [string, string][]) => ['images:', ...images.flatMap(([name, tag]) => [`- name: acme/${name}`, `  newTag: ${tag}`]), ''].join('\n');
const FILES = { [SHARED]: kustomization(['web', '1.0.0'], ['api', '2.0.0']), [WEB]: kustomization(['web', '1.0.0']), [API]: kustomization(['api', '2.0.0']) };
const BRANCH = 'image-promoter/all';

let fake: FakeGitHub | undefined;
afterEach(async () => {
  expect(fake!.violations).toEqual([]);
  await fake!.stop();
});

async function setup(files: Record<string, string> = FILES): Promise<GitHubClient> {
  const started = await startFakeGitHub(files);
  fake = started.fake;
  return started.octokit;
}

/** Checked is one image a run checked: its Application, the tag it wants, and the file it lives in. */
interface Checked {
  app: string;
  image: 'web' | 'api';
  to: string;
  file: string;
}

const tagIn = (text: string, image: string) => new RegExp(`- name: acme/${image}\\r?\\n  newTag: (\\S+)`).exec(text)?.[1];
const setTag = (text: string, image: string, tag: string) => text.replace(new RegExp(`(- name: acme/${image}\\r?\\n  newTag: )\\S+`), `$1${tag}`);

/** groupOf plans the group `all` as the pipeline does: the checked Applications, the changes, one edit per file. */
function groupOf(files: RepoFiles, picks: Checked[], scope: Pick<PublishGroup, 'partialApplications' | 'checkedImages'> & { applications?: string[] } = {}): PublishGroup {
  const changes: ImageChange[] = [];
  const edits = new Map<string, { before: string; after: string }>();
  for (const p of picks) {
    const edit = edits.get(p.file) ?? { before: files.read(p.file) ?? '', after: files.read(p.file) ?? '' };
    const from = tagIn(edit.after, p.image) ?? null;
    if (from === p.to) continue;
    changes.push({ application: p.app, alias: p.image, image: `acme/${p.image}`, from, to: p.to, strategy: 'semver', file: p.file });
    edits.set(p.file, { ...edit, after: setTag(edit.after, p.image, p.to) });
  }
  const applications = scope.applications ?? [...new Set(picks.map((p) => p.app))];
  return {
    key: 'all', mode: 'pull-request', applications, changes, files: [...edits].map(([path, e]) => ({ path, ...e })),
    labels: [], reviewers: [], teamReviewers: [], assignees: [], draft: false,
    ...(scope.partialApplications ? { partialApplications: scope.partialApplications } : {}),
    ...(scope.checkedImages ? { checkedImages: scope.checkedImages } : {}),
  };
}

async function publish(octokit: GitHubClient, picks: Checked[], scope: Parameters<typeof groupOf>[2] = {}): Promise<PublishResult> {
  const snapshot = await readRepoSnapshot(octokit, { owner: 'acme', repo: 'gitops', branch: 'main' });
  return publishGroups({ octokit }, { owner: 'acme', repo: 'gitops', baseBranch: 'main', snapshot, groups: [groupOf(snapshot.files, picks, scope)], replan: (s) => [groupOf(s.files, picks, scope)] });
}

const proposed = () => (recordOf(fake!.repo.pulls[0]!.body)?.changes ?? []).map((c) => `${c.app} ${c.image} ${c.to}`).sort();
const onBranch = (path: string) => fake!.repo.files(BRANCH).get(path)!;

describe('carry: two Applications (or shards) whose images live in the same file', () => {
  it.each([
    ['LF', (t: string) => t],
    ['CRLF', (t: string) => t.replace(/\n/g, '\r\n')],
    ['BOM, no trailing newline', (t: string) => `\uFEFF${t.replace(/\n$/, '')}`],
  ])('%s: the second run keeps the first one\'s entry and adds its own, bytes exact', async (_name, form) => {
    const octokit = await setup({ [SHARED]: form(FILES[SHARED]) });
    await publish(octokit, [{ app: 'web', image: 'web', to: '1.1.0', file: SHARED }]);
    const result = await publish(octokit, [{ app: 'api', image: 'api', to: '2.1.0', file: SHARED }]);
    expect(result.notes).toEqual([]);
    expect(result.pullRequests).toEqual([expect.objectContaining({ number: 1, operation: 'updated', applications: ['api', 'web'] })]);
    expect(onBranch(SHARED)).toBe(form(kustomization(['web', '1.1.0'], ['api', '2.1.0'])));
    expect(proposed()).toEqual(['api acme/api 2.1.0', 'web acme/web 1.1.0']);
  });

  it('a base that moved under the carried file since the pull request was built: the entry is rebased on it, no warning', async () => {
    const octokit = await setup();
    await publish(octokit, [{ app: 'web', image: 'web', to: '1.1.0', file: SHARED }]);
    fake!.repo.commitFiles('main', { [SHARED]: `# owner: team-a\n${FILES[SHARED]}` }, 'a person edits the file');
    const result = await publish(octokit, [{ app: 'api', image: 'api', to: '2.1.0', file: SHARED }]);
    expect(result.notes).toEqual([]);
    expect(onBranch(SHARED)).toBe(`# owner: team-a\n${kustomization(['web', '1.1.0'], ['api', '2.1.0'])}`);
    expect(fake!.repo.pulls[0]!.body).toContain(`base=${fake!.repo.refs.get('heads/main')}`);
  });

  it('a base that moved under a carried file of its own (separate files): the entry is rebased too', async () => {
    const octokit = await setup();
    await publish(octokit, [{ app: 'web', image: 'web', to: '1.1.0', file: WEB }]);
    fake!.repo.commitFiles('main', { [WEB]: `${FILES[WEB]}# reviewed\n` }, 'a person edits the file');
    const result = await publish(octokit, [{ app: 'api', image: 'api', to: '2.1.0', file: API }]);
    expect(result.notes).toEqual([]);
    expect(onBranch(WEB)).toBe(`${kustomization(['web', '1.1.0'])}# reviewed\n`);
    expect(onBranch(API)).toBe(kustomization(['api', '2.1.0']));
  });

  it('a true conflict on an unchecked Application\'s line keeps the pull request\'s line and warns naming file:line', async () => {
    const octokit = await setup();
    await publish(octokit, [{ app: 'web', image: 'web', to: '1.1.0', file: SHARED }]);
    fake!.repo.commitFiles('main', { [SHARED]: setTag(FILES[SHARED], 'web', '1.0.5') }, 'a person pins web');
    const result = await publish(octokit, [{ app: 'api', image: 'api', to: '2.1.0', file: SHARED }]);
    expect(result.notes).toEqual([expect.stringMatching(/^apps\/shared\/kustomization\.yaml:3: main and .*\/pull\/1 changed this line differently \(`newTag: 1\.0\.5` on main, `newTag: 1\.1\.0` in the pull request \(web acme\/web 1\.1\.0\)\)/)]);
    expect(onBranch(SHARED)).toBe(kustomization(['web', '1.1.0'], ['api', '2.1.0']));
    expect(proposed()).toEqual(['api acme/api 2.1.0', 'web acme/web 1.1.0']);
  });

  it('a conflict on a checked image\'s line takes this run\'s newer tag; the unchecked entry stays', async () => {
    const octokit = await setup();
    await publish(octokit, [{ app: 'web', image: 'web', to: '1.1.0', file: SHARED }, { app: 'api', image: 'api', to: '2.1.0', file: SHARED }]);
    const result = await publish(octokit, [{ app: 'web', image: 'web', to: '1.2.0', file: SHARED }]);
    expect(result.notes).toEqual([]);
    expect(onBranch(SHARED)).toBe(kustomization(['web', '1.2.0'], ['api', '2.1.0']));
    expect(proposed()).toEqual(['api acme/api 2.1.0', 'web acme/web 1.2.0']);
  });

  it('a stale run (older tag for its checked image) still leaves the pull request as it is (never older)', async () => {
    const octokit = await setup();
    await publish(octokit, [{ app: 'web', image: 'web', to: '1.2.0', file: SHARED }, { app: 'api', image: 'api', to: '2.1.0', file: SHARED }]);
    const head = fake!.repo.refs.get(`heads/${BRANCH}`);
    const result = await publish(octokit, [{ app: 'web', image: 'web', to: '1.1.0', file: SHARED }]);
    expect(result.pullRequests).toEqual([expect.objectContaining({ operation: 'unchanged', reason: "already proposes 1.2.0, newer than this run's 1.1.0" })]);
    expect(fake!.repo.refs.get(`heads/${BRANCH}`)).toBe(head);
  });
});

describe('carry: checked → this run\'s word replaces the entry, unchecked → kept (item 3)', () => {
  it.each([
    ['separate files', WEB, API],
    ['one file', SHARED, SHARED],
  ])('%s: an image the run checked and found with nothing to change loses its stale entry; the other stays', async (_name, webFile, apiFile) => {
    const octokit = await setup();
    await publish(octokit, [{ app: 'web', image: 'web', to: '1.1.0', file: webFile }, { app: 'api', image: 'api', to: '2.1.0', file: apiFile }]);
    // web is rolled back to 1.0.0 as wanted: the run checks web only and has nothing to change.
    const result = await publish(octokit, [{ app: 'web', image: 'web', to: '1.0.0', file: webFile }]);
    expect(result.pullRequests).toEqual([expect.objectContaining({ number: 1, operation: 'updated', applications: ['web', 'api'] })]);
    expect(result.notes).toEqual([expect.stringMatching(/^web: acme\/web 1\.1\.0 is no longer proposed in .*\/pull\/1: this run checked it and has nothing to change/)]);
    expect(proposed()).toEqual(['api acme/api 2.1.0']);
    expect(tagIn(onBranch(webFile), 'web')).toBe('1.0.0');
    expect(tagIn(onBranch(apiFile), 'api')).toBe('2.1.0');
    expect(fake!.repo.pulls[0]!.state).toBe('open');
  });

  it('a filtered run whose checked image was the pull request\'s only entry closes it with a comment', async () => {
    const octokit = await setup();
    await publish(octokit, [{ app: 'web', image: 'web', to: '1.1.0', file: SHARED }]);
    const result = await publish(octokit, [{ app: 'web', image: 'web', to: '1.0.0', file: SHARED }]);
    expect(result.pullRequests).toEqual([expect.objectContaining({ number: 1, operation: 'closed' })]);
    expect(fake!.repo.pulls[0]!.state).toBe('closed');
    expect(fake!.repo.pulls[0]!.comments).toHaveLength(1);
  });

  it('a run that checked an image the pull request does not carry leaves it unchanged (no push)', async () => {
    const octokit = await setup();
    await publish(octokit, [{ app: 'api', image: 'api', to: '2.1.0', file: SHARED }]);
    const head = fake!.repo.refs.get(`heads/${BRANCH}`);
    const result = await publish(octokit, [{ app: 'web', image: 'web', to: '1.0.0', file: SHARED }]);
    expect(result.pullRequests).toEqual([expect.objectContaining({ operation: 'unchanged' })]);
    expect(fake!.repo.refs.get(`heads/${BRANCH}`)).toBe(head);
  });

  it('a shard that checked one image of an Application up to date drops that entry, keeps the other shard\'s', async () => {
    const octokit = await setup();
    await publish(octokit, [{ app: 'shop', image: 'web', to: '1.1.0', file: SHARED }, { app: 'shop', image: 'api', to: '2.1.0', file: SHARED }]);
    const shard = { partialApplications: ['shop'], checkedImages: [{ app: 'shop', alias: 'web', image: 'acme/web' }] };
    const result = await publish(octokit, [{ app: 'shop', image: 'web', to: '1.0.0', file: SHARED }], shard);
    expect(result.pullRequests).toEqual([expect.objectContaining({ operation: 'updated' })]);
    expect(proposed()).toEqual(['shop acme/api 2.1.0']);
    expect(onBranch(SHARED)).toBe(kustomization(['web', '1.0.0'], ['api', '2.1.0']));
  });

  it('a shard that did not check an image of the Application keeps its entry, even with nothing of its own', async () => {
    const octokit = await setup();
    await publish(octokit, [{ app: 'shop', image: 'web', to: '1.1.0', file: SHARED }, { app: 'shop', image: 'api', to: '2.1.0', file: SHARED }]);
    const head = fake!.repo.refs.get(`heads/${BRANCH}`);
    const result = await publish(octokit, [{ app: 'shop', image: 'api', to: '2.1.0', file: SHARED }], { partialApplications: ['shop'] });
    expect(result.pullRequests).toEqual([expect.objectContaining({ operation: 'unchanged' })]);
    expect(fake!.repo.refs.get(`heads/${BRANCH}`)).toBe(head);
    expect(proposed()).toEqual(['shop acme/api 2.1.0', 'shop acme/web 1.1.0']);
  });

  it('a run over every Application replaces the pull request with its own word', async () => {
    const octokit = await setup();
    await publish(octokit, [{ app: 'web', image: 'web', to: '1.1.0', file: WEB }, { app: 'api', image: 'api', to: '2.1.0', file: API }]);
    const snapshot = await readRepoSnapshot(octokit, { owner: 'acme', repo: 'gitops', branch: 'main' });
    const picks: Checked[] = [{ app: 'web', image: 'web', to: '1.2.0', file: WEB }];
    const group = groupOf(snapshot.files, picks, { applications: ['web', 'api'] });
    await publishGroups({ octokit }, { owner: 'acme', repo: 'gitops', baseBranch: 'main', snapshot, groups: [group], replan: () => [group], options: { mergeMethod: 'squash', mergeFallback: false, liveBranchKeys: ['all'] } });
    expect(proposed()).toEqual(['web acme/web 1.2.0']);
    expect(onBranch(API)).toBe(FILES[API]);
  });
});
