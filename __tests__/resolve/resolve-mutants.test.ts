import { describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/discover/types.js';
import { ConfigError, EditError, PromoterError } from '../../src/errors.js';
import { resolveImages, withApplication } from '../../src/resolve/resolve.js';
import { app, config, image, memoryRepo, source } from './helpers.js';

const PREFIX = 'argocd-image-updater.argoproj.io/';
const repo = memoryRepo({ 'apps/demo/kustomization.yaml': '' });

describe('withApplication', () => {
  const cfg = config(app(), []);

  it('keeps an error that already names an Application', () => {
    const error = new EditError('bad', { application: 'other' });
    expect(withApplication(error, cfg)).toBe(error);
  });

  it('adds the Application to a shared-file error, keeping its kind, file, line and fix', () => {
    const result = withApplication(new ConfigError('bad', { file: 'k.yaml', line: 3, fix: 'do' }), cfg);
    expect(result).toBeInstanceOf(ConfigError);
    expect([result.message, result.application, result.file, result.line, result.fix]).toEqual(['bad', 'demo', 'k.yaml', 3, 'do']);
  });

  it('an error without file points at the Application', () => {
    const result = withApplication(new EditError('bad'), cfg);
    expect([result.file, result.line]).toEqual(['argocd/demo.yaml', 2]);
  });

  it('wraps anything else as an EditError of the Application', () => {
    const result = withApplication(new Error('boom'), cfg);
    expect(result).toBeInstanceOf(EditError);
    expect([result.message, result.application]).toEqual(['could not resolve the image targets: boom', 'demo']);
    expect(result).toBeInstanceOf(PromoterError);
  });
});

describe('resolveImages: a pull secret in another namespace', () => {
  const failure = (cfg: AppConfig) => {
    const [first] = resolveImages([cfg], repo).failures;
    return first.error;
  };
  const withSecret = (annotations: Record<string, string>, hasAlias = true) => {
    const img = image('org/app', { alias: 'web', hasAlias, pullSecret: 'pullsecret:other/creds' });
    const lines = Object.fromEntries(Object.keys(annotations).map((key, i) => [key, 10 + i]));
    return config(app({ sources: [source({ path: 'apps/demo' })], annotations, annotationLines: lines }), [img]);
  };

  it('is refused on the per-alias annotation when the image has one', () => {
    const error = failure(withSecret({ [`${PREFIX}pull-secret`]: 'x', [`${PREFIX}web.pull-secret`]: 'pullsecret:other/creds' }));
    expect(error).toBeInstanceOf(ConfigError);
    expect([error.message, error.application, error.annotation, error.line, error.fix]).toEqual([
      'the pull secret "pullsecret:other/creds" is in namespace "other", not the Application\'s namespace "argocd"; argocd-image-updater refuses it, so this image is not updated',
      'demo', `${PREFIX}web.pull-secret`, 11, 'Reference a secret in namespace argocd, or use env:VAR / docker config credentials in CI.',
    ]);
  });

  it('is refused on the shared annotation when the alias has none', () => {
    expect(failure(withSecret({ [`${PREFIX}pull-secret`]: 'pullsecret:other/creds' })).annotation).toBe(`${PREFIX}pull-secret`);
  });

  it('an unaliased image is refused on the shared annotation even when a per-alias key exists', () => {
    expect(failure(withSecret({ [`${PREFIX}pull-secret`]: 'x', [`${PREFIX}web.pull-secret`]: 'y' }, false)).annotation).toBe(`${PREFIX}pull-secret`);
  });

  it('from an ImageUpdater is refused on the CR, without annotation', () => {
    const cfg: AppConfig = { ...withSecret({}), origin: { kind: 'ImageUpdater', name: 'iu', file: 'iu.yaml', line: 5 } };
    const error = failure(cfg);
    expect([error.annotation, error.file, error.line]).toEqual([undefined, 'iu.yaml', 5]);
  });
});
