import { describe, expect, it } from 'vitest';
import { leadingPrefix, mergeImages, readOverride } from '../../src/edit/argocd-source-model.js';

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
