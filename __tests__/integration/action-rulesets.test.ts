/**
 * Up to date by ruleset (issue 9): a base branch whose ruleset requires status checks with "Require branches to be up
 * to date before merging" (strict_required_status_checks_policy), not classic branch protection. node dist/index.js
 * brings an unchanged pull request that fell behind such a base up to date: the same change rebuilt on its tip.
 */
import { describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { expectRebuiltOnBase, useFakeGitHubFixture } from './fake-github-fixture.js';

const json = (text: string | undefined) => JSON.parse(text ?? 'null');

describe.skipIf(!hasDockerRegistry())('a base whose ruleset requires up-to-date branches', () => {
  const peers = useFakeGitHubFixture();

  it('an unchanged pull request behind it is rebuilt on the current base; without the strict policy it is only reported behind', async () => {
    const github = peers.github;
    const run = () => peers.run({ mode: 'pull-request', applications: 'web-prod' });
    const first = await run();
    expect(first.code).toBe(0);
    const [pull] = json(first.outputs['pull-requests']);
    const tip = github.repo.commitFiles('main', { 'README.md': 'a person edits main\n' }, 'unrelated change');
    github.repo.settings.rulesets.push({ name: 'ci on main', branches: ['main'], rules: ['required_status_checks'], checks: ['build'], strict: false });

    const lenient = await run();
    expect(json(lenient.outputs['pull-requests'])).toEqual([expect.objectContaining({ number: pull.number, operation: 'unchanged', behind: true })]);

    github.repo.settings.rulesets[0]!.strict = true;
    const strict = await run();
    expect(strict.code).toBe(0);
    expectRebuiltOnBase(github, strict, pull, tip);
    expect(github.violations).toEqual([]);
  }, 120_000);
});
