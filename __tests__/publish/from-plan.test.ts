import { describe, expect, it } from 'vitest';
import { memoryRepo } from '../../src/discover/local-repo.js';
import type { AppConfig, ImageSpec, PublishSettings } from '../../src/discover/types.js';
import type { CheckedApp, Plan } from '../../src/pipeline.js';
import { branchKeyOf, commitBranchOf, groupsFromPlan, type GroupDefaults } from '../../src/publish/from-plan.js';
import { emptyReport, type PlannedUpdate, type PublishMode } from '../../src/report/result.js';
import { app, config, image } from '../support/builders.js';

const files = memoryRepo({
  'dev/kustomization.yaml': 'images:\n  - name: asia.gcr.io/acme/web\n    newTag: "1"\n',
  'prod/kustomization.yaml': 'images:\n  - name: asia.gcr.io/acme/web\n    newTag: "1"\n',
  'api/kustomization.yaml': 'images:\n  - name: asia.gcr.io/acme/api\n    newTag: "1"\n',
});

const defaults: GroupDefaults = { labels: ['deploy'], reviewers: [], teamReviewers: [], assignees: [], draft: false };

function application(name: string, repo: string, publish: Partial<PublishSettings> = {}, gitBranch?: string): { config: AppConfig; image: ImageSpec } {
  const spec = image(`asia.gcr.io/acme/${repo}`);
  const base = config(app({ name, file: 'apps.yaml' }), [spec]);
  return { config: { ...base, writeBack: { method: 'git', gitBranch }, publish: { ...base.publish, ...publish } }, image: spec };
}

function update(a: ReturnType<typeof application>, dir: string, mode: PublishMode, to = '2'): PlannedUpdate {
  const file = `${dir}/kustomization.yaml`;
  return {
    entry: { application: a.config.app.name, alias: 'app', image: `asia.gcr.io/${a.image.ref.repository}`, from: '1', to, digest: null, strategy: 'semver', file, mode },
    resolved: { config: a.config, image: a.image, target: { kind: 'kustomization', file, entryName: `asia.gcr.io/${a.image.ref.repository}` }, current: { tag: '1' } },
    newImage: { tag: to },
  };
}

function plan(updates: PlannedUpdate[], checked: CheckedApp[]): Plan {
  return { report: emptyReport(false), updates, changes: [], checked };
}

describe('groupsFromPlan', () => {
  const dev = application('web-dev', 'web', { mode: 'commit' });
  const prod = application('web-prod', 'web', { reviewers: ['alice'], labels: ['prod'] });
  const api = application('api-prod', 'api');

  it('commits dev and opens a pull request for prod, each with its own files', () => {
    const groups = groupsFromPlan(
      plan([update(dev, 'dev', 'commit'), update(prod, 'prod', 'pull-request')], [
        { config: dev.config, mode: 'commit', failed: false },
        { config: prod.config, mode: 'pull-request', failed: false },
      ]),
      files,
      defaults,
    );
    expect(groups.map((g) => [g.key, g.mode, g.files.map((f) => f.path)])).toEqual([
      ['commit:base', 'commit', ['dev/kustomization.yaml']],
      ['web-prod', 'pull-request', ['prod/kustomization.yaml']],
    ]);
    expect(groups[1].files[0].after).toBe('images:\n  - name: asia.gcr.io/acme/web\n    newTag: "2"\n');
    expect(groups[1]).toMatchObject({ labels: ['deploy', 'prod'], reviewers: ['alice'], changes: [{ application: 'web-prod', from: '1', to: '2' }] });
  });

  it('puts Applications of one group into one pull request', () => {
    const groups = groupsFromPlan(
      plan([update(prod, 'prod', 'pull-request'), update(api, 'api', 'pull-request')], [
        { config: prod.config, mode: 'pull-request', failed: false },
        { config: api.config, mode: 'pull-request', failed: false },
      ]),
      files,
      { ...defaults, group: 'prod-release' },
    );
    expect(groups).toHaveLength(1);
    expect(groups[0].key).toBe('prod-release');
    expect(groups[0].files.map((f) => f.path).sort()).toEqual(['api/kustomization.yaml', 'prod/kustomization.yaml']);
  });

  it('gives an up-to-date pull-request Application an empty group (its stale pull request gets closed)', () => {
    const groups = groupsFromPlan(plan([], [{ config: prod.config, mode: 'pull-request', failed: false }]), files, defaults);
    expect(groups).toEqual([expect.objectContaining({ key: 'web-prod', changes: [], files: [], closeReason: expect.stringMatching(/already at the chosen tag/) })]);
  });

  it('a shard that checked none of the images of a partial Application leaves its pull request alone (issue 11)', () => {
    const partial = groupsFromPlan(plan([], [{ config: prod.config, mode: 'pull-request', failed: false, partial: true }]), files, defaults);
    expect(partial).toEqual([]);
    const withChange = groupsFromPlan(plan([update(prod, 'prod', 'pull-request')], [{ config: prod.config, mode: 'pull-request', failed: false, partial: true }]), files, defaults);
    expect(withChange.map((g) => [g.key, g.changes.length])).toEqual([['web-prod', 1]]);
    // The publisher keeps the PR's entries for the Application's other images (another shard's).
    expect(withChange[0]!.partialApplications).toEqual(['web-prod']);
    expect(groupsFromPlan(plan([update(prod, 'prod', 'pull-request')], [{ config: prod.config, mode: 'pull-request', failed: false }]), files, defaults)[0]!.partialApplications).toBeUndefined();
  });

  it('a shard that checked an image of a partial Application up to date names it, so its stale PR entry is dropped (issue 11 item 3)', () => {
    const checked: CheckedApp[] = [{ config: prod.config, mode: 'pull-request', failed: false, partial: true }];
    const upToDate = plan([], checked);
    upToDate.report.unchanged.push({ application: 'web-prod', alias: 'web', image: 'asia.gcr.io/acme/web', tag: '1.0.0', strategy: 'semver', file: 'apps/prod/kustomization.yaml' });
    upToDate.report.unchanged.push({ application: 'other', alias: 'api', image: 'asia.gcr.io/acme/api', tag: '1.0.0', strategy: 'semver', file: 'x.yaml' });
    expect(groupsFromPlan(upToDate, files, defaults)).toEqual([
      expect.objectContaining({ key: 'web-prod', changes: [], partialApplications: ['web-prod'], checkedImages: [{ app: 'web-prod', alias: 'web', image: 'asia.gcr.io/acme/web' }] }),
    ]);
  });

  it('leaves failed and files-mode Applications out, so their pull requests are not touched', () => {
    const groups = groupsFromPlan(plan([], [
      { config: prod.config, mode: 'pull-request', failed: true },
      { config: api.config, mode: 'files', failed: false },
    ]), files, defaults);
    expect(groups).toEqual([]);
  });

  it('commits to the git-branch write branch when one is named', () => {
    const toRelease = application('web-dev', 'web', { mode: 'commit' }, 'main:release');
    const groups = groupsFromPlan(plan([update(toRelease, 'dev', 'commit')], [{ config: toRelease.config, mode: 'commit', failed: false }]), files, defaults);
    expect(groups[0]).toMatchObject({ mode: 'commit', commitBranch: 'release' });
  });

  it('publishes a templated write branch (a branch per change set) as a pull request', () => {
    const templated = application('web-dev', 'web', { mode: 'commit' }, 'main:image-updater-{{.SHA256}}');
    const groups = groupsFromPlan(plan([update(templated, 'dev', 'commit')], [{ config: templated.config, mode: 'commit', failed: false }]), files, defaults);
    expect(groups).toEqual([expect.objectContaining({ key: 'web-dev', mode: 'pull-request' })]);
  });
});

describe('commitBranchOf', () => {
  it.each([
    [undefined, undefined],
    ['main', undefined],
    ['main:release', 'release'],
    [':release', 'release'],
    ['main:image-updater-{{.SHA256}}', undefined], // templates are not rendered (published as a pull request)
    ['main:', undefined],
  ])('%s -> %s', (input, expected) => {
    expect(commitBranchOf(input)).toBe(expected);
  });
});

describe('branch keys cannot collide (issue 9)', () => {
  const named = (name: string, namespace: string | undefined, group?: string) => {
    const a = application(name, 'web', group === undefined ? {} : { group });
    return { ...a.config, app: { ...a.config.app, namespace, label: namespace ? `${namespace}/${name}` : name } };
  };
  it.each([
    ['an Application in Argo CD\'s namespace keeps its bare name (existing branches stay)', named('web', undefined), 'web'],
    ['the same with the namespace written out', named('web', 'argocd'), 'web'],
    ['an Application in another namespace', named('web', 'team-a'), 'team-a_web'],
    ['a group', named('api', undefined, 'web'), 'group+web'],
  ])('%s', (_name, cfg, want) => {
    expect(branchKeyOf(cfg, defaults)).toBe(want);
  });

  it('same-named Applications in two namespaces and a group of that name get three pull requests', () => {
    const apps = [named('web', undefined), named('web', 'team-a'), named('api', undefined, 'web')];
    const updates = apps.map((cfg, i): PlannedUpdate => {
      const dir = ['dev', 'prod', 'api'][i]!;
      const file = `${dir}/kustomization.yaml`;
      const repository = dir === 'api' ? 'acme/api' : 'acme/web';
      return {
        entry: { application: cfg.app.label, alias: 'app', image: `asia.gcr.io/${repository}`, from: '1', to: '2', digest: null, strategy: 'semver', file, mode: 'pull-request' },
        resolved: { config: cfg, image: cfg.images[0]!, target: { kind: 'kustomization', file, entryName: `asia.gcr.io/${repository}` }, current: { tag: '1' } },
        newImage: { tag: '2' },
      };
    });
    const groups = groupsFromPlan(plan(updates, apps.map((config) => ({ config, mode: 'pull-request', failed: false }))), files, defaults);
    expect(groups.map((g) => [g.key, g.branchKey ?? g.key, g.applications])).toEqual([
      ['web', 'web', ['web']],
      ['web', 'team-a_web', ['team-a/web']],
      ['web', 'group+web', ['api']],
    ]);
  });
});
