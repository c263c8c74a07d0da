/**
 * Posting a comment exactly once. A POST that failed with 5xx (or never answered) may still have
 * created the comment on GitHub, so it is never retried blindly: the PR's comments are read first and
 * the comment is posted again only when it is not there.
 */
import type { GitHubClient } from './octokit.js';
import type { RepoTarget } from './pull-request.js';

const ATTEMPTS = 3;

function isTemporary(error: unknown): boolean {
  const status = (error as { status?: number }).status;
  return status === undefined || status >= 500;
}

/** postCommentOnce posts `body` on an issue or PR; after a temporary failure it posts again only if the comment is missing. */
export async function postCommentOnce(octokit: GitHubClient, target: Pick<RepoTarget, 'owner' | 'repo'>, issueNumber: number, body: string): Promise<void> {
  const { owner, repo } = target;
  for (let attempt = 1; ; attempt++) {
    try {
      // retries: 0 switches the retry policy off for this request: a repeated POST would post twice.
      await octokit.rest.issues.createComment({ owner, repo, issue_number: issueNumber, body, request: { retries: 0 } });
      return;
    } catch (error) {
      if (!isTemporary(error) || attempt >= ATTEMPTS) throw error;
    }
    const comments = await octokit.paginate(octokit.rest.issues.listComments, { owner, repo, issue_number: issueNumber, per_page: 100 });
    if (comments.some((c) => c.body === body)) return;
  }
}
