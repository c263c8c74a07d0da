import { describe, expect, it } from 'vitest';
import type { ImageSpec } from '../../src/discover/types.js';
import { MAX_KUSTOMIZE_DEPTH, kustomizeLayers } from '../../src/resolve/source.js';
import { readerFor } from '../../src/resolve/yaml-read.js';
import { image, memoryRepo } from './helpers.js';

const app1 = image('org/app');
const layers = (files: Record<string, string>, img: ImageSpec = app1, dir = 'overlay', start: string[] = []) =>
  kustomizeLayers(dir, start, readerFor(memoryRepo(files)), img);
const kust = (resources: string[], tag?: string, key = 'resources'): string =>
  `${tag === undefined ? '' : `images:\n  - name: org/app\n    newTag: "${tag}"\n`}${key}:\n${resources.map((r) => `  - ${r}\n`).join('')}`;

describe('kustomizeLayers', () => {
  it('walks resources, bases and components, overlay first, with exact entries', () => {
    const result = layers({
      'overlay/kustomization.yaml': kust(['../base'], '3'),
      'base/kustomization.yaml': kust(['../lib'], '2', 'bases'),
      'lib/kustomization.yaml': kust(['../comp'], '1', 'components'),
      'comp/kustomization.yaml': 'images:\n  - name: org/app\n    digest: sha256:abc\n',
    });
    expect(result).toStrictEqual({
      entries: [
        { tag: '3', name: 'org/app', at: { file: 'overlay/kustomization.yaml', line: 3 } },
        { tag: '2', name: 'org/app', at: { file: 'base/kustomization.yaml', line: 3 } },
        { tag: '1', name: 'org/app', at: { file: 'lib/kustomization.yaml', line: 3 } },
        { digest: 'sha256:abc', name: 'org/app', at: { file: 'comp/kustomization.yaml', line: 3 } },
      ],
      manifests: [],
    });
  });

  it('an entry without name has none', () => {
    const result = layers({ 'overlay/kustomization.yaml': 'images:\n  - newName: org/app\n' });
    expect(result.entries).toStrictEqual([{ name: 'org/app', at: { file: 'overlay/kustomization.yaml', line: 2 } }]);
  });

  it('lists only existing .yaml/.yml resources as manifests, once', () => {
    const result = layers({
      'overlay/kustomization.yaml': kust(['a.yaml', 'b.yml', 'notes.yaml.txt', 'missing.yaml', 'a.yaml', 'sub']),
      'overlay/a.yaml': '', 'overlay/b.yml': '', 'overlay/notes.yaml.txt': '', 'overlay/sub/x.yaml': '',
    });
    expect(result).toStrictEqual({ entries: [], manifests: ['overlay/a.yaml', 'overlay/b.yml'] });
  });

  it('resolves resources of a root kustomization from the root', () => {
    expect(layers({ 'kustomization.yaml': kust(['base']), 'base/kustomization.yaml': kust([], '1') }, app1, '').entries.map((e) => e.tag)).toEqual(['1']);
  });

  it('ignores remote resources, escapes and non-scalar items even when a local path of that name exists', () => {
    const files: Record<string, string> = {
      'overlay/kustomization.yaml': kust(['https://example.com/x', 'x?ref=v1', 'github.com/org/repo', '../../up', '{path: base}']),
    };
    for (const dir of ['overlay/https:/example.com/x', 'overlay/x?ref=v1', 'overlay/github.com/org/repo']) files[`${dir}/kustomization.yaml`] = kust([], 'remote');
    expect(layers(files)).toStrictEqual({ entries: [], manifests: [] });
  });

  it('reads a kustomization of a cycle once', () => {
    const result = layers({ 'overlay/kustomization.yaml': kust(['../base'], '2'), 'base/kustomization.yaml': kust(['../overlay'], '1') });
    expect(result.entries.map((e) => e.tag)).toEqual(['2', '1']);
  });

  it(`stops ${MAX_KUSTOMIZE_DEPTH} levels below the start`, () => {
    const files: Record<string, string> = {};
    for (let i = 0; i <= MAX_KUSTOMIZE_DEPTH + 2; i++) files[`d${i}/kustomization.yaml`] = kust([`../d${i + 1}`], String(i));
    expect(layers(files, app1, 'd0').entries.map((e) => e.tag)).toEqual(Array.from({ length: MAX_KUSTOMIZE_DEPTH + 1 }, (_, i) => String(i)));
  });

  it('skips an empty kustomization and a missing start file', () => {
    const result = layers({ 'overlay/kustomization.yaml': '', 'other/kustomization.yaml': kust([], '1') }, app1, 'overlay', ['nowhere/kustomization.yaml', 'other/kustomization.yaml']);
    expect(result.entries.map((e) => e.tag)).toEqual(['1']);
  });
});

describe('kustomizeLayers: which entries name the image', () => {
  const entry = (fields: string): string => `images:\n  - ${fields}\n`;
  const names = (fields: string, img: ImageSpec): number => layers({ 'overlay/kustomization.yaml': entry(fields) }, img).entries.length;
  const aliased = image('org/app', { alias: 'web', hasAlias: true, kustomizeImageName: 'web' });

  it('an entry of another image is not the image', () => {
    expect(names('{name: org/other, newTag: "1"}', app1)).toBe(0);
  });

  it('an entry renaming the image to itself belongs to an aliased image', () => {
    expect(names('{name: org/app, newName: org/app}', aliased)).toBe(1);
  });

  it('an entry renaming another name to the repository belongs to an image without alias', () => {
    expect(names('{name: legacy, newName: org/app}', image('org/app', { hasAlias: false, kustomizeImageName: 'web' }))).toBe(1);
  });

  it('an entry naming the kustomize.image-name in another spelling belongs to the aliased image', () => {
    expect(names('{name: docker.io/library/web, newTag: "1"}', aliased)).toBe(1);
  });

  it('an entry with only newName belongs to the aliased image', () => {
    expect(names('{newName: org/app, newTag: "1"}', aliased)).toBe(1);
  });

  it('an entry renaming another alias to the repository does not', () => {
    expect(names('{name: api, newName: org/app}', aliased)).toBe(0);
  });
});
