import { describe, it, expect, beforeAll } from 'vitest';
import { discoverApplications, type DiscoverResult } from '../../src/discover/discover.js';
import { isKubernetesName } from '../../src/discover/application.js';
import { guessName } from '../../src/discover/yaml-docs.js';
import { configuredBy } from '../../src/report/configured-by.js';
import { memoryRepo, readLocalRepo } from '../../src/discover/local-repo.js';
import { AnnotationError, ConfigError, toUserMessage } from '../../src/errors.js';
import type { RepoFiles } from '../../src/resolve/types.js';

const FIXTURE = '__fixtures__/discover/repo';
const isThisRepo = (url: string) => /^https:\/\/github\.com\/acme\/gitops(\.git)?$/.test(url);

let files: RepoFiles;
let result: DiscoverResult;
beforeAll(async () => {
  files = await readLocalRepo(FIXTURE);
  result = discoverApplications(files, { isThisRepo });
});

describe('discoverApplications on the fixture repo', () => {
  it('finds the opted-in Applications, in file order', () => {
    expect(result.configs.map((c) => [c.app.name, c.origin.kind])).toEqual([
      ['web-dev', 'annotations'],
      ['multi', 'annotations'],
      ['web-prod', 'annotations'],
      ['survivor', 'annotations'],
      ['shop-api', 'ImageUpdater'],
      ['shop-web', 'ImageUpdater'],
      ['legacy-worker', 'annotations'],
    ]);
  });

  it('reads Application fields with lines', () => {
    const prod = result.configs.find((c) => c.app.name === 'web-prod')!;
    expect(prod.app).toMatchObject({
      namespace: 'argocd',
      file: 'apps/prod/stack.yaml',
      line: 3,
      sources: [
        {
          index: 0,
          repoURL: 'https://github.com/acme/gitops',
          path: 'apps/prod/web',
          targetRevision: 'HEAD',
          helm: { valueFiles: ['values.yaml'], parameters: [{ name: 'image.tag', value: '1.4.2', forceString: true }] },
        },
      ],
    });
    expect(prod.app.annotationLines['argocd-image-updater.argoproj.io/web.helm.image-tag']).toBe(10);
    expect(prod.images[0]).toMatchObject({ alias: 'web', constraint: '~1.4', helm: { name: 'image.repository', tag: 'image.tag' }, ignoreTags: ['latest'] });
    expect(prod.publish).toMatchObject({ mode: 'pull-request', reviewers: ['alice', 'bob'] });
  });

  it('keeps every source of a multi-source Application with its index', () => {
    const multi = result.configs.find((c) => c.app.name === 'multi')!;
    expect(multi.app.sources.map((s) => [s.index, s.repoURL, s.chart ?? s.ref])).toEqual([
      [0, 'https://charts.acme.dev', 'api'],
      [1, 'https://github.com/acme/gitops.git', 'values'],
    ]);
  });

  it('configures CR-selected apps from the most specific ref, settings merged field by field', () => {
    const api = result.configs.find((c) => c.app.name === 'shop-api')!;
    expect(api.origin).toEqual({ kind: 'ImageUpdater', name: 'shop', file: 'updaters/updater.yaml', line: 2 });
    expect(api.images).toEqual([
      expect.objectContaining({
        alias: 'api',
        strategy: 'digest',
        constraint: '~2.3',
        ignoreTags: [],
        forceUpdate: true,
        platforms: ['linux/arm64'],
        helm: { name: 'image.repository', tag: 'image.tag' },
      }),
    ]);
    expect(api.writeBack).toEqual({ method: 'git', target: 'kustomization', gitBranch: 'main' });
    expect(api.publish).toMatchObject({ mode: 'pull-request', labels: ['images'] });
    const web = result.configs.find((c) => c.app.name === 'shop-web')!;
    expect(web.images).toEqual([expect.objectContaining({ alias: 'web', allowTags: 'regexp:^v', ignoreTags: ['latest'], kustomizeImageName: 'web' })]);
    expect(web.warnings).toEqual(['its image-updater annotations are ignored: ImageUpdater shop selects it without useAnnotations.']);
  });

  it('reports skips with reasons', () => {
    expect(result.skipped).toEqual([
      { application: 'foreign', reason: expect.stringMatching(/elsewhere is not this repository; set git-repository/) },
      { application: 'live-patch', reason: expect.stringMatching(/write-back-method is argocd/) },
      { application: 'legacy-empty', reason: 'ImageUpdater shop selects it with useAnnotations, but it has no image-list annotation' },
    ]);
  });

  it('reports each broken document or Application once, with file and line', () => {
    const rows = result.failures.map((f) => [f.application, f.file, f.line, f.error.name]);
    expect(rows).toEqual([
      ['bomb', 'broken/alias-bomb.yaml', 2, 'ConfigError'],
      ['', 'broken/bad-yaml.yaml', 17, 'ConfigError'],
      ['unquoted', 'broken/wrong-types.yaml', 8, 'ConfigError'],
      ['no-repo', 'broken/wrong-types.yaml', 21, 'ConfigError'],
      ['unknown-alias', 'broken/unknown-alias.yaml', 8, 'AnnotationError'],
    ]);
  });

  const messages: { application: string; text: RegExp }[] = [
    { application: 'bomb', text: /resource exhaustion.*Use fewer YAML aliases/ },
    { application: '', text: /^broken\/bad-yaml.yaml:17: YAML does not parse: Flow sequence/ },
    { application: 'unquoted', text: /force-update must be a string \(quote it\)/ },
    { application: 'unknown-alias', text: /annotation argocd-image-updater.argoproj.io\/api.update-strategy: .*alias "api"/ },
  ];
  for (const m of messages) {
    it(`message for ${m.application || 'a nameless document'}`, () => {
      const failure = result.failures.find((f) => f.application === m.application)!;
      expect(toUserMessage(failure.error)).toMatch(m.text);
    });
  }
});

describe('discoverApplications options and edge cases', () => {
  it('filters by Application name globs', () => {
    const r = discoverApplications(files, { applications: ['web-*', 'shop-a?i'], isThisRepo });
    expect(r.configs.map((c) => c.app.name)).toEqual(['web-dev', 'web-prod', 'shop-api']);
    // Broken Applications outside the filter are not reported; broken nameless documents still are.
    expect(r.failures.map((f) => f.application)).toEqual(['']);
  });

  it('without isThisRepo no source check is made', () => {
    const r = discoverApplications(files, {});
    expect(r.configs.map((c) => c.app.name)).toContain('foreign');
  });

  it('a multi-source app whose only local source is a ref: source is kept', () => {
    expect(result.configs.some((c) => c.app.name === 'multi')).toBe(true);
  });

  it('git-repository decides alone', () => {
    const app = (repo: string) => `apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: a
  annotations:
    argocd-image-updater.argoproj.io/image-list: nginx
    argocd-image-updater.argoproj.io/git-repository: ${repo}
spec:
  source: {repoURL: https://charts.example.com, chart: a}
`;
    expect(discoverApplications(memoryRepo({ 'a.yaml': app('https://github.com/acme/gitops') }), { isThisRepo }).configs).toHaveLength(1);
    expect(discoverApplications(memoryRepo({ 'a.yaml': app('https://github.com/acme/other') }), { isThisRepo }).skipped).toEqual([
      { application: 'a', reason: 'git-repository https://github.com/acme/other is not this repository' },
    ]);
  });

  it('an Application without sources is a failure', () => {
    const r = discoverApplications(
      memoryRepo({ 'x.yml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: nosrc\n  annotations:\n    argocd-image-updater.argoproj.io/image-list: nginx\n' }),
    );
    expect(r.failures.map((f) => [f.application, f.line, f.error.message])).toEqual([['nosrc', 2, 'Application has no spec.source or spec.sources']]);
  });

  it('reads JSON-style and flow-style documents, reports a broken ApplicationSet (rendered since issue 11), skips files that declare no kind we read', () => {
    const r = discoverApplications(
      memoryRepo({
        'j.yaml': '{"apiVersion": "argoproj.io/v1alpha1", "kind": "Application", "metadata": {"name": "j", "annotations": {"argocd-image-updater.argoproj.io/image-list": "nginx"}}, "spec": {"source": {"repoURL": "r"}}}\n',
        'set.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata: {name: s}\nspec: {template: {metadata: {name: [broken\n',
        'values.yaml': 'image: {repository: x, tag: [oops\n',
      }),
    );
    expect([r.configs.map((c) => [c.app.name, c.app.line]), r.failures.map((f) => [f.file, f.line])]).toEqual([[['j', 1]], [['set.yaml', 5]]]);
  });

  it('an Application without image-list and without a CR is ignored, not reported', () => {
    const r = discoverApplications(memoryRepo({ 'x.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: {name: quiet}\nspec: {source: {repoURL: r}}\n' }));
    expect(r).toEqual({ configs: [], failures: [], skipped: [], generatedBy: {}, warnings: [] });
  });

  it('reports files the reader refused', () => {
    const r = discoverApplications(memoryRepo({}, [{ path: 'big.yaml', reason: 'it is 9 bytes, over the 5-byte limit for a YAML file' }]));
    expect(r.failures).toHaveLength(1);
    expect(r.failures[0].error).toBeInstanceOf(ConfigError);
    expect(toUserMessage(r.failures[0].error)).toBe('big.yaml: file not read: it is 9 bytes, over the 5-byte limit for a YAML file Split or shrink the file, or move it out of the repository.');
  });

  it('reports broken ImageUpdater CRs with the field and line, and does not apply them', async () => {
    const r = discoverApplications(await readLocalRepo('__fixtures__/discover/bad-cr'));
    expect(r.failures.map((f) => [f.application, f.line, (f.error as AnnotationError).annotation])).toEqual([
      ['ImageUpdater both-targets', 13, 'spec.applicationRefs[0].images[0].manifestTargets'],
      ['ImageUpdater bad-operator', 26, 'spec.applicationRefs[0].labelSelectors.matchExpressions[0].operator'],
    ]);
    expect(r.failures[0].error.message).toBe('ImageUpdater field spec.applicationRefs.0.images.0.manifestTargets must be exactly one of helm, kustomize or plugin');
  });
});

describe('isKubernetesName (issue 14 item 2)', () => {
  const cases: [string, boolean, boolean][] = [
    // name, valid as an Application name (DNS-1123 subdomain), valid as a namespace (DNS-1123 label)
    ['web-prod', true, true],
    ['web.prod', true, false],
    ['a', true, true],
    ['x/../../../apps/good', false, false],
    ['..', false, false],
    ['Web', false, false],
    ['-web', false, false],
    ['web-', false, false],
    ['web_prod', false, false],
    ['', false, false],
    ['a'.repeat(63), true, true],
    ['a'.repeat(64), true, false],
    ['a'.repeat(254), false, false],
  ];
  it.each(cases)('%s: name %s, namespace %s', (name, asName, asNamespace) => {
    expect([isKubernetesName(name), isKubernetesName(name, true)]).toEqual([asName, asNamespace]);
  });
});

describe('guessName: the name of a document that does not parse (issue 14 item 14)', () => {
  const cases: [string, string, string | undefined][] = [
    ['block metadata', 'kind: Application\nmetadata:\n  name: web\n  annotations: {}\nspec: [[[\n', 'web'],
    ['quoted, after labels', 'metadata:\n  labels:\n    name: not-this\n  name: "api" # here\n', 'api'],
    ['a nested name only', 'metadata:\n  labels:\n    name: nested\nspec: {}\n', undefined],
    ['flow metadata (not read)', 'metadata: {name: web}\n', undefined],
    ['no metadata', 'kind: Application\nspec: [\n', undefined],
  ];
  it.each(cases)('%s', (_, text, name) => {
    expect(guessName(text)).toBe(name);
  });
});

describe('configured by: the source of each Application configuration (issue 10, divergence 13)', () => {
  it('names annotations, or the ImageUpdater and its file:line', () => {
    expect(configuredBy(result.configs)).toEqual({
      'web-dev': 'annotations',
      multi: 'annotations',
      'web-prod': 'annotations',
      survivor: 'annotations',
      'shop-api': 'ImageUpdater shop (updaters/updater.yaml:2)',
      'shop-web': 'ImageUpdater shop (updaters/updater.yaml:2)',
      'legacy-worker': 'annotations (ImageUpdater shop useAnnotations, updaters/updater.yaml:2)',
    });
  });

  it('an ImageUpdater with useAnnotations is named beside the annotations it lets through', () => {
    const cr = 'apiVersion: argocd-image-updater.argoproj.io/v1alpha1\nkind: ImageUpdater\nmetadata:\n  name: team\nspec:\n  applicationRefs:\n    - namePattern: "web"\n      useAnnotations: true\n';
    const app = 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\n  annotations:\n    argocd-image-updater.argoproj.io/image-list: web=ghcr.io/acme/web\nspec:\n  source:\n    repoURL: https://github.com/acme/gitops.git\n    path: apps/web\n';
    const found = discoverApplications(memoryRepo({ 'updaters/team.yaml': cr, 'apps/web.yaml': app }));
    expect(configuredBy(found.configs)).toEqual({ web: 'annotations (ImageUpdater team useAnnotations, updaters/team.yaml:2)' }); // the CR's line, as errors about it say
  });
});
