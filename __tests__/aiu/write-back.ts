/**
 * Test helper for the AIU divergence tables: discover -> resolve -> edit over an in-memory repo, with the
 * new tag of each alias given (no registry): what the updater's write-back would produce for a repo.
 */
import { discoverApplications } from '../../src/discover/discover.js';
import { memoryRepo } from '../../src/discover/local-repo.js';
import { applyEdits } from '../../src/edit/apply-edits.js';
import { toUserMessage } from '../../src/errors.js';
import { resolveImages } from '../../src/resolve/resolve.js';
import type { ResolvedImage } from '../../src/resolve/types.js';

/** WriteBack is the outcome: new file texts by path, and every error/skip message. */
export interface WriteBack {
  files: Record<string, string>;
  errors: string[];
  skipped: string[];
  resolved: ResolvedImage[];
}

/** writeBack runs discover, resolve and edit; `newTags` maps an alias to its new tag (aliases not listed are left alone). */
export function writeBack(files: Record<string, string>, newTags: Record<string, string>): WriteBack {
  const repo = memoryRepo(files);
  const discovered = discoverApplications(repo, {});
  const resolved = resolveImages(discovered.configs, repo);
  const edits = resolved.resolved
    .filter((item) => newTags[item.image.alias] !== undefined)
    .map((item) => ({
      application: item.config.app.name,
      alias: item.image.alias,
      image: item.image,
      target: item.target,
      newImage: { tag: newTags[item.image.alias] },
      ...(item.current?.name ? { currentName: item.current.name } : {}),
    }));
  const applied = applyEdits(edits, repo);
  return {
    files: Object.fromEntries(applied.changes.map((change) => [change.path, change.after])),
    errors: [
      ...discovered.failures.map((f) => toUserMessage(f.error)),
      ...resolved.failures.map((f) => toUserMessage(f.error)),
      ...applied.failures.map((f) => toUserMessage(f.error)),
    ],
    skipped: discovered.skipped.map((s) => s.reason),
    resolved: resolved.resolved,
  };
}

/** application renders an Application manifest with image-updater annotations and the given spec (YAML lines under `spec:`). */
export function application(name: string, annotations: Record<string, string>, spec: string[], namespace = 'argocd'): string {
  const notes = Object.entries(annotations).map(([key, value]) => `    argocd-image-updater.argoproj.io/${key}: ${JSON.stringify(value)}`);
  return ['apiVersion: argoproj.io/v1alpha1', 'kind: Application', 'metadata:', `  name: ${name}`, `  namespace: ${namespace}`, '  annotations:', ...notes, 'spec:', ...spec.map((l) => `  ${l}`), ''].join('\n');
}

/** runs returns a kustomization plus a Deployment running `images`, so git references them (the Application runs them). */
export function runs(dir: string, images: string[]): Record<string, string> {
  const containers = images.map((image, i) => `      - name: c${i}\n        image: ${image}\n`).join('');
  return {
    [`${dir}/kustomization.yaml`]: 'resources:\n- deploy.yaml\n',
    [`${dir}/deploy.yaml`]: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n${containers}`,
  };
}
