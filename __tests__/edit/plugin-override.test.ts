/** plugin-override unit tests: plugin.env in .argocd-source-<app>.yaml, bytes as the updater writes them (issue 13). */
import { describe, expect, it } from 'vitest';
import { editPluginOverride, pluginEntries, readPluginOverride, renderPluginOverride } from '../../src/edit/plugin-override.js';
import type { EditTarget, PluginEnv } from '../../src/resolve/types.js';
import { makeEdit } from './make-edit.js';

const file = 'apps/web/.argocd-source-web.yaml';
function target(plugin: { nameKey?: string; tagKey?: string; specKey?: string; env?: PluginEnv[] }): EditTarget {
  return { kind: 'argocd-source', file, appType: 'plugin', plugin: { env: [], ...plugin } };
}
const keys = { nameKey: 'IMAGE_NAME', tagKey: 'IMAGE_TAG' };

describe('renderPluginOverride', () => {
  it('writes env entries in go-yaml v3 layout, and an empty list as env: []', () => {
    expect(renderPluginOverride([{ name: 'A', value: 'x:1' }])).toBe('plugin:\n  env:\n  - name: A\n    value: x:1\n');
    expect(renderPluginOverride([], '# head\n')).toBe('# head\nplugin:\n  env: []\n');
  });
});

describe('readPluginOverride', () => {
  it('reads entries; a missing name or value reads as empty', () => {
    expect(readPluginOverride('plugin:\n  env:\n  - name: A\n    value: "1"\n  - value: v\n  - name: B\n')).toEqual([
      { name: 'A', value: '1' },
      { name: '', value: 'v' },
      { name: 'B', value: '' },
    ]);
  });
  it('an empty, null, plugin-less or env-less file holds no entries', () => {
    for (const text of ['', '# only\n', '~\n', 'other: 1\n', 'plugin: {}\n']) expect(readPluginOverride(text)).toEqual([]);
  });
  it('an empty or null plugin or env is no error, as Go unmarshals it to the zero value', () => {
    // `{plugin}` and `? plugin`: a key without a value (yaml gives no node at all).
    for (const text of ['plugin:\n', 'plugin: ~\n', 'plugin: null\n', 'plugin:\n  env:\n', 'plugin:\n  env: ~\n', '{plugin}\n', 'plugin: {env}\n']) {
      expect(readPluginOverride(text), text).toEqual([]);
    }
  });
  it('a null env item reads as an entry with an empty name and value (Go zero value)', () => {
    expect(readPluginOverride('plugin:\n  env:\n  -\n  - name: A\n')).toEqual([{ name: '', value: '' }, { name: 'A', value: '' }]);
  });
  it('a file the updater could not unmarshal reads as null', () => {
    // Duplicate keys: go-yaml v3 refuses them ("mapping key already defined"), as yaml does.
    for (const text of ['plugin: [\n', 'plugin:\n  env: []\nplugin:\n  env: []\n', '- a\n', 'plugin: x\n', 'plugin:\n  env: x\n', 'plugin:\n  env:\n  - x\n']) expect(readPluginOverride(text)).toBeNull();
  });
});

describe('pluginEntries', () => {
  it('specKey: one entry with the full name and tag', () => {
    const edit = makeEdit('gcr.io/p/app', target({ specKey: 'SPEC' }), { tag: 'v2' });
    expect(pluginEntries(edit, { specKey: 'SPEC', nameKey: 'N' })).toEqual([{ name: 'SPEC', value: 'gcr.io/p/app:v2' }]);
  });
  it('name and tag keys; the tag carries a digest; an empty tag is left out', () => {
    const edit = makeEdit('gcr.io/p/app', target(keys), { tag: 'v2', digest: 'sha256:ab' });
    expect(pluginEntries(edit, keys)).toEqual([{ name: 'IMAGE_NAME', value: 'gcr.io/p/app' }, { name: 'IMAGE_TAG', value: 'v2@sha256:ab' }]);
    expect(pluginEntries(makeEdit('gcr.io/p/app', target(keys), { tag: '' }), keys)).toEqual([{ name: 'IMAGE_NAME', value: 'gcr.io/p/app' }]);
    expect(pluginEntries(makeEdit('gcr.io/p/app', target({ tagKey: 'T' }), { tag: 'v2' }), { tagKey: 'T' })).toEqual([{ name: 'T', value: 'v2' }]);
  });
});

describe('editPluginOverride', () => {
  it('creates the file when there is none, and says so', () => {
    const out = editPluginOverride(null, makeEdit('gcr.io/p/app', target(keys), { tag: 'v2' }));
    expect(out).toEqual({ text: 'plugin:\n  env:\n  - name: IMAGE_NAME\n    value: gcr.io/p/app\n  - name: IMAGE_TAG\n    value: v2\n', checks: [], changed: [{ doc: 0, path: [] }], created: [file] });
  });

  it('replaces its own variables in place, keeps others, keeps the leading comment and document marker', () => {
    const before = '# managed\n---\nplugin:\n  env:\n  - name: OTHER\n    value: keep\n  - name: IMAGE_TAG\n    value: v1\n';
    const out = editPluginOverride(before, makeEdit('gcr.io/p/app', target({ tagKey: 'IMAGE_TAG' }), { tag: 'v2' }));
    expect(out.text).toBe('# managed\n---\nplugin:\n  env:\n  - name: OTHER\n    value: keep\n  - name: IMAGE_TAG\n    value: v2\n');
    expect(out.created).toEqual([]);
  });

  it("the source's own env entries are added only where the file lacks them; this image's keys win", () => {
    const env = [{ name: 'OTHER_TAG', value: 'src' }, { name: 'IMAGE_TAG', value: 'src' }, { name: 'NEW', value: 'new' }];
    const before = 'plugin:\n  env:\n  - name: OTHER_TAG\n    value: file\n';
    const out = editPluginOverride(before, makeEdit('gcr.io/p/app', target({ tagKey: 'IMAGE_TAG', env }), { tag: 'v2' }));
    expect(out.text).toBe('plugin:\n  env:\n  - name: OTHER_TAG\n    value: file\n  - name: IMAGE_TAG\n    value: v2\n  - name: NEW\n    value: new\n');
  });

  it('a blank existing file is treated as empty', () => {
    const out = editPluginOverride('  \n', makeEdit('gcr.io/p/app', target({ tagKey: 'T' }), { tag: 'v2' }));
    expect(out.text).toBe('plugin:\n  env:\n  - name: T\n    value: v2\n');
  });

  it('an existing file with an empty plugin key is written over, not refused', () => {
    const out = editPluginOverride('plugin:\n', makeEdit('gcr.io/p/app', target({ tagKey: 'T' }), { tag: 'v2' }));
    expect(out.text).toBe('plugin:\n  env:\n  - name: T\n    value: v2\n');
  });

  it('refuses an invalid file, naming file and Application', () => {
    const edit = makeEdit('gcr.io/p/app', target(keys), { tag: 'v2' }, { application: 'web' });
    expect(() => editPluginOverride('plugin: x\n', edit)).toThrow(
      expect.objectContaining({ message: 'the override file is not valid YAML of the form plugin.env', file, application: 'web', fix: 'Fix or delete the file; it will be recreated.' }),
    );
  });

  it('refuses to drop other sections of the file', () => {
    const edit = makeEdit('gcr.io/p/app', target(keys), { tag: 'v2' }, { application: 'web' });
    expect(() => editPluginOverride('helm:\n  parameters: []\nkustomize: {}\nplugin:\n  env: []\n', edit)).toThrow('the override file also holds helm, kustomize, which writing plugin.env would drop');
    expect(() => editPluginOverride('other: 1\n', edit)).toThrow(
      expect.objectContaining({ file, application: 'web', fix: "Write this Application's images to one kind of target: all manifestTargets.plugin, or none." }),
    );
  });

  it('a key that is not a scalar is named ? among the other sections', () => {
    const edit = makeEdit('gcr.io/p/app', target(keys), { tag: 'v2' });
    expect(() => editPluginOverride('? [a, b]\n: 1\n', edit)).toThrow('the override file also holds ?, which writing plugin.env would drop');
  });

  it('refuses a target that is not a plugin override', () => {
    const edit = makeEdit('gcr.io/p/app', { kind: 'argocd-source', file, appType: 'kustomize' }, { tag: 'v2' });
    expect(() => editPluginOverride(null, edit)).toThrow('internal: not a plugin override target');
  });
});
