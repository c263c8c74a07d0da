/**
 * source: which of an Application's sources the image updater writes for, and its type. Git holds no
 * `status.sourceType` as a rule, so the type is inferred the way Argo CD's repo server detects it
 * (an explicit block first, then the files in `source.path`), and `write-back-target` can force it
 * (ARGOCD-IMAGE-UPDATER.md §3.1).
 */
import { posix } from 'node:path';
import type { AppSource, Application, ImageSpec } from '../discover/types.js';
import { EditError, type ErrorContext } from '../errors.js';
import type { Found } from './current.js';
import type { RepoFiles } from './types.js';
import { kustomizeEntries, namesOf, refersTo, seqItems, scalarText, nodeAt, type YamlReader } from './yaml-read.js';

/** SourceType is the kind of manifests a source renders. */
export type SourceType = 'kustomize' | 'helm' | 'directory' | 'plugin';

/** KUSTOMIZATION_NAMES are the file names kustomize accepts, in the order it looks for them. */
export const KUSTOMIZATION_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** ChosenSource is the source the updater works on, its type, directory and Helm value files. */
export interface ChosenSource {
  source: AppSource;
  type: SourceType;
  /** Repo-relative directory of `source.path` ('' = repo root). */
  dir: string;
  /** Repo-relative Helm value files in Argo CD's order (later files win); `$ref/...` resolved. */
  valueFiles: string[];
}

/** repoPath joins `rel` to `base` (a leading `/` means the repo root) and rejects escapes out of the repo. */
export function repoPath(base: string, rel: string, context: ErrorContext = {}): string {
  const joined = rel.startsWith('/') ? rel.slice(1) : posix.join(base, rel);
  const normal = posix.normalize(joined === '' ? '.' : joined);
  if (normal === '..' || normal.startsWith('../') || posix.isAbsolute(normal)) {
    throw new EditError(`path "${rel}" (from "${base || '/'}") leads out of the repository`, {
      ...context,
      fix: 'Use a path inside the manifests repository (a leading / means its root).',
    });
  }
  return normal === '.' ? '' : normal.replace(/\/$/, '');
}

/** typeFromBlocks returns the type an explicit `helm:`/`chart:`/`kustomize:`/`plugin:` says, if any. */
export function typeFromBlocks(source: AppSource): SourceType | undefined {
  if (source.helm !== undefined || source.chart !== undefined) return 'helm';
  if (source.kustomize !== undefined) return 'kustomize';
  if (source.plugin !== undefined) return 'plugin';
  return undefined;
}

/** typeFromFiles detects the type from the files in the source directory, as Argo CD's repo server does. */
export function typeFromFiles(dir: string, files: RepoFiles): SourceType {
  const has = (name: string): boolean => files.read(dir === '' ? name : `${dir}/${name}`) !== undefined;
  if (KUSTOMIZATION_NAMES.some(has)) return 'kustomize';
  if (has('Chart.yaml')) return 'helm';
  return 'directory';
}

/** forcedType is the type `write-back-target` imposes (§3.1), if it imposes one. */
export function forcedType(target: string | undefined): SourceType | undefined {
  if (target === undefined) return undefined;
  if (target === 'kustomization' || target.startsWith('kustomization:')) return 'kustomize';
  if (target === 'helmvalues' || target.startsWith('helmvalues:')) return 'helm';
  const base = posix.basename(target);
  // 1.x: a raw .yaml/.yml target that is not an override file is written Helm-values style.
  if (/\.ya?ml$/.test(base) && !base.startsWith('.argocd-source-')) return 'helm';
  return undefined;
}

function statusType(app: Application, index: number): SourceType | undefined {
  const raw = (app.sourceTypes[index] ?? '').toLowerCase();
  return raw === 'helm' || raw === 'kustomize' || raw === 'plugin' || raw === 'directory' ? raw : undefined;
}

function detect(app: Application, source: AppSource, files: RepoFiles): SourceType {
  const explicit = typeFromBlocks(source) ?? statusType(app, source.index);
  if (explicit) return explicit;
  if (source.path === undefined) return 'directory';
  return typeFromFiles(sourceDir(app, source), files);
}

function sourceDir(app: Application, source: AppSource): string {
  return repoPath('', source.path ?? '', { application: app.label, file: app.file, line: app.line });
}

/** pickSource applies §3.1's multi-source rule: explicit block, then status alignment, then any typed source, else the first. */
export function pickSource(app: Application, files: RepoFiles): AppSource {
  const sources = app.sources;
  if (sources.length === 0) {
    throw new EditError('the Application has no source', { application: app.label, file: app.file, line: app.line, fix: 'Add spec.source or spec.sources.' });
  }
  if (sources.length === 1) return sources[0];
  const explicit = sources.find((source) => typeFromBlocks(source) !== undefined);
  if (explicit) return explicit;
  const aligned = sources.find((source) => statusType(app, source.index) !== undefined && statusType(app, source.index) !== 'directory');
  if (aligned) return aligned;
  const typed = sources.find((source) => source.path !== undefined && typeFromFiles(sourceDir(app, source), files) !== 'directory');
  return typed ?? sources[0];
}

/** chooseSource returns the source the updater writes for, its type (forced by `writeBackTarget` when that says so) and paths. */
export function chooseSource(app: Application, files: RepoFiles, writeBackTarget?: string): ChosenSource {
  const source = pickSource(app, files);
  const type = forcedType(writeBackTarget) ?? detect(app, source, files);
  const dir = sourceDir(app, source);
  return { source, type, dir, valueFiles: type === 'helm' ? valueFilesOf(app, source, dir) : [] };
}

/**
 * valueFilesOf resolves `helm.valueFiles` to repo paths: plain entries are relative to the source
 * directory; `$<ref>/x` entries point into the source whose `ref` is `<ref>`, whose repo root `$<ref>`
 * stands for (Argo CD multi-source). Files of a chart from a Helm repository cannot be read and are dropped.
 */
export function valueFilesOf(app: Application, source: AppSource, dir: string): string[] {
  const context = { application: app.label, file: app.file, line: app.line };
  const result: string[] = [];
  for (const entry of source.helm?.valueFiles ?? []) {
    if (entry.includes('://')) continue; // a URL, not a file of this repo
    const ref = /^\$([^/]+)\/(.*)$/.exec(entry);
    if (ref) {
      if (app.sources.some((other) => other.ref === ref[1])) result.push(repoPath('', ref[2], context));
      continue;
    }
    if (source.path === undefined) continue;
    result.push(repoPath(dir, entry, context));
  }
  return result;
}

/** findKustomization returns the first kustomization file kustomize would read in `dir`. */
export function findKustomization(dir: string, reader: YamlReader, context: ErrorContext): string {
  for (const name of KUSTOMIZATION_NAMES) {
    const file = dir === '' ? name : `${dir}/${name}`;
    if (reader.exists(file)) return file;
  }
  throw new EditError(`no kustomization in "${dir || '/'}" (looked for ${KUSTOMIZATION_NAMES.join(', ')})`, {
    ...context,
    fix: 'Point write-back-target kustomization:<dir> at a directory holding a kustomization.yaml, or add one there.',
  });
}

/** MAX_KUSTOMIZE_DEPTH bounds the walk through `resources:` (kustomize itself rejects cycles). */
export const MAX_KUSTOMIZE_DEPTH = 16;

/**
 * kustomizeLayers walks the kustomization tree from `dir` (overlay first, then its resources, breadth
 * first: an overlay's `images:` entry wins over a base's) and returns the entries naming the image and
 * the manifest files reached. `start` lists kustomizations to read first (a write-back target elsewhere).
 */
export function kustomizeLayers(dir: string, start: readonly string[], reader: YamlReader, image: ImageSpec): { entries: Found[]; manifests: string[] } {
  const queue: { file: string; depth: number }[] = start.map((file) => ({ file, depth: 0 }));
  const root = tryFindKustomization(dir, reader);
  if (root) queue.push({ file: root, depth: 0 });
  const seen = new Set<string>();
  const entries: Found[] = [];
  const manifests: string[] = [];
  while (queue.length > 0) {
    const { file, depth } = queue.shift() as { file: string; depth: number };
    if (seen.has(file) || depth > MAX_KUSTOMIZE_DEPTH) continue;
    seen.add(file);
    const parsed = reader.parse(file);
    const doc = parsed?.docs[0];
    if (!parsed || !doc) continue;
    entries.push(...kustomizeEntries(parsed, doc).filter((entry) => entryNames(entry, image)).map((entry) => entryFound(entry, file)));
    const base = posix.dirname(file) === '.' ? '' : posix.dirname(file);
    for (const key of ['resources', 'bases', 'components']) {
      for (const item of seqItems(doc, nodeAt(doc, doc.contents, [key]))) {
        const next = resourcePath(base, scalarText(item));
        if (next === undefined) continue;
        if (/\.ya?ml$/.test(next) && reader.exists(next)) manifests.push(next);
        const nested = tryFindKustomization(next, reader);
        if (nested) queue.push({ file: nested, depth: depth + 1 });
      }
    }
  }
  return { entries, manifests: [...new Set(manifests)] };
}

function entryNames(entry: { name?: string; newName?: string }, image: ImageSpec): boolean {
  // An entry renaming another original name to this repository belongs to that other alias (issue 10 item 1).
  const original = image.hasAlias ? image.kustomizeImageName : undefined;
  if (original !== undefined && entry.newName !== undefined && entry.name !== undefined && entry.name !== original && !refersTo(entry.name, [image.ref])) return false;
  // The running name is newName when set; kustomize.image-name matches the entry's own name.
  return refersTo(entry.newName ?? entry.name, [image.ref]) || refersTo(entry.name, namesOf(image));
}

function entryFound(entry: { name?: string; newName?: string; newTag?: string; digest?: string; tagLine: number }, file: string): Found {
  const name = entry.newName ?? entry.name;
  return {
    ...(entry.newTag !== undefined ? { tag: entry.newTag } : {}),
    ...(entry.digest !== undefined ? { digest: entry.digest } : {}),
    ...(name !== undefined ? { name } : {}),
    at: { file, line: entry.tagLine },
  };
}

function resourcePath(base: string, entry: string | undefined): string | undefined {
  // Remote resources (URLs, git refs) are not in this repo; escapes out of it are ignored here.
  if (entry === undefined || entry.includes('://') || entry.includes('?ref=') || entry.startsWith('github.com/')) return undefined;
  try {
    return repoPath(base, entry);
  } catch {
    return undefined;
  }
}

function tryFindKustomization(dir: string, reader: YamlReader): string | undefined {
  try {
    return findKustomization(dir, reader, {});
  } catch {
    return undefined;
  }
}
