/**
 * github-history: a file's history through the GitHub API in ONE GraphQL request per file (issue 12):
 * `Commit.history(path:)` from the snapshot's commit, each node with the file's text at that commit (and at its
 * first parent, for merge commits) and, when gates are asked for, its `statusCheckRollup` (check runs and statuses). "Now" is GitHub's clock: the `Date` of
 * the answer, the clock that dated the commits.
 */
import { toPublishError } from '../publish/github-errors.js';
import type { GitHubClient } from '../publish/octokit.js';
import type { CheckState, FileHistory, FileVersion, PromotionAccess } from './types.js';

/** HISTORY_DEPTH is how many commits of a file one request reads (GitHub's page maximum). */
export const HISTORY_DEPTH = 100;

const HISTORY = `query($owner: String!, $repo: String!, $oid: GitObjectID!, $path: String!, $first: Int!, $withChecks: Boolean!) {
  repository(owner: $owner, name: $repo) {
    object(oid: $oid) {
      ... on Commit {
        history(path: $path, first: $first) {
          pageInfo { hasNextPage }
          nodes {
            oid committedDate url
            file(path: $path) { object { ... on Blob { text } } }
            parents(first: 1) { totalCount nodes { file(path: $path) { object { ... on Blob { text } } } } }
            statusCheckRollup @include(if: $withChecks) {
              contexts(first: 100) { nodes { __typename ... on CheckRun { name status conclusion } ... on StatusContext { context state } } }
            }
          }
        }
      }
    }
  }
}`;

interface ContextNode {
  __typename: string;
  name?: string;
  status?: string;
  conclusion?: string | null;
  context?: string;
  state?: string;
}

type FileNode = { object: { text?: string | null } | null } | null;

interface HistoryNode {
  oid: string;
  committedDate: string;
  url: string;
  file: FileNode;
  parents?: { totalCount: number; nodes: ({ file: FileNode } | null)[] | null };
  statusCheckRollup?: { contexts: { nodes: (ContextNode | null)[] | null } } | null;
}

interface HistoryAnswer {
  data?: { repository: { object: { history?: { pageInfo: { hasNextPage: boolean }; nodes: (HistoryNode | null)[] | null } } | null } | null };
  errors?: { message: string }[];
}

/** GitHubHistoryParams name the repository and the commit the snapshot was read at. */
export interface GitHubHistoryParams {
  owner: string;
  repo: string;
  /** The snapshot's commit: histories start there, so they agree with what the plan read. */
  sha: string;
  /** The machine's clock, used only when GitHub's answer has no Date. */
  clock?: () => Date;
}

const CHECKS = `query($owner: String!, $repo: String!, $oid: GitObjectID!) {
  repository(owner: $owner, name: $repo) {
    object(oid: $oid) {
      ... on Commit {
        statusCheckRollup {
          contexts(first: 100) { nodes { __typename ... on CheckRun { name status conclusion } ... on StatusContext { context state } } }
        }
      }
    }
  }
}`;

/**
 * githubChecks reads the checks of one commit (one GraphQL request): for a checkout whose commits are on GitHub,
 * so promote-gates works with the CLI given --repository and GITHUB_TOKEN. A commit GitHub does not have fails.
 */
export function githubChecks(octokit: GitHubClient, params: { owner: string; repo: string }): (sha: string) => Promise<CheckState[]> {
  return async (sha) => {
    const { owner, repo } = params;
    const data = await octokit.graphql<{ repository: { object: Pick<HistoryNode, 'statusCheckRollup'> | null } | null }>(CHECKS, { owner, repo, oid: sha }).catch((e: unknown) => {
      throw toPublishError(e, `reading the checks of commit ${sha.slice(0, 7)} (is it pushed?)`, `${owner}/${repo}`);
    });
    const commit = data.repository?.object;
    if (!commit) throw toPublishError(new Error('no such commit'), `reading the checks of commit ${sha.slice(0, 7)} (is it pushed?)`, `${owner}/${repo}`);
    return checksOf(commit);
  };
}

/** githubHistory is a PromotionAccess over the GitHub GraphQL API. */
export function githubHistory(octokit: GitHubClient, params: GitHubHistoryParams): PromotionAccess {
  return { history: (path, options) => readHistory(octokit, params, path, options.withChecks) };
}

async function readHistory(octokit: GitHubClient, params: GitHubHistoryParams, path: string, withChecks: boolean): Promise<FileHistory> {
  const { owner, repo, sha } = params;
  const variables = { owner, repo, oid: sha, path, first: HISTORY_DEPTH, withChecks };
  const response = await octokit.request('POST /graphql', { query: HISTORY, variables }).catch((e: unknown) => {
    throw toPublishError(e, `reading the history of ${path}`, `${owner}/${repo}`);
  });
  const answer = response.data as HistoryAnswer;
  const history = answer.data?.repository?.object?.history;
  if (!history) {
    const why = answer.errors?.map((e) => e.message).join('; ') ?? 'no such commit';
    throw toPublishError(new Error(why), `reading the history of ${path}`, `${owner}/${repo}`);
  }
  const date = Date.parse(String(response.headers.date ?? ''));
  const now = Number.isNaN(date) ? (params.clock ?? (() => new Date()))() : new Date(date);
  const versions = (history.nodes ?? []).filter((n): n is HistoryNode => n !== null).map((node) => versionOf(node, withChecks));
  return { versions, complete: !history.pageInfo.hasNextPage, now };
}

function versionOf(node: HistoryNode, withChecks: boolean): FileVersion {
  const isMerge = (node.parents?.totalCount ?? 0) > 1;
  return {
    sha: node.oid,
    date: new Date(node.committedDate),
    url: node.url,
    text: textOf(node.file),
    ...(isMerge ? { merge: { firstParentText: textOf(node.parents?.nodes?.[0]?.file ?? null) } } : {}),
    ...(withChecks ? { checks: checksOf(node) } : {}),
  };
}

function textOf(file: FileNode): string | undefined {
  const text = file?.object?.text;
  return typeof text === 'string' ? text : undefined;
}

/** checksOf maps GitHub's rollup contexts to check states: a check run not completed is `pending`. */
function checksOf(node: Pick<HistoryNode, 'statusCheckRollup'>): CheckState[] {
  const contexts = node.statusCheckRollup?.contexts.nodes ?? [];
  return contexts.filter((c): c is ContextNode => c !== null).map((c) =>
    c.__typename === 'StatusContext'
      ? { name: c.context ?? '', state: (c.state ?? '').toLowerCase() }
      : { name: c.name ?? '', state: c.status === 'COMPLETED' ? (c.conclusion ?? '').toLowerCase() : 'pending' },
  );
}
