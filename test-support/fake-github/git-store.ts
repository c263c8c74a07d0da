/**
 * In-memory git objects for the fake GitHub: blobs with real git blob SHAs, root trees kept as flat
 * path -> blob maps, commits with parents, and an ancestry check so refs can move only fast-forward.
 */
import { createHash } from 'node:crypto';
import { encodeLossless } from '../../src/edit/lossless-text.js';

/** FlatTree maps a repo-relative file path to its blob SHA. */
export type FlatTree = Map<string, string>;

/** StoredCommit is one commit object. */
export interface StoredCommit {
  sha: string;
  tree: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string };
  committer: { name: string; email: string; date: string };
  /** GitHub signs API commits made by a GitHub App or GITHUB_TOKEN without a custom author: shown as Verified. */
  verified?: boolean;
}

/** TreeWrite is one entry of a create-tree request. */
export interface TreeWrite {
  path: string;
  sha?: string | null;
  content?: string;
}

const DEFAULT_AUTHOR = { name: 'github-actions[bot]', email: '41898282+github-actions[bot]@users.noreply.github.com' };

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}

/** GitStore holds every object of one repository. */
export class GitStore {
  readonly blobs = new Map<string, string>();
  readonly trees = new Map<string, FlatTree>();
  readonly commits = new Map<string, StoredCommit>();
  private clock = Date.parse('2024-01-01T00:00:00Z');

  /**
   * putBlob stores text and returns its git blob SHA (`blob <len>\0<content>`). Text holds bytes that are
   * not UTF-8 as lossless-text escapes; the SHA is over the real bytes.
   */
  putBlob(text: string): string {
    const bytes = encodeLossless(text);
    const sha = createHash('sha1').update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes])).digest('hex');
    this.blobs.set(sha, text);
    return sha;
  }

  /** putTree stores a flat tree and returns its SHA (a hash of the sorted entries; not git's exact encoding). */
  putTree(tree: FlatTree): string {
    const entries = [...tree.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const sha = sha1(`tree ${JSON.stringify(entries)}`);
    this.trees.set(sha, new Map(entries));
    return sha;
  }

  /** writeTree applies create-tree entries on a base tree (sha null deletes a path). */
  writeTree(base: FlatTree | undefined, writes: TreeWrite[]): string {
    const tree: FlatTree = new Map(base ?? []);
    for (const w of writes) {
      if (w.content !== undefined) tree.set(w.path, this.putBlob(w.content));
      else if (w.sha === null) tree.delete(w.path);
      else if (w.sha) tree.set(w.path, w.sha);
    }
    return this.putTree(tree);
  }

  /** now is the fake's clock: the date its next commit gets, less a second. */
  now(): Date {
    return new Date(this.clock);
  }

  /** setNow moves the clock (commits made after are dated from there): tests date commits without sleeping. */
  setNow(date: Date): void {
    this.clock = date.getTime();
  }

  /** putCommit stores a commit; every commit gets a later timestamp so SHAs never collide. */
  putCommit(tree: string, parents: string[], message: string, author?: { name: string; email: string }): StoredCommit {
    this.clock += 1000;
    const date = new Date(this.clock).toISOString().replace('.000Z', 'Z');
    const who = { ...(author ?? DEFAULT_AUTHOR), date };
    const sha = sha1(`commit ${tree} ${parents.join(',')} ${date}\n${message}`);
    const commit: StoredCommit = { sha, tree, parents, message, author: who, committer: { ...DEFAULT_AUTHOR, date } };
    this.commits.set(sha, commit);
    return commit;
  }

  /** isAncestor says whether `ancestor` is reachable from `sha` (a commit is its own ancestor). */
  isAncestor(ancestor: string, sha: string): boolean {
    const seen = new Set<string>();
    const queue = [sha];
    while (queue.length > 0) {
      const next = queue.pop()!;
      if (next === ancestor) return true;
      if (seen.has(next)) continue;
      seen.add(next);
      queue.push(...(this.commits.get(next)?.parents ?? []));
    }
    return false;
  }

  /** filesAt returns the path -> text map of a commit. */
  filesAt(commitSha: string): Map<string, string> {
    const commit = this.commits.get(commitSha);
    const tree = commit ? this.trees.get(commit.tree) : undefined;
    return new Map([...(tree ?? [])].map(([path, blob]) => [path, this.blobs.get(blob) ?? '']));
  }

  /** treeListing returns a recursive tree listing with the directories git would list. */
  treeListing(treeSha: string): { path: string; type: 'blob' | 'tree'; sha: string; size?: number }[] {
    const tree = this.trees.get(treeSha) ?? new Map<string, string>();
    const dirs = new Set<string>();
    for (const path of tree.keys()) {
      const parts = path.split('/');
      for (let i = 1; i < parts.length; i++) dirs.add(parts.slice(0, i).join('/'));
    }
    const out: { path: string; type: 'blob' | 'tree'; sha: string; size?: number }[] = [...dirs].map((d) => ({ path: d, type: 'tree', sha: sha1(`dir ${treeSha} ${d}`) }));
    for (const [path, sha] of tree) out.push({ path, type: 'blob', sha, size: Buffer.byteLength(this.blobs.get(sha) ?? '') });
    return out.sort((a, b) => (a.path < b.path ? -1 : 1));
  }
}
