/**
 * Candidate choice for promote-from (issue 12) through planRun: the candidate is what the source runs in git;
 * this image's constraint, filters and downgrade rule still apply; the registry is never listed for it.
 */
import { describe, expect, it } from 'vitest';
import { NullLogger } from '../../src/logger.js';
import { planRun } from '../../src/pipeline.js';
import type { CheckState, FileVersion, PromotionAccess } from '../../src/promote/types.js';
import { chainRepo, countingRegistry, kustomization, type Env } from './chain-fixture.js';

const P = 'image-promoter.argoproj.io/';
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const TAGS = { '1.0.0': `sha256:${'0'.repeat(64)}`, '1.1.0': D1, '1.2.0': D2 };
const settings = { applications: [] as string[], mode: 'files' as const, allowDowngrade: false, dryRun: true };

function prod(tag: string, extra: Partial<Env> = {}): Env {
  return { tag, ...extra, annotations: { [`${P}web.promote-from`]: 'web-staging', ...extra.annotations } };
}

async function plan(envs: Record<string, Env>, options: { access?: PromotionAccess; allowDowngrade?: boolean; applications?: string[] } = {}) {
  const registry = countingRegistry(TAGS);
  const result = await planRun(chainRepo(envs), { ...settings, allowDowngrade: options.allowDowngrade ?? false, applications: options.applications ?? [] }, registry, NullLogger, options.access);
  const { report } = result;
  const prodRow = (label: string) => [
    ...report.updates.filter((u) => u.application === label).map((u) => ['update', u.from, u.to, u.digest, u.promotedFrom]),
    ...report.unchanged.filter((u) => u.application === label).map((u) => ['unchanged', u.tag]),
    ...report.skipped.filter((s) => s.application === label).map((s) => ['skipped', s.reason]),
    ...report.errors.filter((e) => e.application === label).map((e) => ['error', e.message, e.file, e.line]),
  ];
  return { result, registry, prodRow };
}

describe('promote-from: the candidate', () => {
  it('is the tag the source runs in git, confirmed with one manifest read and no tag listing', async () => {
    const { prodRow, registry, result } = await plan({ 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.0.0') });
    expect(prodRow('web-prod')).toEqual([['update', '1.0.0', '1.1.0', D1, 'from web-staging/web']]);
    expect(registry.calls).toEqual({ listTags: 1, getMetadata: ['1.1.0'] });
    // The one listing is web-staging's own semver query; web-prod lists nothing.
    expect(result.changes.filter((c) => c.path.includes('web-prod')).map((c) => [c.path, c.after])).toEqual([['envs/web-prod/kustomization.yaml', kustomization({ tag: '1.1.0' })]]);
  });

  it('zero tag listings when only promoted images are checked (a run filtered to prod still reads staging in git)', async () => {
    const { prodRow, registry } = await plan({ 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.0.0') }, { applications: ['web-prod'] });
    expect(prodRow('web-prod')).toEqual([['update', '1.0.0', '1.1.0', D1, 'from web-staging/web']]);
    expect(registry.calls).toEqual({ listTags: 0, getMetadata: ['1.1.0'] });
  });

  it('reads a tag\'s manifest once however many Applications promote it', async () => {
    const { registry, result } = await plan({ 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.0.0'), 'web-prod-eu': prod('1.0.0') }, { applications: ['web-prod*'] });
    expect(result.report.updates.map((u) => u.application).sort()).toEqual(['web-prod', 'web-prod-eu']);
    expect(registry.calls).toEqual({ listTags: 0, getMetadata: ['1.1.0'] });
  });

  it('is unchanged without any registry request when git already runs it', async () => {
    const { prodRow, registry } = await plan({ 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.1.0') }, { applications: ['web-prod'] });
    expect(prodRow('web-prod')).toEqual([['unchanged', '1.1.0']]);
    expect(registry.calls).toEqual({ listTags: 0, getMetadata: [] });
  });

  const refusals: Array<[string, Record<string, Env>, RegExp]> = [
    ['its constraint', { 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.0.0', { constraint: '~1.0' }) }, /^1\.1\.0 \(from web-staging\/web\) does not pass this image's semver strategy \(constraint ~1\.0\)$/],
    ['its ignore-tags', { 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.0.0', { annotations: { 'argocd-image-updater.argoproj.io/web.ignore-tags': '1.1.*' } }) }, /refused by this image's allow-tags\/ignore-tags/],
    ['its allow-tags', { 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.0.0', { annotations: { 'argocd-image-updater.argoproj.io/web.allow-tags': 'regexp:^1\\.0\\.' } }) }, /refused by this image's allow-tags/],
    ['the downgrade rule', { 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.2.0') }, /^refusing to downgrade r\.example\/team\/web from 1\.2\.0 to 1\.1\.0 \(from web-staging\/web;/],
    ['a hold on the source', { 'web-staging': { tag: '1.1.0', annotations: { [`${P}hold`]: 'true' } }, 'web-prod': prod('1.0.0') }, /^web-staging\/web is on hold \(image-promoter\.argoproj\.io\/hold\); nothing is promoted from it/],
    ['a hold on itself', { 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.0.0', { annotations: { [`${P}web.hold`]: 'true' } }) }, /^on hold \(image-promoter\.argoproj\.io\/web\.hold\): not updated/],
  ];
  it.each(refusals)('still passes %s (skipped otherwise)', async (_name, envs, reason) => {
    const { prodRow } = await plan(envs);
    expect(prodRow('web-prod')).toEqual([['skipped', expect.stringMatching(reason)]]);
  });

  it('an Application on hold is not updated by its own strategy either', async () => {
    const { prodRow, registry } = await plan({ 'web-dev': { tag: '1.0.0', annotations: { [`${P}hold`]: 'true' } } });
    expect(prodRow('web-dev')).toEqual([['skipped', expect.stringMatching(/^on hold/)]]);
    expect(registry.calls.listTags).toBe(0);
  });

  it('allow-downgrade lets the source\'s older tag through', async () => {
    const { prodRow } = await plan({ 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.2.0') }, { allowDowngrade: true });
    expect(prodRow('web-prod')).toEqual([['update', '1.2.0', '1.1.0', D1, 'from web-staging/web']]);
  });
});

describe('promote-from: digests', () => {
  it('writes the digest the source pins, as-is', async () => {
    const { prodRow, result } = await plan({ 'web-staging': { tag: '1.1.0', digest: D1 }, 'web-prod': prod('1.0.0') });
    expect(prodRow('web-prod')).toEqual([['update', '1.0.0', '1.1.0', D1, 'from web-staging/web']]);
    expect(result.changes.find((c) => c.path === 'envs/web-prod/kustomization.yaml')?.after).toBe(kustomization({ tag: '1.1.0', digest: D1 }));
  });

  it('with pin-digest, writes the digest the registry confirms when the source pins none', async () => {
    const { prodRow, result } = await plan({ 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.0.0', { annotations: { [`${P}web.pin-digest`]: 'true' } }) });
    expect(prodRow('web-prod')).toEqual([['update', '1.0.0', '1.1.0', D1, 'from web-staging/web']]);
    expect(result.changes.find((c) => c.path === 'envs/web-prod/kustomization.yaml')?.after).toBe(kustomization({ tag: '1.1.0', digest: D1 }));
  });

  it('a target at the tag but missing the digest the source pins is an update (the digest is the change)', async () => {
    const { prodRow } = await plan({ 'web-staging': { tag: '1.1.0', digest: D1 }, 'web-prod': prod('1.1.0') });
    expect(prodRow('web-prod')).toEqual([['update', '1.1.0', '1.1.0', D1, 'from web-staging/web']]);
  });

  it('refuses a tag whose registry digest differs from the one the source pins, naming both', async () => {
    const { prodRow, result } = await plan({ 'web-staging': { tag: '1.1.0', digest: D2 }, 'web-prod': prod('1.0.0') });
    expect(prodRow('web-prod')).toEqual([['error', expect.stringContaining(`web-staging/web runs it as ${D2}, but the registry now has ${D1} under that tag (the tag moved)`), 'apps/web-prod.yaml', expect.any(Number)]]);
    expect(result.changes.filter((c) => c.path.includes('web-prod'))).toEqual([]);
  });

  it('refuses a tag the registry lacks', async () => {
    const { prodRow } = await plan({ 'web-staging': { tag: '9.9.9' }, 'web-prod': prod('1.0.0') }, { applications: ['web-prod'] });
    expect(prodRow('web-prod')).toEqual([['error', expect.stringContaining('r.example/team/web:9.9.9, which web-staging/web runs, does not exist in the registry'), 'apps/web-prod.yaml', expect.any(Number)]]);
  });
});

describe('promote-from: bad input', () => {
  const cases: Array<[string, Record<string, Env>, string, RegExp]> = [
    // staging is misspelt.
    ['an unknown Application', { 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.0.0', { annotations: { [`${P}web.promote-from`]: 'web-stagign' } }) }, 'web-prod', /promote-from "web-stagign": no Application of this repository has that name \(Applications with images: web-dev, web-prod, web-staging\)/],
    // staging has no image aliased api.
    ['an unknown alias', { 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.0.0', { annotations: { [`${P}web.promote-from`]: 'web-staging/api' } }) }, 'web-prod', /promote-from "web-staging\/api": Application web-staging has no image "api" \(its images: web\)/],
    // Each names the other.
    ['a cycle', { 'web-staging': prod('1.1.0', { annotations: { [`${P}web.promote-from`]: 'web-prod' } }), 'web-prod': prod('1.0.0') }, 'web-prod', /promote-from forms a cycle: web-prod\/web -> web-staging\/web -> web-prod\/web/],
    // staging runs another repository.
    ['a source with another image repository', { 'web-staging': { tag: '1.1.0', image: 'r.example/team/api' }, 'web-prod': prod('1.0.0') }, 'web-prod', /web-staging\/web runs r\.example\/team\/api, not r\.example\/team\/web/],
  ];
  it.each(cases)('%s is one error on the Application naming the annotation and its line; others go on', async (_name, envs, app, message) => {
    const { result } = await plan({ ...envs, 'web-dev': { tag: '1.0.0' } });
    const errors = result.report.errors.filter((e) => e.application === app);
    expect(errors).toEqual([{ application: app, alias: 'web', message: expect.stringMatching(message), file: `apps/${app}.yaml`, line: expect.any(Number) }]);
    expect(errors[0].message).toMatch(/image-promoter\.argoproj\.io\/web\.promote-from/);
    expect(result.report.updates.map((u) => u.application)).toContain('web-dev');
  });
});

// Commit dates are fixed; "now" is the history's own clock.
const NOW = new Date('2026-11-28T12:00:00Z');
const hoursAgo = (h: number) => new Date(NOW.getTime() - h * 3600_000);

function stagingHistory(versions: Array<{ tag: string; hours: number; checks?: CheckState[] }>, complete = true) {
  const requests: string[] = [];
  const access: PromotionAccess = {
    history: async (path, { withChecks }) => {
      requests.push(`${withChecks}`);
      requests.push(path);
      const list: FileVersion[] = versions.map((v, i) => ({ sha: `${i}`.repeat(40), date: hoursAgo(v.hours), url: `https://github.com/acme/gitops/commit/${`${i}`.repeat(40)}`, text: kustomization({ tag: v.tag }), ...(v.checks && withChecks ? { checks: v.checks } : {}) }));
      return { versions: list, complete, now: NOW };
    },
  };
  return { access, requests };
}

describe('promote-after: soak, measured from the commit that put the tag there', () => {
  // Newest first: the tag came in 30 h ago; a later commit (2 h ago) changed something else in the file.
  const history = [{ tag: '1.1.0', hours: 2 }, { tag: '1.1.0', hours: 30 }, { tag: '1.0.0', hours: 50 }];
  const cases: Array<[string, string, unknown]> = [
    ['24h: soaked', '24h', ['update', '1.0.0', '1.1.0', D1, 'in web-staging/web since 2026-11-27T06:00:00Z ([1111111](https://github.com/acme/gitops/commit/1111111111111111111111111111111111111111)), soaked 30 h']],
    ['30h: exactly on the boundary counts as soaked', '30h', ['update', '1.0.0', '1.1.0', D1, expect.stringMatching(/soaked 30 h$/)]],
    ['30h1s: one second short', '30h1s', ['skipped', expect.stringMatching(/^1\.1\.0 is in web-staging\/web since 2026-11-27T06:00:00Z .*soaked 30 h; promote-after 30h1s waits 1 s more$/)]],
    ['48h: 18 h left', '48h', ['skipped', expect.stringMatching(/promote-after 48h waits 18 h more$/)]],
    ['0: no wait, but the note', '0', ['update', '1.0.0', '1.1.0', D1, expect.stringMatching(/^in web-staging\/web since .*soaked 30 h$/)]],
  ];
  it.each(cases)('%s', async (_name, after, expected) => {
    const { access, requests } = stagingHistory(history);
    const { prodRow } = await plan({ 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.0.0', { annotations: { [`${P}web.promote-after`]: after } }) }, { access });
    expect(prodRow('web-prod')).toEqual([expected]);
    expect(requests).toEqual(['false', 'envs/web-staging/kustomization.yaml']);
  });

  it('a history cut before the tag changed says "at least"', async () => {
    const { access } = stagingHistory([{ tag: '1.1.0', hours: 2 }, { tag: '1.1.0', hours: 30 }], false);
    const { prodRow } = await plan({ 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.0.0', { annotations: { [`${P}web.promote-after`]: '24h' } }) }, { access });
    expect(prodRow('web-prod')).toEqual([['update', '1.0.0', '1.1.0', D1, expect.stringMatching(/since at least 2026-11-27T06:00:00Z/)]]);
  });

  it('a tag no commit holds yet (a dirty working tree) is not promoted', async () => {
    const { access } = stagingHistory([{ tag: '1.0.0', hours: 50 }]);
    const { prodRow } = await plan({ 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.0.0', { annotations: { [`${P}web.promote-after`]: '1h' } }) }, { access });
    expect(prodRow('web-prod')).toEqual([['skipped', 'web-staging/web runs 1.1.0 in envs/web-staging/kustomization.yaml, but no commit holds it yet; commit it first']]);
  });

  it('without a history reader, soak is skipped with the reason', async () => {
    const { prodRow } = await plan({ 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.0.0', { annotations: { [`${P}web.promote-after`]: '1h' } }) });
    expect(prodRow('web-prod')).toEqual([['skipped', expect.stringMatching(/^promote-after needs the history of web-staging\/web's file/)]]);
  });

  it('reads each source file once however many images promote from it', async () => {
    const { access, requests } = stagingHistory(history);
    const after = { [`${P}web.promote-after`]: '1h' };
    await plan({ 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.0.0', { annotations: after }), 'web-prod-eu': prod('1.0.0', { annotations: after }) }, { access });
    expect(requests).toEqual(['false', 'envs/web-staging/kustomization.yaml']);
  });
});

describe('promote-gates: the checks of the commit that introduced the tag', () => {
  const ok = (name: string): CheckState => ({ name, state: 'success' });
  const cases: Array<[string, string, CheckState[], unknown]> = [
    ['all passed', 'checks', [ok('smoke'), ok('ci/build')], 'update'],
    ['one failed', 'checks', [ok('ci/build'), { name: 'smoke', state: 'failure' }], /^1\.1\.0 is in web-staging\/web since .*, but on commit 1111111 check smoke is failure \(image-promoter\.argoproj\.io\/web\.promote-gates\)$/],
    ['still running', 'checks', [{ name: 'smoke', state: 'pending' }], /check smoke is pending/],
    ['none reported', 'checks', [], /no check or status is reported on commit 1111111/],
    ['the named one passed, another failed', 'checks:smoke', [ok('smoke'), { name: 'lint', state: 'failure' }], 'update'],
    ['the named one is missing', 'checks:smoke,e2e', [ok('smoke')], /check e2e is not reported/],
    ['neutral and skipped pass', 'checks', [{ name: 'a', state: 'neutral' }, { name: 'b', state: 'skipped' }], 'update'],
  ];
  it('a history without checks (a checkout without GitHub access) skips gated images with the reason', async () => {
    const { access } = stagingHistory([{ tag: '1.1.0', hours: 30 }, { tag: '1.0.0', hours: 50 }]);
    const { prodRow } = await plan({ 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.0.0', { annotations: { [`${P}web.promote-gates`]: 'checks' } }) }, { access });
    expect(prodRow('web-prod')).toEqual([['skipped', "promote-gates needs the checks of web-staging/web's commit 0000000, and a checkout has none: give the run a repository and token (CLI: --repository and GITHUB_TOKEN) to read them from GitHub"]]);
  });

  it.each(cases)('%s', async (_name, gates, checks, expected) => {
    // The checks are on the commit that put 1.1.0 there (30 h ago), not on the newest one.
    const { access } = stagingHistory([{ tag: '1.1.0', hours: 2, checks: [{ name: 'smoke', state: 'failure' }] }, { tag: '1.1.0', hours: 30, checks }, { tag: '1.0.0', hours: 50 }]);
    const { prodRow } = await plan({ 'web-staging': { tag: '1.1.0' }, 'web-prod': prod('1.0.0', { annotations: { [`${P}web.promote-gates`]: gates } }) }, { access });
    const row = prodRow('web-prod')[0];
    if (expected === 'update') expect(row.slice(0, 3)).toEqual(['update', '1.0.0', '1.1.0']);
    else expect(row).toEqual(['skipped', expect.stringMatching(expected as RegExp)]);
  });
});
