/** Sharding over an Actions matrix (issue 11): by image repository, each repository listed by exactly one shard. */
import { describe, expect, it } from 'vitest';
import { memoryRepo } from '../../src/discover/local-repo.js';
import { MemoryLogger, NullLogger } from '../../src/logger.js';
import { planRun } from '../../src/pipeline.js';
import { ListingProgress } from '../../src/query/progress.js';
import type { RegistryAccess } from '../../src/query/query-images.js';
import { ownsImage, parseShard, shardOf } from '../../src/query/shard.js';
import type { Endpoint } from '../../src/registry/client.js';

/** countingRegistry lists every repository with the same tags and records which repositories were listed. */
function countingRegistry(listed: string[]): RegistryAccess {
  const endpoint: Endpoint = { host: 'r.example', apiUrl: 'https://r.example', insecure: false, tagSortMode: 'none' };
  return {
    clientFor: () => ({
      endpoint,
      client: {
        listTags: async (ref) => {
          listed.push(ref.repository);
          return { tags: ['1.0.0', '1.1.0'] };
        },
        getMetadata: async (_ref, tag) => ({ digest: `sha256:${tag}`, platforms: ['linux/amd64'] }),
        tagExists: async () => true,
      },
    }),
  };
}

const APPS = Array.from({ length: 40 }, (_, i) => i);
const files = memoryRepo({
  // An ApplicationSet generating 40 Applications over 20 repositories (two Applications per repository) ...
  'appset.yaml': `apiVersion: argoproj.io/v1alpha1
kind: ApplicationSet
metadata: {name: fleet, namespace: argocd}
spec:
  goTemplate: true
  generators:
    - list:
        elementsYaml: '${JSON.stringify(APPS.map((i) => ({ app: `app-${i}`, repo: `team/svc-${i % 20}` })))}'
  template:
    metadata:
      name: '{{ .app }}'
      annotations:
        argocd-image-updater.argoproj.io/image-list: 'r.example/{{ .repo }}'
        argocd-image-updater.argoproj.io/write-back-method: git
        argocd-image-updater.argoproj.io/write-back-target: kustomization
    spec:
      source: {repoURL: https://github.com/acme/gitops.git, path: 'apps/{{ .app }}'}
`,
  // ... and a broken Application, a problem found before any registry is asked.
  'broken.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: broken, annotations: {argocd-image-updater.argoproj.io/image-list: "r.example/x"}}\nspec: {}\n',
  ...Object.fromEntries(APPS.map((i) => [`apps/app-${i}/kustomization.yaml`, `images:\n  - name: r.example/team/svc-${i % 20}\n    newTag: 1.0.0\n`])),
});
const settings = { applications: [], mode: 'files' as const, allowDowngrade: false, dryRun: true };

describe('parseShard', () => {
  it('reads i/n and refuses anything else, saying how to write it', () => {
    expect(parseShard('')).toBeUndefined();
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard('1 / 1')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', 'a/b', '2', '1/300']) expect(() => parseShard(bad)).toThrow(/input 'shard' is .* which is not i\/n/);
  });
});

describe('shardOf', () => {
  it('puts every repository in exactly one shard, spread over all of them', () => {
    const refs = Array.from({ length: 1000 }, (_, i) => ({ registry: 'r.example', repository: `team/svc-${i}` }));
    const counts = [0, 0, 0, 0];
    for (const ref of refs) {
      const owners = [1, 2, 3, 4].filter((index) => ownsImage({ index, count: 4 }, ref));
      expect(owners).toEqual([shardOf(ref, 4)]);
      counts[owners[0] - 1]++;
    }
    for (const count of counts) expect(count).toBeGreaterThan(200);
  });
});

describe('planRun with a shard', () => {
  it('lists each repository in exactly one of 4 shards, updates only its own images, and reports shared problems from shard 1 only', async () => {
    const all: string[] = [];
    const whole = await planRun(files, settings, countingRegistry(all), NullLogger);
    expect(new Set(all).size).toBe(20);
    expect(whole.updates).toHaveLength(40);
    const perShard: string[][] = [];
    let updates = 0;
    for (const index of [1, 2, 3, 4]) {
      const listed: string[] = [];
      const plan = await planRun(files, { ...settings, shard: { index, count: 4 } }, countingRegistry(listed), NullLogger);
      perShard.push(listed);
      updates += plan.updates.length;
      for (const update of plan.updates) expect(shardOf(update.resolved.image.ref, 4)).toBe(index);
      expect(plan.report.errors.map((e) => e.application)).toEqual(index === 1 ? ['broken'] : []);
    }
    const listedTwice = perShard.flat().filter((repo, i, list) => list.indexOf(repo) !== i);
    expect([listedTwice, new Set(perShard.flat()).size, updates]).toEqual([[], 20, 40]);
  });
});

describe('checked Applications in a sharded run', () => {
  it('marks an Application partial when another shard queries some of its images', async () => {
    const two = memoryRepo({
      'app.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: duo\n  annotations:\n    argocd-image-updater.argoproj.io/image-list: a=r.example/team/svc-0,b=r.example/team/svc-2\n    argocd-image-updater.argoproj.io/write-back-target: kustomization\nspec:\n  source: {repoURL: https://github.com/acme/gitops.git, path: duo}\n',
      'duo/kustomization.yaml': 'images:\n  - name: r.example/team/svc-0\n    newTag: 1.0.0\n  - name: r.example/team/svc-2\n    newTag: 1.0.0\n',
    });
    const owners = ['svc-0', 'svc-2'].map((repository) => shardOf({ registry: 'r.example', repository: `team/${repository}` }, 4));
    expect(owners[0]).not.toBe(owners[1]); // the two images fall in different shards of 4
    const plan = await planRun(two, { ...settings, shard: { index: owners[0], count: 4 } }, countingRegistry([]), NullLogger);
    expect(plan.checked.map((c) => [c.config.app.name, c.partial])).toEqual([['duo', true]]);
    const whole = await planRun(two, settings, countingRegistry([]), NullLogger);
    expect(whole.checked.map((c) => [c.config.app.name, c.partial])).toEqual([['duo', undefined]]);
  });
});

describe('ListingProgress', () => {
  it('prints done/total at most every 5 seconds, and a last line when all are listed', () => {
    let now = 0;
    const logger = new MemoryLogger();
    const progress = new ListingProgress(4, logger, () => now);
    progress.listed(); // t=0: too soon
    now = 5_000;
    progress.listed();
    now = 6_000;
    progress.listed(); // too soon again
    progress.listed(); // the last one: always said once something was said
    expect(logger.lines.map((l) => l.message)).toEqual(['listing tags: 2/4 repositories', 'listing tags: 4/4 repositories, done']);
  });

  it('a run that lists quickly prints nothing', () => {
    const logger = new MemoryLogger();
    const progress = new ListingProgress(2, logger, () => 0);
    progress.listed();
    progress.listed();
    expect(logger.lines).toEqual([]);
  });
});
