/**
 * application.ts on its own: which documents are Applications, every field read into the model (exactly, no stray
 * keys), every wrong type refused with the field's path and line, Kubernetes name rules, and the source choice.
 */
import { describe, expect, it } from 'vitest';
import { applicationFromDoc, chooseSource, isApplicationDoc, isKubernetesName } from '../../src/discover/application.js';
import { splitDocuments, type YamlDoc } from '../../src/discover/yaml-docs.js';
import { ConfigError } from '../../src/errors.js';
import { app, source } from '../support/builders.js';

const FILE = 'apps/web.yaml';
const HEAD = 'apiVersion: argoproj.io/v1alpha1\nkind: Application\n';
const META = 'metadata:\n  name: web\n';
const SOURCE = `${META}spec:\n  source:\n    repoURL: r\n`;

function docOf(text: string): YamlDoc {
  const { docs, broken } = splitDocuments(FILE, text);
  expect(broken).toEqual([]);
  return docs[0];
}

const read = (body: string) => applicationFromDoc(docOf(HEAD + body));

function refusal(body: string): ConfigError {
  try {
    read(body);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('the Application was read');
}

describe('isApplicationDoc', () => {
  const cases: [string, string, boolean][] = [
    ['an argoproj.io/v1alpha1 Application', HEAD, true],
    ['an Application of another apiVersion', 'apiVersion: v1\nkind: Application\n', false],
    ['an ApplicationSet', 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\n', false],
    ['a document without apiVersion', 'kind: Application\n', false],
  ];
  it.each(cases)('%s: %s', (_what, text, expected) => {
    expect(isApplicationDoc(docOf(`${text}metadata: {name: a}\n`))).toBe(expected);
  });
});

describe('applicationFromDoc reads the fields it uses, and nothing else', () => {
  it('a full single-source Helm Application', () => {
    const text = [
      'metadata:',
      '  name: web',
      '  namespace: team-a',
      '  labels: {tier: front}',
      '  annotations:',
      '    argocd-image-updater.argoproj.io/image-list: web=ghcr.io/acme/web',
      'spec:',
      '  source:',
      '    repoURL: https://github.com/acme/gitops',
      '    path: apps/web',
      '    targetRevision: main',
      '    helm:',
      '      valueFiles: [values.yaml]',
      '      values: "a: 1"',
      '      valuesObject: {b: 2}',
      '      parameters:',
      '        - {name: image.tag, value: "1.0", forceString: true}',
      '        - {name: replicas, forceString: false}',
      '        - {name: x, value: y}',
      'status:',
      '  sourceType: Helm',
      '',
    ].join('\n');
    expect(read(text)).toStrictEqual({
      name: 'web',
      label: 'web',
      namespace: 'team-a',
      labels: { tier: 'front' },
      annotations: { 'argocd-image-updater.argoproj.io/image-list': 'web=ghcr.io/acme/web' },
      sources: [
        {
          repoURL: 'https://github.com/acme/gitops',
          index: 0,
          path: 'apps/web',
          targetRevision: 'main',
          helm: {
            valueFiles: ['values.yaml'],
            values: 'a: 1',
            valuesObject: { b: 2 },
            parameters: [
              { name: 'image.tag', value: '1.0', forceString: true },
              { name: 'replicas', value: '', forceString: false },
              { name: 'x', value: 'y' },
            ],
          },
        },
      ],
      sourceTypes: ['Helm'],
      file: FILE,
      line: 2,
      annotationLines: { 'argocd-image-updater.argoproj.io/image-list': 8 },
    });
  });

  it('a minimal Application has no namespace key, no optional source keys, no source types', () => {
    expect(read(SOURCE)).toStrictEqual({
      name: 'web',
      label: 'web',
      labels: {},
      annotations: {},
      sources: [{ repoURL: 'r', index: 0 }],
      sourceTypes: [],
      file: FILE,
      line: 2,
      annotationLines: {},
    });
  });

  it('a helm block keeps only the keys it has', () => {
    expect(read(`${SOURCE}    helm:\n      values: "x: 1"\n`).sources[0].helm).toStrictEqual({ values: 'x: 1' });
    expect(read(`${SOURCE}    helm:\n      valueFiles: [a.yaml]\n`).sources[0].helm).toStrictEqual({ valueFiles: ['a.yaml'] });
  });

  it('a kustomize block keeps its images, or is empty', () => {
    expect(read(`${SOURCE}    kustomize: {}\n`).sources[0]).toStrictEqual({ repoURL: 'r', index: 0, kustomize: {} });
    expect(read(`${SOURCE}    kustomize:\n      images: [web=ghcr.io/acme/web:1]\n`).sources[0].kustomize).toStrictEqual({ images: ['web=ghcr.io/acme/web:1'] });
  });

  it('a plugin block is kept as written; a null plugin is no plugin', () => {
    expect(read(`${SOURCE}    plugin: {name: cmp}\n`).sources[0]).toStrictEqual({ repoURL: 'r', index: 0, plugin: { name: 'cmp' } });
    expect(read(`${SOURCE}    plugin: null\n`).sources[0]).toStrictEqual({ repoURL: 'r', index: 0 });
  });

  it('spec.sources gives every source its index, and wins over spec.source', () => {
    const body = `${META}spec:\n  source: {repoURL: single}\n  sources:\n    - {repoURL: a, ref: values}\n    - {repoURL: b, chart: api}\n`;
    expect(read(body).sources).toStrictEqual([
      { repoURL: 'a', index: 0, ref: 'values' },
      { repoURL: 'b', index: 1, chart: 'api' },
    ]);
  });

  it('an empty spec.sources falls back to spec.source', () => {
    expect(read(`${META}spec:\n  sources: []\n  source: {repoURL: single}\n`).sources).toStrictEqual([{ repoURL: 'single', index: 0 }]);
  });

  it('a Source Hydrator Application writes for its dry source', () => {
    expect(read(`${META}spec:\n  sourceHydrator:\n    drySource: {repoURL: dry, path: apps/web}\n`).sources).toStrictEqual([{ repoURL: 'dry', index: 0, path: 'apps/web' }]);
    expect(read(`${META}spec:\n  sourceHydrator: {}\n`).sources).toStrictEqual([]);
  });

  it('status.sourceTypes is read as a list, before status.sourceType', () => {
    expect(read(`${SOURCE}status:\n  sourceTypes: [Directory, Helm]\n  sourceType: Kustomize\n`).sourceTypes).toStrictEqual(['Directory', 'Helm']);
  });
});

describe('applicationFromDoc refuses a wrong type at the field, with its line', () => {
  const cases: [string, string, number, string | undefined][] = [
    ['metadata: 5\n', 'metadata must be a mapping', 3, undefined],
    ['metadata: {name: 5}\n', 'metadata.name must be a string (quote it)', 3, undefined],
    ['metadata: {namespace: argocd}\n', 'metadata.name must be a non-empty string', 3, undefined],
    [`${META}  namespace: 5\n`, 'metadata.namespace must be a string (quote it)', 5, 'web'],
    [`${META}  labels: 5\n`, 'metadata.labels must be a mapping', 5, 'web'],
    [`${META}  labels: {team: 1}\n`, 'metadata.labels.team must be a string (quote it)', 5, 'web'],
    [`${META}  annotations:\n    a: true\n`, 'metadata.annotations.a must be a string (quote it)', 6, 'web'],
    [`${META}spec: 5\n`, 'spec must be a mapping', 5, 'web'],
    [`${META}status: 5\n`, 'status must be a mapping', 5, 'web'],
    [`${META}spec:\n  source: 5\n`, 'spec.source must be a mapping', 6, 'web'],
    [`${META}spec:\n  sources: 5\n`, 'spec.sources must be a list', 6, 'web'],
    [`${META}spec:\n  sources:\n    - repoURL: r\n    - 5\n`, 'spec.sources.1 must be a mapping', 8, 'web'],
    [`${META}spec:\n  sources:\n    - repoURL: r\n    - repoURL: 1\n`, 'spec.sources.1.repoURL must be a string (quote it)', 8, 'web'],
    [`${META}spec:\n  sources:\n    - repoURL: r\n      helm:\n        values: 5\n`, 'spec.sources.0.helm.values must be a string (quote it)', 9, 'web'],
    [`${META}spec:\n  source:\n    path: x\n`, 'spec.source.repoURL must be a non-empty string', 7, 'web'],
    [`${META}spec:\n  sourceHydrator: 5\n`, 'spec.sourceHydrator must be a mapping', 6, 'web'],
    [`${META}spec:\n  sourceHydrator:\n    drySource: 5\n`, 'spec.sourceHydrator.drySource must be a mapping', 7, 'web'],
    [`${META}spec:\n  sourceHydrator:\n    drySource:\n      path: x\n`, 'spec.sourceHydrator.drySource.repoURL must be a non-empty string', 8, 'web'],
    [`${SOURCE}    path: 5\n`, 'spec.source.path must be a string (quote it)', 8, 'web'],
    [`${SOURCE}    helm: 5\n`, 'spec.source.helm must be a mapping', 8, 'web'],
    [`${SOURCE}    helm:\n      valueFiles: [v.yaml, 1]\n`, 'spec.source.helm.valueFiles.1 must be a string (quote it)', 9, 'web'],
    [`${SOURCE}    helm:\n      values: 5\n`, 'spec.source.helm.values must be a string (quote it)', 9, 'web'],
    [`${SOURCE}    helm:\n      parameters: [5]\n`, 'spec.source.helm.parameters.0 must be a mapping', 9, 'web'],
    [`${SOURCE}    helm:\n      parameters:\n        - {name: a, forceString: "yes"}\n`, 'spec.source.helm.parameters.0.forceString must be true or false', 10, 'web'],
    [`${SOURCE}    helm:\n      parameters:\n        - {name: a, value: 1}\n`, 'spec.source.helm.parameters.0.value must be a string (quote it)', 10, 'web'],
    [`${SOURCE}    helm:\n      parameters:\n        - {value: a}\n`, 'spec.source.helm.parameters.0.name must be a non-empty string', 10, 'web'],
    [`${SOURCE}    kustomize: 5\n`, 'spec.source.kustomize must be a mapping', 8, 'web'],
    [`${SOURCE}    kustomize:\n      images: [1]\n`, 'spec.source.kustomize.images.0 must be a string (quote it)', 9, 'web'],
    [`${SOURCE}status:\n  sourceTypes: [Helm, 1]\n`, 'status.sourceTypes.1 must be a string (quote it)', 9, 'web'],
    [`${SOURCE}status:\n  sourceType: 1\n`, 'status.sourceType must be a string (quote it)', 9, 'web'],
  ];
  it.each(cases)('%j: %s', (body, message, line, application) => {
    const error = refusal(body);
    expect([error.message, error.line, error.application]).toEqual([`Application field ${message}`, line, application]);
  });

  it('the error names the file and says how to fix it', () => {
    const error = refusal(`${META}spec: 5\n`);
    expect([error.file, error.fix]).toEqual([FILE, 'Correct the field type as in the Argo CD Application reference; Argo CD would refuse this manifest too.']);
  });

  it('a document that is not a mapping is refused as a whole', () => {
    const error = (() => {
      try {
        applicationFromDoc(docOf('- a\n- b\n'));
      } catch (e) {
        return e as ConfigError;
      }
      throw new Error('read');
    })();
    expect([error.message, error.line, error.application]).toEqual(['Application field  must be a mapping', 1, undefined]);
  });
});

describe('applicationFromDoc refuses names Kubernetes would reject', () => {
  it('a metadata.name that is not a DNS-1123 subdomain', () => {
    const error = refusal('metadata:\n  name: Web_App\n');
    expect(error).toBeInstanceOf(ConfigError);
    expect([error.message, error.application, error.file, error.line, error.fix]).toEqual([
      'metadata.name "Web_App" is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", at most 253); Kubernetes would reject this Application',
      'Web_App', FILE, 4, "Rename the Application's metadata.name.",
    ]);
  });

  it('a metadata.namespace that is a subdomain but not a DNS-1123 label', () => {
    const error = refusal(`${META}  namespace: team.a\n`);
    expect([error.message, error.application, error.file, error.line, error.fix]).toEqual([
      'metadata.namespace "team.a" is not a DNS-1123 label (lowercase letters, digits and "-", at most 63); Kubernetes would reject this Application',
      'web', FILE, 5, "Rename the Application's metadata.namespace.",
    ]);
  });

  it('a dotted name and a dashed namespace are accepted', () => {
    expect(read('metadata:\n  name: web.prod\n  namespace: team-a\n')).toMatchObject({ name: 'web.prod', namespace: 'team-a' });
  });

  const lengths: [string, string, boolean, boolean][] = [
    ['253-character name', 'a'.repeat(253), false, true],
    ['254-character name', 'a'.repeat(254), false, false],
    ['63-character namespace', 'a'.repeat(63), true, true],
    ['64-character namespace', 'a'.repeat(64), true, false],
  ];
  it.each(lengths)('isKubernetesName: a %s', (_what, name, label, ok) => {
    expect(isKubernetesName(name, label)).toBe(ok);
  });
});

describe('chooseSource', () => {
  const plain = source({ path: 'plain' });
  const second = source({ path: 'second', index: 1 });
  const cases: [string, Parameters<typeof app>[0], string | undefined][] = [
    ['a source with helm', { sources: [plain, source({ index: 1, helm: {} })] }, 'helm'],
    ['a source with kustomize', { sources: [plain, source({ index: 1, kustomize: {} })] }, 'kustomize'],
    ['a source with plugin', { sources: [plain, source({ index: 1, plugin: {} })] }, 'plugin'],
    ['the source aligned with the first typed sourceTypes entry', { sources: [plain, second], sourceTypes: ['Directory', 'Helm'] }, 'second'],
    ['the first source when the typed entry has no source', { sources: [plain, second], sourceTypes: ['Directory', 'Directory', 'Kustomize'] }, 'plain'],
    ['the first source when no entry is typed', { sources: [plain, second], sourceTypes: ['Directory', 'Directory'] }, 'plain'],
    ['nothing without sources', { sources: [] }, undefined],
  ];
  it.each(cases)('picks %s', (_what, fields, expected) => {
    const chosen = chooseSource(app(fields));
    const found = chosen === undefined ? undefined : (chosen.path ?? (chosen.helm ? 'helm' : chosen.kustomize ? 'kustomize' : 'plugin'));
    expect(found).toBe(expected);
  });
});
