import { describe, it, expect } from 'vitest';
import { bestMatch, configFromImageUpdater, literalChars, refScore, selectorMatches } from '../../src/discover/image-updater-match.js';
import type { CrAppRef, CrWriteBack, ImageUpdaterCr } from '../../src/discover/image-updater.js';
import type { Application } from '../../src/discover/types.js';

const P = 'image-promoter.argoproj.io/';

function ref(partial: Partial<CrAppRef> = {}): CrAppRef {
  return { index: 0, namePattern: '*', useAnnotations: false, settings: {}, writeBack: {}, images: [], line: 7, ...partial };
}

function cr(partial: Partial<ImageUpdaterCr> = {}): ImageUpdaterCr {
  return { name: 'u', file: 'u.yaml', line: 2, settings: {}, writeBack: {}, refs: [ref()], ...partial };
}

function app(partial: Partial<Application> = {}): Application {
  return { name: 'shop', label: 'shop', labels: {}, annotations: {}, sources: [], sourceTypes: [], file: 'apps/shop.yaml', line: 3, annotationLines: {}, ...partial };
}

describe('selectorMatches', () => {
  it('Exists needs the key', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'team', operator: 'Exists', values: [] }] }, { env: 'prod' })).toBe(false);
  });

  it('NotIn matches a present key with another value', () => {
    expect(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }] }, { env: 'prod' })).toBe(true);
  });

  it('matchLabels alone checks no expression, even for a label named "undefined"', () => {
    expect(selectorMatches({ matchLabels: {} }, { undefined: 'x' })).toBe(true);
  });
});

describe('literalChars', () => {
  const cases: [string, number][] = [
    ['a\\b', 2], // an escaped character counts once
    ['\\[x]', 3], // an escaped "[" opens no class
    ['[]a]x', 1], // "]" right after "[" belongs to the class
    ['ab[c', 2], // an unclosed class ends the pattern
  ];
  for (const [pattern, want] of cases) it(`${pattern} has ${want}`, () => expect(literalChars(pattern)).toBe(want));
});

describe('refScore', () => {
  it('matchExpressions alone are a selector', () => {
    const r = ref({ matchExpressions: [{ key: 'a', operator: 'Exists', values: [] }] });
    expect([refScore(r, app({ labels: { a: '' } })), refScore(r, app())]).toEqual([10_100, undefined]);
  });

  it('matchLabels alone add 100 per label', () => {
    expect(refScore(ref({ matchLabels: { a: '1' } }), app({ labels: { a: '1' } }))).toBe(10_100);
  });
});

describe('bestMatch', () => {
  it('a CR without namespace selects an Application of any namespace', () => {
    expect(bestMatch([cr()], app({ namespace: 'team-a' })).match?.cr.name).toBe('u');
  });

  it('names every CR that selects the Application, and the one used', () => {
    const crs = [cr({ name: 'a' }), cr({ name: 'b', refs: [ref({ namePattern: 'shop' })] }), cr({ name: 'c' })];
    expect(bestMatch(crs, app()).warnings).toEqual(['ImageUpdater resources a, b, c all select this Application; b (shop) is used.']);
  });
});

describe('configFromImageUpdater', () => {
  const config = (crWb: CrWriteBack, refWb: CrWriteBack, a: Application = app()) => {
    const c = cr({ writeBack: crWb, refs: [ref({ writeBack: refWb })] });
    return configFromImageUpdater({ cr: c, ref: c.refs[0], score: 0 }, a);
  };
  const NO_LISTS = { labels: [], reviewers: [], teamReviewers: [], assignees: [] };

  it('merges the write-back of CR and ref, the ref winning, with no warnings', () => {
    expect(config({ method: 'git:repocreds', gitBranch: 'main' }, { gitBranch: 'release' })).toStrictEqual({
      images: [],
      writeBack: { method: 'git:repocreds', gitBranch: 'release' },
      publish: NO_LISTS,
      warnings: [],
    });
  });

  const refusals = [
    { name: 'a bad method', wb: { method: 'svn' }, annotation: 'writeBackConfig.method', message: 'write-back method "svn" is not valid', fix: 'Use argocd, git, git:repocreds or git:secret:<namespace>/<secret>.' },
    { name: 'a branch with two colons', wb: { gitBranch: 'a:b:c' }, annotation: 'writeBackConfig.gitConfig.branch', message: 'git-branch "a:b:c" has more than one ":"', fix: 'Write <branch>, <base>:<push-template> or :<push-template>.' },
  ];
  for (const r of refusals) {
    it(`refuses ${r.name} at the ref's line in the CR's file`, () => {
      expect(() => config({}, r.wb)).toThrow(expect.objectContaining({ name: 'AnnotationError', message: r.message, application: 'shop', annotation: r.annotation, file: 'u.yaml', line: 7, fix: r.fix }));
    });
  }

  it('refuses a bad publish annotation at its line in the Application file', () => {
    const a = app({ annotations: { [`${P}draft`]: 'maybe' }, annotationLines: { [`${P}draft`]: 9 } });
    expect(() => config({}, {}, a)).toThrow(expect.objectContaining({ name: 'AnnotationError', message: 'draft "maybe" is not true or false', application: 'shop', annotation: `${P}draft`, file: 'apps/shop.yaml', line: 9, fix: 'Write "true" or "false".' }));
  });

  it('refuses a bad publish annotation without a known line at the Application line', () => {
    expect(() => config({}, {}, app({ annotations: { [`${P}draft`]: 'maybe' } }))).toThrow(expect.objectContaining({ line: 3 }));
  });

  it("a ref's pullRequest asks for a pull request with its labels", () => {
    expect(config({}, { pullRequest: { labels: ['deps'] } }).publish).toStrictEqual({ ...NO_LISTS, mode: 'pull-request', labels: ['deps'] });
  });

  it("the CR's pullRequest applies when the ref has none", () => {
    expect(config({ pullRequest: { labels: ['cr'] } }, {}).publish).toStrictEqual({ ...NO_LISTS, mode: 'pull-request', labels: ['cr'] });
  });

  it('our own publish-mode and labels win over pullRequest', () => {
    const a = app({ annotations: { [`${P}publish-mode`]: 'auto-merge', [`${P}labels`]: 'mine' } });
    expect(config({}, { pullRequest: { labels: ['cr'] } }, a).publish).toStrictEqual({ ...NO_LISTS, mode: 'auto-merge', labels: ['mine'] });
  });

  it('without pullRequest the annotations are used as they are', () => {
    expect(config({}, {}, app({ annotations: { [`${P}publish-mode`]: 'commit' } })).publish).toStrictEqual({ ...NO_LISTS, mode: 'commit' });
  });
});
