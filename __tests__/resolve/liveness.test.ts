/**
 * liveness: an image nothing in git references is skipped as the updater skips an image that is not
 * live, unless force-update is set or git cannot see what the Application renders (issue 10 item 3).
 */
import { describe, it, expect } from 'vitest';
import type { AppSource } from '../../src/discover/types.js';
import { unreferencedReason } from '../../src/resolve/liveness.js';
import type { ResolvedImage } from '../../src/resolve/types.js';
import { app, config, image, memoryRepo, source } from './helpers.js';

const files = memoryRepo({});

function item(src: Partial<AppSource>, img = image('gcr.io/proj/app'), current?: ResolvedImage['current']): ResolvedImage {
  return { config: config(app({ sources: [source(src)] }), [img]), image: img, target: { kind: 'manifest', files: [] }, ...(current ? { current } : {}) };
}

describe('unreferencedReason', () => {
  it('an aliased image nothing references: says so and names its force-update annotation', () => {
    expect(unreferencedReason(item({ path: 'k' }), files)).toBe(
      'nothing in git references gcr.io/proj/app (no override, kustomize entry, Helm value or container image), so the Application does not run it; ' +
        'argocd-image-updater skips an image that is not live. Set argocd-image-updater.argoproj.io/app.force-update: "true" to write it anyway.',
    );
  });
  it('an unaliased image: the plain force-update annotation', () => {
    expect(unreferencedReason(item({ path: 'k' }, image('gcr.io/proj/app', { hasAlias: false })), files)).toMatch(/Set argocd-image-updater\.argoproj\.io\/force-update: "true"/);
  });
  it('a referenced or force-updated image is processed', () => {
    expect(unreferencedReason(item({ path: 'k' }, image('gcr.io/proj/app'), { tag: '1' }), files)).toBeUndefined();
    expect(unreferencedReason(item({ path: 'k' }, image('gcr.io/proj/app', { forceUpdate: true })), files)).toBeUndefined();
  });
  it('a chart from a Helm repository is processed (git cannot see what it renders); a chart in git is not', () => {
    expect(unreferencedReason(item({ chart: 'api' }), files)).toBeUndefined();
    expect(unreferencedReason(item({ chart: 'api', path: 'c' }), files)).toMatch(/^nothing in git references/);
  });
  it('a source with neither chart nor path is checked like any other', () => {
    expect(unreferencedReason(item({}), files)).toMatch(/^nothing in git references/);
  });
});
