/** Reading the manifests repository through the API: what is not read and why, and every refusal said exactly. */
import { describe, expect, it } from 'vitest';
import { decodeLossless } from '../../src/edit/lossless-text.js';
import { PublishError } from '../../src/errors.js';
import { MapRepoFiles, readBlobTexts, readRepoSnapshot } from '../../src/publish/read-snapshot.js';
import { fakeGitHubEach } from '../../test-support/fake-github/each.js';

const github = fakeGitHubEach();
const MAIN = { owner: 'acme', repo: 'gitops', branch: 'main' };
const FORBIDDEN = { status: 403, body: { message: 'Resource not accessible by integration' }, assumed: true };
const CHECKOUT_FIX = 'Check the repository out with actions/checkout and pass its directory as `path`.';
const errorOf = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as PublishError);
const blob = (text: string | null, over: Record<string, unknown> = {}) => ({ text, byteSize: text?.length ?? 3, isBinary: false, isTruncated: false, ...over });

describe('MapRepoFiles.directories', () => {
  it('lists the tree\'s directories sorted, and none when the tree was not given', () => {
    expect(new MapRepoFiles(new Map(), new Map(), new Set(['b', 'a/c', 'a'])).directories()).toEqual(['a', 'a/c', 'b']);
    expect(new MapRepoFiles(new Map()).directories()).toEqual([]);
  });
});

describe('readRepoSnapshot', () => {
  it('says why a submodule and a binary YAML file were not read', async () => {
    const octokit = await github.start({ 'a.yaml': 'a: 1\n' });
    const sha = (c: string) => c.repeat(40);
    const tree = [
      { path: 'a.yaml', mode: '100644', type: 'blob', sha: sha('a'), size: 5 },
      { path: 'bin.yaml', mode: '100644', type: 'blob', sha: sha('b'), size: 3 },
      { path: 'vendor', mode: '160000', type: 'commit', sha: sha('c') },
    ];
    github.fake().inject({ operation: 'git/get-tree', reply: { status: 200, body: { sha: sha('d'), url: 'https://x', tree, truncated: false } } });
    github.fake().inject({ operation: 'graphql', reply: { status: 200, body: { data: { repository: { f0: blob('a: 1\n'), f1: blob(null, { isBinary: true }) } } } } });
    const files = (await readRepoSnapshot(octokit, MAIN)).files;
    expect([files.list(), files.unread?.('vendor'), files.unread?.('bin.yaml')]).toEqual([['a.yaml'], 'it is a submodule', 'it is binary']);
  });

  it('refuses a tree too large for one listing, with the fix', async () => {
    const octokit = await github.start({ 'a.yaml': 'a: 1\n' });
    github.fake().inject({ operation: 'git/get-tree', reply: { status: 200, body: { sha: 'd'.repeat(40), url: 'https://x', tree: [], truncated: true } } });
    const error = await errorOf(readRepoSnapshot(octokit, MAIN));
    expect([error!.message, error!.fix]).toEqual(['acme/gitops has too many files to list in one request.', CHECKOUT_FIX]);
  });

  it.each([
    { operation: 'git/get-ref', message: 'reading branch main in acme/gitops failed (HTTP 403: Resource not accessible by integration).' },
    { operation: 'git/get-tree', message: 'reading the tree of main in acme/gitops failed (HTTP 403: Resource not accessible by integration).' },
    { operation: 'graphql', message: 'reading the YAML files in acme/gitops failed (HTTP 403: Resource not accessible by integration).' },
  ])('says what it was reading when $operation is refused', async ({ operation, message }) => {
    const octokit = await github.start({ 'a.yaml': 'a: 1\n' });
    github.fake().inject({ operation, reply: FORBIDDEN });
    expect((await errorOf(readRepoSnapshot(octokit, MAIN)))!.message).toBe(message);
  });

  it('names the file whose bytes it could not read', async () => {
    const octokit = await github.start({ 'apps/latin1.yaml': decodeLossless(Buffer.from('# r\xe9gl\xe9\n', 'latin1')) });
    github.fake().inject({ operation: 'git/get-blob', reply: FORBIDDEN });
    expect((await errorOf(readRepoSnapshot(octokit, MAIN)))!.message).toBe('reading apps/latin1.yaml in acme/gitops failed (HTTP 403: Resource not accessible by integration).');
  });
});

describe('readBlobTexts', () => {
  it('refuses a blob id that is not hex', async () => {
    const octokit = await github.start({ 'a.yaml': 'a: 1\n' });
    await expect(readBlobTexts(octokit, 'acme', 'gitops', [{ path: 'a.yaml', sha: 'f0: x', size: 1 }])).rejects.toThrow(new PublishError('unexpected blob id in the tree listing.'));
  });

  it('refuses a file too large to read, naming it, with the fix', async () => {
    const octokit = await github.start({ 'a.yaml': 'a: 1\n' });
    github.fake().inject({ operation: 'graphql', reply: { status: 200, body: { data: { repository: { f0: blob('a', { isTruncated: true }) } } } } });
    const error = await errorOf(readBlobTexts(octokit, 'acme', 'gitops', [{ path: 'apps/huge.yaml', sha: 'a'.repeat(40), size: 1 }]));
    expect([error!.message, error!.file, error!.fix]).toEqual(['apps/huge.yaml is too large to read through the API.', 'apps/huge.yaml', CHECKOUT_FIX]);
  });
});
