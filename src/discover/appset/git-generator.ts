/**
 * git-generator: Argo CD's git generator over the repository snapshot itself: `directories` (Go path.Match on
 * every non-hidden directory, `exclude` wins) and `files` (git pathspec globs, JSON/YAML object or list of
 * objects per file), with `pathParamPrefix` and `values`, producing the same parameter names as
 * applicationset/generators/git.go (path, path.basename, path.basenameNormalized, path.filename,
 * path.filenameNormalized, path[n] / path.segments).
 */
import { parse } from 'yaml';
import type { RepoFiles } from '../../resolve/types.js';
import { matchGlob } from '../../strategy/glob.js';
import type { ClusterInfo } from './clusters.js';
import { sanitizeName } from './go-template/funcs.js';
import { flattenParams, isPlain, type Params } from './params.js';
import { renderString, type TemplateLanguage } from './template-render.js';

/** GeneratorProblem is a generator that cannot produce parameters; `skip` marks "not ours to render" (not an error). */
export class GeneratorProblem extends Error {
  constructor(
    message: string,
    readonly fix: string,
    readonly skip = false,
    readonly file?: string,
  ) {
    super(message);
    this.name = 'GeneratorProblem';
  }
}

/** GitSource is what the git generator reads: the snapshot and how to tell this repository's URL. */
export interface GitSource {
  files: RepoFiles;
  /** Every directory of the snapshot (memoised by the caller). */
  directories: () => readonly string[];
  isThisRepo?: (repoURL: string) => boolean;
  /** The clusters a `clusters` generator sees (input `clusters`); undefined = unknown, the generator is skipped. */
  clusters?: readonly ClusterInfo[];
}

interface PathItem {
  path: string;
  exclude: boolean;
}

/** gitParams runs one `git:` generator. */
export function gitParams(git: Params, source: GitSource, language: TemplateLanguage): Params[] {
  const repoURL = typeof git.repoURL === 'string' ? git.repoURL : '';
  if (source.isThisRepo !== undefined && !source.isThisRepo(repoURL)) {
    throw new GeneratorProblem(`its git generator reads ${repoURL || '(no repoURL)'}, which is not this repository`, 'Run the promoter on that repository too.', true);
  }
  const prefix = typeof git.pathParamPrefix === 'string' ? git.pathParamPrefix : '';
  const values = isPlain(git.values) ? git.values : {};
  const directories = pathItems(git.directories, 'directories');
  const files = pathItems(git.files, 'files');
  let params: Params[];
  if (directories.length > 0) params = filterDirectories(directories, source.directories()).map((dir) => directoryParams(dir, prefix, language.goTemplate));
  else if (files.length > 0) params = fileParams(files, source.files, prefix, language.goTemplate);
  else throw new GeneratorProblem('its git generator lists neither directories nor files', 'Add directories or files to the git generator.');
  return params.map((p) => withValues(p, values, language));
}

function pathItems(value: unknown, field: string): PathItem[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new GeneratorProblem(`git.${field} is not a list`, `Write git.${field} as a list of {path, exclude}.`);
  return value.map((item, i) => {
    if (!isPlain(item) || typeof item.path !== 'string') throw new GeneratorProblem(`git.${field}[${i}] has no path`, `Give git.${field}[${i}] a path glob.`);
    return { path: item.path, exclude: item.exclude === true };
  });
}

function filterDirectories(items: PathItem[], all: readonly string[]): string[] {
  for (const item of items.filter((i) => !i.exclude)) {
    if (!all.some((dir) => matchGlob(item.path, dir))) {
      throw new GeneratorProblem(`git directories path "${item.path}" matches no directory of the repository`, 'Correct the path glob (Go path.Match, `*` stops at `/`), or remove it.');
    }
  }
  return all.filter((dir) => items.some((i) => !i.exclude && matchGlob(i.path, dir)) && !items.some((i) => i.exclude && matchGlob(i.path, dir)));
}

function pathParams(dir: string, goTemplate: boolean, file?: string): Params {
  const base = basename(dir);
  const fileParams: Params = file === undefined ? {} : { filename: basename(file), filenameNormalized: sanitizeName(basename(file)) };
  const params: Params = { path: dir, basename: base, basenameNormalized: sanitizeName(base), ...fileParams };
  return goTemplate ? { ...params, segments: dir.split('/') } : params;
}

function directoryParams(dir: string, prefix: string, goTemplate: boolean, file?: string): Params {
  const path = pathParams(dir, goTemplate, file);
  if (goTemplate) return prefix === '' ? { path } : { [prefix]: { path } };
  const name = prefix === '' ? 'path' : `${prefix}.path`;
  const params: Params = {};
  for (const [key, value] of Object.entries(path)) params[key === 'path' ? name : `${name}.${key}`] = value;
  dir.split('/').forEach((segment, i) => {
    if (segment !== '') params[`${name}[${i}]`] = segment;
  });
  return params;
}

function fileParams(items: PathItem[], files: RepoFiles, prefix: string, goTemplate: boolean): Params[] {
  const all = files.list();
  const matched = new Set<string>();
  for (const item of items.filter((i) => !i.exclude)) {
    const re = pathspec(item.path);
    const hits = all.filter((f) => re.test(f));
    if (hits.length === 0) throw new GeneratorProblem(`git files path "${item.path}" matches no file of the repository`, 'Correct the path glob, or remove it (YAML files, and JSON files up to 1 MiB, are read).');
    hits.forEach((f) => matched.add(f));
  }
  for (const item of items.filter((i) => i.exclude)) {
    const re = pathspec(item.path);
    for (const f of [...matched]) if (re.test(f)) matched.delete(f);
  }
  return [...matched].sort().flatMap((file) => objectsOf(file, files.read(file) ?? '').map((object) => fileObjectParams(file, object, prefix, goTemplate)));
}

function fileObjectParams(file: string, object: Params, prefix: string, goTemplate: boolean): Params {
  const path = directoryParams(dirname(file), prefix, goTemplate, file);
  if (goTemplate) return { ...object, ...path };
  return { ...flattenParams(object), ...path };
}

function objectsOf(file: string, text: string): Params[] {
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    const reason = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    throw new GeneratorProblem(`git files generator file ${file} does not parse: ${reason}`, `Fix the syntax of ${file}.`, false, file);
  }
  if (data === null || data === undefined) return [{}];
  if (isPlain(data)) return [data];
  if (Array.isArray(data) && data.every(isPlain)) return data;
  throw new GeneratorProblem(`git files generator file ${file} holds neither an object nor a list of objects`, `Make ${file} one JSON/YAML object (or a list of them).`, false, file);
}

function withValues(params: Params, values: Params, language: TemplateLanguage): Params {
  const entries = Object.entries(values);
  if (entries.length === 0) return params;
  const rendered = Object.fromEntries(entries.map(([k, v]) => [k, renderString(String(v), params, language)]));
  if (language.goTemplate) return { ...params, values: rendered };
  return { ...params, ...Object.fromEntries(Object.entries(rendered).map(([k, v]) => [`values.${k}`, v])) };
}

/** pathspec turns a git pathspec glob (ls-files: `*` and `**` cross `/`) into a regular expression. */
export function pathspec(glob: string): RegExp {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') re += '.*';
    else if (c === '?') re += '[^]';
    else if (c === '[') {
      // A ']' right after '[' or '[!' is a member of the set, not its end.
      const end = glob.indexOf(']', glob[i + 1] === '!' ? i + 3 : i + 2);
      if (end < 0) re += '\\[';
      else {
        re += `[${glob.slice(i + 1, end).replace(/^!/, '^').replace(/\\/g, '\\\\').replace(/^(\^?)\]/, '$1\\]')}]`;
        i = end;
      }
    } else if (c === '\\' && i + 1 < glob.length) re += `\\${glob[++i]}`;
    else re += c.replace(/[.+^${}()|\]\\/]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

/**
 * directoriesOf lists every non-hidden directory of the repo (what GetDirectories walks): the reader's own list
 * when it has one (directories holding only other files count too), else the directories of the snapshot's files.
 */
export function directoriesOf(files: RepoFiles): string[] {
  const dirs = new Set<string>(files.directories?.() ?? []);
  for (const file of files.list()) {
    for (let i = file.indexOf('/'); i > 0; i = file.indexOf('/', i + 1)) dirs.add(file.slice(0, i));
  }
  return [...dirs].filter((dir) => !dir.split('/').some((part) => part.startsWith('.'))).sort();
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1) || '.';
}

function dirname(path: string): string {
  const i = path.lastIndexOf('/');
  return i < 0 ? '.' : path.slice(0, i);
}
