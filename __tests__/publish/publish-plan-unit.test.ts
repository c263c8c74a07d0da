/**
 * publishPlan against the fake GitHub: which snapshot a plan is published on (its own, the base read afresh, or a
 * plan made again when the checkout was not the base), what it records, and when pull requests of vanished
 * branch keys are closed (only after a run that checked every Application).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { AppConfig, ImageSpec, PublishSettings } from '../../src/discover/types.js';
import { NullLogger } from '../../src/logger.js';
import type { CheckedApp, Plan } from '../../src/pipeline.js';
import type { GitHubClient } from '../../src/publish/octokit.js';
import { renderRecord } from '../../src/publish/pr-record.js';
import { publishPlan, type PublishPlanParams } from '../../src/publish/publish-plan.js';
import { readRepoSnapshot } from '../../src/publish/read-snapshot.js';
import { emptyReport, type PlannedUpdate, type PublishMode, type RunReport } from '../../src/report/result.js';
import type { RepoFiles } from '../../src/resolve/types.js';
import { startFakeGitHub } from '../../test-support/fake-github/harness.js';
import type { FakeGitHub } from '../../test-support/fake-github/index.js';
import { app, config, image } from '../support/builders.js';

const text = (tag: string) => `images:\n  - name: asia.gcr.io/acme/web\n    newTag: "${tag}"\n`;
const DEV = 'dev/kustomization.yaml';
const PROD = 'prod/kustomization.yaml';
const TARGET = { owner: 'acme', repo: 'gitops', baseBranch: 'main' };

let fake: FakeGitHub | undefined;
afterEach(async () => {
  expect(fake!.violations).toEqual([]);
  await fake!.stop();
});

async function setup(): Promise<GitHubClient> {
  const started = await startFakeGitHub({ [DEV]: text('1'), [PROD]: text('1') });
  fake = started.fake;
  return started.octokit;
}

function application(name: string, publish: Partial<PublishSettings> = {}): { config: AppConfig; image: ImageSpec } {
  const spec = image('asia.gcr.io/acme/web');
  const base = config(app({ name, file: 'apps.yaml' }), [spec]);
  return { config: { ...base, publish: { ...base.publish, ...publish } }, image: spec };
}

function update(a: ReturnType<typeof application>, file: string, mode: PublishMode, to: string): PlannedUpdate {
  return {
    entry: { application: a.config.app.name, alias: 'app', image: 'asia.gcr.io/acme/web', from: '1', to, digest: null, strategy: 'semver', file, mode },
    resolved: { config: a.config, image: a.image, target: { kind: 'kustomization', file, entryName: 'asia.gcr.io/acme/web' }, current: { tag: '1' } },
    newImage: { tag: to },
  };
}

const dev = application('web-dev');
const prod = application('web-prod');
const api = application('api-prod');

/** commitPlan plans dev's image to `to` in commit mode, on a checkout whose dev file read `before`. */
function commitPlan(to: string, before = text('1')): Plan {
  return {
    report: emptyReport(false), updates: [update(dev, DEV, 'commit', to)],
    changes: [{ path: PROD, before: text('1'), after: text('1') }, { path: DEV, before, after: text(to) }],
    checked: [{ config: dev.config, mode: 'commit', failed: false }],
  };
}

/** params publishes to acme/gitops; `replans` counts the plans made again (each on the files it was given). */
function params(octokit: GitHubClient, replan: (files: RepoFiles) => Plan, over: Partial<PublishPlanParams> = {}) {
  const replans: (string | undefined)[] = [];
  const p: PublishPlanParams = {
    octokit, logger: NullLogger, target: TARGET, defaults: { labels: [], reviewers: [], teamReviewers: [], assignees: [], draft: false },
    options: { mergeMethod: 'merge', mergeFallback: false },
    replan: async (files) => {
      replans.push(files.read(DEV));
      return replan(files);
    },
    ...over,
  };
  return { p, replans };
}

const onMain = (path: string) => fake!.repo.files('main').get(path);

describe('publishPlan: which snapshot', () => {
  it('reads the base when given no snapshot, publishes the plan made on the same files, and records the commit', async () => {
    const octokit = await setup();
    const { p, replans } = params(octokit, () => commitPlan('9'));
    const report: RunReport = emptyReport(false);
    await publishPlan(commitPlan('2'), p, report);
    expect([onMain(DEV), replans]).toEqual([text('2'), []]);
    expect(report.commitSha).toBe(fake!.repo.refs.get('heads/main'));
  });

  it('plans again on the base when the checkout it planned on differs from it', async () => {
    const octokit = await setup();
    const { p, replans } = params(octokit, () => commitPlan('3'));
    await publishPlan(commitPlan('2', 'checkout: other\n'), p, emptyReport(false));
    expect([onMain(DEV), replans]).toEqual([text('3'), [text('1')]]);
  });

  it('publishes on the snapshot the plan was made on, without reading the base again', async () => {
    const octokit = await setup();
    const snapshot = await readRepoSnapshot(octokit, { owner: 'acme', repo: 'gitops', branch: 'main' });
    const { p, replans } = params(octokit, () => commitPlan('9'), { snapshot });
    await publishPlan(commitPlan('2', 'checkout: other\n'), p, emptyReport(false));
    expect([onMain(DEV), replans]).toEqual([text('2'), []]);
  });

  it('plans again on the fresh base when the base moves under the commit', async () => {
    const octokit = await setup();
    const { p, replans } = params(octokit, () => commitPlan('3'));
    fake!.inject({ operation: 'git/update-ref', before: (repo) => repo.commitFiles('main', { [DEV]: text('1.5') }) });
    await publishPlan(commitPlan('2'), p, emptyReport(false));
    expect([onMain(DEV), replans]).toEqual([text('3'), [text('1.5')]]);
  });

  it('publishes and records nothing when no group needs publishing', async () => {
    const octokit = await setup();
    const snapshot = await readRepoSnapshot(octokit, { owner: 'acme', repo: 'gitops', branch: 'main' });
    const { p } = params(octokit, () => commitPlan('9'), { snapshot });
    const report = emptyReport(false);
    const since = fake!.requests.length;
    await publishPlan({ report: emptyReport(false), updates: [], changes: [], checked: [{ config: dev.config, mode: 'files', failed: false }] }, p, report);
    expect([fake!.requests.length - since, report]).toEqual([0, emptyReport(false)]);
  });
});

describe('publishPlan: pull requests of vanished branch keys', () => {
  /** world opens our pull requests of a vanished key and of api-prod, then publishes prod's change (api-prod failed). */
  async function world(over: Partial<PublishPlanParams>, errors: string[] = ['api-prod']) {
    const octokit = await setup();
    for (const key of ['gone', 'api-prod']) {
      const head = `image-promoter/${key}`;
      fake!.repo.refs.set(`heads/${head}`, fake!.repo.refs.get('heads/main')!);
      fake!.repo.pulls.push({
        number: fake!.repo.pulls.length + 1, nodeId: `PR_${key}`, head, base: 'main', title: key, body: renderRecord({ key, changes: [] }), state: 'open', merged: false,
        draft: false, labels: [], reviewers: [], teamReviewers: [], assignees: [], autoMerge: null, comments: [], clean: false,
      });
    }
    const checked: CheckedApp[] = [{ config: prod.config, mode: 'pull-request', failed: false }, { config: api.config, mode: 'pull-request', failed: true }];
    const plan: Plan = { report: { ...emptyReport(false), errors: errors.map((application) => ({ application, message: 'x' })) }, updates: [update(prod, PROD, 'pull-request', '2')], changes: [], checked };
    const report = emptyReport(false);
    await publishPlan(plan, params(octokit, () => plan, over).p, report);
    return { states: fake!.repo.pulls.map((pr) => [pr.head, pr.state]), report };
  }

  it('closes them after a run that checked every Application, and leaves those of keys still live', async () => {
    const { states, report } = await world({ complete: true });
    expect(states).toEqual([['image-promoter/gone', 'closed'], ['image-promoter/api-prod', 'open'], ['image-promoter/web-prod', 'open']]);
    expect(report.pullRequests.map((pr) => [pr.branch, pr.operation])).toEqual([['image-promoter/web-prod', 'created'], ['image-promoter/gone', 'closed']]);
  });

  it('leaves them after a run that did not check every Application', async () => {
    const { states } = await world({ complete: false });
    expect(states.slice(0, 2)).toEqual([['image-promoter/gone', 'open'], ['image-promoter/api-prod', 'open']]);
  });

  it('leaves them when an Application failed before it could be checked', async () => {
    const { states } = await world({ complete: true }, ['api-prod', 'broken-app']);
    expect(states.slice(0, 2)).toEqual([['image-promoter/gone', 'open'], ['image-promoter/api-prod', 'open']]);
  });
});
