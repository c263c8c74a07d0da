/**
 * Whether an open pull request of ours is behind its base, and whether the base requires branches to
 * be up to date before merging. Our PR bodies record the head commit we pushed and the base commit it
 * was built on (`<!-- image-promoter:head=<sha> base=<sha> -->`, pr-record.ts): a head that differs from
 * the recorded one carries commits we did not write (never rebuilt; owner.ts pushedByOthers); a recorded
 * base that differs from the current base tip means the PR is behind.
 */
import type { GitHubClient } from './octokit.js';
import type { OpenPull, RepoTarget } from './pull-request.js';
import { readHeadMarker } from './pr-record.js';
import { pushedByOthers } from './owner.js';

/** Freshness is where an open PR of ours stands against the current base tip. */
export type Freshness = 'current' | 'behind' | 'foreign' | 'unknown';

/** freshness compares the PR's head and recorded base with what we pushed and the current base tip. */
export function freshness(pull: Pick<OpenPull, 'body' | 'headSha'>, baseTip: string): Freshness {
  const mark = readHeadMarker(pull.body);
  if (!mark) return 'unknown';
  if (pushedByOthers(pull)) return 'foreign';
  return mark.base === baseTip ? 'current' : 'behind';
}

/**
 * requiresUpToDate asks whether the base branch requires branches to be up to date before merging, by its classic
 * protection (`required_status_checks.strict`) or by a ruleset (a `required_status_checks` rule with
 * `strict_required_status_checks_policy`): two requests at once, asked only when a pull request is behind.
 * Unknown or unreadable counts as no.
 */
export async function requiresUpToDate(octokit: GitHubClient, target: RepoTarget): Promise<boolean> {
  const { owner, repo, base: branch } = target;
  const classic = octokit.rest.repos.getBranch({ owner, repo, branch }).then((res) => res.data.protection?.required_status_checks?.strict === true, () => false);
  const rulesets = octokit.rest.repos.getBranchRules({ owner, repo, branch, per_page: 100 }).then(
    (res) => res.data.some((rule) => rule.type === 'required_status_checks' && rule.parameters?.strict_required_status_checks_policy === true),
    () => false,
  );
  const [a, b] = await Promise.all([classic, rulesets]);
  return a || b;
}
