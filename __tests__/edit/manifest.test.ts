import { describe, expect, it } from 'vitest';
import { editManifest, newImageText } from '../../src/edit/manifest.js';
import { makeEdit } from './make-edit.js';

const target = { kind: 'manifest' as const, files: ['m.yaml'] };
const edit = (tag: string, digest?: string) => makeEdit('gcr.io/p/app', target, { tag, ...(digest ? { digest } : {}) });
const D = `sha256:${'a'.repeat(64)}`;

describe('newImageText keeps the name as written and sets the tag (and digest)', () => {
  const cases: [string, string][] = [
    ['gcr.io/p/app:v1', 'gcr.io/p/app:v2'],
    ['gcr.io/p/app', 'gcr.io/p/app:v2'],
    [`gcr.io/p/app:v1@${D}`, 'gcr.io/p/app:v2'],
    [`gcr.io/p/app@${D}`, 'gcr.io/p/app:v2'],
    ['localhost:5000/p/app', 'localhost:5000/p/app:v2'],
    ['localhost:5000/p/app:v1', 'localhost:5000/p/app:v2'],
    ['nginx', 'nginx:v2'],
  ];
  for (const [written, out] of cases) {
    it(`${written} -> ${out}`, () => {
      expect(newImageText(written, edit('v2'))).toBe(out);
    });
  }
  it('with a digest', () => {
    expect(newImageText('gcr.io/p/app:v1', edit('v2', D))).toBe(`gcr.io/p/app:v2@${D}`);
  });
});

describe('editManifest', () => {
  const text = [
    'kind: ConfigMap # not a workload: untouched',
    'spec:',
    '  containers:',
    '    - image: gcr.io/p/app:v1',
    '---',
    'kind: Deployment',
    'spec:',
    '  template:',
    '    spec:',
    '      initContainers:',
    '        - name: init',
    '          image: "gcr.io/p/app:v1"',
    '      containers:',
    '        - name: other',
    '          image: gcr.io/p/other:v1',
    '        - name: app',
    '          image: gcr.io/p/app:v1 # pinned',
    '        - name: list-image',
    '          image: [gcr.io/p/app:v1]',
    '        - just a string',
    '---',
    'kind: CronJob',
    'spec:',
    '  jobTemplate:',
    '    spec:',
    '      template:',
    '        spec:',
    '          containers:',
    '            - image: gcr.io/p/app',
    '',
  ].join('\n');

  it('edits every matching container image of every workload document, and nothing else', () => {
    const out = editManifest(text, 'm.yaml', edit('v2'));
    expect(out.matches).toBe(3);
    expect(out.text).toBe(
      text
        .replace('          image: "gcr.io/p/app:v1"', '          image: "gcr.io/p/app:v2"')
        .replace('image: gcr.io/p/app:v1 # pinned', 'image: gcr.io/p/app:v2 # pinned')
        .replace('            - image: gcr.io/p/app\n', '            - image: gcr.io/p/app:v2\n'),
    );
    expect(out.checks.map((c) => [c.doc, c.path.join('.'), c.value])).toEqual([
      [1, 'spec.template.spec.initContainers.0.image', 'gcr.io/p/app:v2'],
      [1, 'spec.template.spec.containers.1.image', 'gcr.io/p/app:v2'],
      [2, 'spec.jobTemplate.spec.template.spec.containers.0.image', 'gcr.io/p/app:v2'],
    ]);
    expect(out.changed).toEqual(out.checks.map(({ doc, path }) => ({ doc, path })));
  });

  it('counts a match that already holds the value but writes nothing', () => {
    const same = 'kind: Pod\nspec:\n  containers:\n    - image: gcr.io/p/app:v2\n';
    const out = editManifest(same, 'm.yaml', edit('v2'));
    expect(out).toEqual({ text: same, checks: [{ doc: 0, path: ['spec', 'containers', 0, 'image'], value: 'gcr.io/p/app:v2' }], changed: [{ doc: 0, path: ['spec', 'containers', 0, 'image'] }], created: [], matches: 1 });
  });

  it('a value that already reads as the new one is left as written, escapes and all', () => {
    const escaped = 'kind: Pod\nspec:\n  containers:\n    - image: "gcr.io/p/app:v\\x32"\n';
    expect(editManifest(escaped, 'm.yaml', edit('v2'))).toMatchObject({ text: escaped, matches: 1 });
  });

  it('only containers and initContainers lists are container lists; a non-scalar key is not searched', () => {
    const sidecars = 'kind: Pod\nspec:\n  sidecars:\n    - image: gcr.io/p/app:v1\n';
    expect(editManifest(sidecars, 'm.yaml', edit('v2')).matches).toBe(0);
    const complexKey = 'kind: Pod\n? [spec]\n: containers:\n    - image: gcr.io/p/app:v1\n';
    expect(editManifest(complexKey, 'm.yaml', edit('v2')).matches).toBe(0);
  });

  it('every workload kind is searched (Argo Rollouts too), other kinds are not', () => {
    const pod = (kind: string) => `kind: ${kind}\nspec:\n  containers:\n    - image: gcr.io/p/app:v1\n`;
    for (const kind of ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Rollout', 'ReplicationController']) {
      expect(editManifest(pod(kind), 'm.yaml', edit('v2')).matches, kind).toBe(1);
    }
    for (const kind of ['Service', 'ConfigMap', 'pod']) expect(editManifest(pod(kind), 'm.yaml', edit('v2')).matches, kind).toBe(0);
  });

  it('a container without an image is passed over', () => {
    const text = 'kind: Pod\nspec:\n  containers:\n    - name: no-image\n    - image: gcr.io/p/app:v1\n';
    expect(editManifest(text, 'm.yaml', edit('v2'))).toMatchObject({ text: text.replace('app:v1', 'app:v2'), matches: 1 });
  });

  it('does not look deeper than 12 levels, nor into documents without a kind', () => {
    const deep = `kind: Pod\n${Array.from({ length: 13 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')}\n${'  '.repeat(13)}containers:\n${'  '.repeat(13)}  - image: gcr.io/p/app:v1\n`;
    expect(editManifest(deep, 'm.yaml', edit('v2')).matches).toBe(0);
    const shallow = `kind: Pod\n${Array.from({ length: 12 }, (_, i) => `${'  '.repeat(i)}k${i}:`).join('\n')}\n${'  '.repeat(12)}containers:\n${'  '.repeat(12)}  - image: gcr.io/p/app:v1\n`;
    expect(editManifest(shallow, 'm.yaml', edit('v2')).matches).toBe(1);
    expect(editManifest('spec:\n  containers:\n    - image: gcr.io/p/app:v1\n', 'm.yaml', edit('v2')).matches).toBe(0);
    expect(editManifest('- kind: Pod\n', 'm.yaml', edit('v2')).matches).toBe(0);
  });
});
