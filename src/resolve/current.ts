/**
 * current: the reference git runs now for an image, with its file and line (SPEC §2.3: "current"
 * comes from git, never from a cluster). Layers are read in the order Argo CD applies overrides, the
 * first that says something wins: `.argocd-source-*` files, the Application's own spec.source(s)
 * overrides, the kustomization `images:` entries or Helm values, then plain manifests.
 */
import type { AppConfig, ImageSpec } from '../discover/types.js';
import { chooseSource, kustomizeLayers, type ChosenSource } from './source.js';
import { helmKeyPaths, type PathSegment } from './helm-path.js';
import { tryParseImageRef, type ImageRef } from './image-ref.js';
import { helmKeys, overrideFileName } from './targets.js';
import type { CurrentImage, EditTarget, HelmKeys, Location, RepoFiles } from './types.js';
import { appNodeLine, containerImages, findAppNodeLine, parseYamlFile, type YamlFile, namesOf, nodeAt, readerFor, refersTo, scalarText, seqItems, stringIn, type YamlReader } from './yaml-read.js';

/** Found is one mention of the image in one place. */
export interface Found {
  tag?: string;
  digest?: string;
  name?: string;
  at: Location;
}

/** parseKustomizeImage reads Argo CD's kustomize image string `[<orig>=]<name>[:<tag>][@<digest>]`. */
export function parseKustomizeImage(text: string): { original?: string; ref: ImageRef } | undefined {
  const eq = text.indexOf('=');
  const original = eq >= 0 ? text.slice(0, eq).trim() : undefined;
  const ref = tryParseImageRef(eq >= 0 ? text.slice(eq + 1) : text);
  if (!ref) return undefined;
  return { ...(original ? { original } : {}), ref };
}

/** splitTagDigest splits a Helm tag value `tag@sha256:…` (the updater's digest write-back form). */
export function splitTagDigest(value: string): { tag?: string; digest?: string } {
  const at = value.indexOf('@');
  if (at < 0) return value === '' ? {} : { tag: value };
  const tag = value.slice(0, at);
  return { ...(tag ? { tag } : {}), digest: value.slice(at + 1) };
}

/** pickCurrent chooses from layers in precedence order: the first layer with a tag or digest wins; the
 * digest strategy prefers, inside that layer, the mention whose tag is the tracked one (§2.4, #1757). */
export function pickCurrent(layers: Found[][], image: Pick<ImageSpec, 'strategy' | 'constraint'>): CurrentImage | undefined {
  const named = layers.flat().find((found) => found.name !== undefined)?.name;
  for (const layer of layers) {
    const withRef = layer.filter((found) => found.tag !== undefined || found.digest !== undefined);
    if (withRef.length === 0) continue;
    const tracked = image.strategy === 'digest' && image.constraint !== '' ? withRef.find((found) => found.tag === image.constraint) : undefined;
    const chosen = tracked ?? withRef[0];
    const name = chosen.name ?? named;
    return { ...pick(chosen, 'tag'), ...pick(chosen, 'digest'), ...(name ? { name } : {}), at: chosen.at };
  }
  return named === undefined ? undefined : { name: named };
}

function pick(found: Pick<Found, 'tag' | 'digest'>, key: 'tag' | 'digest'): Partial<Found> {
  return found[key] === undefined ? {} : { [key]: found[key] };
}

/** refParts returns the tag and digest of a reference, leaving out what it lacks. */
function refParts(ref: ImageRef | undefined): { tag?: string; digest?: string } {
  return ref === undefined ? {} : { ...pick(ref, 'tag'), ...pick(ref, 'digest') };
}

/** nameOf returns the name part of an image text as written (`gcr.io/p/app:1@sha256:…` -> `gcr.io/p/app`). */
export function nameOf(text: string): string {
  const bare = text.replace(/@.*$/, '');
  const colon = bare.lastIndexOf(':');
  return colon > bare.lastIndexOf('/') ? bare.slice(0, colon) : bare;
}

/** readCurrent returns what git runs now for an image, or undefined when git holds no reference for it. */
export function readCurrent(config: AppConfig, image: ImageSpec, target: EditTarget, files: RepoFiles): CurrentImage | undefined {
  const reader = readerFor(files);
  const chosen = chooseSource(config.app, files, config.writeBack.target?.trim() || undefined);
  if (target.kind === 'manifest') return pickCurrent([manifestMentions(target.files, image, reader)], image);
  if (target.kind === 'argocd-source' && target.plugin) return readPluginCurrent(config, target.file, target.plugin, reader);
  // A Helm source always gets a helm-values or Helm-style argocd-source target (a kustomization target forces kustomize).
  if (target.kind === 'helm-values' || (target.kind === 'argocd-source' && target.appType === 'helm')) {
    return readHelmCurrent(config, image, target, chosen, reader);
  }
  const overrides = overrideFiles(config, target, chosen).map((file) => overrideImages(file, image, reader));
  const ownImages = (chosen.source.kustomize?.images ?? []).map((text, index) => {
    const line = appNodeLine(config.app, reader, ['kustomize', 'images', index], chosen.source.index);
    return mentionInString(text, image, { file: config.app.file, line });
  });
  const start = target.kind === 'kustomization' ? [target.file] : [];
  const walk = kustomizeLayers(chosen.dir, start, reader, image);
  return pickCurrent([...overrides, ownImages.filter(isFound), walk.entries, manifestMentions(walk.manifests, image, reader)], image);
}

function isFound(found: Found | undefined): found is Found {
  return found !== undefined;
}

/** overrideFiles lists the override files Argo CD reads for the app, the one that wins first. */
function overrideFiles(config: AppConfig, target: EditTarget, chosen: ChosenSource): string[] {
  const prefix = chosen.dir === '' ? '' : `${chosen.dir}/`;
  const files = [`${prefix}${overrideFileName(config.app.name, config.app.namespace)}`, `${prefix}.argocd-source.yaml`];
  if (target.kind === 'argocd-source') files.unshift(target.file);
  return [...new Set(files)];
}

function mentionInString(text: string, image: ImageSpec, at: Location): Found | undefined {
  const parsed = parseKustomizeImage(text);
  if (!parsed) return undefined;
  const names = namesOf(image);
  // Another alias's entry of the same repository (`service-a=org/app` for kustomize.image-name service-b) is not this image's.
  const kustomizeName = image.hasAlias ? image.kustomizeImageName : undefined;
  if (kustomizeName !== undefined && parsed.original !== undefined && parsed.original !== kustomizeName) return undefined;
  const matches = refersTo(parsed.original, names) || names.some((name) => refersTo(text.slice(text.indexOf('=') + 1), [name]));
  if (!matches) return undefined;
  return { ...refParts(parsed.ref), name: nameOf(text.slice(text.indexOf('=') + 1).trim()), at };
}

function overrideImages(file: string, image: ImageSpec, reader: YamlReader): Found[] {
  const parsed = reader.parse(file);
  const doc = parsed?.docs[0];
  if (!parsed || !doc) return [];
  return seqItems(doc, nodeAt(doc, doc.contents, ['kustomize', 'images']))
    .map((node) => {
      const text = scalarText(node);
      return text === undefined ? undefined : mentionInString(text, image, { file, line: parsed.lineOf(node) });
    })
    .filter(isFound);
}

/** manifestMentions lists container `image:` fields naming the image in the given files. */
export function manifestMentions(files: readonly string[], image: ImageSpec, reader: YamlReader): Found[] {
  const names = namesOf(image);
  const found: Found[] = [];
  for (const file of files) {
    const parsed = reader.parse(file);
    if (!parsed) continue;
    for (const container of containerImages(parsed)) {
      const ref = tryParseImageRef(container.image);
      if (!ref || !refersTo(container.image, names)) continue;
      found.push({ ...refParts(ref), name: nameOf(container.image), at: { file, line: container.line } });
    }
  }
  return found;
}

/** helmValueIn looks a Helm key up in a values file: the nested path first, then the literal dotted root key (§3.4). */
export function helmValueIn(file: string, key: string, reader: YamlReader): { value: string; at: Location } | undefined {
  const parsed = reader.parse(file);
  const doc = parsed?.docs[0];
  if (!parsed || !doc) return undefined;
  for (const path of helmKeyPaths(key)) {
    const node = nodeAt(doc, doc.contents, path);
    const value = scalarText(node);
    if (value !== undefined) return { value, at: { file, line: parsed.lineOf(node) } };
  }
  return undefined;
}

type HelmLookup = (key: string) => { value: string; at: Location } | undefined;

function readHelmCurrent(config: AppConfig, image: ImageSpec, target: EditTarget, chosen: ChosenSource, reader: YamlReader): CurrentImage | undefined {
  const lookups: HelmLookup[] = [
    ...overrideFiles(config, target, chosen).map((file): HelmLookup => (key) => overrideParameter(file, key, reader)),
    (key) => ownParameter(config, chosen, key, reader),
    (key) => inlineValue(config, chosen, key, reader),
    ...valuesFiles(target, chosen).map((file): HelmLookup => (key) => helmValueIn(file, key, reader)),
  ];
  const lookup = (key: string | undefined): { value: string; at: Location } | undefined => {
    if (!key) return undefined;
    for (const find of lookups) {
      const hit = find(key);
      if (hit) return hit;
    }
    return undefined;
  };
  const keys = helmKeysOf(target, image);
  if (keys.specKey) return specCurrent(lookup(keys.specKey));
  const tag = lookup(keys.tagKey);
  const name = lookup(keys.nameKey);
  if (!tag && !name) return undefined;
  // A digest key (helm.image-digest) holds the digest apart; an empty one means "not pinned".
  const digest = lookup(keys.digestKey)?.value;
  const parts = tag ? splitTagDigest(tag.value) : {};
  return { ...parts, ...(digest ? { digest } : {}), ...(name ? { name: name.value } : {}), ...(tag || name ? { at: (tag ?? name)?.at } : {}) };
}

function specCurrent(hit: { value: string; at: Location } | undefined): CurrentImage | undefined {
  if (!hit) return undefined;
  return { ...refParts(tryParseImageRef(hit.value)), name: nameOf(hit.value), at: hit.at };
}

function helmKeysOf(target: EditTarget, image: ImageSpec): HelmKeys {
  if (target.kind === 'helm-values') return target;
  if (target.kind === 'argocd-source' && target.helm) return target.helm;
  return helmKeys(image);
}

/** valuesFiles: the target file when Argo CD does not list it, then value files last-wins first, then the chart's values.yaml. */
function valuesFiles(target: EditTarget, chosen: ChosenSource): string[] {
  const chartValues = chosen.source.path === undefined ? [] : [chosen.dir === '' ? 'values.yaml' : `${chosen.dir}/values.yaml`];
  const listed = [...chosen.valueFiles].reverse();
  const own = target.kind === 'helm-values' && !listed.includes(target.file) ? [target.file] : [];
  return [...new Set([...own, ...listed, ...chartValues])];
}

function overrideParameter(file: string, key: string, reader: YamlReader): { value: string; at: Location } | undefined {
  const parsed = reader.parse(file);
  const doc = parsed?.docs[0];
  if (!parsed || !doc) return undefined;
  for (const item of seqItems(doc, nodeAt(doc, doc.contents, ['helm', 'parameters']))) {
    if (stringIn(doc, item, ['name']) !== key) continue;
    const node = nodeAt(doc, item, ['value']);
    const value = scalarText(node);
    if (value !== undefined) return { value, at: { file, line: parsed.lineOf(node ?? item) } };
  }
  return undefined;
}

function ownParameter(config: AppConfig, chosen: ChosenSource, key: string, reader: YamlReader): { value: string; at: Location } | undefined {
  const parameters = chosen.source.helm?.parameters ?? [];
  const index = parameters.findIndex((parameter) => parameter.name === key);
  if (index < 0) return undefined;
  const line = appNodeLine(config.app, reader, ['helm', 'parameters', index, 'value'], chosen.source.index);
  return { value: String(parameters[index].value), at: { file: config.app.file, line } };
}

function inlineValue(config: AppConfig, chosen: ChosenSource, key: string, reader: YamlReader): { value: string; at: Location } | undefined {
  const object = chosen.source.helm?.valuesObject;
  for (const path of helmKeyPaths(key)) {
    const value = plainAt(object, path);
    if (typeof value === 'string' || typeof value === 'number') {
      return { value: String(value), at: { file: config.app.file, line: appNodeLine(config.app, reader, ['helm', 'valuesObject', ...path], chosen.source.index) } };
    }
  }
  // Argo CD: valuesObject wins over the `values` string when both are set.
  const text = chosen.source.helm?.values;
  return typeof text === 'string' && text.trim() !== '' ? inlineString(config, chosen, text, key, reader) : undefined;
}

function inlineString(config: AppConfig, chosen: ChosenSource, text: string, key: string, reader: YamlReader): { value: string; at: Location } | undefined {
  let parsed: YamlFile;
  try {
    parsed = parseYamlFile(config.app.file, text);
  } catch {
    return undefined; // Argo CD would fail to render; the values string is not ours to report
  }
  const doc = parsed.docs[0];
  if (!doc) return undefined;
  for (const path of helmKeyPaths(key)) {
    const node = nodeAt(doc, doc.contents, path);
    const value = scalarText(node);
    if (value === undefined) continue;
    // A block scalar (`values: |`) starts on the key's line; its first content line is the next one.
    const start = findAppNodeLine(config.app, reader, ['helm', 'values'], chosen.source.index);
    return { value, at: { file: config.app.file, line: start === undefined ? config.app.line : start + parsed.lineOf(node) } };
  }
  return undefined;
}

function plainAt(value: unknown, path: readonly PathSegment[]): unknown {
  let node = value;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

/** readPluginCurrent reads the plugin env variables of an image: the override file first, then the source's plugin.env (issue 10 item 4). */
function readPluginCurrent(config: AppConfig, file: string, keys: { nameKey?: string; tagKey?: string; specKey?: string; env: { name: string; value: string }[] }, reader: YamlReader): CurrentImage | undefined {
  const parsed = reader.parse(file);
  const doc = parsed?.docs[0];
  const inFile = doc ? seqItems(doc, nodeAt(doc, doc.contents, ['plugin', 'env'])) : [];
  const lookup = (key: string | undefined): { value: string; at: Location } | undefined => {
    if (!key) return undefined;
    const item = inFile.find((node) => doc !== undefined && stringIn(doc, node, ['name']) === key);
    const value = item && doc ? stringIn(doc, item, ['value']) : undefined;
    if (item && value !== undefined && parsed) return { value, at: { file, line: parsed.lineOf(item) } };
    const own = keys.env.find((e) => e.name === key);
    return own ? { value: own.value, at: { file: config.app.file, line: config.app.line } } : undefined;
  };
  if (keys.specKey) return specCurrent(lookup(keys.specKey));
  const tag = lookup(keys.tagKey);
  const name = lookup(keys.nameKey);
  if (!tag && !name) return undefined;
  return { ...(tag ? splitTagDigest(tag.value) : {}), ...(name ? { name: name.value } : {}), at: (tag ?? name)!.at };
}
