/**
 * annotations: reads an Application's argocd-image-updater annotations with v1.x semantics
 * (ARGOCD-IMAGE-UPDATER.md §1.2, §1.4): a per-alias key wins over the app-wide key; an empty per-alias value
 * counts as unset, except `ignore-tags` where it becomes `[""]` and still replaces the app-wide list.
 * Every problem is an AnnotationError naming the application, the full annotation key, its file and line, and the fix.
 */
import { AnnotationError } from '../errors.js';
import { ImageListError, parseImageList, type ImageListItem } from './image-list.js';
import { isPromotionKey } from './promotion-keys.js';
import { isPublishProblem, publishFromAnnotations } from './publish-keys.js';
import { imageSpecFromSettings, parseGoBool, PLATFORM_PATTERN, splitIgnoreTags, splitList, type ImageSettings } from './settings.js';
import { ANNOTATION_PREFIX, PROMOTER_PREFIX, type Application, type HelmTarget, type ImageSpec, type PublishSettings, type WriteBack } from './types.js';
import { isWriteBackProblem, writeBackFromRaw } from './write-back.js';

/** IMAGE_LIST_KEY is the annotation that opts an Application in. */
export const IMAGE_LIST_KEY = `${ANNOTATION_PREFIX}image-list`;

const APP_WIDE_KEYS = ['image-list', 'update-strategy', 'allow-tags', 'ignore-tags', 'force-update', 'pull-secret', 'write-back-method', 'write-back-target', 'git-branch', 'git-repository'];
// Longest first, so `x.helm.image-name` is not read as alias `x.helm` + `image-name`.
const PER_IMAGE_KEYS = ['kustomize.image-name', 'helm.image-name', 'helm.image-tag', 'helm.image-spec', 'update-strategy', 'force-update', 'ignore-tags', 'pull-secret', 'allow-tags', 'platforms', 'tag-match'];

/** AnnotationConfig is what the annotations of one Application say. */
export interface AnnotationConfig {
  images: ImageSpec[];
  writeBack: WriteBack;
  publish: PublishSettings;
  warnings: string[];
}

/** hasImageList tells whether an Application opted in (the updater skips apps without image-list). */
export function hasImageList(app: Application): boolean {
  return app.annotations[IMAGE_LIST_KEY] !== undefined;
}

/** configFromAnnotations reads the whole configuration of an Application from its annotations. */
export function configFromAnnotations(app: Application): AnnotationConfig {
  const reader = new AnnotationReader(app);
  const items = reader.imageList();
  const warnings: string[] = [];
  reader.checkKeys(items, warnings);
  const images = items.map((item) => imageSpecFromSettings(item, reader.imageSettings(item), warnings));
  return { images, writeBack: reader.writeBack(), publish: reader.publish(), warnings };
}

/** AnnotationReader reads keys of one Application and raises errors with their location. */
export class AnnotationReader {
  constructor(readonly app: Application) {}

  /** get returns an annotation under ANNOTATION_PREFIX. */
  get(key: string): string | undefined {
    return this.app.annotations[ANNOTATION_PREFIX + key];
  }

  /** fail raises an AnnotationError for `key` (without prefix unless `full`). */
  fail(key: string, message: string, fix: string, full = false): never {
    const annotation = full ? key : ANNOTATION_PREFIX + key;
    throw new AnnotationError(message, {
      application: this.app.label,
      annotation,
      file: this.app.file,
      line: this.app.annotationLines[annotation] ?? this.app.line,
      fix,
    });
  }

  /** imageList parses image-list; an unusable item is an error for the whole Application. */
  imageList(): ImageListItem[] {
    try {
      return parseImageList(this.get('image-list') ?? '');
    } catch (error) {
      if (!(error instanceof ImageListError)) throw error;
      return this.fail('image-list', error.message, 'Write each item as [<alias>=]<image>[:<constraint>], separated by commas.');
    }
  }

  /** pick returns the effective key and value: per-alias when set and non-empty, else app-wide when non-empty. */
  pick(item: ImageListItem, key: string, appWide = true): { key: string; value: string } | undefined {
    if (item.hasAlias) {
      const value = this.get(`${item.alias}.${key}`);
      if (value !== undefined && value !== '') return { key: `${item.alias}.${key}`, value };
    }
    const value = appWide ? this.get(key) : undefined;
    return value !== undefined && value !== '' ? { key, value } : undefined;
  }

  /** imageSettings resolves every per-image setting of one item. */
  imageSettings(item: ImageListItem): ImageSettings {
    const settings: ImageSettings = {};
    const strategy = this.pick(item, 'update-strategy');
    if (strategy) settings.strategy = strategy.value;
    const allow = this.pick(item, 'allow-tags');
    if (allow) settings.allowTags = allow.value;
    const ignore = this.ignoreTags(item);
    if (ignore) settings.ignoreTags = ignore;
    const force = this.pick(item, 'force-update');
    if (force) settings.forceUpdate = this.forceUpdate(force.key, force.value);
    const secret = this.pick(item, 'pull-secret');
    if (secret) settings.pullSecret = secret.value.trim();
    const platforms = this.pick(item, 'platforms', false);
    if (platforms) settings.platforms = this.platforms(platforms.key, platforms.value);
    if (item.hasAlias) Object.assign(settings, this.targets(item.alias));
    return settings;
  }

  private ignoreTags(item: ImageListItem): string[] | undefined {
    // 1.x: an empty per-alias value is split to [""], which still replaces (disables) the app-wide list.
    const perAlias = item.hasAlias ? this.get(`${item.alias}.ignore-tags`) : undefined;
    if (perAlias !== undefined) return splitIgnoreTags(perAlias);
    const appWide = this.get('ignore-tags');
    return appWide === undefined ? undefined : splitIgnoreTags(appWide);
  }

  private forceUpdate(key: string, value: string): boolean {
    const parsed = parseGoBool(value.trim());
    // 1.x parses with strconv.ParseBool and aborts the app's whole image list on failure.
    if (parsed === undefined) this.fail(key, `force-update "${value}" is not a boolean`, 'Write "true" or "false".');
    return parsed;
  }

  private platforms(key: string, value: string): string[] {
    const list = splitList(value);
    const bad = list.find((p) => !PLATFORM_PATTERN.test(p));
    if (bad !== undefined) this.fail(key, `platform "${bad}" is not os/arch[/variant]`, 'Write platforms like linux/amd64,linux/arm64/v8.');
    return list;
  }

  private targets(alias: string): Pick<ImageSettings, 'helm' | 'kustomizeImageName'> {
    const helm: HelmTarget = {};
    for (const part of ['name', 'tag', 'spec'] as const) {
      const value = this.get(`${alias}.helm.image-${part}`);
      if (value !== undefined && value !== '') helm[part] = value.trim();
    }
    const kustomize = this.get(`${alias}.kustomize.image-name`)?.trim();
    const hasHelm = Object.keys(helm).length > 0;
    if (hasHelm && kustomize) {
      this.fail(`${alias}.kustomize.image-name`, `image ${alias} has both helm.* and kustomize.* keys`, 'Keep only the keys of the tool that renders this Application.');
    }
    return { ...(hasHelm ? { helm } : {}), ...(kustomize ? { kustomizeImageName: kustomize } : {}) };
  }

  /** checkKeys refuses per-alias keys for aliases that are not in image-list, and warns about ignored keys. */
  checkKeys(items: ImageListItem[], warnings: string[]): void {
    const aliases = new Set(items.filter((i) => i.hasAlias).map((i) => i.alias));
    for (const full of Object.keys(this.app.annotations)) {
      if (!full.startsWith(ANNOTATION_PREFIX)) continue;
      const rest = full.slice(ANNOTATION_PREFIX.length);
      if (APP_WIDE_KEYS.includes(rest)) continue;
      if (PER_IMAGE_KEYS.includes(rest)) {
        warnings.push(`${full} is read per image only and is ignored here; write <alias>.${rest}.`);
        continue;
      }
      const key = PER_IMAGE_KEYS.find((k) => rest.endsWith(`.${k}`));
      if (key === undefined) {
        // Our own keys (pin-digest, promote-from, helm.image-digest, ...) written under the updater's prefix by mistake.
        const ours = isPromotionKey(rest) ? ` It is an argocd-image-promoter key: write ${PROMOTER_PREFIX}${rest}.` : '';
        warnings.push(`${full} is not an argocd-image-updater key and is ignored.${ours}`);
        continue;
      }
      const alias = rest.slice(0, -key.length - 1);
      if (!aliases.has(alias)) {
        this.fail(full, `annotation names alias "${alias}", which is not an alias in image-list`, `Add "${alias}=<image>" to image-list, or rename the annotation to an alias that is there.`, true);
      }
      if (key === 'tag-match') warnings.push(`${full} is ignored by argocd-image-updater 1.x; use ${alias}.allow-tags.`);
    }
  }

  /** writeBack reads the Application-level write-back keys. */
  writeBack(): WriteBack {
    const result = writeBackFromRaw({
      method: this.get('write-back-method'),
      target: this.get('write-back-target'),
      gitBranch: this.get('git-branch'),
      gitRepository: this.get('git-repository'),
    });
    if (isWriteBackProblem(result)) return this.fail(result.setting, result.message, result.fix);
    return result;
  }

  /** publish reads this tool's own keys. */
  publish(): PublishSettings {
    const result = publishFromAnnotations(this.app.annotations);
    if (isPublishProblem(result)) return this.fail(result.key, result.message, result.fix, true);
    return result;
  }
}
