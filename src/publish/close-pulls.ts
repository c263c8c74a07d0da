/**
 * Closing our pull requests: one whose group needs nothing any more (the base already runs it, or the change is no
 * longer wanted), and, after a run over every Application, the ones whose branch no Application owns any more.
 */
import type { Logger } from '../logger.js';
import type { GitHubClient } from './octokit.js';
import type { PublishResult } from './types.js';
import { recordOf } from './pr-record.js';
import { closePullRequest, type OpenPull, type RepoTarget } from './pull-request.js';

/** closeComment explains why a PR is closed. */
export function closeComment(base: string, reason?: string): string {
  return (
    reason ??
    `Closing: \`${base}\` already runs what this pull request proposed, or the change is no longer wanted (rolled back, or the tag is now ignored). argocd-image-promoter opens a new pull request when a newer image qualifies.`
  );
}

/**
 * closeSuperseded closes our open pull requests whose branch belongs to no Application any more (a regroup, a
 * rename, a deleted Application), with a comment linking the pull request that now carries its Applications.
 */
export async function closeSuperseded(octokit: GitHubClient, logger: Logger, s: { target: RepoTarget; open: ReadonlyMap<string, OpenPull>; used: ReadonlySet<string>; live: ReadonlySet<string> }, result: PublishResult): Promise<void> {
  for (const pull of s.open.values()) {
    if (s.used.has(pull.branch) || s.live.has(pull.branch.replace(/@\d+$/, ''))) continue;
    const apps = new Set((recordOf(pull.body)?.changes ?? []).map((c) => c.app));
    const successor = result.pullRequests.find((p) => p.operation !== 'closed' && (p.applications ?? []).some((a) => apps.has(a)));
    const reason = successor
      ? `Superseded by [#${successor.number}](${successor.url}): its Applications are now published from \`${successor.branch}\` (regrouped or renamed).`
      : 'Closing: no Application of this pull request is tracked under this name any more (renamed, regrouped or deleted).';
    try {
      result.pullRequests.push({ ...(await closePullRequest(octokit, s.target, { pull, reason })), ...(successor ? { reason: `superseded by #${successor.number}` } : { reason: 'its Applications no longer exist' }) });
    } catch (error) {
      result.notes.push(`#${pull.number} (${pull.url}) is superseded but could not be closed: ${error instanceof Error ? error.message : String(error)}`);
      logger.warning(result.notes.at(-1)!);
    }
  }
}
