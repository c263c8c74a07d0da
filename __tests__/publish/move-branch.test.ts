import { afterEach, describe, expect, it } from 'vitest';
import { BranchMoved, moveBranchFrom } from '../../src/publish/move-branch.js';
import { PublishError } from '../../src/errors.js';
import { startFakeGitHub } from '../../test-support/fake-github/harness.js';
import type { FakeGitHub } from '../../test-support/fake-github/index.js';

let fake: FakeGitHub | undefined;
afterEach(async () => {
  expect(fake!.violations).toEqual([]);
  await fake!.stop();
});

/** setup: main, our branch at one commit, and a commit to move it to. */
async function setup() {
  const started = await startFakeGitHub({ 'a.yaml': 'a: 1\n' });
  fake = started.fake;
  const read = fake.repo.commitFiles('image-promoter/web', { 'a.yaml': 'a: 2\n' }, 'ours');
  const next = fake.repo.git.putCommit(fake.repo.git.commits.get(read)!.tree, [fake.repo.refs.get('heads/main')!], 'rebuilt').sha;
  const move = { owner: 'acme', repo: 'gitops', repositoryId: fake.repo.nodeId, branch: 'image-promoter/web', from: read, to: next };
  return { octokit: started.octokit, move, read, next };
}

describe('moveBranchFrom (compare-and-swap of a pull request branch)', () => {
  it('moves the branch (not a fast-forward) while it still points at the head read, in one GraphQL request', async () => {
    const { octokit, move, next } = await setup();
    const since = fake!.requests.length;
    await moveBranchFrom(octokit, move);
    expect(fake!.repo.refs.get('heads/image-promoter/web')).toBe(next);
    expect(fake!.requests.slice(since).map((r) => r.operation)).toEqual(['graphql']);
  });

  it('a branch another run moved meanwhile is not overwritten: BranchMoved, the other commit stays', async () => {
    const { octokit, move } = await setup();
    const theirs = fake!.repo.commitFiles('image-promoter/web', { 'a.yaml': 'a: 3\n' }, 'another run');
    await expect(moveBranchFrom(octokit, move)).rejects.toBeInstanceOf(BranchMoved);
    expect(fake!.repo.refs.get('heads/image-promoter/web')).toBe(theirs);
  });

  it('another refusal (a ruleset) is a PublishError naming the rule, not a race', async () => {
    const { octokit, move } = await setup();
    fake!.repo.settings.rulesets.push({ name: 'no force', branches: ['image-promoter/web'], rules: ['non_fast_forward'] });
    const error = await moveBranchFrom(octokit, move).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PublishError);
    expect((error as PublishError).message).toContain('Cannot force-push to this branch');
    expect((error as PublishError).fix).toContain('rule: Cannot force-push to this branch');
  });

  it('a GitHub whose schema has no updateRefs (older Enterprise Server) gets the REST ref update', async () => {
    const { octokit, move, next } = await setup();
    fake!.inject({ operation: 'graphql', reply: { status: 200, body: { errors: [{ message: "Field 'updateRefs' doesn't exist on type 'Mutation'" }] } } });
    await moveBranchFrom(octokit, move);
    expect(fake!.repo.refs.get('heads/image-promoter/web')).toBe(next);
    expect(fake!.count('git/update-ref')).toBe(1);
  });

  it('a move GitHub made whose answer was lost (502) counts as done, not as a race', async () => {
    const { octokit, move, next } = await setup();
    fake!.inject({ operation: 'graphql', handled: true, times: 5, reply: { status: 502, body: { message: 'Bad Gateway' } } });
    await moveBranchFrom(octokit, move);
    expect(fake!.repo.refs.get('heads/image-promoter/web')).toBe(next);
  });
});
