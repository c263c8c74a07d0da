/**
 * resolve: stage 2. For every image of every Application, the edit target and the current reference
 * as git holds it. One broken image never stops the others (HOUSE-STYLE 10): its error becomes a failure.
 */
import type { AppConfig } from '../discover/types.js';
import { ANNOTATION_PREFIX, type ImageSpec } from '../discover/types.js';
import { ConfigError, EditError, PromoterError } from '../errors.js';
import { foreignSecretNamespace } from '../registry/credential-refs.js';
import { readCurrent } from './current.js';
import { unreferencedReason } from './liveness.js';
import { CONTROLLER_NAMESPACE, configContext, resolveTarget } from './targets.js';
import type { RepoFiles, ResolvedImage } from './types.js';

/** ResolveFailure is one image that could not be resolved, with an error naming application, file, line and fix. */
export interface ResolveFailure {
  application: string;
  alias: string;
  error: PromoterError;
}

/** ResolveSkip is an image git does not run (see unreferencedReason), with the reason; `item` is what resolve found. */
export interface ResolveSkip {
  application: string;
  alias: string;
  reason: string;
  item: ResolvedImage;
}

/** ResolveResult is the outcome of the stage: resolved images, images skipped, and per-image failures. */
export interface ResolveResult {
  resolved: ResolvedImage[];
  failures: ResolveFailure[];
  skipped: ResolveSkip[];
}

/** resolveImages resolves each image of each configuration against one snapshot of the repo. */
export function resolveImages(configs: readonly AppConfig[], files: RepoFiles): ResolveResult {
  const resolved: ResolvedImage[] = [];
  const failures: ResolveFailure[] = [];
  const skipped: ResolveSkip[] = [];
  for (const config of configs) {
    for (const image of config.images) {
      try {
        refuseForeignSecret(config, image);
        const target = resolveTarget(config, image, files);
        const current = readCurrent(config, image, target, files);
        const item: ResolvedImage = { config, image, target, ...(current ? { current } : {}) };
        const reason = unreferencedReason(item, files);
        if (reason === undefined) resolved.push(item);
        else skipped.push({ application: config.app.label, alias: image.alias, reason, item });
      } catch (error) {
        failures.push({ application: config.app.label, alias: image.alias, error: withApplication(error, config) });
      }
    }
  }
  return { resolved, failures, skipped };
}

/**
 * withApplication makes sure an error says which Application it concerns: errors raised while reading a
 * shared file (a kustomization that does not parse) know the file and line but not who asked.
 */
export function withApplication(error: unknown, config: AppConfig): PromoterError {
  const app = config.app;
  if (error instanceof PromoterError) {
    if (error.application !== undefined) return error;
    const Kind = error.constructor as new (message: string, context: object) => PromoterError;
    return new Kind(error.message, {
      application: app.label,
      annotation: error.annotation,
      file: error.file ?? app.file,
      line: error.file === undefined ? app.line : error.line,
      host: error.host,
      fix: error.fix,
      cause: error.cause,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new EditError(`could not resolve the image targets: ${message}`, { application: app.label, file: app.file, line: app.line, cause: error });
}

/**
 * refuseForeignSecret: an image whose pull secret lives in another namespace than its Application is
 * refused, as argocd-image-updater refuses it (update.go: "pullSecret namespace '%s' differs from app
 * namespace '%s'"). An Application without metadata.namespace is taken to live in Argo CD's namespace.
 */
function refuseForeignSecret(config: AppConfig, image: ImageSpec): void {
  if (image.pullSecret === undefined) return;
  const appNamespace = config.app.namespace ?? CONTROLLER_NAMESPACE;
  const foreign = foreignSecretNamespace(image.pullSecret, appNamespace);
  if (foreign === undefined) return;
  const perAlias = `${ANNOTATION_PREFIX}${image.alias}.pull-secret`;
  const key = image.hasAlias && config.app.annotations[perAlias] !== undefined ? perAlias : `${ANNOTATION_PREFIX}pull-secret`;
  throw new ConfigError(`the pull secret "${image.pullSecret}" is in namespace "${foreign}", not the Application's namespace "${appNamespace}"; argocd-image-updater refuses it, so this image is not updated`, {
    ...configContext(config, key), // an ImageUpdater CR's context ignores the key
    fix: `Reference a secret in namespace ${appNamespace}, or use env:VAR / docker config credentials in CI.`,
  });
}
