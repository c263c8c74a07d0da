/**
 * pipeline: sequences the stages over injected adapters: discover -> resolve -> query/choose -> edit.
 * Publishing and writing are done by the caller (main.ts, the CLI) with the plan's file changes.
 */
import { discoverApplications } from './discover/discover.js';
import { applyEdits } from './edit/apply-edits.js';
import type { ImageEdit } from './edit/types.js';
import { toUserMessage } from './errors.js';
import type { Logger } from './logger.js';
import { queryImages, type RegistryAccess } from './query/query-images.js';
import { emptyReport, type ImageOutcome, type PlannedUpdate, type PublishMode, type RunReport } from './report/result.js';
import { sameRepository, type ImageRef } from './resolve/image-ref.js';
import { resolveImages } from './resolve/resolve.js';
import type { FileChange, RepoFiles, ResolvedImage } from './resolve/types.js';
import type { AppConfig } from './discover/types.js';

/** PlanSettings are the parts of Config the plan needs. */
export interface PlanSettings {
  applications: readonly string[];
  image?: ImageRef;
  tag?: string;
  mode: PublishMode;
  /** forceMode replaces every Application's own publish mode (the CLI's `apply --mode files`). */
  forceMode?: PublishMode;
  allowDowngrade: boolean;
  dryRun: boolean;
  isThisRepo?: (repoURL: string) => boolean;
}

/** CheckedApp is an Application this run queried: what publishing needs to know of it. */
export interface CheckedApp {
  config: AppConfig;
  /** The mode its changes are published in (its own annotation, else the mode input). */
  mode: PublishMode;
  /** Some image of it failed (then its open pull request is left alone). */
  failed: boolean;
}

/** Plan is what a run would do: the report so far, the planned updates and the new file contents. */
export interface Plan {
  report: RunReport;
  updates: PlannedUpdate[];
  changes: FileChange[];
  checked: CheckedApp[];
}

/** planRun runs every stage up to the edits; nothing is written. */
export async function planRun(files: RepoFiles, settings: PlanSettings, registries: RegistryAccess, logger: Logger): Promise<Plan> {
  const report = emptyReport(settings.dryRun);
  const discovered = discoverApplications(files, { applications: [...settings.applications], isThisRepo: settings.isThisRepo });
  for (const failure of discovered.failures) {
    report.errors.push({ application: failure.application, message: toUserMessage(failure.error), file: failure.file, line: failure.line });
  }
  report.skipped.push(...discovered.skipped.map((s) => ({ application: s.application, alias: s.alias ?? null, reason: s.reason })));
  for (const config of discovered.configs) report.warnings.push(...config.warnings.map((w) => ({ message: `${config.app.label}: ${w}`, file: config.app.file, line: config.app.line })));

  const resolved = resolveImages(discovered.configs, files);
  for (const failure of resolved.failures) {
    report.errors.push({ application: failure.application, alias: failure.alias, message: toUserMessage(failure.error), file: failure.error.file, line: failure.error.line });
  }
  const wanted = resolved.resolved.filter((item) => tracksHintImage(item, settings.image));
  const outcomes = await queryImages(wanted, registries, {
    allowDowngrade: settings.allowDowngrade,
    hintTag: settings.image && settings.tag ? { ref: settings.image, tag: settings.tag } : undefined,
    modeFor: (item) => modeOf(item.config, settings),
    wantsLabels: (item) => !settings.dryRun && ['pull-request', 'auto-merge'].includes(modeOf(item.config, settings)),
    logger,
  });
  const updates = collectOutcomes(outcomes, report);
  const edited = editFiles(updates, files, report);
  report.updates.push(...edited.updates.map((u) => u.entry));
  report.filesChanged.push(...edited.changes.map((c) => c.path));
  return { report, updates: edited.updates, changes: edited.changes, checked: checkedApps(wanted, report, settings, edited.failedApps) };
}

/**
 * modeOf is the publish mode of an Application's changes. A `commit` to a templated `git-branch` write
 * branch (a new branch per change set, the updater's PR pattern) becomes a pull request.
 */
export function modeOf(config: AppConfig, settings: Pick<PlanSettings, 'mode' | 'forceMode'>): PublishMode {
  const mode = settings.forceMode ?? config.publish.mode ?? settings.mode;
  return mode === 'commit' && usesTemplatedBranch(config.writeBack.gitBranch) ? 'pull-request' : mode;
}

/** usesTemplatedBranch tells whether `git-branch` asks for a new branch per change set. */
export function usesTemplatedBranch(gitBranch: string | undefined): boolean {
  return gitBranch !== undefined && gitBranch.includes(':') && gitBranch.includes('{{');
}

function checkedApps(items: ResolvedImage[], report: RunReport, settings: PlanSettings, alsoFailed: readonly string[]): CheckedApp[] {
  const failed = new Set([...report.errors.map((e) => e.application), ...alsoFailed]);
  const apps = new Map<string, AppConfig>(items.map((item) => [item.config.app.label, item.config]));
  return [...apps.values()].map((config) => ({ config, mode: modeOf(config, settings), failed: failed.has(config.app.label) }));
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
