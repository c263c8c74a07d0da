/**
 * The fake GitHub's repository model: refs, pull requests and the settings that make GitHub refuse
 * (permissions, archived, protected branches, auto-merge allowed), shared by the REST and GraphQL routes.
 */
import { GitStore } from './git-store.js';

/** FakePull is one pull request. */
export interface FakePull {
  number: number;
  nodeId: string;
  head: string;
  base: string;
  title: string;
  body: string;
  state: 'open' | 'closed';
  merged: boolean;
  draft: boolean;
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
  assignees: string[];
  autoMerge: { mergeMethod: string } | null;
  comments: string[];
  /** When true, enabling auto-merge fails with "clean status" (the PR could be merged right now). */
  clean: boolean;
  /** The head commit when it was closed: GitHub reopens it only while the branch still contains that commit. */
  closedHead?: string;
}

/** RepoSettings are the switches that make the fake refuse like GitHub does. */
export interface RepoSettings {
  contents: 'read' | 'write';
  pullRequests: 'read' | 'write';
  archived: boolean;
  allowAutoMerge: boolean;
  /** Every new PR starts in clean status (auto-merge then cannot be enabled). */
  pullsStartClean: boolean;
  protectedBranches: string[];
  collaborators: string[];
  /** The repository/organisation setting "Allow GitHub Actions to create and approve pull requests". */
  actionsMayCreatePulls: boolean;
  /** Branch rulesets: each refuses the ref updates its rules forbid on the branches it names. */
  rulesets: FakeRuleset[];
  /** Protected branches whose required status checks are strict (branches must be up to date before merging). */
  requireUpToDate: string[];
}

/** FakeCheck is a check run (`status` + `conclusion`) or a commit status (`state`) on a commit. */
export type FakeCheck =
  | { kind: 'check-run'; id: number; name: string; status: string; conclusion: string | null }
  | { kind: 'status'; id: number; context: string; state: string };

/** FakeRuleset is a branch ruleset with the rules the publisher can hit. */
export interface FakeRuleset {
  name: string;
  branches: string[];
  /**
   * `pull_request`: changes must be made through a pull request; `non_fast_forward`: no force-push;
   * `required_status_checks`: the `checks` must pass (so no direct push), `strict`: pull requests must be up to date.
   */
  rules: ('pull_request' | 'non_fast_forward' | 'required_status_checks')[];
  /** The required status checks (default `ci`). */
  checks?: string[];
  /** `strict_required_status_checks_policy`: branches must be up to date with the base before merging. */
  strict?: boolean;
}

/** FakeRepo is the state of one repository. */
export class FakeRepo {
  readonly git = new GitStore();
  readonly refs = new Map<string, string>();
  readonly pulls: FakePull[] = [];
  /** Check runs and commit statuses by commit SHA (the latest per name replaces earlier ones, as the rollup shows). */
  readonly checks = new Map<string, FakeCheck[]>();
  /** GraphQL node id of the repository (REST `node_id`). */
  readonly nodeId = 'R_fake';
  readonly settings: RepoSettings = {
    contents: 'write',
    pullRequests: 'write',
    archived: false,
    allowAutoMerge: true,
    pullsStartClean: false,
    protectedBranches: [],
    collaborators: ['alice', 'bob'],
    actionsMayCreatePulls: true,
    rulesets: [],
    requireUpToDate: [],
  };

  constructor(
    readonly owner: string,
    readonly name: string,
    readonly defaultBranch = 'main',
  ) {}

  /** fullName is `owner/name`. */
  get fullName(): string {
    return `${this.owner}/${this.name}`;
  }

  /** commitFiles makes a commit on a branch (creating it) with files added or replaced; returns its SHA. */
  commitFiles(branch: string, files: Record<string, string>, message = 'seed'): string {
    const parent = this.refs.get(`heads/${branch}`);
    const base = parent ? this.git.trees.get(this.git.commits.get(parent)!.tree) : undefined;
    const tree = this.git.writeTree(base, Object.entries(files).map(([path, content]) => ({ path, content })));
    const commit = this.git.putCommit(tree, parent ? [parent] : [], message, { name: 'someone', email: 'someone@example.com' });
    this.refs.set(`heads/${branch}`, commit.sha);
    return commit.sha;
  }

  /** addCheck records a check run or status on a commit, replacing an earlier one of that name. */
  addCheck(sha: string, check: FakeCheck): void {
    const name = (c: FakeCheck) => `${c.kind}:${c.kind === 'status' ? c.context : c.name}`;
    this.checks.set(sha, [...(this.checks.get(sha) ?? []).filter((c) => name(c) !== name(check)), check]);
  }

  /** files returns the text of every file at a branch tip. */
  files(branch: string): Map<string, string> {
    const sha = this.refs.get(`heads/${branch}`);
    return sha ? this.git.filesAt(sha) : new Map();
  }

  /** closePull closes a pull request as GitHub does (auto-merge dropped, head remembered for reopening). */
  closePull(pull: FakePull): void {
    pull.state = 'closed';
    pull.autoMerge = null;
    pull.closedHead = this.refs.get(`heads/${pull.head}`);
  }

  /**
   * reopenRefusal says why GitHub would refuse to reopen a closed pull request (undefined: it can be reopened):
   * merged, its branch deleted, force-pushed or recreated (the head no longer contains the head it was closed at),
   * or another open pull request from the same branch.
   */
  reopenRefusal(pull: FakePull): string | undefined {
    if (pull.merged) return 'state cannot be changed. The pull request has been merged.';
    const head = this.refs.get(`heads/${pull.head}`);
    if (!head || (pull.closedHead !== undefined && !this.git.isAncestor(pull.closedHead, head))) {
      return `state cannot be changed. The ${pull.head} branch was force-pushed or recreated.`;
    }
    if (this.openPulls().some((p) => p.head === pull.head && p.base === pull.base)) return `state cannot be changed. A pull request already exists for ${this.owner}:${pull.head}.`;
    return undefined;
  }

  /** openPulls returns the open pull requests. */
  openPulls(): FakePull[] {
    return this.pulls.filter((p) => p.state === 'open');
  }
}
