/** Two Applications writing one value differently (issue 14 item 4, issue 10 per-cluster copies). */
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/edit/apply-edits.js';
import type { EditTarget } from '../../src/resolve/types.js';
import { makeEdit, memoryFiles } from './make-edit.js';

const values: EditTarget = { kind: 'helm-values', file: 'values.yaml', create: false, nameKey: 'image.repository', tagKey: 'image.tag' };
const text = 'image:\n  repository: gcr.io/p/app\n  tag: v1\nother:\n  tag: v1\n';
const source: EditTarget = { kind: 'argocd-source', file: 'apps/web/.argocd-source-web.yaml', appType: 'kustomize' };

describe('applyEdits: two Applications writing one value', () => {
  it('different tags on the same line: one error naming both Applications and file:line; neither is written', () => {
    const blue = makeEdit('gcr.io/p/app', values, { tag: 'v2' }, { application: 'blue' });
    const green = makeEdit('gcr.io/p/app', values, { tag: 'v3' }, { application: 'green' });
    const result = applyEdits([blue, green], memoryFiles({ 'values.yaml': text }));
    expect(result.changes).toEqual([]);
    expect(result.failures).toHaveLength(1);
    const [failure] = result.failures;
    expect(failure.edit).toBe(blue);
    expect(failure.others).toEqual([green]);
    expect(failure.error.message).toBe('Applications blue and green both write values.yaml:3 (blue wants v2, green wants v3); neither is written');
    expect(failure.error).toMatchObject({ application: 'blue', file: 'values.yaml', line: 3 });
  });

  it('the same tag from both is no conflict', () => {
    const blue = makeEdit('gcr.io/p/app', values, { tag: 'v2' }, { application: 'blue' });
    const green = makeEdit('gcr.io/p/app', values, { tag: 'v2' }, { application: 'green' });
    const result = applyEdits([blue, green], memoryFiles({ 'values.yaml': text }));
    expect(result.failures).toEqual([]);
    expect(result.changes[0].after).toBe(text.replace('tag: v1\nother', 'tag: v2\nother'));
  });

  it('the refused pair leaves the other Applications edits in the same file', () => {
    const files = memoryFiles({ 'values.yaml': text });
    const blue = makeEdit('gcr.io/p/app', values, { tag: 'v2' }, { application: 'blue' });
    const green = makeEdit('gcr.io/p/app', values, { tag: 'v3' }, { application: 'green' });
    const other = makeEdit('gcr.io/p/other', { kind: 'helm-values', file: 'values.yaml', create: false, specKey: 'other.tag' }, { tag: 'v9' }, { application: 'other' });
    const result = applyEdits([blue, other, green], files);
    expect(result.failures.map((f) => [f.edit.application, f.others?.map((o) => o.application)])).toEqual([['blue', ['green']]]);
    expect(result.changes).toEqual([{ path: 'values.yaml', before: text, after: text.replace('other:\n  tag: v1', 'other:\n  tag: gcr.io/p/other:v9') }]);
  });

  it('one Application setting a value twice is not a conflict with itself', () => {
    const a = makeEdit('gcr.io/p/app', values, { tag: 'v2' }, { application: 'web' });
    const b = makeEdit('gcr.io/p/app', values, { tag: 'v3' }, { application: 'web', alias: 'again' });
    expect(applyEdits([a, b], memoryFiles({ 'values.yaml': text })).failures).toEqual([]);
  });

  it('copies sharing an override file conflict only when they want different tags', () => {
    const east = makeEdit('gcr.io/p/app', source, { tag: 'v2' }, { application: 'web (clusters/east/web.yaml)' });
    const west = makeEdit('gcr.io/p/app', source, { tag: 'v3' }, { application: 'web (clusters/west/web.yaml)' });
    const conflict = applyEdits([east, west], memoryFiles({}));
    expect(conflict.changes).toEqual([]);
    expect(conflict.failures[0].error.message).toMatch(/^Applications web \(clusters\/east\/web.yaml\) and web \(clusters\/west\/web.yaml\) both write apps\/web\/.argocd-source-web.yaml:\d+ /);
    const same = applyEdits([east, { ...west, newImage: { tag: 'v2' } }], memoryFiles({}));
    expect(same.failures).toEqual([]);
    expect(same.changes).toHaveLength(1);
  });
});
