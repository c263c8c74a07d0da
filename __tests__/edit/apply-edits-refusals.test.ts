/** applyEdits: which error each refused edit carries (issue 13, mutation coverage of apply-edits.ts). */
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/edit/apply-edits.js';
import type { EditTarget, RepoFiles } from '../../src/resolve/types.js';
import { makeEdit, memoryFiles } from './make-edit.js';

const values = (file: string, specKey: string): EditTarget => ({ kind: 'helm-values', file, create: false, specKey });
const deploy = 'kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - image: gcr.io/p/app:v1\n';

describe('applyEdits: refusals', () => {
  it('an override file that exists but was not read is never created over', () => {
    const files: RepoFiles = { ...memoryFiles({}), unread: (path) => (path === 'apps/.argocd-source-demo.yaml' ? 'it is not a YAML file' : undefined) };
    const target: EditTarget = { kind: 'argocd-source', file: 'apps/.argocd-source-demo.yaml', appType: 'helm' };
    const result = applyEdits([makeEdit('gcr.io/p/app', target, { tag: 'v2' })], files);
    expect(result.changes).toEqual([]);
    expect(result.failures.map((f) => f.error.message)).toEqual([
      'refusing to write "apps/.argocd-source-demo.yaml": it is not a YAML file, and only YAML files that were read are edited',
    ]);
  });

  it('when one edit fails, another whose file would fail verification is refused for the first failure (verification is not run)', () => {
    const files = memoryFiles({ 'bad.yaml': 'web: nginx\n', 'shared.yaml': 'base: &b\n  tag: v1\nimage: *b\n' });
    const bad = makeEdit('gcr.io/p/web', values('bad.yaml', 'web.tag'), { tag: 'v3' });
    const shared = makeEdit('gcr.io/p/app', values('shared.yaml', 'base.tag'), { tag: 'v2' });
    const messages = applyEdits([bad, shared], files).failures.map((f) => f.error.message);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^cannot reach/);
    expect(messages[1]).toMatch(/^not written, because another image of this Application could not be written \(cannot reach/);
  });

  it('a refused manifest edit names its first file', () => {
    const files = memoryFiles({ 'bad.yaml': 'web: nginx\n', 'a.yaml': deploy });
    const bad = makeEdit('gcr.io/p/web', values('bad.yaml', 'web.tag'), { tag: 'v3' });
    const manifest = makeEdit('gcr.io/p/app', { kind: 'manifest', files: ['a.yaml'] }, { tag: 'v2' });
    const [, refused] = applyEdits([bad, manifest], files).failures;
    expect(refused.edit).toBe(manifest);
    expect(refused.error.file).toBe('a.yaml');
  });

  it('a manifest edit that finds no container names the first file and says what to do', () => {
    const result = applyEdits([makeEdit('gcr.io/p/app', { kind: 'manifest', files: ['a.yaml', 'b.yaml'] }, { tag: 'v2' })], memoryFiles({ 'a.yaml': 'kind: Service\n', 'b.yaml': 'kind: Service\n' }));
    expect(result.failures[0].error).toMatchObject({
      message: 'no container uses gcr.io/p/app',
      application: 'demo',
      file: 'a.yaml',
      fix: 'Check the image-list annotation, or set write-back-target to the file that holds the image.',
    });
  });
});
