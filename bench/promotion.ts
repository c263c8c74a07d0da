/**
 * Benchmark rows for promote-from (issue 12): 100 prod Applications promoted from their staging Applications through
 * the GitHub API (fake GitHub) and an OCI registry with 20 ms latency, with promote-after and promote-gates. Counts
 * the history requests (target: one per source file) and the registry requests (target: no tag listing).
 */
import { NullLogger } from '../src/logger.js';
import { planRun } from '../src/pipeline.js';
import { githubHistory } from '../src/promote/github-history.js';
import { readRepoSnapshot } from '../src/publish/read-snapshot.js';
import { createRegistryAccess } from '../src/registry/registry-access.js';
import { startFakeGitHub } from '../test-support/fake-github/harness.js';
import { startOciServer } from '../test-support/oci-server.js';
import { countRequests, kustomizeApp, timed } from './helpers.js';

const COUNT = 100;
const HOUR = 3600_000;

function prod(name: string, image: string, source: string): Record<string, string> {
  const files = kustomizeApp(name, image, {}, '1.0.0');
  const path = `apps/${name}.yaml`;
  const promotion = { 'app.promote-from': source, 'app.promote-after': '24h', 'app.promote-gates': 'checks' };
  const lines = Object.entries(promotion).map(([key, value]) => `    image-promoter.argoproj.io/${key}: '${value}'`);
  files[path] = files[path].replace('\nspec:', `\n${lines.join('\n')}\nspec:`);
  return files;
}

/** promotionRows returns [work, target, requests, time] rows. */
export async function promotionRows(fmt: (counts: Record<string, number>) => string): Promise<string[][]> {
  const images = Array.from({ length: COUNT }, (_, i) => ({ repository: `team/svc${i}`, tags: ['1.0.0', '1.1.0'].map((tag) => ({ tag, created: '2026-01-01T00:00:00Z' })) }));
  const registry = await startOciServer({ images, latencyMs: 20 });
  const rows: string[][] = [];
  for (const shared of [false, true]) {
    const files: Record<string, string> = {};
    for (let i = 0; i < COUNT; i++) {
      const image = `registry.example.test/team/svc${shared ? 0 : i}`;
      if (!shared || i === 0) Object.assign(files, kustomizeApp(`staging${i}`, image, {}, '1.0.0'));
      Object.assign(files, prod(`prod${i}`, image, `staging${shared ? 0 : i}`));
    }
    const { fake, octokit } = await startFakeGitHub(files);
    try {
      fake.setClock(new Date(Date.now() - 30 * HOUR));
      const bumped = Object.fromEntries(Object.keys(files).filter((p) => /^apps\/staging\d+\/kustomization\.yaml$/.test(p)).map((p) => [p, files[p].replace('newTag: 1.0.0', 'newTag: 1.1.0')]));
      const head = fake.repo.commitFiles('main', bumped, 'staging runs 1.1.0');
      fake.repo.addCheck(head, { kind: 'check-run', id: 1, name: 'smoke', status: 'completed', conclusion: 'success' });
      fake.setClock(new Date());
      const snapshot = await readRepoSnapshot(octokit, { owner: 'acme', repo: 'gitops', branch: 'main' });
      const conf = `registries:\n- name: oci\n  prefix: registry.example.test\n  api_url: ${registry.url}\n`;
      const registries = await createRegistryAccess({ registriesConfig: conf, dockerConfig: '{"auths":{}}', allowExtCredentials: false, env: { METADATA_SERVER_DETECTION: 'none' }, logger: NullLogger, setSecret: () => undefined });
      registry.requests.length = 0;
      const before = fake.requests.length;
      const access = githubHistory(octokit, { owner: 'acme', repo: 'gitops', sha: snapshot.sha });
      const { result, ms } = await timed(() => planRun(snapshot.files, { applications: ['prod*'], mode: 'files', allowDowngrade: false, dryRun: true }, registries, NullLogger, access));
      await registries.close();
      const history = fake.requests.length - before;
      const sources = shared ? 1 : COUNT;
      rows.push([
        `promote-from: ${COUNT} Applications from ${sources} source${sources > 1 ? 's' : ''} (24h soak + checks gate), API, 20 ms registry`,
        `${sources} history request${sources > 1 ? 's' : ''}, 0 tag listings`,
        `GitHub graphql ${history}; registry ${fmt(countRequests(registry.requests))}`,
        `${ms.toFixed(0)} ms, ${result.report.updates.length} updates`,
      ]);
    } finally {
      await fake.stop();
    }
  }
  await registry.stop();
  return rows;
}
