/**
 * planRollback: scenario S4 (SPEC §1, §2.1 `rollback`) as a pure function of one repo snapshot. The named
 * image of one Application is set to the named tag through the same stages as a promotion (discover ->
 * resolve -> edit), and the tag it replaces is added to the image's `ignore-tags` annotation, so no later run
 * (ours or argocd-image-updater's) promotes it again. Nothing is written; the caller publishes `changes`.
 */
import { IMAGE_LIST_KEY } from '../discover/annotations.js';
import { discoverApplications, type DiscoverOptions } from '../discover/discover.js';
import { appKey } from '../discover/identity.js';
import { wording, type Wording } from '../config/surface.js';
import type { AppConfig, ImageSpec } from '../discover/types.js';
import { applyEdits } from '../edit/apply-edits.js';
import type { ImageEdit } from '../edit/types.js';
import { ConfigError, EditError, PromoterError } from '../errors.js';
import { formatCurrent, targetFile } from '../query/decide.js';
import type { UpdateEntry } from '../report/result.js';
import { imageName } from '../resolve/image-ref.js';
import { resolveImages } from '../resolve/resolve.js';
import type { FileChange, RepoFiles, ResolvedImage } from '../resolve/types.js';
import { matchGlob } from '../strategy/glob.js';
import { IGNORE_TAGS_KEY, ignoreTagsKey, nextIgnoreTags, setAnnotation } from './ignore-tags-annotation.js';

/** RollbackRequest is what the user asked for: `rollback --application A --alias X --tag T`. */
export interface RollbackRequest {
  application: string;
  /** The image-list alias; for an unaliased image, its name as written in image-list. */
  alias: string;
  tag: string;
  /** Written as `tag@digest` when given. */
  digest?: string;
  /** Needed only when Applications of the same name live in several namespaces. */
  namespace?: string;
}

/**
 * RollbackOptions narrow discovery as a promotion run does (sources in other repositories are refused, only the
 * files `paths` / `exclude-paths` choose are read); `wording` names settings as the surface does.
 */
export type RollbackOptions = Pick<DiscoverOptions, 'isThisRepo' | 'paths' | 'excludePaths'> & { wording?: Wording };

/** RollbackEntry is the `updates` entry of a rollback, without the publish mode (the caller knows it). */
export type RollbackEntry = Omit<UpdateEntry, 'mode'>;

/** ROLLBACK_STRATEGY is the `strategy` a rollback entry reports: a person chose the tag, not a strategy. */
export const ROLLBACK_STRATEGY = 'rollback';

/** IgnoreTagsUpdate says which annotation now ignores the replaced tag, and where. */
export interface IgnoreTagsUpdate {
  annotation: string;
  file: string;
  /** 1-based line of the annotation key after the edit. */
  line: number;
  /** The annotation's new value. */
  value: string;
  /** The key did not exist and was inserted. */
  created: boolean;
}

/** RollbackPlan is the file changes of a rollback and what they mean. */
export interface RollbackPlan {
  changes: FileChange[];
  entry: RollbackEntry;
  /** The replaced tag, now ignored; null when git held no tag for the image. */
  ignoredTag: string | null;
  /** The annotation edit; null when the list already said what it must say. */
  ignore: IgnoreTagsUpdate | null;
  /** Remarks for the report (e.g. the new tag still matches an ignore-tags glob). */
  warnings: string[];
  /** The Application's configuration (publish mode, labels, reviewers). */
  config: AppConfig;
}

// distribution/reference's tag grammar (reference.go), as in src/resolve/image-ref.ts.
const TAG = /^[\w][\w.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[0-9a-fA-F]{32,}$/;

/** planRollback plans S4 on `files`; every refusal is a PromoterError naming application, file, line and fix. */
export function planRollback(files: RepoFiles, request: RollbackRequest, options: RollbackOptions = {}): RollbackPlan {
  checkRequest(request);
  const config = findConfig(files, request, options);
  const resolved = resolveOne(config, findImage(config, request.alias), files);
  const from = resolved.current?.tag ?? null;
  checkTarget(resolved, request);
  const edited = applyImageEdit(resolved, request, files);
  const key = ignoreTagsKey(resolved.image);
  const value = nextIgnoreTags(config.app.annotations[key], resolved.image.hasAlias ? config.app.annotations[IGNORE_TAGS_KEY] : undefined, {
    add: from,
    remove: request.tag,
  });
  const ignore = value === undefined ? null : writeAnnotation(edited, files, config, key, value);
  const entry: RollbackEntry = {
    application: config.app.label,
    alias: resolved.image.alias,
    image: imageName(resolved.image.ref),
    from: formatCurrent(resolved),
    to: request.tag,
    digest: request.digest ?? null,
    ...(request.digest === undefined ? {} : { pinned: true }),
    strategy: ROLLBACK_STRATEGY,
    file: targetFile(resolved.target),
  };
  return { changes: edited, entry, ignoredTag: from, ignore, warnings: globWarnings(resolved.image, value, request.tag), config };
}

function checkRequest(request: RollbackRequest): void {
  const context = { application: request.application };
  if (!TAG.test(request.tag)) {
    throw new ConfigError(`"${request.tag}" is not an image tag`, { ...context, fix: 'Give --tag a tag as the registry lists it: letters, digits, "_", "." and "-", at most 128, not starting with "." or "-".' });
  }
  if (request.digest !== undefined && !DIGEST.test(request.digest)) {
    throw new ConfigError(`"${request.digest}" is not a digest`, { ...context, fix: 'Give --digest as <algorithm>:<hex>, e.g. sha256:<64 hex digits>, or leave it out.' });
  }
}

/**
 * findConfig returns the one annotation-configured Application named in the request, or says why not. The
 * name may be the report's label (`web (argocd-apps/prod/web.yaml)`, `team-a/web`), `namespace/name`, or the
 * bare name when only one Application has it.
 */
function findConfig(files: RepoFiles, request: RollbackRequest, options: RollbackOptions): AppConfig {
  const name = request.application;
  const found = discoverApplications(files, { isThisRepo: options.isThisRepo, paths: options.paths, excludePaths: options.excludePaths });
  const inNamespace = (namespace: string | undefined): boolean => request.namespace === undefined || namespace === request.namespace;
  const failure = found.failures.find((f) => f.application === name);
  if (failure) throw failure.error;
  const configs = namedConfigs(found.configs, name).filter((c) => inNamespace(c.app.namespace));
  if (configs.length > 1) throw ambiguous(name, configs, options.wording ?? wording());
  const config = configs[0];
  if (config === undefined) throw notFound(found, name);
  if (config.origin.kind === 'ImageUpdater') {
    throw new ConfigError(`Application ${name} is configured by ImageUpdater ${config.origin.name}, not by annotations, so rollback cannot record the ignored tag`, {
      application: name,
      file: config.origin.file,
      line: config.origin.line,
      fix: `Set the tag by hand and add the replaced tag to the image's ignoreTags in ImageUpdater ${config.origin.name}.`,
    });
  }
  return config;
}

/** namedConfigs: the configs whose report label, `namespace/name` or name is `name`, the most exact form first. */
function namedConfigs(configs: readonly AppConfig[], name: string): AppConfig[] {
  for (const matches of [(c: AppConfig) => c.app.label === name, (c: AppConfig) => appKey(c.app) === name, (c: AppConfig) => c.app.name === name]) {
    const found = configs.filter(matches);
    if (found.length > 0) return found;
  }
  return [];
}

/** ambiguous: several Applications answer to the name; the error lists each by the label that names it alone. */
function ambiguous(name: string, configs: readonly AppConfig[], w: Wording): ConfigError {
  const labels = configs.map((c) => `'${c.app.label}' (${c.app.file}:${c.app.line})`).join(', ');
  const first = configs[0]!.app;
  const application = w.surface === 'cli' ? '--application' : "'rollback-application'";
  return new ConfigError(`more than one Application is named ${name}: ${labels}`, {
    application: name,
    file: first.file,
    line: first.line,
    fix: `Give ${application} the name the report uses for the one to roll back, e.g. '${first.label}'; or narrow the files read with ${w.name('paths')}.`,
  });
}

function notFound(found: ReturnType<typeof discoverApplications>, name: string): ConfigError {
  const skip = found.skipped.find((s) => s.application === name && s.alias === undefined);
  if (skip) return new ConfigError(`Application ${name} is not promoted by this tool: ${skip.reason}`, { application: name, fix: 'Roll it back by hand, or change its configuration as the reason says.' });
  const unread = found.failures.filter((f) => f.application === '').map((f) => `${f.file}:${f.line}`);
  const hint = unread.length > 0 ? ` (${unread.length} document(s) could not be read: ${unread.slice(0, 3).join(', ')})` : '';
  return new ConfigError(`no Application named ${name} with an argocd-image-updater image-list was found${hint}`, {
    application: name,
    fix: 'Check the name (metadata.name of the Application) and that it has the argocd-image-updater.argoproj.io/image-list annotation.',
  });
}

/** findImage matches the alias, or the name of an unaliased image as image-list writes it. */
function findImage(config: AppConfig, alias: string): ImageSpec {
  const image = config.images.find((i) => i.alias === alias) ?? config.images.find((i) => !i.hasAlias && imageName(i.ref) === alias);
  if (image) return image;
  const key = IMAGE_LIST_KEY;
  const known = config.images.map((i) => i.alias).join(', ');
  throw new ConfigError(`image-list has no image "${alias}"`, {
    application: config.app.name,
    annotation: key,
    file: config.app.file,
    line: config.app.annotationLines[key] ?? config.app.line,
    fix: `Use one of its aliases (${known}), or the image name for an image without alias.`,
  });
}

function resolveOne(config: AppConfig, image: ImageSpec, files: RepoFiles): ResolvedImage {
  const result = resolveImages([{ ...config, images: [image] }], files);
  if (result.failures.length > 0) throw result.failures[0].error;
  // A rollback names its tag: an image git does not reference yet is written all the same.
  return result.resolved[0] ?? result.skipped[0].item;
}

function checkTarget(resolved: ResolvedImage, request: RollbackRequest): void {
  const { image, config } = resolved;
  const at = resolved.current?.at ?? { file: targetFile(resolved.target), line: undefined };
  const context = { application: config.app.name, file: at.file, line: at.line };
  if (image.strategy === 'digest') {
    throw new ConfigError(`${image.alias} uses the digest strategy, which follows the newest digest of one tag; ignore-tags cannot hold a digest back`, {
      ...context,
      fix: 'Roll back by hand and pin the image, or change its strategy first.',
    });
  }
  if (resolved.current?.tag === request.tag) {
    throw new ConfigError(`${imageName(image.ref)} is already at ${request.tag}`, { ...context, fix: 'Give --tag the tag to roll back to, not the current one.' });
  }
}

function applyImageEdit(resolved: ResolvedImage, request: RollbackRequest, files: RepoFiles): FileChange[] {
  const edit: ImageEdit = {
    application: resolved.config.app.name,
    alias: resolved.image.alias,
    image: resolved.image,
    target: resolved.target,
    newImage: request.digest === undefined ? { tag: request.tag } : { tag: request.tag, digest: request.digest },
    currentName: resolved.current?.name,
  };
  const result = applyEdits([edit], files);
  if (result.failures.length > 0) throw result.failures[0].error;
  return result.changes;
}

/** writeAnnotation edits the Application file on top of the image edit when both touch it. */
function writeAnnotation(changes: FileChange[], files: RepoFiles, config: AppConfig, annotation: string, value: string): IgnoreTagsUpdate {
  const file = config.app.file;
  const earlier = changes.find((c) => c.path === file);
  const text = earlier?.after ?? files.read(file);
  if (text === undefined) throw new EditError('the Application file is not in the snapshot', { application: config.app.name, file, fix: 'Re-run on a complete checkout.' });
  try {
    const edit = setAnnotation(text, { application: config.app.name, namespace: config.app.namespace, file, annotation }, value);
    if (earlier) earlier.after = edit.text;
    else changes.push({ path: file, before: text, after: edit.text });
    return { annotation, file, line: edit.line, value, created: edit.created };
  } catch (error) {
    if (!(error instanceof PromoterError)) throw error;
    throw new EditError(`could not add the replaced tag to ${annotation}: ${error.message}`, {
      application: config.app.name,
      annotation,
      file,
      line: error.line ?? config.app.annotationLines[annotation] ?? config.app.line,
      fix: error.fix,
      cause: error,
    });
  }
}

// The new tag may still match a glob of the list: then the strategy never sees it again after a later update.
function globWarnings(image: ImageSpec, value: string | undefined, tag: string): string[] {
  const list = value === undefined ? image.ignoreTags : value.split(',').map((entry) => entry.trim());
  const glob = list.find((entry) => entry !== '' && entry !== tag && matchGlob(entry, tag));
  return glob === undefined ? [] : [`${tag} matches the ignore-tags glob "${glob}" of ${image.alias}; later runs will not consider it.`];
}
