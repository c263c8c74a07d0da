/** editArgocdSource on hand-formatted override files: spliced in place, comments kept (issue 13, mutation coverage). */
import { describe, expect, it } from 'vitest';
import { editArgocdSource } from '../../src/edit/argocd-source.js';
import type { EditTarget } from '../../src/resolve/types.js';
import { makeEdit } from './make-edit.js';

const file = 'apps/web/.argocd-source-web.yaml';
const helm: EditTarget = { kind: 'argocd-source', file, appType: 'helm' };
const kust: EditTarget = { kind: 'argocd-source', file, appType: 'kustomize' };
const edit = (target: EditTarget) => makeEdit('gcr.io/p/app', target, { tag: 'v2' });
const params = (tag: string) =>
  `  parameters:\n  - name: image.name\n    value: gcr.io/p/app\n    forcestring: true\n  - name: image.tag\n    value: ${tag}\n    forcestring: true\n`;

describe('editArgocdSource: hand-formatted files are spliced', () => {
  it('helm: the value is replaced in place (comment kept), forcestring false becomes true, order kept', () => {
    const before = '# hand\nhelm:\n  parameters:\n  - name: image.tag\n    value: v1   # pinned\n    forcestring: false\n  - name: image.name\n    value: gcr.io/p/app\n    forcestring: true\n';
    const out = editArgocdSource(before, edit(helm));
    expect(out.text).toBe(before.replace('v1   # pinned\n    forcestring: false', 'v2   # pinned\n    forcestring: true'));
    expect(out.created).toEqual([]);
    expect(out.changed).toEqual([{ doc: 0, path: [] }]);
  });

  it('helm: a parameter without forcestring gets one; the missing name parameter is appended', () => {
    const out = editArgocdSource('# hand\nhelm:\n  parameters:\n  - name: image.tag\n    value: v1\n', edit(helm));
    expect(out.text).toBe('# hand\nhelm:\n  parameters:\n  - name: image.tag\n    value: v2\n    forcestring: true\n  - name: image.name\n    value: gcr.io/p/app\n    forcestring: true\n');
  });

  it('helm: a section without a parameters list gets one', () => {
    expect(editArgocdSource('# hand\nhelm:\n  other: 1\n', edit(helm)).text).toBe(`# hand\nhelm:\n  other: 1\n${params('v2')}`);
  });

  it('helm: a file without the section gets it after the other keys', () => {
    expect(editArgocdSource('# hand\nfoo: 1\n', edit(helm)).text).toBe(`# hand\nfoo: 1\nhelm:\n${params('v2')}`);
  });

  it('kustomize: the entry is replaced in place with its comment, or appended after others', () => {
    expect(editArgocdSource('# hand\nkustomize:\n  images:\n  - gcr.io/p/app:v1  # c\n', edit(kust)).text).toBe('# hand\nkustomize:\n  images:\n  - gcr.io/p/app:v2  # c\n');
    expect(editArgocdSource('# hand\nkustomize:\n  images:\n  - other:v1  # c\n', edit(kust)).text).toBe('# hand\nkustomize:\n  images:\n  - other:v1  # c\n  - gcr.io/p/app:v2\n');
  });

  it('an unchanged entry is left as it is', () => {
    const before = '# hand\nkustomize:\n  images:\n  - gcr.io/p/app:v2  # c\n';
    expect(editArgocdSource(before, edit(kust)).text).toBe(before);
  });

  it('a missing file is created in the updater format', () => {
    const out = editArgocdSource(null, edit(helm));
    expect(out).toEqual({ text: `helm:\n${params('v2')}`, checks: [], changed: [{ doc: 0, path: [] }], created: [file] });
  });

  it('refuses a target that is not an override file', () => {
    expect(() => editArgocdSource(null, makeEdit('gcr.io/p/app', { kind: 'helm-values', file: 'v.yaml', create: false, specKey: 'x' }, { tag: 'v2' }))).toThrow('internal: not an argocd-source target');
  });

  it('plugin targets go to plugin.env', () => {
    const out = editArgocdSource(null, makeEdit('gcr.io/p/app', { kind: 'argocd-source', file, appType: 'plugin', plugin: { tagKey: 'T', env: [] } }, { tag: 'v2' }));
    expect(out.text).toBe('plugin:\n  env:\n  - name: T\n    value: v2\n');
  });
});
