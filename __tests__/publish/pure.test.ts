import { describe, expect, it } from 'vitest';
import { branchName, changeFingerprint } from '../../src/publish/branch-name.js';
import { commitMessage, renderTemplate, TemplateError } from '../../src/publish/commit-message.js';
import { capTitle, compareLink, fingerprintOf, githubRepoUrl, MAX_TITLE, pullRequestBody, pullRequestTitle } from '../../src/publish/pr-body.js';
import { fixFor, isAlreadyExists, isNotFastForward, rateLimitReset, toPublishError } from '../../src/publish/github-errors.js';
import { autoMergeRefusal } from '../../src/publish/automerge.js';
import { apiBaseUrl } from '../../src/publish/octokit.js';
import type { ImageChange } from '../../src/publish/types.js';

const change = (over: Partial<ImageChange> = {}): ImageChange => ({
  application: 'prod-web', alias: 'web', image: 'asia.gcr.io/acme/web', from: '1.0.0', to: '1.1.0', strategy: 'semver', file: 'apps/prod/kustomization.yaml', ...over,
});

describe('branchName', () => {
  const cases = [
    { key: 'prod-web', want: 'image-promoter/prod-web' },
    { key: 'argocd/prod web', want: 'image-promoter/argocd/prod-web' },
    { key: 'a..b:c~d^e?f*g[h\\i', want: 'image-promoter/a.b-c-d-e-f-g-h-i' },
    { key: '.hidden/x.lock', want: 'image-promoter/hidden/x-lock' },
    { key: 'trailing./', want: 'image-promoter/trailing' },
    { key: '@{x}', want: 'image-promoter/-x}' },
    { key: '   ', want: 'image-promoter/default' },
  ];
  it.each(cases)('$key -> $want', ({ key, want }) => expect(branchName(key)).toBe(want));

  it('shortens long keys deterministically with a hash', () => {
    const a = branchName('x'.repeat(300));
    expect(a.length).toBe('image-promoter/'.length + 200);
    expect(a).toBe(branchName('x'.repeat(300)));
    expect(a).not.toBe(branchName('x'.repeat(299)));
  });
});

describe('changeFingerprint', () => {
  const cases = [
    { name: 'order does not matter', a: [change(), change({ alias: 'api' })], b: [change({ alias: 'api' }), change()], same: true },
    { name: 'old tag does not matter', a: [change({ from: '0.9.0' })], b: [change()], same: true },
    { name: 'new tag matters', a: [change({ to: '1.2.0' })], b: [change()], same: false },
    { name: 'digest matters', a: [change({ digest: 'sha256:aa' })], b: [change()], same: false },
  ];
  it.each(cases)('$name', ({ a, b, same }) => expect(changeFingerprint(a) === changeFingerprint(b)).toBe(same));
});

describe('commit message template', () => {
  const data = { AppName: 'app', AppChanges: [{ Image: 'acme/web', OldTag: '1.0', NewTag: '1.1' }, { Image: 'acme/api', OldTag: '', NewTag: '2.0' }] };
  const cases = [
    { template: '{{.AppName}}', want: 'app' },
    { template: '{{ .AppName }}!', want: 'app!' },
    { template: '{{range .AppChanges}}[{{.Image}} {{.OldTag}}->{{.NewTag}}]{{end}}', want: '[acme/web 1.0->1.1][acme/api ->2.0]' },
    { template: 'a\n  {{- .AppName -}}  \nb', want: 'aappb' },
    { template: '{{.Missing}}x', want: 'x' },
  ];
  it.each(cases)('$template', ({ template, want }) => expect(renderTemplate(template, data)).toBe(want));

  const bad = ['{{range .AppChanges}}x', '{{end}}', '{{printf "%s" .AppName}}', '{{range .AppName}}{{end}}'];
  it.each(bad)('refuses %s', (template) => expect(() => renderTemplate(template, data)).toThrow(TemplateError));

  it('renders the updater default text', () => {
    expect(commitMessage([change(), change({ alias: 'api', image: 'docker.io/acme/api', from: null, to: '2.0.0' })])).toBe(
      "build: automatic update of prod-web\n\nupdates image acme/web tag '1.0.0' to '1.1.0'\nupdates image acme/api tag '' to '2.0.0'\n",
    );
  });

  it('copies of one Application in several files get one rendering each (issue 10), AppName stays the name', () => {
    const copies = [
      change({ application: 'web', label: 'web (argocd-apps/prod/web.yaml)' }),
      change({ application: 'web', label: 'web (argocd-apps/staging/web.yaml)', to: '1.2.0' }),
    ];
    expect(commitMessage(copies)).toBe(
      "build: automatic update of 2 applications\n\nbuild: automatic update of web\n\nupdates image acme/web tag '1.0.0' to '1.1.0'\n\nbuild: automatic update of web\n\nupdates image acme/web tag '1.0.0' to '1.2.0'\n",
    );
    expect(commitMessage(copies, '{{ .Labels "x" }}')).toContain('build: update of application web (argocd-apps/staging/web.yaml)');
  });

  it('writes the digest as NewTag for the digest strategy', () => {
    expect(commitMessage([change({ strategy: 'digest', from: 'sha256:old', to: 'latest', digest: 'sha256:new' })])).toContain("tag 'sha256:old' to 'sha256:new'");
  });

  it('falls back to the updater text when the template does not render', () => {
    expect(commitMessage([change()], '{{ .Labels "x" }}')).toBe('build: update of application prod-web\n');
  });
});

describe('PR title, body and compare links', () => {
  const links = [
    { name: 'source + revisions', c: change({ labels: { 'org.opencontainers.image.source': 'https://github.com/acme/web.git', 'org.opencontainers.image.revision': 'bbbbbbb' }, fromLabels: { 'org.opencontainers.image.revision': 'aaaaaaa' } }), want: 'https://github.com/acme/web/compare/aaaaaaa...bbbbbbb' },
    { name: 'source + new revision only', c: change({ labels: { 'org.opencontainers.image.source': 'git@github.com:acme/web', 'org.opencontainers.image.revision': 'bbbbbbb' } }), want: 'https://github.com/acme/web/commit/bbbbbbb' },
    { name: 'ghcr.io image with commit-SHA tags', c: change({ image: 'ghcr.io/acme/web', from: 'abc1234', to: 'def5678' }), want: 'https://github.com/acme/web/compare/abc1234...def5678' },
    { name: 'semver tags, no labels', c: change(), want: undefined },
    { name: 'source that is not GitHub', c: change({ labels: { 'org.opencontainers.image.source': 'https://gitlab.com/acme/web', 'org.opencontainers.image.revision': 'bbbbbbb' } }), want: undefined },
  ];
  it.each(links)('compareLink: $name', ({ c, want }) => expect(compareLink(c)).toBe(want));

  const urls = [
    { in: 'https://github.com/acme/web', want: 'https://github.com/acme/web' },
    { in: 'git+https://github.com/acme/web.git', want: 'https://github.com/acme/web' },
    { in: 'https://github.com.evil.example/acme/web', want: undefined },
  ];
  it.each(urls)('githubRepoUrl($in)', ({ in: input, want }) => expect(githubRepoUrl(input)).toBe(want));

  it('says what is deployed where and carries the fingerprint', () => {
    const changes = [change({ digest: 'sha256:0123456789abcdef0123' })];
    const body = pullRequestBody('prod-web', 'main', changes);
    expect(body).toContain('| prod-web | `asia.gcr.io/acme/web` (web) | `1.0.0` | `1.1.0` | `sha256:0123456789ab` | semver |  | `apps/prod/kustomization.yaml` |');
    expect(fingerprintOf(body)).toBe(changeFingerprint(changes));
    expect(fingerprintOf('no marker')).toBeUndefined();
  });

  it('copies of one Application (one folder per cluster) are named as the report names them, in the body and the title (issue 10)', () => {
    const copies = [
      change({ application: 'web', namespace: 'argocd', label: 'web (argocd-apps/prod/web.yaml)', file: 'envs/prod/kustomization.yaml' }),
      change({ application: 'web', namespace: 'argocd', label: 'web (argocd-apps/staging/web.yaml)', file: 'envs/staging/kustomization.yaml' }),
    ];
    const body = pullRequestBody('web', 'main', copies);
    expect(body).toContain('| web (argocd-apps/prod/web.yaml) | `asia.gcr.io/acme/web` (web) |');
    expect(body).toContain('| web (argocd-apps/staging/web.yaml) | `asia.gcr.io/acme/web` (web) |');
    expect(body).not.toContain('| argocd/web |');
    expect(pullRequestTitle('web', copies)).toBe('chore(deploy): update 2 images in 2 applications (web)');
    expect(pullRequestTitle('web', [copies[0]!])).toBe('chore(deploy): web (argocd-apps/prod/web.yaml): web 1.0.0 → 1.1.0');
    // A unique name keeps namespace/name.
    expect(pullRequestBody('web', 'main', [change({ application: 'web', namespace: 'argocd', label: 'web' })])).toContain('| argocd/web |');
  });

  it('names the ApplicationSet of a generated Application; the fingerprint does not depend on it', () => {
    const generated = [change({ applicationSet: 'dev-apps (argocd/dev-apps.yaml:3)' })];
    expect(pullRequestBody('prod-web', 'main', generated)).toContain('| prod-web (ApplicationSet dev-apps (argocd/dev-apps.yaml:3)) | `asia.gcr.io/acme/web` (web) |');
    expect(changeFingerprint(generated)).toBe(changeFingerprint([change()]));
  });

  const titles = [
    { changes: [change()], want: 'chore(deploy): prod-web: web 1.0.0 → 1.1.0' },
    { changes: [change(), change({ alias: 'api' })], want: 'chore(deploy): update 2 images of prod-web' },
    { changes: [change(), change({ application: 'prod-api' })], want: 'chore(deploy): update 2 images in 2 applications (prod)' },
  ];
  it.each(titles)('title: $want', ({ changes, want }) => expect(pullRequestTitle('prod', changes)).toBe(want));

  it('keeps bodies under GitHub\'s 65,536 characters, with the fingerprint, however many changes', () => {
    const many = Array.from({ length: 3000 }, (_, i) => change({ application: `app-${i}-${'x'.repeat(40)}`, file: `apps/${i}/${'y'.repeat(60)}/kustomization.yaml` }));
    const body = pullRequestBody('fleet', 'main', many);
    expect([...body].length).toBeLessThan(65_536);
    expect(body).toMatch(/\| … \d+ more \|/);
    expect(fingerprintOf(body)).toMatch(/^[0-9a-f]+$/);
  });

  it('caps titles at GitHub\'s 256 characters, keeping the start readable', () => {
    const tag = `1.0.0-${'x'.repeat(300)}`;
    const title = pullRequestTitle('prod', [{ application: 'web-prod', alias: 'web', image: 'ghcr.io/acme/web', from: '1.0.0', to: tag, strategy: 'semver', file: 'a.yaml' }]);
    expect([...title]).toHaveLength(MAX_TITLE);
    expect(title.startsWith('chore(deploy): web-prod: web 1.0.0 → 1.0.0-xxx')).toBe(true);
    expect(title.endsWith('…')).toBe(true);
    expect(capTitle('short')).toBe('short');
  });
});

describe('GitHub failures', () => {
  const fixes = [
    { f: { status: 403, message: 'Resource not accessible by integration' }, want: /permissions: contents: write/ },
    { f: { status: 403, message: 'Repository was archived so is read-only.' }, want: /Unarchive acme\/gitops/ },
    { f: { status: 422, message: 'Protected branch update failed for refs/heads/main.' }, want: /Branch main is protected/ },
    { f: { status: 401, message: 'Bad credentials' }, want: /`token` input/ },
    { f: { status: 404, message: 'Not Found' }, want: /token cannot see acme\/gitops .*for another repository \(S1\) pass a GitHub App token or a PAT/ },
    { f: { status: 403, message: 'GitHub Actions is not permitted to create or approve pull requests.' }, want: /repository \(or organisation\) setting, not the workflow permissions: .*"Allow GitHub Actions to create and approve pull requests"/ },
    { f: { status: 422, message: 'Repository rule violations found\n\nChanges must be made through a pull request.\n\n' }, want: /ruleset on main refused the push \(rule: Changes must be made through a pull request\.\): use `mode: pull-request`/ },
    { f: { status: 403, message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.', resetAt: '2026-01-01T00:01:00.000Z' }, want: /secondary rate limit was still exhausted after waiting and retrying; it resets at 2026-01-01T00:01:00.000Z/ },
    { f: { status: 403, message: 'API rate limit exceeded for installation ID 1.' }, want: /primary rate limit was still exhausted/ },
  ];
  it.each(fixes)('fix for $f.status $f.message', ({ f, want }) => expect(fixFor(f, 'acme/gitops', 'main')).toMatch(want));

  const kinds = [
    { e: { status: 422, message: 'Update is not a fast forward' }, ff: true, exists: false },
    { e: { status: 422, message: 'Reference already exists' }, ff: false, exists: true },
    { e: { status: 422, message: 'Validation Failed', response: { data: { errors: [{ message: 'A pull request already exists for acme:x.' }] } } }, ff: false, exists: true },
    { e: { status: 409, message: 'Update is not a fast forward' }, ff: false, exists: false },
  ];
  it.each(kinds)('classifies $e.status $e.message', ({ e, ff, exists }) => {
    expect(isNotFastForward(e)).toBe(ff);
    expect(isAlreadyExists(e)).toBe(exists);
  });

  it('no doubled prefix: messages do not start with the tool name (main adds it once)', () => {
    const error = toPublishError({ status: 422, message: 'Repository rule violations found\n\nCannot force-push to this branch\n\n' }, 'pushing branch x', 'acme/gitops', 'x');
    expect(error.message).toBe('pushing branch x in acme/gitops failed (HTTP 422: Repository rule violations found Cannot force-push to this branch).');
    expect(error.fix).toMatch(/rule: Cannot force-push to this branch/);
  });

  it('reads the reset time of a rate limit from retry-after, else x-ratelimit-reset', () => {
    expect(rateLimitReset({ 'retry-after': '60' }, Date.UTC(2026, 0, 1))).toBe('2026-01-01T00:01:00.000Z');
    expect(rateLimitReset({ 'x-ratelimit-reset': String(Date.UTC(2026, 0, 1, 1) / 1000) })).toBe('2026-01-01T01:00:00.000Z');
    expect(rateLimitReset({})).toBeUndefined();
  });

  it('wraps non-HTTP errors without a status', () => {
    const error = toPublishError(new Error('socket hang up'), 'creating a commit', 'acme/gitops');
    expect(error.message).toBe('creating a commit in acme/gitops failed: socket hang up');
    expect(error.status).toBeUndefined();
  });

  const refusals = [
    { m: 'Pull request Auto merge is not allowed for this repository', want: 'not-allowed' },
    { m: 'Pull request Pull request is in clean status', want: 'clean' },
    { m: 'Something else', want: 'other' },
  ];
  it.each(refusals)('autoMergeRefusal($m)', ({ m, want }) => expect(autoMergeRefusal(m)).toBe(want));

  const bases = [
    { env: {}, want: 'https://api.github.com' },
    { env: { GITHUB_API_URL: 'https://ghe.example.com/api/v3/' }, want: 'https://ghe.example.com/api/v3' },
  ];
  it.each(bases)('apiBaseUrl $env', ({ env, want }) => expect(apiBaseUrl(env)).toBe(want));
});
