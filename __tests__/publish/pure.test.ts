import { describe, expect, it } from 'vitest';
import { branchName, changeFingerprint } from '../../src/publish/branch-name.js';
import { commitMessage, renderTemplate, TemplateError } from '../../src/publish/commit-message.js';
import { compareLink, fingerprintOf, githubRepoUrl, pullRequestBody, pullRequestTitle } from '../../src/publish/pr-body.js';
import { fixFor, isAlreadyExists, isNotFastForward, toPublishError } from '../../src/publish/github-errors.js';
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

  const titles = [
    { changes: [change()], want: 'chore(deploy): prod-web: web 1.0.0 → 1.1.0' },
    { changes: [change(), change({ alias: 'api' })], want: 'chore(deploy): update 2 images of prod-web' },
    { changes: [change(), change({ application: 'prod-api' })], want: 'chore(deploy): update 2 images in 2 applications (prod)' },
  ];
  it.each(titles)('title: $want', ({ changes, want }) => expect(pullRequestTitle('prod', changes)).toBe(want));
});

describe('GitHub failures', () => {
  const fixes = [
    { f: { status: 403, message: 'Resource not accessible by integration' }, want: /permissions: contents: write/ },
    { f: { status: 403, message: 'Repository was archived so is read-only.' }, want: /Unarchive acme\/gitops/ },
    { f: { status: 422, message: 'Protected branch update failed for refs/heads/main.' }, want: /Branch main is protected/ },
    { f: { status: 401, message: 'Bad credentials' }, want: /`token` input/ },
    { f: { status: 404, message: 'Not Found' }, want: /exists and that the token can read it/ },
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

  it('wraps non-HTTP errors without a status', () => {
    const error = toPublishError(new Error('socket hang up'), 'creating a commit', 'acme/gitops');
    expect(error.message).toBe('argocd-image-promoter: creating a commit in acme/gitops failed: socket hang up');
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
