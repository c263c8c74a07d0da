import { describe, it, expect } from 'vitest';
import type { AppSource } from '../../src/discover/types.js';
import { readCurrent } from '../../src/resolve/current.js';
import { resolveTarget } from '../../src/resolve/targets.js';
import type { CurrentImage } from '../../src/resolve/types.js';
import { app, config, deployment, image, memoryRepo, source } from './helpers.js';

const D1 = `sha256:${'1'.repeat(64)}`;

const chartFiles: Record<string, string> = {
  'chart/Chart.yaml': 'name: api\n',
  'chart/values.yaml': '# defaults\nimage:\n  name: gcr.io/proj/api\n  tag: 1.0.0\n',
  'chart/values-prod.yaml': 'image:\n  tag: 1.20\n',
};

describe('readCurrent: Helm precedence', () => {
  const valueFiles = ['values.yaml', 'values-prod.yaml'];
  const cases: {
    name: string;
    files?: Record<string, string>;
    helm?: AppSource['helm'];
    target?: string;
    img?: ReturnType<typeof image>;
    expected: CurrentImage | undefined;
  }[] = [
    { name: 'last value file wins; 1.20 stays text', helm: { valueFiles }, expected: { tag: '1.20', name: 'gcr.io/proj/api', at: { file: 'chart/values-prod.yaml', line: 2 } } },
    { name: 'without valueFiles only the chart values.yaml', expected: { tag: '1.0.0', name: 'gcr.io/proj/api', at: { file: 'chart/values.yaml', line: 4 } } },
    {
      name: 'valuesObject beats value files',
      helm: { valueFiles, valuesObject: { image: { tag: '1.5.0' } } },
      expected: { tag: '1.5.0', name: 'gcr.io/proj/api', at: { file: 'argocd/demo.yaml', line: 2 } },
    },
    {
      name: "the Application's own helm.parameters beat values",
      helm: { valueFiles, parameters: [{ name: 'image.tag', value: '1.6.0' }] },
      expected: { tag: '1.6.0', name: 'gcr.io/proj/api', at: { file: 'argocd/demo.yaml', line: 2 } },
    },
    {
      name: '.argocd-source parameters beat everything; tag@digest split',
      files: { ...chartFiles, 'chart/.argocd-source-demo.yaml': `helm:\n  parameters:\n  - name: image.tag\n    value: 1.7.0@${D1}\n    forcestring: true\n` },
      helm: { valueFiles, parameters: [{ name: 'image.tag', value: '1.6.0' }] },
      expected: { tag: '1.7.0', digest: D1, name: 'gcr.io/proj/api', at: { file: 'chart/.argocd-source-demo.yaml', line: 4 } },
    },
    {
      name: 'helmvalues target not listed in valueFiles is read first',
      files: { ...chartFiles, 'chart/values-dev.yaml': 'image:\n  tag: abc1234\n' },
      target: 'helmvalues:values-dev.yaml',
      expected: { tag: 'abc1234', name: 'gcr.io/proj/api', at: { file: 'chart/values-dev.yaml', line: 2 } },
    },
    {
      // Issue 10 item 12: the nested path before a literal dotted root key (update.go getHelmValue /
      // resolveHelmScalarNode; Helm's templates read .Values.image.tag, the nested one, too).
      name: 'nested path before a literal dotted root key',
      files: { ...chartFiles, 'chart/values.yaml': 'image.tag: literal\nimage:\n  tag: nested\n' },
      expected: { tag: 'nested', at: { file: 'chart/values.yaml', line: 3 } },
    },
    {
      name: 'one level of YAML alias is followed',
      files: { ...chartFiles, 'chart/values.yaml': 'defaults: &img\n  name: gcr.io/proj/api\n  tag: 2.0.0\nimage: *img\n' },
      expected: { tag: '2.0.0', name: 'gcr.io/proj/api', at: { file: 'chart/values.yaml', line: 3 } },
    },
    {
      name: 'alias keys and list indexes',
      files: { ...chartFiles, 'chart/values.yaml': 'apps:\n  - name: a\n  - image:\n      repo: gcr.io/proj/api\n      version: 3.1.0\n' },
      img: image('gcr.io/proj/api', { helm: { name: 'apps[1].image.repo', tag: 'apps[1].image.version' } }),
      expected: { tag: '3.1.0', name: 'gcr.io/proj/api', at: { file: 'chart/values.yaml', line: 5 } },
    },
    {
      name: 'image-spec key holds repo:tag',
      files: { ...chartFiles, 'chart/values.yaml': 'api:\n  image: gcr.io/proj/api:4.0.0\n' },
      img: image('gcr.io/proj/api', { helm: { spec: 'api.image' } }),
      expected: { tag: '4.0.0', name: 'gcr.io/proj/api', at: { file: 'chart/values.yaml', line: 2 } },
    },
    { name: 'no key anywhere', files: { 'chart/Chart.yaml': 'name: api\n' }, expected: undefined },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const files = memoryRepo(c.files ?? chartFiles);
      const img = c.img ?? image('gcr.io/proj/api');
      const cfg = config(app({ sources: [source({ path: 'chart', ...(c.helm ? { helm: c.helm } : {}) })] }), [img], c.target);
      const target = resolveTarget(cfg, img, files);
      expect(readCurrent(cfg, img, target, files)).toEqual(c.expected);
    });
  }

  it('points at the parameter line in the Application file when it can find it', () => {
    const appFile = [
      'apiVersion: argoproj.io/v1alpha1',
      'kind: Application',
      'metadata:',
      '  name: demo',
      'spec:',
      '  sources:',
      '    - repoURL: https://github.com/acme/gitops.git',
      '      path: chart',
      '      helm:',
      '        parameters:',
      '          - name: image.tag',
      '            value: "1.6.0"',
      '',
    ].join('\n');
    const files = memoryRepo({ ...chartFiles, 'argocd/demo.yaml': appFile });
    const src = source({ path: 'chart', helm: { parameters: [{ name: 'image.tag', value: '1.6.0' }] } });
    const cfg = config(app({ sources: [src, source({ index: 1, ref: 'values' })] }), [image('gcr.io/proj/api')]);
    const target = resolveTarget(cfg, cfg.images[0], files);
    expect(readCurrent(cfg, cfg.images[0], target, files)?.at).toEqual({ file: 'argocd/demo.yaml', line: 12 });
  });

  it('reads the inline helm.values string, after valuesObject, with its line in the Application file', () => {
    const values = 'image:\n  tag: 1.8.0\n';
    const appFile = ['kind: Application', 'metadata:', '  name: demo', 'spec:', '  source:', '    path: chart', '    helm:', '      values: |', '        image:', '          tag: 1.8.0', ''].join('\n');
    const files = memoryRepo({ ...chartFiles, 'argocd/demo.yaml': appFile });
    const img = image('gcr.io/proj/api');
    const cases: { name: string; helm: AppSource['helm']; expected: CurrentImage }[] = [
      { name: 'values string', helm: { values }, expected: { tag: '1.8.0', name: 'gcr.io/proj/api', at: { file: 'argocd/demo.yaml', line: 10 } } },
      { name: 'valuesObject wins', helm: { values, valuesObject: { image: { tag: '1.9.0' } } }, expected: { tag: '1.9.0', name: 'gcr.io/proj/api', at: { file: 'argocd/demo.yaml', line: 2 } } },
      { name: 'broken string ignored', helm: { values: 'image: [' }, expected: { tag: '1.0.0', name: 'gcr.io/proj/api', at: { file: 'chart/values.yaml', line: 4 } } },
    ];
    for (const c of cases) {
      const cfg = config(app({ sources: [source({ path: 'chart', helm: c.helm })] }), [img]);
      expect(readCurrent(cfg, img, resolveTarget(cfg, img, files), files), c.name).toEqual(c.expected);
    }
  });

  it('multi-source chart with $values: reads the referenced values file', () => {
    const files = memoryRepo({ 'apps/worker/values-prod.yaml': 'worker:\n  image:\n    repository: asia.gcr.io/acme/worker\n    tag: 0.9.1\n' });
    const sources = [
      source({ chart: 'worker', repoURL: 'https://charts.acme.example/stable', helm: { valueFiles: ['$values/apps/worker/values-prod.yaml'] } }),
      source({ index: 1, ref: 'values' }),
    ];
    const img = image('asia.gcr.io/acme/worker', { helm: { name: 'worker.image.repository', tag: 'worker.image.tag' } });
    const cfg = config(app({ name: 'worker-prod', sources }), [img], 'helmvalues:/apps/worker/values-prod.yaml');
    const target = resolveTarget(cfg, img, files);
    expect(target).toMatchObject({ kind: 'helm-values', file: 'apps/worker/values-prod.yaml' });
    expect(readCurrent(cfg, img, target, files)).toEqual({ tag: '0.9.1', name: 'asia.gcr.io/acme/worker', at: { file: 'apps/worker/values-prod.yaml', line: 4 } });
  });
});

describe('readCurrent: plain manifests', () => {
  const files = memoryRepo({
    'plain/deploy.yaml': deployment('web', [`gcr.io/proj/app:stable@${D1}`, 'gcr.io/proj/app:canary'], ['busybox:1']),
    'plain/job.yaml': deployment('job', ['nginx']),
  });
  const cases: { name: string; img: ReturnType<typeof image>; expected: CurrentImage | undefined }[] = [
    { name: 'first container naming the image', img: image('gcr.io/proj/app'), expected: { tag: 'stable', digest: D1, name: 'gcr.io/proj/app', at: { file: 'plain/deploy.yaml', line: 13 } } },
    {
      name: 'digest strategy: the container tracking the alias tag (#1757)',
      img: image('gcr.io/proj/app', { alias: 'canary', strategy: 'digest', constraint: 'canary' }),
      expected: { tag: 'canary', name: 'gcr.io/proj/app', at: { file: 'plain/deploy.yaml', line: 15 } },
    },
    { name: 'initContainers are read', img: image('busybox'), expected: { tag: '1', name: 'busybox', at: { file: 'plain/deploy.yaml', line: 10 } } },
    { name: 'image without tag', img: image('nginx'), expected: { name: 'nginx' } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const cfg = config(app({ sources: [source({ path: 'plain' })] }), [c.img]);
      const target = resolveTarget(cfg, c.img, files);
      expect(readCurrent(cfg, c.img, target, files)).toEqual(c.expected);
    });
  }
});
