/**
 * Visible state: node dist/index.js against the fake GitHub. Outputs and the job summary say per pull
 * request which Applications it carries and whether auto-merge is armed (or why not); a scheduled run
 * with nothing new does not look like news (has-updates false, updates marked pending); a dry run says so.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { expectRebuiltOnBase, useFakeGitHubFixture } from './fake-github-fixture.js';

describe.skipIf(!hasDockerRegistry())('the action shows what state its pull requests are in', () => {
  const peers = useFakeGitHubFixture();
  beforeAll(() => {
    peers.github.repo.settings.allowAutoMerge = false;
  });

  const run = (extra: Record<string, string> = {}) => peers.run({ mode: 'auto-merge', ...extra });
  const json = (text: string | undefined) => JSON.parse(text ?? 'null');

  it('a dry run says so in the summary and touches nothing', async () => {
    const { github } = peers;
    const result = await run({ 'dry-run': 'true' });
    expect(result.code).toBe(0);
    expect(result.summary).toContain('> **Dry run**: nothing was committed, pushed or opened');
    expect(github.repo.pulls).toEqual([]);
  });

  it('each pull request lists its Applications and why auto-merge is not armed', async () => {
    const { github } = peers;
    const result = await run();
    expect(result.code).toBe(0);
    const pulls = json(result.outputs['pull-requests']);
    // mode auto-merge is set and stricter than web-dev's `publish-mode: commit`: web-dev gets a pull request too, and the warnings say why.
    expect(pulls.map((p: { applications: string[] }) => p.applications).flat().sort()).toEqual(['api', 'web-dev', 'web-prod', 'worker']);
    expect(github.repo.files('main').get('apps/web/overlays/dev/.argocd-source-web-dev.yaml')).toBeUndefined();
    expect(json(result.outputs.warnings).map((w: { message: string }) => w.message)).toContain('web-dev: publish-mode annotation says commit, but this run was asked for mode auto-merge, which is stricter; its changes are published as auto-merge');
    for (const p of pulls) expect(p).toMatchObject({ operation: 'created', autoMerge: 'not-enabled', autoMergeReason: expect.stringMatching(/auto-merge is not allowed in this repository/) });
    expect(result.outputs['has-updates']).toBe('true');
    const webProd = pulls.find((p: { applications: string[] }) => p.applications.includes('web-prod'));
    expect(result.summary).toContain(`| [#${webProd.number}](${webProd.url}) | web-prod | created | not armed: auto-merge is not allowed in this repository (Settings → General → Allow auto-merge) |`);
    expect(result.summary).toMatch(/### Warnings\n\n(- .*\n)*- #\d+: auto-merge is not allowed/);
    expect(github.violations).toEqual([]);
  });

  it('a second run with nothing new is not news: has-updates false, updates pending in their pull requests', async () => {
    const { github } = peers;
    const result = await run();
    expect(result.code).toBe(0);
    expect(result.outputs['has-updates']).toBe('false');
    const updates = json(result.outputs.updates);
    expect(updates.map((u: { application: string }) => u.application).sort()).toEqual(['api', 'web-dev', 'web-prod', 'worker']);
    for (const u of updates) expect(u).toMatchObject({ pending: true, pullRequest: expect.any(Number) });
    expect(json(result.outputs['pull-requests']).map((p: { operation: string }) => p.operation)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged']);
    expect(result.summary).toContain('4 to update (4 already pending in open pull requests)');
    expect(result.summary).toMatch(/\| auto-merge \(#\d+, already pending\) \|/);
    expect(github.violations).toEqual([]);
  });

  it('when main moves on, an unchanged pull request is reported behind; on a base that requires up-to-date branches it is rebuilt on the new main', async () => {
    const { github } = peers;
    const tip = github.repo.commitFiles('main', { 'README.md': 'a person edits main\n' }, 'unrelated change');
    const behind = await run({ applications: 'web-prod' });
    expect(behind.code).toBe(0);
    const [pull] = json(behind.outputs['pull-requests']);
    expect(pull).toMatchObject({ operation: 'unchanged', behind: true, applications: ['web-prod'] });
    expect(behind.summary).toContain(`| [#${pull.number}](${pull.url}) | web-prod | unchanged (behind its base) |`);
    expect(behind.outputs['has-updates']).toBe('false');

    github.repo.settings.requireUpToDate.push('main');
    const rebuilt = await run({ applications: 'web-prod' });
    expect(rebuilt.code).toBe(0);
    expectRebuiltOnBase(github, rebuilt, pull, tip);
    expect(github.violations).toEqual([]);
  });
});
