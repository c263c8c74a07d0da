/**
 * runConfig: one run of the pipeline for a Config, shared by the action and the CLI: read the repo
 * (checkout or API snapshot), plan, write mode-files changes, publish the rest through GitHub.
 */
import { resolve } from 'node:path';
import type { Config } from './config/config.js';
import { thisRepoMatcher } from './config/this-repo.js';
import { parseClusters, type ClusterInfo } from './discover/appset/clusters.js';
import { locateCheckout, type Checkout } from './discover/git-checkout.js';
import { readLocalRepo } from './discover/local-repo.js';
import { loadTextOrFile } from './config/load-text.js';
import { wording, type Wording } from './config/surface.js';
import { findUnwritable, writeFileChanges } from './edit/write-files.js';
import { ConfigError, EditError, PromoterError, toUserMessage } from './errors.js';
import type { Logger } from './logger.js';
import { editFilesFor, failApplications, planRun, targetFiles, type Plan, type PlanSettings } from './pipeline.js';
import { apiBaseUrl, createOctokit, testOnlyWaits, type GitHubClient } from './publish/octokit.js';
import { toPublishError } from './publish/github-errors.js';
import { publishPlan, type PublishTarget } from './publish/publish-plan.js';
import { recordFailedApplications } from './publish/record.js';
import { readRepoSnapshot } from './publish/read-snapshot.js';
import type { RepoSnapshot } from './publish/types.js';
import type { RegistryAccess } from './query/query-images.js';
import { promotionAccess } from './promote/access.js';
import type { ManagedRegistryAccess } from './registry/registry-access.js';
import type { RepoFiles } from './resolve/types.js';
import type { PublishMode, RunReport, UpdateEntry } from './report/result.js';

/** RunContext holds the adapters of one run. */
export interface RunContext {
  config: Config;
  logger: Logger;
  env: NodeJS.ProcessEnv;
  registries: RegistryAccess;
  /** group runs one stage inside a log group (core.group in the action). */
  group: <T>(name: string, work: () => Promise<T>) => Promise<T>;
  /** forceMode replaces the Applications' own publish modes (the CLI's `apply --mode files`). */
  forceMode?: PublishMode;
}

/** Run is one run's wiring: its settings and adapters. */
interface Run extends RunContext {
  /** github connects on first use (runs that only read a checkout and write files never call the API). */
  github: () => Promise<GitHubAccess>;
  /** clusters reads the `clusters` input on first use. */
  clusters: () => Promise<ClusterInfo[] | undefined>;
  /** The checkout at `path` (its git root and origin); undefined when the repo is read through the API. */
  checkout?: Checkout;
}

/** GitHubAccess is an API client and the repository and base branch it publishes to. */
export interface GitHubAccess {
  octokit: GitHubClient;
  target: PublishTarget;
}

/**
 * closeRegistries saves the registry cache at the end of a run. A cache that cannot be saved (its path is
 * a directory, no permission) is a warning, in `report` when given, never a failure: the run's outcome
 * stands (issue 14 item 6).
 */
export async function closeRegistries(registries: ManagedRegistryAccess, logger: Logger, report?: RunReport): Promise<void> {
  try {
    await registries.close();
  } catch (error) {
    const message = `the metadata cache could not be saved (${error instanceof Error ? error.message : String(error)}); the run's result stands, the next run starts without it.`;
    logger.warning(message);
    report?.warnings.push({ message });
  }
}

/** once memoises an async factory. */
export function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => (made ??= make());
}

/** missingFix says how to give the repository or token, in the words of the surface, or to work on a checkout. */
function missingFix(missing: 'repository' | 'token', w: Wording): string {
  const give = missing === 'token' ? `Give a token: ${w.token}` : w.surface === 'cli' ? 'Pass --repository owner/name' : "Set the 'repository' input (it defaults to this repository)";
  const local = w.surface === 'cli' ? 'run on a checkout (--path) with --mode files' : "check the repo out, set 'path' and use mode files";
  return `${give}; or ${local}.`;
}

/** connectGitHub builds the API client and learns the base branch (the default branch when none is set). */
export async function connectGitHub(config: Config, env: NodeJS.ProcessEnv, logger?: Logger): Promise<GitHubAccess> {
  if (!config.repository || !config.token) {
    const missing = !config.repository ? 'repository' : 'token';
    const w = wording(config.surface);
    const which = missing === 'repository' ? w.name('repository') : w.surface === 'cli' ? 'GITHUB_TOKEN' : w.name('token');
    throw new ConfigError(`reading or publishing through the GitHub API needs a repository and a token; ${which} is missing.`, { fix: missingFix(missing, w) });
  }
  const octokit = createOctokit({ token: config.token, baseUrl: apiBaseUrl(env), logger, ...testOnlyWaits(env) });
  const { owner, repo } = config.repository;
  const baseBranch = config.baseBranch ?? (await defaultBranch(octokit, owner, repo));
  return { octokit, target: { owner, repo, baseBranch } };
}

async function defaultBranch(octokit: GitHubClient, owner: string, repo: string): Promise<string> {
  try {
    return (await octokit.rest.repos.get({ owner, repo })).data.default_branch;
  } catch (error) {
    throw toPublishError(error, 'reading the repository', `${owner}/${repo}`);
  }
}

/** runConfig runs the whole pipeline and returns the plan (its report includes what was published). */
export async function runConfig(context: RunContext): Promise<Plan> {
  const checkout = context.config.path ? await openCheckout(context.config.path, context.logger) : undefined;
  const run: Run = { ...context, checkout, github: once(() => connectGitHub(context.config, context.env, context.logger)), clusters: once(() => loadClusters(context.config.clusters, context.config.surface)) };
  const snapshot = checkout ? undefined : await run.group('read repository', () => readSnapshot(run));
  const files = snapshot?.files ?? (await readLocalRepo(checkout!.root));
  const plan = await run.group('plan', () => planOn(run, files, snapshot));
  if (checkout) await failUnwritable(checkout.root, plan, files);
  if (!context.config.dryRun) await run.group('publish', () => publish(run, plan, files, snapshot));
  return plan;
}

async function readSnapshot(run: Run): Promise<RepoSnapshot> {
  const { octokit, target } = await run.github();
  return readRepoSnapshot(octokit, { owner: target.owner, repo: target.repo, branch: target.baseBranch });
}

/**
 * openCheckout locates the checkout at `path` (the enclosing git root, its origin) and logs what it found, once.
 * A `path` that is missing or not a directory is refused by readLocalRepo, naming it.
 */
export async function openCheckout(path: string, logger: Logger): Promise<Checkout> {
  const checkout = await locateCheckout(resolve(path));
  for (const note of checkout.notes) logger.info(note);
  return checkout;
}

function planSettings(run: Run): PlanSettings {
  const { config, env } = run;
  return {
    applications: config.applications, paths: config.paths, excludePaths: config.excludePaths, shard: config.shard, image: config.image, tag: config.tag, mode: config.mode, modeExplicit: config.modeExplicit, forceMode: run.forceMode, allowDowngrade: config.allowDowngrade, dryRun: config.dryRun,
    wording: wording(config.surface),
    // A checkout is the repository its origin remote names (unknown without one: every source is taken as this repo).
    isThisRepo: run.checkout ? run.checkout.isThisRepo : config.repository ? thisRepoMatcher(config.repository.owner, config.repository.repo, env.GITHUB_SERVER_URL) : undefined,
  };
}

async function planOn(run: Run, files: RepoFiles, snapshot: RepoSnapshot | undefined): Promise<Plan> {
  const clusters = await run.clusters();
  const github = async () => {
    const { octokit, target } = await run.github();
    return { octokit, owner: target.owner, repo: target.repo };
  };
  // A checkout reads checks (promote-gates) from GitHub when the run has a repository and a token.
  const checkoutGitHub = run.config.repository && run.config.token ? { github } : {};
  const access = promotionAccess(snapshot ? { kind: 'github', github, sha: snapshot.sha } : { kind: 'checkout', root: run.checkout!.root, ...checkoutGitHub });
  return planRun(files, { ...planSettings(run), clusters }, run.registries, run.logger, access);
}

/** loadClusters reads the `clusters` input (a file or its content) once per run. */
async function loadClusters(value: string | undefined, surface: Config['surface']): Promise<ClusterInfo[] | undefined> {
  if (value === undefined) return undefined;
  const { text, origin } = await loadTextOrFile('clusters', value, wording(surface));
  return parseClusters(text, origin);
}

/**
 * publish writes mode-files changes and publishes the rest. A failure of either half is recorded on
 * the Applications it concerns (the report is still written); the other half goes on.
 */
async function publish(run: Run, plan: Plan, files: RepoFiles, snapshot: RepoSnapshot | undefined): Promise<void> {
  const { report } = plan;
  await writeFilesMode(run, plan, files).catch((error: unknown) => failPublish(run, report, (u) => u.mode === 'files', error));
  const publishes = plan.checked.some((c) => !c.failed && c.mode !== 'files');
  if (!publishes) return;
  const { config } = run;
  try {
    const github = await run.github();
    await publishPlan(plan, {
      octokit: github.octokit,
      logger: run.logger,
      target: github.target,
      defaults: { labels: config.labels, reviewers: config.reviewers, teamReviewers: config.teamReviewers, assignees: config.assignees, draft: config.draft, group: config.group },
      options: { mergeMethod: config.mergeMethod, mergeFallback: config.mergeFallback, author: config.commitAuthor, commitMessageTemplate: config.commitMessage },
      snapshot,
      complete: config.applications.length === 0 && !config.image && !config.shard,
      replan: (files) => planOn(run, files, snapshot),
    }, report);
  } catch (error) {
    failPublish(run, report, (u) => u.mode !== 'files', error);
  }
}

/** failPublish records a publish failure on every Application with a pending update the predicate selects. */
function failPublish(run: Run, report: RunReport, which: (u: UpdateEntry) => boolean, error: unknown): void {
  const message = toUserMessage(error);
  const applications = [...new Set(report.updates.filter(which).map((u) => u.application))];
  run.logger.info(`${applications.join(', ')}: not published: ${message}`);
  recordFailedApplications(report, applications, message);
}

/** writeFilesMode writes the changes of Applications in mode files into the checkout at `path` (the files the plan read). */
async function writeFilesMode(run: Run, plan: Plan, files: RepoFiles): Promise<void> {
  const updates = plan.updates.filter((u) => u.entry.mode === 'files');
  if (updates.length === 0) return;
  if (!run.checkout) {
    const w = wording(run.config.surface);
    throw new ConfigError(`mode files writes the working tree, which needs ${w.setting('path')}.`, { fix: w.surface === 'cli' ? 'Pass --path <checkout>, or another --mode.' : "Check the repo out (actions/checkout) and set 'path', or use another mode." });
  }
  try {
    await writeFileChanges(run.checkout.root, editFilesFor(updates, files));
  } catch (error) {
    // Checked while planning; what still fails now (a race) fails every Application of this write, and nothing was written.
    const refusal = error instanceof PromoterError ? error : new EditError(`could not write the working tree: ${(error as Error).message}; nothing was changed`, { cause: error });
    failApplications(plan, (u) => (u.entry.mode === 'files' ? refusal : undefined), files);
  }
}

/** failUnwritable fails, while planning, each mode-files Application whose target the checkout at `root` cannot take. */
async function failUnwritable(root: string, plan: Plan, files: RepoFiles): Promise<void> {
  const updates = plan.updates.filter((u) => u.entry.mode === 'files');
  if (updates.length === 0) return;
  const refused = await findUnwritable(root, editFilesFor(updates, files));
  if (refused.size === 0) return;
  failApplications(plan, (u) => (u.entry.mode === 'files' ? targetFiles(u).map((f) => refused.get(f)).find(Boolean) : undefined), files);
}

