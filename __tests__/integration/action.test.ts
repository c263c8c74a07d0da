/** End to end: node dist/index.js run the way the runner runs it (INPUT_* environment, GITHUB_OUTPUT, GITHUB_STEP_SUMMARY). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { EXPECTED_UPDATES, git, startFixture, type Fixture } from './fixture-repo.js';
import { runAction } from './run-action.js';

describe.skipIf(!hasDockerRegistry())('the action (node dist/index.js) end to end', () => {
  let fixture: Fixture;
  beforeAll(async () => {
    fixture = await startFixture();
  });
  afterAll(() => fixture?.cleanup());

  it('dry run: sets every output and the job summary, writes nothing', async () => {
    const result = await runAction(fixture, { path: fixture.repo, mode: 'files', 'dry-run': 'true', 'registries-config': fixture.registriesConf });
    expect(result.code).toBe(0); // one Application failed, the others went on: reported, not fatal
    const updates = JSON.parse(result.outputs.updates);
    // mode files set: every Application is written to the working tree, web-dev's `publish-mode: commit` included (README: Mode precedence).
    expect([...updates].sort((a, b) => a.application.localeCompare(b.application))).toMatchObject(EXPECTED_UPDATES.map((u) => ({ ...u, mode: 'files' })));
    expect(JSON.parse(result.outputs.errors)).toEqual([expect.objectContaining({ application: 'broken' })]);
    expect(JSON.parse(result.outputs.skipped)).toEqual([expect.objectContaining({ application: 'legacy' })]);
    expect(result.outputs['has-updates']).toBe('true');
    expect(JSON.parse(result.outputs.warnings)).toBeInstanceOf(Array); // issue 14 item 13
    expect(result.summary).toContain('| web-prod | web | `registry.example.test/team/web` | 1.0.0 | **1.2.0** | files |');
    expect(result.stdout).toMatch(/::error title=argocd-image-promoter%3A broken,file=argocd\/apps.yaml,line=\d+::argocd\/apps.yaml:\d+, Application broken: "~>1.x.y" is not a valid semver constraint/);
    expect(result.stdout).toMatch(/::warning title=argocd-image-promoter,file=argocd\/apps.yaml,line=\d+::worker: argocd-image-updater.argoproj.io\/worker.platform is not an argocd-image-updater key/);
    expect(git(fixture.repo, 'status', '--porcelain')).toBe('');
  });

  it('mode files writes the working tree', async () => {
    const result = await runAction(fixture, { path: fixture.repo, mode: 'files', 'registries-config': fixture.registriesConf, applications: 'web-prod, api' });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.outputs['files-changed']).sort()).toEqual(['apps/api/values.yaml', 'apps/web/overlays/prod/kustomization.yaml']);
    expect(git(fixture.repo, 'status', '--porcelain').split('\n').filter(Boolean).sort()).toEqual([
      ' M apps/api/values.yaml',
      ' M apps/web/overlays/prod/kustomization.yaml',
    ]);
  });

  it('a bad input fails the step with a message that names the input', async () => {
    const result = await runAction(fixture, { path: fixture.repo, 'dry-run': 'ture' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/::error::argocd-image-promoter: input 'dry-run' is "ture", which is not a boolean\. Set 'dry-run' to true or false\./);
  });
});
