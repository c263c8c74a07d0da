import { describe, it, expect } from 'vitest';
import { configFromAnnotations } from '../../src/discover/annotations.js';
import { AnnotationError } from '../../src/errors.js';
import type { Application } from '../../src/discover/types.js';

const P = 'argocd-image-updater.argoproj.io/';
const X = 'image-promoter.argoproj.io/';

function app(annotations: Record<string, string>): Application {
  const keys = Object.keys(annotations);
  return {
    name: 'web',
    label: 'web',
    labels: {},
    annotations,
    sources: [{ repoURL: 'https://github.com/o/r', path: 'apps/web', index: 0 }],
    sourceTypes: [],
    file: 'apps/web.yaml',
    line: 2,
    annotationLines: Object.fromEntries(keys.map((k, i) => [k, 10 + i])),
  };
}

describe('per-image precedence (1.x)', () => {
  const cases: { name: string; annotations: Record<string, string>; expect: Record<string, unknown> }[] = [
    { name: 'defaults', annotations: {}, expect: { strategy: 'semver', strategyRaw: 'semver', ignoreTags: [], forceUpdate: false, platforms: [], allowTags: undefined } },
    { name: 'app-wide strategy', annotations: { [`${P}update-strategy`]: 'digest' }, expect: { strategy: 'digest' } },
    { name: 'per-alias wins', annotations: { [`${P}update-strategy`]: 'digest', [`${P}a.update-strategy`]: 'Newest-Build' }, expect: { strategy: 'newest-build', strategyRaw: 'Newest-Build' } },
    { name: 'empty per-alias = unset', annotations: { [`${P}update-strategy`]: 'digest', [`${P}a.update-strategy`]: '' }, expect: { strategy: 'digest' } },
    { name: 'deprecated latest', annotations: { [`${P}a.update-strategy`]: 'latest' }, expect: { strategy: 'newest-build', strategyRaw: 'latest' } },
    { name: 'deprecated name', annotations: { [`${P}a.update-strategy`]: 'name' }, expect: { strategy: 'alphabetical' } },
    { name: 'unknown strategy -> semver', annotations: { [`${P}a.update-strategy`]: 'newest' }, expect: { strategy: 'semver', strategyRaw: 'newest' } },
    { name: 'allow-tags app-wide', annotations: { [`${P}allow-tags`]: 'regexp:^v' }, expect: { allowTags: 'regexp:^v' } },
    { name: 'allow-tags per alias', annotations: { [`${P}allow-tags`]: 'regexp:^v', [`${P}a.allow-tags`]: 'any' }, expect: { allowTags: 'any' } },
    { name: 'allow-tags empty per alias', annotations: { [`${P}allow-tags`]: 'regexp:^v', [`${P}a.allow-tags`]: '' }, expect: { allowTags: 'regexp:^v' } },
    { name: 'ignore-tags split and trimmed', annotations: { [`${P}ignore-tags`]: 'latest, dev-* ,,x' }, expect: { ignoreTags: ['latest', 'dev-*', '', 'x'] } },
    { name: 'ignore-tags per alias replaces', annotations: { [`${P}ignore-tags`]: 'latest', [`${P}a.ignore-tags`]: 'rc*' }, expect: { ignoreTags: ['rc*'] } },
    // The one exception: an empty per-alias ignore-tags is [""] and still disables the app-wide list.
    { name: 'ignore-tags empty per alias disables', annotations: { [`${P}ignore-tags`]: 'latest', [`${P}a.ignore-tags`]: '' }, expect: { ignoreTags: [''] } },
    { name: 'force-update True', annotations: { [`${P}force-update`]: 'True' }, expect: { forceUpdate: true } },
    { name: 'force-update 1 per alias', annotations: { [`${P}force-update`]: 'false', [`${P}a.force-update`]: '1' }, expect: { forceUpdate: true } },
    { name: 'force-update empty per alias', annotations: { [`${P}force-update`]: 't', [`${P}a.force-update`]: '' }, expect: { forceUpdate: true } },
    { name: 'force-update F', annotations: { [`${P}a.force-update`]: 'F' }, expect: { forceUpdate: false } },
    { name: 'pull-secret', annotations: { [`${P}pull-secret`]: 'env:X', [`${P}a.pull-secret`]: 'pullsecret:ns/s' }, expect: { pullSecret: 'pullsecret:ns/s' } },
    { name: 'platforms per alias', annotations: { [`${P}a.platforms`]: 'linux/amd64, linux/arm64/v8' }, expect: { platforms: ['linux/amd64', 'linux/arm64/v8'] } },
    { name: 'platforms app-wide ignored', annotations: { [`${P}platforms`]: 'linux/arm64' }, expect: { platforms: [] } },
    { name: 'helm keys', annotations: { [`${P}a.helm.image-name`]: 'img.repo', [`${P}a.helm.image-tag`]: 'img.tag' }, expect: { helm: { name: 'img.repo', tag: 'img.tag' } } },
    { name: 'helm spec', annotations: { [`${P}a.helm.image-spec`]: 'x[0].image' }, expect: { helm: { spec: 'x[0].image' } } },
    { name: 'kustomize name', annotations: { [`${P}a.kustomize.image-name`]: 'app' }, expect: { kustomizeImageName: 'app', helm: undefined } },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const config = configFromAnnotations(app({ [`${P}image-list`]: 'a=gcr.io/p/a:~1.2', ...c.annotations }));
      expect(config.images).toHaveLength(1);
      expect(config.images[0]).toMatchObject({ alias: 'a', hasAlias: true, constraint: '~1.2' });
      for (const [key, value] of Object.entries(c.expect)) expect((config.images[0] as unknown as Record<string, unknown>)[key]).toEqual(value);
    });
  }

  it('alias-less images read only app-wide keys and no helm/kustomize/platforms', () => {
    const config = configFromAnnotations(
      app({ [`${P}image-list`]: 'nginx:1.x, b=redis', [`${P}allow-tags`]: 'regexp:^1', [`${P}b.allow-tags`]: 'any', [`${P}b.platforms`]: 'linux/arm64' }),
    );
    expect(config.images.map((i) => [i.alias, i.hasAlias, i.allowTags, i.platforms])).toEqual([
      ['nginx', false, 'regexp:^1', []],
      ['b', true, 'any', ['linux/arm64']],
    ]);
  });
});

describe('warnings', () => {
  const cases: { name: string; annotations: Record<string, string>; warning: RegExp }[] = [
    { name: 'unknown strategy', annotations: { [`${P}a.update-strategy`]: 'newest' }, warning: /"newest" is unknown, so semver is used/ },
    { name: 'deprecated strategy', annotations: { [`${P}update-strategy`]: 'latest' }, warning: /deprecated name; write "newest-build"/ },
    { name: 'allow-tags without regexp:', annotations: { [`${P}a.allow-tags`]: '^v1' }, warning: /no "regexp:" prefix/ },
    { name: 'allow-tags not RE2', annotations: { [`${P}allow-tags`]: 'regexp:(?=x)' }, warning: /does not compile as RE2/ },
    { name: 'app-wide platforms', annotations: { [`${P}platforms`]: 'linux/arm64' }, warning: /platforms is read per image only/ },
    { name: 'tag-match', annotations: { [`${P}a.tag-match`]: 'regexp:x' }, warning: /ignored by argocd-image-updater 1.x/ },
    { name: 'unknown key', annotations: { [`${P}foo`]: 'x' }, warning: /foo is not an argocd-image-updater key/ },
    // Our keys under the updater's prefix do nothing: the warning names the prefix that works (issue 12).
    { name: 'pin-digest under the updater prefix', annotations: { [`${P}a.pin-digest`]: 'true' }, warning: /a\.pin-digest is not an argocd-image-updater key and is ignored\. It is an argocd-image-promoter key: write image-promoter\.argoproj\.io\/a\.pin-digest\./ },
    { name: 'helm.image-digest under the updater prefix', annotations: { [`${P}a.helm.image-digest`]: 'image.digest' }, warning: /write image-promoter\.argoproj\.io\/a\.helm\.image-digest\./ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const config = configFromAnnotations(app({ [`${P}image-list`]: 'a=gcr.io/p/a', ...c.annotations }));
      expect(config.warnings.join('\n')).toMatch(c.warning);
    });
  }
  it('no warnings for a clean config', () => {
    expect(configFromAnnotations(app({ [`${P}image-list`]: 'a=gcr.io/p/a', [`${P}a.allow-tags`]: 'regexp:^v' })).warnings).toEqual([]);
  });
});

describe('errors', () => {
  const cases: { name: string; annotations: Record<string, string>; annotation: string; message: RegExp; fix: RegExp }[] = [
    { name: 'force-update not a Go bool', annotations: { [`${P}a.force-update`]: 'yes' }, annotation: `${P}a.force-update`, message: /"yes" is not a boolean/, fix: /true/ },
    { name: 'app-wide force-update not a Go bool', annotations: { [`${P}force-update`]: 'on' }, annotation: `${P}force-update`, message: /"on"/, fix: /true/ },
    { name: 'unknown alias', annotations: { [`${P}b.allow-tags`]: 'any' }, annotation: `${P}b.allow-tags`, message: /alias "b", which is not an alias in image-list/, fix: /Add "b=<image>"/ },
    { name: 'unknown alias with dots', annotations: { [`${P}my.app.helm.image-tag`]: 'x' }, annotation: `${P}my.app.helm.image-tag`, message: /alias "my.app"/, fix: /image-list/ },
    { name: 'helm and kustomize', annotations: { [`${P}a.helm.image-tag`]: 't', [`${P}a.kustomize.image-name`]: 'k' }, annotation: `${P}a.kustomize.image-name`, message: /both helm/, fix: /Keep only/ },
    { name: 'bad platform', annotations: { [`${P}a.platforms`]: 'amd64' }, annotation: `${P}a.platforms`, message: /not os\/arch/, fix: /linux\/amd64/ },
    { name: 'bad write-back-method', annotations: { [`${P}write-back-method`]: 'github' }, annotation: `${P}write-back-method`, message: /"github" is not valid/, fix: /git:repocreds/ },
    { name: 'git-branch with two colons', annotations: { [`${P}git-branch`]: 'main:a:b' }, annotation: `${P}git-branch`, message: /more than one ":"/, fix: /<base>:<push-template>/ },
    { name: 'bad image-list item', annotations: { [`${P}image-list`]: 'a=UPPER' }, annotation: `${P}image-list`, message: /no image name/, fix: /\[<alias>=\]<image>/ },
    { name: 'bad publish-mode', annotations: { [`${X}publish-mode`]: 'pr' }, annotation: `${X}publish-mode`, message: /"pr" is not valid/, fix: /pull-request/ },
    { name: 'bad draft', annotations: { [`${X}draft`]: 'yes' }, annotation: `${X}draft`, message: /not true or false/, fix: /"true"/ },
    { name: 'unknown promoter key', annotations: { [`${X}label`]: 'x' }, annotation: `${X}label`, message: /unknown/, fix: /labels/ },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const annotations = { [`${P}image-list`]: 'a=gcr.io/p/a', ...c.annotations };
      let caught: unknown;
      try {
        configFromAnnotations(app(annotations));
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(AnnotationError);
      const error = caught as AnnotationError;
      expect(error.message).toMatch(c.message);
      expect(error.fix).toMatch(c.fix);
      expect(error).toMatchObject({ application: 'web', annotation: c.annotation, file: 'apps/web.yaml', line: 10 + Object.keys(annotations).indexOf(c.annotation) });
    });
  }
});

describe('write-back and publish', () => {
  const cases: { name: string; annotations: Record<string, string>; writeBack: Record<string, unknown> }[] = [
    { name: 'absent method means git', annotations: {}, writeBack: { method: 'git' } },
    { name: 'explicit argocd kept', annotations: { [`${P}write-back-method`]: 'argocd' }, writeBack: { method: 'argocd' } },
    { name: 'git:secret with namespace', annotations: { [`${P}write-back-method`]: 'git:secret:argocd/creds' }, writeBack: { method: 'git:secret:argocd/creds' } },
    { name: 'git:secret without namespace (1.x)', annotations: { [`${P}write-back-method`]: 'git:secret:creds' }, writeBack: { method: 'git:secret:creds' } },
    {
      name: 'target, branch, repository',
      annotations: { [`${P}write-back-method`]: 'git:repocreds', [`${P}write-back-target`]: 'kustomization:../base', [`${P}git-branch`]: 'main:bump-{{.SHA256}}', [`${P}git-repository`]: 'git@github.com:o/r.git' },
      writeBack: { method: 'git:repocreds', target: 'kustomization:../base', gitBranch: 'main:bump-{{.SHA256}}', gitRepository: 'git@github.com:o/r.git' },
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(configFromAnnotations(app({ [`${P}image-list`]: 'a=gcr.io/p/a', ...c.annotations })).writeBack).toEqual(c.writeBack);
    });
  }

  it('reads the promoter keys', () => {
    const config = configFromAnnotations(
      app({
        [`${P}image-list`]: 'a=gcr.io/p/a',
        [`${X}publish-mode`]: 'auto-merge',
        [`${X}labels`]: 'deploy, prod,',
        [`${X}reviewers`]: 'alice',
        [`${X}team-reviewers`]: 'org/sre',
        [`${X}assignees`]: 'bob,carol',
        [`${X}draft`]: 'true',
        [`${X}group`]: 'prod',
      }),
    );
    expect(config.publish).toEqual({ mode: 'auto-merge', labels: ['deploy', 'prod'], reviewers: ['alice'], teamReviewers: ['org/sre'], assignees: ['bob', 'carol'], draft: true, group: 'prod' });
  });

  it('publish defaults', () => {
    expect(configFromAnnotations(app({ [`${P}image-list`]: 'a=gcr.io/p/a' })).publish).toEqual({ labels: [], reviewers: [], teamReviewers: [], assignees: [] });
  });
});
