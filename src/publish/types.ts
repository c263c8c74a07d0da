/**
 * The model of stage 6 (publish): what changed per image, how each group of Applications is
 * published, and what the publisher did.
 */
import type { PromoterError } from '../errors.js';
import type { FileChange, RepoFiles } from '../resolve/types.js';

/** ImageChange is one image of one Application moving from one tag to another. */
export interface ImageChange {
  application: string;
  namespace?: string;
  /** The Application's report label (unique in the run: `namespace/name` when names repeat); default `application`. */
  label?: string;
  /** The ApplicationSet that generated the Application, `name (file:line)`; absent for hand-written ones. */
  applicationSet?: string;
  alias: string;
  /** Full image name (registry/repository), without tag. */
  image: string;
  from: string | null;
  to: string;
  digest?: string;
  strategy: string;
  /** Repo-relative path of the edited file. */
  file: string;
  /** Image config labels of the new image (org.opencontainers.image.source/revision feed the compare link). */
  labels?: Record<string, string>;
  /** Image config labels of the image it replaces, when known. */
  fromLabels?: Record<string, string>;
  /** promote-from (issue 12): "in web-staging/web since <time> (<commit link>), soaked 26 h". */
  promotedFrom?: string;
  /** Build time of the new image (ISO), when known: newest-build orders proposals by it. */
  created?: string;
  /** When the run read the registry for it (ISO): a digest resolved later is the newer one. */
  seenAt?: string;
}

/** GroupMode is how a group reaches git (the `files` mode never gets here). */
export type GroupMode = 'commit' | 'pull-request' | 'auto-merge';

/**
 * PublishGroup is one unit of publishing: one Application, or several sharing a `group`.
 * A pull-request group with no `changes` was checked and needs nothing: its open PR is closed.
 */
export interface PublishGroup {
  /** The group name or the Application name (said in titles and bodies). */
  key: string;
  /** What the PR branch is named after, when not `key`: keys that cannot collide (see from-plan.ts branchKeyOf). */
  branchKey?: string;
  /** Report labels of the Applications it publishes (a failure is reported on each of them). */
  applications?: string[];
  /** Applications of which this run (a shard) checked only some images: the PR keeps what it carries for the others. */
  partialApplications?: string[];
  /** Images of `partialApplications` this run checked and found with nothing to change (their PR entries are its word). */
  checkedImages?: { app: string; alias: string; image: string }[];
  mode: GroupMode;
  changes: ImageChange[];
  files: FileChange[];
  labels: string[];
  reviewers: string[];
  teamReviewers: string[];
  assignees: string[];
  draft: boolean;
  /** Write branch for `commit` mode (the updater's `git-branch` write part); default the base branch. */
  commitBranch?: string;
  /** Why an open PR of this group is closed when the group has no changes (said in the comment). */
  closeReason?: string;
}

/** PullRequestOperation is what happened to a pull request. */
export type PullRequestOperation = 'created' | 'updated' | 'unchanged' | 'closed';

/** PullRequestOutcome is one pull request the publisher touched. */
export interface PullRequestOutcome {
  number: number;
  url: string;
  branch: string;
  operation: PullRequestOperation;
  /** The group it belongs to. */
  key?: string;
  /** Whether auto-merge was enabled, or the PR merged directly (fallback). */
  autoMerge?: 'enabled' | 'merged' | 'not-enabled';
  /** Why auto-merge is not armed (not allowed, clean status, draft, ...). */
  autoMergeReason?: string;
  /** Report labels of the Applications whose changes it carries. */
  applications?: string[];
  /** An unchanged PR whose base moved since it was built (left as it is: the base does not require up-to-date branches). */
  behind?: boolean;
  /** Why a pull request was left unchanged although this run planned other changes for it. */
  reason?: string;
}

/** PublishFailure is one commit group or pull request group that could not be published. */
export interface PublishFailure {
  /** The group key (`commit:<branch>` for direct commits). */
  key: string;
  /** Report labels of its Applications. */
  applications: string[];
  error: PromoterError;
}

/** Withheld are changes of this run left out on purpose (a person declined them, an open PR proposes newer, ...). */
export interface Withheld {
  changes: ImageChange[];
  reason: string;
}

/** PublishResult is what the publisher did. */
export interface PublishResult {
  pullRequests: PullRequestOutcome[];
  /** SHA of the direct commit (the last one when several branches received commits). */
  commitSha?: string;
  /** Best-effort failures and remarks (labels not added, auto-merge not allowed, ...). */
  notes: string[];
  /** Groups that failed to publish; the others went on. */
  failures: PublishFailure[];
  /** Changes not published on purpose, and why (reported as skipped, with a warning). */
  withheld?: Withheld[];
}

/** RepoSnapshot is the manifests repo's YAML files at one commit of the base branch. */
export interface RepoSnapshot {
  /** The commit SHA the snapshot was read at. */
  sha: string;
  /** That commit's root tree SHA (the base_tree of new commits). */
  treeSha: string;
  files: RepoFiles;
}

/** Replan recomputes the groups on a fresher snapshot (after the base branch moved). */
export type Replan = (snapshot: RepoSnapshot) => Promise<PublishGroup[]> | PublishGroup[];

/** CommitAuthor overrides the commit author (default: none, so GitHub signs and shows Verified). */
export interface CommitAuthor {
  name: string;
  email: string;
}

/** MergeMethod is GitHub's merge method for auto-merge and direct merges. */
export type MergeMethod = 'merge' | 'squash' | 'rebase';

/** PublishOptions are the publish-related settings (action inputs). */
export interface PublishOptions {
  /** Go text/template subset with the updater's variables; default: the updater's text (§1.5). */
  commitMessageTemplate?: string;
  author?: CommitAuthor;
  mergeMethod: MergeMethod;
  /** Merge directly (REST, pinned to the head SHA) when auto-merge cannot be enabled. */
  mergeFallback: boolean;
  /** Prefix of pull request branches; default `image-promoter/`. */
  branchPrefix?: string;
  /** How many times a commit is re-planned when the branch moved (default 3). */
  maxAttempts?: number;
  /**
   * The branch keys of every Application, when this run checked them all (no filter, no shard, nothing unreadable):
   * our open pull requests on other branches (a regroup, a rename, a deleted Application) are closed as superseded.
   */
  liveBranchKeys?: readonly string[];
  /** Refuse snapshots whose YAML files add up to more than this (default 50 MiB). */
  maxSnapshotBytes?: number;
}
