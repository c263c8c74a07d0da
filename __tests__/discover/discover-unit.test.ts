/**
 * discoverApplications on small in-memory repositories: the applications filter (blank globs, padded globs),
 * "nothing matched" warnings, refused files, failures and their file/line, ImageUpdater selection remarks,
 * and the source-repository skip rule.
 */
import { describe, expect, it } from 'vitest';
import { discoverApplications, type DiscoverOptions } from '../../src/discover/discover.js';
import { memoryRepo } from '../../src/discover/local-repo.js';
import { ConfigError } from '../../src/errors.js';
import type { RefusedFile, RepoFiles } from '../../src/resolve/types.js';

const P = 'argocd-image-updater.argoproj.io/';
const HERE = 'https://github.com/acme/gitops';
const isThisRepo = (url: string) => url === HERE;
const ONE_SOURCE = `spec:\n  source:\n    repoURL: ${HERE}\n    path: apps/x\n`;

/** application renders an Application document; `annotations` are written under the updater's prefix. */
function application(name: string, annotations: string[] = [`image-list: web=ghcr.io/acme/web`], spec = ONE_SOURCE): string {
  const lines = annotations.length === 0 ? '' : `  annotations:\n${annotations.map((a) => `    ${P}${a}\n`).join('')}`;
  return `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\n${lines}${spec}`;
}

/** updater renders an ImageUpdater CR selecting `pattern`. */
function updater(name: string, pattern: string, ref = ''): string {
  return [
    'apiVersion: argocd-image-updater.argoproj.io/v1alpha1',
    'kind: ImageUpdater',
    'metadata:',
    `  name: ${name}`,
    'spec:',
    '  applicationRefs:',
    `    - namePattern: "${pattern}"`,
    ref,
    '      images:',
    '        - alias: api',
    '          imageName: ghcr.io/acme/api',
    '',
  ].join('\n');
}

const run = (files: Record<string, string>, options: DiscoverOptions = {}, refused: RefusedFile[] = []) =>
  discoverApplications(memoryRepo(files, refused), { isThisRepo, ...options });

describe('the applications filter', () => {
  const files = { 'apps/web.yaml': application('web'), 'apps/api.yaml': application('api') };

  it('blank globs are no filter', () => {
    const result = run(files, { applications: ['  ', ''] });
    expect([result.configs.map((c) => c.app.name), result.warnings]).toEqual([['api', 'web'], []]);
  });

  it('globs are trimmed, and a blank one next to them neither matches nor warns', () => {
    const result = run(files, { applications: [' web ', ''] });
    expect([result.configs.map((c) => c.app.name), result.warnings]).toEqual([['web'], []]);
  });

  it('a failure of an Application outside the filter is left to its own run, whatever its name holds', () => {
    const result = run({ ...files, 'apps/bad.yaml': application('Bad-ApplicationSet') }, { applications: ['web'] });
    expect(result.failures).toEqual([]);
    expect(run({ ...files, 'apps/bad.yaml': application('Bad-ApplicationSet') }).failures.map((f) => [f.application, f.file, f.line])).toEqual([['Bad-ApplicationSet', 'apps/bad.yaml', 4]]);
  });
});

describe('warnings when nothing matched', () => {
  const many = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`apps/a${String(i).padStart(2, '0')}.yaml`, application(`a${String(i).padStart(2, '0')}`)]));

  it('a glob that matches none of ten Applications lists them all', () => {
    expect(run(many(10), { applications: ['web'] }).warnings).toEqual([{ message: 'applications: "web" matches no Application (found: a00, a01, a02, a03, a04, a05, a06, a07, a08, a09).' }]);
  });

  it('with more than ten, the first ten and the count', () => {
    expect(run(many(11), { applications: ['web'] }).warnings).toEqual([{ message: 'applications: "web" matches no Application (found: a00, a01, a02, a03, a04, a05, a06, a07, a08, a09, … (11 in all)).' }]);
  });

  it('with an ImageUpdater but no Application, the glob matches none', () => {
    const result = run({ 'updaters/iu.yaml': updater('iu', '*') }, { applications: ['web'] });
    expect(result.warnings).toEqual([{ message: 'applications: "web" matches no Application (found: none).' }]);
  });

  it('an ImageUpdater alone is something found', () => {
    expect(run({ 'updaters/iu.yaml': updater('iu', '*') }).warnings).toEqual([]);
  });

  it('an ApplicationSet alone is something found', () => {
    const appSet = 'apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: set\nspec:\n  generators:\n    - list:\n        elements: []\n  template:\n    metadata:\n      name: x\n    spec: {}\n';
    expect(run({ 'apps/set.yaml': appSet }).warnings).toEqual([]);
  });

  it('no Application at all counts only the YAML files read', () => {
    const result = run({ 'a.yaml': 'x: 1\n', 'b.json': '{}', 'skip/c.yaml': 'y: 1\n' }, { excludePaths: ['skip'] });
    expect(result.warnings).toEqual([
      {
        message:
          'no Argo CD Application (argoproj.io/v1alpha1) was found in the 1 YAML files read. Only *.yaml and *.yml files are read, as written: templates (.yaml.tpl, Helm templates) are not rendered.',
      },
    ]);
  });
});

describe('refused files', () => {
  it('are failures without Application, at line 1, with the fix for their reason', () => {
    const refused = [
      { path: 'apps/big.yaml', reason: 'it is 9 bytes, over the 5-byte limit for a YAML file' },
      { path: 'apps/link.yaml', reason: 'it is a symlink that leads outside the repository' },
      { path: 'skip/big.yaml', reason: 'it is 9 bytes, over the 5-byte limit for a YAML file' },
    ];
    const result = run({ 'apps/web.yaml': application('web') }, { excludePaths: ['skip'] }, refused);
    expect(result.failures.map((f) => [f.application, f.file, f.line, f.error.message, f.error.file, f.error.fix])).toEqual([
      ['', 'apps/big.yaml', 1, 'file not read: it is 9 bytes, over the 5-byte limit for a YAML file', 'apps/big.yaml', 'Split or shrink the file, or move it out of the repository.'],
      ['', 'apps/link.yaml', 1, 'file not read: it is a symlink that leads outside the repository', 'apps/link.yaml', 'Replace the link with the file itself, or remove it.'],
    ]);
  });

  it('a snapshot without a refused list reads as none refused', () => {
    const files: RepoFiles = { read: () => application('web'), list: () => ['apps/web.yaml'] };
    const result = discoverApplications(files, { isThisRepo });
    expect([result.configs.map((c) => c.app.name), result.failures]).toEqual([['web'], []]);
  });
});

describe('documents that cannot be read', () => {
  it('an Application without a readable name fails without a name', () => {
    const result = run({ 'apps/x.yaml': 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata: 5\n' });
    expect(result.failures.map((f) => [f.application, f.file, f.line, f.error.message])).toEqual([['', 'apps/x.yaml', 3, 'Application field metadata must be a mapping']]);
  });

  it('an ImageUpdater without a name fails as "ImageUpdater"', () => {
    const result = run({ 'updaters/iu.yaml': 'apiVersion: argocd-image-updater.argoproj.io/v1alpha1\nkind: ImageUpdater\nspec: 5\n' });
    expect(result.failures.map((f) => [f.application, f.file])).toEqual([['ImageUpdater', 'updaters/iu.yaml']]);
  });

  it('an Application whose kind carries a YAML tag or anchor is still read', () => {
    const tagged = application('web').replace('kind: Application', 'kind: !!str Application');
    const anchored = application('api').replace('kind: Application', 'kind: &k Application');
    expect(run({ 'apps/web.yaml': tagged, 'apps/api.yaml': anchored }).configs.map((c) => c.app.name)).toEqual(['api', 'web']);
  });

  it('an opted-in Application without source fails at its kind line', () => {
    const result = run({ 'apps/web.yaml': application('web', undefined, 'spec: {}\n') });
    expect(result.failures.map((f) => [f.application, f.file, f.line])).toEqual([['web', 'apps/web.yaml', 2]]);
    const { error } = result.failures[0];
    expect(error).toBeInstanceOf(ConfigError);
    expect([error.message, error.application, error.file, error.line, error.fix]).toEqual([
      'Application has no spec.source or spec.sources', 'web', 'apps/web.yaml', 2, 'Add spec.source (or spec.sources) with the repoURL and path the images are written to.',
    ]);
  });

  it('an ImageUpdater write-back problem fails the Application at the CR file and line', () => {
    const result = run({ 'apps/web.yaml': application('web', []), 'updaters/iu.yaml': updater('iu', 'web', '      writeBackConfig: {method: ftp}') });
    expect(result.failures.map((f) => [f.application, f.file, f.line, f.error.file])).toEqual([['web', 'updaters/iu.yaml', 7, 'updaters/iu.yaml']]);
  });
});

describe('ImageUpdater selection', () => {
  it('useAnnotations on an Application without image-list skips it, saying which CR', () => {
    const result = run({ 'apps/web.yaml': application('web', []), 'updaters/iu.yaml': updater('iu', 'web', '      useAnnotations: true') });
    expect([result.configs, result.skipped]).toEqual([[], [{ application: 'web', reason: 'ImageUpdater iu selects it with useAnnotations, but it has no image-list annotation' }]]);
  });

  it('useAnnotations with an image-list configures from annotations, selected by the CR', () => {
    const result = run({ 'apps/web.yaml': application('web'), 'updaters/iu.yaml': updater('iu', 'web', '      useAnnotations: true') });
    expect(result.configs.map((c) => c.origin)).toEqual([{ kind: 'annotations', selectedBy: { name: 'iu', file: 'updaters/iu.yaml', line: 2 } }]);
  });

  it('an Application with annotations and no CR is configured from annotations, without remarks', () => {
    expect(run({ 'apps/web.yaml': application('web') }).configs.map((c) => [c.origin, c.warnings])).toEqual([[{ kind: 'annotations' }, []]]);
  });

  it('a CR without useAnnotations says the image-list annotation is ignored, only when there is one', () => {
    const result = run({ 'apps/web.yaml': application('web'), 'apps/api.yaml': application('api', []), 'updaters/iu.yaml': updater('iu', '*') });
    expect(result.configs.map((c) => [c.app.name, c.origin.kind, c.warnings])).toEqual([
      ['api', 'ImageUpdater', []],
      ['web', 'ImageUpdater', ['its image-updater annotations are ignored: ImageUpdater iu selects it without useAnnotations.']],
    ]);
  });
});

describe('Applications whose sources are in another repository', () => {
  it('a single source elsewhere is skipped with git-repository as the way out', () => {
    const result = run({ 'apps/web.yaml': application('web', undefined, 'spec:\n  source:\n    repoURL: https://github.com/acme/other\n    path: x\n') });
    expect([result.configs, result.skipped]).toEqual([[], [{ application: 'web', reason: 'its source repository https://github.com/acme/other is not this repository; set git-repository if its files live here' }]]);
  });

  it('a ref source elsewhere, or a plain source here, does not bring the Application into this repository', () => {
    const other = 'https://github.com/acme/other';
    const refElsewhere = `spec:\n  sources:\n    - {repoURL: ${other}, path: x}\n    - {repoURL: https://github.com/acme/values, ref: values}\n`;
    const plainHere = `spec:\n  sources:\n    - {repoURL: ${other}, path: x}\n    - {repoURL: ${HERE}, path: y}\n`;
    const result = run({ 'apps/a.yaml': application('a', undefined, refElsewhere), 'apps/b.yaml': application('b', undefined, plainHere) });
    const reason = `its source repository ${other} is not this repository; set git-repository if its files live here`;
    expect([result.configs, result.skipped]).toEqual([[], [{ application: 'a', reason }, { application: 'b', reason }]]);
  });
});
