import { describe, it, expect } from 'vitest';
import { imageUpdaterFromDoc, isImageUpdaterDoc } from '../../src/discover/image-updater.js';
import { splitDocuments } from '../../src/discover/yaml-docs.js';

const API = 'apiVersion: argocd-image-updater.argoproj.io/v1alpha1\n';
const head = `${API}kind: ImageUpdater\nmetadata: {name: u}\n`;
const doc = (text: string) => splitDocuments('u.yaml', text).docs[0];
const parse = (text: string) => imageUpdaterFromDoc(doc(text));
const FIX = 'Correct the field as in the ImageUpdater CRD.';

/** refusal returns what a user sees of the AnnotationError a document raises. */
function refusal(text: string): { message: string; annotation?: string; line?: number } {
  try {
    parse(text);
  } catch (error) {
    const e = error as { name: string; message: string; annotation?: string; line?: number; file?: string; fix?: string };
    expect([e.name, e.file, e.fix]).toEqual(['AnnotationError', 'u.yaml', FIX]);
    return { message: e.message, annotation: e.annotation, line: e.line };
  }
  throw new Error('the document was accepted');
}

/** A ref (line 6) with one image (line 8) whose extra fields are `image`. */
const withImage = (image: string) => `${head}spec:\n  applicationRefs:\n    - namePattern: x\n      images:\n        - {alias: a, imageName: nginx${image}}\n`;
/** A ref (line 6) with extra `fields`. */
const refAt = (fields: string) => `${head}spec:\n  applicationRefs:\n    - {namePattern: x, ${fields}}\n`;

describe('isImageUpdaterDoc', () => {
  it('needs both the apiVersion and kind ImageUpdater', () => {
    expect([
      isImageUpdaterDoc(doc(head)),
      isImageUpdaterDoc(doc(`${API}kind: Application\n`)),
      isImageUpdaterDoc(doc('apiVersion: argoproj.io/v1alpha1\nkind: ImageUpdater\n')),
    ]).toEqual([true, false, false]);
  });
});

describe('imageUpdaterFromDoc reads', () => {
  it('a resource without namespace, settings or refs as exactly that', () => {
    expect(parse(head)).toStrictEqual({ name: 'u', file: 'u.yaml', line: 2, settings: {}, writeBack: {}, refs: [] });
  });

  it('empty commonUpdateSettings and writeBackConfig as no settings', () => {
    const cr = parse(`${head}spec: {commonUpdateSettings: {}, writeBackConfig: {}}\n`);
    expect([cr.settings, cr.writeBack]).toStrictEqual([{}, {}]);
  });

  it('every common setting, false and empty lists included', () => {
    const cr = parse(`${head}spec:\n  commonUpdateSettings: {forceUpdate: false, ignoreTags: [], platforms: [linux/arm64]}\n`);
    expect(cr.settings).toStrictEqual({ forceUpdate: false, ignoreTags: [], platforms: ['linux/arm64'] });
  });

  it('forceUpdate true, ignoreTags and the strategy', () => {
    const cr = parse(`${head}spec:\n  commonUpdateSettings: {updateStrategy: digest, forceUpdate: true, ignoreTags: ["*-rc"]}\n`);
    expect(cr.settings).toStrictEqual({ strategy: 'digest', forceUpdate: true, ignoreTags: ['*-rc'] });
  });

  it('an empty allowTags or pullSecret as unset', () => {
    expect(parse(`${head}spec:\n  commonUpdateSettings: {allowTags: "", pullSecret: ""}\n`).settings).toStrictEqual({});
  });

  it('every write-back field, and a pull request without labels', () => {
    const cr = parse(`${head}spec:\n  writeBackConfig: {method: git, gitConfig: {repository: r, branch: b, writeBackTarget: "kustomization:.", pullRequest: {}}}\n`);
    expect(cr.writeBack).toStrictEqual({ method: 'git', gitRepository: 'r', gitBranch: 'b', target: 'kustomization:.', pullRequest: { labels: [] } });
  });

  it('pull request labels, with only the method set besides', () => {
    const cr = parse(`${head}spec:\n  writeBackConfig: {method: argocd, gitConfig: {pullRequest: {labels: [deps, images]}}}\n`);
    expect(cr.writeBack).toStrictEqual({ method: 'argocd', pullRequest: { labels: ['deps', 'images'] } });
  });

  it('the namespace from metadata before spec', () => {
    expect(parse(`${API}kind: ImageUpdater\nmetadata: {name: u, namespace: m}\nspec: {namespace: s}\n`).namespace).toBe('m');
  });

  it('label selectors as written', () => {
    const cr = parse(refAt('labelSelectors: {matchLabels: {env: prod}, matchExpressions: [{key: t, operator: NotIn, values: [a]}, {key: u, operator: Exists}]}'));
    expect([cr.refs[0].matchLabels, cr.refs[0].matchExpressions]).toStrictEqual([
      { env: 'prod' },
      [
        { key: 't', operator: 'NotIn', values: ['a'] },
        { key: 'u', operator: 'Exists', values: [] },
      ],
    ]);
  });

  it('a selector with matchLabels only as no expressions', () => {
    const cr = parse(refAt('labelSelectors: {matchLabels: {env: prod}}'));
    expect([cr.refs[0].matchLabels, cr.refs[0].matchExpressions]).toStrictEqual([{ env: 'prod' }, []]);
  });

  it('ref-level settings and write-back', () => {
    const ref = parse(refAt('commonUpdateSettings: {updateStrategy: semver}, writeBackConfig: {method: argocd}')).refs[0];
    expect([ref.settings, ref.writeBack]).toStrictEqual([{ strategy: 'semver' }, { method: 'argocd' }]);
  });

  it('a kustomize target', () => {
    expect(parse(withImage(', manifestTargets: {kustomize: {name: docker.io/nginx}}')).refs[0].images[0].settings).toStrictEqual({ kustomizeImageName: 'docker.io/nginx' });
  });

  it('a Helm target keeps only the paths that are set', () => {
    expect(parse(withImage(', manifestTargets: {helm: {tag: image.tag, spec: ""}}')).refs[0].images[0].settings).toStrictEqual({ helm: { tag: 'image.tag' } });
  });

  it('a plugin target with image-level settings', () => {
    const image = parse(withImage(', commonUpdateSettings: {pullSecret: "env:P"}, manifestTargets: {plugin: {name: IMG, tag: TAG}}')).refs[0].images[0];
    expect([image.settings, image.line]).toStrictEqual([{ pullSecret: 'env:P', plugin: { name: 'IMG', tag: 'TAG' } }, 8]);
  });
});

describe('imageUpdaterFromDoc refuses, naming the field and its line', () => {
  const I = 'spec.applicationRefs[0].images[0]';
  const M = 'spec.applicationRefs.0.images.0';
  const cases: { name: string; text: string; message: string; annotation: string; line: number }[] = [
    { name: 'a document that is not a mapping', text: '- a\n', message: 'ImageUpdater field  must be a mapping', annotation: '', line: 1 },
    { name: 'metadata that is not a mapping', text: `${API}kind: ImageUpdater\nmetadata: u\n`, message: 'ImageUpdater field metadata must be a mapping', annotation: 'metadata', line: 3 },
    { name: 'no metadata.name', text: `${API}kind: ImageUpdater\nmetadata: {}\n`, message: 'ImageUpdater field metadata.name must be a non-empty string', annotation: 'metadata.name', line: 3 },
    { name: 'a spec that is a list', text: `${head}spec: []\n`, message: 'ImageUpdater field spec must be a mapping', annotation: 'spec', line: 4 },
    { name: 'a numeric metadata.namespace', text: `${API}kind: ImageUpdater\nmetadata: {name: u, namespace: 1}\n`, message: 'ImageUpdater field metadata.namespace must be a string (quote it)', annotation: 'metadata.namespace', line: 3 },
    { name: 'a numeric spec.namespace', text: `${head}spec: {namespace: 1}\n`, message: 'ImageUpdater field spec.namespace must be a string (quote it)', annotation: 'spec.namespace', line: 4 },
    { name: 'applicationRefs as a mapping', text: `${head}spec: {applicationRefs: {}}\n`, message: 'ImageUpdater field spec.applicationRefs must be a list', annotation: 'spec.applicationRefs', line: 4 },
    { name: 'a ref that is a string', text: `${head}spec:\n  applicationRefs: [x]\n`, message: 'ImageUpdater field spec.applicationRefs.0 must be a mapping', annotation: 'spec.applicationRefs[0]', line: 5 },
    { name: 'writeBackConfig as a string', text: `${head}spec: {writeBackConfig: git}\n`, message: 'ImageUpdater field spec.writeBackConfig must be a mapping', annotation: 'spec.writeBackConfig', line: 4 },
    { name: 'a numeric method', text: `${head}spec: {writeBackConfig: {method: 1}}\n`, message: 'ImageUpdater field spec.writeBackConfig.method must be a string (quote it)', annotation: 'spec.writeBackConfig.method', line: 4 },
    { name: 'a numeric branch', text: `${head}spec: {writeBackConfig: {gitConfig: {branch: 1}}}\n`, message: 'ImageUpdater field spec.writeBackConfig.gitConfig.branch must be a string (quote it)', annotation: 'spec.writeBackConfig.gitConfig.branch', line: 4 },
    { name: 'pullRequest as a string', text: `${head}spec: {writeBackConfig: {gitConfig: {pullRequest: yes}}}\n`, message: 'ImageUpdater field spec.writeBackConfig.gitConfig.pullRequest must be a mapping', annotation: 'spec.writeBackConfig.gitConfig.pullRequest', line: 4 },
    { name: 'a numeric label', text: `${head}spec: {writeBackConfig: {gitConfig: {pullRequest: {labels: [1]}}}}\n`, message: 'ImageUpdater field spec.writeBackConfig.gitConfig.pullRequest.labels.0 must be a string (quote it)', annotation: 'spec.writeBackConfig.gitConfig.pullRequest.labels[0]', line: 4 },
    { name: 'a numeric ignoreTags item', text: `${head}spec: {commonUpdateSettings: {ignoreTags: [1]}}\n`, message: 'ImageUpdater field spec.commonUpdateSettings.ignoreTags.0 must be a string (quote it)', annotation: 'spec.commonUpdateSettings.ignoreTags[0]', line: 4 },
    { name: 'a numeric platforms item', text: `${head}spec: {commonUpdateSettings: {platforms: [1]}}\n`, message: 'ImageUpdater field spec.commonUpdateSettings.platforms.0 must be a string (quote it)', annotation: 'spec.commonUpdateSettings.platforms[0]', line: 4 },
    { name: 'a numeric matchLabels value', text: refAt('labelSelectors: {matchLabels: {a: 1}}'), message: 'ImageUpdater field spec.applicationRefs.0.labelSelectors.matchLabels.a must be a string (quote it)', annotation: 'spec.applicationRefs[0].labelSelectors.matchLabels.a', line: 6 },
    { name: 'an expression that is a string', text: refAt('labelSelectors: {matchExpressions: [e]}'), message: 'ImageUpdater field spec.applicationRefs.0.labelSelectors.matchExpressions.0 must be a mapping', annotation: 'spec.applicationRefs[0].labelSelectors.matchExpressions[0]', line: 6 },
    { name: 'an unknown operator', text: refAt('labelSelectors: {matchExpressions: [{key: a, operator: Gt, values: ["1"]}]}'), message: 'ImageUpdater field spec.applicationRefs.0.labelSelectors.matchExpressions.0.operator must be In, NotIn, Exists or DoesNotExist', annotation: 'spec.applicationRefs[0].labelSelectors.matchExpressions[0].operator', line: 6 },
    { name: 'NotIn without values', text: refAt('labelSelectors: {matchExpressions: [{key: a, operator: NotIn}]}'), message: 'ImageUpdater field spec.applicationRefs.0.labelSelectors.matchExpressions.0.values must be a non-empty list for In/NotIn', annotation: 'spec.applicationRefs[0].labelSelectors.matchExpressions[0].values', line: 6 },
    { name: 'Exists with values', text: refAt('labelSelectors: {matchExpressions: [{key: a, operator: Exists, values: [b]}]}'), message: 'ImageUpdater field spec.applicationRefs.0.labelSelectors.matchExpressions.0.values must be empty for Exists/DoesNotExist', annotation: 'spec.applicationRefs[0].labelSelectors.matchExpressions[0].values', line: 6 },
    { name: 'an image that is a string', text: refAt('images: [nginx]'), message: `ImageUpdater field ${M} must be a mapping`, annotation: I, line: 6 },
    { name: 'an imageName that is no image', text: refAt('images: [{alias: a, imageName: "UP"}]'), message: `ImageUpdater field ${M}.imageName must be <image>[:<constraint>] (image-list item "a=UP": no image name can be read from it ("docker.io/UP" is not an image reference: bad repository name "library/UP" (lower-case letters, digits and . _ - only)))`, annotation: `${I}.imageName`, line: 6 },
    { name: 'two manifest targets', text: withImage(', manifestTargets: {helm: {}, kustomize: {}}'), message: `ImageUpdater field ${M}.manifestTargets must be exactly one of helm, kustomize or plugin`, annotation: `${I}.manifestTargets`, line: 8 },
    { name: 'a kustomize target without name', text: withImage(', manifestTargets: {kustomize: {}}'), message: `ImageUpdater field ${M}.manifestTargets.kustomize.name must be a non-empty string`, annotation: `${I}.manifestTargets.kustomize.name`, line: 8 },
    { name: 'a numeric Helm tag path', text: withImage(', manifestTargets: {helm: {tag: 1}}'), message: `ImageUpdater field ${M}.manifestTargets.helm.tag must be a string (quote it)`, annotation: `${I}.manifestTargets.helm.tag`, line: 8 },
    { name: 'a numeric plugin name', text: withImage(', manifestTargets: {plugin: {name: 1}}'), message: `ImageUpdater field ${M}.manifestTargets.plugin.name must be a string (quote it)`, annotation: `${I}.manifestTargets.plugin.name`, line: 8 },
  ];
  for (const c of cases) {
    it(c.name, () => expect(refusal(c.text)).toEqual({ message: c.message, annotation: c.annotation, line: c.line }));
  }
});
