/**
 * Issue 12 end to end through node dist/index.js against the fake GitHub and a real docker-registry: dev (commit)
 * -> staging (auto-merge) -> prod (pull request), over runs on the fake's clock (GitHub's clock dates the commits
 * and the answers the soak is measured against). Prod gets staging's digest only after the 24 h soak and only once
 * the staging commit's smoke check passed; every history is one GraphQL request per file; promoted images are never
 * listed in the registry.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDockerRegistry, startDockerRegistry, type DockerRegistry } from '../../test-support/docker-registry.js';
import { person } from '../../test-support/fake-github/person.js';
import { FakeGitHub } from '../../test-support/fake-github/server.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { application, kustomization } from '../promote/chain-fixture.js';
import type { Fixture } from './fixture-repo.js';
import { runAction } from './run-action.js';

const P = 'image-promoter.argoproj.io/';
const IMAGE = 'registry.example.test/team/web';
const HOUR = 3600_000;

describe.skipIf(!hasDockerRegistry())('promotion chain dev -> staging -> prod (node dist/index.js)', () => {
  let registry: DockerRegistry;
  let github: FakeGitHub;
  let fixture: Fixture;
  const digests: Record<string, string> = {};
  // A whole second: GitHub's Date header has no milliseconds.
  const now = Math.floor(Date.now() / 1000) * 1000;
  const at = (hoursAgo: number) => new Date(now - hoursAgo * HOUR);

  beforeAll(async () => {
    registry = await startDockerRegistry();
    for (const [tag, created] of [['1.0.0', '2026-01-01T00:00:00Z'], ['1.1.0', '2026-02-01T00:00:00Z']]) digests[tag] = (await registry.pushImage('team/web', tag, { created })).digest;
    const dir = tempDir('aip-chain-');
    const registriesConf = join(dir, 'registries.conf');
    writeFileSync(registriesConf, `registries:\n- name: test registry\n  prefix: registry.example.test\n  api_url: ${registry.url}\n`);
    fixture = { registry, dir, repo: '', registriesConf, cleanup: async () => undefined };
    github = new FakeGitHub();
    github.setClock(at(100));
    const pinned = { tag: '1.0.0', digest: digests['1.0.0'], image: IMAGE };
    github.repo.commitFiles('main', {
      'apps/web-dev.yaml': application('web-dev', { tag: '1.0.0', image: IMAGE, constraint: '~1', annotations: { [`${P}publish-mode`]: 'commit' } }),
      'apps/web-staging.yaml': application('web-staging', { tag: '1.0.0', image: IMAGE, annotations: { [`${P}publish-mode`]: 'auto-merge', [`${P}web.promote-from`]: 'web-dev', [`${P}web.promote-after`]: '1h', [`${P}web.pin-digest`]: 'true' } }),
      'apps/web-prod.yaml': application('web-prod', { tag: '1.0.0', image: IMAGE, annotations: { [`${P}publish-mode`]: 'pull-request', [`${P}web.promote-from`]: 'web-staging', [`${P}web.promote-after`]: '24h', [`${P}web.promote-gates`]: 'checks:smoke' } }),
      'envs/web-dev/kustomization.yaml': kustomization({ tag: '1.0.0', image: IMAGE }),
      'envs/web-staging/kustomization.yaml': kustomization(pinned),
      'envs/web-prod/kustomization.yaml': kustomization(pinned),
    }, 'three environments at 1.0.0');
    await github.start();
  }, 120_000);

  afterAll(async () => {
    await github?.stop();
    await registry?.stop();
  });

  const run = async (hoursAgo: number) => {
    github.setClock(at(hoursAgo));
    const before = github.requests.length;
    const result = await runAction(fixture, { repository: 'acme/gitops', token: github.token, 'registries-config': fixture.registriesConf }, { GITHUB_API_URL: github.url });
    expect(github.violations).toEqual([]);
    const json = (name: string) => JSON.parse(result.outputs[name] || '[]') as Record<string, unknown>[];
    const rows = (label: string) => [
      ...json('updates').filter((u) => u.application === label).map((u) => ['update', u.from, u.to, u.digest]),
      ...json('skipped').filter((s) => s.application === label).map((s) => ['skipped', s.reason]),
      ...json('errors').filter((e) => e.application === label).map((e) => ['error', e.message]),
    ];
    const graphql = github.requests.slice(before).filter((r) => r.operation === 'graphql').length;
    return { result, rows, json, graphql };
  };
  const file = (branch: string, path: string) => github.repo.files(branch).get(path);
  let stagingCommit = '';

  it('run 1 (72 h ago): dev commits 1.1.0; staging and prod still follow what their sources ran', async () => {
    const { result, rows } = await run(72);
    expect(result.code).toBe(0);
    // semver reads no manifest, so no digest is known for dev's tag.
    expect(rows('web-dev')).toEqual([['update', '1.0.0', '1.1.0', null]]);
    expect(rows('web-staging')).toEqual([]);
    expect(rows('web-prod')).toEqual([]);
    expect(file('main', 'envs/web-dev/kustomization.yaml')).toBe(kustomization({ tag: '1.1.0', image: IMAGE }));
  });

  it('run 2 (30 h ago): staging takes dev\'s 1.1.0 after its 1 h soak, pinned, through an auto-merge pull request', async () => {
    const { result, rows } = await run(30);
    expect(result.code).toBe(0);
    expect(rows('web-staging')).toEqual([['update', '1.0.0@' + digests['1.0.0'], '1.1.0', digests['1.1.0']]]);
    expect(rows('web-prod')).toEqual([]);
    const [pull] = JSON.parse(result.outputs['pull-requests']) as { number: number; autoMerge: string }[];
    expect(pull.autoMerge).toBe('enabled');
    expect(github.repo.pulls.find((p) => p.number === pull.number)!.body).toMatch(/- web-staging web: `1\.1\.0` \(pinned\) in web-dev\/web since \S+ \(\[[0-9a-f]{7}\]\(https:\/\/github\.example\/acme\/gitops\/commit\/[0-9a-f]{40}\)\), soaked (?:41 h 59 min|42 h)/);
    // The merge happens as auto-merge would, right after the run; CI then reports smoke failed on that commit.
    await person(github).mergePull(pull.number);
    stagingCommit = github.repo.refs.get('heads/main')!;
    expect(file('main', 'envs/web-staging/kustomization.yaml')).toBe(kustomization({ tag: '1.1.0', digest: digests['1.1.0'], image: IMAGE }));
    await person(github).octokit.rest.checks.create({ owner: 'acme', repo: 'gitops', name: 'smoke', head_sha: stagingCommit, status: 'completed', conclusion: 'failure' });
  });

  it('run 3 (20 h ago): prod waits: staging has run 1.1.0 for 10 h of the 24 h', async () => {
    const { rows, graphql } = await run(20);
    expect(rows('web-prod')).toEqual([['skipped', expect.stringMatching(/^1\.1\.0 is in web-staging\/web since \S+ \(.*\), soaked (?:9 h 59 min|10 h); promote-after 24h waits 14 h(?: \d+ min)? more$/)]]);
    // The snapshot's blobs, then one history request: staging's file (staging already runs dev's tag, so dev's is not read).
    expect(graphql).toBe(2);
    expect(file('main', 'envs/web-prod/kustomization.yaml')).toBe(kustomization({ tag: '1.0.0', digest: digests['1.0.0'], image: IMAGE }));
  });

  it('run 4 (now): soaked 30 h, but the staging commit\'s smoke check failed: prod waits', async () => {
    const { rows } = await run(0);
    expect(rows('web-prod')).toEqual([['skipped', expect.stringMatching(new RegExp(`^1\\.1\\.0 is in web-staging/web since \\S+ \\(.*\\), soaked (?:29 h 59 min|30 h), but on commit ${stagingCommit.slice(0, 7)} check smoke is failure \\(${P}web\\.promote-gates\\)$`))]]);
    expect(github.repo.openPulls()).toEqual([]);
  });

  it('run 5 (now): smoke passed on a re-run; prod gets a pull request with staging\'s digest and the soak in its body', async () => {
    await person(github).octokit.rest.checks.create({ owner: 'acme', repo: 'gitops', name: 'smoke', head_sha: stagingCommit, status: 'completed', conclusion: 'success' });
    const { result, rows } = await run(0);
    expect(result.code).toBe(0);
    expect(rows('web-prod')).toEqual([['update', '1.0.0@' + digests['1.0.0'], '1.1.0', digests['1.1.0']]]);
    const [pull] = github.repo.openPulls();
    expect(pull.body).toContain(`- web-prod web: \`1.1.0\` (pinned) in web-staging/web since `);
    expect(pull.body).toContain(`${digests['1.1.0']}`);
    expect(pull.body).toMatch(/\), soaked (?:29 h 59 min|30 h)\n/);
    expect(file(pull.head, 'envs/web-prod/kustomization.yaml')).toBe(kustomization({ tag: '1.1.0', digest: digests['1.1.0'], image: IMAGE }));
    expect(file('main', 'envs/web-prod/kustomization.yaml')).toBe(kustomization({ tag: '1.0.0', digest: digests['1.0.0'], image: IMAGE }));
  });
});
