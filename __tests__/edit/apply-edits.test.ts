import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/edit/apply-edits.js';
import { toUserMessage } from '../../src/errors.js';
import type { EditTarget } from '../../src/resolve/types.js';
import { makeEdit, memoryFiles } from './make-edit.js';

const kust = (file = 'k.yaml'): EditTarget => ({ kind: 'kustomization', file, entryName: 'gcr.io/p/app' });
const values = (extra: Partial<Extract<EditTarget, { kind: 'helm-values' }>> = {}): EditTarget => ({ kind: 'helm-values', file: 'values.yaml', create: false, ...extra });

describe('applyEdits: bad input fails one edit with a located error, and no byte changes', () => {
  const bomb = `a: &a [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 8 }, (_, i) => `${'bcdefghi'[i]}: &${'bcdefghi'[i]} [${Array(9).fill(i === 0 ? '*a' : `*${'bcdefghi'[i - 1]}`).join(', ')}]`).join('\n')}\nimage:\n  tag: v1\n`;
  const cases: { name: string; files: Record<string, string>; target: EditTarget; message: RegExp; line?: number }[] = [
    { name: 'missing kustomization', files: {}, target: kust(), message: /does not exist/ },
    { name: 'missing values file the updater would not create', files: {}, target: values(), message: /does not exist/ },
    // Unclosed flow sequence: not YAML.
    { name: 'not YAML', files: { 'k.yaml': 'images: [\n' }, target: kust(), message: /not valid YAML/ },
    // Two documents where kustomize needs one.
    { name: 'multi-document kustomization', files: { 'k.yaml': 'a: 1\n---\nb: 2\n' }, target: kust(), message: /expected one YAML document, found 2/ },
    // `image` is a string, so `image.tag` cannot be created under it.
    { name: 'key path through a scalar', files: { 'values.yaml': 'x: 1\nimage: nginx\n' }, target: values(), message: /image is a scalar/, line: 2 },
    // `tag` is shared through an alias: editing it would change `other` too.
    { name: 'value behind an alias', files: { 'values.yaml': 'v: &v v1\nimage:\n  tag: *v\n  name: gcr.io/p/app\n' }, target: values(), message: /not a scalar/, line: 3 },
    // A map shared through an alias: the edit would change the other user of the anchor.
    { name: 'anchor shared with other keys', files: { 'values.yaml': 'base: &b\n  tag: v1\n  name: gcr.io/p/app\nimage: *b\n' }, target: values(), message: /change more than the image values/ },
    // Exponential aliases (billion laughs).
    { name: 'alias bomb', files: { 'values.yaml': bomb }, target: values(), message: /alias/i },
    { name: 'huge file', files: { 'values.yaml': `image:\n  tag: v1\n#${'x'.repeat(1_000_001)}\n` }, target: values(), message: /larger than/ },
    // A block scalar with clip chomping holds "v1\n", which a tag cannot be.
    { name: 'clip block scalar', files: { 'values.yaml': 'image:\n  tag: |\n    v1\n  name: gcr.io/p/app\n' }, target: values(), message: /block scalar/, line: 2 },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const edit = makeEdit('gcr.io/p/app', c.target, { tag: 'v2' });
      const result = applyEdits([edit], memoryFiles(c.files));
      expect(result.changes).toEqual([]);
      expect(result.failures).toHaveLength(1);
      const error = result.failures[0].error;
      expect(error.name).toBe('EditError');
      expect(error.message).toMatch(c.message);
      expect(error.application).toBe('demo');
      expect(error.file).toBeTruthy();
      expect(error.fix).toBeTruthy();
      if (c.line !== undefined) expect(error.line).toBe(c.line);
      expect(toUserMessage(error)).toContain('Application demo');
    });
  }
});

describe('applyEdits: grouping and isolation', () => {
  it('groups every edit to one file into one change, in order', () => {
    const files = memoryFiles({ 'values.yaml': 'api:\n  tag: v1\nweb:\n  tag: v1\n' });
    const api = makeEdit('gcr.io/p/api', values({ tagKey: 'api.tag', nameKey: 'api.tag' }), { tag: 'v2' });
    const web = makeEdit('gcr.io/p/web', values({ specKey: 'web.tag' }), { tag: 'v3' });
    const result = applyEdits([{ ...api, target: values({ specKey: 'api.tag' }) }, web], files);
    expect(result).toEqual({
      changes: [{ path: 'values.yaml', before: 'api:\n  tag: v1\nweb:\n  tag: v1\n', after: 'api:\n  tag: gcr.io/p/api:v2\nweb:\n  tag: gcr.io/p/web:v3\n' }],
      failures: [],
    });
  });

  it("a failing edit leaves another Application's edits of the same file applied", () => {
    const files = memoryFiles({ 'values.yaml': 'api:\n  tag: v1\nweb: nginx\n' });
    const good = makeEdit('gcr.io/p/api', values({ specKey: 'api.tag' }), { tag: 'v2' }, { application: 'api' });
    const bad = makeEdit('gcr.io/p/web', values({ specKey: 'web.tag' }), { tag: 'v3' }, { application: 'web' });
    const result = applyEdits([bad, good], files);
    expect(result.changes.map((c) => c.after)).toEqual(['api:\n  tag: gcr.io/p/api:v2\nweb: nginx\n']);
    expect(result.failures.map((f) => f.edit)).toEqual([bad]);
  });

  // Issue 10 item 5: a refusal never leaves a half-updated Application.
  it('a failing edit refuses the other edits of its Application, in every file', () => {
    const files = memoryFiles({ 'values.yaml': 'api:\n  tag: v1\n', 'other.yaml': 'web: nginx\n' });
    const good = makeEdit('gcr.io/p/api', values({ specKey: 'api.tag' }), { tag: 'v2' });
    const bad = makeEdit('gcr.io/p/web', { kind: 'helm-values', file: 'other.yaml', create: false, specKey: 'web.tag' }, { tag: 'v3' });
    const result = applyEdits([good, bad], files);
    expect(result.changes).toEqual([]);
    expect(result.failures.map((f) => f.edit)).toEqual([good, bad]);
    expect(result.failures[0].error.message).toMatch(/another image of this Application could not be written/);
  });

  it('a manifest edit that fails in its second file changes neither file', () => {
    const deploy = (image: string) => `kind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n      - image: ${image}\n`;
    const files = memoryFiles({ 'a.yaml': deploy('gcr.io/p/app:v1'), 'b.yaml': 'kind: Pod\nspec: [\n' });
    const result = applyEdits([makeEdit('gcr.io/p/app', { kind: 'manifest', files: ['a.yaml', 'b.yaml'] }, { tag: 'v2' })], files);
    expect(result.changes).toEqual([]);
    expect(result.failures[0].error.file).toBe('b.yaml');
  });

  it('the refusal of the other edits names their own file and carries the cause and its fix', () => {
    const files = memoryFiles({ 'values.yaml': 'api:\n  tag: v1\n', 'other.yaml': 'web: nginx\n' });
    const good = makeEdit('gcr.io/p/api', values({ specKey: 'api.tag' }), { tag: 'v2' });
    const bad = makeEdit('gcr.io/p/web', { kind: 'helm-values', file: 'other.yaml', create: false, specKey: 'web.tag' }, { tag: 'v3' });
    const [refused, failed] = applyEdits([good, bad], files).failures.map((f) => f.error);
    expect(failed).toMatchObject({ application: 'demo', file: 'other.yaml', line: 1 });
    expect(refused).toMatchObject({
      message: `not written, because another image of this Application could not be written (${failed.message}); nothing of this Application is changed`,
      application: 'demo',
      file: 'values.yaml',
      fix: failed.fix,
    });
  });

  it('a verify failure refuses only the edits that wrote that file, and the rest of the Application with them', () => {
    const files = memoryFiles({ 'values.yaml': 'base: &b\n  tag: v1\n  name: gcr.io/p/app\nimage: *b\n', 'k.yaml': 'images: []\n' });
    const shared = makeEdit('gcr.io/p/app', values(), { tag: 'v2' });
    const other = makeEdit('gcr.io/p/app', kust(), { tag: 'v2' });
    const failures = applyEdits([shared, other], files).failures;
    expect(failures.map((f) => f.error.message)).toEqual([
      expect.stringMatching(/^the edit would change more than the image values/),
      expect.stringMatching(/^not written, because another image/),
    ]);
  });

  it('a manifest file that does not exist is named', () => {
    const result = applyEdits([makeEdit('gcr.io/p/app', { kind: 'manifest', files: ['gone.yaml'] }, { tag: 'v2' })], memoryFiles({}));
    expect(result.failures[0].error).toMatchObject({ message: 'the manifest file does not exist', file: 'gone.yaml', fix: 'Fix the Application source path.' });
  });

  it('a manifest edit that finds no container fails', () => {
    const result = applyEdits([makeEdit('gcr.io/p/app', { kind: 'manifest', files: ['a.yaml'] }, { tag: 'v2' })], memoryFiles({ 'a.yaml': 'kind: Service\n' }));
    expect(result.failures[0].error.message).toMatch(/no container uses gcr.io\/p\/app/);
  });

  it('an unchanged result produces no FileChange', () => {
    const result = applyEdits([makeEdit('gcr.io/p/app', kust(), { tag: 'v1' })], memoryFiles({ 'k.yaml': 'images:\n- name: gcr.io/p/app\n  newTag: v1\n' }));
    expect(result).toEqual({ changes: [], failures: [] });
  });
});
