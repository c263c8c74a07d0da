/**
 * pipeline: sequences the stages over injected adapters: discover -> resolve -> query/choose -> edit.
 * Publishing and writing are done by the caller (main.ts, the CLI) with the plan's file changes.
 */
import type { ClusterInfo } from './discover/appset/clusters.js';
import { discoverApplications } from './discover/discover.js';
import { ownsImage, reportsSharedProblems, type Shard } from './query/shard.js';
import { applyEdits } from './edit/apply-edits.js';
import type { ImageEdit } from './edit/types.js';
import { PromoterError, toUserMessage } from './errors.js';
import type { Logger } from './logger.js';
import { queryImages, type RegistryAccess } from './query/query-images.js';
import { emptyReport, markPinned, nameApplicationSets, type ImageOutcome, type PlannedUpdate, type PublishMode, type RunReport } from './report/result.js';
import { sameRepository, type ImageRef } from './resolve/image-ref.js';
import { resolveImages } from './resolve/resolve.js';
import type { FileChange, RepoFiles, ResolvedImage } from './resolve/types.js';
import type { AppConfig } from './discover/types.js';
import { effectiveMode, overrideNote } from './config/mode-precedence.js';
import { planPromotions, splitHeld } from './promote/plan-promotions.js';
import type { PromotionAccess } from './promote/types.js';
import { configuredBy } from './report/configured-by.js';
import type { Wording } from './config/surface.js';

/** PlanSettings are the parts of Config the plan needs. */
export interface PlanSettings {
  applications: readonly string[];
  /** Only the image repositories of this shard are queried and updated (input `shard: i/n`). */
  shard?: Shard;
  /** Globs on repo-relative file paths choosing the files read for Applications (see DiscoverOptions). */
  paths?: readonly string[];
  excludePaths?: readonly string[];
  image?: ImageRef;
  tag?: string;
  mode: PublishMode;
  /** forceMode replaces every Application's own publish mode (the CLI's `apply --mode files`). */
  forceMode?: PublishMode;
  /** Whether `mode` was set explicitly (see config/mode-precedence.ts); unset, annotations decide. */
  modeExplicit?: boolean;
  allowDowngrade: boolean;
  dryRun: boolean;
  isThisRepo?: (repoURL: string) => boolean;
  /** The clusters ApplicationSet `clusters` generators see (input `clusters`). */
  clusters?: readonly ClusterInfo[];
  /** Names settings in remarks as the surface does (inputs or flags); the action's words by default. */
  wording?: Wording;
}

/** CheckedApp is an Application this run queried: what publishing needs to know of it. */
export interface CheckedApp {
  config: AppConfig;
  /** The mode its changes are published in (its own annotation, else the mode input). */
  mode: PublishMode;
  /** Some image of it failed (then its open pull request is left alone). */
  failed: boolean;
  /**
   * A sharded run checked only some of its images (the others belong to other shards): publishing must not take
   * "no changes here" for "nothing to do" (its open pull request is left alone then).
   */
  partial?: boolean;
}

/** Plan is what a run would do: the report so far, the planned updates and the new file contents. */
export interface Plan {
  report: RunReport;
  updates: PlannedUpdate[];
  changes: FileChange[];
  checked: CheckedApp[];
}

/**
 * planRun runs every stage up to the edits; nothing is written. `promotion` reads file histories and commit
 * checks for promote-after / promote-gates (issue 12); without it those are skipped with the reason.
 */
export async function planRun(files: RepoFiles, settings: PlanSettings, registries: RegistryAccess, logger: Logger, promotion?: PromotionAccess): Promise<Plan> {
  const report = emptyReport(settings.dryRun);
  const discovered = discoverApplications(files, { applications: [...settings.applications], isThisRepo: settings.isThisRepo, clusters: settings.clusters, paths: settings.paths, excludePaths: settings.excludePaths, wording: settings.wording });
  // A sharded run reports what precedes the registries (discover, resolve) from shard 1 only.
  const shared = reportsSharedProblems(settings.shard);
  if (shared) report.warnings.push(...discovered.warnings);
  for (const failure of shared ? discovered.failures : []) {
    report.errors.push({ application: failure.application, message: toUserMessage(failure.error), file: failure.file, line: failure.line });
  }
  if (shared) report.skipped.push(...discovered.skipped.map((s) => ({ application: s.application, alias: s.alias ?? null, reason: s.reason })));
  if (shared) report.configuredBy = configuredBy(discovered.configs);
  for (const config of shared ? discovered.configs : []) report.warnings.push(...config.warnings.map((w) => ({ message: `${config.app.label}: ${w}`, file: config.app.file, line: config.app.line })));
  for (const config of shared && !settings.forceMode ? discovered.configs : []) {
    const note = overrideNote(config.publish.mode, settings.mode, settings.modeExplicit === true);
    if (note) report.warnings.push({ message: `${config.app.label}: ${note}`, file: config.app.file, line: config.app.line });
  }

  const resolved = resolveImages(discovered.configs, files);
  for (const failure of shared ? resolved.failures : []) {
    report.errors.push({ application: failure.application, alias: failure.alias, message: toUserMessage(failure.error), file: failure.error.file, line: failure.error.line });
  }
  const mine = (item: ResolvedImage) => tracksHintImage(item, settings.image) && ownsImage(settings.shard, item.image.ref);
  report.skipped.push(...resolved.skipped.filter((s) => mine(s.item)).map((s) => ({ application: s.application, alias: s.alias, reason: s.reason })));
  const wanted = resolved.resolved.filter(mine);
  const untracked = shared ? untrackedImageWarning(discovered.configs, settings.image) : undefined;
  if (untracked) report.warnings.push(untracked);
  const { held, rest } = splitHeld(wanted);
  const modeFor = (item: ResolvedImage) => modeOf(item.config, settings);
  const promoted = await planPromotions(rest.filter((item) => item.image.promotion), files, { configs: discovered.configs, resolved, unfiltered: filteredDiscovery(settings) }, { registries, access: promotion, allowDowngrade: settings.allowDowngrade, modeFor });
  const queried = await queryImages(rest.filter((item) => !item.image.promotion), registries, {
    allowDowngrade: settings.allowDowngrade,
    hintTag: settings.image && settings.tag ? { ref: settings.image, tag: settings.tag } : undefined,
    modeFor: (item) => modeOf(item.config, settings),
    wantsLabels: (item) => !settings.dryRun && ['pull-request', 'auto-merge'].includes(modeOf(item.config, settings)),
    logger,
  });
  const updates = collectOutcomes([...held, ...promoted, ...queried], report);
  const edited = editFiles(updates, files, report);
  report.updates.push(...edited.updates.map(markPinned));
  report.filesChanged.push(...edited.changes.map((c) => c.path));
  nameApplicationSets(report, discovered.generatedBy);
  return { report, updates: edited.updates, changes: edited.changes, checked: checkedApps(wanted, report, settings, edited.failedApps, partialApps(resolved.resolved, settings.shard)) };
}

/** filteredDiscovery is how to discover every Application when this run's discovery was filtered (promotion sources). */
function filteredDiscovery(settings: PlanSettings): { isThisRepo?: (repoURL: string) => boolean; clusters?: PlanSettings['clusters'] } | undefined {
  const filtered = settings.applications.some((g) => g.trim() !== '') || (settings.paths?.length ?? 0) > 0 || (settings.excludePaths?.length ?? 0) > 0;
  return filtered ? { isThisRepo: settings.isThisRepo, clusters: settings.clusters } : undefined;
}

/**
 * modeOf is the publish mode of an Application's changes. A `commit` to a templated `git-branch` write
 * branch (a new branch per change set, the updater's PR pattern) becomes a pull request.
 */
export function modeOf(config: AppConfig, settings: Pick<PlanSettings, 'mode' | 'forceMode' | 'modeExplicit'>): PublishMode {
  const mode = settings.forceMode ?? effectiveMode(config.publish.mode, settings.mode, settings.modeExplicit === true);
  return mode === 'commit' && usesTemplatedBranch(config.writeBack.gitBranch) ? 'pull-request' : mode;
}

/** usesTemplatedBranch tells whether `git-branch` asks for a new branch per change set. */
export function usesTemplatedBranch(gitBranch: string | undefined): boolean {
  return gitBranch !== undefined && gitBranch.includes(':') && gitBranch.includes('{{');
}

function checkedApps(items: ResolvedImage[], report: RunReport, settings: PlanSettings, alsoFailed: readonly string[], partial: ReadonlySet<string>): CheckedApp[] {
  const failed = new Set([...report.errors.map((e) => e.application), ...alsoFailed]);
  const apps = new Map<string, AppConfig>(items.map((item) => [item.config.app.label, item.config]));
  return [...apps.values()].map((config) => ({ config, mode: modeOf(config, settings), failed: failed.has(config.app.label), ...(partial.has(config.app.label) ? { partial: true } : {}) }));
}

/** partialApps are the Applications with images that another shard queries. */
function partialApps(items: readonly ResolvedImage[], shard: Shard | undefined): Set<string> {
  return new Set(items.filter((item) => !ownsImage(shard, item.image.ref)).map((item) => item.config.app.label));
}

/** targetFiles lists the files an update writes. */
export function targetFiles(update: PlannedUpdate): string[] {
  const target = update.resolved.target;
  return target.kind === 'manifest' ? target.files : [target.file];
}

/**
 * failApplications takes every update of each Application for which `reasonFor` refuses one of its updates
 * out of the plan, reports it as an error on that Application, and recomputes the file changes of the rest,
 * so one unwritable target fails only its own Application (issue 14 item 3).
 */
export function failApplications(plan: Plan, reasonFor: (update: PlannedUpdate) => PromoterError | undefined, files: RepoFiles): void {
  const failed = new Map<string, PromoterError>();
  for (const update of plan.updates) {
    const reason = failed.has(update.entry.application) ? undefined : reasonFor(update);
    if (reason) failed.set(update.entry.application, reason);
  }
  if (failed.size === 0) return;
  const { report } = plan;
  for (const update of plan.updates) {
    const reason = failed.get(update.entry.application);
    if (!reason) continue;
    const error = new PromoterError(reason.message, { application: update.entry.application, file: reason.file, line: reason.line, fix: reason.fix });
    report.errors.push({ application: update.entry.application, alias: update.entry.alias, message: toUserMessage(error), file: reason.file, line: reason.line });
  }
  plan.updates = plan.updates.filter((u) => !failed.has(u.entry.application));
  plan.changes = editFilesFor(plan.updates, files);
  report.updates.splice(0, report.updates.length, ...report.updates.filter((u) => !failed.has(u.application)));
  report.filesChanged.splice(0, report.filesChanged.length, ...plan.changes.map((c) => c.path));
  plan.checked = plan.checked.map((c) => (failed.has(c.config.app.label) ? { ...c, failed: true } : c));
}

/** editFilesFor applies a subset of the updates to the files (publishing computes each branch's files apart). */
export function editFilesFor(updates: PlannedUpdate[], files: RepoFiles): FileChange[] {
  return applyEdits(updates.map(editOf), files).changes;
}

function editOf(u: PlannedUpdate): ImageEdit {
  return {
    application: u.entry.application,
    alias: u.entry.alias,
    image: u.resolved.image,
    target: u.resolved.target,
    newImage: u.newImage,
    currentName: u.resolved.current?.name,
  };
}

/** untrackedImageWarning says when the `image` input names an image no Application tracks (an S1 typo). */
function untrackedImageWarning(configs: readonly AppConfig[], image: ImageRef | undefined): { message: string } | undefined {
  if (image === undefined || configs.some((c) => c.images.some((i) => sameRepository(i.ref, image)))) return undefined;
  const count = configs.reduce((n, c) => n + c.images.length, 0);
  return { message: `image ${image.registry}/${image.repository}: no Application tracks it (${count} images of ${configs.length} Applications checked); nothing to do. Check the name and registry host against the image-list annotations.` };
}

function tracksHintImage(item: ResolvedImage, image: ImageRef | undefined): boolean {
  return image === undefined || sameRepository(item.image.ref, image);
}

function collectOutcomes(outcomes: ImageOutcome[], report: RunReport): PlannedUpdate[] {
  const updates: PlannedUpdate[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'update') updates.push(outcome.update);
    else if (outcome.status === 'unchanged') report.unchanged.push(outcome.entry);
    else if (outcome.status === 'skipped') report.skipped.push(outcome.entry);
    else report.errors.push(outcome.entry);
  }
  return updates;
}

/** editFiles applies the updates to the files; an update whose edit fails becomes an error (one per conflict). */
function editFiles(updates: PlannedUpdate[], files: RepoFiles, report: RunReport): { updates: PlannedUpdate[]; changes: FileChange[]; failedApps: string[] } {
  const edits: ImageEdit[] = updates.map(editOf);
  const result = applyEdits(edits, files);
  const failed = new Set<ImageEdit>();
  for (const failure of result.failures) {
    failed.add(failure.edit);
    for (const other of failure.others ?? []) failed.add(other);
    report.errors.push({ application: failure.edit.application, alias: failure.edit.alias, message: toUserMessage(failure.error), file: failure.error.file, line: failure.error.line });
  }
  const failedApps = [...failed].map((edit) => edit.application);
  return { updates: updates.filter((_, i) => !failed.has(edits[i])), changes: result.changes, failedApps };
}
