/**
 * The fake GitHub's GraphQL endpoint: every document is validated against @octokit/graphql-schema and
 * executed with graphql-js over the fake's state (blob texts by oid or expression, commits with their history,
 * files and check rollup, auto-merge).
 */
import { buildClientSchema, execute, parse, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { schema as githubSchema, validate } from '@octokit/graphql-schema';
import { encodeLossless } from '../../src/edit/lossless-text.js';
import type { FakeGitHub } from './server.js';
import type { FakePull } from './model.js';
import type { Reply } from './rest-routes.js';
import { commitNode } from './graphql-history.js';
import { moveRef } from './git-routes.js';

let executable: GraphQLSchema | undefined;

/** UNPROCESSABLE errors carry GitHub's `type` so clients can tell them apart. */
class GraphqlFailure extends Error {
  constructor(
    message: string,
    readonly type = 'UNPROCESSABLE',
  ) {
    super(message);
  }
}

function blobJson(fake: FakeGitHub, oid: string): Record<string, unknown> | null {
  const text = fake.repo.git.blobs.get(oid);
  if (text === undefined) return null;
  // As on GitHub, `text` is a UTF-8 string: bytes that are not UTF-8 do not survive it; byteSize counts the real bytes.
  const bytes = encodeLossless(text);
  return { __typename: 'Blob', id: `B_${oid}`, oid, text: bytes.toString('utf8'), byteSize: bytes.length, isBinary: false, isTruncated: false };
}

function pullNode(pull: FakePull): Record<string, unknown> {
  return {
    __typename: 'PullRequest', id: pull.nodeId, number: pull.number, state: pull.state.toUpperCase(),
    autoMergeRequest: pull.autoMerge ? { enabledAt: '2024-01-01T00:00:00Z', mergeMethod: pull.autoMerge.mergeMethod } : null,
  };
}

function objectResolver(fake: FakeGitHub) {
  return ({ oid, expression }: { oid?: string; expression?: string }) => {
    if (oid) return fake.repo.git.commits.has(oid) ? commitNode(fake, oid, blobJson) : blobJson(fake, oid);
    const [rev, path] = String(expression).split(':');
    const sha = fake.repo.refs.get(`heads/${rev}`) ?? rev!;
    const tree = fake.repo.git.trees.get(fake.repo.git.commits.get(sha)?.tree ?? '');
    const blob = tree?.get(path ?? '');
    return blob ? blobJson(fake, blob) : null;
  };
}

function enableAutoMerge(fake: FakeGitHub) {
  return ({ input }: { input: { pullRequestId: string; mergeMethod?: string } }) => {
    const pull = fake.repo.pulls.find((p) => p.nodeId === input.pullRequestId);
    if (!pull) throw new GraphqlFailure(`Could not resolve to a node with the global id of '${input.pullRequestId}'`, 'NOT_FOUND');
    if (!fake.repo.settings.allowAutoMerge) throw new GraphqlFailure('Pull request Auto merge is not allowed for this repository');
    if (pull.clean) throw new GraphqlFailure('Pull request Pull request is in clean status');
    pull.autoMerge = { mergeMethod: input.mergeMethod ?? 'MERGE' };
    return { clientMutationId: null, pullRequest: pullNode(pull) };
  };
}

interface RefUpdate {
  name: string;
  afterOid: string;
  beforeOid?: string;
  force?: boolean;
}

/**
 * updateRefs moves refs atomically, each only while it points at its `beforeOid` (GitHub's compare-and-swap). The
 * refusal messages are the fake's own: GitHub does not document them, and clients must not depend on them.
 */
function updateRefs(fake: FakeGitHub) {
  return ({ input }: { input: { repositoryId: string; refUpdates: RefUpdate[] } }) => {
    if (input.repositoryId !== fake.repo.nodeId) throw new GraphqlFailure(`Could not resolve to a node with the global id of '${input.repositoryId}'`, 'NOT_FOUND');
    for (const u of input.refUpdates) {
      const current = fake.repo.refs.get(u.name.replace(/^refs\//, ''));
      if (u.beforeOid !== undefined && (current ?? '0'.repeat(40)) !== u.beforeOid) throw new GraphqlFailure(`Ref ${u.name} is at ${current ?? 'nothing'}, not at ${u.beforeOid}`);
    }
    const saved = new Map(fake.repo.refs);
    for (const u of input.refUpdates) {
      const refused = moveRef(fake, u.name.replace(/^refs\//, ''), u.afterOid, u.force === true);
      if (refused) {
        for (const [ref, sha] of saved) fake.repo.refs.set(ref, sha);
        throw new GraphqlFailure(String((refused.body as { message?: string }).message));
      }
    }
    return { clientMutationId: null };
  };
}

function rootValue(fake: FakeGitHub): Record<string, unknown> {
  return {
    repository: ({ owner, name }: { owner: string; name: string }) =>
      owner === fake.repo.owner && name === fake.repo.name
        ? { id: 'R_fake', object: objectResolver(fake), pullRequest: ({ number }: { number: number }) => {
            const pull = fake.repo.pulls.find((p) => p.number === number);
            return pull ? pullNode(pull) : null;
          } }
        : null,
    enablePullRequestAutoMerge: enableAutoMerge(fake),
    updateRefs: updateRefs(fake),
  };
}

/** handleGraphql validates and executes one GraphQL request. */
export function handleGraphql(fake: FakeGitHub, body: unknown): Reply {
  const { query, variables } = (body ?? {}) as { query?: string; variables?: Record<string, unknown> };
  if (typeof query !== 'string') {
    fake.violations.push('graphql: request without a query');
    return { status: 400, body: { message: 'Problems parsing JSON' } };
  }
  const problems = validate(query);
  if (problems.length > 0) {
    fake.violations.push(...problems.map((p) => `graphql: ${p.message}`));
    return { status: 200, body: { errors: problems.map((p) => ({ message: p.message })) } };
  }
  // The same introspection result the validator uses (the published IDL repeats some fields).
  executable ??= buildClientSchema(githubSchema.json as unknown as IntrospectionQuery);
  const result = execute({ schema: executable, document: parse(query), rootValue: rootValue(fake), variableValues: variables }) as {
    data?: unknown;
    errors?: readonly { message: string; path?: readonly (string | number)[]; originalError?: unknown }[];
  };
  if (result.data === undefined) fake.violations.push(...(result.errors ?? []).map((e) => `graphql: ${e.message}`));
  const errors = result.errors?.map((e) => ({
    type: e.originalError instanceof GraphqlFailure ? e.originalError.type : 'INTERNAL',
    path: e.path,
    message: e.message,
  }));
  return { status: 200, body: errors ? { data: result.data ?? null, errors } : { data: result.data } };
}
