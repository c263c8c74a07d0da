/**
 * groupsFromPlan (pure): turns a plan into publish groups. Direct commits to one branch share one group
 * (one commit); each pull-request group (an Application, or a `group` of them) gets its own files,
 * edited apart from the others, because each pull request branches off the base on its own.
 */
import { editFilesFor, usesTemplatedBranch, type CheckedApp, type Plan } from '../pipeline.js';
import type { PlannedUpdate, UnchangedEntry } from '../report/result.js';
import type { RepoFiles } from '../resolve/types.js';
import type { GroupMode, ImageChange, PublishGroup } from './types.js';
import { timesOf } from './pr-record.js';
import { DEFAULT_NAMESPACE, namespaceOf } from '../discover/identity.js';

/** GroupDefaults are the inputs that apply to every pull request. */
export interface GroupDefaults {
  labels: readonly string[];
  reviewers: readonly string[];
  teamReviewers: readonly string[];
  assignees: readonly string[];
  draft: boolean;
  group?: string;
}

/** groupKey is the pull request an Application's changes go to. */
export function groupKey(app: CheckedApp['config'], defaults: GroupDefaults): string {
  return app.publish.group ?? defaults.group ?? app.app.name;
}

/**
 * branchKeyOf names an Application's pull request branch so that no two can collide: a group is `group+<name>`
 * (no Kubernetes name has a `+`), an Application outside Argo CD's own namespace is `<namespace>_<name>` (no
 * Kubernetes name has a `_`), and one in Argo CD's namespace keeps its bare name, so existing branches stay.
 */
export function branchKeyOf(app: CheckedApp['config'], defaults: GroupDefaults): string {
  const group = app.publish.group ?? defaults.group;
  if (group !== undefined) return `group+${group}`;
  const namespace = namespaceOf(app.app);
  return namespace === DEFAULT_NAMESPACE ? app.app.name : `${namespace}_${app.app.name}`;
}

/**
 * commitBranchOf reads the write branch of `git-branch: base:target`. A templated target
 * (`image-updater-{{.SHA256}}`, a branch per change set) is not rendered: such Applications are
 * published as pull requests instead (see modeOf in pipeline.ts), which is what that pattern is for.
 */
export function commitBranchOf(gitBranch: string | undefined): string | undefined {
  if (gitBranch === undefined || !gitBranch.includes(':')) return undefined;
  const target = gitBranch.slice(gitBranch.indexOf(':') + 1);
  return target === '' || target.includes('{{') ? undefined : target;
}

/** imageChangeOf describes one planned update for commit messages and pull request bodies. */
export function imageChangeOf(u: PlannedUpdate): ImageChange {
  const app = u.resolved.config.app;
  return {
    application: app.name,
    namespace: app.namespace,
    label: u.entry.application,
    ...(u.entry.applicationSet === undefined ? {} : { applicationSet: u.entry.applicationSet }),
    alias: u.entry.alias,
    image: u.entry.image,
    from: u.entry.from,
    to: u.newImage.digest ? `${u.entry.to}@${u.newImage.digest}` : u.entry.to,
    digest: u.entry.digest ?? undefined,
    strategy: u.entry.strategy,
    file: u.entry.file,
    labels: u.labels,
    fromLabels: u.fromLabels,
    ...(u.entry.promotedFrom === undefined ? {} : { promotedFrom: u.entry.promotedFrom }),
    ...timesOf(u),
  };
}

/** groupsFromPlan builds the publish groups; `files` is the snapshot the plan was made on. */
export function groupsFromPlan(plan: Plan, files: RepoFiles, defaults: GroupDefaults): PublishGroup[] {
  const byKey = new Map<string, { key: string; mode: GroupMode; apps: CheckedApp[]; updates: PlannedUpdate[] }>();
  const commits = new Map<string, PlannedUpdate[]>();
  for (const checked of plan.checked) {
    const mode = checked.mode === 'commit' && usesTemplatedBranch(checked.config.writeBack.gitBranch) ? 'pull-request' : checked.mode;
    if (mode === 'files' || checked.failed) continue;
    const updates = plan.updates.filter((u) => u.entry.application === checked.config.app.label);
    // A shard that saw only some images of an Application and checked none of them leaves its pull request alone.
    if (checked.partial && updates.length === 0 && !plan.report.unchanged.some((u) => u.application === checked.config.app.label)) continue;
    if (mode === 'commit') {
      if (updates.length === 0) continue;
      const branch = commitBranchOf(checked.config.writeBack.gitBranch) ?? '';
      commits.set(branch, [...(commits.get(branch) ?? []), ...updates]);
      continue;
    }
    const branchKey = branchKeyOf(checked.config, defaults);
    const entry = byKey.get(branchKey) ?? { key: groupKey(checked.config, defaults), mode, apps: [], updates: [] };
    entry.apps.push(checked);
    entry.updates.push(...updates);
    byKey.set(branchKey, entry);
  }
  const groups: PublishGroup[] = [];
  for (const [branch, updates] of commits) {
    groups.push(group(`commit:${branch || 'base'}`, 'commit', updates, files, [], defaults, branch || undefined));
  }
  for (const [branchKey, entry] of byKey) groups.push({ ...group(entry.key, entry.mode, entry.updates, files, entry.apps, defaults, undefined, plan.report.unchanged), ...(branchKey === entry.key ? {} : { branchKey }) });
  return groups;
}

/** partOf names the Applications a shard checked in part, and which of their images it found with nothing to change. */
function partOf(apps: readonly CheckedApp[], unchanged: readonly UnchangedEntry[]): Pick<PublishGroup, 'partialApplications' | 'checkedImages'> {
  const partial = apps.filter((a) => a.partial).map((a) => a.config.app.label);
  if (partial.length === 0) return {};
  const checkedImages = unchanged.filter((u) => partial.includes(u.application)).map((u) => ({ app: u.application, alias: u.alias, image: u.image }));
  return { partialApplications: partial, ...(checkedImages.length > 0 ? { checkedImages } : {}) };
}

function group(key: string, mode: GroupMode, updates: PlannedUpdate[], files: RepoFiles, apps: CheckedApp[], defaults: GroupDefaults, commitBranch?: string, unchanged: readonly UnchangedEntry[] = []): PublishGroup {
  const settings = apps.map((a) => a.config.publish);
  const union = (own: (s: (typeof settings)[number]) => readonly string[], base: readonly string[]) => [...new Set([...base, ...settings.flatMap(own)])];
  const applications = apps.length > 0 ? apps.map((a) => a.config.app.label) : updates.map((u) => u.entry.application);
  return {
    key,
    mode,
    applications: [...new Set(applications)],
    ...partOf(apps, unchanged),
    changes: updates.map(imageChangeOf),
    files: editFilesFor(updates, files),
    labels: union((s) => s.labels, defaults.labels),
    reviewers: union((s) => s.reviewers, defaults.reviewers),
    teamReviewers: union((s) => s.teamReviewers, defaults.teamReviewers),
    assignees: union((s) => s.assignees, defaults.assignees),
    draft: settings.some((s) => s.draft === true) || defaults.draft,
    ...(commitBranch ? { commitBranch } : {}),
    closeReason: updates.length === 0 ? 'every image of this pull request is already at the chosen tag on the base branch (or was rolled back there)' : undefined,
  };
}
