/** Benchmark helpers: a timer, request counting by kind, and a plan over an in-memory repo. */
import { performance } from 'node:perf_hooks';
import { memoryRepo } from '../src/discover/local-repo.js';
import { NullLogger } from '../src/logger.js';
import { planRun, type Plan, type PlanSettings } from '../src/pipeline.js';
import { createRegistryAccess } from '../src/registry/registry-access.js';
import type { RecordedRequest } from '../test-support/oci-server.js';

/** timed runs `work` and returns its result and the milliseconds it took. */
export async function timed<T>(work: () => Promise<T> | T): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start };
}

/** countRequests groups recorded registry requests by kind (ping, tags, manifest, blob). */
export function countRequests(requests: readonly RecordedRequest[]): Record<string, number> {
  const counts: Record<string, number> = { ping: 0, tags: 0, manifest: 0, blob: 0 };
  for (const { path } of requests) {
    if (/^\/v2\/?(\?|$)/.test(path)) counts.ping++;
    else if (path.includes('/tags/list')) counts.tags++;
    else if (path.includes('/manifests/')) counts.manifest++;
    else if (path.includes('/blobs/')) counts.blob++;
  }
  return counts;
}

/** planFiles plans an in-memory repo against registries.conf `conf`. */
export async function planFiles(files: Record<string, string>, conf: string, cacheFile?: string, extra: Partial<PlanSettings> = {}): Promise<Plan> {
  const registries = await createRegistryAccess({
    registriesConfig: conf, dockerConfig: '{"auths":{}}', cacheFile, allowExtCredentials: false,
    env: { METADATA_SERVER_DETECTION: 'none' }, logger: NullLogger, setSecret: () => undefined,
  });
  try {
    return await planRun(memoryRepo(files), { applications: [], mode: 'files', allowDowngrade: false, dryRun: true, ...extra }, registries, NullLogger);
  } finally {
    await registries.close();
  }
}

/** application renders one annotated kustomize Application and its kustomization. */
export function kustomizeApp(name: string, image: string, annotations: Record<string, string>, currentTag: string): Record<string, string> {
  const lines = Object.entries({ 'image-list': `app=${image}`, 'write-back-target': 'kustomization', ...annotations })
    .map(([key, value]) => `    argocd-image-updater.argoproj.io/${key}: '${value}'`);
  return {
    [`apps/${name}.yaml`]: `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\n  annotations:\n${lines.join('\n')}\nspec:\n  source:\n    repoURL: https://github.com/acme/gitops.git\n    path: apps/${name}\n`,
    [`apps/${name}/kustomization.yaml`]: `resources:\n  - deployment.yaml\nimages:\n  - name: ${image}\n    newTag: ${currentTag}\n`,
  };
}
