import { describe, expect, it } from 'vitest';
import { memoryRepo } from '../../src/discover/local-repo.js';
import type { AppConfig, ImageSpec, PublishSettings } from '../../src/discover/types.js';
import type { CheckedApp, Plan } from '../../src/pipeline.js';
import { groupsFromPlan, imageChangeOf, type GroupDefaults } from '../../src/publish/from-plan.js';
import { emptyReport, type PlannedUpdate, type PublishMode, type UpdateEntry } from '../../src/report/result.js';
import { app, config, image } from '../support/builders.js';

const files = memoryRepo({
  'dev/kustomization.yaml': 'images:\n  - name: asia.gcr.io/acme/web\n    newTag: "1"\n',
  'stg/kustomization.yaml': 'images:\n  - name: asia.gcr.io/acme/web\n    newTag: "1"\n',
  'prod/kustomization.yaml': 'images:\n  - name: asia.gcr.io/acme/web\n    newTag: "1"\n',
});
const defaults: GroupDefaults = { labels: [], reviewers: [], teamReviewers: ['platform'], assignees: ['carol'], draft: false };

function application(name: string, publish: Partial<PublishSettings> = {}, gitBranch?: string): { config: AppConfig; image: ImageSpec } {
  const spec = image('asia.gcr.io/acme/web');
  const base = config(app({ name, file: 'apps.yaml' }), [spec]);
  return { config: { ...base, writeBack: { method: 'git', gitBranch }, publish: { ...base.publish, ...publish } }, image: spec };
}

function update(a: ReturnType<typeof application>, dir: string, mode: PublishMode, entry: Partial<UpdateEntry> = {}, digest?: string): PlannedUpdate {
  const file = `${dir}/kustomization.yaml`;
  return {
    entry: { application: a.config.app.name, alias: 'app', image: 'asia.gcr.io/acme/web', from: '1', to: '2', digest: null, strategy: 'semver', file, mode, ...entry },
    resolved: { config: a.config, image: a.image, target: { kind: 'kustomization', file, entryName: 'asia.gcr.io/acme/web' }, current: { tag: '1' } },
    newImage: { tag: '2', ...(digest ? { digest } : {}) },
  };
}

const plan = (updates: PlannedUpdate[], checked: CheckedApp[]): Plan => ({ report: emptyReport(false), updates, changes: [], checked });
const checkedAs = (a: ReturnType<typeof application>, mode: PublishMode, extra: Partial<CheckedApp> = {}): CheckedApp => ({ config: a.config, mode, failed: false, ...extra });
const dev = application('web-dev');
const stg = application('web-stg');
const prod = application('web-prod');

describe('imageChangeOf', () => {
  it('carries the ApplicationSet, the pinned digest and where the tag was promoted from', () => {
    const digest = `sha256:${'a'.repeat(64)}`;
    const change = imageChangeOf(update(prod, 'prod', 'pull-request', { applicationSet: 'web (sets.yaml:3)', digest, promotedFrom: 'in web-stg since x' }, digest));
    expect(change).toMatchObject({ applicationSet: 'web (sets.yaml:3)', to: `2@${digest}`, digest, promotedFrom: 'in web-stg since x' });
  });

  it('leaves them out when there are none', () => {
    const change = imageChangeOf(update(prod, 'prod', 'pull-request'));
    expect(['applicationSet' in change, 'promotedFrom' in change, change.digest, change.to]).toEqual([false, false, undefined, '2']);
  });
});

describe('groupsFromPlan: what goes in a group', () => {
  it('leaves a files-mode Application with a templated write branch out', () => {
    const templated = application('web-dev', {}, 'main:image-updater-{{.SHA256}}');
    expect(groupsFromPlan(plan([], [checkedAs(templated, 'files')]), files, defaults)).toEqual([]);
  });

  it('makes no commit group for commit-mode Applications with nothing to change', () => {
    expect(groupsFromPlan(plan([], [checkedAs(dev, 'commit')]), files, defaults)).toEqual([]);
  });

  it('names the Applications of a commit group from its updates, once each', () => {
    const groups = groupsFromPlan(plan([update(dev, 'dev', 'commit'), update(dev, 'dev', 'commit', { alias: 'b' }), update(stg, 'stg', 'commit')], [checkedAs(dev, 'commit'), checkedAs(stg, 'commit')]), files, defaults);
    expect(groups.map((g) => [g.key, g.applications])).toEqual([['commit:base', ['web-dev', 'web-stg']]]);
  });

  it('names the Applications of a pull-request group even when it has nothing to change, and gives it a reason to close', () => {
    const [empty] = groupsFromPlan(plan([], [checkedAs(prod, 'pull-request')]), files, defaults);
    expect(empty!.applications).toEqual(['web-prod']);
    const [full] = groupsFromPlan(plan([update(prod, 'prod', 'pull-request')], [checkedAs(prod, 'pull-request')]), files, defaults);
    expect(full!.closeReason).toBeUndefined();
  });

  it('skips a partial Application with no change when only other Applications\' images were found up to date', () => {
    const p = plan([], [checkedAs(prod, 'pull-request', { partial: true })]);
    p.report.unchanged.push({ application: 'web-dev', alias: 'app', image: 'asia.gcr.io/acme/web', tag: '1', strategy: 'semver', file: 'dev/kustomization.yaml' });
    expect(groupsFromPlan(p, files, defaults)).toEqual([]);
  });

  it('names no checked images for a partial Application none of whose images was found up to date', () => {
    const [group] = groupsFromPlan(plan([update(prod, 'prod', 'pull-request')], [checkedAs(prod, 'pull-request', { partial: true })]), files, defaults);
    expect([group!.partialApplications, 'checkedImages' in group!]).toEqual([['web-prod'], false]);
  });

  it('gives a group a branch key only when its branch is not named after its key', () => {
    const [plain] = groupsFromPlan(plan([update(prod, 'prod', 'pull-request')], [checkedAs(prod, 'pull-request')]), files, defaults);
    const [grouped] = groupsFromPlan(plan([update(prod, 'prod', 'pull-request')], [checkedAs(prod, 'pull-request')]), files, { ...defaults, group: 'release' });
    expect(['branchKey' in plain!, grouped!.branchKey]).toEqual([false, 'group+release']);
  });
});

describe('groupsFromPlan: pull request settings', () => {
  it('adds the Applications\' team reviewers and assignees to the defaults', () => {
    const own = application('web-prod', { teamReviewers: ['web-team'], assignees: ['dave'] });
    const [group] = groupsFromPlan(plan([update(own, 'prod', 'pull-request')], [checkedAs(own, 'pull-request')]), files, defaults);
    expect([group!.teamReviewers, group!.assignees]).toEqual([['platform', 'web-team'], ['carol', 'dave']]);
  });

  it.each([
    { name: 'no draft anywhere', settings: [{}, {}], byDefault: false, draft: false },
    { name: 'draft: false on an Application', settings: [{ draft: false }, {}], byDefault: false, draft: false },
    { name: 'one Application of the group asks for a draft', settings: [{ draft: true }, {}], byDefault: false, draft: true },
    { name: 'the draft input', settings: [{}, {}], byDefault: true, draft: true },
  ])('opens a draft: $name -> $draft', ({ settings, byDefault, draft }) => {
    const apps = settings.map((s, i) => application(`web-${i}`, { ...s, group: 'g' }));
    const [group] = groupsFromPlan(plan([], apps.map((a) => checkedAs(a, 'pull-request'))), files, { ...defaults, draft: byDefault });
    expect(group!.draft).toBe(draft);
  });
});
