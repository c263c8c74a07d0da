/**
 * The fake GitHub's GraphQL Commit objects: `history(path:)` (commits that changed the path, newest first, as
 * GitHub lists them), `file(path:)` and `statusCheckRollup` over the fake's recorded check runs and statuses.
 */
import type { FakeGitHub } from './server.js';
import type { FakeCheck } from './model.js';
import type { StoredCommit } from './git-store.js';

type BlobJson = (fake: FakeGitHub, oid: string) => Record<string, unknown> | null;

/** commitNode renders a stored commit as a GraphQL Commit with its resolvers. */
export function commitNode(fake: FakeGitHub, sha: string, blobJson: BlobJson): Record<string, unknown> | null {
  const commit = fake.repo.git.commits.get(sha);
  if (!commit) return null;
  return {
    __typename: 'Commit',
    id: `C_${sha}`,
    oid: sha,
    committedDate: commit.committer.date,
    url: `https://github.example/${fake.repo.fullName}/commit/${sha}`,
    file: ({ path }: { path: string }) => {
      const blob = blobAt(fake, sha, path);
      return blob ? { name: path.split('/').pop(), path, oid: blob, object: blobJson(fake, blob) } : null;
    },
    history: ({ path, first }: { path?: string; first?: number }) => {
      const all = touching(fake, commit, path);
      const nodes = all.slice(0, first ?? 100).map((c) => commitNode(fake, c.sha, blobJson));
      return { totalCount: all.length, pageInfo: { hasNextPage: all.length > nodes.length, endCursor: null }, nodes };
    },
    parents: ({ first }: { first?: number }) => {
      const nodes = commit.parents.slice(0, first ?? 100).map((p) => commitNode(fake, p, blobJson));
      return { totalCount: commit.parents.length, pageInfo: { hasNextPage: commit.parents.length > nodes.length, endCursor: null }, nodes };
    },
    statusCheckRollup: () => rollup(fake.repo.checks.get(sha) ?? []),
  };
}

function blobAt(fake: FakeGitHub, sha: string, path: string): string | undefined {
  const commit = fake.repo.git.commits.get(sha);
  return commit ? fake.repo.git.trees.get(commit.tree)?.get(path) : undefined;
}

/** touching lists the ancestors of `head` (itself included) that changed `path` against their first parent, newest first. */
function touching(fake: FakeGitHub, head: StoredCommit, path: string | undefined): StoredCommit[] {
  const seen = new Map<string, StoredCommit>();
  const queue = [head.sha];
  while (queue.length > 0) {
    const sha = queue.pop()!;
    const commit = fake.repo.git.commits.get(sha);
    if (!commit || seen.has(sha)) continue;
    seen.set(sha, commit);
    queue.push(...commit.parents);
  }
  const changed = (c: StoredCommit) => path === undefined || blobAt(fake, c.sha, path) !== (c.parents[0] ? blobAt(fake, c.parents[0], path) : undefined);
  return [...seen.values()].filter(changed).sort((a, b) => (a.committer.date < b.committer.date ? 1 : a.committer.date > b.committer.date ? -1 : 0));
}

const STATUS_STATE: Record<string, string> = { success: 'SUCCESS', failure: 'FAILURE', error: 'ERROR', pending: 'PENDING' };

/** rollup is GitHub's statusCheckRollup: null without checks; else the contexts (check runs and statuses). */
function rollup(checks: readonly FakeCheck[]): Record<string, unknown> | null {
  if (checks.length === 0) return null;
  const nodes = checks.map((c) =>
    c.kind === 'status'
      ? { __typename: 'StatusContext', id: `SC_${c.id}`, context: c.context, state: STATUS_STATE[c.state] ?? 'EXPECTED' }
      : { __typename: 'CheckRun', id: `CR_${c.id}`, name: c.name, status: c.status.toUpperCase(), conclusion: c.conclusion === null ? null : c.conclusion.toUpperCase() },
  );
  return { contexts: ({ first }: { first?: number }) => ({ totalCount: nodes.length, pageInfo: { hasNextPage: false, endCursor: null }, nodes: nodes.slice(0, first ?? 100) }) };
}
