import { describe, expect, it } from 'vitest';
import { ignoreTagsKey, nextIgnoreTags, plainInBlock, setAnnotation, type IgnoreListChange } from '../../src/rollback/ignore-tags-annotation.js';

const P = 'argocd-image-updater.argoproj.io/';
const KEY = `${P}api.ignore-tags`;
const target = { application: 'api', namespace: 'argocd', file: 'argocd/api.yaml', annotation: KEY };

describe('ignoreTagsKey', () => {
  it('is per alias for an aliased image and app-wide otherwise', () => {
    expect(ignoreTagsKey({ alias: 'api', hasAlias: true })).toBe(`${P}api.ignore-tags`);
    expect(ignoreTagsKey({ alias: 'gcr.io/p/api', hasAlias: false })).toBe(`${P}ignore-tags`);
  });
});

describe('nextIgnoreTags', () => {
  const add = (tag: string): IgnoreListChange => ({ add: tag, remove: '1.0.0' });
  const cases: { name: string; existing?: string; seed?: string; change: IgnoreListChange; expected: string | undefined }[] = [
    { name: 'new key, no app-wide list', change: add('1.3.0'), expected: '1.3.0' },
    { name: 'new per-alias key starts from the app-wide list', seed: 'latest, *-rc', change: add('1.3.0'), expected: 'latest, *-rc, 1.3.0' },
    { name: 'existing list keeps its text and ", " separator', existing: 'latest,  dev-*', change: add('1.3.0'), expected: 'latest,  dev-*, 1.3.0' },
    { name: 'existing list without spaces', existing: 'latest', change: add('1.3.0'), expected: 'latest,1.3.0' },
    { name: 'a trailing comma is not doubled', existing: 'latest,', change: add('1.3.0'), expected: 'latest,1.3.0' },
    // An empty per-alias value is [""] in 1.x: it ignores nothing (and hides the app-wide list).
    { name: 'empty per-alias value', existing: '', seed: 'latest', change: add('1.3.0'), expected: '1.3.0' },
    { name: 'already listed: nothing to write', existing: 'latest, 1.3.0', change: add('1.3.0'), expected: undefined },
    { name: 'already in the app-wide list the alias falls back to', seed: 'latest,1.3.0', change: add('1.3.0'), expected: undefined },
    { name: 'nothing to add (git held no tag)', existing: 'latest', change: { add: null, remove: '1.0.0' }, expected: undefined },
    // Rolling forward to a tag an earlier rollback ignored: it leaves the list, the replaced one joins it.
    { name: 'the new tag leaves the list', existing: 'latest, 1.3.0', change: { add: '1.2.0', remove: '1.3.0' }, expected: 'latest, 1.2.0' },
    { name: 'the new tag leaves the seeded list', seed: 'latest,1.3.0', change: { add: '1.2.0', remove: '1.3.0' }, expected: 'latest,1.2.0' },
    { name: 'removal alone', existing: '1.3.0', change: { add: null, remove: '1.3.0' }, expected: '' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(nextIgnoreTags(c.existing, c.seed, c.change)).toBe(c.expected);
    });
  }
});

describe('plainInBlock', () => {
  const cases: [string, boolean][] = [
    ['1.3.0', true],
    ['latest,1.3.0', true],
    ['latest, 1.3.0', true],
    // Each entry must be plain-safe alone: 1.20 would read as a float, `*` starts an alias.
    ['latest,1.20', false],
    ['latest, *-rc', false],
    ['latest,', false],
    [' latest', false],
    ['a: b', false],
    ['a #b', false],
    ['yes', false],
  ];
  for (const [value, plain] of cases) {
    it(`${JSON.stringify(value)} -> ${plain ? 'plain' : 'quoted'}`, () => expect(plainInBlock(value)).toBe(plain));
  }
});

const app = (annotations: string, extra = ''): string =>
  `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: api\n  namespace: argocd\n${annotations}${extra}spec:\n  source:\n    repoURL: https://github.com/acme/gitops.git\n    path: apps/api\n`;
const list = `    ${P}image-list: api=gcr.io/p/api\n`;

describe('setAnnotation: golden before/after, only the annotation line changes', () => {
  const cases: { name: string; before: string; value: string; after: string; created: boolean; line: number }[] = [
    {
      name: 'appends the key to a block map, after the last entry and its comment',
      before: app(`  annotations:\n    # image updater\n${list}    ${P}ignore-tags: latest # app-wide\n\n`),
      value: 'latest,1.3.0',
      after: app(`  annotations:\n    # image updater\n${list}    ${P}ignore-tags: latest # app-wide\n    ${KEY}: latest,1.3.0\n\n`),
      created: true,
      line: 10,
    },
    {
      name: 'splices an existing plain value, keeping its comment',
      before: app(`  annotations:\n${list}    ${KEY}: latest # never\n`),
      value: 'latest,1.3.0',
      after: app(`  annotations:\n${list}    ${KEY}: latest,1.3.0 # never\n`),
      created: false,
      line: 8,
    },
    {
      name: 'keeps single quotes',
      before: app(`  annotations:\n${list}    ${KEY}: 'latest'\n`),
      value: 'latest, 1.3.0',
      after: app(`  annotations:\n${list}    ${KEY}: 'latest, 1.3.0'\n`),
      created: false,
      line: 8,
    },
    {
      name: 'fills an empty value',
      before: app(`  annotations:\n${list}    ${KEY}:\n`),
      value: '1.3.0',
      after: app(`  annotations:\n${list}    ${KEY}: 1.3.0\n`),
      created: false,
      line: 8,
    },
    {
      name: 'quotes a list plain YAML would misread (1.20 is a float)',
      before: app(`  annotations:\n${list}`),
      value: 'latest,1.20',
      after: app(`  annotations:\n${list}    ${KEY}: "latest,1.20"\n`),
      created: true,
      line: 8,
    },
    {
      name: 'quotes the list in a flow map, where a comma ends a plain scalar',
      before: app(`  annotations: {${P}image-list: "api=gcr.io/p/api"}\n`),
      value: 'latest,1.3.0',
      after: app(`  annotations: {${P}image-list: "api=gcr.io/p/api", ${KEY}: "latest,1.3.0"}\n`),
      created: true,
      line: 6,
    },
    {
      name: 'creates annotations: under metadata when missing',
      before: app('  labels:\n    team: a\n'),
      value: '1.3.0',
      after: app(`  labels:\n    team: a\n  annotations:\n    ${KEY}: 1.3.0\n`),
      created: true,
      line: 9,
    },
    {
      name: 'keeps CRLF line endings',
      before: app(`  annotations:\n${list}`).replaceAll('\n', '\r\n'),
      value: '1.3.0',
      after: app(`  annotations:\n${list}    ${KEY}: 1.3.0\n`).replaceAll('\n', '\r\n'),
      created: true,
      line: 8,
    },
    {
      name: 'edits only the named Application of a multi-document file',
      before: `${app(`  annotations:\n${list}`).replace('name: api', 'name: web')}---\n${app(`  annotations:\n${list}`)}`,
      value: '1.3.0',
      after: `${app(`  annotations:\n${list}`).replace('name: api', 'name: web')}---\n${app(`  annotations:\n${list}    ${KEY}: 1.3.0\n`)}`,
      created: true,
      line: 20,
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(setAnnotation(c.before, target, c.value)).toEqual({ text: c.after, value: c.value, created: c.created, line: c.line });
    });
  }
});

describe('setAnnotation: refusals', () => {
  const cases: { name: string; text: string; message: RegExp }[] = [
    // The Application was renamed (or removed) between plan and edit.
    { name: 'no such Application in the file', text: app(`  annotations:\n${list}`).replace('name: api', 'name: web'), message: /no longer in this file/ },
    // A list where a string must be: Kubernetes would refuse the manifest too.
    { name: 'annotation value is a list', text: app(`  annotations:\n${list}    ${KEY}: [a, b]\n`), message: /not a string/ },
    // The annotations map is an alias of an anchor another key uses: editing it would change both.
    { name: 'annotations shared through an anchor', text: `x: &a\n  ${P}image-list: api=gcr.io/p/api\n${app('  annotations: *a\n')}`, message: /change more than/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(() => setAnnotation(c.text, target, '1.3.0')).toThrow(expect.objectContaining({ name: 'EditError', message: expect.stringMatching(c.message), file: target.file }));
    });
  }
});
