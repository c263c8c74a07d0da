/** linkSources: how promote-from names its source (name, namespace/name, report label, alias) and what it refuses. */
import { describe, expect, it } from 'vitest';
import { linkSources, type SourceImage } from '../../src/promote/link.js';
import type { ResolvedImage } from '../../src/resolve/types.js';
import { app, config, image } from '../support/builders.js';

const P = 'image-promoter.argoproj.io/';

function source(name: string, fields: { namespace?: string; label?: string; file?: string; aliases?: string[] } = {}): SourceImage[] {
  const cfg = config(app({ name, namespace: fields.namespace ?? 'argocd', label: fields.label ?? name, file: fields.file ?? `apps/${name}.yaml` }), (fields.aliases ?? ['web']).map((alias) => image('r.example/team/web', { alias })));
  return cfg.images.map((img) => ({ config: cfg, image: img, item: { config: cfg, image: img, target: { kind: 'manifest', files: [] } } }));
}

function promoted(from: string, alias = 'web'): ResolvedImage {
  const key = `${P}${alias}.promote-from`;
  const cfg = config(app({ name: 'web-prod', file: 'apps/web-prod.yaml', annotationLines: { [key]: 9 } }), [image('r.example/team/web', { alias, promotion: { from, fromKey: key } })]);
  return { config: cfg, image: cfg.images[0], target: { kind: 'manifest', files: [] } };
}

function linkOf(from: string, sources: SourceImage[], alias = 'web') {
  const item = promoted(from, alias);
  const result = linkSources([item], [...sources, { config: item.config, image: item.image, item }]).get(item)!;
  return result.ok ? `${result.source.config.app.label}/${result.source.image.alias}` : result.error.message;
}

describe('linkSources', () => {
  const staging = source('web-staging', { aliases: ['web', 'api'] });
  const teamA = source('web-staging', { namespace: 'team-a', label: 'team-a/web-staging', file: 'apps/a.yaml' });
  const teamB = source('web-staging', { namespace: 'team-b', label: 'team-b/web-staging', file: 'apps/b.yaml' });
  const cases: Array<[string, string, SourceImage[], string | RegExp, string?]> = [
    ['a name, same alias', 'web-staging', staging, 'web-staging/web'],
    ['a name and an alias', 'web-staging/api', staging, 'web-staging/api', 'api'],
    ['an alias that differs from this one', 'web-staging/api', staging, 'web-staging/api', 'api'],
    ['namespace/name', 'team-a/web-staging', [...teamA, ...teamB], 'team-a/web-staging/web'],
    ['namespace/name/alias', 'team-b/web-staging/web', [...teamA, ...teamB], 'team-b/web-staging/web'],
    ['a report label with its file', 'web-staging (apps/x.yaml)', source('web-staging', { label: 'web-staging (apps/x.yaml)', file: 'apps/x.yaml' }), 'web-staging (apps/x.yaml)/web'],
    ['the only image when the alias is implied', 'svc', source('svc', { aliases: ['server'] }), 'svc/server'],
    // A name two namespaces use names two images.
    ['an ambiguous name', 'web-staging', [...teamA, ...teamB], /^promote-from "web-staging" names several images: team-a\/web-staging\/web \(apps\/a\.yaml\), team-b\/web-staging\/web \(apps\/b\.yaml\)$/],
    // team-a's web-staging has no api image.
    ['an unknown alias after namespace/name', 'team-a/web-staging/api', [...teamA, ...teamB], /^promote-from "team-a\/web-staging\/api": Application team-a\/web-staging has no image "api" \(its images: web\)$/],
    // This Application's own image.
    ['itself', 'web-prod', staging, /^promote-from "web-prod" names this image itself$/],
  ];
  it.each(cases)('%s', (_name, from, sources, expected, alias) => {
    const got = linkOf(from, sources, alias);
    if (typeof expected === 'string') expect(got).toBe(expected);
    else expect(got).toMatch(expected);
  });

  it('an error names the promote-from annotation, its file and line, and the fix', () => {
    const item = promoted('nope');
    const result = linkSources([item], staging).get(item)!;
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatchObject({ application: 'web-prod', annotation: `${P}web.promote-from`, file: 'apps/web-prod.yaml', line: 9, fix: expect.stringMatching(/name, namespace\/name or its report name/) });
  });

  it('a three-stage cycle is refused on each stage', () => {
    const a = promoted('c');
    const mk = (name: string, from: string): ResolvedImage => {
      const key = `${P}web.promote-from`;
      const cfg = config(app({ name, file: `apps/${name}.yaml` }), [image('r.example/team/web', { alias: 'web', promotion: { from, fromKey: key } })]);
      return { config: cfg, image: cfg.images[0], target: { kind: 'manifest', files: [] } };
    };
    const b = mk('b', 'web-prod');
    const c = mk('c', 'b');
    const all = [a, b, c].map((item) => ({ config: item.config, image: item.image, item }));
    const links = linkSources([a, b, c], all);
    expect([a, b, c].map((item) => { const r = links.get(item)!; return r.ok ? 'ok' : r.error.message; })).toEqual([
      'promote-from forms a cycle: web-prod/web -> c/web -> b/web -> web-prod/web',
      'promote-from forms a cycle: b/web -> web-prod/web -> c/web -> b/web',
      'promote-from forms a cycle: c/web -> b/web -> web-prod/web -> c/web',
    ]);
  });
});
