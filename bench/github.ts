/** Benchmark rows for GitHub: reading the repo through the API and one publish, counted against the fake GitHub. */
import { join } from 'node:path';
import { publishGroups } from '../src/publish/publish.js';
import { readRepoSnapshot } from '../src/publish/read-snapshot.js';
import { planGroups, readFixtureDir, replanner, startFakeGitHub } from '../test-support/fake-github/harness.js';
import { timed } from './helpers.js';

/** githubRows returns [work, target, requests, time] rows. */
export async function githubRows(): Promise<string[][]> {
  const files = readFixtureDir(join(import.meta.dirname, '../__fixtures__/github/gitops'));
  // A larger repo: 2,000 more YAML files, to show the read does not grow with the repo.
  for (let i = 0; i < 2000; i++) files[`apps/generated/app${i}/kustomization.yaml`] = `images:\n  - name: asia.gcr.io/acme/app${i}\n    newTag: 1.0.0\n`;
  const { fake, octokit } = await startFakeGitHub(files);
  try {
    const read = await timed(() => readRepoSnapshot(octokit, { owner: 'acme', repo: 'gitops', branch: 'main' }));
    const readRequests = fake.requests.length;
    const wants = [{ key: 'prod-web', app: 'prod-web', mode: 'auto-merge' as const, file: 'apps/prod/kustomization.yaml', to: '9.9.9', labels: ['deploy'], reviewers: ['alice'] }];
    const before = fake.requests.length;
    const publish = await timed(() =>
      publishGroups({ octokit }, { owner: 'acme', repo: 'gitops', baseBranch: 'main', snapshot: read.result, groups: planGroups(read.result.files, wants), replan: replanner(wants) }),
    );
    return [
      [`read the manifests repo through the API (${Object.keys(files).length} files)`, '<= 3 requests', `${readRequests}`, `${read.ms.toFixed(0)} ms`],
      ['one publish (commit + PR + labels + reviewers + auto-merge)', '<= 8 requests', `${fake.requests.length - before}`, `${publish.ms.toFixed(0)} ms (writes paced 1 s apart in production; not here)`],
    ];
  } finally {
    await fake.stop();
  }
}
