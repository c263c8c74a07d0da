/**
 * Auto-merge, best effort: GraphQL `enablePullRequestAutoMerge` with the chosen merge method. When
 * the repository does not allow auto-merge, or the PR is already in clean status (GitHub refuses to
 * arm auto-merge on a PR that could merge right now), the report says so (renovate's tryPrAutomerge);
 * with `mergeFallback` the PR is merged directly through REST, pinned to the head SHA we pushed.
 */
import type { Logger } from '../logger.js';
import type { GitHubClient } from './octokit.js';
import type { MergeMethod } from './types.js';
import type { OpenPull, RepoTarget } from './pull-request.js';

// @octokit/graphql reserves `method` (and `query`, `url`, `headers`) as option names: not variables.
const ENABLE_AUTO_MERGE = `mutation($pullRequestId: ID!, $mergeMethod: PullRequestMergeMethod!) {
  enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId, mergeMethod: $mergeMethod }) {
    pullRequest { autoMergeRequest { enabledAt } }
  }
}`;

/** AutoMergeOutcome says what happened and, when it did not, why. */
export interface AutoMergeOutcome {
  result: 'enabled' | 'merged' | 'not-enabled';
  /** Why auto-merge is not armed (for the report), when it is not. */
  reason?: string;
  note?: string;
}

/** autoMergeRefusal classifies GitHub's refusal messages. */
export function autoMergeRefusal(message: string): 'not-allowed' | 'clean' | 'unstable' | 'other' {
  if (/auto merge is not allowed/i.test(message)) return 'not-allowed';
  if (/clean status/i.test(message)) return 'clean';
  if (/unstable status/i.test(message)) return 'unstable';
  return 'other';
}

/** DRAFT_REASON says why a draft pull request gets no auto-merge. */
export const DRAFT_REASON = 'the pull request is a draft: GitHub merges only pull requests ready for review (mark it ready, then enable auto-merge)';

function refusalReason(kind: ReturnType<typeof autoMergeRefusal>, message: string): string {
  if (kind === 'not-allowed') return 'auto-merge is not allowed in this repository (Settings → General → Allow auto-merge)';
  if (kind === 'clean') return 'the pull request is already mergeable (clean status), so GitHub will not arm auto-merge';
  if (kind === 'unstable') return 'the pull request has failing or pending non-required checks (unstable status), so GitHub will not arm auto-merge';
  return `enabling auto-merge failed: ${message}`;
}

function errorText(e: unknown): string {
  const errors = (e as { errors?: { message?: string }[] }).errors;
  if (Array.isArray(errors) && errors.length > 0) return errors.map((x) => x.message ?? '').join('; ');
  return e instanceof Error ? e.message : String(e);
}

/** tryEnableAutoMerge arms auto-merge, or merges directly when asked and auto-merge cannot be armed. */
export async function tryEnableAutoMerge(
  octokit: GitHubClient,
  target: RepoTarget,
  pull: OpenPull,
  options: { mergeMethod: MergeMethod; mergeFallback: boolean },
  logger: Logger,
): Promise<AutoMergeOutcome> {
  try {
    await octokit.graphql(ENABLE_AUTO_MERGE, { pullRequestId: pull.nodeId, mergeMethod: options.mergeMethod.toUpperCase() });
    return { result: 'enabled' };
  } catch (e) {
    const message = errorText(e);
    const kind = autoMergeRefusal(message);
    const why = refusalReason(kind, message);
    if (options.mergeFallback && kind !== 'other') return tryMergeDirectly(octokit, target, pull, options.mergeMethod, why, logger);
    const note = `#${pull.number}: ${why}; the pull request is left open`;
    logger.warning(note);
    return { result: 'not-enabled', reason: why, note };
  }
}

async function tryMergeDirectly(octokit: GitHubClient, target: RepoTarget, pull: OpenPull, method: MergeMethod, why: string, logger: Logger): Promise<AutoMergeOutcome> {
  try {
    // Pinned to the SHA we pushed: GitHub refuses (409) if anyone moved the branch since.
    await octokit.rest.pulls.merge({ owner: target.owner, repo: target.repo, pull_number: pull.number, sha: pull.headSha, merge_method: method });
    return { result: 'merged', note: `#${pull.number}: ${why}; merged directly (merge-fallback)` };
  } catch (e) {
    const note = `#${pull.number}: ${why}, and the direct merge failed (${errorText(e)}); the pull request is left open`;
    logger.warning(note);
    return { result: 'not-enabled', reason: `${why}; the direct merge failed`, note };
  }
}
