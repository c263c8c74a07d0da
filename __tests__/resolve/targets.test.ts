import { describe, it, expect } from 'vitest';
import { EditError, toUserMessage } from '../../src/errors.js';
import { overrideFileName, resolveTarget } from '../../src/resolve/targets.js';
import type { EditTarget } from '../../src/resolve/types.js';
import { app, config, deployment, image, memoryRepo, source } from './helpers.js';

const TARGET_KEY = 'argocd-image-updater.argoproj.io/write-back-target';

const kustomizeRepo = memoryRepo({
  'apps/demo/kustomization.yaml': 'resources:\n  - ../base\nimages:\n  - name: nginx\n    newTag: "1.25"\n',
  'apps/base/kustomization.yml': 'resources: [deploy.yaml]\n',
  'envs/dev/Kustomization': 'images:\n  - name: app\n    newName: gcr.io/proj/app\n    newTag: 1.0.0\n  - name: docker.io/library/redis\n    newTag: "7"\n',
  'envs/prod/kustomization.yaml': 'images:\n  - name: gcr.io/proj/app\n    newName: gcr.io/proj/app-mirror\n    newTag: 1.0.0\n',
  'envs/empty/README.md': 'nothing here\n',
  'chart/Chart.yaml': 'name: c\n',
});

describe('overrideFileName', () => {
  const cases = [
    { ns: undefined, file: '.argocd-source-web.yaml' },
    { ns: 'argocd', file: '.argocd-source-web.yaml' },
    { ns: 'team-a', file: '.argocd-source-team-a_web.yaml' },
  ];
  for (const c of cases) it(`namespace ${c.ns}`, () => expect(overrideFileName('web', c.ns)).toBe(c.file));
});

describe('resolveTarget', () => {
  const demo = app({ sources: [source({ path: 'apps/demo' })] });
  const chart = app({ sources: [source({ path: 'chart' })] });
  const cases: { name: string; cfg: ReturnType<typeof config>; expected: EditTarget }[] = [
    {
      name: 'absent target, kustomize app: the override file in the source path',
      cfg: config(demo, [image('gcr.io/proj/app')]),
      expected: { kind: 'argocd-source', file: 'apps/demo/.argocd-source-demo.yaml', appType: 'kustomize' },
    },
    {
      name: 'absent target, namespace other than argocd: <ns>_<app>',
      cfg: config(app({ namespace: 'team-a', sources: [source({ path: 'apps/demo' })] }), [image('gcr.io/proj/app')]),
      expected: { kind: 'argocd-source', file: 'apps/demo/.argocd-source-team-a_demo.yaml', appType: 'kustomize' },
    },
    {
      name: 'absent target, kustomize.image-name carried for the original=new form',
      cfg: config(demo, [image('gcr.io/proj/app', { kustomizeImageName: 'app' })]),
      expected: { kind: 'argocd-source', file: 'apps/demo/.argocd-source-demo.yaml', appType: 'kustomize', kustomizeName: 'app' },
    },
    {
      name: 'absent target, helm app: default keys',
      cfg: config(chart, [image('gcr.io/proj/app')]),
      expected: { kind: 'argocd-source', file: 'chart/.argocd-source-demo.yaml', appType: 'helm', helm: { nameKey: 'image.name', tagKey: 'image.tag' } },
    },
    {
      name: 'absent target, helm app: alias keys',
      cfg: config(chart, [image('gcr.io/proj/app', { helm: { name: 'app.repo', tag: 'app.version' } })]),
      expected: { kind: 'argocd-source', file: 'chart/.argocd-source-demo.yaml', appType: 'helm', helm: { nameKey: 'app.repo', tagKey: 'app.version' } },
    },
    {
      name: 'image-spec wins over name/tag',
      cfg: config(chart, [image('gcr.io/proj/app', { helm: { name: 'n', tag: 't', spec: 'app.image' } })], 'helmvalues'),
      expected: { kind: 'helm-values', file: 'chart/values.yaml', specKey: 'app.image', create: true },
    },
    {
      name: 'unaliased image ignores helm keys',
      cfg: config(chart, [image('gcr.io/proj/app', { alias: 'gcr.io/proj/app', hasAlias: false, helm: { spec: 'x' } })], 'helmvalues'),
      expected: { kind: 'helm-values', file: 'chart/values.yaml', nameKey: 'image.name', tagKey: 'image.tag', create: true },
    },
    {
      name: 'helmvalues:<file> relative to the source path',
      cfg: config(chart, [image('gcr.io/proj/app')], 'helmvalues:values-prod.yaml'),
      expected: { kind: 'helm-values', file: 'chart/values-prod.yaml', nameKey: 'image.name', tagKey: 'image.tag', create: true },
    },
    {
      name: 'helmvalues:/<file> from the repo root',
      cfg: config(chart, [image('gcr.io/proj/app')], 'helmvalues:/apps/worker/values-prod.yaml'),
      expected: { kind: 'helm-values', file: 'apps/worker/values-prod.yaml', nameKey: 'image.name', tagKey: 'image.tag', create: true },
    },
    {
      name: 'raw .yaml path: repo-root relative, helm-values style',
      cfg: config(demo, [image('gcr.io/proj/app')], 'envs/prod/values.yaml'),
      expected: { kind: 'helm-values', file: 'envs/prod/values.yaml', nameKey: 'image.name', tagKey: 'image.tag', create: true },
    },
    {
      name: 'raw .argocd-source- path: override file, app type kept',
      cfg: config(demo, [image('gcr.io/proj/app')], 'apps/demo/.argocd-source-other.yaml'),
      expected: { kind: 'argocd-source', file: 'apps/demo/.argocd-source-other.yaml', appType: 'kustomize' },
    },
    {
      name: 'kustomization in the source path; existing Docker Hub entry kept bare',
      cfg: config(demo, [image('docker.io/library/nginx')], 'kustomization'),
      expected: { kind: 'kustomization', file: 'apps/demo/kustomization.yaml', entryName: 'nginx' },
    },
    {
      name: 'kustomization:<dir> relative, .yml found; new entry named with registry',
      cfg: config(demo, [image('gcr.io/proj/other')], 'kustomization:../base'),
      expected: { kind: 'kustomization', file: 'apps/base/kustomization.yml', entryName: 'gcr.io/proj/other' },
    },
    {
      name: '#208: an entry renaming app -> the image is updated, not shadowed',
      cfg: config(demo, [image('gcr.io/proj/app')], 'kustomization:/envs/dev'),
      expected: { kind: 'kustomization', file: 'envs/dev/Kustomization', entryName: 'app' },
    },
    {
      name: 'entry written in long Docker Hub form is matched and its name kept',
      cfg: config(demo, [image('redis')], 'kustomization:/envs/dev'),
      expected: { kind: 'kustomization', file: 'envs/dev/Kustomization', entryName: 'docker.io/library/redis' },
    },
    {
      name: 'kustomize.image-name: entry keyed by the original name, newName already the image',
      cfg: config(demo, [image('gcr.io/proj/app', { kustomizeImageName: 'app' })], 'kustomization:/envs/dev'),
      expected: { kind: 'kustomization', file: 'envs/dev/Kustomization', entryName: 'app' },
    },
    {
      name: 'kustomize.image-name: entry renames elsewhere, rename pending',
      cfg: config(demo, [image('gcr.io/proj/app-dev', { kustomizeImageName: 'gcr.io/proj/app' })], 'kustomization:/envs/prod'),
      expected: { kind: 'kustomization', file: 'envs/prod/kustomization.yaml', entryName: 'gcr.io/proj/app', setNewName: 'gcr.io/proj/app-dev' },
    },
    {
      name: 'kustomize.image-name: no entry yet, rename to be written',
      cfg: config(demo, [image('gcr.io/proj/app', { kustomizeImageName: 'web' })], 'kustomization'),
      expected: { kind: 'kustomization', file: 'apps/demo/kustomization.yaml', entryName: 'web', setNewName: 'gcr.io/proj/app' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(resolveTarget(c.cfg, c.cfg.images[0], kustomizeRepo)).toEqual(c.expected);
    });
  }
});

describe('resolveTarget errors', () => {
  const demo = app({ sources: [source({ path: 'apps/demo' })] });
  const cases: { name: string; target?: string; application?: ReturnType<typeof app>; message: RegExp; fix: RegExp }[] = [
    { name: 'missing kustomization', target: 'kustomization:/envs/empty', message: /no kustomization in "envs\/empty"/, fix: /kustomization\.yaml/ },
    { name: '.. escape in kustomization:<dir>', target: 'kustomization:../../../..', message: /out of the repository/, fix: /inside the manifests repository/ },
    { name: '.. escape in helmvalues', target: 'helmvalues:../../../x.yaml', message: /out of the repository/, fix: /inside/ },
    { name: '.. escape in a raw path', target: '../outside/values.yaml', message: /out of the repository/, fix: /inside/ },
    { name: 'raw path naming a kustomization file', target: 'envs/dev/kustomization.yaml', message: /names a kustomization file/, fix: /kustomization:\/envs\/dev/ },
    // A plugin source without a target is no error any more: it gets Helm parameters, as in the updater
    // (issue 10 item 4, __tests__/aiu/plugin-divergences.test.ts).
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cfg = config(c.application ?? demo, [image('gcr.io/proj/app')], c.target);
      let caught: unknown;
      try {
        resolveTarget(cfg, cfg.images[0], kustomizeRepo);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(EditError);
      const error = caught as EditError;
      expect(error.message).toMatch(c.message);
      expect(error.fix).toMatch(c.fix);
      expect(error).toMatchObject({ application: 'demo', file: 'argocd/demo.yaml' });
      if (c.target !== undefined) expect(error).toMatchObject({ annotation: TARGET_KEY, line: 7 });
      expect(toUserMessage(error)).toContain('argocd/demo.yaml');
    });
  }
});

describe('resolveTarget: plain manifests (directory sources)', () => {
  const cronJob = [
    'apiVersion: batch/v1',
    'kind: CronJob',
    'spec:',
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '        spec:',
    '          containers:',
    '            - name: job',
    '              image: gcr.io/proj/app:1.0.0',
    '',
  ].join('\n');
  const rollout = 'apiVersion: argoproj.io/v1alpha1\nkind: Rollout\nspec:\n  template:\n    spec:\n      containers:\n        - image: gcr.io/proj/app:1.0.0\n';
  const notRollout = 'apiVersion: example.com/v1\nkind: Rollout\nspec:\n  template:\n    spec:\n      containers:\n        - image: gcr.io/proj/app:1.0.0\n';
  const pod = 'apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - image: gcr.io/proj/app\n';
  const repo = memoryRepo({
    'plain/a-deploy.yaml': deployment('a', ['gcr.io/proj/other:1']),
    'plain/b-init.yaml': deployment('b', ['busybox'], ['gcr.io/proj/app:0.9']),
    'plain/c-cron.yml': cronJob,
    'plain/d-rollout.yaml': rollout,
    'plain/e-not-argo.yaml': notRollout,
    'plain/f-multi.yaml': `${deployment('x', ['nginx'])}---\n${pod}`,
    'plain/.argocd-source-demo.yaml': 'kustomize:\n  images: [gcr.io/proj/app:2]\n',
    'plain/nested/g.yaml': deployment('g', ['gcr.io/proj/app:1.0.0']),
    'plain/notes.txt': 'image: gcr.io/proj/app',
  });
  const cases: { name: string; recurse: boolean; ref: string; kustomizeImageName?: string; files: string[] | null }[] = [
    { name: 'initContainers, CronJob, argoproj Rollout, Pod in a later document', recurse: false, ref: 'gcr.io/proj/app', files: ['plain/b-init.yaml', 'plain/c-cron.yml', 'plain/d-rollout.yaml', 'plain/f-multi.yaml'] },
    { name: 'directory.recurse reads subdirectories', recurse: true, ref: 'gcr.io/proj/app', files: ['plain/b-init.yaml', 'plain/c-cron.yml', 'plain/d-rollout.yaml', 'plain/f-multi.yaml', 'plain/nested/g.yaml'] },
    { name: 'Docker Hub short name', recurse: false, ref: 'docker.io/library/nginx', files: ['plain/f-multi.yaml'] },
    { name: 'kustomize.image-name names the manifests image', recurse: false, ref: 'gcr.io/mirror/other', kustomizeImageName: 'gcr.io/proj/other', files: ['plain/a-deploy.yaml'] },
    { name: 'no container uses the image', recurse: true, ref: 'gcr.io/proj/missing', files: null },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const application = app({ sources: [source({ path: 'plain', ...(c.recurse ? { directory: { recurse: true } } : {}) })] });
      const cfg = config(application, [image(c.ref, c.kustomizeImageName ? { kustomizeImageName: c.kustomizeImageName } : {})]);
      if (c.files === null) {
        expect(() => resolveTarget(cfg, cfg.images[0], repo)).toThrow(/no container in "plain" uses gcr.io\/proj\/missing/);
      } else {
        expect(resolveTarget(cfg, cfg.images[0], repo)).toEqual({ kind: 'manifest', files: c.files });
      }
    });
  }
});
