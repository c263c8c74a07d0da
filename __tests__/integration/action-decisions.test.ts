/**
 * People's decisions stand: node dist/index.js against the fake GitHub while a person acts through the same
 * API between runs. A closed pull request is a decline (its branch is never pushed again, the same change is
 * not proposed again, a newer tag opens a new pull request without auto-merge until a person re-enables it),
 * and commits a person pushed onto our branch are never force-pushed over.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { hasDockerRegistry } from '../../test-support/docker-registry.js';
import { person, type Person } from '../../test-support/fake-github/person.js';
import { useFakeGitHubFixture } from './fake-github-fixture.js';

const PROD = 'apps/web/overlays/prod/kustomization.yaml';
const json = (text: string | undefined) => JSON.parse(text ?? 'null');

describe.skipIf(!hasDockerRegistry())("people's decisions stand", () => {
  const peers = useFakeGitHubFixture();
  let alice: Person;
  beforeAll(() => {
    alice = person(peers.github);
  });

  const run = () => peers.run({ mode: 'auto-merge', applications: 'web-prod' });
  const pull = (n: number) => peers.github.repo.pulls.find((p) => p.number === n)!;
  const newTag = (branch: string) => /newTag: (\S+)/.exec(peers.github.repo.files(branch).get(PROD) ?? '')?.[1];

  it('a declined pull request: its branch is not pushed, the same change is not proposed again', async () => {
    const { github } = peers;
    const first = await run();
    expect(first.code).toBe(0);
    const [opened] = json(first.outputs['pull-requests']);
    expect(opened).toMatchObject({ operation: 'created', branch: 'image-promoter/web-prod', autoMerge: 'enabled' });
    await alice.closePull(opened.number);
    const head = github.repo.refs.get('heads/image-promoter/web-prod');

    const second = await run();
    expect(second.code).toBe(0);
    expect(json(second.outputs['pull-requests'])).toEqual([]);
    expect(github.repo.openPulls()).toEqual([]);
    expect(github.repo.refs.get('heads/image-promoter/web-prod')).toBe(head);
    expect(json(second.outputs.updates)).toEqual([]);
    expect(second.outputs['has-updates']).toBe('false');
    const reason = `web-prod: a person closed ${opened.url} without merging it; the same change is not proposed again (a newer tag opens a new pull request)`;
    expect(json(second.outputs.skipped)).toContainEqual({ application: 'web-prod', alias: 'web', reason });
    expect(second.summary).toContain(reason);
    // The person can still change their mind: the branch was never force-pushed, so GitHub reopens it.
    expect(await alice.reopenPull(opened.number)).toEqual({ status: 200 });
    await alice.closePull(opened.number);
    expect(github.violations).toEqual([]);
  });

  it('a newer tag opens a new pull request that links the declined one and does not arm auto-merge', async () => {
    const { github, fixture } = peers;
    await fixture.registry.pushImage('team/web', '1.4.0', { created: '2024-05-01T00:00:00Z' });
    const head = github.repo.refs.get('heads/image-promoter/web-prod');
    const result = await run();
    expect(result.code).toBe(0);
    const [opened] = json(result.outputs['pull-requests']);
    expect(opened).toMatchObject({ operation: 'created', branch: 'image-promoter/web-prod@1', autoMerge: 'not-enabled' });
    expect(opened.autoMergeReason).toContain('add the label `image-promoter:auto-merge`');
    expect(pull(opened.number).body).toContain('without merging it: [#1](https://github.example/acme/gitops/pull/1)');
    expect(pull(opened.number).autoMerge).toBeNull();
    expect(newTag('image-promoter/web-prod@1')).toBe('1.4.0');
    expect(github.repo.refs.get('heads/image-promoter/web-prod')).toBe(head);
    expect(github.violations).toEqual([]);
  });

  it('a person re-enables auto-merge with the label; the next update arms it', async () => {
    const { github, fixture } = peers;
    const number = github.repo.openPulls()[0]!.number;
    await alice.addLabel(number, 'image-promoter:auto-merge');
    await fixture.registry.pushImage('team/web', '1.5.0', { created: '2024-06-01T00:00:00Z' });
    const result = await run();
    expect(json(result.outputs['pull-requests'])).toEqual([expect.objectContaining({ number, operation: 'updated', autoMerge: 'enabled' })]);
    expect(pull(number).autoMerge).not.toBeNull();
    expect(newTag('image-promoter/web-prod@1')).toBe('1.5.0');
  });

  it("a person's commit that leaves our file alone is kept: the newer tag goes on top of it, never force-pushed", async () => {
    const { github, fixture } = peers;
    const number = github.repo.openPulls()[0]!.number;
    const branch = 'image-promoter/web-prod@1';
    const theirs = await alice.pushFiles(branch, { 'apps/web/overlays/prod/NOTES.md': 'hold until Monday\n' }, 'Hold the rollout');
    await fixture.registry.pushImage('team/web', '1.6.0', { created: '2024-07-01T00:00:00Z' });
    const result = await run();
    expect(result.code).toBe(0);
    expect(json(result.outputs['pull-requests'])).toEqual([expect.objectContaining({ number, operation: 'updated' })]);
    expect(result.summary).toContain(`#${number}: people's commits on ${branch} (changing apps/web/overlays/prod/NOTES.md) are kept: this change was added on top of them`);
    const head = github.repo.refs.get(`heads/${branch}`)!;
    expect(github.repo.git.commits.get(head)!.parents).toEqual([theirs]);
    expect(github.repo.files(branch).get('apps/web/overlays/prod/NOTES.md')).toBe('hold until Monday\n');
    expect(newTag(branch)).toBe('1.6.0');
    expect(pull(number).comments.filter((c) => c.includes('did not write'))).toEqual([]);

    // Main moves and requires up-to-date branches: a rebuild would drop Alice's commit, so the pull request stays behind.
    github.repo.commitFiles('main', { 'README.md': 'main moves on\n' }, 'unrelated change');
    github.repo.settings.requireUpToDate.push('main');
    const again = await run();
    expect(json(again.outputs['pull-requests'])).toEqual([expect.objectContaining({ number, operation: 'unchanged', behind: true })]);
    expect(github.repo.refs.get(`heads/${branch}`)).toBe(head);
    github.repo.settings.requireUpToDate.pop();
    expect(github.violations).toEqual([]);
  });

  it("a person's commit that edits our file is never force-pushed over: left alone, commented once naming the file, warned", async () => {
    const { github, fixture } = peers;
    const number = github.repo.openPulls()[0]!.number;
    const branch = 'image-promoter/web-prod@1';
    const edited = github.repo.files(branch).get(PROD)!.replace('newTag: 1.6.0', 'newTag: 1.6.0 # pinned by Alice');
    const theirs = await alice.pushFiles(branch, { [PROD]: edited }, 'Pin the rollout');
    await fixture.registry.pushImage('team/web', '1.7.0', { created: '2024-08-01T00:00:00Z' });
    for (let i = 0; i < 2; i++) {
      const result = await run();
      expect(result.code).toBe(0);
      expect(json(result.outputs['pull-requests'])).toEqual([expect.objectContaining({ number, operation: 'unchanged', reason: 'the branch has commits argocd-image-promoter did not write' })]);
      expect(json(result.outputs.warnings).map((w: { message: string }) => w.message)).toContainEqual(
        `web-prod: someone pushed commits to ${branch} that argocd-image-promoter did not write; it leaves https://github.example/acme/gitops/pull/${number} alone and does not force-push (they change ${PROD}, which this update edits too; merge or close it to go on)`,
      );
    }
    expect(github.repo.refs.get(`heads/${branch}`)).toBe(theirs);
    expect(github.repo.files(branch).get(PROD)).toBe(edited);
    const comments = pull(number).comments.filter((c) => c.includes('did not write'));
    expect(comments).toHaveLength(1);
    expect(comments[0]).toContain(`and change \`${PROD}\`, which the newer images edit too`);
    expect(github.violations).toEqual([]);
  });
});

describe.skipIf(!hasDockerRegistry())('pull requests whose key no longer exists are closed as superseded', () => {
  const peers = useFakeGitHubFixture();
  const run = (extra: Record<string, string> = {}) => peers.run({ mode: 'pull-request', ...extra });

  it('after a regroup, a full run closes the per-Application pull requests with a link to the group one; a filtered run does not', async () => {
    const { github } = peers;
    const first = await run();
    expect(first.code).toBe(0);
    const before = github.repo.openPulls().map((p) => p.number).sort();
    expect(before).toHaveLength(4);

    const filtered = await run({ group: 'everything', applications: 'api' });
    expect(filtered.code).toBe(0);
    expect(github.repo.openPulls().filter((p) => before.includes(p.number))).toHaveLength(4);

    const full = await run({ group: 'everything' });
    expect(full.code).toBe(0);
    const pulls = json(full.outputs['pull-requests']);
    const grouped = pulls.find((p: { branch: string }) => p.branch === 'image-promoter/group+everything');
    expect(grouped.applications.sort()).toEqual(['api', 'web-dev', 'web-prod', 'worker']);
    expect(pulls.filter((p: { operation: string }) => p.operation === 'closed').map((p: { number: number }) => p.number).sort()).toEqual(before);
    for (const n of before) {
      const pull = github.repo.pulls.find((p) => p.number === n)!;
      expect(pull.state).toBe('closed');
      expect(pull.comments).toEqual([`Superseded by [#${grouped.number}](${grouped.url}): its Applications are now published from \`image-promoter/group+everything\` (regrouped or renamed).`]);
    }
    expect(github.repo.openPulls().map((p) => p.number)).toEqual([grouped.number]);
    expect(github.violations).toEqual([]);
  }, 120_000);
});
