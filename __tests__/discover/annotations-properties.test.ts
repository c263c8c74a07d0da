import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configFromAnnotations } from '../../src/discover/annotations.js';
import type { Application } from '../../src/discover/types.js';
import { AnnotationError } from '../../src/errors.js';
import { PROPERTY_RUNS } from '../support/properties.js';

const P = 'argocd-image-updater.argoproj.io/';
const X = 'image-promoter.argoproj.io/';
const KEYS = ['update-strategy', 'allow-tags', 'ignore-tags', 'force-update', 'pull-secret', 'platforms', 'tag-match',
  'helm.image-name', 'helm.image-tag', 'helm.image-spec', 'kustomize.image-name', 'write-back-method', 'write-back-target',
  'git-branch', 'git-repository'];
const ALIASES = ['web', 'api', 'a.b', 'x-1'];

// Values built from the characters annotation syntax cares about, plus arbitrary text.
const value = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: fc.constantFrom('a', 'web', '=', ',', ':', '/', '.', '*', '~', '^', ' ', '|', 'regexp:', 'glob:', 'semver', 'latest', 'git', 'helmvalues', 'kustomization', 'true', '1', '[', '(', '\\'), maxLength: 12 }),
);
// Mostly a valid list naming every alias (so the per-alias keys are read), sometimes items with arbitrary tails.
const imageList = fc.oneof(
  { weight: 3, arbitrary: fc.constant('web=nginx,api=gcr.io/p/web:~1.2,a.b=ghcr.io/o/api,x-1=nginx:^1') },
  {
    weight: 1,
    arbitrary: fc
      .array(fc.tuple(fc.option(fc.constantFrom(...ALIASES)), fc.constantFrom('nginx', 'gcr.io/p/web', 'ghcr.io/o/api:~1.2'), fc.option(value, { freq: 3 })), { maxLength: 3 })
      .map((items) => items.map(([alias, image, raw]) => `${alias === null ? '' : `${alias}=`}${image}${raw ?? ''}`).join(',')),
  },
);
const annotations = fc
  .tuple(
    fc.option(fc.oneof({ weight: 4, arbitrary: imageList }, { weight: 1, arbitrary: value }), { freq: 8 }),
    fc.dictionary(fc.oneof(fc.constantFrom(...KEYS), fc.tuple(fc.constantFrom(...ALIASES), fc.constantFrom(...KEYS)).map(([a, k]) => `${a}.${k}`)), value, { maxKeys: 4 }),
    fc.dictionary(fc.constantFrom('publish-mode', 'draft', 'group', 'labels', 'reviewers', 'pr-title'), value, { maxKeys: 2 }),
  )
  .map(([list, keys, promoter]) => ({
    ...(list === null ? {} : { [`${P}image-list`]: list }),
    ...Object.fromEntries(Object.entries(keys).map(([k, v]) => [P + k, v])),
    ...Object.fromEntries(Object.entries(promoter).map(([k, v]) => [X + k, v])),
  }));

function app(values: Record<string, string>): Application {
  return {
    name: 'web',
    label: 'argocd/web',
    labels: {},
    annotations: values,
    sources: [{ repoURL: 'https://github.com/o/r', path: 'apps/web', index: 0 }],
    sourceTypes: [],
    file: 'apps/web.yaml',
    line: 2,
    annotationLines: Object.fromEntries(Object.keys(values).map((k, i) => [k, 10 + i])),
  };
}

describe('property: annotation parsing', () => {
  it('any annotation values give a config or an AnnotationError naming the Application, annotation, file and line', () => {
    fc.assert(
      fc.property(annotations, (values) => {
        try {
          configFromAnnotations(app(values));
        } catch (error) {
          expect(error).toBeInstanceOf(AnnotationError);
          const e = error as AnnotationError;
          expect(e.application).toBe('argocd/web');
          expect(e.file).toBe('apps/web.yaml');
          expect(e.annotation).toMatch(/^(argocd-image-updater|image-promoter)\.argoproj\.io\//);
          expect(e.line).toBeGreaterThan(0);
          expect(e.fix).toBeTruthy();
        }
      }),
      { ...PROPERTY_RUNS, numRuns: PROPERTY_RUNS.numRuns * 2 },
    );
  });
});
