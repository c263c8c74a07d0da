/**
 * A dev -> staging -> prod repository in memory for the promotion tables: one kustomize Application per
 * environment, each writing its kustomization's `images:` entry, and a counting in-memory registry.
 */
import { memoryRepo } from '../../src/discover/local-repo.js';
import type { RegistryAccess } from '../../src/query/query-images.js';
import type { RepoFiles } from '../../src/resolve/types.js';

/** Env is one environment: its tag (and digest) in git and its annotations beyond image-list. */
export interface Env {
  tag: string;
  digest?: string;
  /** image-list constraint (default none). */
  constraint?: string;
  annotations?: Record<string, string>;
  image?: string;
}

const IMAGE = 'r.example/team/web';

/** application renders one Application document. */
export function application(name: string, env: Env): string {
  const annotations = {
    'argocd-image-updater.argoproj.io/image-list': `web=${env.image ?? IMAGE}${env.constraint ? `:${env.constraint}` : ''}`,
    'argocd-image-updater.argoproj.io/write-back-method': 'git',
    'argocd-image-updater.argoproj.io/write-back-target': 'kustomization',
    ...env.annotations,
  };
  const lines = Object.entries(annotations).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`);
  return `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\n  namespace: argocd\n  annotations:\n${lines.join('\n')}\nspec:\n  source:\n    repoURL: https://github.com/acme/gitops.git\n    path: envs/${name}\n`;
}

/** kustomization renders an environment's kustomization with its images entry. */
export function kustomization(env: Pick<Env, 'tag' | 'digest' | 'image'>): string {
  return `resources: []\nimages:\n  - name: ${env.image ?? IMAGE}\n    newTag: ${env.tag}\n${env.digest ? `    digest: ${env.digest}\n` : ''}`;
}

/** chainRepo builds the repository from environments by Application name. */
export function chainRepo(envs: Record<string, Env>): RepoFiles {
  const files: Record<string, string> = {};
  for (const [name, env] of Object.entries(envs)) {
    files[`apps/${name}.yaml`] = application(name, env);
    files[`envs/${name}/kustomization.yaml`] = kustomization(env);
  }
  return memoryRepo(files);
}

/** CountingRegistry serves tags with digests and counts every call. */
export interface CountingRegistry extends RegistryAccess {
  calls: { listTags: number; getMetadata: string[] };
}

/** countingRegistry answers `tags` (tag -> digest); a tag it lacks is a 404 from getMetadata. */
export function countingRegistry(tags: Record<string, string>, created: Record<string, string> = {}): CountingRegistry {
  const calls = { listTags: 0, getMetadata: [] as string[] };
  return {
    calls,
    clientFor: () => ({
      endpoint: { host: 'r.example', apiUrl: 'https://r.example', insecure: false, tagSortMode: 'none' },
      client: {
        listTags: async () => {
          calls.listTags++;
          return { tags: Object.keys(tags) };
        },
        getMetadata: async (_ref, tag) => {
          calls.getMetadata.push(tag);
          if (tags[tag] === undefined) {
            const { RegistryError } = await import('../../src/errors.js');
            throw new RegistryError(`manifest unknown: ${tag}`, { status: 404 });
          }
          return { digest: tags[tag], platforms: ['linux/amd64'], ...(created[tag] ? { created: new Date(created[tag]) } : {}) };
        },
        tagExists: async (_ref, tag) => tags[tag] !== undefined,
      },
    }),
  };
}
