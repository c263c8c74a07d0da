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

  it('refuses a per-alias key for an alias that is not an image', () => {
    expect(() => withPromotion(appWith({ [`${P}wbe.promote-from`]: 'web-staging' }), [image('ghcr.io/a/web', { alias: 'web' })])).toThrow(/alias "wbe", which is not an alias/);
  });
});

describe('publishFromAnnotations', () => {
  it('leaves the promotion keys to promotion-keys and still refuses unknown keys', () => {
    expect(publishFromAnnotations({ [`${P}web.promote-from`]: 'x', [`${P}hold`]: 'true', [`${P}publish-mode`]: 'commit' })).toMatchObject({ mode: 'commit' });
    expect(publishFromAnnotations({ [`${P}promote-form`]: 'x' })).toMatchObject({ key: `${P}promote-form`, message: expect.stringMatching(/unknown/) });
  });
});
