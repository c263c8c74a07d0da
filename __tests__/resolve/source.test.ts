import { describe, it, expect } from 'vitest';
import { EditError } from '../../src/errors.js';
import { chooseSource, forcedType, repoPath } from '../../src/resolve/source.js';
import { app, memoryRepo, source } from './helpers.js';

const repo = memoryRepo({
  'k/kustomization.yaml': 'resources: []\n',
  'kyml/kustomization.yml': 'resources: []\n',
  'kcap/Kustomization': 'resources: []\n',
  'chart/Chart.yaml': 'name: c\n',
  'chart/values.yaml': 'image: {}\n',
  'plain/deploy.yaml': 'kind: Deployment\n',
});

describe('chooseSource: one source', () => {
  const cases: { name: string; src: Parameters<typeof source>[0]; target?: string; statusTypes?: string[]; type: string }[] = [
    { name: 'kustomization.yaml', src: { path: 'k' }, type: 'kustomize' },
    { name: 'kustomization.yml', src: { path: 'kyml' }, type: 'kustomize' },
    { name: 'Kustomization', src: { path: 'kcap' }, type: 'kustomize' },
    { name: 'Chart.yaml', src: { path: 'chart' }, type: 'helm' },
    { name: 'plain manifests', src: { path: 'plain' }, type: 'directory' },
    { name: 'explicit helm block wins over files', src: { path: 'k', helm: { valueFiles: [] } }, type: 'helm' },
    { name: 'chart from a Helm repo', src: { chart: 'web', repoURL: 'https://charts.example' }, type: 'helm' },
    { name: 'explicit kustomize block', src: { path: 'plain', kustomize: {} }, type: 'kustomize' },
    { name: 'plugin block', src: { path: 'k', plugin: { name: 'cmp' } }, type: 'plugin' },
    { name: 'status.sourceType in git', src: { path: 'plain' }, statusTypes: ['Helm'], type: 'helm' },
    { name: 'write-back-target kustomization forces kustomize', src: { path: 'chart' }, target: 'kustomization:../k', type: 'kustomize' },
    { name: 'write-back-target helmvalues forces helm', src: { path: 'k' }, target: 'helmvalues', type: 'helm' },
    { name: 'raw values path forces helm (1.x)', src: { path: 'k' }, target: 'envs/prod.yaml', type: 'helm' },
    { name: 'raw override file does not force', src: { path: 'k' }, target: 'k/.argocd-source-x.yaml', type: 'kustomize' },
    { name: 'plugin forced to kustomize by target (documented workaround)', src: { path: 'k', plugin: {} }, target: 'kustomization', type: 'kustomize' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const chosen = chooseSource(app({ sources: [source(c.src)], sourceTypes: c.statusTypes ?? [] }), repo, c.target);
      expect(chosen.type).toBe(c.type);
    });
  }
});

describe('chooseSource: multi-source (§3.1)', () => {
  const ref = source({ index: 1, ref: 'values' });
  const cases: { name: string; sources: ReturnType<typeof source>[]; statusTypes?: string[]; index: number; type: string }[] = [
    { name: 'first with an explicit block', sources: [source({ path: 'k' }), source({ index: 1, path: 'plain', helm: {} })], index: 1, type: 'helm' },
    { name: 'chart source before its $values ref', sources: [source({ chart: 'w', repoURL: 'https://charts' }), ref], index: 0, type: 'helm' },
    { name: 'ref source listed first', sources: [source({ ref: 'values' }), source({ index: 1, chart: 'w' })], index: 1, type: 'helm' },
    { name: 'status.sourceTypes alignment', sources: [source({ path: 'plain' }), source({ index: 1, path: 'plain' })], statusTypes: ['Directory', 'Kustomize'], index: 1, type: 'kustomize' },
    { name: 'any typed source by files', sources: [source({ path: 'plain' }), source({ index: 1, path: 'chart' })], index: 1, type: 'helm' },
    { name: 'else the first', sources: [source({ path: 'plain' }), source({ index: 1, path: 'plain' })], index: 0, type: 'directory' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const chosen = chooseSource(app({ sources: c.sources, sourceTypes: c.statusTypes ?? [] }), repo);
      expect({ index: chosen.source.index, type: chosen.type }).toEqual({ index: c.index, type: c.type });
    });
  }

  it('resolves $values value files into the ref source (repo root) and plain ones into the source path', () => {
    const sources = [
      source({ chart: 'worker', repoURL: 'https://charts', helm: { valueFiles: ['$values/apps/worker/values-prod.yaml', 'https://x/v.yaml'] } }),
      source({ index: 1, ref: 'values' }),
    ];
    expect(chooseSource(app({ sources }), repo).valueFiles).toEqual(['apps/worker/values-prod.yaml']);
    const local = [source({ path: 'chart', helm: { valueFiles: ['values.yaml', '../shared/prod.yaml', '/envs/all.yaml', '$missing/x.yaml'] } })];
    expect(chooseSource(app({ sources: local }), repo).valueFiles).toEqual(['chart/values.yaml', 'shared/prod.yaml', 'envs/all.yaml']);
  });

  it('refuses an Application without sources', () => {
    expect(() => chooseSource(app({ sources: [] }), repo)).toThrow(/no source/);
  });
});

describe('repoPath', () => {
  const cases: { base: string; rel: string; expected: string | null }[] = [
    { base: 'apps/web', rel: 'values.yaml', expected: 'apps/web/values.yaml' },
    { base: 'apps/web', rel: '../api/./values.yaml', expected: 'apps/api/values.yaml' },
    { base: 'apps/web', rel: '/envs/prod', expected: 'envs/prod' },
    { base: 'apps/web', rel: '', expected: 'apps/web' },
    { base: '', rel: '.', expected: '' },
    { base: 'apps/web', rel: 'overlays/dev/', expected: 'apps/web/overlays/dev' },
    { base: 'apps/web', rel: '../../../etc/passwd', expected: null },
    { base: '', rel: '/../secret.yaml', expected: null },
    { base: 'apps', rel: '..', expected: '' },
    { base: 'apps', rel: '../..', expected: null },
  ];
  for (const c of cases) {
    it(`${c.base || '/'} + ${c.rel || '""'}`, () => {
      if (c.expected === null) {
        expect(() => repoPath(c.base, c.rel, { application: 'a' })).toThrow(EditError);
      } else {
        expect(repoPath(c.base, c.rel)).toBe(c.expected);
      }
    });
  }
});

describe('forcedType', () => {
  const cases: { target: string | undefined; type: string | undefined }[] = [
    { target: undefined, type: undefined },
    { target: 'kustomization', type: 'kustomize' },
    { target: 'kustomization:/envs/dev', type: 'kustomize' },
    { target: 'helmvalues', type: 'helm' },
    { target: 'helmvalues:/a/values.yml', type: 'helm' },
    { target: 'kustomization.yaml', type: 'helm' },
    { target: 'apps/x/.argocd-source-x.yaml', type: undefined },
    { target: 'apps/x/override.json', type: undefined },
  ];
  for (const c of cases) {
    it(String(c.target), () => expect(forcedType(c.target)).toBe(c.type));
  }
});
