/**
 * The `plugin.env` section of `.argocd-source-<app>.yaml` for images with an ImageUpdater
 * `manifestTargets.plugin`, restated from argocd-image-updater (at de2cfec6) argocd.go `SetPluginImage`,
 * update.go `marshalParamsOverride` (plugin branch) and `mergePluginOverride`. The file is always written
 * the way the updater encodes it (go-yaml v3, indent 2, compact sequences).
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import { EditError } from '../errors.js';
import { specName } from '../resolve/image-ref.js';
import type { PluginEnv } from '../resolve/types.js';
import { isNull, leadingPrefix } from './argocd-source-model.js';
import { fullNameWithTag, tagWithDigest } from './helm-values.js';
import { findPair } from './locate.js';
import { goYamlString } from './scalar.js';
import { scalarText } from './splice.js';
import type { EditOutcome, ImageEdit } from './types.js';

/** renderPluginOverride writes `plugin.env` as the updater's encoder does. */
export function renderPluginOverride(env: readonly PluginEnv[], prefix = ''): string {
  const items = env.map((e) => `  - name: ${goYamlString(e.name)}\n    value: ${goYamlString(e.value)}\n`).join('');
  return `${prefix}plugin:\n${items === '' ? '  env: []\n' : `  env:\n${items}`}`;
}

/** readPluginOverride reads `plugin.env` as the updater's struct would: null when it would fail to unmarshal. */
export function readPluginOverride(text: string): PluginEnv[] | null {
  // An empty or comment-only file holds no document: an empty struct.
  const doc = parseAllDocuments(text)[0];
  if (doc === undefined) return [];
  if (doc.errors.length > 0) return null;
  const root = doc.contents;
  if (isNull(root)) return [];
  if (!isMap(root)) return null;
  const plugin = findPair(root, 'plugin')?.value;
  if (isNull(plugin)) return [];
  if (!isMap(plugin)) return null;
  const env = findPair(plugin, 'env')?.value;
  if (isNull(env)) return [];
  if (!isSeq(env)) return null;
  const out: PluginEnv[] = [];
  for (const item of env.items as Node[]) {
    // A null item unmarshals into Go's zero value: an entry with an empty name and value.
    if (isNull(item)) out.push({ name: '', value: '' });
    else if (!isMap(item)) return null;
    else out.push({ name: scalarText(findPair(item, 'name')?.value) ?? '', value: scalarText(findPair(item, 'value')?.value) ?? '' });
  }
  return out;
}

/** setEnv is Argo CD's `AddEnvEntry`: replace the entry of the same name, else append. */
function setEnv(env: PluginEnv[], entry: PluginEnv, addOnly = false): PluginEnv[] {
  const index = env.findIndex((e) => e.name === entry.name);
  if (index < 0) return [...env, entry];
  if (addOnly) return env;
  return env.map((e, i) => (i === index ? entry : e));
}

/** pluginEntries is what SetPluginImage sets for one image: the spec, or the name and (non-empty) tag variables. */
export function pluginEntries(edit: ImageEdit, keys: { nameKey?: string; tagKey?: string; specKey?: string }): PluginEnv[] {
  const name = specName(edit.image);
  if (keys.specKey) return [{ name: keys.specKey, value: fullNameWithTag(name, edit.newImage) }];
  const tag = tagWithDigest(edit.newImage);
  return [...(keys.nameKey ? [{ name: keys.nameKey, value: name }] : []), ...(keys.tagKey && tag !== '' ? [{ name: keys.tagKey, value: tag }] : [])];
}

/**
 * editPluginOverride writes the image's env variables into the override file. As the updater, the file
 * gets the source's own plugin.env entries of tracked variables with this image's set (other images'
 * variables are added only where the file lacks them: it holds their current value), merged by name.
 */
export function editPluginOverride(text: string | null, edit: ImageEdit): EditOutcome {
  const target = edit.target;
  if (target.kind !== 'argocd-source' || !target.plugin) throw new EditError('internal: not a plugin override target');
  const own = pluginEntries(edit, target.plugin);
  const existing = readPluginOverride(text ?? '');
  if (existing === null) {
    throw new EditError('the override file is not valid YAML of the form plugin.env', { file: target.file, application: edit.application, fix: 'Fix or delete the file; it will be recreated.' });
  }
  const others = otherSections(text ?? '');
  if (others.length > 0) {
    // The updater re-encodes the file as plugin.env alone, dropping these; we refuse instead of losing them.
    throw new EditError(`the override file also holds ${others.join(', ')}, which writing plugin.env would drop`, {
      file: target.file,
      application: edit.application,
      fix: 'Write this Application\'s images to one kind of target: all manifestTargets.plugin, or none.',
    });
  }
  let env = existing;
  for (const entry of own) env = setEnv(env, entry);
  // Add-only: this image's own variables are in env already, so the source's values never replace them.
  for (const entry of target.plugin.env) env = setEnv(env, entry, true);
  const out = renderPluginOverride(env, text === null ? '' : leadingPrefix(text));
  return { text: out, checks: [], changed: [{ doc: 0, path: [] }], created: text === null ? [target.file] : [] };
}

// Top-level keys other than `plugin` (a valid file; readPluginOverride has checked it).
function otherSections(text: string): string[] {
  const root = parseAllDocuments(text)[0]?.contents;
  if (!isMap(root)) return [];
  return root.items.map((pair) => (isScalar(pair.key) ? String(pair.key.value) : '?')).filter((key) => key !== 'plugin');
}
