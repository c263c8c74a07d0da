/**
 * carryOthers on its own, against the fake GitHub: which of an open pull request's entries for other Applications
 * are kept by blob, merged with this run's version of their file, or given up with a warning, and what it reads.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { carryOthers, type CarryParams } from '../../src/publish/carry.js';
import { headMarker, type RecordedChange } from '../../src/publish/pr-record.js';
import type { OpenPull } from '../../src/publish/pull-request.js';
import { readRepoSnapshot } from '../../src/publish/read-snapshot.js';
import type { GitHubClient } from '../../src/publish/octokit.js';
import type { Split } from '../../src/publish/owner.js';
import { startFakeGitHub } from '../../test-support/fake-github/harness.js';
import type { FakeGitHub } from '../../test-support/fake-github/index.js';

const A = 'apps/a.yaml';
const B = 'apps/b.yaml';
const URL = 'https://github.com/acme/gitops/pull/1';
const TARGET = { owner: 'acme', repo: 'gitops', base: 'main' };
const text = (a: string, b: string, tail = '') => `images:\n- name: acme/a\n  newTag: ${a}\n- name: acme/b\n  newTag: ${b}\n${tail}`;
const entry = (over: Partial<RecordedChange> = {}): RecordedChange => ({
  app: 'app-a', alias: 'a', image: 'acme/a', from: '1.0.0', to: '1.1.0', strategy: 'semver', file: A, ...over,
});
const split = (over: Partial<Split> = {}): Split => ({ mine: [], stale: [], others: [], ...over });

let fake: FakeGitHub | undefined;
afterEach(async () => {
  expect(fake!.violations).toEqual([]);
  await fake!.stop();
});

interface World {
  octokit: GitHubClient;
  built: string;
  head: string;
  params: (s: Split, over?: Partial<CarryParams>) => Promise<CarryParams>;
}

/**
 * world seeds main, branches the pull request off it (or from nothing) with `pr` on top, then lets main move
 * (`main`: files written, null deletes), as a run would find it.
 */
async function world(pr: Record<string, string>, opts: { main?: Record<string, string | null>; marker?: boolean; orphan?: boolean } = {}): Promise<World> {
  const started = await startFakeGitHub({ [A]: text('1.0.0', '2.0.0'), [B]: text('1.0.0', '2.0.0') });
  fake = started.fake;
  const repo = fake.repo;
  const built = repo.refs.get('heads/main')!;
  if (!opts.orphan) repo.refs.set('heads/pr', built);
  const head = repo.commitFiles('pr', pr);
  if (opts.main) {
    const parent = repo.refs.get('heads/main')!;
    const writes = Object.entries(opts.main).map(([path, content]) => (content === null ? { path, sha: null } : { path, content }));
    const tree = repo.git.writeTree(repo.git.trees.get(repo.git.commits.get(parent)!.tree), writes);
    repo.refs.set('heads/main', repo.git.putCommit(tree, [parent], 'moved', { name: 'someone', email: 'someone@example.com' }).sha);
  }
  const existing: OpenPull = {
    number: 1, url: URL, branch: 'pr', nodeId: 'PR_1', headSha: head, title: 't', body: opts.marker === false ? 'no marker' : `body\n${headMarker(head, built)}`,
  };
  const params = async (s: Split, over: Partial<CarryParams> = {}): Promise<CarryParams> => ({
    existing, split: s, own: [], files: [], snapshot: await readRepoSnapshot(started.octokit, { owner: 'acme', repo: 'gitops', branch: 'main' }), baseBranch: 'main', ...over,
  });
  return { octokit: started.octokit, built, head, params };
}

const blobAt = (commit: string, path: string) => fake!.repo.git.trees.get(fake!.repo.git.commits.get(commit)!.tree)!.get(path)!;
const asChange = (c: RecordedChange) => ({ application: c.app, label: c.app, alias: c.alias, image: c.image, from: c.from, to: c.to, strategy: c.strategy, file: c.file });

describe('carryOthers: nothing to carry', () => {
  it('reads nothing when the pull request has no entries of others, and notes each stale entry of a checked image', async () => {
    const w = await world({ [A]: text('1.1.0', '2.0.0') });
    const stale = entry({ app: 'app-b', image: 'acme/b', alias: 'b', to: '2.1.0' });
    const p = await w.params(split({ mine: [stale], stale: [stale] }));
    const since = fake!.requests.length;
    expect(await carryOthers(w.octokit, TARGET, p)).toStrictEqual({
      changes: [], files: [], entries: [], warnings: [],
      notes: [`app-b: acme/b 2.1.0 is no longer proposed in ${URL}: this run checked it and has nothing to change (already at the chosen tag on main, or no longer wanted)`],
    });
    expect(fake!.count(undefined, since)).toBe(0);
  });
});

describe('carryOthers: kept by blob', () => {
  it('keeps by blob a file of others that the base did not touch since the pull request was built (no text read)', async () => {
    const w = await world({ [A]: text('1.1.0', '2.0.0') });
    const other = entry({ created: '2024-01-01T00:00:00Z', seenAt: '2024-01-02T00:00:00Z' });
    const p = await w.params(split({ others: [other] }));
    const since = fake!.requests.length;
    expect(await carryOthers(w.octokit, TARGET, p)).toStrictEqual({
      changes: [{ ...asChange(other), created: '2024-01-01T00:00:00Z', seenAt: '2024-01-02T00:00:00Z' }],
      files: [], entries: [{ path: A, sha: blobAt(w.head, A) }], warnings: [], notes: [],
    });
    expect(fake!.requests.slice(since).map((r) => r.operation)).toEqual(['git/get-tree', 'git/get-tree']);
  });

  it('still keeps it by blob when this run\'s own entries are in another file', async () => {
    const w = await world({ [A]: text('1.1.0', '2.0.0') });
    const p = await w.params(split({ others: [entry()], mine: [entry({ app: 'app-b', file: B, to: '9.0.0' })] }));
    const out = await carryOthers(w.octokit, TARGET, p);
    expect([out.entries, out.files]).toEqual([[{ path: A, sha: blobAt(w.head, A) }], []]);
  });

  it('keeps by blob a file the pull request added and the base does not have', async () => {
    const w = await world({ 'apps/new.yaml': text('1.1.0', '2.0.0') });
    const other = entry({ file: 'apps/new.yaml', from: null });
    const out = await carryOthers(w.octokit, TARGET, await w.params(split({ others: [other] })));
    expect(out).toStrictEqual({ changes: [asChange(other)], files: [], entries: [{ path: 'apps/new.yaml', sha: blobAt(w.head, 'apps/new.yaml') }], warnings: [], notes: [] });
  });

  it('carries the entry of a file the pull request left as it was on its base, but neither keeps nor merges the file', async () => {
    const w = await world({ [A]: text('1.1.0', '2.0.0') });
    const out = await carryOthers(w.octokit, TARGET, await w.params(split({ others: [entry({ file: B })] })));
    expect(out).toStrictEqual({ changes: [asChange(entry({ file: B }))], files: [], entries: [], warnings: [], notes: [] });
  });
});

describe('carryOthers: entries that cannot be kept', () => {
  it('gives up each entry, with a warning, when the pull request does not say which base it was built on', async () => {
    const w = await world({ [A]: text('1.1.0', '2.0.0'), [B]: text('1.0.0', '2.1.0') }, { marker: false });
    const others = [entry(), entry({ app: 'app-b', alias: 'b', image: 'acme/b', to: '2.1.0', file: B })];
    const p = await w.params(split({ others }));
    const since = fake!.requests.length;
    const out = await carryOthers(w.octokit, TARGET, p);
    expect(out).toStrictEqual({
      changes: [], files: [], entries: [], notes: [],
      warnings: [
        `app-a: acme/a 1.1.0 in ${URL} could not be kept (the pull request does not say which base it was built on); a run over every Application proposes it again`,
        `app-b: acme/b 2.1.0 in ${URL} could not be kept (the pull request does not say which base it was built on); a run over every Application proposes it again`,
      ],
    });
    expect(fake!.count('git/get-tree', since)).toBe(1);
  });

  it('gives up an entry whose file is not on the pull request\'s branch', async () => {
    const w = await world({ [A]: text('1.1.0', '2.0.0') });
    const out = await carryOthers(w.octokit, TARGET, await w.params(split({ others: [entry({ file: 'apps/gone.yaml' })] })));
    expect(out.warnings).toEqual([`app-a: acme/a 1.1.0 in ${URL} could not be kept (apps/gone.yaml is not on its branch); a run over every Application proposes it again`]);
    expect([out.changes, out.entries, out.files]).toEqual([[], [], []]);
  });

  it('treats a path that is a directory on the pull request\'s branch as not on it', async () => {
    const w = await world({ [`${A}/inner.yaml`]: text('1.1.0', '2.0.0') }, { orphan: true });
    const out = await carryOthers(w.octokit, TARGET, await w.params(split({ others: [entry()] })));
    expect(out.warnings).toEqual([`app-a: acme/a 1.1.0 in ${URL} could not be kept (${A} is not on its branch); a run over every Application proposes it again`]);
    expect(out.entries).toEqual([]);
  });

  it('says which tree it could not read', async () => {
    const w = await world({ [A]: text('1.1.0', '2.0.0') }, { marker: false });
    const p = await w.params(split({ others: [entry()] }));
    fake!.inject({ operation: 'git/get-tree', reply: { status: 404, body: { message: 'Not Found' }, assumed: true } });
    await expect(carryOthers(w.octokit, TARGET, p)).rejects.toThrow(`reading the tree of ${w.head.slice(0, 7)} in acme/gitops failed (HTTP 404: Not Found).`);
  });
});

describe('carryOthers: merged with this run\'s version', () => {
  it('merges a file the base changed elsewhere since: both changes, before is the base\'s text', async () => {
    const w = await world({ [A]: text('1.1.0', '2.0.0') }, { main: { [A]: text('1.0.0', '2.1.0') } });
    const out = await carryOthers(w.octokit, TARGET, await w.params(split({ others: [entry()] })));
    expect(out).toStrictEqual({ changes: [asChange(entry())], files: [{ path: A, before: text('1.0.0', '2.1.0'), after: text('1.1.0', '2.1.0') }], entries: [], warnings: [], notes: [] });
  });

  it('merges with this run\'s edit of the file rather than the base\'s text', async () => {
    const w = await world({ [A]: text('1.1.0', '2.0.0') });
    const mine = entry({ app: 'app-b', alias: 'b', image: 'acme/b', to: '2.2.0' });
    const p = await w.params(split({ others: [entry()], mine: [mine] }), { own: [mine], files: [{ path: A, before: text('1.0.0', '2.0.0'), after: text('1.0.0', '2.2.0') }] });
    const out = await carryOthers(w.octokit, TARGET, p);
    expect(out.files).toEqual([{ path: A, before: text('1.0.0', '2.0.0'), after: text('1.1.0', '2.2.0') }]);
  });

  it('pushes no file when the base already has the pull request\'s lines', async () => {
    const w = await world({ [A]: text('1.1.0', '2.0.0') }, { main: { [A]: text('1.1.0', '2.0.0', '# moved\n') } });
    const out = await carryOthers(w.octokit, TARGET, await w.params(split({ others: [entry()] })));
    expect([out.files, out.entries, out.warnings]).toEqual([[], [], []]);
  });

  it('does not let this run\'s entries in other files claim the pull request\'s lines in this one', async () => {
    const w = await world({ [A]: text('1.1.0', '3.0.0') }, { main: { [A]: text('1.0.0', '2.0.0', '# moved\n') } });
    const p = await w.params(split({ others: [entry()], mine: [entry({ app: 'app-b', alias: 'b', image: 'acme/b', to: '3.0.0', file: B })] }));
    const out = await carryOthers(w.octokit, TARGET, p);
    expect(out.files.map((f) => f.after)).toEqual([text('1.1.0', '3.0.0', '# moved\n')]);
  });

  it('merges a file the base deleted since: the pull request\'s lines are kept, with a warning at file:line', async () => {
    const w = await world({ [A]: text('1.1.0', '2.0.0') }, { main: { [A]: null } });
    const out = await carryOthers(w.octokit, TARGET, await w.params(split({ others: [entry()] })));
    expect(out.files).toEqual([{ path: A, before: null, after: text('1.1.0', '2.0.0') }]);
    expect(out.warnings).toEqual([
      `${A}:1: main and ${URL} changed this line differently (\`(nothing)\` on main, \`images: / - name: acme/a / newTag: 1.1.0 / - name: acme/b / newTag: 2.0.0\` in the pull request (app-a acme/a 1.1.0)); the pull request's line is kept: check it before merging, or close the pull request so a run over every Application proposes it again`,
    ]);
  });

  it('leaves a file the base deleted deleted when its only change on the pull request is a checked image\'s stale entry', async () => {
    const w = await world({ [A]: text('1.0.0', '2.1.0') }, { main: { [A]: null } });
    const stale = entry({ app: 'app-b', alias: 'b', image: 'acme/b', to: '2.1.0' });
    const out = await carryOthers(w.octokit, TARGET, await w.params(split({ others: [entry()], mine: [stale], stale: [stale] })));
    expect([out.files, out.warnings]).toEqual([[], []]);
  });

  it('merges a file both the base and the pull request added, from an empty base: the pull request\'s lines, with a warning', async () => {
    const w = await world({ 'apps/new.yaml': text('1.1.0', '2.0.0') }, { main: { 'apps/new.yaml': text('1.0.0', '2.0.0') } });
    const out = await carryOthers(w.octokit, TARGET, await w.params(split({ others: [entry({ file: 'apps/new.yaml' })] })));
    expect(out.files).toEqual([{ path: 'apps/new.yaml', before: text('1.0.0', '2.0.0'), after: text('1.1.0', '2.0.0') }]);
    expect(out.warnings).toEqual([
      `apps/new.yaml:1: main and ${URL} changed this line differently (\`images: / - name: acme/a / newTag: 1.0.0 / - name: acme/b / newTag: 2.0.0\` on main, \`images: / - name: acme/a / newTag: 1.1.0 / - name: acme/b / newTag: 2.0.0\` in the pull request (app-a acme/a 1.1.0)); the pull request's line is kept: check it before merging, or close the pull request so a run over every Application proposes it again`,
    ]);
  });

  it('keeps the pull request\'s file by blob, with a warning, when its text cannot be read', async () => {
    const w = await world({ [A]: text('1.1.0', '2.0.0') }, { main: { [A]: text('1.0.0', '2.1.0') } });
    const p = await w.params(split({ others: [entry()] }));
    const blob = { text: null, byteSize: 10, isBinary: true, isTruncated: false };
    fake!.inject({ operation: 'graphql', reply: { status: 200, body: { data: { repository: { f0: blob, f1: blob } } } } });
    const out = await carryOthers(w.octokit, TARGET, p);
    expect(out.warnings).toEqual([`${A} in ${URL} is not text; its entries could not be merged and are kept as they are on the pull request's branch`]);
    expect([out.entries, out.files]).toEqual([[{ path: A, sha: blobAt(w.head, A) }], []]);
  });

  it('names the file and the commit of a blob too large to read', async () => {
    const w = await world({ [A]: text('1.1.0', '2.0.0') }, { main: { [A]: text('1.0.0', '2.1.0') } });
    const p = await w.params(split({ others: [entry()] }));
    const blob = { text: 'x', byteSize: 1, isBinary: false, isTruncated: true };
    fake!.inject({ operation: 'graphql', reply: { status: 200, body: { data: { repository: { f0: blob, f1: blob } } } } });
    await expect(carryOthers(w.octokit, TARGET, p)).rejects.toThrow(`${A} at ${w.head.slice(0, 7)} is too large to read through the API.`);
  });
});
