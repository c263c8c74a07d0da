/**
 * readCurrent for Helm edge cases (issue 13): the keys a target names, empty and unnamed entries,
 * value file order, a chart at the repo root, inline values that are numbers, null or blank.
 */
import { describe, it, expect } from 'vitest';
import type { AppSource } from '../../src/discover/types.js';
import { readCurrent } from '../../src/resolve/current.js';
import { resolveTarget } from '../../src/resolve/targets.js';
import type { EditTarget } from '../../src/resolve/types.js';
import { app, config, image, memoryRepo, source } from './helpers.js';

const APP = { file: 'argocd/demo.yaml', line: 2 };
const VALUES = 'c/values.yaml';

function read(files: Record<string, string>, src: Partial<AppSource>, target?: string | EditTarget, img = image('gcr.io/proj/api')): unknown {
  const repo = memoryRepo(files);
  const cfg = config(app({ sources: [source({ path: 'c', ...src })] }), [img], typeof target === 'string' ? target : undefined);
  return readCurrent(cfg, img, typeof target === 'object' ? target : resolveTarget(cfg, img, repo), repo);
}

describe('readCurrent: Helm keys and files', () => {
  const chart = { 'c/Chart.yaml': 'name: api\n', [VALUES]: 'image:\n  tag: 1.0.0\nalt:\n  tag: 2.0.0\n' };

  it('a helm-values target is read with the keys it names', () => {
    const target: EditTarget = { kind: 'helm-values', file: VALUES, tagKey: 'alt.tag', create: false };
    expect(read(chart, {}, target)).toStrictEqual({ tag: '2.0.0', at: { file: VALUES, line: 4 } });
  });
  it('a Helm argocd-source target is read with its helm keys, or the image’s when it has none', () => {
    const file = 'c/.argocd-source-demo.yaml';
    expect(read(chart, {}, { kind: 'argocd-source', file, appType: 'helm', helm: { tagKey: 'alt.tag' } })).toStrictEqual({ tag: '2.0.0', at: { file: VALUES, line: 4 } });
    expect(read(chart, {}, { kind: 'argocd-source', file, appType: 'helm' })).toStrictEqual({ tag: '1.0.0', at: { file: VALUES, line: 2 } });
  });
  it('override parameters without a name or without a value are skipped', () => {
    const files = { ...chart, 'c/.argocd-source-demo.yaml': 'helm:\n  parameters:\n  - value: stray\n  - name: image.tag\n  - name: image.tag\n    value: 1.5.0\n' };
    expect(read(files, {})).toStrictEqual({ tag: '1.5.0', at: { file: 'c/.argocd-source-demo.yaml', line: 6 } });
  });
  it('empty override and value files are read as holding nothing', () => {
    const files = { ...chart, 'c/.argocd-source-demo.yaml': '', 'c/values-prod.yaml': '' };
    expect(read(files, { helm: { valueFiles: ['values-prod.yaml'] } })).toStrictEqual({ tag: '1.0.0', at: { file: VALUES, line: 2 } });
  });
  it('a listed helmvalues target keeps its place among the value files (the last listed wins)', () => {
    const files = { ...chart, 'c/a.yaml': 'image:\n  tag: a\n', 'c/b.yaml': 'image:\n  tag: b\n' };
    expect(read(files, { helm: { valueFiles: ['a.yaml', 'b.yaml'] } }, 'helmvalues:a.yaml')).toStrictEqual({ tag: 'b', at: { file: 'c/b.yaml', line: 2 } });
  });
  it('a chart at the repo root reads values.yaml there', () => {
    const repo = memoryRepo({ 'Chart.yaml': 'name: api\n', 'values.yaml': 'image:\n  tag: 3.0.0\n' });
    const img = image('gcr.io/proj/api');
    const cfg = config(app({ sources: [source({ path: '.' })] }), [img]);
    expect(readCurrent(cfg, img, resolveTarget(cfg, img, repo), repo)).toStrictEqual({ tag: '3.0.0', at: { file: 'values.yaml', line: 2 } });
  });
  it("a chart from a Helm repository never reads the repo root's values.yaml", () => {
    const repo = memoryRepo({ 'values.yaml': 'image:\n  tag: 3.0.0\n' });
    const img = image('gcr.io/proj/api');
    const cfg = config(app({ sources: [source({ chart: 'api', repoURL: 'https://charts.example' })] }), [img]);
    expect(readCurrent(cfg, img, resolveTarget(cfg, img, repo), repo)).toBeUndefined();
  });
  it('a missing image-spec key: nothing in git', () => {
    expect(read(chart, {}, undefined, image('gcr.io/proj/api', { helm: { spec: 'api.image' } }))).toBeUndefined();
  });
});

describe('readCurrent: inline Helm values', () => {
  const chart = { 'c/Chart.yaml': 'name: api\n', [VALUES]: 'image:\n  tag: 1.0.0\n' };
  const appFile = ['kind: Application', 'metadata:', '  name: demo', 'spec:', '  source:', '    path: c', '    helm:', '      valuesObject:', '        image:', '          tag: 7', ''].join('\n');

  it('a number in valuesObject is its text, at its line in the Application file', () => {
    expect(read({ ...chart, 'argocd/demo.yaml': appFile }, { helm: { valuesObject: { image: { tag: 7 } } } })).toStrictEqual({ tag: '7', at: { file: 'argocd/demo.yaml', line: 10 } });
  });
  it('a null on the path in valuesObject is no value', () => {
    expect(read(chart, { helm: { valuesObject: { image: null } } })).toStrictEqual({ tag: '1.0.0', at: { file: VALUES, line: 2 } });
  });
  it('a values string of comments only is no value', () => {
    expect(read(chart, { helm: { values: '# nothing\n' } })).toStrictEqual({ tag: '1.0.0', at: { file: VALUES, line: 2 } });
  });
  it("a values string whose node is not found in the Application file points at the Application's line", () => {
    expect(read(chart, { helm: { values: 'image:\n  tag: 1.8.0\n' } })).toStrictEqual({ tag: '1.8.0', at: APP });
  });
});
