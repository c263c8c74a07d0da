import { describe, it, expect } from 'vitest';
import { bestMatch, literalChars, refScore, selectorMatches } from '../../src/discover/image-updater-match.js';
import type { CrAppRef, ImageUpdaterCr } from '../../src/discover/image-updater.js';
import { imageUpdaterFromDoc } from '../../src/discover/image-updater.js';
import { splitDocuments } from '../../src/discover/yaml-docs.js';
import type { Application } from '../../src/discover/types.js';

function ref(partial: Partial<CrAppRef>): CrAppRef {
  return { index: 0, namePattern: '*', useAnnotations: false, settings: {}, writeBack: {}, images: [], line: 1, ...partial };
}

function app(name: string, labels: Record<string, string> = {}, namespace?: string): Application {
  return { name, label: name, labels, annotations: {}, sources: [], sourceTypes: [], file: 'a.yaml', line: 1, annotationLines: {}, ...(namespace ? { namespace } : {}) };
}

describe('selectorMatches', () => {
  const labels = { env: 'prod', team: 'shop' };
  const cases: { name: string; sel: Pick<CrAppRef, 'matchLabels' | 'matchExpressions'>; want: boolean }[] = [
    { name: 'empty selector', sel: {}, want: true },
    { name: 'matchLabels equal', sel: { matchLabels: { env: 'prod' } }, want: true },
    { name: 'matchLabels differ', sel: { matchLabels: { env: 'dev' } }, want: false },
    { name: 'matchLabels missing key', sel: { matchLabels: { tier: 'x' } }, want: false },
    { name: 'In', sel: { matchExpressions: [{ key: 'env', operator: 'In', values: ['dev', 'prod'] }] }, want: true },
    { name: 'In absent key', sel: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['x'] }] }, want: false },
    { name: 'NotIn', sel: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, want: false },
    { name: 'NotIn absent key matches', sel: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['x'] }] }, want: true },
    { name: 'Exists', sel: { matchExpressions: [{ key: 'team', operator: 'Exists', values: [] }] }, want: true },
    { name: 'DoesNotExist', sel: { matchExpressions: [{ key: 'team', operator: 'DoesNotExist', values: [] }] }, want: false },
    { name: 'all must hold', sel: { matchLabels: { env: 'prod' }, matchExpressions: [{ key: 'team', operator: 'In', values: ['web'] }] }, want: false },
  ];
  for (const c of cases) it(c.name, () => expect(selectorMatches(c.sel, labels)).toBe(c.want));
});

describe('refScore', () => {
  const cases: { name: string; ref: Partial<CrAppRef>; app: Application; want: number | undefined }[] = [
    { name: 'star', ref: { namePattern: '*' }, app: app('shop-api'), want: 0 },
    { name: 'prefix glob counts literals', ref: { namePattern: 'shop-*' }, app: app('shop-api'), want: 5 },
    { name: 'question mark and class', ref: { namePattern: 'shop-a?[a-z]' }, app: app('shop-api'), want: 6 },
    { name: 'exact name', ref: { namePattern: 'shop-api' }, app: app('shop-api'), want: 1_000_008 },
    { name: 'no match', ref: { namePattern: 'web-*' }, app: app('shop-api'), want: undefined },
    { name: 'selector adds 10,000 + 100 each', ref: { namePattern: 'shop-*', matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'Exists', values: [] }] }, app: app('shop-api', { a: '1', b: '' }), want: 10_205 },
    { name: 'selector that does not match', ref: { namePattern: '*', matchLabels: { a: '2' } }, app: app('shop-api', { a: '1' }), want: undefined },
    { name: 'empty selector still scores', ref: { namePattern: '*', matchLabels: {}, matchExpressions: [] }, app: app('x'), want: 10_000 },
  ];
  for (const c of cases) it(c.name, () => expect(refScore(ref(c.ref), c.app)).toBe(c.want));

  it('literalChars skips escapes markers', () => {
    expect([literalChars('a\\*b'), literalChars('[ab]c'), literalChars('**')]).toEqual([3, 1, 0]);
  });
});

describe('bestMatch', () => {
  const cr = (name: string, refs: Partial<CrAppRef>[], namespace?: string): ImageUpdaterCr => ({
    name,
    file: `${name}.yaml`,
    line: 1,
    settings: {},
    writeBack: {},
    refs: refs.map((r, index) => ref({ ...r, index })),
    ...(namespace ? { namespace } : {}),
  });
  const cases: { name: string; crs: ImageUpdaterCr[]; app: Application; want?: [string, number]; warns: boolean }[] = [
    { name: 'most specific ref wins', crs: [cr('a', [{ namePattern: '*' }, { namePattern: 'shop-*' }, { namePattern: 'shop-api' }])], app: app('shop-api'), want: ['a', 2], warns: false },
    { name: 'ties keep the first ref', crs: [cr('a', [{ namePattern: 'shop-a*' }, { namePattern: '?hop-ap*' }])], app: app('shop-api'), want: ['a', 0], warns: false },
    { name: 'selector beats longer glob', crs: [cr('a', [{ namePattern: 'shop-api*' }, { namePattern: '*', matchLabels: {} }])], app: app('shop-api'), want: ['a', 1], warns: false },
    { name: 'other namespace is not listed', crs: [cr('a', [{ namePattern: '*' }], 'argocd')], app: app('x', {}, 'team-a'), warns: false },
    { name: 'same namespace', crs: [cr('a', [{ namePattern: '*' }], 'argocd')], app: app('x', {}, 'argocd'), want: ['a', 0], warns: false },
    { name: 'app without namespace matches', crs: [cr('a', [{ namePattern: '*' }], 'argocd')], app: app('x'), want: ['a', 0], warns: false },
    { name: 'two CRs: best one, with a warning', crs: [cr('a', [{ namePattern: '*' }]), cr('b', [{ namePattern: 'x' }])], app: app('x'), want: ['b', 0], warns: true },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const { match, warnings } = bestMatch(c.crs, c.app);
      expect(match ? [match.cr.name, match.ref.index] : undefined).toEqual(c.want);
      expect(warnings.length > 0).toBe(c.warns);
    });
  }
});

describe('imageUpdaterFromDoc', () => {
  const parse = (text: string) => imageUpdaterFromDoc(splitDocuments('u.yaml', text).docs[0]);
  const head = 'apiVersion: argocd-image-updater.argoproj.io/v1alpha1\nkind: ImageUpdater\nmetadata: {name: u, namespace: argocd}\n';

  it('reads refs, images, settings and write-back', () => {
    const cr = parse(`${head}spec:
  commonUpdateSettings: {updateStrategy: latest, allowTags: "regexp:^v", pullSecret: "env:X"}
  writeBackConfig: {method: "git:secret:creds", gitConfig: {repository: "https://github.com/o/r", branch: "main:img-{{.SHA256}}"}}
  applicationRefs:
    - namePattern: "a-*"
      useAnnotations: true
    - namePattern: b
      images:
        - alias: x
          imageName: "gcr.io/p/x:>=1.0"
          manifestTargets: {helm: {name: x.repo, tag: x.tag, spec: ""}}
`);
    expect(cr).toMatchObject({
      name: 'u',
      namespace: 'argocd',
      line: 2,
      settings: { strategy: 'latest', allowTags: 'regexp:^v', pullSecret: 'env:X' },
      writeBack: { method: 'git:secret:creds', gitRepository: 'https://github.com/o/r', gitBranch: 'main:img-{{.SHA256}}' },
    });
    expect(cr.refs.map((r) => [r.namePattern, r.useAnnotations, r.line])).toEqual([
      ['a-*', true, 8],
      ['b', false, 10],
    ]);
    // imageName parses as "<alias>=<imageName>", so a constraint with "=" works.
    expect(cr.refs[1].images[0].item).toMatchObject({ alias: 'x', ref: { registry: 'gcr.io', repository: 'p/x' }, constraint: '>=1.0' });
    expect(cr.refs[1].images[0].settings).toEqual({ helm: { name: 'x.repo', tag: 'x.tag' } });
  });

  it('falls back to the deprecated spec.namespace', () => {
    expect(parse('apiVersion: argocd-image-updater.argoproj.io/v1alpha1\nkind: ImageUpdater\nmetadata: {name: u}\nspec: {namespace: apps, applicationRefs: []}\n').namespace).toBe('apps');
  });

  const bad = [
    { name: 'forceUpdate as string', spec: 'spec:\n  commonUpdateSettings: {forceUpdate: "yes"}\n', field: 'spec.commonUpdateSettings.forceUpdate', line: 5 },
    { name: 'missing namePattern', spec: 'spec:\n  applicationRefs:\n    - images: []\n', field: 'spec.applicationRefs[0].namePattern', line: 6 },
    { name: 'In without values', spec: 'spec:\n  applicationRefs:\n    - namePattern: x\n      labelSelectors: {matchExpressions: [{key: a, operator: In}]}\n', field: 'spec.applicationRefs[0].labelSelectors.matchExpressions[0].values', line: 7 },
    { name: 'bad imageName', spec: 'spec:\n  applicationRefs:\n    - namePattern: x\n      images: [{alias: a, imageName: "UP"}]\n', field: 'spec.applicationRefs[0].images[0].imageName', line: 7 },
  ];
  for (const b of bad) {
    it(`refuses ${b.name}`, () => {
      expect(() => parse(head + b.spec)).toThrow(expect.objectContaining({ name: 'AnnotationError', annotation: b.field, file: 'u.yaml', line: b.line }));
    });
  }
});
