/**
 * readCurrent for a plugin target (manifestTargets.plugin, issue 10 item 4): the override file's
 * plugin.env first, then the source's own plugin.env; tag, name and spec variables.
 */
import { describe, it, expect } from 'vitest';
import { readCurrent } from '../../src/resolve/current.js';
import type { EditTarget, PluginEnv } from '../../src/resolve/types.js';
import { app, config, image, memoryRepo, source } from './helpers.js';

const D1 = `sha256:${'1'.repeat(64)}`;
const FILE = 'p/.argocd-source-demo.yaml';
const APP = { file: 'argocd/demo.yaml', line: 2 };

function read(fileText: string | undefined, keys: { nameKey?: string; tagKey?: string; specKey?: string }, env: PluginEnv[] = []): unknown {
  const repo = memoryRepo(fileText === undefined ? {} : { [FILE]: fileText });
  const img = image('gcr.io/proj/app');
  const cfg = config(app({ sources: [source({ path: 'p', plugin: { env } })] }), [img]);
  const target: EditTarget = { kind: 'argocd-source', file: FILE, appType: 'plugin', plugin: { ...keys, env } };
  return readCurrent(cfg, img, target, repo);
}
const envFile = (...lines: string[]): string => `plugin:\n  env:\n${lines.join('\n')}\n`;

describe('readCurrent: plugin env', () => {
  it("the override file's entry for the variable, not the first entry, with its line", () => {
    const text = envFile('  - name: OTHER', '    value: x', '  - name: TAG', `    value: 1.2.0@${D1}`);
    expect(read(text, { tagKey: 'TAG' }, [{ name: 'TAG', value: '0.9.0' }])).toStrictEqual({ tag: '1.2.0', digest: D1, at: { file: FILE, line: 5 } });
  });
  it("an entry without a value falls back to the source's plugin.env, at the Application's line", () => {
    const text = envFile('  - name: TAG');
    expect(read(text, { tagKey: 'TAG' }, [{ name: 'TAG', value: '0.9.0' }])).toStrictEqual({ tag: '0.9.0', at: APP });
  });
  it('with no override file, the source env is read', () => {
    expect(read(undefined, { tagKey: 'TAG', nameKey: 'IMG' }, [{ name: 'IMG', value: 'gcr.io/proj/app' }])).toStrictEqual({ name: 'gcr.io/proj/app', at: APP });
  });
  it('an entry without a name never stands for a variable the target lacks', () => {
    expect(read(envFile('  - value: stray', '  - name: TAG', '    value: "3"'), { tagKey: 'TAG' })).toStrictEqual({ tag: '3', at: { file: FILE, line: 4 } });
  });
  it('tag and name: the location is the tag’s', () => {
    const text = envFile('  - name: IMG', '    value: gcr.io/proj/app', '  - name: TAG', '    value: "4"');
    expect(read(text, { tagKey: 'TAG', nameKey: 'IMG' })).toStrictEqual({ tag: '4', name: 'gcr.io/proj/app', at: { file: FILE, line: 5 } });
  });
  it('only the tag variable', () => {
    expect(read(envFile('  - name: TAG', '    value: "5"'), { tagKey: 'TAG', nameKey: 'IMG' })).toStrictEqual({ tag: '5', at: { file: FILE, line: 3 } });
  });
  it('neither variable anywhere: nothing in git', () => {
    expect(read(envFile('  - name: OTHER', '    value: x'), { tagKey: 'TAG', nameKey: 'IMG' })).toBeUndefined();
  });
  it('a spec variable holds name:tag', () => {
    expect(read(envFile('  - name: IMAGE', '    value: gcr.io/proj/app:6'), { specKey: 'IMAGE' })).toStrictEqual({ tag: '6', name: 'gcr.io/proj/app', at: { file: FILE, line: 3 } });
  });
  it('a spec variable that is no image reference gives its name only', () => {
    expect(read(envFile('  - name: IMAGE', '    value: "Not An Image"'), { specKey: 'IMAGE' })).toStrictEqual({ name: 'Not An Image', at: { file: FILE, line: 3 } });
  });
  it('a missing spec variable: nothing in git', () => {
    expect(read(undefined, { specKey: 'IMAGE' })).toBeUndefined();
  });
});
