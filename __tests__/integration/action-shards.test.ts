/**
 * Shards against one group pull request (issues 9 and 11), through node dist/index.js and the fake GitHub: two
 * Applications of one `group`, whose image repositories hash to different shards of 2, published by `shard: 1/2`
 * and `shard: 2/2` in either order, with both images in one kustomization or each in its own. The pull request
 * ends with both entries, and a later run over every Application keeps them.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { FakeGitHub } from '../../test-support/fake-github/server.js';
import { recordOf } from '../../src/publish/pr-record.js';
import { startFixture, type Fixture } from './fixture-repo.js';
import { runAction } from './run-action.js';

const BRANCH = 'image-promoter/group+shop';
const json = (text: string | undefined) => JSON.parse(text ?? 'null');

function application(name: string, path: string, image: 'web' | 'web-dev'): string {
  const strategy = image === 'web' ? ['semver'] : ['newest-build', '    argocd-image-updater.argoproj.io/web.allow-tags: regexp:^[0-9a-f]{7}$'];
  return [
    'apiVersion: argoproj.io/v1alpha1',
    'kind: Application',
    'metadata:',
    `  name: ${name}`,
    '  annotations:',
    `    argocd-image-updater.argoproj.io/image-list: web=registry.example.test/team/${image}`,
    `    argocd-image-updater.argoproj.io/web.update-strategy: ${strategy.join('\n')}`,
    '    argocd-image-updater.argoproj.io/web.ignore-tags: latest',
    '    argocd-image-updater.argoproj.io/write-back-method: git',
    '    argocd-image-updater.argoproj.io/write-back-target: kustomization',
    '    image-promoter.argoproj.io/group: shop',
    'spec:',
    '  source:',
    '    repoURL: https://github.com/acme/gitops.git',
    `    path: ${path}`,
    '',
  ].join('\n');
}

const kustomization = (...images: [string, string][]) =>
  ['apiVersion: kustomize.config.k8s.io/v1beta1', 'kind: Kustomization', 'images:', ...images.flatMap(([name, tag]) => [`  - name: registry.example.test/team/${name}`, `    newTag: ${tag}`]), ''].join('\n');

// team/web hashes to shard 1 of 2, team/web-dev to shard 2 (src/query/shard.ts).
const LAYOUTS = {
  'one file': {
    'argocd/apps.yaml': `${application('shop-web', 'apps/shop', 'web')}---\n${application('shop-dev', 'apps/shop', 'web-dev')}`,
    'apps/shop/kustomization.yaml': kustomization(['web', '1.0.0'], ['web-dev', 'abc1234']),
  },
  'separate files': {
    'argocd/apps.yaml': `${application('shop-web', 'apps/shop-web', 'web')}---\n${application('shop-dev', 'apps/shop-dev', 'web-dev')}`,
    'apps/shop-web/kustomization.yaml': kustomization(['web', '1.0.0']),
    'apps/shop-dev/kustomization.yaml': kustomization(['web-dev', 'abc1234']),
  },
} as const;

const EXPECTED = {
  'one file': { 'apps/shop/kustomization.yaml': kustomization(['web', '1.2.0'], ['web-dev', 'def5678']) },
  'separate files': { 'apps/shop-web/kustomization.yaml': kustomization(['web', '1.2.0']), 'apps/shop-dev/kustomization.yaml': kustomization(['web-dev', 'def5678']) },
};

describe.skipIf(!hasDockerRegistry())('shards publishing into one group pull request', () => {
  let fixture: Fixture;
  let github: FakeGitHub | undefined;
  beforeAll(async () => {
    fixture = await startFixture();
  }, 120_000);
  afterAll(async () => {
    await fixture?.cleanup();
  });
  afterEach(async () => {
    expect(github?.violations).toEqual([]);
    await github?.stop();
    github = undefined;
  });

  const run = (inputs: Record<string, string>) =>
    runAction(fixture, { repository: 'acme/gitops', token: github!.token, 'registries-config': fixture.registriesConf, mode: 'pull-request', ...inputs }, { GITHUB_API_URL: github!.url });
  const proposed = () => (recordOf(github!.repo.openPulls()[0]?.body)?.changes ?? []).map((c) => `${c.app} ${c.to}`).sort();

  it.each([
    ['one file', '1/2', '2/2'],
    ['one file', '2/2', '1/2'],
    ['separate files', '1/2', '2/2'],
    ['separate files', '2/2', '1/2'],
  ] as const)('%s, shard %s then %s: the pull request ends with both entries; a full run keeps them', async (layout, first, second) => {
    github = new FakeGitHub();
    github.repo.commitFiles('main', { ...LAYOUTS[layout] }, 'initial');
    await github.start();

    const a = await run({ shard: first });
    expect(a.code).toBe(0);
    expect(json(a.outputs['pull-requests'])).toEqual([expect.objectContaining({ operation: 'created', branch: BRANCH })]);
    const b = await run({ shard: second });
    expect(b.code).toBe(0);
    const [pull] = json(b.outputs['pull-requests']);
    expect(pull).toMatchObject({ operation: 'updated', branch: BRANCH, number: 1 });
    expect([...pull.applications].sort()).toEqual(['shop-dev', 'shop-web']);
    expect(github.repo.openPulls()).toHaveLength(1);
    expect(proposed()).toEqual(['shop-dev def5678', 'shop-web 1.2.0']);
    const files = github.repo.files(BRANCH);
    for (const [path, text] of Object.entries(EXPECTED[layout])) expect(files.get(path)).toBe(text);
    expect(b.summary).not.toMatch(/could not be kept|changed this line differently/);

    const head = github.repo.refs.get(`heads/${BRANCH}`);
    const full = await run({});
    expect(full.code).toBe(0);
    expect(json(full.outputs['pull-requests'])).toEqual([expect.objectContaining({ operation: 'unchanged', number: 1 })]);
    expect(github.repo.refs.get(`heads/${BRANCH}`)).toBe(head);
    expect(proposed()).toEqual(['shop-dev def5678', 'shop-web 1.2.0']);
  });
});
