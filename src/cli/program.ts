/** The CLI program: plan, apply, choose. Exit codes: 0 done, 1 some Application failed, 2 bad invocation or configuration. */
import { Command, CommanderError, Option } from 'commander';
import { parseConfig, type Config } from '../config/config.js';
import { ConfigError, toUserMessage } from '../errors.js';
import type { Logger } from '../logger.js';
import { createRegistryAccess } from '../registry/registry-access.js';
import { emptyReport, reportJson, type RunReport } from '../report/result.js';
import { renderTable } from '../report/render.js';
import { runChoose, type ChooseOptions } from './choose.js';
import { renderDiffs, runPlan } from './run-plan.js';
import { VERSION } from '../version.js';
import { runRollback } from '../rollback/run-rollback.js';
import { closeRegistries, connectGitHub, once } from '../run.js';

const stderrLogger: Logger = {
  debug: (m) => (process.env.AIP_DEBUG ? process.stderr.write(`debug: ${m}\n`) : undefined),
  info: (m) => process.stderr.write(`${m}\n`),
  warning: (m) => process.stderr.write(`warning: ${m}\n`),
  error: (m) => process.stderr.write(`error: ${m}\n`),
};

/** MODE_HELP states the precedence between --mode and the publish-mode annotation (config/mode-precedence.ts). */
const MODE_HELP =
  'files: edit the working tree, for every Application (the default without --repository); commit, pull-request, auto-merge: publish to --repository with $GITHUB_TOKEN. ' +
  'Without --mode, each Application\'s image-promoter.argoproj.io/publish-mode annotation decides (else pull-request); with it, the stricter of the two wins ' +
  '(commit < auto-merge < pull-request), so --mode pull-request never commits straight to the base branch';

function registryOptions(command: Command): Command {
  return command
    .option('--registries-config <conf>', "argocd-image-updater registries.conf: a path or its content")
    .option('--docker-config <file-or-json>', 'docker config.json with registry credentials: a path or its content (default ~/.docker/config.json)')
    .option('--google-credentials <json>', 'Google credentials file (service-account key, external account) or its content; default: Application Default Credentials')
    .option('--cache-file <file>', 'metadata cache file, kept between runs')
    .option('--allow-ext-credentials', 'run ext: credential scripts named in registries.conf or pull-secret annotations')
    .option('--exact-created', "on Google registries, read each image's config created time instead of the tag list's")
    .option('--registry-timeout <seconds>', 'seconds each registry operation may take, retries and waits included (default 20; the run: 15 times that)');
}

const PATH_HELP = 'the manifests repo checkout, read from its git root (default: ., or the API when --repository is given)';

function planOptions(command: Command, pathHelp = 'the manifests repo checkout, read from its git root (default: .)'): Command {
  return registryOptions(command)
    .option('--path <dir>', pathHelp)
    .option('--json', 'print the JSON report (updates, skipped, errors) instead of a table')
    .option('--diff', 'print the unified diff of every file that would change')
    .option('--image <ref>', 'only Applications that track this image repository')
    .option('--tag <tag>', 'a tag just pushed to --image (added if the registry does not list it yet)')
    .option('--applications <globs>', 'comma-separated globs on Application name')
    .option('--paths <globs>', 'comma-separated globs on repo-relative file paths: only these files are read for Applications')
    .option('--exclude-paths <globs>', 'comma-separated globs on repo-relative file paths: these files are not read for Applications')
    .option('--clusters <file>', 'clusters for ApplicationSet clusters generators: a YAML list of {name, server, labels}, or its content')
    .option('--shard <i/n>', 'query and update only the image repositories of shard i of n (a strategy.matrix job)')
    .option('--allow-downgrade', "follow the updater's pick even when it is older than the current tag");
}

function publishOptions(command: Command): Command {
  return command
    .option('--repository <owner/name>', 'the GitHub repository to publish to (and to read when --path is not given)')
    .option('--base-branch <branch>', "the branch to read and publish to (default: the repository's default branch)")
    .option('--labels <list>', 'pull request labels')
    .option('--reviewers <list>', 'pull request reviewers')
    .option('--team-reviewers <list>', 'pull request team reviewers')
    .option('--assignees <list>', 'pull request assignees')
    .option('--draft', 'open pull requests as drafts')
    .option('--group <name>', 'one pull request for every Application')
    .option('--merge-method <method>', 'auto-merge method: merge, squash, rebase')
    .option('--merge-fallback', 'merge directly when auto-merge is not allowed')
    .option('--commit-author <author>', "'Name <email>' (default: the token's identity)")
    .option('--commit-message <template>', "commit message template with the updater's variables");
}

/** configFromFlags maps commander options (camelCase) onto the action's input names. */
function configFromFlags(options: Record<string, unknown>, defaults: Record<string, string>): Config {
  return parseConfig((name) => {
    const value = options[name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())];
    return value === undefined ? '' : String(value);
  }, defaults, 'cli');
}

function registriesFor(config: Pick<Config, 'registriesConfig' | 'dockerConfig' | 'googleCredentials' | 'cacheFile' | 'allowExtCredentials' | 'exactCreated' | 'registryTimeoutMs'>) {
  return () => createRegistryAccess({ ...config, env: process.env, logger: stderrLogger, setSecret: () => undefined, surface: 'cli' });
}

/** localDefaults: without --repository the CLI works on the checkout at . in mode files; with it, through the API, annotations deciding the mode. */
function localDefaults(options: Record<string, unknown>): Record<string, string> {
  return options.repository ? { path: '' } : { path: '.', mode: 'files' };
}

/** printReport prints the JSON report or the table on stdout; with --json, warnings also go to stderr (the table has them). */
function printReport(report: RunReport, json: boolean): void {
  if (!json) {
    process.stdout.write(renderTable(report));
    return;
  }
  for (const w of report.warnings) stderrLogger.warning(w.file ? `${w.file}${w.line ? `:${w.line}` : ''}: ${w.message}` : w.message);
  process.stdout.write(`${JSON.stringify(reportJson(report), null, 2)}\n`);
}

async function planAction(options: Record<string, unknown>, apply: boolean): Promise<number> {
  const config = configFromFlags(options, { ...localDefaults(options), token: process.env.GITHUB_TOKEN ?? '' });
  const plan = await runPlan({ config, apply, registries: registriesFor(config), logger: stderrLogger, env: process.env }).catch((error: unknown) => {
    // The run stopped before it had a report: --json still prints one, with the error, then the error is raised as usual.
    if (options.json) process.stdout.write(`${JSON.stringify(reportJson({ ...emptyReport(config.dryRun || !apply), errors: [{ application: '(run)', message: toUserMessage(error) }] }), null, 2)}\n`);
    throw error;
  });
  printReport(plan.report, options.json === true);
  if (options.diff) process.stdout.write(renderDiffs(plan));
  return plan.report.errors.length > 0 ? 1 : 0;
}

async function rollbackAction(options: Record<string, unknown>): Promise<number> {
  const config = configFromFlags({ ...options, rollbackApplication: options.application, rollbackAlias: options.alias, rollbackTag: options.tag, tag: undefined }, {
    ...localDefaults(options),
    token: process.env.GITHUB_TOKEN ?? '',
  });
  const registries = await registriesFor(config)();
  const context = { config, logger: stderrLogger, env: process.env, registries, group: <T>(_name: string, work: () => Promise<T>) => work(), forceMode: config.mode === 'files' ? ('files' as const) : undefined };
  const report = await runRollback(context, once(() => connectGitHub(config, process.env, stderrLogger)), config.rollback!).catch(async (error: unknown) => {
    await closeRegistries(registries, stderrLogger);
    throw error;
  });
  await closeRegistries(registries, stderrLogger, report);
  printReport(report, options.json === true);
  return 0;
}

async function chooseAction(options: ChooseOptions & Record<string, unknown>): Promise<number> {
  const config = configFromFlags(options, {});
  const result = await runChoose(options, registriesFor(config), stderrLogger);
  if (options.json) process.stdout.write(`${JSON.stringify(result)}\n`);
  else process.stdout.write(`${result.tag ?? '(none)'}${result.digest ? `@${result.digest}` : ''}${result.update ? ' (update)' : ''}\n`);
  return 0;
}

/** buildProgram defines the commands; each action resolves to an exit code. */
export function buildProgram(setExitCode: (code: number) => void): Command {
  const program = new Command('argocd-image-promoter')
    .description('Promote container images through a GitOps repo, configured like argocd-image-updater.')
    .version(VERSION)
    .exitOverride();
  const run = (work: () => Promise<number>) => async () => setExitCode(await work());
  planOptions(program.command('plan').description('show what would change; writes nothing'))
    .action(async (options: Record<string, unknown>) => run(() => planAction(options, false))());
  publishOptions(planOptions(program.command('apply').description('plan, then edit the working tree (--mode files) or publish through GitHub'), PATH_HELP))
    .addOption(new Option('--mode <mode>', MODE_HELP).choices(['files', 'commit', 'pull-request', 'auto-merge']))
    .option('--dry-run', 'compute and report everything, write nothing')
    .action(async (options: Record<string, unknown>) => run(() => planAction(options, true))());
  registryOptions(publishOptions(program.command('rollback').description('set an image back to a tag and add the tag it replaces to ignore-tags (scenario S4)')))
    .requiredOption('--application <name>', "the Application: its name, namespace/name, or the report's name for one of several copies, e.g. 'web (argocd-apps/prod/web.yaml)'")
    .requiredOption('--alias <alias>', 'the image-list alias (or the image name for an unaliased image)')
    .requiredOption('--tag <tag>', 'the tag to go back to')
    .option('--path <dir>', PATH_HELP)
    .option('--paths <globs>', 'comma-separated globs on repo-relative file paths: only these files are read for Applications')
    .option('--exclude-paths <globs>', 'comma-separated globs on repo-relative file paths: these files are not read for Applications')
    .addOption(new Option('--mode <mode>', MODE_HELP).choices(['files', 'commit', 'pull-request', 'auto-merge']))
    .option('--dry-run', 'report the change, write nothing')
    .option('--json', 'print the JSON report')
    .action(async (options: Record<string, unknown>) => run(() => rollbackAction(options))());
  registryOptions(program.command('choose').description("the selection engine alone, like the updater's test command"))
    .option('--strategy <name>', 'semver | newest-build | alphabetical | digest (and the deprecated latest, name)', 'semver')
    .option('--constraint <text>', 'semver constraint, or the tag to track for digest')
    .option('--allow-tags <match>', 'any, or regexp:<RE2>')
    .option('--ignore-tags <globs>', 'comma-separated globs')
    .option('--platforms <list>', 'comma-separated os/arch[/variant] (default linux/amd64)')
    .option('--tag-sort-mode <mode>', 'none | latest-first | latest-last')
    .option('--current <ref>', 'the current tag, or tag@digest for the digest strategy')
    .option('--image <ref>', 'ask this image repository for its tags')
    .option('--tags-file <file>', 'a JSON array of tags or {tag, created, digest} objects')
    .option('--json', 'print {tag, digest, update, considered, eligible}')
    .action(async (options: ChooseOptions & Record<string, unknown>) => run(() => chooseAction(options))());
  return program;
}

/** main runs the CLI and returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  let exitCode = 0;
  const program = buildProgram((code) => (exitCode = code));
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2;
    process.stderr.write(`argocd-image-promoter: ${toUserMessage(error)}\n`);
    return error instanceof ConfigError || (error as Error).name === 'AnnotationError' ? 2 : 1;
  }
}
