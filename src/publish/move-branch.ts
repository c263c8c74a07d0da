/**
 * Moving an existing pull request branch of ours only if it still points at the head this run read: GraphQL
 * `updateRefs` with `beforeOid` is a compare-and-swap (forced, since a change rebuilt on the current base is not a
 * fast-forward of the old head), one request like the REST ref update it replaces. When another run or a person
 * moved the branch meanwhile, nothing is overwritten: BranchMoved is thrown and the caller re-reads and re-plans.
 */
import type { GitHubClient } from './octokit.js';
import { forceBranch } from './commit.js';
import { toPublishError } from './github-errors.js';

const UPDATE_REFS = `mutation($repositoryId: ID!, $name: GitRefname!, $afterOid: GitObjectID!, $beforeOid: GitObjectID!) {
  updateRefs(input: { repositoryId: $repositoryId, refUpdates: [{ name: $name, afterOid: $afterOid, beforeOid: $beforeOid, force: true }] }) { clientMutationId }
}`;

/** BranchMoved says a branch no longer points at the head this run read (another run or a person moved it). */
export class BranchMoved extends Error {
  constructor(
    readonly branch: string,
    readonly expected: string,
  ) {
    super(`branch ${branch} moved away from ${expected.slice(0, 7)} while this run was updating it`);
    this.name = 'BranchMoved';
  }
}

/** MoveFrom names the branch, the head this run read and the commit to move it to. */
export interface MoveFrom {
  owner: string;
  repo: string;
  /** GraphQL node id of the repository (`base.repo.node_id` of a pull request listing). */
  repositoryId?: string;
  branch: string;
  from: string;
  to: string;
}

const REPOSITORY_ID = `query($owner: String!, $name: String!) { repository(owner: $owner, name: $name) { id } }`;

/**
 * claimLeftover points a branch that exists without an open pull request (left by a merged or closed one) at `to`,
 * only while it still points at the commit read just before (getRef, the repository id, the move: 3 requests). A
 * branch that another run moved or created meanwhile is BranchMoved: the caller re-reads its pull request.
 */
export async function claimLeftover(octokit: GitHubClient, m: Omit<MoveFrom, 'from' | 'repositoryId'>): Promise<void> {
  const { owner, repo, branch } = m;
  const from = await octokit.rest.git.getRef({ owner, repo, ref: `heads/${branch}` }).then(
    (r) => r.data.object.sha,
    (e: { status?: number }) => {
      if (e.status === 404) return undefined;
      throw toPublishError(e, `reading branch ${branch}`, `${owner}/${repo}`, branch);
    },
  );
  if (from === undefined) {
    // Deleted meanwhile: create it, which fails if another run created it first.
    await octokit.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha: m.to }).catch((e: { status?: number }) => {
      throw e.status === 422 ? new BranchMoved(branch, '0'.repeat(40)) : toPublishError(e, `pushing branch ${branch}`, `${owner}/${repo}`, branch);
    });
    return;
  }
  const id = await octokit.graphql<{ repository: { id: string } | null }>(REPOSITORY_ID, { owner, name: repo }).then((r) => r.repository?.id, () => undefined);
  await moveBranchFrom(octokit, { ...m, from, ...(id ? { repositoryId: id } : {}) });
}

function graphqlText(e: unknown): string {
  const errors = (e as { errors?: { message?: string }[] }).errors;
  return Array.isArray(errors) ? errors.map((x) => x.message ?? '').join('; ') : e instanceof Error ? e.message : String(e);
}

/**
 * moveBranchFrom points `branch` at `to` only while it still points at `from` (1 request; 2 when GitHub refuses, to
 * tell a moved branch from another refusal). A server whose schema has no `updateRefs` (an older GitHub Enterprise
 * Server) gets the REST ref update instead, which cannot compare first.
 */
export async function moveBranchFrom(octokit: GitHubClient, m: MoveFrom): Promise<void> {
  const repository = `${m.owner}/${m.repo}`;
  if (!m.repositoryId) return forceBranch(octokit, m.owner, m.repo, m.branch, m.to, true);
  try {
    await octokit.graphql(UPDATE_REFS, { repositoryId: m.repositoryId, name: `refs/heads/${m.branch}`, afterOid: m.to, beforeOid: m.from });
    return;
  } catch (e) {
    const text = graphqlText(e);
    if (/updateRefs/.test(text) && /doesn't exist|does not exist|undefined field/i.test(text)) return forceBranch(octokit, m.owner, m.repo, m.branch, m.to, true);
    const now = await octokit.rest.git.getRef({ owner: m.owner, repo: m.repo, ref: `heads/${m.branch}` }).then(
      (r) => r.data.object.sha,
      (err: { status?: number }) => (err.status === 404 ? undefined : m.from),
    );
    // GitHub moved it and the answer was lost (a 502 from a proxy): done.
    if (now === m.to) return;
    if (now !== m.from) throw new BranchMoved(m.branch, m.from);
    throw toPublishError(Object.assign(new Error(text), { status: (e as { status?: number }).status ?? 422 }), `pushing branch ${m.branch}`, repository, m.branch);
  }
}
