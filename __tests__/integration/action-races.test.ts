/**
 * Two runs racing on one pull request (issue 9): node dist/index.js twice at once against the fake GitHub, one run's
 * branch update held by the fake until the other run has finished, so the race is the same every time (no sleeps).
 * The run that moves the branch second finds it moved, re-reads the pull request and re-plans on it: the pull
 * request ends with the newest and widest change, never the older or narrower one of the run that wrote last.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { useFakeGitHubFixture, useStaleFixture } from './fake-github-fixture.js';

const PROD = 'apps/web/overlays/prod/kustomization.yaml';
const API = 'apps/api/values.yaml';
const GROUP = 'image-promoter/group+everything';
const json = (text: string | undefined) => JSON.parse(text ?? 'null');
const prodTag = (files: ReadonlyMap<string, string>) => /newTag: (\S+)/.exec(files.get(PROD) ?? '')?.[1];
const apiTag = (files: ReadonlyMap<string, string>) => /tag: "([^"]+)"/.exec(files.get(API) ?? '')?.[1];

describe.skipIf(!hasDockerRegistry())('a full run and a filtered run at once on a group pull request', () => {
  const peers = useFakeGitHubFixture();
  const full = (separate = false) => peers.run({ mode: 'pull-request', group: 'everything' }, peers.fixture, separate);
  const filtered = (separate = false) => peers.run({ mode: 'pull-request', group: 'everything', applications: 'api' }, peers.fixture, separate);
  const proposed = () => [prodTag(peers.github.repo.files(GROUP)), apiTag(peers.github.repo.files(GROUP))];

  beforeAll(async () => {
    const first = await full();
    expect(first.code).toBe(0);
    expect(proposed()).toEqual(['1.2.0', '2.0.5']);
    // Newer images for both: the full run proposes both, the filtered run only api (and carries web-prod 1.2.0).
    await peers.fixture.registry.pushImage('team/web', '1.4.2', { created: '2024-06-01T00:00:00Z' });
    await peers.fixture.registry.pushImage('team/api', '2.0.9', { created: '2024-06-01T00:00:00Z' });
  }, 120_000);

  it("the filtered run pushes second: it finds the full run's pull request and leaves it as it is (not back to web-prod 1.2.0)", async () => {
    const github = peers.github;
    const number = github.repo.openPulls()[0]!.number;
    const held = github.pauseRefMove((files) => prodTag(files) === '1.2.0' && apiTag(files) === '2.0.9');
    const late = filtered(true);
    await held.reached;
    const early = await full();
    expect(early.code).toBe(0);
    expect(proposed()).toEqual(['1.4.2', '2.0.9']);
    const fullHead = github.repo.refs.get(`heads/${GROUP}`);
    held.release();
    const result = await late;
    expect(result.code).toBe(0);
    expect(json(result.outputs['pull-requests'])).toEqual([expect.objectContaining({ number, operation: 'unchanged' })]);
    expect(result.summary).toContain(`${GROUP} moved while this run was publishing (another run, or a person): re-read https://github.example/acme/gitops/pull/${number} and re-planned instead of overwriting it`);
    expect(github.repo.refs.get(`heads/${GROUP}`)).toBe(fullHead);
    expect(proposed()).toEqual(['1.4.2', '2.0.9']);
    expect(github.repo.openPulls().map((p) => p.number)).toEqual([number]);
    expect(github.violations).toEqual([]);
  }, 120_000);

  it("the full run pushes second: it re-plans on the filtered run's pull request and lands its wider change on top of it", async () => {
    const github = peers.github;
    const number = github.repo.openPulls()[0]!.number;
    await peers.fixture.registry.pushImage('team/web', '1.5.0', { created: '2024-07-01T00:00:00Z' });
    await peers.fixture.registry.pushImage('team/api', '2.0.11', { created: '2024-07-01T00:00:00Z' });
    const held = github.pauseRefMove((files) => prodTag(files) === '1.5.0');
    const late = full(true);
    await held.reached;
    const early = await filtered();
    expect(early.code).toBe(0);
    expect(proposed()).toEqual(['1.4.2', '2.0.11']);
    held.release();
    const result = await late;
    expect(result.code).toBe(0);
    expect(json(result.outputs['pull-requests']).find((p: { branch: string }) => p.branch === GROUP)).toMatchObject({ number, operation: 'updated' });
    expect(result.summary).toContain(`${GROUP} moved while this run was publishing`);
    expect(proposed()).toEqual(['1.5.0', '2.0.11']);
    expect(github.repo.openPulls().map((p) => p.number)).toEqual([number]);
    expect(github.violations).toEqual([]);
  }, 120_000);
});

describe.skipIf(!hasDockerRegistry())('a stale run that pushes after a fresh one', () => {
  const peers = useFakeGitHubFixture();
  const stale = useStaleFixture();

  it('does not take the pull request back from the fresh 1.4.2 to its 1.4.1: it re-reads it and reports it unchanged', async () => {
    const github = peers.github;
    const run = (fixture = peers.fixture) => peers.run({ mode: 'pull-request', applications: 'web-prod' }, fixture);
    const first = await run();
    expect(first.code).toBe(0);
    const [opened] = json(first.outputs['pull-requests']);
    await peers.fixture.registry.pushImage('team/web', '1.4.2', { created: '2024-05-02T00:00:00Z' });

    const held = github.pauseRefMove((files) => prodTag(files) === '1.4.1');
    const old = run(stale());
    await held.reached;
    const fresh = await run();
    expect(fresh.code).toBe(0);
    expect(json(fresh.outputs['pull-requests'])).toEqual([expect.objectContaining({ number: opened.number, operation: 'updated' })]);
    const freshHead = github.repo.refs.get('heads/image-promoter/web-prod');
    held.release();
    const result = await old;
    expect(result.code).toBe(0);
    expect(json(result.outputs['pull-requests'])).toEqual([
      expect.objectContaining({ number: opened.number, operation: 'unchanged', reason: "already proposes 1.4.2, newer than this run's 1.4.1" }),
    ]);
    expect(github.repo.refs.get('heads/image-promoter/web-prod')).toBe(freshHead);
    expect(prodTag(github.repo.files('image-promoter/web-prod'))).toBe('1.4.2');
    expect(github.repo.pulls.find((p) => p.number === opened.number)!.title).toContain('1.4.2');
    expect(github.violations).toEqual([]);
  }, 120_000);
});

describe.skipIf(!hasDockerRegistry())('a stale newest-build run', () => {
  const peers = useFakeGitHubFixture();
  const stale = useStaleFixture();
  const WORKER = 'apps/worker/deployment.yaml';

  it('does not take the pull request back to an earlier build, although its tag name sorts after the proposed one', async () => {
    const github = peers.github;
    const run = (fixture = peers.fixture) => peers.run({ mode: 'pull-request', applications: 'worker' }, fixture);
    await peers.fixture.registry.pushImage('team/worker', 'a0-hotfix', { created: '2024-04-01T00:00:00Z', platforms: ['linux/amd64'] });
    const fresh = await run();
    expect(fresh.code).toBe(0);
    const [opened] = json(fresh.outputs['pull-requests']);
    expect(github.repo.files(opened.branch).get(WORKER)).toContain('team/worker:a0-hotfix');
    const head = github.repo.refs.get(`heads/${opened.branch}`);

    const old = await run(stale());
    expect(old.code).toBe(0);
    expect(json(old.outputs['pull-requests'])).toEqual([expect.objectContaining({ number: opened.number, operation: 'unchanged', reason: "already proposes a0-hotfix, newer than this run's a1" })]);
    expect(old.summary).toContain('newer than a1 by its newest-build order (this run read older registry data)');
    expect(github.repo.refs.get(`heads/${opened.branch}`)).toBe(head);
    expect(github.violations).toEqual([]);
  }, 120_000);
});
