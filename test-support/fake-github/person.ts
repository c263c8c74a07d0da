/**
 * A person acting on the fake GitHub between or during runs, through the same REST API the action uses
 * (with a personal access token): close, reopen, merge, label a pull request, push a commit to a branch.
 */
import { createOctokit, type GitHubClient } from '../../src/publish/octokit.js';
import type { FakeGitHub } from './server.js';

/** Person is what a person can do in a test. */
export interface Person {
  octokit: GitHubClient;
  closePull(number: number): Promise<void>;
  /** reopenPull answers GitHub's status (and the refusal message when it refuses). */
  reopenPull(number: number): Promise<{ status: number; message?: string }>;
  mergePull(number: number): Promise<void>;
  addLabel(number: number, label: string): Promise<void>;
  /** pushFiles commits files on top of a branch (fast-forward, as `git push` does) and returns the commit SHA. */
  pushFiles(branch: string, files: Record<string, string>, message: string): Promise<string>;
}

/** person returns a Person acting on `fake` with its personal access token. */
export function person(fake: FakeGitHub): Person {
  const octokit = createOctokit({ token: fake.patToken, baseUrl: fake.url, retryAfterBaseMs: 0, noPacing: true });
  const repo = { owner: fake.repo.owner, repo: fake.repo.name };
  return {
    octokit,
    async closePull(number) {
      await octokit.rest.pulls.update({ ...repo, pull_number: number, state: 'closed' });
    },
    async reopenPull(number) {
      try {
        const res = await octokit.rest.pulls.update({ ...repo, pull_number: number, state: 'open' });
        return { status: res.status };
      } catch (e) {
        const err = e as { status: number; response?: { data?: { errors?: { message?: string }[] } } };
        return { status: err.status, message: err.response?.data?.errors?.[0]?.message };
      }
    },
    async mergePull(number) {
      await octokit.rest.pulls.merge({ ...repo, pull_number: number, merge_method: 'squash' });
    },
    async addLabel(number, label) {
      await octokit.rest.issues.addLabels({ ...repo, issue_number: number, labels: [label] });
    },
    async pushFiles(branch, files, message) {
      const head = (await octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` })).data.object.sha;
      const base = (await octokit.rest.git.getTree({ ...repo, tree_sha: head })).data.sha;
      const entries = Object.entries(files).map(([path, content]) => ({ path, content, mode: '100644' as const, type: 'blob' as const }));
      const tree = await octokit.rest.git.createTree({ ...repo, base_tree: base, tree: entries });
      const author = { name: 'Alice', email: 'alice@example.com' };
      const commit = await octokit.rest.git.createCommit({ ...repo, message, tree: tree.data.sha, parents: [head], author });
      await octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha: commit.data.sha, force: false });
      return commit.data.sha;
    },
  };
}
