/** The result of a run, per image: what the plan decided and why (stage 7 renders it). */
import type { PromoterError } from '../errors.js';
import type { NewImage, ResolvedImage } from '../resolve/types.js';

/** PublishMode is how a change reaches git. */
export type PublishMode = 'commit' | 'pull-request' | 'auto-merge' | 'files';

/** UpdateEntry is one image change (the `updates` output). */
export interface UpdateEntry {
  application: string;
  alias: string;
  image: string;
  from: string | null;
  to: string;
  digest: string | null;
  strategy: string;
  file: string;
  mode: PublishMode;
  /** The ApplicationSet that generated the Application, `name (file:line)`; absent for hand-written ones. */
  applicationSet?: string;
  /** The pull request that carries this change (pull-request and auto-merge modes). */
  pullRequest?: number;
  /** True when the digest is written with the tag (digest strategy, pin-digest, a promoted source's digest; issue 12). */
  pinned?: boolean;
  /** promote-from (issue 12): where the tag comes from, "in web-staging/web since <time> (<commit>), soaked 26 h". */
  promotedFrom?: string;
  /** True when an open pull request already proposed this change and this run changed nothing (not news). */
  pending?: boolean;
}

/** SkippedEntry is an image (or Application) left alone on purpose (the `skipped` output). */
export interface SkippedEntry {
  application: string;
  alias: string | null;
  reason: string;
  /** The ApplicationSet that generated the Application, `name (file:line)`; absent for hand-written ones. */
  applicationSet?: string;
}

/** ErrorEntry is an Application or image that failed (the `errors` output). */
export interface ErrorEntry {
  application: string;
  alias?: string;
  message: string;
  file?: string;
  line?: number;
  /** The ApplicationSet that generated the Application, `name (file:line)`; absent for hand-written ones. */
  applicationSet?: string;
  /** `publish`: the change was planned but could not be published (the step then fails). */
  stage?: 'publish';
}

/** UnchangedEntry is an image already at the chosen tag. */
export interface UnchangedEntry {
  application: string;
  alias: string;
  image: string;
  tag: string | null;
  strategy: string;
  file: string;
  /** The ApplicationSet that generated the Application, `name (file:line)`; absent for hand-written ones. */
  applicationSet?: string;
}

/** PlannedUpdate is an update with what the edit stage needs. */
export interface PlannedUpdate {
  entry: UpdateEntry;
  resolved: ResolvedImage;
  newImage: NewImage;
  /** Config labels of the new image, when known (PR bodies link the source). */
  labels?: Record<string, string>;
  /** Config labels of the image it replaces, when known (the compare link's old revision). */
  fromLabels?: Record<string, string>;
  /** Build time of the new image (ISO), when the strategy read it: newest-build orders proposals by it. */
  created?: string;
  /** When this run read the registry for it (ISO): a digest resolved later is the newer one. */
  seenAt?: string;
}

/** ImageOutcome is the plan's decision for one image. */
export type ImageOutcome =
  | { status: 'update'; update: PlannedUpdate }
  | { status: 'unchanged'; entry: UnchangedEntry }
  | { status: 'skipped'; entry: SkippedEntry }
  | { status: 'failed'; entry: ErrorEntry; error: PromoterError | Error };

/** PullRequestEntry is one pull request the run touched. */
export interface PullRequestEntry {
  number: number;
  url: string;
  branch: string;
  operation: 'created' | 'updated' | 'unchanged' | 'closed';
  /** The Applications whose changes it carries. */
  applications?: string[];
  /** Auto-merge state: `enabled`, `merged` (merge fallback) or `not-enabled` (see autoMergeReason); absent for plain pull-request mode. */
  autoMerge?: 'enabled' | 'merged' | 'not-enabled';
  /** Why auto-merge is not armed. */
  autoMergeReason?: string;
  /** True when the PR is behind its base (an unchanged PR of a base that does not require up-to-date branches). */
  behind?: boolean;
  /** Why it was left unchanged although this run planned other changes (commits we did not write, newer proposal). */
  reason?: string;
}

/** ReportWarning is a remark for the user, with the file and line it is about when known. */
export interface ReportWarning {
  message: string;
  file?: string;
  line?: number;
}

/** RunReport is everything a run reports (outputs, summary, CLI JSON). */
export interface RunReport {
  updates: UpdateEntry[];
  unchanged: UnchangedEntry[];
  skipped: SkippedEntry[];
  errors: ErrorEntry[];
  warnings: ReportWarning[];
  filesChanged: string[];
  pullRequests: PullRequestEntry[];
  commitSha: string | null;
  dryRun: boolean;
  /** Report label of each configured Application -> its configuration source (configured-by.ts describeOrigin). */
  configuredBy?: Record<string, string>;
}

/** emptyReport starts a report. */
export function emptyReport(dryRun: boolean): RunReport {
  return { updates: [], unchanged: [], skipped: [], errors: [], warnings: [], filesChanged: [], pullRequests: [], commitSha: null, dryRun };
}

/** hasNews: this run changed something (a change already pending in an open, unchanged pull request is not news). */
export function hasNews(report: RunReport): boolean {
  return report.updates.some((u) => !u.pending);
}

/** reportJson is the JSON the CLI prints with --json (the action's outputs, in one object). */
export function reportJson(report: RunReport): Record<string, unknown> {
  return {
    updates: report.updates,
    skipped: report.skipped,
    errors: report.errors,
    'pull-requests': report.pullRequests,
    'commit-sha': report.commitSha,
    'files-changed': report.filesChanged,
    'has-updates': hasNews(report),
    warnings: report.warnings,
    'configured-by': report.configuredBy ?? {},
  };
}

/** nameApplicationSets marks every entry of a generated Application with its ApplicationSet (label -> `name (file:line)`). */
export function nameApplicationSets(report: RunReport, generatedBy: Readonly<Record<string, string>>): void {
  for (const entry of [...report.updates, ...report.unchanged, ...report.skipped, ...report.errors]) {
    const appSet = generatedBy[entry.application];
    if (appSet !== undefined) entry.applicationSet = appSet;
  }
}

/** applicationCell names an entry's Application for tables, with its ApplicationSet when generated. */
export function applicationCell(entry: { application: string; applicationSet?: string }): string {
  return entry.applicationSet === undefined ? entry.application : `${entry.application} (ApplicationSet ${entry.applicationSet})`;
}

/** markPinned records on an update's entry whether its digest is written (the entry object is kept: publishing annotates it later). */
export function markPinned(update: PlannedUpdate): UpdateEntry {
  if (update.newImage.digest) update.entry.pinned = true;
  return update.entry;
}
