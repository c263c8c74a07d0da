import { describe, it, expect } from 'vitest';
import { parseImageList, parseImageListItem, splitImageList } from '../../src/discover/image-list.js';

describe('parseImageListItem', () => {
  const cases: { item: string; alias: string; hasAlias: boolean; registry: string; repository: string; constraint: string; warns?: RegExp }[] = [
    { item: 'nginx', alias: 'nginx', hasAlias: false, registry: 'docker.io', repository: 'library/nginx', constraint: '' },
    { item: 'library/nginx', alias: 'library/nginx', hasAlias: false, registry: 'docker.io', repository: 'library/nginx', constraint: '' },
    { item: 'docker.io/bitnami/redis:7.x', alias: 'docker.io/bitnami/redis', hasAlias: false, registry: 'docker.io', repository: 'bitnami/redis', constraint: '7.x' },
    { item: 'nginx:1.19.1', alias: 'nginx', hasAlias: false, registry: 'docker.io', repository: 'library/nginx', constraint: '1.19.1' },
    { item: 'nginx:latest', alias: 'nginx', hasAlias: false, registry: 'docker.io', repository: 'library/nginx', constraint: 'latest' },
    { item: 'app=repo/img:>=1.0', alias: 'app', hasAlias: true, registry: 'docker.io', repository: 'repo/img', constraint: '>=1.0' },
    // Without an alias the first "=" splits the constraint: alias "repo/img:>", image "1.0" (§1.1 item 1).
    { item: 'repo/img:>=1.0', alias: 'repo/img:>', hasAlias: true, registry: 'docker.io', repository: 'library/1.0', constraint: '', warns: /not a plain name/ },
    // A port without a dot: the legacy splitter takes "localhost" as the image and the rest as the tag.
    { item: 'localhost:5000/app:^1.0', alias: 'localhost', hasAlias: false, registry: 'docker.io', repository: 'library/localhost', constraint: '5000/app:^1.0', warns: /split the way/ },
    { item: 'localhost:5000/app:1.0', alias: 'localhost:5000/app', hasAlias: false, registry: 'localhost:5000', repository: 'app', constraint: '1.0' },
    { item: 'gcr.io/proj/app:~1.2', alias: 'gcr.io/proj/app', hasAlias: false, registry: 'gcr.io', repository: 'proj/app', constraint: '~1.2' },
    { item: 'web = asia.gcr.io/proj/web:^2.0', alias: 'web', hasAlias: true, registry: 'asia.gcr.io', repository: 'proj/web', constraint: '^2.0' },
    { item: 'app=nginx:1.2 || 1.4', alias: 'app', hasAlias: true, registry: 'docker.io', repository: 'library/nginx', constraint: '1.2 || 1.4' },
    {
      item: 'pin=nginx@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      alias: 'pin', hasAlias: true, registry: 'docker.io', repository: 'library/nginx', constraint: '', warns: /digest .* is ignored/,
    },
    {
      item: 'pin=nginx:1.25@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef',
      alias: 'pin', hasAlias: true, registry: 'docker.io', repository: 'library/nginx', constraint: '1.25', warns: /digest .* is ignored/,
    },
    { item: 'quay.io/argoproj/argocd:v2.x', alias: 'quay.io/argoproj/argocd', hasAlias: false, registry: 'quay.io', repository: 'argoproj/argocd', constraint: 'v2.x' },
    // Legacy path: no dotted host means Docker Hub, even for a first component named localhost.
    { item: 'x=localhost/app:~1', alias: 'x', hasAlias: true, registry: 'docker.io', repository: 'localhost/app', constraint: '~1' },
    // Issue 10 item 12: an alias empty after trimming leaves the image unaliased (annotations_test.go
    // TestGetImagesFromAnnotations "should handle alias with empty string after trimming"; NewFromIdentifier).
    { item: '=docker.io/library/nginx:1.21', alias: 'docker.io/library/nginx', hasAlias: false, registry: 'docker.io', repository: 'library/nginx', constraint: '1.21' },
    { item: '  =nginx:1.21', alias: 'nginx', hasAlias: false, registry: 'docker.io', repository: 'library/nginx', constraint: '1.21' },
  ];
  for (const c of cases) {
    it(c.item, () => {
      const got = parseImageListItem(c.item);
      expect(got).toMatchObject({ alias: c.alias, hasAlias: c.hasAlias, ref: { registry: c.registry, repository: c.repository }, constraint: c.constraint });
      expect(got.ref.tag).toBeUndefined();
      expect(got.ref.digest).toBeUndefined();
      if (c.warns) expect(got.warnings.join('\n')).toMatch(c.warns);
      else expect(got.warnings).toEqual([]);
    });
  }

  const bad = [
    { item: 'app=', why: /no image name/ },
    { item: 'app=Upper/Case:~1', why: /no image name/ },
    // "=" of the constraint taken as the alias separator, and "1.2 <1.4" is no image name.
    { item: 'nginx:>=1.2 <1.4', why: /write an alias first \("app=nginx:>=1.2 <1.4"\)/ },
  ];
  for (const b of bad) {
    it(`refuses ${b.item}`, () => {
      expect(() => parseImageListItem(b.item)).toThrow(b.why);
    });
  }
});

describe('splitImageList', () => {
  const cases = [
    { value: 'a=nginx, b=redis', items: ['a=nginx', 'b=redis'] },
    { value: ' nginx ,, ,redis,', items: ['nginx', 'redis'] },
    { value: '', items: [] },
    // A Masterminds AND written with a comma cannot be expressed: it becomes two items (§1.1 item 4).
    { value: 'app=nginx:>=1.2, <1.4', items: ['app=nginx:>=1.2', '<1.4'] },
  ];
  for (const c of cases) {
    it(JSON.stringify(c.value), () => expect(splitImageList(c.value)).toEqual(c.items));
  }

  it('parses every non-empty item', () => {
    expect(parseImageList('a=nginx:1.x, ,b=gcr.io/p/b').map((i) => [i.alias, i.constraint])).toEqual([
      ['a', '1.x'],
      ['b', ''],
    ]);
  });
});
