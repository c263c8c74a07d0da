/**
 * pin-digest through planRun (issue 12), byte for byte per target format: the first run writes tag + digest;
 * a second run on the pinned files changes nothing; a run after the registry moved the tag changes only the digest.
 */
import { describe, expect, it } from 'vitest';
import { memoryRepo } from '../../src/discover/local-repo.js';
import { NullLogger } from '../../src/logger.js';
import { planRun } from '../../src/pipeline.js';
import { countingRegistry } from '../promote/chain-fixture.js';

const A = 'argocd-image-updater.argoproj.io/';
const P = 'image-promoter.argoproj.io/';
const IMAGE = 'r.example/team/web';
const D0 = `sha256:${'0'.repeat(64)}`;
const D1 = `sha256:${'1'.repeat(64)}`;
const D2 = `sha256:${'2'.repeat(64)}`;
const settings = { applications: [] as string[], mode: 'files' as const, allowDowngrade: false, dryRun: true };

function application(annotations: Record<string, string>, source = ''): string {
  const all = { [`${A}image-list`]: `web=${IMAGE}`, [`${A}write-back-method`]: 'git', [`${P}web.pin-digest`]: 'true', ...annotations };
  const lines = Object.entries(all).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`);
  return `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\n  namespace: argocd\n  annotations:\n${lines.join('\n')}\nspec:\n  source:\n    repoURL: https://github.com/acme/gitops.git\n    path: envs/web\n${source}`;
}

const CHART = 'apiVersion: v2\nname: web\nversion: 0.1.0\n';

interface Case {
  name: string;
  annotations: Record<string, string>;
  /** Files besides the Application, before the first run. */
  files: Record<string, string>;
  /** The file the change lands in, and its bytes after the first run (tag 1.1.0, digest D1). */
  file: string;
  after: string;
}

const cases: Case[] = [
  {
    name: 'kustomization: newTag, then a digest key after it',
    annotations: { [`${A}write-back-target`]: 'kustomization' },
    files: { 'envs/web/kustomization.yaml': `resources: []\nimages:\n  # the web image\n  - name: ${IMAGE}\n    newTag: 1.0.0 # set by CI\n` },
    file: 'envs/web/kustomization.yaml',
    after: `resources: []\nimages:\n  # the web image\n  - name: ${IMAGE}\n    newTag: 1.1.0 # set by CI\n    digest: ${D1}\n`,
  },
  {
    name: 'Helm values, tag key only: tag@digest (the updater form)',
    annotations: { [`${A}write-back-target`]: 'helmvalues:values.yaml', [`${A}web.helm.image-name`]: 'image.repository', [`${A}web.helm.image-tag`]: 'image.tag' },
    files: { 'envs/web/Chart.yaml': CHART, 'envs/web/values.yaml': `image:\n  repository: ${IMAGE}\n  tag: "1.0.0"  # quoted\nreplicas: 2\n` },
    file: 'envs/web/values.yaml',
    after: `image:\n  repository: ${IMAGE}\n  tag: "1.1.0@${D1}"  # quoted\nreplicas: 2\n`,
  },
  {
    name: 'Helm values with a digest key: bare tag in the tag key, the digest in its own',
    annotations: { [`${A}write-back-target`]: 'helmvalues:values.yaml', [`${A}web.helm.image-name`]: 'image.repository', [`${A}web.helm.image-tag`]: 'image.tag', [`${P}web.helm.image-digest`]: 'image.digest' },
    files: { 'envs/web/Chart.yaml': CHART, 'envs/web/values.yaml': `image:\n  repository: ${IMAGE}\n  tag: 1.0.0\n  digest: ""   # filled by the promoter\n` },
    file: 'envs/web/values.yaml',
    after: `image:\n  repository: ${IMAGE}\n  tag: 1.1.0\n  digest: "${D1}"   # filled by the promoter\n`,
  },
  {
    name: 'Helm values with a digest key the file lacks: the key is created beside the tag',
    annotations: { [`${A}write-back-target`]: 'helmvalues:values.yaml', [`${P}web.helm.image-digest`]: 'image.digest' },
    files: { 'envs/web/Chart.yaml': CHART, 'envs/web/values.yaml': `image:\n  name: ${IMAGE}\n  tag: 1.0.0\n` },
    file: 'envs/web/values.yaml',
    after: `image:\n  name: ${IMAGE}\n  tag: 1.1.0\n  digest: ${D1}\n`,
  },
  {
    name: 'Helm values with an image-spec key: repo:tag@digest',
    annotations: { [`${A}write-back-target`]: 'helmvalues:values.yaml', [`${A}web.helm.image-spec`]: 'web.image' },
    files: { 'envs/web/Chart.yaml': CHART, 'envs/web/values.yaml': `web:\n  image: ${IMAGE}:1.0.0\n` },
    file: 'envs/web/values.yaml',
    after: `web:\n  image: ${IMAGE}:1.1.0@${D1}\n`,
  },
  {
    name: '.argocd-source for kustomize: name:tag@digest',
    annotations: {},
    files: { 'envs/web/kustomization.yaml': `images:\n  - name: ${IMAGE}\n    newTag: 1.0.0\n`, 'envs/web/.argocd-source-web.yaml': `kustomize:\n  images:\n  - ${IMAGE}:1.0.0\n` },
    file: 'envs/web/.argocd-source-web.yaml',
    after: `kustomize:\n  images:\n  - ${IMAGE}:1.1.0@${D1}\n`,
  },
  {
    name: '.argocd-source for Helm with a digest key: a parameter each',
    annotations: { [`${A}web.helm.image-name`]: 'image.repository', [`${A}web.helm.image-tag`]: 'image.tag', [`${P}web.helm.image-digest`]: 'image.digest' },
    files: {
      'envs/web/Chart.yaml': CHART,
      'envs/web/values.yaml': `image:\n  repository: ${IMAGE}\n  tag: 1.0.0\n`,
      'envs/web/.argocd-source-web.yaml': `helm:\n  parameters:\n  - name: image.digest\n    value: ""\n    forcestring: true\n  - name: image.repository\n    value: ${IMAGE}\n    forcestring: true\n  - name: image.tag\n    value: 1.0.0\n    forcestring: true\n`,
    },
    file: 'envs/web/.argocd-source-web.yaml',
    after: `helm:\n  parameters:\n  - name: image.digest\n    value: ${D1}\n    forcestring: true\n  - name: image.repository\n    value: ${IMAGE}\n    forcestring: true\n  - name: image.tag\n    value: 1.1.0\n    forcestring: true\n`,
  },
  {
    name: 'plain manifest: image: name:tag@digest',
    annotations: {},
    files: { 'envs/web/deployment.yaml': `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${IMAGE}:1.0.0 # web\n` },
    file: 'envs/web/deployment.yaml',
    after: `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: ${IMAGE}:1.1.0@${D1} # web\n`,
  },
];

async function plan(c: Case, files: Record<string, string>, digestOf110: string) {
  const registry = countingRegistry({ '1.0.0': D0, '1.1.0': digestOf110 });
  const repo = memoryRepo({ 'apps/web.yaml': application(c.annotations), ...files });
  const { report, changes } = await planRun(repo, settings, registry, NullLogger);
  expect(report.errors).toEqual([]);
  return { report, changes, registry };
}

describe('pin-digest, per target format', () => {
  it.each(cases)('$name', async (c) => {
    const first = await plan(c, c.files, D1);
    expect(first.changes.map((ch) => [ch.path, ch.after])).toEqual([[c.file, c.after]]);
    expect(first.report.updates).toMatchObject([{ from: '1.0.0', to: '1.1.0', digest: D1, pinned: true }]);
    // One listing, one manifest read of the pick (semver reads no other metadata).
    expect(first.registry.calls).toEqual({ listTags: 1, getMetadata: ['1.1.0'] });

    const pinned = { ...c.files, [c.file]: c.after };
    const again = await plan(c, pinned, D1);
    expect(again.changes).toEqual([]);
    expect(again.report.unchanged).toMatchObject([{ application: 'web', tag: '1.1.0' }]);

    const moved = await plan(c, pinned, D2);
    expect(moved.changes.map((ch) => [ch.path, ch.after])).toEqual([[c.file, c.after.replace(D1, D2)]]);
    expect(moved.report.updates).toMatchObject([{ from: `1.1.0@${D1}`, to: '1.1.0', digest: D2, pinned: true }]);
  });
});

describe('pin-digest turned off', () => {
  it('writes the bare tag again, dropping the digest (as the updater does for a tag strategy)', async () => {
    const c = cases[0]!;
    const unpinned = { ...c, annotations: { ...c.annotations, [`${P}web.pin-digest`]: 'false' } };
    const { changes, report } = await plan(unpinned, { [c.file]: c.after }, D1);
    expect(changes.map((ch) => [ch.path, ch.after])).toEqual([[c.file, `resources: []\nimages:\n  # the web image\n  - name: ${IMAGE}\n    newTag: 1.1.0 # set by CI\n`]]);
    expect(report.updates).toMatchObject([{ from: `1.1.0@${D1}`, to: '1.1.0', digest: null }]);
    expect(report.updates[0]!.pinned).toBeUndefined();
  });
});
