/**
 * image-updater: reads `ImageUpdater` custom resources (argocd-image-updater 1.x,
 * `argocd-image-updater.argoproj.io/v1alpha1`, ARGOCD-IMAGE-UPDATER.md §1.8) into a checked model.
 * Field names follow the CRD (`api/v1alpha1/imageupdater_types.go`); unknown fields are accepted.
 */
import { AnnotationError } from '../errors.js';
import { FieldTypeError, isObj, optArray, optBool, optObj, optString, optStringList, optStringMap, reqString, type Obj } from './guards.js';
import { ImageListError, parseImageListItem, type ImageListItem } from './image-list.js';
import type { ImageSettings } from './settings.js';
import type { HelmTarget } from './types.js';
import type { RawWriteBack } from './write-back.js';
import { docToData, type YamlDoc } from './yaml-docs.js';

/** IMAGE_UPDATER_API_VERSION is the apiVersion of the ImageUpdater CRD. */
export const IMAGE_UPDATER_API_VERSION = 'argocd-image-updater.argoproj.io/v1alpha1';

/** LabelExpression is one `matchExpressions` entry. */
export interface LabelExpression {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values: string[];
}

/** CrWriteBack is a `writeBackConfig` block; `pullRequest` is set when `gitConfig.pullRequest` is. */
export interface CrWriteBack extends RawWriteBack {
  pullRequest?: { labels: string[] };
}

/** CrImage is one `images[]` entry, its imageName already parsed as `<alias>=<imageName>`. */
export interface CrImage {
  item: ImageListItem;
  settings: ImageSettings;
  line: number;
}

/** CrAppRef is one `applicationRefs[]` entry. */
export interface CrAppRef {
  index: number;
  namePattern: string;
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelExpression[];
  useAnnotations: boolean;
  settings: ImageSettings;
  writeBack: CrWriteBack;
  images: CrImage[];
  line: number;
}

/** ImageUpdaterCr is a whole ImageUpdater resource. */
export interface ImageUpdaterCr {
  name: string;
  /** `metadata.namespace`, else the deprecated `spec.namespace`. */
  namespace?: string;
  file: string;
  line: number;
  settings: ImageSettings;
  writeBack: CrWriteBack;
  refs: CrAppRef[];
}

/** isImageUpdaterDoc tells whether a document declares an ImageUpdater. */
export function isImageUpdaterDoc(doc: YamlDoc): boolean {
  return doc.apiVersion === IMAGE_UPDATER_API_VERSION && doc.kind === 'ImageUpdater';
}

/** imageUpdaterFromDoc reads one ImageUpdater document; a wrong field is an AnnotationError at its line. */
export function imageUpdaterFromDoc(doc: YamlDoc): ImageUpdaterCr {
  const data = docToData(doc);
  try {
    if (!isObj(data)) throw new FieldTypeError([], 'a mapping');
    const metadata = optObj(data, 'metadata', []) ?? {};
    const spec = optObj(data, 'spec', []) ?? {};
    const namespace = optString(metadata, 'namespace', ['metadata']) ?? optString(spec, 'namespace', ['spec']);
    const refs = (optArray(spec, 'applicationRefs', ['spec']) ?? []).map((ref, index) => readRef(doc, ref, index));
    return {
      name: reqString(metadata, 'name', ['metadata']),
      ...(namespace === undefined ? {} : { namespace }),
      file: doc.file,
      line: doc.lineOf(['kind']),
      settings: readSettings(spec, ['spec']),
      writeBack: readWriteBack(spec, ['spec']),
      refs,
    };
  } catch (error) {
    if (!(error instanceof FieldTypeError)) throw error;
    throw crError(doc, `ImageUpdater field ${error.message}`, error.path, 'Correct the field as in the ImageUpdater CRD.');
  }
}

function crError(doc: YamlDoc, message: string, path: (string | number)[], fix: string): AnnotationError {
  return new AnnotationError(message, { annotation: fieldName(path), file: doc.file, line: doc.lineOf(path), fix });
}

/** fieldName renders a field path as `spec.applicationRefs[0].images[1].alias`. */
export function fieldName(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

function readRef(doc: YamlDoc, ref: unknown, index: number): CrAppRef {
  const path = ['spec', 'applicationRefs', index];
  if (!isObj(ref)) throw new FieldTypeError(path, 'a mapping');
  const selector = optObj(ref, 'labelSelectors', path);
  const images = (optArray(ref, 'images', path) ?? []).map((image, i) => readImage(doc, image, [...path, 'images', i]));
  return {
    index,
    namePattern: reqString(ref, 'namePattern', path),
    ...(selector === undefined ? {} : readSelector(selector, [...path, 'labelSelectors'])),
    useAnnotations: optBool(ref, 'useAnnotations', path) ?? false,
    settings: readSettings(ref, path),
    writeBack: readWriteBack(ref, path),
    images,
    line: doc.lineOf(path),
  };
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

function readSelector(selector: Obj, path: (string | number)[]): Pick<CrAppRef, 'matchLabels' | 'matchExpressions'> {
  const matchLabels = optStringMap(selector, 'matchLabels', path);
  const matchExpressions = (optArray(selector, 'matchExpressions', path) ?? []).map((e, i): LabelExpression => {
    const at = [...path, 'matchExpressions', i];
    if (!isObj(e)) throw new FieldTypeError(at, 'a mapping');
    const operator = reqString(e, 'operator', at);
    if (!OPERATORS.has(operator)) throw new FieldTypeError([...at, 'operator'], 'In, NotIn, Exists or DoesNotExist');
    const values = optStringList(e, 'values', at) ?? [];
    const needsValues = operator === 'In' || operator === 'NotIn';
    // Kubernetes' own rule (LabelSelectorAsSelector): In/NotIn need values, Exists/DoesNotExist take none.
    if (needsValues !== values.length > 0) throw new FieldTypeError([...at, 'values'], needsValues ? 'a non-empty list for In/NotIn' : 'empty for Exists/DoesNotExist');
    return { key: reqString(e, 'key', at), operator: operator as LabelExpression['operator'], values };
  });
  return { matchLabels, matchExpressions };
}

function readImage(doc: YamlDoc, image: unknown, path: (string | number)[]): CrImage {
  if (!isObj(image)) throw new FieldTypeError(path, 'a mapping');
  const alias = reqString(image, 'alias', path);
  const imageName = reqString(image, 'imageName', path);
  // The controller builds the image from `<alias>=<imageName>`, so imageName parses like an image-list item.
  let item: ImageListItem;
  try {
    item = parseImageListItem(`${alias}=${imageName}`);
  } catch (error) {
    if (!(error instanceof ImageListError)) throw error;
    throw new FieldTypeError([...path, 'imageName'], `<image>[:<constraint>] (${error.message})`);
  }
  const settings = readSettings(image, path);
  const targets = optObj(image, 'manifestTargets', path);
  if (targets !== undefined) Object.assign(settings, readTargets(targets, [...path, 'manifestTargets']));
  return { item, settings, line: doc.lineOf(path) };
}

function readTargets(targets: Obj, path: (string | number)[]): Pick<ImageSettings, 'helm' | 'kustomizeImageName' | 'plugin'> {
  const helm = optObj(targets, 'helm', path);
  const kustomize = optObj(targets, 'kustomize', path);
  const plugin = optObj(targets, 'plugin', path);
  // The CRD's XValidation: exactly one of helm, kustomize or (1.3) plugin when the block is present.
  if ([helm, kustomize, plugin].filter((t) => t !== undefined).length !== 1) throw new FieldTypeError(path, 'exactly one of helm, kustomize or plugin');
  if (kustomize !== undefined) return { kustomizeImageName: reqString(kustomize, 'name', [...path, 'kustomize']) };
  const kind = helm !== undefined ? 'helm' : 'plugin';
  const out: HelmTarget = {};
  for (const key of ['name', 'tag', 'spec'] as const) {
    const value = optString(helm ?? plugin ?? {}, key, [...path, kind]);
    if (value !== undefined && value !== '') out[key] = value;
  }
  return kind === 'helm' ? { helm: out } : { plugin: out };
}

function readSettings(parent: Obj, path: (string | number)[]): ImageSettings {
  const common = optObj(parent, 'commonUpdateSettings', path);
  if (common === undefined) return {};
  const at = [...path, 'commonUpdateSettings'];
  const out: ImageSettings = {};
  const strategy = optString(common, 'updateStrategy', at);
  if (strategy !== undefined) out.strategy = strategy;
  const force = optBool(common, 'forceUpdate', at);
  if (force !== undefined) out.forceUpdate = force;
  const allow = optString(common, 'allowTags', at);
  if (allow !== undefined && allow !== '') out.allowTags = allow;
  const ignore = optStringList(common, 'ignoreTags', at);
  if (ignore !== undefined) out.ignoreTags = ignore;
  const secret = optString(common, 'pullSecret', at);
  if (secret !== undefined && secret !== '') out.pullSecret = secret;
  const platforms = optStringList(common, 'platforms', at);
  if (platforms !== undefined) out.platforms = platforms;
  return out;
}

function readWriteBack(parent: Obj, path: (string | number)[]): CrWriteBack {
  const config = optObj(parent, 'writeBackConfig', path);
  if (config === undefined) return {};
  const at = [...path, 'writeBackConfig'];
  const git = optObj(config, 'gitConfig', at) ?? {};
  const gitAt = [...at, 'gitConfig'];
  const pr = optObj(git, 'pullRequest', gitAt);
  const out: CrWriteBack = {};
  const fields = { method: optString(config, 'method', at), gitRepository: optString(git, 'repository', gitAt), gitBranch: optString(git, 'branch', gitAt), target: optString(git, 'writeBackTarget', gitAt) };
  for (const [key, value] of Object.entries(fields)) if (value !== undefined) out[key as keyof RawWriteBack] = value;
  if (pr !== undefined) out.pullRequest = { labels: optStringList(pr, 'labels', [...gitAt, 'pullRequest']) ?? [] };
  return out;
}
