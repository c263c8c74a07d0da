/**
 * Builders for the discover stage's types, shared by the tests of later stages (which build AppConfig
 * objects directly; the discover stage is tested on its own).
 */
import type { AppConfig, AppSource, Application, ImageSpec } from '../../src/discover/types.js';
import { parseImageRef } from '../../src/resolve/image-ref.js';

/** source builds an AppSource (index 0, this repo). */
export function source(fields: Partial<AppSource> = {}): AppSource {
  return { repoURL: 'https://github.com/acme/gitops.git', index: 0, ...fields };
}

/** app builds an Application named `name` in namespace argocd from `apps/<name>.yaml`. */
export function app(fields: Partial<Application> & { name?: string } = {}): Application {
  return {
    name: fields.name ?? 'demo',
    label: fields.name ?? 'demo',
    namespace: 'argocd',
    labels: {},
    annotations: {},
    sources: [source({ path: 'apps/demo' })],
    sourceTypes: [],
    file: 'argocd/demo.yaml',
    line: 2,
    annotationLines: { 'argocd-image-updater.argoproj.io/write-back-target': 7 },
    ...fields,
  };
}

/** image builds an ImageSpec from `[alias=]ref[:constraint]` shorthand and overrides. */
export function image(ref: string, fields: Partial<ImageSpec> = {}): ImageSpec {
  const alias = fields.alias ?? 'app';
  return {
    alias,
    hasAlias: true,
    ref: parseImageRef(ref),
    constraint: '',
    strategy: 'semver',
    strategyRaw: 'semver',
    ignoreTags: [],
    forceUpdate: false,
    platforms: [],
    ...fields,
  };
}

/** config builds an AppConfig with git write-back and the given target. */
export function config(application: Application, images: ImageSpec[], target?: string): AppConfig {
  return {
    app: application,
    images,
    writeBack: { method: 'git', ...(target === undefined ? {} : { target }) },
    publish: { labels: [], reviewers: [], teamReviewers: [], assignees: [] },
    origin: { kind: 'annotations' },
    warnings: [],
  };
}

