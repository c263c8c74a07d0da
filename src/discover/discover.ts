/**
 * discover (stage 1): finds Argo CD Applications and ImageUpdater CRs in the manifests repo and builds each
 * opted-in Application's configuration. Per-item problems are results (HOUSE-STYLE 10): a broken document or
 * Application is a failure for it alone, the others go on.
 */
import { wording, type Wording } from '../config/surface.js';
import { ConfigError, PromoterError } from '../errors.js';
import type { RepoFiles } from '../resolve/types.js';
import { matchGlob } from '../strategy/glob.js';
import { applicationFromDoc, chooseSource, isApplicationDoc } from './application.js';
import { configFromAnnotations, hasImageList, type AnnotationConfig } from './annotations.js';
import { appSetApplications } from './appset/discover-appsets.js';
import { isApplicationSetDoc } from './appset/appset.js';
import type { ClusterInfo } from './appset/clusters.js';
import { labelApplications } from './identity.js';
import { multiSourceSkipReason } from './multi-source.js';
import { pathFilter, type PathFilter } from './path-filter.js';
import { withPromotion } from './promotion-keys.js';
import { imageUpdaterFromDoc, isImageUpdaterDoc, type ImageUpdaterCr } from './image-updater.js';
import { bestMatch, configFromImageUpdater } from './image-updater-match.js';
import type { AppConfig, Application } from './types.js';
import { looksLikeOurKind, splitDocuments, type YamlDoc } from './yaml-docs.js';

/** DiscoverOptions narrow what is read. */
export interface DiscoverOptions {
  /** Globs (Go `filepath.Match`) on Application name; empty or absent = all. */
  applications?: string[];
  /** Says whether a source repoURL is the repository being promoted into. */
  isThisRepo?: (repoURL: string) => boolean;
  /** The clusters ApplicationSet `clusters` generators see (input `clusters`); undefined = those are skipped. */
  clusters?: readonly ClusterInfo[];
  /** Globs on repo-relative file paths: only matching files are read for Applications (empty = all). */
  paths?: readonly string[];
  /** Globs on repo-relative file paths: matching files are not read for Applications. */
  excludePaths?: readonly string[];
  /** Names settings in remarks as the surface does (inputs or flags); the action's words by default. */
  wording?: Wording;
}

/** DiscoverWarning is a remark on the whole run (a filter that matched nothing, no Application at all). */
export interface DiscoverWarning {
  message: string;
}

/** DiscoverFailure is one Application (or document) that could not be read. */
export interface DiscoverFailure {
  /** Application name, `ImageUpdater <name>`, or "" when the document has no readable name. */
  application: string;
  file: string;
  line: number;
  error: PromoterError;
}

/** DiscoverSkip is an Application (or one image of it) left out on purpose. */
export interface DiscoverSkip {
  application: string;
  alias?: string;
  reason: string;
}

/** DiscoverResult is everything stage 1 found. */
export interface DiscoverResult {
  configs: AppConfig[];
  failures: DiscoverFailure[];
  skipped: DiscoverSkip[];
  /** Report label of each generated Application -> its ApplicationSet, `name (file:line)`. */
  generatedBy: Record<string, string>;
  warnings: DiscoverWarning[];
}

// A YAML tag or anchor may stand before the kind (`kind: !!str Application`, `kind: &k Application`).
const MENTIONS_OUR_KIND = /kind["']?\s*:\s*(?:[!&]\S*\s+)*["']?(?:Application|ApplicationSet|ImageUpdater)\b/;

interface Found {
  apps: Application[];
  crs: ImageUpdaterCr[];
  appSets: YamlDoc[];
  failures: DiscoverFailure[];
}

/** discoverApplications reads every YAML file of the snapshot and returns the opted-in Applications' configs. */
export function discoverApplications(files: RepoFiles, options: DiscoverOptions = {}): DiscoverResult {
  const filter = pathFilter(options.paths, options.excludePaths);
  const found = readDocuments(files, filter.wanted);
  const skipped: DiscoverSkip[] = [];
  // ApplicationSets are rendered into Applications, each then read like a hand-written one.
  const generated = appSetApplications(found.appSets, found.apps, { files, isThisRepo: options.isThisRepo, clusters: options.clusters });
  found.failures.push(...generated.failures);
  skipped.push(...generated.skipped);
  // Failures of named Applications outside the filter belong to another shard of a matrix run; nameless
  // documents, refused files, ApplicationSets and ImageUpdater CRs are reported by every run.
  const failures = found.failures.filter((f) => f.application === '' || /^(ImageUpdater|ApplicationSet)\b/.test(f.application) || isWanted(f.application, options.applications));
  // Copies of one Application in several files (one folder per cluster) are processed each on its own.
  const apps = labelApplications([...found.apps, ...generated.apps]).filter((app) => isWanted(app.name, options.applications));
  const configs: AppConfig[] = [];
  const generatedBy: Record<string, string> = {};
  for (const app of apps) {
    if (app.generatedBy) generatedBy[app.label] = `${app.generatedBy.name} (${app.generatedBy.file}:${app.generatedBy.line})`;
    try {
      const config = configFor(app, found.crs, skipped);
      if (config === undefined) continue;
      const reason = skipReason(config, options.isThisRepo);
      if (reason === undefined) configs.push(config);
      else skipped.push({ application: app.label, reason });
    } catch (error) {
      if (!(error instanceof PromoterError)) throw error;
      failures.push({ application: app.label, file: error.file ?? app.file, line: error.line ?? app.line, error });
    }
  }
  return { configs, failures, skipped, generatedBy, warnings: nothingMatched(files, filter, found, options) };
}

/** nothingMatched says when a filter matched nothing, or no Application was found at all (HOUSE-STYLE: never silent). */
function nothingMatched(files: RepoFiles, filter: PathFilter, found: Found, options: DiscoverOptions): DiscoverWarning[] {
  const warnings: DiscoverWarning[] = [];
  const unmatched = filter.unmatched(files.list());
  const w = options.wording ?? wording();
  for (const glob of unmatched.paths) warnings.push({ message: `${w.label('paths')}: "${glob}" matches no file of the repository.` });
  for (const glob of unmatched.excludePaths) warnings.push({ message: `${w.label('exclude-paths')}: "${glob}" matches no file of the repository.` });
  if (found.apps.length === 0 && found.crs.length === 0 && found.appSets.length === 0) {
    const read = files.list().filter((f) => YAML_FILE.test(f) && filter.wanted(f)).length;
    warnings.push({
      message: `no Argo CD Application (argoproj.io/v1alpha1) was found in the ${read} YAML files read. Only *.yaml and *.yml files are read, as written: templates (.yaml.tpl, Helm templates) are not rendered.`,
    });
    return warnings;
  }
  const names = [...new Set(found.apps.map((a) => a.name))];
  for (const glob of (options.applications ?? []).map((g) => g.trim()).filter((g) => g !== '')) {
    if (names.some((name) => matchGlob(glob, name))) continue;
    const known = names.slice(0, 10).join(', ') + (names.length > 10 ? `, … (${names.length} in all)` : '');
    warnings.push({ message: `${w.label('applications')}: "${glob}" matches no Application (found: ${known || 'none'}).` });
  }
  return warnings;
}

const YAML_FILE = /\.ya?ml$/i;

function readDocuments(files: RepoFiles, wanted: (file: string) => boolean): Found {
  const found: Found = { apps: [], crs: [], appSets: [], failures: [] };
  for (const refused of (files.refused ?? []).filter((r) => wanted(r.path))) {
    const fix = /symlink/.test(refused.reason) ? 'Replace the link with the file itself, or remove it.' : 'Split or shrink the file, or move it out of the repository.';
    const error = new ConfigError(`file not read: ${refused.reason}`, { file: refused.path, fix });
    found.failures.push({ application: '', file: refused.path, line: 1, error });
  }
  for (const file of files.list()) {
    if (!YAML_FILE.test(file) || !wanted(file)) continue;
    const text = files.read(file) ?? '';
    // Most YAML in a manifests repo (values, kustomizations, workloads) declares no kind we read: skip parsing it.
    if (!MENTIONS_OUR_KIND.test(text)) continue;
    const { docs, broken } = splitDocuments(file, text);
    for (const bad of broken) {
      if (looksLikeOurKind(bad.text)) found.failures.push({ application: bad.name ?? '', file, line: bad.line, error: bad.error });
    }
    for (const doc of docs) {
      try {
        if (isApplicationDoc(doc)) found.apps.push(applicationFromDoc(doc));
        else if (isImageUpdaterDoc(doc)) found.crs.push(imageUpdaterFromDoc(doc));
        else if (isApplicationSetDoc(doc)) found.appSets.push(doc);
      } catch (error) {
        if (!(error instanceof PromoterError)) throw error;
        const name = isImageUpdaterDoc(doc) ? `ImageUpdater ${doc.name ?? ''}`.trim() : (error.application ?? doc.name ?? '');
        found.failures.push({ application: name, file, line: error.line ?? doc.line, error });
      }
    }
  }
  return found;
}

function isWanted(name: string, globs: string[] | undefined): boolean {
  const list = (globs ?? []).filter((g) => g.trim() !== '');
  return list.length === 0 || list.some((glob) => matchGlob(glob.trim(), name));
}

/** configFor picks the configuration source: a selecting ImageUpdater CR first, else the app's own annotations. */
function configFor(app: Application, crs: readonly ImageUpdaterCr[], skipped: DiscoverSkip[]): AppConfig | undefined {
  const { match, warnings } = bestMatch(crs, app);
  if (match === undefined || match.ref.useAnnotations) {
    if (!hasImageList(app)) {
      // 1.x with useAnnotations warns and skips; without a CR the updater silently ignores the app (0.x).
      if (match) skipped.push({ application: app.label, reason: `ImageUpdater ${match.cr.name} selects it with useAnnotations, but it has no image-list annotation` });
      return undefined;
    }
    return assemble(app, configFromAnnotations(app), { kind: 'annotations', ...(match ? { selectedBy: { name: match.cr.name, file: match.cr.file, line: match.cr.line } } : {}) }, warnings);
  }
  const config = configFromImageUpdater(match, app);
  if (hasImageList(app)) warnings.push(`its image-updater annotations are ignored: ImageUpdater ${match.cr.name} selects it without useAnnotations.`);
  return assemble(app, config, { kind: 'ImageUpdater', name: match.cr.name, file: match.cr.file, line: match.cr.line }, warnings);
}

function assemble(app: Application, config: AnnotationConfig, origin: AppConfig['origin'], warnings: string[]): AppConfig {
  if (app.sources.length === 0) {
    throw new ConfigError('Application has no spec.source or spec.sources', {
      application: app.label,
      file: app.file,
      line: app.line,
      fix: 'Add spec.source (or spec.sources) with the repoURL and path the images are written to.',
    });
  }
  return { app, images: withPromotion(app, config.images), writeBack: config.writeBack, publish: config.publish, origin, warnings: [...warnings, ...config.warnings] };
}

/**
 * skipReason says why a configured Application is left out: an explicit `argocd` write-back (this tool
 * writes git only), or sources in another repository (git-repository, when set, decides alone).
 */
function skipReason(config: AppConfig, isThisRepo: ((repoURL: string) => boolean) | undefined): string | undefined {
  if (config.writeBack.method === 'argocd') {
    return 'write-back-method is argocd (the updater patches the live Application); this action writes to git only. Remove the key or set it to git.';
  }
  const multiSource = multiSourceSkipReason(config, isThisRepo);
  if (multiSource !== undefined) return multiSource;
  if (isThisRepo === undefined) return undefined;
  const repository = config.writeBack.gitRepository;
  if (repository !== undefined) {
    return isThisRepo(repository) ? undefined : `git-repository ${repository} is not this repository`;
  }
  const chosen = chooseSource(config.app);
  if (chosen && isThisRepo(chosen.repoURL)) return undefined;
  // Multi-source apps often take values from this repo through a `ref:` source ($values/...).
  if (config.app.sources.some((s) => s.ref !== undefined && isThisRepo(s.repoURL))) return undefined;
  return `its source repository ${chosen?.repoURL ?? '(none)'} is not this repository; set git-repository if its files live here`;
}
