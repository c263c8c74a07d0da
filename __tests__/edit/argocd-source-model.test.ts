import { describe, expect, it } from 'vitest';
import { leadingPrefix, mergeImages, readOverride, sortParams } from '../../src/edit/argocd-source-model.js';

// The updater's model of `.argocd-source-<app>.yaml`, function by function (argocd-source.test.ts edits whole files).
describe('leadingPrefix (update.go leadingDocumentStartPrefix)', () => {
  const cases: [string, string][] = [
    ['kustomize:\n  images: []\n', ''],
    ['---\nkustomize: {}\n', '---\n'],
    ['# c\n---\nkustomize: {}\n', '# c\n---\n'],
    ['\n  \n  # indented\n%YAML 1.2\n---\nx: 1\n', '\n  \n  # indented\n%YAML 1.2\n---\n'],
    ['--- # doc\nx: 1\n', '--- # doc\n'],
    ['---\tx: 1\n', '---\tx: 1\n'],
    ['# only comments\n', ''],
    ['# c\n----\nx: 1\n', ''], // not a marker
    ['# c\nx: 1\n---\n', ''], // content before the marker
    ['x #\n---\n', ''], // a line ending in `#` is content
    ['x %\n---\n', ''],
    ['---x\n', ''],
    ['---\r\nx: 1\r\n', ''], // split on \n only: `---\r` is no marker there
  ];
  for (const [raw, prefix] of cases) {
    it(`${JSON.stringify(raw)} -> ${JSON.stringify(prefix)}`, () => {
      expect(leadingPrefix(raw)).toBe(prefix);
    });
  }
});

describe('readOverride reads what the Go struct would, null when it would fail to unmarshal', () => {
  const empty = { kind: 'kustomize', images: [] };
  const cases: [string, unknown][] = [
    ['', empty],
    ['# nothing\n', empty],
    ['---\n', empty],
    ['other: 1\n', empty], // no kustomize key
    ['kustomize:\n', empty],
    ['? kustomize\n', empty],
    ['kustomize:\n  images:\n', empty],
    ['kustomize:\n  images: ~\n', empty],
    ['kustomize:\n  images:\n  - a:v1\n  - "b:v2"\n  -\n', { kind: 'kustomize', images: ['a:v1', 'b:v2', ''] }],
    ['kustomize: [\n', null], // syntax error
    ['kustomize:\n  images: []\nkustomize:\n  images: []\n', null], // duplicate key: go-yaml v3 refuses it too
    ['- a\n', null], // root a list
    ['kustomize: [a]\n', null],
    ['kustomize: x\n', null],
    ['kustomize:\n  images: {a: 1}\n', null],
    ['kustomize:\n  images: x\n', null],
    ['kustomize:\n  images:\n  - {a: 1}\n', null],
  ];
  for (const [text, model] of cases) {
    it(`kustomize ${JSON.stringify(text)}`, () => {
      expect(readOverride(text, 'kustomize')).toEqual(model);
    });
  }

  it('helm parameters: name, value and forcestring, any key case; bad entries make it unreadable', () => {
    const text = 'helm:\n  parameters:\n  - name: a\n    value: "1"\n    forceString: yes\n  - NAME: b\n  - value:\n    forcestring: "off"\n';
    expect(readOverride(text, 'helm')).toEqual({
      kind: 'helm',
      parameters: [
        { name: 'a', value: '1', forcestring: true },
        { name: 'b', value: '', forcestring: false },
        { name: '', value: '', forcestring: false },
      ],
    });
    expect(readOverride('helm:\n  parameters:\n  - x\n', 'helm')).toBeNull();
    expect(readOverride('helm:\n  parameters:\n  - name: a\n    forcestring: maybe\n', 'helm')).toBeNull();
    expect(readOverride('', 'helm')).toEqual({ kind: 'helm', parameters: [] });
  });

  it('forcestring takes the YAML 1.1 booleans Go reads (true/yes/on/y, false/no/off/n), any case', () => {
    const force = (value: string) => (readOverride(`helm:\n  parameters:\n  - name: a\n    forcestring: "${value}"\n`, 'helm') as { parameters: { forcestring: boolean }[] }).parameters[0].forcestring;
    expect(['true', 'Yes', 'ON', 'y'].map(force)).toEqual([true, true, true, true]);
    expect(['false', 'No', 'OFF', 'n'].map(force)).toEqual([false, false, false, false]);
  });
});

describe('mergeImages (mergeKustomizeOverride)', () => {
  const D1 = `sha256:${'1'.repeat(64)}`;
  const D2 = `sha256:${'2'.repeat(64)}`;
  const cases: [string, string[], string[], string[]][] = [
    ['a new image is appended', ['gcr.io/p/a:v1'], ['gcr.io/p/b:v1'], ['gcr.io/p/a:v1', 'gcr.io/p/b:v1']],
    ['another tag replaces', ['gcr.io/p/a:v1'], ['gcr.io/p/a:v2'], ['gcr.io/p/a:v2']],
    ['the same tag is kept', ['gcr.io/p/a:v1'], ['gcr.io/p/a:v1'], ['gcr.io/p/a:v1']],
    ['a digest decides over the tag', [`gcr.io/p/a:v1@${D1}`], [`gcr.io/p/a:v1@${D2}`], [`gcr.io/p/a:v1@${D2}`]],
    ['an entry with no tag takes one', ['gcr.io/p/a'], ['gcr.io/p/a:v1'], ['gcr.io/p/a:v1']],
    ['an untagged addition does not drop a tag', ['gcr.io/p/a:v1'], ['gcr.io/p/a'], ['gcr.io/p/a:v1']],
    ['another registry is another image', ['gcr.io/p/a:v1'], ['ghcr.io/p/a:v2'], ['gcr.io/p/a:v1', 'ghcr.io/p/a:v2']],
    ['docker.io and no registry are one', ['nginx:1'], ['docker.io/library/nginx:2'], ['docker.io/library/nginx:2']],
    ['a port is not a tag', ['localhost:5000/a'], ['localhost:5000/a:v1'], ['localhost:5000/a:v1']],
    ['the alias is matched, spaces around it ignored', ['x = gcr.io/p/a:v1'], ['x=gcr.io/p/a:v2'], ['x=gcr.io/p/a:v2']],
    ['two aliases of one repository stay two', ['x=gcr.io/p/a:v1'], ['y=gcr.io/p/a:v2'], ['x=gcr.io/p/a:v1', 'y=gcr.io/p/a:v2']],
    ['an entry without alias matches an alias', ['gcr.io/p/a:v1'], ['x=gcr.io/p/a:v2'], ['x=gcr.io/p/a:v2']],
    ['names that are no image reference compare as text', ['UP/A:v1', 'up/b:v1'], ['UP/A:v2'], ['UP/A:v2', 'up/b:v1']],
    ['another unparsable name is another image', ['UP/B:v1'], ['UP/A:v2'], ['UP/B:v1', 'UP/A:v2']],
    ['an unparsable name is never a parsable one', ['UP/A:v1'], ['gcr.io/p/a:v1'], ['UP/A:v1', 'gcr.io/p/a:v1']],
    ['an alias matches an addition without one', ['x=gcr.io/p/a:v1'], ['gcr.io/p/a:v2'], ['gcr.io/p/a:v2']],
    ['a digest counts as a tag: an untagged addition keeps it', [`gcr.io/p/a@${D1}`], ['gcr.io/p/a'], [`gcr.io/p/a@${D1}`]],
    ['a digest added to a tag replaces it', ['gcr.io/p/a:v1'], [`gcr.io/p/a@${D2}`], [`gcr.io/p/a@${D2}`]],
    ['an untagged entry is replaced by an untagged addition (its spelling wins)', ['nginx'], ['docker.io/library/nginx'], ['docker.io/library/nginx']],
    ['an equal tag keeps the entry as written', ['x = gcr.io/p/a:v1'], ['x=gcr.io/p/a:v1'], ['x = gcr.io/p/a:v1']],
  ];
  for (const [name, existing, added, merged] of cases) {
    it(name, () => {
      expect(mergeImages(existing, added)).toEqual(merged);
    });
  }

  it('an addOnly entry is only appended where its image is missing', () => {
    expect(mergeImages(['gcr.io/p/a:v1'], ['gcr.io/p/a:v2'], new Set(['gcr.io/p/a:v2']))).toEqual(['gcr.io/p/a:v1']);
    expect(mergeImages([], ['gcr.io/p/a:v2'], new Set(['gcr.io/p/a:v2']))).toEqual(['gcr.io/p/a:v2']);
  });
});

describe('sortParams (sortHelmParameters)', () => {
  it('sorts by name in byte order', () => {
    const p = (name: string) => ({ name, value: '', forcestring: true });
    expect(sortParams([p('image.tag'), p('B'), p('image.name'), p('a')]).map((x) => x.name)).toEqual(['B', 'a', 'image.name', 'image.tag']);
  });
});
