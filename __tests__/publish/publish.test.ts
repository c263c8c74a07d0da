import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { decodeLossless, encodeLossless } from '../../src/edit/lossless-text.js';
import { createCommit } from '../../src/publish/commit.js';
import { publishGroups } from '../../src/publish/publish.js';
import { readRepoSnapshot } from '../../src/publish/read-snapshot.js';
import type { GitHubClient } from '../../src/publish/octokit.js';
import type { PublishOptions } from '../../src/publish/types.js';
import { PublishError } from '../../src/errors.js';
import { planGroups, readFixtureDir, replanner, setNewTag, startFakeGitHub, type Want } from '../../test-support/fake-github/harness.js';
import type { FakeGitHub } from '../../test-support/fake-github/index.js';

const FIXTURE = readFixtureDir(join(import.meta.dirname, '../../__fixtures__/github/gitops'));
const DEV = 'apps/dev/kustomization.yaml';
const PROD = 'apps/prod/kustomization.yaml';
const STAGING = 'apps/staging/kustomization.yml';
let fake: FakeGitHub | undefined;

afterEach(async () => {
  expect(fake!.violations).toEqual([]);
  expect(fake!.requests.length).toBeGreaterThan(0);
  await fake!.stop();
});

async function setup(): Promise<{ fake: FakeGitHub; octokit: GitHubClient; newOctokit: () => GitHubClient }> {
  const started = await startFakeGitHub(FIXTURE);
  fake = started.fake;
  return started;
}

/** run reads the snapshot, plans the wants and publishes them, like the pipeline does. */
async function run(octokit: GitHubClient, wants: Want[], options: Partial<PublishOptions> = {}) {
  const snapshot = await readRepoSnapshot(octokit, { owner: 'acme', repo: 'gitops', branch: 'main' });
  const since = fake!.requests.length;
  const result = await publishGroups({ octokit }, {
    owner: 'acme', repo: 'gitops', baseBranch: 'main', snapshot, groups: planGroups(snapshot.files, wants), replan: replanner(wants), options,
  });
  return { result, publishRequests: fake!.requests.length - since, snapshot };
}

const prodPr = (to: string, extra: Partial<Want> = {}): Want => ({ key: 'prod-web', app: 'prod-web', mode: 'pull-request', file: PROD, to, ...extra });

describe('createCommit', () => {
  it('keeps bytes that are not UTF-8: such a file goes up as a base64 blob, the others inline (issue 14 item 5)', async () => {
    const { octokit } = await setup();
    const snapshot = await readRepoSnapshot(octokit, { owner: 'acme', repo: 'gitops', branch: 'main' });
    const bytes = Buffer.from('# r\xe9gl\xe9 \xe0 la main\ntag: "2"\n', 'latin1');
    const since = fake!.requests.length;
    const sha = await createCommit(octokit, {
      owner: 'acme', repo: 'gitops', snapshot, message: 'm',
      files: [{ path: 'apps/latin1.yaml', before: null, after: decodeLossless(bytes) }, { path: DEV, before: null, after: 'x: 1\n' }],
    });
    expect(fake!.requests.slice(since).map((r) => r.operation)).toEqual(['git/create-blob', 'git/create-tree', 'git/create-commit']);
    const git = fake!.repo.git;
    const tree = git.trees.get(git.commits.get(sha)!.tree)!;
    expect(encodeLossless(git.blobs.get(tree.get('apps/latin1.yaml')!)!)).toEqual(bytes);
    expect(git.blobs.get(tree.get(DEV)!)).toBe('x: 1\n');
  });
});

describe('publishGroups: direct commits', () => {
  it('makes one commit for N Applications on top of the snapshot', async () => {
    const { octokit } = await setup();
    const wants: Want[] = [
      { key: 'dev-web', app: 'dev-web', mode: 'commit', file: DEV, to: '1.1.0' },
      { key: 'prod-web', app: 'prod-web', mode: 'commit', file: PROD, to: '1.1.0' },
      { key: 'staging-api', app: 'staging-api', mode: 'commit', file: STAGING, to: '2.4.0', image: 'asia.gcr.io/acme/api' },
    ];
    const { result, publishRequests, snapshot } = await run(octokit, wants);
    const head = fake!.repo.refs.get('heads/main')!;
    expect(result.commitSha).toBe(head);
    expect(fake!.repo.git.commits.get(head)!.parents).toEqual([snapshot.sha]);
    expect(publishRequests).toBe(3);
    const files = fake!.repo.files('main');
    expect(files.get(DEV)).toContain('newTag: 1.1.0 # promoted by CI');
    expect(files.get(STAGING)).toContain('newTag: "2.4.0"');
    expect(files.get('README.md')).toBe(FIXTURE['README.md']);
    expect(fake!.repo.git.commits.get(head)!.message).toMatch(/^build: automatic update of 3 applications\n\nbuild: automatic update of dev-web\n\nupdates image acme\/web tag '1.0.0' to '1.1.0'/);
    expect(fake!.repo.git.commits.get(head)!.author.name).toBe('github-actions[bot]');
  });

  it('re-plans after a 422 race and lands both changes', async () => {
    const { octokit } = await setup();
    fake!.inject({
      operation: 'git/update-ref',
      before: (repo) => repo.commitFiles('main', { [DEV]: repo.files('main').get(DEV)!.replace('# dev: commits directly', '# dev: edited by a human') }, 'human edit'),
    });
    const { result } = await run(octokit, [{ key: 'dev-web', app: 'dev-web', mode: 'commit', file: DEV, to: '1.2.0' }]);
    const text = fake!.repo.files('main').get(DEV)!;
    expect(text).toContain('# dev: edited by a human');
    expect(text).toContain('newTag: 1.2.0');
    expect(result.notes).toEqual(['main moved during the run; re-planned 1 time(s)']);
    expect(fake!.count('git/update-ref')).toBe(2);
  });

  it('two concurrent runs lose no update', async () => {
    const { newOctokit } = await setup();
    await Promise.all([
      run(newOctokit(), [{ key: 'dev-web', app: 'dev-web', mode: 'commit', file: DEV, to: '1.3.0' }]),
      run(newOctokit(), [{ key: 'staging-api', app: 'staging-api', mode: 'commit', file: STAGING, to: '2.5.0' }]),
    ]);
    const files = fake!.repo.files('main');
    expect(files.get(DEV)).toContain('newTag: 1.3.0');
    expect(files.get(STAGING)).toContain('newTag: "2.5.0"');
  });

  it('uses the commit message template and the optional author', async () => {
    const { octokit } = await setup();
    const template = 'deploy {{.AppName}}:{{range .AppChanges}} {{.Image}}={{.NewTag}}{{end}}';
    await run(octokit, [{ key: 'dev-web', app: 'dev-web', mode: 'commit', file: DEV, to: '1.4.0' }], { commitMessageTemplate: template, author: { name: 'Bot', email: 'bot@example.com' } });
    const head = fake!.repo.git.commits.get(fake!.repo.refs.get('heads/main')!)!;
    expect(head.message).toBe('deploy dev-web: acme/web=1.4.0\n');
    expect(head.author.name).toBe('Bot');
  });
});

describe('publishGroups: pull requests', () => {
  it('opens a PR with labels, reviewers and auto-merge in at most 8 requests', async () => {
    const { octokit } = await setup();
    const { result, publishRequests } = await run(octokit, [prodPr('1.1.0', { mode: 'auto-merge', labels: ['deploy'], reviewers: ['alice'] })]);
    expect(publishRequests).toBeLessThanOrEqual(8);
    expect(publishRequests).toBe(8);
    expect(result.pullRequests).toEqual([{ number: 1, url: 'https://github.example/acme/gitops/pull/1', branch: 'image-promoter/prod-web', operation: 'created', key: 'prod-web', applications: ['prod-web'], autoMerge: 'enabled' }]);
    const pull = fake!.repo.pulls[0]!;
    expect(pull).toMatchObject({ labels: ['deploy'], reviewers: ['alice'], autoMerge: { mergeMethod: 'SQUASH' }, title: 'chore(deploy): prod-web: web 1.0.0 → 1.1.0' });
    expect(fake!.repo.files('image-promoter/prod-web').get(PROD)).toContain('newTag: 1.1.0');
    expect(fake!.repo.files('main').get(PROD)).toContain('newTag: 1.0.0');
    expect(result.notes).toEqual([]);
  });

  it('a second run with nothing new reports unchanged and writes nothing', async () => {
    const { octokit } = await setup();
    await run(octokit, [prodPr('1.1.0')]);
    const before = fake!.requests.length;
    const { result, publishRequests } = await run(octokit, [prodPr('1.1.0')]);
    expect(result.pullRequests.map((p) => p.operation)).toEqual(['unchanged']);
    expect(publishRequests).toBe(1);
    expect(fake!.requests.slice(before).every((r) => r.method === 'GET' || r.operation === 'graphql')).toBe(true);
  });

  it('a newer tag updates the existing PR instead of opening another', async () => {
    const { octokit } = await setup();
    await run(octokit, [prodPr('1.1.0')]);
    const { result } = await run(octokit, [prodPr('1.2.0')]);
    expect(result.pullRequests.map((p) => [p.number, p.operation])).toEqual([[1, 'updated']]);
    expect(fake!.repo.pulls.length).toBe(1);
    expect(fake!.repo.pulls[0]!.title).toContain('1.0.0 → 1.2.0');
    expect(fake!.repo.files('image-promoter/prod-web').get(PROD)).toContain('newTag: 1.2.0');
  });

  it('a rolled-back change closes its PR with a comment', async () => {
    const { octokit } = await setup();
    await run(octokit, [prodPr('1.1.0')]);
    // The wanted tag is now the one prod already runs (e.g. 1.1.0 was added to ignore-tags).
    const { result } = await run(octokit, [prodPr('1.0.0')]);
    expect(result.pullRequests.map((p) => [p.number, p.operation])).toEqual([[1, 'closed']]);
    expect(fake!.repo.pulls[0]!.state).toBe('closed');
    expect(fake!.repo.pulls[0]!.comments[0]).toMatch(/^Closing: `main` already runs/);
  });

  it('two concurrent runs open one PR', async () => {
    const { newOctokit } = await setup();
    const [a, b] = await Promise.all([run(newOctokit(), [prodPr('1.1.0')]), run(newOctokit(), [prodPr('1.1.0')])]);
    expect(fake!.repo.pulls.length).toBe(1);
    // The later run finds the branch pushed and the PR proposing the same change: it leaves it as it is.
    expect([a.result.pullRequests[0]!.operation, b.result.pullRequests[0]!.operation].sort()).toEqual(['created', 'unchanged']);
  });

  it('"A pull request already exists" takes the update path', async () => {
    const { octokit } = await setup();
    fake!.inject({
      operation: 'pulls/create',
      before: (repo) => {
        repo.commitFiles('image-promoter/prod-web', {}, 'other run');
        repo.pulls.push({ number: 1, nodeId: 'PR_other', head: 'image-promoter/prod-web', base: 'main', title: 'other', body: '', state: 'open', merged: false, draft: false, labels: [], reviewers: [], teamReviewers: [], assignees: [], autoMerge: null, comments: [], clean: false });
      },
    });
    const { result } = await run(octokit, [prodPr('1.1.0')]);
    expect(result.pullRequests.map((p) => [p.number, p.operation])).toEqual([[1, 'updated']]);
    expect(fake!.repo.pulls.length).toBe(1);
    expect(fake!.repo.pulls[0]!.title).toContain('1.1.0');
  });

  it('commits dev and opens a PR for prod in one call', async () => {
    const { octokit } = await setup();
    const { result } = await run(octokit, [{ key: 'dev-web', app: 'dev-web', mode: 'commit', file: DEV, to: '1.1.0' }, prodPr('1.1.0')]);
    expect(result.commitSha).toBe(fake!.repo.refs.get('heads/main'));
    expect(result.pullRequests.map((p) => p.operation)).toEqual(['created']);
    expect(fake!.repo.files('main').get(DEV)).toContain('newTag: 1.1.0');
    expect(fake!.repo.files('main').get(PROD)).toContain('newTag: 1.0.0');
    expect(fake!.repo.files('image-promoter/prod-web').get(PROD)).toContain('newTag: 1.1.0');
  });
});

describe('publishGroups: auto-merge refusals', () => {
  const cases = [
    { name: 'not allowed, left open', setting: { allowAutoMerge: false }, fallback: false, autoMerge: 'not-enabled', state: 'open', note: /auto-merge is not allowed in this repository/ },
    { name: 'not allowed, merged directly', setting: { allowAutoMerge: false }, fallback: true, autoMerge: 'merged', state: 'closed', note: /merged directly/ },
    { name: 'clean status, left open', setting: { pullsStartClean: true }, fallback: false, autoMerge: 'not-enabled', state: 'open', note: /clean status/ },
    { name: 'clean status, merged directly', setting: { pullsStartClean: true }, fallback: true, autoMerge: 'merged', state: 'closed', note: /clean status.*merged directly/ },
  ] as const;
  it.each(cases)('$name', async ({ setting, fallback, autoMerge, state, note }) => {
    const { octokit } = await setup();
    Object.assign(fake!.repo.settings, setting);
    const { result } = await run(octokit, [prodPr('1.1.0', { mode: 'auto-merge' })], { mergeFallback: fallback });
    expect(result.pullRequests[0]!.autoMerge).toBe(autoMerge);
    expect(fake!.repo.pulls[0]!.state).toBe(state);
    expect(result.notes.join('\n')).toMatch(note);
    expect(fake!.repo.files('main').get(PROD)).toContain(state === 'closed' ? 'newTag: 1.1.0' : 'newTag: 1.0.0');
  });
});

describe('publishGroups: best effort and faults', () => {
  it('a reviewer who is not a collaborator is a note, not a failure', async () => {
    const { octokit } = await setup();
    const { result } = await run(octokit, [prodPr('1.1.0', { reviewers: ['mallory'], labels: ['deploy'], assignees: ['bob'] })]);
    expect(result.pullRequests[0]!.operation).toBe('created');
    expect(result.notes).toEqual([expect.stringMatching(/^reviews were not requested on #1 from mallory \(HTTP 422: Reviews may only be requested from collaborators/)]);
    expect(fake!.repo.pulls[0]).toMatchObject({ labels: ['deploy'], assignees: ['bob'] });
  });

  const faults = [
    { name: '5xx on create-tree', operation: 'git/create-tree', reply: { status: 502, body: { message: 'Bad Gateway' }, assumed: true } },
    { name: 'secondary rate limit 403', operation: 'pulls/create', reply: { status: 403, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, headers: { 'retry-after': '1' }, assumed: true } },
    { name: 'secondary rate limit 429', operation: 'git/create-commit', reply: { status: 429, body: { message: 'You have exceeded a secondary rate limit.' }, headers: { 'retry-after': '2' }, assumed: true } },
    { name: '5xx on GraphQL', operation: 'graphql', reply: { status: 503, body: { message: 'Service Unavailable' }, assumed: true } },
    { name: 'plain 429 (no rate-limit wording)', operation: 'pulls/create', reply: { status: 429, body: { message: 'Too Many Requests' }, headers: { 'retry-after': '1' }, assumed: true } },
  ];
  it.each(faults)('survives $name', async ({ operation, reply }) => {
    const { octokit } = await setup();
    fake!.inject({ operation, reply, times: 1 });
    const { result } = await run(octokit, [prodPr('1.1.0', { mode: 'auto-merge' })]);
    expect(result.pullRequests[0]).toMatchObject({ operation: 'created', autoMerge: 'enabled' });
    // The injected failure, then the retry that succeeded.
    const statuses = fake!.requests.filter((r) => r.operation === operation).map((r) => r.status);
    expect(statuses[0]).toBe(reply.status);
    expect(statuses[1]).toBeLessThan(300);
  });
});

describe('publishGroups: pull requests behind their base', () => {
  const baseMoves = () => fake!.repo.commitFiles('main', { 'README.md': 'someone else\n' }, 'unrelated change');

  it('an unchanged PR whose base moved is reported behind and left alone when the base does not require up-to-date branches', async () => {
    const { octokit } = await setup();
    await run(octokit, [prodPr('1.1.0')]);
    const head = fake!.repo.refs.get('heads/image-promoter/prod-web');
    baseMoves();
    const { result } = await run(octokit, [prodPr('1.1.0')]);
    expect(result.pullRequests).toEqual([expect.objectContaining({ operation: 'unchanged', behind: true })]);
    expect(fake!.repo.refs.get('heads/image-promoter/prod-web')).toBe(head);
  });

  it('a base that requires up-to-date branches gets the same change rebuilt on its current tip', async () => {
    const { octokit } = await setup();
    await run(octokit, [prodPr('1.1.0')]);
    const tip = baseMoves();
    fake!.repo.settings.requireUpToDate.push('main');
    const { result } = await run(octokit, [prodPr('1.1.0')]);
    expect(result.pullRequests).toEqual([expect.objectContaining({ number: 1, operation: 'updated' })]);
    expect(result.notes).toContain('#1 was behind main, which requires branches to be up to date: the same change was rebuilt on the current main');
    const head = fake!.repo.refs.get('heads/image-promoter/prod-web')!;
    expect(fake!.repo.git.commits.get(head)!.parents).toEqual([tip]);
    expect(fake!.repo.files('image-promoter/prod-web').get(PROD)).toContain('newTag: 1.1.0');
    expect(fake!.repo.files('image-promoter/prod-web').get('README.md')).toBe('someone else\n');
    const again = await run(octokit, [prodPr('1.1.0')]);
    expect(again.result.pullRequests).toEqual([expect.objectContaining({ operation: 'unchanged' })]);
    expect(again.result.pullRequests[0]!.behind).toBeUndefined();
  });

  it('a ruleset whose required status checks are strict (up to date before merging) gets the same change rebuilt too', async () => {
    const { octokit } = await setup();
    await run(octokit, [prodPr('1.1.0')]);
    const tip = baseMoves();
    fake!.repo.settings.rulesets.push({ name: 'checks', branches: ['main'], rules: ['required_status_checks'], strict: false });
    const lenient = await run(octokit, [prodPr('1.1.0')]);
    expect(lenient.result.pullRequests).toEqual([expect.objectContaining({ operation: 'unchanged', behind: true })]);
    fake!.repo.settings.rulesets[0]!.strict = true;
    const since = fake!.requests.length;
    const { result } = await run(octokit, [prodPr('1.1.0')]);
    expect(fake!.requests.slice(since).map((r) => r.operation)).toContain('repos/get-branch-rules');
    expect(result.pullRequests).toEqual([expect.objectContaining({ number: 1, operation: 'updated' })]);
    expect(result.notes).toContain('#1 was behind main, which requires branches to be up to date: the same change was rebuilt on the current main');
    expect(fake!.repo.git.commits.get(fake!.repo.refs.get('heads/image-promoter/prod-web')!)!.parents).toEqual([tip]);
  });

  it('a PR branch carrying a commit we did not write is never rebuilt, even on a strict base', async () => {
    const { octokit } = await setup();
    await run(octokit, [prodPr('1.1.0')]);
    const theirs = fake!.repo.commitFiles('image-promoter/prod-web', { 'NOTES.md': 'reviewer note\n' }, 'a person adds a note');
    baseMoves();
    fake!.repo.settings.requireUpToDate.push('main');
    const { result } = await run(octokit, [prodPr('1.1.0')]);
    expect(result.pullRequests).toEqual([expect.objectContaining({ operation: 'unchanged' })]);
    expect(fake!.repo.refs.get('heads/image-promoter/prod-web')).toBe(theirs);
  });
});

describe("publishGroups: people's commits on our pull request branch", () => {
  it('a commit that leaves our files alone stays: every later update goes on top of it, without force, because the record keeps its files', async () => {
    const { octokit } = await setup();
    await run(octokit, [prodPr('1.1.0')]);
    const theirs = fake!.repo.commitFiles('image-promoter/prod-web', { 'NOTES.md': 'reviewer note\n' }, 'a person adds a note');
    const first = await run(octokit, [prodPr('1.2.0')]);
    expect(first.result.pullRequests).toEqual([expect.objectContaining({ number: 1, operation: 'updated' })]);
    expect(first.result.notes).toContain("#1: people's commits on image-promoter/prod-web (changing NOTES.md) are kept: this change was added on top of them");
    const onTop = fake!.repo.refs.get('heads/image-promoter/prod-web')!;
    expect(fake!.repo.git.commits.get(onTop)!.parents).toEqual([theirs]);
    // No new foreign commit now, but a rebuild on main would still drop the note: the record says so.
    const second = await run(octokit, [prodPr('1.3.0')]);
    expect(second.result.pullRequests).toEqual([expect.objectContaining({ operation: 'updated' })]);
    expect(fake!.repo.git.commits.get(fake!.repo.refs.get('heads/image-promoter/prod-web')!)!.parents).toEqual([onTop]);
    expect(fake!.repo.files('image-promoter/prod-web').get('NOTES.md')).toBe('reviewer note\n');
    expect(fake!.repo.files('image-promoter/prod-web').get(PROD)).toContain('newTag: 1.3.0');
    expect(fake!.count('git/update-ref')).toBe(0);
  });

  it('a commit that edits a file our change edits is left alone, commented once', async () => {
    const { octokit } = await setup();
    await run(octokit, [prodPr('1.1.0')]);
    const theirs = fake!.repo.commitFiles('image-promoter/prod-web', { [PROD]: setNewTag(fake!.repo.files('image-promoter/prod-web').get(PROD)!, '1.1.1') }, 'a person pins 1.1.1');
    const { result } = await run(octokit, [prodPr('1.2.0')]);
    expect(result.pullRequests).toEqual([expect.objectContaining({ operation: 'unchanged', reason: 'the branch has commits argocd-image-promoter did not write' })]);
    expect(result.withheld?.[0]?.reason).toContain(`they change ${PROD}, which this update edits too`);
    expect(fake!.repo.refs.get('heads/image-promoter/prod-web')).toBe(theirs);
    expect(fake!.repo.pulls[0]!.comments).toHaveLength(1);
  });
});

describe('publishGroups: a branch left behind by a merged pull request', () => {
  it('two runs claim it at once: the one that moves it second re-reads the other\'s pull request instead of overwriting it', async () => {
    const { newOctokit } = await setup();
    fake!.repo.commitFiles('image-promoter/prod-web', { 'OLD.md': 'an old change\n' }, 'old change');
    fake!.repo.pulls.push({ number: 1, nodeId: 'PR_old', head: 'image-promoter/prod-web', base: 'main', title: 'old', body: '', state: 'closed', merged: true, draft: false, labels: [], reviewers: [], teamReviewers: [], assignees: [], autoMerge: null, comments: [], clean: false });
    // Hold the older run's move of the existing branch (not its create attempt, which fails) until the newer run is done.
    const held = fake!.pauseRefMove((files, operation) => operation !== 'git/create-ref' && /newTag: 1\.1\.0/.test(files.get(PROD) ?? ''));
    const late = run(newOctokit(), [prodPr('1.1.0')]);
    await held.reached;
    const early = await run(newOctokit(), [prodPr('1.2.0')]);
    expect(early.result.pullRequests).toEqual([expect.objectContaining({ number: 2, operation: 'created' })]);
    const head = fake!.repo.refs.get('heads/image-promoter/prod-web');
    held.release();
    const { result } = await late;
    expect(result.pullRequests).toEqual([expect.objectContaining({ number: 2, operation: 'unchanged', reason: "already proposes 1.2.0, newer than this run's 1.1.0" })]);
    expect(fake!.repo.refs.get('heads/image-promoter/prod-web')).toBe(head);
    expect(fake!.repo.files('image-promoter/prod-web').get(PROD)).toContain('newTag: 1.2.0');
    expect(fake!.repo.openPulls().map((p) => p.number)).toEqual([2]);
  });
});

describe('publishGroups: GitHub limits', () => {
  it('a tag long enough to push the title past 256 characters still opens the PR (title capped)', async () => {
    const { octokit } = await setup();
    const tag = `1.1.0-${'a'.repeat(280)}`;
    const { result } = await run(octokit, [prodPr(tag)]);
    expect(result.failures).toEqual([]);
    const pull = fake!.repo.pulls[0]!;
    expect([...pull.title]).toHaveLength(256);
    expect(pull.title.startsWith('chore(deploy): prod-web: web 1.0.0 → 1.1.0-aaa')).toBe(true);
  });

  it('the fake refuses a title over 256 characters with GitHub\'s message', async () => {
    const { octokit } = await setup();
    fake!.repo.commitFiles('x', { 'a.txt': 'a' });
    const error = await octokit.rest.pulls.create({ owner: 'acme', repo: 'gitops', base: 'main', head: 'x', title: 't'.repeat(257) }).catch((e: unknown) => e);
    expect((error as { status: number }).status).toBe(422);
    expect(String((error as Error).message)).toContain('Title is too long (maximum is 256 characters)');
  });
});

describe('publishGroups: refusals', () => {
  const cases = [
    { name: 'token without contents: write', setting: { contents: 'read' }, mode: 'commit', fix: /permissions: contents: write.*pull-requests: write/ },
    { name: 'token without pull-requests: write', setting: { pullRequests: 'read' }, mode: 'pull-request', fix: /permissions: contents: write.*pull-requests: write/ },
    { name: 'archived repository', setting: { archived: true }, mode: 'commit', fix: /Unarchive acme\/gitops/ },
    { name: 'protected base branch', setting: { protectedBranches: ['main'] }, mode: 'commit', fix: /protected against direct pushes: use `mode: pull-request`/ },
    { name: 'Actions may not create pull requests', setting: { actionsMayCreatePulls: false }, mode: 'pull-request', fix: /not the workflow permissions: .*Allow GitHub Actions to create and approve pull requests/ },
    { name: 'ruleset requiring pull requests', setting: { rulesets: [{ name: 'main', branches: ['main'], rules: ['pull_request'] }] }, mode: 'commit', fix: /ruleset on main refused the push \(rule: Changes must be made through a pull request\.\): use `mode: pull-request`/ },
  ] as const;
  it.each(cases)('$name: one clear failure on the Application and no commit on the base', async ({ setting, mode, fix }) => {
    const { octokit } = await setup();
    const head = fake!.repo.refs.get('heads/main');
    Object.assign(fake!.repo.settings, setting);
    const { result } = await run(octokit, [{ key: 'web', app: 'web', mode, file: PROD, to: '1.1.0' }]);
    expect(result.failures).toHaveLength(1);
    const { error, applications } = result.failures[0]!;
    expect(applications).toEqual(['web']);
    expect(error).toBeInstanceOf(PublishError);
    expect(error.message).toMatch(/^\S.* in acme\/gitops failed \(HTTP (403|422)/);
    expect(error.message).not.toMatch(/^argocd-image-promoter:/);
    expect(error.fix).toMatch(fix);
    expect(error.message).not.toContain(fake!.token);
    expect(fake!.repo.refs.get('heads/main')).toBe(head);
    expect(fake!.repo.openPulls()).toEqual([]);
  });

  it('a failed group does not stop the others: the commit lands, the other PR opens, the failure is on its Application', async () => {
    const { octokit } = await setup();
    fake!.repo.settings.rulesets.push({ name: 'no force-push', branches: ['image-promoter/staging-web'], rules: ['non_fast_forward'] });
    fake!.repo.commitFiles('image-promoter/staging-web', { 'other.txt': 'x' }); // a stale branch the run must force-move
    const wants: Want[] = [
      { key: 'staging-web', app: 'staging-web', mode: 'pull-request', file: STAGING, to: '2.0.0' },
      { key: 'dev', app: 'dev-web', mode: 'commit', file: DEV, to: '1.1.0' },
      prodPr('1.1.0'),
    ];
    const { result } = await run(octokit, wants);
    expect(result.failures.map((f) => [f.key, f.applications])).toEqual([['staging-web', ['staging-web']]]);
    expect(result.failures[0]!.error.fix).toMatch(/rule: Cannot force-push to this branch/);
    expect(result.commitSha).toBe(fake!.repo.refs.get('heads/main'));
    expect(fake!.repo.files('main').get(DEV)).toContain('newTag: 1.1.0');
    expect(result.pullRequests.map((p) => [p.key, p.operation])).toEqual([['prod-web', 'created']]);
  });

  it('a pull request create whose POST answered 502 after GitHub opened it leaves exactly one pull request', async () => {
    const { octokit } = await setup();
    fake!.inject({ operation: 'pulls/create', handled: true, reply: { status: 502, body: { message: 'Bad Gateway' }, assumed: true } });
    const { result } = await run(octokit, [prodPr('1.1.0')]);
    expect(result.failures).toEqual([]);
    expect(result.pullRequests.map((p) => p.number)).toEqual([1]);
    expect(fake!.repo.pulls).toHaveLength(1);
  });

  it('a close comment whose POST answered 502 after GitHub stored it is not posted twice', async () => {
    const { octokit } = await setup();
    await run(octokit, [prodPr('1.1.0')]);
    fake!.repo.commitFiles('main', { [PROD]: setNewTag(FIXTURE[PROD]!, '1.1.0') }); // someone deploys it by hand
    fake!.inject({ operation: 'issues/create-comment', handled: true, reply: { status: 502, body: { message: 'Bad Gateway' }, assumed: true } });
    const { result } = await run(octokit, [prodPr('1.1.0')]);
    expect(result.pullRequests.map((p) => p.operation)).toEqual(['closed']);
    expect(fake!.repo.pulls[0]!.comments).toHaveLength(1);
    expect(fake!.repo.pulls[0]!.state).toBe('closed');
    expect(fake!.count('issues/create-comment')).toBe(1);
  });
});

describe('publishGroups: edge cases', () => {
  it('closes nothing and writes nothing when no group has changes', async () => {
    const { octokit } = await setup();
    const { result, publishRequests } = await run(octokit, [prodPr('1.0.0')]);
    expect(result).toEqual({ pullRequests: [], notes: [], failures: [] });
    expect(publishRequests).toBe(1);
  });

  it('refuses two commit groups that edit one file differently', async () => {
    const { octokit } = await setup();
    const text = FIXTURE[DEV]!;
    const snapshot = await readRepoSnapshot(octokit, { owner: 'acme', repo: 'gitops', branch: 'main' });
    const group = (to: string) => ({ key: to, mode: 'commit' as const, changes: [], files: [{ path: DEV, before: text, after: setNewTag(text, to) }], labels: [], reviewers: [], teamReviewers: [], assignees: [], draft: false });
    const result = await publishGroups({ octokit }, { owner: 'acme', repo: 'gitops', baseBranch: 'main', snapshot, groups: [group('1.1.0'), group('1.2.0')] });
    expect(result.failures.map((f) => f.key)).toEqual(['commit:main']);
    expect(result.failures[0]!.error.fix).toMatch(/Put these Applications in one group/);
  });
});

describe('publishGroups: git-branch base:target (the updater since 0.15)', () => {
  const wants: Want[] = [{ key: 'commit:release', app: 'dev-web', mode: 'commit', file: DEV, to: '1.4.0' }];
  const onRelease = (groups: ReturnType<typeof planGroups>) => groups.map((g) => ({ ...g, commitBranch: 'release' }));
  async function publishToRelease(octokit: GitHubClient) {
    const snapshot = await readRepoSnapshot(octokit, { owner: 'acme', repo: 'gitops', branch: 'main' });
    return publishGroups({ octokit }, {
      owner: 'acme', repo: 'gitops', baseBranch: 'main', snapshot, groups: onRelease(planGroups(snapshot.files, wants)), replan: (s) => onRelease(planGroups(s.files, wants)),
    });
  }

  it('commits on top of an existing write branch: commits only there are kept, never force-pushed over', async () => {
    const { octokit } = await setup();
    const main = fake!.repo.refs.get('heads/main')!;
    fake!.repo.refs.set('heads/release', main);
    const theirs = fake!.repo.commitFiles('release', { 'NOTES.md': 'only on release\n' }, 'release notes');
    const result = await publishToRelease(octokit);
    const head = fake!.repo.refs.get('heads/release')!;
    expect(result.commitSha).toBe(head);
    expect(fake!.repo.git.commits.get(head)!.parents).toEqual([theirs]);
    expect(fake!.repo.files('release').get('NOTES.md')).toBe('only on release\n');
    expect(fake!.repo.files('release').get(DEV)).toContain('newTag: 1.4.0');
    expect(fake!.repo.refs.get('heads/main')).toBe(main);
    expect(fake!.count('git/update-ref')).toBe(1);
    expect(fake!.requests.find((r) => r.operation === 'git/update-ref')).toMatchObject({ status: 200 });
  });

  it('plans on the write branch: a tag already there is not committed again', async () => {
    const { octokit } = await setup();
    fake!.repo.refs.set('heads/release', fake!.repo.refs.get('heads/main')!);
    const there = fake!.repo.commitFiles('release', { [DEV]: setNewTag(fake!.repo.files('main').get(DEV)!, '1.4.0') }, 'by hand');
    const result = await publishToRelease(octokit);
    expect(result.commitSha).toBeUndefined();
    expect(fake!.repo.refs.get('heads/release')).toBe(there);
    expect(result.notes).toContain('release already has these changes; nothing committed');
  });

  it('creates the write branch from the base when it does not exist', async () => {
    const { octokit } = await setup();
    const main = fake!.repo.refs.get('heads/main')!;
    const result = await publishToRelease(octokit);
    const head = fake!.repo.refs.get('heads/release')!;
    expect(result.commitSha).toBe(head);
    expect(fake!.repo.git.commits.get(head)!.parents).toEqual([main]);
    expect(fake!.repo.files('release').get(DEV)).toContain('newTag: 1.4.0');
  });
});

describe('publishGroups: no run leaves a pull request older than the newest run proposed', () => {
  const proposed = () => {
    const open = fake!.repo.openPulls();
    expect(open).toHaveLength(1);
    return { tag: /newTag: (\S+)/.exec(fake!.repo.files(open[0]!.head).get(PROD)!)?.[1], title: open[0]!.title };
  };

  it('a stale run after a fresh one leaves the pull request at the newer tag, unchanged with the reason', async () => {
    const { octokit } = await setup();
    await run(octokit, [prodPr('1.2.0')]);
    const head = fake!.repo.refs.get('heads/image-promoter/prod-web');
    const { result } = await run(octokit, [prodPr('1.1.0')]);
    expect(result.pullRequests).toEqual([expect.objectContaining({ operation: 'unchanged', reason: "already proposes 1.2.0, newer than this run's 1.1.0" })]);
    expect(result.withheld?.[0]?.reason).toContain('already proposes asia.gcr.io/acme/web 1.2.0, newer than 1.1.0 by its semver order');
    expect(fake!.repo.refs.get('heads/image-promoter/prod-web')).toBe(head);
    expect(proposed()).toEqual({ tag: '1.2.0', title: 'chore(deploy): prod-web: web 1.0.0 → 1.2.0' });
    // A newer tag still moves it forward.
    await run(octokit, [prodPr('1.3.0')]);
    expect(proposed().tag).toBe('1.3.0');
  });

  it.each([
    ['older first', ['1.1.0', '1.2.0']],
    ['newer first', ['1.2.0', '1.1.0']],
  ])('two runs in parallel (%s) end with one pull request at the newer tag', async (_name, tags) => {
    const { newOctokit } = await setup();
    await Promise.all(tags.map((tag) => run(newOctokit(), [prodPr(tag)])));
    expect(proposed()).toEqual({ tag: '1.2.0', title: 'chore(deploy): prod-web: web 1.0.0 → 1.2.0' });
  });
});

describe('publishGroups: branch keys', () => {
  it('a group PR opened on the bare group name before keys were qualified stays where it is', async () => {
    const { octokit } = await setup();
    await run(octokit, [prodPr('1.1.0', { key: 'web' })]); // the old branch: image-promoter/web
    const snapshot = await readRepoSnapshot(octokit, { owner: 'acme', repo: 'gitops', branch: 'main' });
    const wants = [prodPr('1.2.0', { key: 'web' })];
    const qualified = (s: typeof snapshot) => planGroups(s.files, wants).map((g) => ({ ...g, branchKey: 'group+web' }));
    const result = await publishGroups({ octokit }, { owner: 'acme', repo: 'gitops', baseBranch: 'main', snapshot, groups: qualified(snapshot), replan: qualified });
    expect(result.pullRequests).toEqual([expect.objectContaining({ number: 1, branch: 'image-promoter/web', operation: 'updated' })]);
    expect(fake!.repo.refs.has('heads/image-promoter/group+web')).toBe(false);
    expect(fake!.repo.files('image-promoter/web').get(PROD)).toContain('newTag: 1.2.0');
  });
});

describe('publishGroups: a run that checked only some Applications of a group', () => {
  it('keeps what the group PR carries for the others and changes only its own entries', async () => {
    const { octokit } = await setup();
    const both: Want[] = [
      { key: 'all', app: 'prod-web', mode: 'pull-request', file: PROD, to: '1.1.0' },
      { key: 'all', app: 'dev-web', mode: 'pull-request', file: DEV, to: '1.4.0' },
    ];
    const grouped = (s: Awaited<ReturnType<typeof readRepoSnapshot>>, wants: Want[]) => {
      const groups = planGroups(s.files, wants);
      return [{ ...groups[0]!, applications: wants.map((w) => w.app), changes: groups.flatMap((g) => g.changes), files: groups.flatMap((g) => g.files) }];
    };
    const publish = async (wants: Want[]) => {
      const snapshot = await readRepoSnapshot(octokit, { owner: 'acme', repo: 'gitops', branch: 'main' });
      return publishGroups({ octokit }, { owner: 'acme', repo: 'gitops', baseBranch: 'main', snapshot, groups: grouped(snapshot, wants), replan: (s) => grouped(s, wants) });
    };
    await publish(both);
    const onlyProd = [{ ...both[0]!, to: '1.2.0' }];
    const result = await publish(onlyProd);
    expect(result.pullRequests).toEqual([expect.objectContaining({ number: 1, operation: 'updated', applications: ['prod-web', 'dev-web'] })]);
    const files = fake!.repo.files('image-promoter/all');
    expect(files.get(PROD)).toContain('newTag: 1.2.0');
    expect(files.get(DEV)).toContain('newTag: 1.4.0');
    expect(fake!.repo.pulls[0]!.body).toContain('`1.4.0`');
    // The same filtered run again: its part is already proposed, nothing is pushed.
    const head = fake!.repo.refs.get('heads/image-promoter/all');
    expect((await publish(onlyProd)).pullRequests).toEqual([expect.objectContaining({ operation: 'unchanged' })]);
    expect(fake!.repo.refs.get('heads/image-promoter/all')).toBe(head);
  });
});

describe('publishGroups: a shard that checked only some images of an Application', () => {
  it('keeps the entries the PR carries for the Application\'s other images (another shard\'s)', async () => {
    const { octokit } = await setup();
    const web: Want = { key: 'web', app: 'web', mode: 'pull-request', file: PROD, to: '1.1.0' };
    const sidecar: Want = { ...web, file: DEV, image: 'asia.gcr.io/acme/sidecar', to: '1.4.0' };
    const grouped = (s: Awaited<ReturnType<typeof readRepoSnapshot>>, wants: Want[], partial?: string[]) => {
      const groups = planGroups(s.files, wants);
      return [{ ...groups[0]!, applications: ['web'], ...(partial ? { partialApplications: partial } : {}), changes: groups.flatMap((g) => g.changes), files: groups.flatMap((g) => g.files) }];
    };
    const publish = async (wants: Want[], partial?: string[]) => {
      const snapshot = await readRepoSnapshot(octokit, { owner: 'acme', repo: 'gitops', branch: 'main' });
      return publishGroups({ octokit }, { owner: 'acme', repo: 'gitops', baseBranch: 'main', snapshot, groups: grouped(snapshot, wants, partial), replan: (s) => grouped(s, wants, partial) });
    };
    await publish([web, sidecar]);
    const result = await publish([{ ...web, to: '1.2.0' }], ['web']);
    expect(result.pullRequests).toEqual([expect.objectContaining({ number: 1, operation: 'updated' })]);
    const files = fake!.repo.files('image-promoter/web');
    expect(files.get(PROD)).toContain('newTag: 1.2.0');
    expect(files.get(DEV)).toContain('newTag: 1.4.0');
    expect(fake!.repo.pulls[0]!.body).toContain('asia.gcr.io/acme/sidecar');
  });
});
