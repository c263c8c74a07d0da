import { describe, it, expect } from 'vitest';
import { fileURLToPath } from 'node:url';
import { EditError, PromoterError, toUserMessage } from '../../src/errors.js';
import { resolveImages } from '../../src/resolve/resolve.js';
import { app, config, diskRepo, image, memoryRepo, source } from './helpers.js';

const gitops = diskRepo(fileURLToPath(new URL('../../__fixtures__/resolve/gitops', import.meta.url)));

describe('resolveImages on the example manifests repo', () => {
  const apiKeys = { helm: { name: 'image.repository', tag: 'image.tag' } };
  const cases: { name: string; cfg: ReturnType<typeof config>; target: object; current: object | undefined }[] = [
    {
      name: 'web-prod: default target, current from .argocd-source-web-prod.yaml',
      cfg: config(app({ name: 'web-prod', file: 'argocd/prod/web-prod.yaml', sources: [source({ path: 'apps/web/overlays/prod' })] }), [image('asia.gcr.io/acme-prod/web', { alias: 'web' })]),
      target: { kind: 'argocd-source', file: 'apps/web/overlays/prod/.argocd-source-web-prod.yaml', appType: 'kustomize' },
      current: { tag: '1.3.1', name: 'asia.gcr.io/acme-prod/web', at: { file: 'apps/web/overlays/prod/.argocd-source-web-prod.yaml', line: 3 } },
    },
    {
      name: 'web-dev: kustomization entry found by its original name, newName already set',
      cfg: config(
        app({ name: 'web-dev', file: 'argocd/dev/apps.yaml', sources: [source({ path: 'apps/web/overlays/dev' })] }),
        [image('asia.gcr.io/acme-dev/web', { alias: 'web', kustomizeImageName: 'asia.gcr.io/acme-prod/web' })],
        'kustomization',
      ),
      target: { kind: 'kustomization', file: 'apps/web/overlays/dev/kustomization.yaml', entryName: 'asia.gcr.io/acme-prod/web' },
      current: { tag: '1e5472e', name: 'asia.gcr.io/acme-dev/web', at: { file: 'apps/web/overlays/dev/kustomization.yaml', line: 14 } },
    },
    {
      name: 'api-prod: helmvalues:values-prod.yaml',
      cfg: config(
        app({ name: 'api-prod', sources: [source({ path: 'apps/api/chart', helm: { valueFiles: ['values.yaml', 'values-prod.yaml'] } })] }),
        [image('asia.gcr.io/acme-prod/api', { alias: 'api', ...apiKeys })],
        'helmvalues:values-prod.yaml',
      ),
      target: { kind: 'helm-values', file: 'apps/api/chart/values-prod.yaml', nameKey: 'image.repository', tagKey: 'image.tag', create: true },
      current: { tag: '2.2.0', name: 'asia.gcr.io/acme-prod/api', at: { file: 'apps/api/chart/values-prod.yaml', line: 5 } },
    },
    {
      name: 'api-dev: helmvalues:values-dev.yaml',
      cfg: config(
        app({ name: 'api-dev', sources: [source({ path: 'apps/api/chart', helm: { valueFiles: ['values.yaml', 'values-dev.yaml'] } })] }),
        [image('asia.gcr.io/acme-prod/api', { alias: 'api', ...apiKeys })],
        'helmvalues:values-dev.yaml',
      ),
      target: { kind: 'helm-values', file: 'apps/api/chart/values-dev.yaml', nameKey: 'image.repository', tagKey: 'image.tag', create: true },
      current: { tag: '6d7721d', name: 'asia.gcr.io/acme-prod/api', at: { file: 'apps/api/chart/values-dev.yaml', line: 5 } },
    },
    {
      name: 'worker-prod: multi-source chart, $values ref, repo-root helmvalues target',
      cfg: config(
        app({
          name: 'worker-prod',
          sources: [
            source({ repoURL: 'https://charts.acme.example/stable', chart: 'worker', helm: { valueFiles: ['$values/apps/worker/values-prod.yaml'] } }),
            source({ index: 1, ref: 'values' }),
          ],
        }),
        [image('asia.gcr.io/acme-prod/worker', { alias: 'worker', helm: { name: 'worker.image.repository', tag: 'worker.image.tag' } })],
        'helmvalues:/apps/worker/values-prod.yaml',
      ),
      target: { kind: 'helm-values', file: 'apps/worker/values-prod.yaml', nameKey: 'worker.image.repository', tagKey: 'worker.image.tag', create: true },
      current: { tag: '0.9.1', name: 'asia.gcr.io/acme-prod/worker', at: { file: 'apps/worker/values-prod.yaml', line: 8 } },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const result = resolveImages([c.cfg], gitops);
      expect(result.failures).toEqual([]);
      expect(result.resolved).toHaveLength(1);
      expect(result.resolved[0].target).toEqual(c.target);
      expect(result.resolved[0].current).toEqual(c.current);
    });
  }
});

describe('resolveImages: one broken image never stops the others', () => {
  const files = memoryRepo({
    'good/kustomization.yaml': 'images:\n  - name: gcr.io/p/good\n    newTag: "1"\n',
    // Bad: a nested mapping inside a compact mapping on line 3.
    'broken/kustomization.yaml': 'images:\n  - name: gcr.io/p/bad\n    newTag: a: b\n',
    'empty/README.md': '',
  });
  const good = config(app({ name: 'good', sources: [source({ path: 'good' })] }), [image('gcr.io/p/good')], 'kustomization');
  const broken = config(app({ name: 'broken', file: 'argocd/broken.yaml', sources: [source({ path: 'broken' })] }), [image('gcr.io/p/bad')], 'kustomization');
  const twoImages = config(
    app({ name: 'mixed', sources: [source({ path: 'good' })] }),
    [image('gcr.io/p/good', { alias: 'ok' }), image('gcr.io/p/other', { alias: 'escape' })],
    'kustomization:../../..',
  );
  const missing = config(app({ name: 'missing', sources: [source({ path: 'empty' })] }), [image('gcr.io/p/x')], 'kustomization');
  const result = resolveImages([broken, good, twoImages, missing], files);

  it('resolves the good Application', () => {
    expect(result.resolved.map((r) => [r.config.app.name, r.image.alias, r.current?.tag])).toEqual([['good', 'app', '1']]);
  });

  it('reports each failure with application, alias, file, line and fix', () => {
    const summary = result.failures.map((f) => ({ application: f.application, alias: f.alias, kind: f.error.name, file: f.error.file, line: f.error.line }));
    expect(summary).toEqual([
      { application: 'broken', alias: 'app', kind: 'EditError', file: 'broken/kustomization.yaml', line: 3 },
      { application: 'mixed', alias: 'ok', kind: 'EditError', file: 'argocd/demo.yaml', line: 7 },
      { application: 'mixed', alias: 'escape', kind: 'EditError', file: 'argocd/demo.yaml', line: 7 },
      { application: 'missing', alias: 'app', kind: 'EditError', file: 'argocd/demo.yaml', line: 7 },
    ]);
    for (const failure of result.failures) {
      expect(failure.error).toBeInstanceOf(PromoterError);
      expect(failure.error.application).toBe(failure.application);
      expect(failure.error.fix).toBeTruthy();
    }
    expect(toUserMessage(result.failures[0].error)).toMatch(/^broken\/kustomization\.yaml:3, Application broken: YAML does not parse/);
  });

  it('wraps unexpected errors as EditError for the Application', () => {
    const throwing = { read: () => { throw new Error('disk gone'); }, list: () => [] };
    const out = resolveImages([good], throwing);
    expect(out.failures).toHaveLength(1);
    expect(out.failures[0].error).toBeInstanceOf(EditError);
    expect(out.failures[0].error.message).toContain('disk gone');
    expect(out.failures[0].error.application).toBe('good');
  });
});
