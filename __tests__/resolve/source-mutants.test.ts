import { describe, expect, it } from 'vitest';
import { chooseSource, findKustomization, forcedType, pickSource, repoPath, typeFromFiles, valueFilesOf } from '../../src/resolve/source.js';
import { readerFor } from '../../src/resolve/yaml-read.js';
import { app, memoryRepo, source } from './helpers.js';
import { thrown } from './thrown.js';

describe('repoPath', () => {
  it('an empty path and "/" are the repository root', () => {
    expect(repoPath('', '')).toBe('');
    expect(repoPath('a', '/')).toBe('');
  });

  it('an escape names the path and its base, "/" for the root', () => {
    expect(thrown(() => repoPath('', '../x')).message).toBe('path "../x" (from "/") leads out of the repository');
    expect(thrown(() => repoPath('a', '../../x')).message).toBe('path "../../x" (from "a") leads out of the repository');
  });
});

describe('source type detection', () => {
  it('finds a kustomization at the repository root', () => {
    expect(typeFromFiles('', memoryRepo({ 'kustomization.yaml': '' }))).toBe('kustomize');
  });

  it('write-back-target helmvalues:<path> forces helm whatever the file name', () => {
    expect(forcedType('helmvalues:/envs/values')).toBe('helm');
  });

  it('a raw target forces helm only when it ends in .yaml or .yml', () => {
    expect(forcedType('envs/prod.yml')).toBe('helm');
    expect(forcedType('envs/prod.yaml.bak')).toBeUndefined();
  });

  it.each(['Kustomize', 'Plugin', 'Directory', 'HELM'])('status.sourceType %s is taken over the files', (status) => {
    const repo = memoryRepo({ 'chart/Chart.yaml': '', 'k/kustomization.yaml': '' });
    const path = status === 'HELM' ? 'k' : 'chart';
    expect(chooseSource(app({ sources: [source({ path })], sourceTypes: [status] }), repo).type).toBe(status.toLowerCase());
  });

  it('a source without path and without blocks is a directory, whatever the repository root holds', () => {
    expect(chooseSource(app({ sources: [source()] }), memoryRepo({ 'kustomization.yaml': '' })).type).toBe('directory');
  });

  it('a chart source without path lives at the repository root', () => {
    expect(chooseSource(app({ sources: [source({ chart: 'web' })] }), memoryRepo({})).dir).toBe('');
  });

  it('a source path out of the repository names the Application', () => {
    const error = thrown(() => chooseSource(app({ sources: [source({ path: '../up' })] }), memoryRepo({})));
    expect(error.message).toBe('path "../up" (from "/") leads out of the repository');
    expect([error.application, error.file, error.line]).toEqual(['demo', 'argocd/demo.yaml', 2]);
  });
});

describe('pickSource', () => {
  it('refuses an Application without sources with its place and the fix', () => {
    const error = thrown(() => pickSource(app({ sources: [] }), memoryRepo({})));
    expect([error.message, error.application, error.file, error.line, error.fix]).toEqual(['the Application has no source', 'demo', 'argocd/demo.yaml', 2, 'Add spec.source or spec.sources.']);
  });

  it('a single source is taken without looking at its path', () => {
    const only = source({ path: '../outside' });
    expect(pickSource(app({ sources: [only] }), memoryRepo({}))).toBe(only);
  });

  it('a source without path is not the typed one, even when the root holds a kustomization', () => {
    const second = source({ path: 'k', index: 1 });
    const repo = memoryRepo({ 'kustomization.yaml': '', 'k/kustomization.yaml': '' });
    expect(pickSource(app({ sources: [source(), second] }), repo)).toBe(second);
  });

  it('a typed source wins over a plain directory before it', () => {
    const second = source({ path: 'k', index: 1 });
    const repo = memoryRepo({ 'plain/a.yaml': '', 'k/kustomization.yaml': '' });
    expect(pickSource(app({ sources: [source({ path: 'plain' }), second] }), repo)).toBe(second);
  });
});

describe('valueFilesOf', () => {
  const demo = app();

  it('a source that is not helm has no value files', () => {
    const src = source({ path: 'k', helm: { valueFiles: ['v.yaml'] } });
    expect(chooseSource(app({ sources: [src] }), memoryRepo({}), 'kustomization').valueFiles).toEqual([]);
    expect(chooseSource(app({ sources: [source({ path: 'k' })] }), memoryRepo({ 'k/kustomization.yaml': '' })).valueFiles).toEqual([]);
  });

  it('a helm source without valueFiles has none', () => {
    expect(valueFilesOf(demo, source({ path: 'a', chart: 'c' }), 'a')).toEqual([]);
  });

  it('skips URLs, resolves plain files in the source directory', () => {
    expect(valueFilesOf(demo, source({ path: 'a', helm: { valueFiles: ['https://x/values.yaml', 'v.yaml'] } }), 'a')).toEqual(['a/v.yaml']);
  });

  it('a $ref is only a ref at the start, and only on one line', () => {
    const app2 = app({ sources: [source({ ref: 'values' })] });
    expect(valueFilesOf(app2, source({ path: 'a', helm: { valueFiles: ['x/$values/v.yaml', '$values/v.yaml\nw'] } }), 'a')).toEqual(['a/x/$values/v.yaml', 'a/$values/v.yaml\nw']);
  });

  it('plain value files of a chart without path are dropped', () => {
    expect(valueFilesOf(demo, source({ chart: 'web', helm: { valueFiles: ['values.yaml'] } }), '')).toEqual([]);
  });

  it('a value file out of the repository names the Application', () => {
    const error = thrown(() => valueFilesOf(demo, source({ path: 'a', helm: { valueFiles: ['../../v.yaml'] } }), 'a'));
    expect([error.application, error.file, error.line]).toEqual(['demo', 'argocd/demo.yaml', 2]);
  });
});

describe('findKustomization', () => {
  it('looks at the repository root for ""', () => {
    expect(findKustomization('', readerFor(memoryRepo({ 'kustomization.yaml': '' })), {})).toBe('kustomization.yaml');
  });

  it('names the directory, "/" for the root', () => {
    const reader = readerFor(memoryRepo({}));
    expect(thrown(() => findKustomization('', reader, {})).message).toBe('no kustomization in "/" (looked for kustomization.yaml, kustomization.yml, Kustomization)');
    expect(thrown(() => findKustomization('a', reader, {})).message).toBe('no kustomization in "a" (looked for kustomization.yaml, kustomization.yml, Kustomization)');
  });
});
