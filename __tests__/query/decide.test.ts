import { describe, expect, it } from 'vitest';
import type { ImageSpec } from '../../src/discover/types.js';
import { app, config, image } from '../support/builders.js';
import { decideOutcome, type Decision } from '../../src/query/decide.js';
import type { ResolvedImage } from '../../src/resolve/types.js';

function resolvedImage(current: { tag?: string; digest?: string } | undefined, strategy: ImageSpec['strategy'] = 'semver'): ResolvedImage {
  const spec = image('asia.gcr.io/acme/web', { alias: 'web', strategy, strategyRaw: strategy });
  const appConfig = config(app({ name: 'web-prod', file: 'apps/web-prod.yaml' }), [spec]);
  return { config: appConfig, image: spec, target: { kind: 'kustomization', file: 'apps/web/kustomization.yaml', entryName: 'asia.gcr.io/acme/web' }, current };
}

// Orders tags by their numeric value, standing in for a strategy's own order.
const byNumber = (a: { tag: string }, b: { tag: string }) => Number(a.tag) < Number(b.tag);

function decision(overrides: Partial<Decision>): Decision {
  return { chosen: null, updates: false, isDowngrade: byNumber, allowDowngrade: false, mode: 'pull-request', ...overrides };
}

describe('decideOutcome', () => {
  it('skips with a reason when no tag qualifies', () => {
    const outcome = decideOutcome(resolvedImage({ tag: '1' }), decision({ chosen: null }));
    expect(outcome).toMatchObject({ status: 'skipped', entry: { application: 'web-prod', alias: 'web' } });
    expect(outcome.status === 'skipped' && outcome.entry.reason).toMatch(/no tag of asia.gcr.io\/acme\/web/);
  });

  it('reports unchanged when the updater would write nothing', () => {
    const outcome = decideOutcome(resolvedImage({ tag: '2' }), decision({ chosen: { tag: '2' }, updates: false }));
    expect(outcome).toMatchObject({ status: 'unchanged', entry: { tag: '2', file: 'apps/web/kustomization.yaml' } });
  });

  it('plans an update with from, to and the target file', () => {
    const outcome = decideOutcome(resolvedImage({ tag: '1' }), decision({ chosen: { tag: '2', digest: 'sha256:ab' }, current: { tag: '1' }, updates: true }));
    expect(outcome).toMatchObject({
      status: 'update',
      update: { entry: { from: '1', to: '2', digest: 'sha256:ab', strategy: 'semver', file: 'apps/web/kustomization.yaml', mode: 'pull-request' }, newImage: { tag: '2' } },
    });
  });

  it('writes the digest only for the digest strategy', () => {
    const outcome = decideOutcome(resolvedImage({ tag: 'latest', digest: 'sha256:00' }, 'digest'), decision({ chosen: { tag: 'latest', digest: 'sha256:ff' }, updates: true }));
    expect(outcome.status === 'update' && outcome.update.newImage).toEqual({ tag: 'latest', digest: 'sha256:ff' });
    expect(outcome.status === 'update' && outcome.update.entry.from).toBe('latest@sha256:00');
  });

  it('refuses a downgrade and names both tags', () => {
    const outcome = decideOutcome(resolvedImage({ tag: '3' }), decision({ chosen: { tag: '2' }, current: { tag: '3' }, updates: true }));
    expect(outcome.status).toBe('skipped');
    expect(outcome.status === 'skipped' && outcome.entry.reason).toMatch(/refusing to downgrade .* from 3 to 2/);
  });

  it('follows the downgrade when allow-downgrade is set', () => {
    const outcome = decideOutcome(resolvedImage({ tag: '3' }), decision({ chosen: { tag: '2' }, current: { tag: '3' }, updates: true, allowDowngrade: true }));
    expect(outcome.status).toBe('update');
  });

  it('updates an image git does not pin yet (from is null)', () => {
    const outcome = decideOutcome(resolvedImage(undefined), decision({ chosen: { tag: '2' }, updates: true }));
    expect(outcome.status === 'update' && outcome.update.entry.from).toBeNull();
  });
});
