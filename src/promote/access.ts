/**
 * access: which PromotionAccess a run uses (issue 12). A checkout (`path`) reads histories with git; a snapshot read
 * through the API reads them with one GraphQL request per file from the snapshot's commit. Made on first use, so a
 * run without promote-after / promote-gates starts no git process and sends no request.
 */
import { ConfigError } from '../errors.js';
import type { GitHubClient } from '../publish/octokit.js';
import { gitHistory } from './git-history.js';
import { githubChecks, githubHistory } from './github-history.js';
import type { PromotionAccess } from './types.js';

/** AccessSource says where the run read the repository. */
export type AccessSource =
  /** `github`, when the run has a repository and token: the checks of the checkout's commits are read there. */
  | { kind: 'checkout'; root: string; github?: GitHubConnect }
  | { kind: 'github'; github: GitHubConnect; sha: string };

/** GitHubConnect connects to the repository on first use. */
export type GitHubConnect = () => Promise<{ octokit: GitHubClient; owner: string; repo: string }>;

/** promotionAccess returns a PromotionAccess made on first use. */
export function promotionAccess(source: AccessSource): PromotionAccess {
  let made: Promise<PromotionAccess> | undefined;
  const make = async (): Promise<PromotionAccess> => {
    if (source.kind === 'github') {
      const { octokit, owner, repo } = await source.github();
      return githubHistory(octokit, { owner, repo, sha: source.sha });
    }
    const access = await gitHistory({ root: source.root });
    if (access && source.github) {
      const connect = source.github;
      return { ...access, checks: async (sha) => { const { octokit, owner, repo } = await connect(); return githubChecks(octokit, { owner, repo })(sha); } };
    }
    if (access) return access;
    throw new ConfigError(`${source.root} is not in a git repository, so the history promote-after and promote-gates measure from cannot be read`, {
      fix: 'Run on a git checkout (actions/checkout with fetch-depth: 0, so the history is there), or without path to read the repository through the API.',
    });
  };
  return {
    history: async (path, options) => (await (made ??= make())).history(path, options),
    checks: async (sha) => (await (made ??= make())).checks?.(sha),
  };
}
