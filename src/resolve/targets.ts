/**
 * targets: where an image's new reference is written (ARGOCD-IMAGE-UPDATER.md §3.1, §3.4, §3.5).
 * Pure: reads the snapshot, never writes.
 */
import { posix } from 'node:path';
import type { AppConfig, ImageSpec } from '../discover/types.js';
import { ANNOTATION_PREFIX } from '../discover/types.js';
import { EditError, type ErrorContext } from '../errors.js';
import { imageName, specName, tryParseImageRef } from './image-ref.js';
import { checkTargetFile } from './target-file.js';
import { pluginOverrideTarget } from './plugin-target.js';
import { entryBelongsTo, type KustomizeImageOwner } from './kustomize-images.js';
import { chooseSource, findKustomization, KUSTOMIZATION_NAMES, repoPath, type ChosenSource } from './source.js';
import type { EditTarget, HelmKeys, RepoFiles } from './types.js';
import { containerImages, kustomizeEntries, namesOf, readerFor, refersTo, type KustomizeEntry, type YamlReader } from './yaml-read.js';

/** CONTROLLER_NAMESPACE is Argo CD's default namespace; Applications there get the short override file name. */
export const CONTROLLER_NAMESPACE = 'argocd';
/** DEFAULT_HELM_NAME_KEY is the updater's default Helm parameter for the image name. */
export const DEFAULT_HELM_NAME_KEY = 'image.name';
/** DEFAULT_HELM_TAG_KEY is the updater's default Helm parameter for the tag. */
export const DEFAULT_HELM_TAG_KEY = 'image.tag';

const TARGET_KEY = `${ANNOTATION_PREFIX}write-back-target`;

/** configContext is the error context of an Application's configuration (annotation line, or the ImageUpdater CR). */
export function configContext(config: AppConfig, key?: string): ErrorContext {
  const app = config.app;
  if (config.origin.kind === 'ImageUpdater') {
    return { application: app.label, file: config.origin.file, line: config.origin.line };
  }
  if (key === undefined) return { application: app.label, file: app.file, line: app.line };
  return { application: app.label, annotation: key, file: app.file, line: app.annotationLines[key] ?? app.line };
}

/** overrideFileName is Argo CD's per-app override file: `.argocd-source-<app>.yaml`, or `<ns>_<app>` outside the controller namespace. */
export function overrideFileName(name: string, namespace: string | undefined): string {
  const qualified = namespace && namespace !== CONTROLLER_NAMESPACE ? `${namespace}_${name}` : name;
  return `.argocd-source-${qualified}.yaml`;
}

/** helmKeys returns the Helm parameter keys of an image: image-spec alone, else name/tag (+ digest) with the updater's defaults. */
export function helmKeys(image: ImageSpec): HelmKeys {
  // Helm keys apply only to aliased images (§1.2); unaliased ones use the defaults.
  const helm = image.hasAlias ? image.helm : undefined;
  if (helm?.spec) return { specKey: helm.spec };
  return { nameKey: helm?.name || DEFAULT_HELM_NAME_KEY, tagKey: helm?.tag || DEFAULT_HELM_TAG_KEY, ...(helm?.digest ? { digestKey: helm.digest } : {}) };
}

/**
 * resolveTarget says which file and node receive an image's new reference; a target file that may not be
 * written (not read, under .git, in a missing directory: target-file.ts) is an error on the Application.
 */
export function resolveTarget(config: AppConfig, image: ImageSpec, files: RepoFiles): EditTarget {
  const raw = config.writeBack.target?.trim() || undefined;
  const context = configContext(config, raw === undefined ? undefined : TARGET_KEY);
  const chosen = chooseSource(config.app, files, raw);
  const target = pickTarget(config, image, files, raw, chosen, context);
  if (target.kind !== 'manifest') checkTargetFile(files, target.file, { writeBackTarget: raw, sourceDir: chosen.dir }, context);
  return target;
}

function pickTarget(config: AppConfig, image: ImageSpec, files: RepoFiles, raw: string | undefined, chosen: ChosenSource, context: ErrorContext): EditTarget {
  const reader = readerFor(files);
  if (raw === undefined) return defaultTarget(config, image, chosen, reader, context);
  if (raw === 'kustomization' || raw.startsWith('kustomization:')) {
    const dir = repoPath(chosen.dir, raw.slice('kustomization:'.length), context);
    return kustomizationTarget(image, findKustomization(dir, reader, context), reader);
  }
  if (raw === 'helmvalues' || raw.startsWith('helmvalues:')) {
    const file = repoPath(chosen.dir, raw.slice('helmvalues:'.length) || 'values.yaml', context);
    return { kind: 'helm-values', file, ...helmKeys(image), create: true };
  }
  return rawTarget(raw, config, image, chosen, context);
}

function defaultTarget(config: AppConfig, image: ImageSpec, chosen: ChosenSource, reader: YamlReader, context: ErrorContext): EditTarget {
  const { type, dir } = chosen;
  if (type === 'directory' && image.plugin === undefined) return manifestTarget(image, dir, chosen, reader, configContext(config));
  const name = overrideFileName(config.app.name, config.app.namespace);
  // The default target always stays in the source directory, whatever the name holds (issue 14 item 2).
  if (/[/\\]/.test(name)) {
    throw new EditError(`the override file name "${name}" would leave the source directory`, { ...context, fix: 'Give the Application a Kubernetes name (a DNS-1123 subdomain).' });
  }
  return overrideTarget(repoPath(dir, name, context), type, image, config, chosen, context);
}

function overrideTarget(file: string, type: string, image: ImageSpec, config: AppConfig, chosen: ChosenSource, context: ErrorContext): EditTarget {
  const plugin = pluginOverrideTarget(file, image, config.images, chosen, context);
  if (plugin) return plugin;
  // A plugin source with git write-back is written as Helm parameters (argocd.go getApplicationType, 1.3).
  if (type === 'helm' || type === 'plugin') return { kind: 'argocd-source', file, appType: 'helm', helm: helmKeys(image) };
  const kustomizeName = image.hasAlias ? image.kustomizeImageName : undefined;
  // update.go marshalParamsOverride writes the Application's whole kustomize.images list (issue 10 item 10).
  const carried = (chosen.source.kustomize?.images ?? []).map((entry) => ({
    entry,
    managed: config.images.some((other) => other !== image && entryBelongsTo(entry, kustomizeOwner(other))),
  }));
  return { kind: 'argocd-source', file, appType: 'kustomize', ...(kustomizeName ? { kustomizeName } : {}), ...(carried.length > 0 ? { carried } : {}) };
}

/** kustomizeOwner is what identifies an image's kustomize entries. */
export function kustomizeOwner(image: ImageSpec): KustomizeImageOwner {
  const kustomizeName = image.hasAlias ? image.kustomizeImageName : undefined;
  return { ref: image.ref, ...(kustomizeName ? { kustomizeName } : {}) };
}

function rawTarget(raw: string, config: AppConfig, image: ImageSpec, chosen: ChosenSource, context: ErrorContext): EditTarget {
  // Any other value is a repo-root-relative path, not joined with the source path (§3.1).
  const file = repoPath('', raw, context);
  const base = posix.basename(file);
  if ((KUSTOMIZATION_NAMES as readonly string[]).includes(base)) {
    // The updater's master rejects this: it would be written as Helm values into a kustomization.
    throw new EditError(`write-back-target "${raw}" names a kustomization file`, {
      ...context,
      fix: `Use kustomization:/${posix.dirname(file) === '.' ? '' : posix.dirname(file)} (a directory) instead.`,
    });
  }
  if (/\.ya?ml$/.test(base) && !base.startsWith('.argocd-source-')) {
    return { kind: 'helm-values', file, ...helmKeys(image), create: true };
  }
  return overrideTarget(file, chosen.type, image, config, chosen, context);
}

function kustomizationTarget(image: ImageSpec, file: string, reader: YamlReader): EditTarget {
  const parsed = reader.parse(file);
  const doc = parsed?.docs[0];
  const entries = parsed && doc ? kustomizeEntries(parsed, doc) : [];
  const { entry, entryName, wantsNewName } = matchEntry(image, entries);
  const full = specName(image);
  const pointsAtImage = entry?.newName !== undefined ? refersTo(entry.newName, [image.ref]) : refersTo(entryName, [image.ref]);
  const setNewName = wantsNewName && !pointsAtImage ? full : undefined;
  return { kind: 'kustomization', file, entryName, ...(setNewName ? { setNewName } : {}) };
}

/**
 * matchEntry finds the `images:` entry to update. The entry is keyed by kustomize.image-name, else by
 * the image's name (registry included, Docker Hub bare). An entry that already renames some name to
 * this image (`name: app` + `newName: <image>`) is updated too, never shadowed by a second entry (#208).
 */
function matchEntry(image: ImageSpec, entries: KustomizeEntry[]): { entry?: KustomizeEntry; entryName: string; wantsNewName: boolean } {
  const original = image.hasAlias ? image.kustomizeImageName : undefined;
  const wanted = original ?? specName(image);
  const wantedRef = tryParseImageRef(wanted);
  const byName = entries.find((entry) => entry.name === wanted)
    ?? entries.find((entry) => wantedRef !== undefined && entry.name !== undefined && refersTo(entry.name, [wantedRef]));
  if (byName?.name !== undefined) return { entry: byName, entryName: byName.name, wantsNewName: original !== undefined };
  const renamed = entries.find((entry) => entry.name !== undefined && refersTo(entry.newName, [image.ref]));
  if (renamed?.name !== undefined) return { entry: renamed, entryName: renamed.name, wantsNewName: false };
  return { entryName: wanted, wantsNewName: original !== undefined };
}

/** manifestFiles lists the YAML files of a directory source (recursive when `directory.recurse` is set). */
export function manifestFiles(dir: string, chosen: ChosenSource, files: RepoFiles): string[] {
  const recurse = chosen.source.directory?.recurse === true;
  const prefix = dir === '' ? '' : `${dir}/`;
  return files
    .list()
    .filter((path) => path.startsWith(prefix) && /\.ya?ml$/.test(path))
    .filter((path) => recurse || !path.slice(prefix.length).includes('/'))
    .filter((path) => !posix.basename(path).startsWith('.argocd-source'))
    .sort();
}

function manifestTarget(image: ImageSpec, dir: string, chosen: ChosenSource, reader: YamlReader, context: ErrorContext): EditTarget {
  const names = namesOf(image);
  const files = manifestFiles(dir, chosen, reader.files).filter((file) =>
    containerImages(reader.parse(file) ?? { file, docs: [], lineOf: () => 1 }).some((container) => refersTo(container.image, names)),
  );
  if (files.length === 0) {
    throw new EditError(`no container in "${dir || '/'}" uses ${imageName(image.ref)}`, {
      ...context,
      fix: `Check the image name, or set ${TARGET_KEY} to say which file to write.`,
    });
  }
  return { kind: 'manifest', files };
}
