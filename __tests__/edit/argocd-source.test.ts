import { describe, expect, it } from 'vitest';
import { mergeImages, readOverride, renderOverride, sortParams } from '../../src/edit/argocd-source-model.js';
import { editArgocdSource } from '../../src/edit/argocd-source.js';
import type { EditTarget } from '../../src/resolve/types.js';
import { makeEdit } from './make-edit.js';

const kustomize = (extra: Partial<Extract<EditTarget, { kind: 'argocd-source' }>> = {}): EditTarget => ({
  kind: 'argocd-source',
  file: 'apps/demo/.argocd-source-demo.yaml',
  appType: 'kustomize',
  ...extra,
});
const helm = (helmKeys?: { nameKey?: string; tagKey?: string; specKey?: string }): EditTarget => ({
  kind: 'argocd-source',
  file: 'apps/demo/.argocd-source-demo.yaml',
  appType: 'helm',
  helm: helmKeys,
});

// Expected bytes come from argocd-image-updater's own tests (pkg/argocd/update_test.go at de2cfec6):
// Test_MarshalParamsOverride, TestMarshalParamsOverride_PreservesDocumentStart_Kustomize; their
// encoder output always ends with one newline (they compare TrimSpace'd strings).
describe('editArgocdSource: the updater’s bytes', () => {
  const cases: { name: string; before: string | null; ref: string; target: EditTarget; tag: string; digest?: string; after: string }[] = [
    {
      name: 'Merge images param: replaced in place, unknown entry kept',
      before: 'kustomize:\n  images:\n  - existing:latest\n  - updated:old\n',
      ref: 'updated',
      target: kustomize(),
      tag: 'latest',
      after: 'kustomize:\n  images:\n  - existing:latest\n  - updated:latest\n',
    },
    {
      name: 'issue #1411: explicit docker.io entry replaced, not duplicated',
      before: 'kustomize:\n  images:\n  - docker.io/jannfis/foobar:1.0.0\n',
      ref: 'jannfis/foobar',
      target: kustomize(),
      tag: '1.0.1',
      after: 'kustomize:\n  images:\n  - jannfis/foobar:1.0.1\n',
    },
    {
      name: 'new file, kustomize with kustomize.image-name',
      before: null,
      ref: 'gcr.io/proj/app',
      target: kustomize({ kustomizeName: 'app' }),
      tag: '1.4.2',
      after: 'kustomize:\n  images:\n  - app=gcr.io/proj/app:1.4.2\n',
    },
    {
      name: 'issue #1174: new Helm file holds only image parameters, sorted',
      before: null,
      ref: 'nginx',
      target: helm(),
      tag: '1.2.3',
      after: 'helm:\n  parameters:\n  - name: image.name\n    value: nginx\n    forcestring: true\n  - name: image.tag\n    value: 1.2.3\n    forcestring: true\n',
    },
    {
      name: 'Helm merge keeps unknown parameters (forcestring false written out) and sorts by name',
      before: 'helm:\n  parameters:\n  - name: baz\n    value: baz\n    forcestring: false\n',
      ref: 'nginx',
      target: helm(),
      tag: 'v2',
      after: 'helm:\n  parameters:\n  - name: baz\n    value: baz\n    forcestring: false\n  - name: image.name\n    value: nginx\n    forcestring: true\n  - name: image.tag\n    value: v2\n    forcestring: true\n',
    },
    {
      name: 'unreadable file is overwritten (random content)',
      before: 'random content',
      ref: 'nginx',
      target: helm({ specKey: 'image.spec' }),
      tag: '1.0',
      after: 'helm:\n  parameters:\n  - name: image.spec\n    value: nginx:1.0\n    forcestring: true\n',
    },
    {
      name: 'document start and %YAML directive kept',
      before: '%YAML 1.2\n---\nkustomize:\n  images:\n  - baz\n',
      ref: 'foo',
      target: kustomize(),
      tag: '1',
      after: '%YAML 1.2\n---\nkustomize:\n  images:\n  - baz\n  - foo:1\n',
    },
    {
      name: 'numeric-looking tag double-quoted as go-yaml v3 does',
      before: null,
      ref: 'nginx',
      target: helm({ tagKey: 'image.tag', nameKey: 'image.repository' }),
      tag: '1.20',
      after: 'helm:\n  parameters:\n  - name: image.repository\n    value: nginx\n    forcestring: true\n  - name: image.tag\n    value: "1.20"\n    forcestring: true\n',
    },
    {
      name: 'digest strategy writes tag@digest',
      before: null,
      ref: 'gcr.io/p/app',
      target: kustomize(),
      tag: 'stable',
      digest: `sha256:${'a'.repeat(64)}`,
      after: `kustomize:\n  images:\n  - gcr.io/p/app:stable@sha256:${'a'.repeat(64)}\n`,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const edit = makeEdit(c.ref, c.target, { tag: c.tag, digest: c.digest });
      expect(editArgocdSource(c.before, edit).text).toBe(c.after);
      // A second run over its own output changes nothing (the updater then skips the commit).
      expect(editArgocdSource(c.after, edit).text).toBe(c.after);
    });
  }

  it('a hand-formatted file is spliced: comments and indentation kept, new entry appended', () => {
    const before = '# managed by hand\nhelm:\n  parameters:\n    - name: zzz\n      value: "1" # keep\n      forcestring: true\n    - name: image.tag\n      value: old\n';
    const edit = makeEdit('nginx', helm(), { tag: '1.20' });
    expect(editArgocdSource(before, edit).text).toBe(
      '# managed by hand\nhelm:\n  parameters:\n    - name: zzz\n      value: "1" # keep\n      forcestring: true\n    - name: image.tag\n      value: "1.20"\n      forcestring: true\n    - name: image.name\n      value: nginx\n      forcestring: true\n',
    );
  });
});

describe('override model (update.go merge and sort rules)', () => {
  const digest = `sha256:${'9'.repeat(64)}`;
  const cases: { name: string; existing: string[]; added: string[]; expected: string[] }[] = [
    { name: 'with-tag', existing: ['nginx:foo'], added: ['nginx:foo'], expected: ['nginx:foo'] },
    { name: 'no-tag keeps existing tag', existing: ['nginx:foo'], added: ['nginx'], expected: ['nginx:foo'] },
    { name: 'with-tag-1', existing: ['nginx'], added: ['nginx:latest'], expected: ['nginx:latest'] },
    { name: 'with-tag-sha', existing: ['nginx:latest'], added: [`nginx:latest@${digest}`], expected: [`nginx:latest@${digest}`] },
    { name: 'same digest, different tag text: kept', existing: [`bitnami/nginx:latest@${digest}`], added: [`bitnami/nginx@${digest}`], expected: [`bitnami/nginx:latest@${digest}`] },
    { name: 'with-registry-1: other registry appended', existing: ['quay.io/nginx:latest'], added: ['docker.io/nginx:latest'], expected: ['quay.io/nginx:latest', 'docker.io/nginx:latest'] },
    { name: 'docker.io/library explicit vs implicit', existing: ['docker.io/library/nginx:1.0.0'], added: ['nginx:1.0.1'], expected: ['nginx:1.0.1'] },
    { name: 'add to empty', existing: [], added: ['nginx:foo'], expected: ['nginx:foo'] },
  ];
  for (const c of cases) {
    it(`mergeImages ${c.name}`, () => {
      expect(mergeImages(c.existing, c.added)).toEqual(c.expected);
    });
  }

  it('sortParams sorts by name and keeps fields', () => {
    expect(sortParams([
      { name: 'image.tag', value: 'v2.0.0', forcestring: true },
      { name: 'image.name', value: 'nginx', forcestring: false },
    ])).toEqual([
      { name: 'image.name', value: 'nginx', forcestring: false },
      { name: 'image.tag', value: 'v2.0.0', forcestring: true },
    ]);
  });

  it('renders empty lists the way go-yaml does', () => {
    expect(renderOverride({ kind: 'helm', parameters: [] })).toBe('helm:\n  parameters: []\n');
    expect(renderOverride({ kind: 'kustomize', images: [] })).toBe('kustomize:\n  images: []\n');
  });

  it('reads forceString in Argo CD spelling (divergence: the updater would reset it to false)', () => {
    expect(readOverride('helm:\n  parameters:\n  - name: a\n    value: "1"\n    forceString: true\n', 'helm')).toEqual({
      kind: 'helm',
      parameters: [{ name: 'a', value: '1', forcestring: true }],
    });
  });
});
