/**
 * Reading the manifests repo through the API in at most 3 requests whatever its size: the branch ref
 * (pins one commit SHA), the recursive tree of that commit, and one GraphQL query that fetches the
 * text of every `*.yaml`/`*.yml` blob by oid (aliases f0, f1, ...). A size cap refuses huge repos.
 */
import { decodeLossless } from '../edit/lossless-text.js';
import { PublishError } from '../errors.js';
import type { RepoFiles } from '../resolve/types.js';
import type { GitHubClient } from './octokit.js';
import type { RepoSnapshot } from './types.js';
import { toPublishError } from './github-errors.js';
import { MAX_JSON_BYTES } from '../discover/local-repo.js';

/** DEFAULT_MAX_SNAPSHOT_BYTES caps the YAML read through the API (50 MiB). */
export const DEFAULT_MAX_SNAPSHOT_BYTES = 50 * 1024 * 1024;

const YAML_FILE = /\.ya?ml$/i;
// JSON files are read for ApplicationSet git files generators (`config.json`), as the local reader does.
const JSON_FILE = /\.json$/i;

/** SnapshotParams name the branch to read. */
export interface SnapshotParams {
  owner: string;
  repo: string;
  branch: string;
  maxBytes?: number;
}

/** MapRepoFiles is a RepoFiles over a Map, plus (when known) the tree's other paths and its directories. */
export class MapRepoFiles implements RepoFiles {
  constructor(
    private readonly map: ReadonlyMap<string, string>,
    private readonly others: ReadonlyMap<string, string> = new Map(),
    private readonly dirs?: ReadonlySet<string>,
  ) {}
  /** unread says why a path of the tree was not read (issue 14 item 1: it is never replaced). */
  unread(path: string): string | undefined {
    if (this.map.has(path)) return undefined;
    return this.others.get(path) ?? (this.dirs?.has(path) ? 'it is a directory' : undefined);
  }
  /** directories lists the tree's directories, sorted (none known when the tree was not given). */
  directories(): readonly string[] {
    return this.dirs === undefined ? [] : [...this.dirs].sort();
  }
  /** hasDirectory tells whether the tree has the directory (true when the tree was not given). */
  hasDirectory(dir: string): boolean {
    return this.dirs === undefined || dir === '' || this.dirs.has(dir);
  }
  /** read returns a file's text. */
  read(path: string): string | undefined {
    return this.map.get(path);
  }
  /** list returns every path, sorted. */
  list(): readonly string[] {
    return [...this.map.keys()].sort();
  }
}

/** BlobEntry is one blob of a tree listing (`path` names it in messages). */
export interface BlobEntry {
  path: string;
  sha: string;
  size: number;
}

/** readRepoSnapshot reads every YAML file of `branch` at one commit. */
export async function readRepoSnapshot(octokit: GitHubClient, params: SnapshotParams): Promise<RepoSnapshot> {
  const { owner, repo, branch } = params;
  const repository = `${owner}/${repo}`;
  const sha = await readBranchSha(octokit, params);
  const tree = await octokit.rest.git.getTree({ owner, repo, tree_sha: sha, recursive: 'true' }).catch((e: unknown) => {
    throw toPublishError(e, `reading the tree of ${branch}`, repository, branch);
  });
  if (tree.data.truncated) {
    throw new PublishError(`${repository} has too many files to list in one request.`, {
      fix: 'Check the repository out with actions/checkout and pass its directory as `path`.',
    });
  }
  const blobs = tree.data.tree
    .filter((e) => e.type === 'blob' && e.path && e.sha && (YAML_FILE.test(e.path) || (JSON_FILE.test(e.path) && (e.size ?? 0) <= MAX_JSON_BYTES)))
    .map((e) => ({ path: e.path!, sha: e.sha!, size: e.size ?? 0 }));
  checkSize(blobs, params.maxBytes ?? DEFAULT_MAX_SNAPSHOT_BYTES, repository);
  const texts = blobs.length === 0 ? new Map<string, string>() : await readBlobTexts(octokit, owner, repo, blobs);
  const { others, dirs } = unreadPaths(tree.data.tree, texts);
  return { sha, treeSha: tree.data.sha, files: new MapRepoFiles(texts, others, dirs) };
}

// The tree's directories, and every other path with the reason it was not read.
function unreadPaths(entries: { path?: string; type?: string }[], texts: ReadonlyMap<string, string>): { others: Map<string, string>; dirs: Set<string> } {
  const others = new Map<string, string>();
  const dirs = new Set<string>();
  for (const entry of entries) {
    if (!entry.path || texts.has(entry.path)) continue;
    if (entry.type === 'tree') dirs.add(entry.path);
    else others.set(entry.path, entry.type === 'commit' ? 'it is a submodule' : YAML_FILE.test(entry.path) ? 'it is binary' : 'it is not a YAML file');
  }
  return { others, dirs };
}

/** readBranchSha resolves a branch to its commit SHA; a missing branch is a clear error. */
export async function readBranchSha(octokit: GitHubClient, params: SnapshotParams): Promise<string> {
  const { owner, repo, branch } = params;
  try {
    const ref = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` });
    return ref.data.object.sha;
  } catch (e) {
    if ((e as { status?: number }).status === 404) {
      throw new PublishError(`branch ${branch} does not exist in ${owner}/${repo} (or the token cannot read the repository).`, {
        status: 404,
        fix: `Set \`base-branch\` to an existing branch (empty means the default branch). If the branch exists, the token cannot see ${owner}/${repo}: GITHUB_TOKEN only reaches the repository the workflow runs in, so for another repository (S1) pass a GitHub App token or a PAT that can read and write it.`,
      });
    }
    throw toPublishError(e, `reading branch ${branch}`, `${owner}/${repo}`, branch);
  }
}

function checkSize(blobs: BlobEntry[], maxBytes: number, repository: string): void {
  const total = blobs.reduce((sum, b) => sum + b.size, 0);
  if (total > maxBytes) {
    throw new PublishError(`the YAML files of ${repository} add up to ${total} bytes, more than the ${maxBytes} bytes read through the API.`, {
      fix: 'Check the repository out with actions/checkout and pass its directory as `path`.',
    });
  }
}

interface BlobNode {
  text: string | null;
  byteSize: number;
  isBinary: boolean | null;
  isTruncated: boolean;
}

/** readBlobTexts fetches all blob texts in one GraphQL query (one alias per distinct blob). */
export async function readBlobTexts(octokit: GitHubClient, owner: string, repo: string, blobs: BlobEntry[]): Promise<Map<string, string>> {
  const oids = [...new Set(blobs.map((b) => b.sha))];
  // Oids are hex (checked) so inlining them cannot inject anything into the document.
  if (oids.some((o) => !/^[0-9a-f]{40,64}$/.test(o))) throw new PublishError('unexpected blob id in the tree listing.');
  const fields = oids.map((oid, i) => `f${i}: object(oid: "${oid}") { ... on Blob { text byteSize isBinary isTruncated } }`);
  const query = `query($owner: String!, $repo: String!) { repository(owner: $owner, name: $repo) { ${fields.join(' ')} } }`;
  const data = await octokit.graphql<{ repository: Record<string, BlobNode | null> | null }>(query, { owner, repo }).catch((e: unknown) => {
    throw toPublishError(e, 'reading the YAML files', `${owner}/${repo}`);
  });
  const byOid = new Map(oids.map((oid, i) => [oid, data.repository?.[`f${i}`] ?? null]));
  const texts = new Map<string, string>();
  for (const blob of blobs) {
    const node = byOid.get(blob.sha);
    if (!node || node.isBinary || node.text === null) continue;
    if (node.isTruncated) {
      throw new PublishError(`${blob.path} is too large to read through the API.`, {
        file: blob.path,
        fix: 'Check the repository out with actions/checkout and pass its directory as `path`.',
      });
    }
    texts.set(blob.path, Buffer.byteLength(node.text) === node.byteSize ? node.text : await readRawBlob(octokit, owner, repo, blob));
  }
  return texts;
}

/**
 * readRawBlob reads a blob's bytes (REST, base64) when GraphQL's `text` is not its bytes: `text` is a UTF-8
 * string, so a blob holding bytes that are not UTF-8 (a Latin-1 comment) would lose them. Decoded losslessly,
 * an edit writes them back unchanged (issue 14 item 5). One request per such file; other files cost none.
 */
async function readRawBlob(octokit: GitHubClient, owner: string, repo: string, blob: BlobEntry): Promise<string> {
  const raw = await octokit.rest.git.getBlob({ owner, repo, file_sha: blob.sha }).catch((e: unknown) => {
    throw toPublishError(e, `reading ${blob.path}`, `${owner}/${repo}`);
  });
  return decodeLossless(Buffer.from(raw.data.content, 'base64'));
}
