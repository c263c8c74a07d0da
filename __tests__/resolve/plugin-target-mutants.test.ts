import { describe, expect, it } from 'vitest';
import type { AppSource } from '../../src/discover/types.js';
import { EditError } from '../../src/errors.js';
import { pluginEnvOf, pluginOverrideTarget } from '../../src/resolve/plugin-target.js';
import type { ChosenSource } from '../../src/resolve/source.js';
import { image, source } from './helpers.js';

const withPlugin = (plugin: unknown): AppSource => source({ plugin } as Partial<AppSource>);
const chosen = (type: ChosenSource['type'], env: unknown[] = []): ChosenSource => ({ source: withPlugin({ env }), type, dir: 'apps/demo', valueFiles: [] });

describe('pluginEnvOf', () => {
  it('a source without plugin, with a null plugin, or with a non-list env has no env', () => {
    expect(pluginEnvOf(source())).toEqual([]);
    expect(pluginEnvOf(withPlugin(null))).toEqual([]);
    expect(pluginEnvOf(withPlugin({ env: { name: 'A', value: 'x' } }))).toEqual([]);
  });

  it('keeps {name, value} entries and drops null, scalars and entries without a string name', () => {
    const env = [null, 'A=1', 7, { name: 3, value: 'x' }, { value: 'y' }, { name: 'IMAGE', value: 'org/app:1' }];
    expect(pluginEnvOf(withPlugin({ env }))).toEqual([{ name: 'IMAGE', value: 'org/app:1' }]);
  });

  it('a missing or null value is empty, other values are stringified, strings are kept', () => {
    const env = [{ name: 'A' }, { name: 'B', value: null }, { name: 'C', value: 5 }, { name: 'D', value: true }, { name: 'E', value: '' }, { name: 'F', value: 'v' }];
    expect(pluginEnvOf(withPlugin({ env }))).toEqual([
      { name: 'A', value: '' }, { name: 'B', value: '' }, { name: 'C', value: '5' }, { name: 'D', value: 'true' }, { name: 'E', value: '' }, { name: 'F', value: 'v' },
    ]);
  });
});

describe('pluginOverrideTarget', () => {
  it('refuses manifestTargets.plugin on a non-plugin source, with context and fix', () => {
    const img = image('org/app', { alias: 'web', plugin: { name: 'IMG' } });
    let error: unknown;
    try {
      pluginOverrideTarget('f.yaml', img, [img], chosen('helm'), { application: 'demo' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(EditError);
    expect((error as EditError).message).toBe("image web has manifestTargets.plugin, but the Application's source is helm, not a plugin");
    expect((error as EditError).application).toBe('demo');
    expect((error as EditError).fix).toBe('Use manifestTargets.helm or manifestTargets.kustomize for this source, or point the Application at its plugin.');
  });

  it('carries only the env variables some image of the Application manages', () => {
    const web = image('org/web', { alias: 'web', plugin: { name: 'WEB_NAME', tag: 'WEB_TAG' } });
    const api = image('org/api', { alias: 'api', plugin: { spec: 'API_IMAGE', name: 'API_IGNORED' } });
    const env = ['WEB_NAME', 'WEB_TAG', 'API_IMAGE', 'API_IGNORED', 'OTHER'].map((name) => ({ name, value: name.toLowerCase() }));
    expect(pluginOverrideTarget('f.yaml', web, [web, api, image('org/x', { alias: 'x' })], chosen('plugin', env), {})).toEqual({
      kind: 'argocd-source', file: 'f.yaml', appType: 'plugin',
      plugin: { nameKey: 'WEB_NAME', tagKey: 'WEB_TAG', env: [{ name: 'WEB_NAME', value: 'web_name' }, { name: 'WEB_TAG', value: 'web_tag' }, { name: 'API_IMAGE', value: 'api_image' }] },
    });
  });

  it('an image with only a tag key manages only that variable', () => {
    const web = image('org/web', { alias: 'web', plugin: { tag: 'WEB_TAG' } });
    const env = [{ name: 'WEB_TAG', value: '1' }, { name: 'undefined', value: 'u' }];
    expect(pluginOverrideTarget('f.yaml', web, [web], chosen('plugin', env), {})).toEqual({
      kind: 'argocd-source', file: 'f.yaml', appType: 'plugin', plugin: { tagKey: 'WEB_TAG', env: [{ name: 'WEB_TAG', value: '1' }] },
    });
  });

  it('an image without manifestTargets.plugin has no plugin target', () => {
    expect(pluginOverrideTarget('f.yaml', image('org/web'), [], chosen('helm'), {})).toBeUndefined();
  });
});
