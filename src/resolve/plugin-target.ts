/**
 * plugin-target: Config Management Plugin (CMP) sources, as argocd-image-updater 1.3 writes them
 * (pkg/argocd/argocd.go getApplicationType / SetPluginImage, update.go marshalParamsOverride). With git
 * write-back a plugin source is written as Helm parameters (their "Helm hack"), unless the image has an
 * ImageUpdater `manifestTargets.plugin`: then its env variables go to `plugin.env` of the override file.
 */
import type { AppSource, ImageSpec } from '../discover/types.js';
import { EditError, type ErrorContext } from '../errors.js';
import type { ChosenSource } from './source.js';
import type { EditTarget, PluginEnv } from './types.js';

/** pluginEnvOf reads `plugin.env` of a source: `{name, value}` entries, others ignored. */
export function pluginEnvOf(source: AppSource): PluginEnv[] {
  const env = (source.plugin as { env?: unknown } | null | undefined)?.env;
  if (!Array.isArray(env)) return [];
  return env
    // A scalar has no string `name`, so only {name} objects pass.
    .filter((e): e is { name: string; value?: unknown } => typeof (e as { name?: unknown } | null | undefined)?.name === 'string')
    .map((e) => ({ name: e.name, value: e.value === undefined || e.value === null ? '' : String(e.value) }));
}

/** pluginOverrideTarget is the plugin.env target of an image with manifestTargets.plugin (`images`: the Application's), or undefined when it has none. */
export function pluginOverrideTarget(file: string, image: ImageSpec, images: readonly ImageSpec[], chosen: ChosenSource, context: ErrorContext): EditTarget | undefined {
  const keys = image.plugin;
  if (keys === undefined) return undefined;
  if (chosen.type !== 'plugin') {
    // argocd.go SetPluginImage: "cannot set Plugin env vars on non-Plugin application".
    throw new EditError(`image ${image.alias} has manifestTargets.plugin, but the Application's source is ${chosen.type}, not a plugin`, {
      ...context,
      fix: 'Use manifestTargets.helm or manifestTargets.kustomize for this source, or point the Application at its plugin.',
    });
  }
  const plugin = keys.spec ? { specKey: keys.spec } : { ...(keys.name ? { nameKey: keys.name } : {}), ...(keys.tag ? { tagKey: keys.tag } : {}) };
  // update.go marshalParamsOverride carries only the variables the updater manages (targetEnvNames).
  // An undefined key in the set never matches: env names are strings.
  const managed = new Set(images.flatMap((i) => (i.plugin?.spec ? [i.plugin.spec] : [i.plugin?.name, i.plugin?.tag])));
  return { kind: 'argocd-source', file, appType: 'plugin', plugin: { ...plugin, env: pluginEnvOf(chosen.source).filter((e) => managed.has(e.name)) } };
}
