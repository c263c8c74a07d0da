/**
 * Failures are isolated and always reported: node dist/index.js against the fake GitHub, where the
 * repository refuses one kind of publish. The other groups go on, outputs and the job summary say
 * what landed and what did not (and why, with the fix), and the step fails.
 */
import { describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { useFakeGitHubFixture } from './fake-github-fixture.js';

const PROD = 'apps/web/overlays/prod/kustomization.yaml';
const DEV = 'apps/web/overlays/dev/.argocd-source-web-dev.yaml';

describe.skipIf(!hasDockerRegistry())('the action when publishing partly fails', () => {
  const peers = useFakeGitHubFixture({ perTest: true });
  const run = () => peers.run();
  const json = (text: string | undefined) => JSON.parse(text ?? 'null');

  it('a ruleset refusing direct pushes fails web-dev only: the pull requests still open, outputs and summary are written, the step fails', async () => {
    const { github } = peers;
    github.repo.settings.rulesets.push({ name: 'protect main', branches: ['main'], rules: ['pull_request'] });
    const main = github.repo.refs.get('heads/main');
    const result = await run();
    expect(result.code).toBe(1);
    expect(github.repo.refs.get('heads/main')).toBe(main);
    const errors = json(result.outputs.errors).filter((e: { stage?: string }) => e.stage === 'publish');
    expect(errors).toEqual([expect.objectContaining({ application: 'web-dev', stage: 'publish' })]);
    expect(errors[0].message).toMatch(/rule: Changes must be made through a pull request\.\): use `mode: pull-request`/);
    expect(json(result.outputs['pull-requests']).map((p: { operation: string }) => p.operation)).toEqual(['created', 'created', 'created']);
    expect(github.repo.openPulls()).toHaveLength(3);
    expect(json(result.outputs.updates).map((u: { application: string }) => u.application)).not.toContain('web-dev');
    expect(json(result.outputs.updates).map((u: { application: string }) => u.application)).toContain('web-prod');
    expect(result.outputs['commit-sha']).toBe('');
    expect(result.summary).toMatch(/\| web-dev \| - \| not published: .*Repository rule violations found/);
    expect(result.summary).toMatch(/\[#1\]\(https:\/\/github\.example\/acme\/gitops\/pull\/1\)/);
    expect(result.stdout).toContain('::error::argocd-image-promoter: the changes of web-dev could not be published');
    expect(result.stdout).not.toContain('argocd-image-promoter: argocd-image-promoter:');
    expect(github.violations).toEqual([]);
  });

  it('"Actions may not create pull requests": the commit to main still lands and commit-sha is reported; the PR Applications fail with the setting to change', async () => {
    const { github } = peers;
    github.repo.settings.actionsMayCreatePulls = false;
    const result = await run();
    expect(result.code).toBe(1);
    const main = github.repo.refs.get('heads/main')!;
    expect(github.repo.files('main').get(DEV)).toContain('def5678');
    expect(result.outputs['commit-sha']).toBe(main);
    expect(result.summary).toContain(`Commit: \`${main}\``);
    const failed = json(result.outputs.errors).filter((e: { stage?: string }) => e.stage === 'publish');
    expect(failed.map((e: { application: string }) => e.application).sort()).toEqual(['api', 'web-prod', 'worker']);
    for (const e of failed) expect(e.message).toMatch(/not the workflow permissions: enable Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests"/);
    expect(json(result.outputs.updates).map((u: { application: string }) => u.application)).toEqual(['web-dev']);
    expect(result.outputs['has-updates']).toBe('true');
    expect(github.repo.openPulls()).toEqual([]);
    expect(github.violations).toEqual([]);
  });

  it('an exhausted secondary rate limit on one pull request is said with its reset time; the others go on', async () => {
    const { github } = peers;
    const limited = { status: 403, body: { message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.' }, headers: { 'retry-after': '1' }, assumed: true };
    github.inject({ operation: 'pulls/create', reply: limited, times: 3 });
    const result = await run();
    expect(result.code).toBe(1);
    const failed = json(result.outputs.errors).filter((e: { stage?: string }) => e.stage === 'publish');
    expect(failed).toHaveLength(1);
    expect(failed[0].message).toMatch(/secondary rate limit was still exhausted after waiting and retrying; it resets at \d{4}-\d\d-\d\dT/);
    expect(result.stdout).toMatch(/GitHub secondary rate limit on POST \/repos\/\{owner\}\/\{repo\}\/pulls; waiting 1s before retry 1/);
    expect(result.stdout).toMatch(/giving up after 2 retries/);
    // The retries really happen (the test-only variable removes only the waiting): 3 tries of the limited one, 1 each for the others.
    expect(github.count('pulls/create')).toBe(5);
    expect(github.repo.openPulls()).toHaveLength(2);
    expect(github.repo.files('main').get(DEV)).toContain('def5678');
    expect(github.violations).toEqual([]);
  });

  it('a 404 on the manifests repository says the token cannot see it, and still writes the outputs and the summary', async () => {
    const { github } = peers;
    github.inject({ operation: 'repos/get', reply: { status: 404, body: { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' } } });
    const result = await run();
    expect(result.code).toBe(1);
    const [error] = json(result.outputs.errors);
    expect(error.message).toMatch(/token cannot see acme\/gitops .*for another repository \(S1\) pass a GitHub App token or a PAT/);
    expect(result.outputs['has-updates']).toBe('false');
    expect(result.outputs['pull-requests']).toBe('[]');
    expect(result.summary).toContain('token cannot see acme/gitops');
    expect(result.stdout).not.toContain('argocd-image-promoter: argocd-image-promoter:');
    expect(github.repo.files('main').get(PROD)).toContain('newTag: 1.0.0');
  });
});
