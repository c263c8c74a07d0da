/** promotion-keys: promote-from, promote-after, promote-gates and hold, per alias and app-wide (issue 12). */
import { describe, expect, it } from 'vitest';
import { AnnotationError } from '../../src/errors.js';
import { promotionOf, withPromotion } from '../../src/discover/promotion-keys.js';
import { publishFromAnnotations } from '../../src/discover/publish-keys.js';
import { app, image } from '../support/builders.js';

const P = 'image-promoter.argoproj.io/';

function appWith(annotations: Record<string, string>) {
  const lines = Object.fromEntries(Object.keys(annotations).map((key, i) => [key, 10 + i]));
  return app({ name: 'web-prod', annotations, annotationLines: lines, file: 'apps/web-prod.yaml' });
}

describe('promotionOf', () => {
  const web = { alias: 'web', hasAlias: true };
  const cases: Array<[string, Record<string, string>, { alias: string; hasAlias: boolean }, unknown]> = [
    ['nothing set', {}, web, {}],
    ['per-alias source', { [`${P}web.promote-from`]: 'web-staging' }, web, { promotion: { from: 'web-staging', fromKey: `${P}web.promote-from` } }],
    ['app-wide source with alias and namespace', { [`${P}promote-from`]: 'team-a/web-staging/api' }, web, { promotion: { from: 'team-a/web-staging/api', fromKey: `${P}promote-from` } }],
    ['per-alias wins over app-wide', { [`${P}promote-from`]: 'web-dev', [`${P}web.promote-from`]: 'web-staging' }, web, { promotion: { from: 'web-staging', fromKey: `${P}web.promote-from` } }],
    ['an empty per-alias value falls back to app-wide', { [`${P}promote-from`]: 'web-dev', [`${P}web.promote-from`]: '' }, web, { promotion: { from: 'web-dev', fromKey: `${P}promote-from` } }],
    ['an image without alias reads the app-wide key only', { [`${P}promote-from`]: 'web-dev', [`${P}nginx.promote-from`]: 'x' }, { alias: 'nginx', hasAlias: false }, { promotion: { from: 'web-dev', fromKey: `${P}promote-from` } }],
    [
      'soak and gates',
      { [`${P}web.promote-from`]: 'web-staging', [`${P}web.promote-after`]: '1h30m', [`${P}promote-gates`]: 'checks:smoke, e2e' },
      web,
      { promotion: { from: 'web-staging', fromKey: `${P}web.promote-from`, after: { ms: 5_400_000, text: '1h30m', key: `${P}web.promote-after` }, gates: { checks: ['smoke', 'e2e'], key: `${P}promote-gates` } } },
    ],
    ['all checks', { [`${P}web.promote-from`]: 'web-staging', [`${P}web.promote-gates`]: 'checks' }, web, { promotion: { from: 'web-staging', fromKey: `${P}web.promote-from`, gates: { checks: 'all', key: `${P}web.promote-gates` } } }],
    ['hold per alias', { [`${P}web.hold`]: 'true' }, web, { hold: `${P}web.hold` }],
    ['hold app-wide', { [`${P}hold`]: 'true' }, web, { hold: `${P}hold` }],
    ['hold false', { [`${P}hold`]: 'false' }, web, {}],
    ['pin-digest per alias', { [`${P}web.pin-digest`]: 'true' }, web, { pinDigest: true }],
    ['pin-digest app-wide', { [`${P}pin-digest`]: 'true' }, web, { pinDigest: true }],
    ['pin-digest per alias false wins over app-wide true', { [`${P}pin-digest`]: 'true', [`${P}web.pin-digest`]: 'false' }, web, {}],
    ['pin-digest app-wide for an image without alias', { [`${P}pin-digest`]: 'true', [`${P}nginx.pin-digest`]: 'false' }, { alias: 'nginx', hasAlias: false }, { pinDigest: true }],
    ['helm.image-digest per alias', { [`${P}web.pin-digest`]: 'true', [`${P}web.helm.image-digest`]: ' image.digest ' }, web, { pinDigest: true, helmDigestKey: 'image.digest' }],
    ['helm.image-digest is not read app-wide', { [`${P}helm.image-digest`]: 'image.digest' }, web, {}],
  ];
  it.each(cases)('%s', (_name, annotations, which, expected) => {
    expect(promotionOf(appWith(annotations), which)).toEqual(expected);
  });

  const bad: Array<[string, Record<string, string>, string, number, RegExp]> = [
    // Go duration syntax has no days.
    ['a duration Go refuses', { [`${P}web.promote-from`]: 'a', [`${P}web.promote-after`]: '1d' }, `${P}web.promote-after`, 11, /promote-after "1d" is not a duration \(time: unknown unit "d" in duration "1d"\)/],
    // A negative soak makes no sense.
    ['a negative duration', { [`${P}web.promote-from`]: 'a', [`${P}web.promote-after`]: '-1h' }, `${P}web.promote-after`, 11, /negative/],
    // A soak time without a source is a half-written promotion.
    ['promote-after without promote-from', { [`${P}web.promote-after`]: '24h' }, `${P}web.promote-after`, 10, /no promote-from says where/],
    // Gates only know checks.
    ['an unknown gate', { [`${P}web.promote-from`]: 'a', [`${P}web.promote-gates`]: 'approvals' }, `${P}web.promote-gates`, 11, /is not "checks"/],
    // An empty name in the list.
    ['an empty check name', { [`${P}web.promote-from`]: 'a', [`${P}web.promote-gates`]: 'checks:a,,b' }, `${P}web.promote-gates`, 11, /is not "checks"/],
    // A leading or trailing slash leaves an empty Application or alias.
    ['a source with an empty alias', { [`${P}web.promote-from`]: 'web-staging/' }, `${P}web.promote-from`, 10, /is not <application>\[\/<alias>\]/],
    ['a source with an empty name', { [`${P}web.promote-from`]: '/web' }, `${P}web.promote-from`, 10, /is not <application>/],
    // hold is strict.
    ['hold yes', { [`${P}web.hold`]: 'yes' }, `${P}web.hold`, 10, /hold "yes" is not true or false/],
    // pin-digest is strict too: Go's ParseBool forms are not ours.
    ['pin-digest 1', { [`${P}web.pin-digest`]: '1' }, `${P}web.pin-digest`, 10, /pin-digest "1" is not true or false/],
    ['pin-digest app-wide TRUE', { [`${P}pin-digest`]: 'TRUE' }, `${P}pin-digest`, 10, /pin-digest "TRUE" is not true or false/],
  ];
  it.each(bad)('refuses %s naming the annotation, file and line', (_name, annotations, key, line, message) => {
    let error: unknown;
    try {
      promotionOf(appWith(annotations), web);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AnnotationError);
    expect(error).toMatchObject({ application: 'web-prod', annotation: key, file: 'apps/web-prod.yaml', line });
    expect((error as Error).message).toMatch(message);
  });
});

describe('withPromotion', () => {
  it('sets the fields on each image', () => {
    const images = withPromotion(appWith({ [`${P}web.promote-from`]: 'web-staging', [`${P}api.hold`]: 'true' }), [image('ghcr.io/a/web', { alias: 'web' }), image('ghcr.io/a/api', { alias: 'api' })]);
    expect(images.map((i) => [i.alias, i.promotion?.from, i.hold])).toEqual([
      ['web', 'web-staging', undefined],
      ['api', undefined, `${P}api.hold`],
    ]);
  });

  it('sets pinDigest and the Helm digest key on the image, keeping its other helm keys', () => {
    const images = withPromotion(appWith({ [`${P}pin-digest`]: 'true', [`${P}web.helm.image-digest`]: 'image.digest' }), [
      image('ghcr.io/a/web', { alias: 'web', helm: { tag: 'image.version' } }),
      image('ghcr.io/a/api', { alias: 'api' }),
    ]);
    expect(images.map((i) => [i.alias, i.pinDigest, i.helm])).toEqual([
      ['web', true, { tag: 'image.version', digest: 'image.digest' }],
      ['api', true, undefined],
    ]);
  });

  it('takes a Helm digest key without pin-digest for the digest strategy (it writes a digest anyway)', () => {
    const [web] = withPromotion(appWith({ [`${P}web.helm.image-digest`]: 'image.digest' }), [image('ghcr.io/a/web', { alias: 'web', strategy: 'digest', constraint: 'main' })]);
    expect(web.helm).toEqual({ digest: 'image.digest' });
    expect(web.pinDigest).toBeUndefined();
  });

  const badDigestKey: Array<[string, Record<string, string>, Partial<import('../../src/discover/types.js').ImageSpec>, string, RegExp]> = [
    // Nothing would write a digest into the key.
    ['a digest key without pin-digest', { [`${P}web.helm.image-digest`]: 'image.digest' }, {}, `${P}web.helm.image-digest`, /writes no digest \(update-strategy semver, no pin-digest\)/],
    // image-spec already carries repo:tag@digest in one key.
    ['a digest key beside image-spec', { [`${P}web.pin-digest`]: 'true', [`${P}web.helm.image-digest`]: 'image.digest' }, { helm: { spec: 'image.ref' } }, `${P}web.helm.image-digest`, /helm.image-spec writes the whole reference/],
    // The updater's own path rules: a list index must be a number.
    ['a digest key with a bad index', { [`${P}web.pin-digest`]: 'true', [`${P}web.helm.image-digest`]: 'images[x].digest' }, {}, `${P}web.helm.image-digest`, /list index "\[x\]"/],
    // It names one image's values key, so it has no app-wide form.
    ['an app-wide digest key', { [`${P}helm.image-digest`]: 'image.digest' }, {}, `${P}helm.image-digest`, /helm.image-digest is read per image only/],
  ];
  it.each(badDigestKey)('refuses %s naming the annotation, file and line', (_name, annotations, fields, key, message) => {
    const run = () => withPromotion(appWith(annotations), [image('ghcr.io/a/web', { alias: 'web', ...fields })]);
    expect(run).toThrow(AnnotationError);
    expect(run).toThrow(message);
    try {
      run();
    } catch (error) {
      expect(error).toMatchObject({ application: 'web-prod', annotation: key, file: 'apps/web-prod.yaml', line: 10 + Object.keys(annotations).indexOf(key) });
    }
  });

  it('refuses a per-alias key for an alias that is not an image', () => {
    expect(() => withPromotion(appWith({ [`${P}wbe.promote-from`]: 'web-staging' }), [image('ghcr.io/a/web', { alias: 'web' })])).toThrow(/alias "wbe", which is not an alias/);
  });
});

describe('publishFromAnnotations', () => {
  it('leaves the promotion keys to promotion-keys and still refuses unknown keys', () => {
    expect(publishFromAnnotations({ [`${P}web.promote-from`]: 'x', [`${P}hold`]: 'true', [`${P}publish-mode`]: 'commit' })).toMatchObject({ mode: 'commit' });
    expect(publishFromAnnotations({ [`${P}promote-form`]: 'x' })).toMatchObject({ key: `${P}promote-form`, message: expect.stringMatching(/unknown/) });
    expect(publishFromAnnotations({ [`${P}web.pin-digest`]: 'true', [`${P}web.helm.image-digest`]: 'image.digest', [`${P}pin-digest`]: 'true' })).toMatchObject({ labels: [] });
  });
});

describe('promotion keys on an Application configured by an ImageUpdater CR', () => {
  it('are read from the Application, naming the CR image alias', async () => {
    const { discoverApplications } = await import('../../src/discover/discover.js');
    const { memoryRepo } = await import('../../src/discover/local-repo.js');
    const files = memoryRepo({
      'updater.yaml': 'apiVersion: argocd-image-updater.argoproj.io/v1alpha1\nkind: ImageUpdater\nmetadata: {name: u, namespace: argocd}\nspec:\n  applicationRefs:\n    - namePattern: web-prod\n      images:\n        - alias: web\n          imageName: "r.example/team/web"\n',
      'apps/web-prod.yaml': `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web-prod\n  annotations:\n    ${P}web.promote-from: web-staging\n    ${P}web.promote-after: 24h\nspec:\n  source: {repoURL: https://github.com/acme/gitops.git, path: envs/prod}\n`,
    });
    const { configs, failures } = discoverApplications(files);
    expect(failures).toEqual([]);
    expect(configs[0].origin.kind).toBe('ImageUpdater');
    expect(configs[0].images[0].promotion).toEqual({ from: 'web-staging', fromKey: `${P}web.promote-from`, after: { ms: 86_400_000, text: '24h', key: `${P}web.promote-after` } });
  });
});

describe('pin-digest on an Application configured by an ImageUpdater CR', () => {
  it('is read from the Application, and the Helm digest key joins the CR manifestTargets.helm keys', async () => {
    const { discoverApplications } = await import('../../src/discover/discover.js');
    const { memoryRepo } = await import('../../src/discover/local-repo.js');
    const files = memoryRepo({
      'updater.yaml': 'apiVersion: argocd-image-updater.argoproj.io/v1alpha1\nkind: ImageUpdater\nmetadata: {name: u, namespace: argocd}\nspec:\n  applicationRefs:\n    - namePattern: api-prod\n      images:\n        - alias: api\n          imageName: "r.example/team/api"\n          manifestTargets:\n            helm: {name: image.repository, tag: image.tag}\n',
      'apps/api-prod.yaml': `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: api-prod\n  annotations:\n    ${P}api.pin-digest: "true"\n    ${P}api.helm.image-digest: image.digest\nspec:\n  source: {repoURL: https://github.com/acme/gitops.git, path: envs/prod}\n`,
    });
    const { configs, failures } = discoverApplications(files);
    expect(failures).toEqual([]);
    expect(configs[0].origin.kind).toBe('ImageUpdater');
    expect(configs[0].images[0]).toMatchObject({ pinDigest: true, helm: { name: 'image.repository', tag: 'image.tag', digest: 'image.digest' } });
  });
});
