/**
 * Test helpers for the resolve stage: an in-memory repo snapshot and builders for the discover
 * stage's types (AppConfig objects are built directly; the discover stage is tested on its own).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { AppConfig, AppSource, Application, ImageSpec } from '../../src/discover/types.js';
import { parseImageRef } from '../../src/resolve/image-ref.js';
import type { RepoFiles } from '../../src/resolve/types.js';

/** memoryRepo builds a RepoFiles from path -> text. */
export function memoryRepo(files: Record<string, string>): RepoFiles {
  return { read: (path) => files[path], list: () => Object.keys(files) };
}

/** source builds an AppSource (index 0, this repo). */
export function source(fields: Partial<AppSource> = {}): AppSource {
  return { repoURL: 'https://github.com/acme/gitops.git', index: 0, ...fields };
}

/** app builds an Application named `name` in namespace argocd from `apps/<name>.yaml`. */
export function app(fields: Partial<Application> & { name?: string } = {}): Application {
  return {
    name: 'demo',
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

/** deployment renders a Deployment manifest with the given container images. */
export function deployment(name: string, images: string[], init: string[] = []): string {
  const list = (items: string[]): string => items.map((item, i) => `        - name: c${i}\n          image: ${item}\n`).join('');
  return [
    'apiVersion: apps/v1',
    'kind: Deployment',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  template:',
    '    spec:',
    ...(init.length > 0 ? ['      initContainers:', list(init).trimEnd()] : []),
    '      containers:',
    list(images).trimEnd(),
    '',
  ].join('\n');
}

/** diskRepo loads every file under `root` into a RepoFiles (paths relative to root, POSIX). */
export function diskRepo(root: string): RepoFiles {
  const files: Record<string, string> = {};
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else files[relative(root, full).split(sep).join('/')] = readFileSync(full, 'utf8');
    }
  };
  walk(root);
  return memoryRepo(files);
}
