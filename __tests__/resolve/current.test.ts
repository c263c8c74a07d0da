import { describe, it, expect } from 'vitest';
import { parseKustomizeImage, pickCurrent, splitTagDigest, type Found } from '../../src/resolve/current.js';
import { readCurrent } from '../../src/resolve/current.js';
import { resolveTarget } from '../../src/resolve/targets.js';
import type { CurrentImage } from '../../src/resolve/types.js';
import { app, config, deployment, image, memoryRepo, source } from './helpers.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;

describe('parseKustomizeImage', () => {
  const cases: { text: string; expected: object | undefined }[] = [
    { text: 'gcr.io/p/app:1.4.2', expected: { ref: { registry: 'gcr.io', repository: 'p/app', tag: '1.4.2' } } },
    { text: 'app=gcr.io/p/app:2', expected: { original: 'app', ref: { registry: 'gcr.io', repository: 'p/app', tag: '2' } } },
    { text: `nginx@${D1}`, expected: { ref: { registry: 'docker.io', repository: 'library/nginx', digest: D1 } } },
    { text: 'not an image', expected: undefined },
  ];
  for (const c of cases) it(c.text, () => expect(parseKustomizeImage(c.text)).toEqual(c.expected));
});

describe('splitTagDigest', () => {
  const cases = [
    { value: '1.2.3', expected: { tag: '1.2.3' } },
    { value: `stable@${D1}`, expected: { tag: 'stable', digest: D1 } },
    { value: `@${D1}`, expected: { digest: D1 } },
    { value: '', expected: {} },
  ];
  for (const c of cases) it(JSON.stringify(c.value), () => expect(splitTagDigest(c.value)).toEqual(c.expected));
});

describe('pickCurrent', () => {
  const at = (line: number): Found['at'] => ({ file: 'f.yaml', line });
  const cases: { name: string; layers: Found[][]; strategy?: 'digest' | 'semver'; constraint?: string; expected: CurrentImage | undefined }[] = [
    { name: 'nothing anywhere', layers: [[], []], expected: undefined },
    { name: 'first layer with a tag wins', layers: [[], [{ tag: '2', at: at(2) }], [{ tag: '1', at: at(3) }]], expected: { tag: '2', at: at(2) } },
    {
      name: 'a rename-only mention gives the name, a lower layer the tag',
      layers: [[{ name: 'gcr.io/p/app', at: at(1) }], [{ tag: '1', name: 'app', at: at(5) }]],
      expected: { tag: '1', name: 'app', at: at(5) },
    },
    {
      name: 'digest strategy: the mention tracking the constraint',
      layers: [[{ tag: 'stable', digest: D1, at: at(1) }, { tag: 'canary', digest: D2, at: at(9) }]],
      strategy: 'digest',
      constraint: 'canary',
      expected: { tag: 'canary', digest: D2, at: at(9) },
    },
    {
      name: 'other strategies: the first mention',
      layers: [[{ tag: 'stable', at: at(1) }, { tag: 'canary', at: at(9) }]],
      constraint: 'canary',
      expected: { tag: 'stable', at: at(1) },
    },
    { name: 'name only', layers: [[{ name: 'app', at: at(1) }]], expected: { name: 'app' } },
  ];
  for (const c of cases) {
    it(c.name, () => expect(pickCurrent(c.layers, { strategy: c.strategy ?? 'semver', constraint: c.constraint ?? '' })).toEqual(c.expected));
  }
});

const APP_FILE = 'argocd/web.yaml';
function appYaml(extra: string): string {
  return `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec:\n  source:\n    path: apps/web/overlays/prod\n${extra}`;
}

const kustomizeFiles: Record<string, string> = {
  'apps/web/overlays/prod/kustomization.yaml': 'resources:\n  - ../../base\nimages:\n  - name: gcr.io/proj/app\n    newTag: 1.2.0\n',
  'apps/web/overlays/prod/.argocd-source-web.yaml': `kustomize:\n  images:\n    - quay.io/other/x:9\n    - gcr.io/proj/app:1.4.2@${D1}\n`,
  'apps/web/base/kustomization.yaml': 'resources:\n  - deployment.yaml\nimages:\n  - name: gcr.io/proj/app\n    newTag: 1.0.0\n',
  'apps/web/base/deployment.yaml': deployment('web', ['gcr.io/proj/app:0.1.0']),
  [APP_FILE]: appYaml('    kustomize:\n      images:\n        - gcr.io/proj/app:1.3.0\n'),
};

function without(files: Record<string, string>, ...drop: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(files).filter(([path]) => !drop.includes(path)));
}

describe('readCurrent: kustomize precedence', () => {
  const withOwn = source({ path: 'apps/web/overlays/prod', kustomize: { images: ['gcr.io/proj/app:1.3.0'] } });
  const plain = source({ path: 'apps/web/overlays/prod' });
  const overlay = 'apps/web/overlays/prod/kustomization.yaml';
  const cases: { name: string; files: Record<string, string>; src: ReturnType<typeof source>; target?: string; expected: CurrentImage | undefined }[] = [
    { name: '.argocd-source file first', files: kustomizeFiles, src: withOwn, expected: { tag: '1.4.2', digest: D1, name: 'gcr.io/proj/app', at: { file: 'apps/web/overlays/prod/.argocd-source-web.yaml', line: 4 } } },
    { name: "then the Application's own kustomize.images", files: without(kustomizeFiles, 'apps/web/overlays/prod/.argocd-source-web.yaml'), src: withOwn, expected: { tag: '1.3.0', name: 'gcr.io/proj/app', at: { file: APP_FILE, line: 10 } } },
    { name: 'then the overlay images: entry', files: without(kustomizeFiles, 'apps/web/overlays/prod/.argocd-source-web.yaml'), src: plain, expected: { tag: '1.2.0', name: 'gcr.io/proj/app', at: { file: overlay, line: 5 } } },
    {
      name: 'then the base entry (overlay entry without tag)',
      files: { ...without(kustomizeFiles, 'apps/web/overlays/prod/.argocd-source-web.yaml'), [overlay]: 'resources: [../../base]\nimages:\n  - name: gcr.io/proj/app\n' },
      src: plain,
      expected: { tag: '1.0.0', name: 'gcr.io/proj/app', at: { file: 'apps/web/base/kustomization.yaml', line: 5 } },
    },
    {
      name: 'then the plain manifest',
      files: { ...without(kustomizeFiles, 'apps/web/overlays/prod/.argocd-source-web.yaml'), [overlay]: 'resources: [../../base]\n', 'apps/web/base/kustomization.yaml': 'resources: [deployment.yaml]\n' },
      src: plain,
      expected: { tag: '0.1.0', name: 'gcr.io/proj/app', at: { file: 'apps/web/base/deployment.yaml', line: 10 } },
    },
    { name: 'nothing in git', files: { [overlay]: 'resources: []\n' }, src: plain, expected: undefined },
    {
      name: 'kustomization target elsewhere is read before the source tree',
      files: { ...without(kustomizeFiles, 'apps/web/overlays/prod/.argocd-source-web.yaml'), 'envs/prod/kustomization.yaml': 'images:\n- name: gcr.io/proj/app\n  newTag: "3.0"\n' },
      src: plain,
      target: 'kustomization:/envs/prod',
      expected: { tag: '3.0', name: 'gcr.io/proj/app', at: { file: 'envs/prod/kustomization.yaml', line: 3 } },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const files = memoryRepo(c.files);
      const cfg = config(app({ name: 'web', file: APP_FILE, sources: [c.src] }), [image('gcr.io/proj/app')], c.target);
      const target = resolveTarget(cfg, cfg.images[0], files);
      expect(readCurrent(cfg, cfg.images[0], target, files)).toEqual(c.expected);
    });
  }
});

describe('readCurrent: names as written', () => {
  const cases: { name: string; files: Record<string, string>; ns?: string; img: ReturnType<typeof image>; expected: CurrentImage | undefined }[] = [
    {
      name: 'original=new form, matched by kustomize.image-name',
      files: { 'k/kustomization.yaml': 'resources: []\n', 'k/.argocd-source-web.yaml': 'kustomize:\n  images:\n  - app=gcr.io/proj/app-dev:5\n' },
      img: image('gcr.io/proj/app-dev', { kustomizeImageName: 'app' }),
      expected: { tag: '5', name: 'gcr.io/proj/app-dev', at: { file: 'k/.argocd-source-web.yaml', line: 3 } },
    },
    {
      name: 'namespaced override file name',
      files: { 'k/kustomization.yaml': 'resources: []\n', 'k/.argocd-source-team_web.yaml': 'kustomize:\n  images:\n  - nginx:1.25\n', 'k/.argocd-source-web.yaml': 'kustomize:\n  images:\n  - nginx:1.0\n' },
      ns: 'team',
      img: image('docker.io/library/nginx'),
      expected: { tag: '1.25', name: 'nginx', at: { file: 'k/.argocd-source-team_web.yaml', line: 3 } },
    },
    {
      name: '#208 shape: entry name app renamed to the image',
      files: { 'k/kustomization.yaml': 'images:\n  - name: app\n    newName: gcr.io/proj/app\n    newTag: 1.0.0\n' },
      img: image('gcr.io/proj/app'),
      expected: { tag: '1.0.0', name: 'gcr.io/proj/app', at: { file: 'k/kustomization.yaml', line: 4 } },
    },
    {
      name: 'generic .argocd-source.yaml is read after the app-specific one',
      files: { 'k/kustomization.yaml': 'resources: []\n', 'k/.argocd-source.yaml': 'kustomize:\n  images: [gcr.io/proj/app:7]\n' },
      img: image('gcr.io/proj/app'),
      expected: { tag: '7', name: 'gcr.io/proj/app', at: { file: 'k/.argocd-source.yaml', line: 2 } },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const files = memoryRepo(c.files);
      const cfg = config(app({ name: 'web', namespace: c.ns, sources: [source({ path: 'k' })] }), [c.img]);
      const target = resolveTarget(cfg, cfg.images[0], files);
      expect(readCurrent(cfg, cfg.images[0], target, files)).toEqual(c.expected);
    });
  }
});
