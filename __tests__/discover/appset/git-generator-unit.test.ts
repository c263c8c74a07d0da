/** The git generator on its own: directory and file parameters, values, refusals, git pathspec globs and the directory walk. */
import { describe, expect, it } from 'vitest';
import { directoriesOf, GeneratorProblem, gitParams, pathspec, type GitSource } from '../../../src/discover/appset/git-generator.js';
import type { TemplateLanguage } from '../../../src/discover/appset/template-render.js';
import { memoryRepo } from '../../../src/discover/local-repo.js';
import type { Params } from '../../../src/discover/appset/params.js';

const FAST: TemplateLanguage = { goTemplate: false, options: [] };
const GO: TemplateLanguage = { goTemplate: true, options: [] };

function source(files: Record<string, string>, extra: Partial<GitSource> = {}): GitSource {
  const repo = memoryRepo(files);
  return { files: repo, directories: () => directoriesOf(repo), ...extra };
}

/** problem returns what gitParams refuses with. */
function problem(git: Params, src: GitSource, language = FAST) {
  try {
    gitParams(git, src, language);
  } catch (error) {
    if (error instanceof GeneratorProblem) return { name: error.name, message: error.message, fix: error.fix, skip: error.skip, file: error.file };
    throw error;
  }
  throw new Error('gitParams did not refuse');
}

const APPS = { 'apps/web/k.yaml': 'a: 1\n', 'apps/api/k.yaml': 'a: 1\n' };

describe('gitParams: the generator', () => {
  it('skips a generator on another repository, passing the repoURL to isThisRepo', () => {
    const seen: string[] = [];
    const src = source(APPS, { isThisRepo: (url) => (seen.push(url), false) });
    expect(problem({ repoURL: 'https://x.example/other.git', directories: [{ path: '*' }] }, src)).toEqual({
      name: 'GeneratorProblem',
      message: 'its git generator reads https://x.example/other.git, which is not this repository',
      fix: 'Run the promoter on that repository too.',
      skip: true,
      file: undefined,
    });
    expect(problem({ repoURL: 42, directories: [{ path: '*' }] }, src).message).toBe('its git generator reads (no repoURL), which is not this repository');
    expect(seen).toEqual(['https://x.example/other.git', '']);
  });

  it('refuses a generator with neither directories nor files', () => {
    expect(problem({ repoURL: 'r', directories: [], files: null }, source(APPS))).toMatchObject({
      message: 'its git generator lists neither directories nor files',
      fix: 'Add directories or files to the git generator.',
      skip: false,
    });
  });

  it.each(['directories', 'files'])('refuses %s that are not a list', (field) => {
    expect(problem({ [field]: { path: '*' } }, source(APPS))).toMatchObject({ message: `git.${field} is not a list`, fix: `Write git.${field} as a list of {path, exclude}.` });
  });

  it.each<unknown>(['apps/*', { path: 3 }, { exclude: true }])('refuses an item without a string path (%o), naming its index', (item) => {
    expect(problem({ files: [{ path: '*.yaml' }, item] }, source(APPS))).toMatchObject({ message: 'git.files[1] has no path', fix: 'Give git.files[1] a path glob.' });
  });
});

describe('gitParams: directories', () => {
  it('ignores null files next to directories, and an exclude glob that matches nothing', () => {
    const params = gitParams({ directories: [{ path: 'apps/*' }, { path: 'none/*', exclude: true }], files: null }, source(APPS), FAST);
    expect(params.map((p) => p.path)).toEqual(['apps/api', 'apps/web']);
  });

  it('names fasttemplate parameters under pathParamPrefix, with path[n] per segment', () => {
    expect(gitParams({ pathParamPrefix: 'app', directories: [{ path: 'apps/web' }] }, source(APPS), FAST)).toEqual([
      { 'app.path': 'apps/web', 'app.path.basename': 'web', 'app.path.basenameNormalized': 'web', 'app.path[0]': 'apps', 'app.path[1]': 'web' },
    ]);
  });

  it('adds rendered values: values.<key> without goTemplate, a values map with it', () => {
    const git = { directories: [{ path: 'apps/web' }], values: { env: 'prod-{{path.basename}}' } };
    expect(gitParams(git, source(APPS), FAST)[0]).toMatchObject({ 'values.env': 'prod-web' });
    const go = { directories: [{ path: 'apps/web' }], values: { env: 'prod-{{ .path.basename }}' } };
    expect(gitParams(go, source(APPS), GO)[0]).toEqual({
      path: { path: 'apps/web', basename: 'web', basenameNormalized: 'web', segments: ['apps', 'web'] },
      values: { env: 'prod-web' },
    });
  });

  it('adds nothing for an empty values map', () => {
    expect(gitParams({ directories: [{ path: 'apps/web' }], values: {} }, source(APPS), GO)).toEqual([
      { path: { path: 'apps/web', basename: 'web', basenameNormalized: 'web', segments: ['apps', 'web'] } },
    ]);
  });
});

describe('gitParams: files', () => {
  const CONFIGS = {
    'c/b.yaml': 'name: b\n',
    'c/a.yaml': 'name: a\ntags: [x, y]\nnone: {}\n',
    'c/skip.yaml': 'name: skip\n',
    'top.yaml': '',
  };

  it('reads the matching files in path order, excludes win, flattens lists as Argo CD does', () => {
    const files = [{ path: 'c/b.yaml' }, { path: 'c/*.yaml' }, { path: 'c/skip*', exclude: true }, { path: 'nothing/*', exclude: true }];
    const params = gitParams({ files }, source(CONFIGS), FAST);
    expect(params).toEqual([
      {
        name: 'a',
        'tags.0': 'x',
        'tags.1': 'y',
        path: 'c',
        'path.basename': 'c',
        'path.basenameNormalized': 'c',
        'path.filename': 'a.yaml',
        'path.filenameNormalized': 'a.yaml',
        'path[0]': 'c',
      },
      expect.objectContaining({ name: 'b', 'path.filename': 'b.yaml' }),
    ]);
  });

  it('keeps the file object whole with goTemplate, the path params under path', () => {
    expect(gitParams({ files: [{ path: 'c/a.yaml' }] }, source(CONFIGS), GO)).toEqual([
      {
        name: 'a',
        tags: ['x', 'y'],
        none: {},
        path: { path: 'c', basename: 'c', basenameNormalized: 'c', filename: 'a.yaml', filenameNormalized: 'a.yaml', segments: ['c'] },
      },
    ]);
  });

  it('reads an empty file at the top as one empty object in directory "."', () => {
    expect(gitParams({ files: [{ path: 'top.yaml' }] }, source(CONFIGS), FAST)).toEqual([
      { path: '.', 'path.basename': '.', 'path.basenameNormalized': '', 'path.filename': 'top.yaml', 'path.filenameNormalized': 'top.yaml', 'path[0]': '.' },
    ]);
  });

  it('reads a list of objects as one parameter set each', () => {
    const params = gitParams({ files: [{ path: 'l.yaml' }] }, source({ 'l.yaml': '- a: 1\n- a: 2\n' }), GO);
    expect(params.map((p) => p.a)).toEqual([1, 2]);
  });

  it('refuses a glob that matches no file', () => {
    expect(problem({ files: [{ path: 'x/*.json' }] }, source(CONFIGS))).toMatchObject({
      message: 'git files path "x/*.json" matches no file of the repository',
      fix: 'Correct the path glob, or remove it (YAML files, and JSON files up to 1 MiB, are read).',
    });
  });

  it('refuses a file that does not parse with the first line of the YAML error, naming the file', () => {
    expect(problem({ files: [{ path: 'bad.yaml' }] }, source({ 'bad.yaml': 'a: [b\n' }))).toEqual({
      name: 'GeneratorProblem',
      message: 'git files generator file bad.yaml does not parse: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1:',
      fix: 'Fix the syntax of bad.yaml.',
      skip: false,
      file: 'bad.yaml',
    });
  });

  it('refuses a file with more than 100 aliases (a billion-laughs guard)', () => {
    const text = `a: &a x\nb: [${Array.from({ length: 101 }, () => '*a').join(', ')}]\n`;
    expect(problem({ files: [{ path: 'many.yaml' }] }, source({ 'many.yaml': text })).message).toMatch(/^git files generator file many\.yaml does not parse: /);
  });

  it('reads an empty list as no parameter sets, as Argo CD does', () => {
    expect(gitParams({ files: [{ path: 'l.yaml' }] }, source({ 'l.yaml': '[]\n' }), FAST)).toEqual([]);
  });

  it.each(['just text', '- a: 1\n- 2\n'])('refuses a file holding neither an object nor a list of objects (%j)', (text) => {
    expect(problem({ files: [{ path: 'f.yaml' }] }, source({ 'f.yaml': text }))).toEqual({
      name: 'GeneratorProblem',
      message: 'git files generator file f.yaml holds neither an object nor a list of objects',
      fix: 'Make f.yaml one JSON/YAML object (or a list of them).',
      skip: false,
      file: 'f.yaml',
    });
  });
});

describe('pathspec (git ls-files globs)', () => {
  it.each<[string, string, boolean]>([
    ['c/*.yaml', 'c/d/e.yaml', true],
    ['c/?.yaml', 'c/a.yaml', true],
    ['c/?.yaml', 'c/ab.yaml', false],
    ['c?d', 'c/d', true],
    ['[ab].yaml', 'b.yaml', true],
    ['[ab].yaml', 'c.yaml', false],
    ['[!ab].yaml', 'c.yaml', true],
    ['[!ab].yaml', 'a.yaml', false],
    ['x[a!]', 'x!', true],
    ['x[a!]', 'x^', false],
    ['[\\].yaml', '\\.yaml', true],
    ['a[b', 'a[b', true],
    ['a[b', 'ab', false],
    ['a\\*', 'a*', true],
    ['a\\*', 'ab', false],
    ['a\\', 'a\\', true],
    ['a.b', 'aXb', false],
    ['a+(b)|{c}$^', 'a+(b)|{c}$^', true],
  ])('%s ~ %s: %o', (glob, path, matches) => {
    expect(pathspec(glob).test(path)).toBe(matches);
  });
});

describe('pathspec sets', () => {
  it("takes a ']' right after '[' or '[!' as a member of the set, as fnmatch does (bug: '[]a]' matched nothing, '[!]a]' everything)", () => {
    expect(['].yaml', 'a.yaml', 'b.yaml'].filter((f) => pathspec('[]a].yaml').test(f))).toEqual(['].yaml', 'a.yaml']);
    expect(['].yaml', 'a.yaml', 'b.yaml'].filter((f) => pathspec('[!]a].yaml').test(f))).toEqual(['b.yaml']);
  });
});

describe('directoriesOf', () => {
  it("walks every parent of every file, adds the reader's own directories, and leaves hidden ones out, sorted", () => {
    const repo = memoryRepo({ 'b/c/d.yaml': '', 'a.yaml': '', '.github/w/x.yaml': '', 'b/.hidden/y.yaml': '', 'b/v1.2/z.yaml': '' }, [], { dirs: new Set(['z/only-json']) });
    expect(directoriesOf(repo)).toEqual(['b', 'b/c', 'b/v1.2', 'z/only-json']);
  });

  it('walks the files when the reader has no directory list', () => {
    const repo = memoryRepo({ 'b/c/d.yaml': '', '/abs.yaml': '' });
    expect(directoriesOf({ read: repo.read, list: repo.list })).toEqual(['b', 'b/c']);
  });
});
