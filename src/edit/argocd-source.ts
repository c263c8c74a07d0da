/**
 * `.argocd-source-<app>.yaml` target (ARGOCD-IMAGE-UPDATER.md §3.3). The updater always re-encodes
 * this file; when the file is missing, unreadable for it, or already in its exact format, we write
 * exactly what it would write. A hand-formatted file is spliced instead, so its comments survive
 * (divergence: the updater would re-encode it, and would sort Helm parameters by name).
 */
import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, isSeq, parseAllDocuments, type YAMLMap, type YAMLSeq } from 'yaml';
import { EditError } from '../errors.js';
import { specName } from '../resolve/image-ref.js';
import { setSpecImage } from '../resolve/kustomize-images.js';
import { editPluginOverride } from './plugin-override.js';
import {
  leadingPrefix,
  mergeImages,
  mergeParams,
  readOverride,
  renderOverride,
  sortParams,
  type HelmParam,
  type OverrideModel,
} from './argocd-source-model.js';
import { DEFAULT_HELM_NAME_KEY, DEFAULT_HELM_TAG_KEY, fullNameWithTag, helmTagWrites } from './helm-values.js';
import { appendToSeq, insertIntoMap, type Tree } from './insert.js';
import { findPair } from './locate.js';
import { setPathValue } from './set-value.js';
import { applySplices, parseSingleDocument, type Splice } from './splice.js';
import type { EditOutcome, ImageEdit } from './types.js';

type SourceTarget = Extract<ImageEdit['target'], { kind: 'argocd-source' }>;

/**
 * overrideEntries returns what the updater sets for one image: for kustomize, the Application's own
 * kustomize.images with this image set (SetKustomizeImage), else Helm parameters. `addOnly` lists the
 * entries of other tracked images, written only where the file lacks them.
 */
export function overrideEntries(edit: ImageEdit, target: SourceTarget): OverrideModel & { addOnly?: Set<string> } {
  const name = specName(edit.image);
  if (target.appType === 'kustomize') {
    const alias = target.kustomizeName ? `${target.kustomizeName}=` : '';
    const own = `${alias}${fullNameWithTag(name, edit.newImage)}`;
    const carried = target.carried ?? [];
    const owner = { ref: edit.image.ref, ...(target.kustomizeName ? { kustomizeName: target.kustomizeName } : {}) };
    const images = setSpecImage(carried.map((c) => c.entry), own, owner);
    return { kind: 'kustomize', images, addOnly: new Set(carried.filter((c) => c.managed && c.entry !== own).map((c) => c.entry)) };
  }
  const helm = target.helm ?? {};
  if (helm.specKey) return { kind: 'helm', parameters: [{ name: helm.specKey, value: fullNameWithTag(name, edit.newImage), forcestring: true }] };
  const parameters: HelmParam[] = [{ name: helm.nameKey ?? DEFAULT_HELM_NAME_KEY, value: name, forcestring: true }];
  for (const write of helmTagWrites(helm, edit.newImage)) {
    // The updater leaves out an empty tag parameter; an empty digest parameter (unpinned) is written, so it replaces a stale one.
    if (write.value !== '' || write.key !== (helm.tagKey ?? DEFAULT_HELM_TAG_KEY)) parameters.push({ name: write.key, value: write.value, forcestring: true });
  }
  return { kind: 'helm', parameters };
}

function merge(existing: OverrideModel, added: OverrideModel, sort: boolean, addOnly?: ReadonlySet<string>): OverrideModel {
  if (existing.kind === 'kustomize' && added.kind === 'kustomize') return { kind: 'kustomize', images: mergeImages(existing.images, added.images, addOnly) };
  if (existing.kind === 'helm' && added.kind === 'helm') {
    const merged = mergeParams(existing.parameters, added.parameters);
    return { kind: 'helm', parameters: sort ? sortParams(merged) : merged };
  }
  throw new EditError('internal: override kinds differ');
}

/** updaterOutput is the file the updater writes for this change, given the current text (null: missing). */
export function updaterOutput(text: string | null, added: OverrideModel, addOnly?: ReadonlySet<string>): string {
  const existing = readOverride(text ?? '', added.kind);
  const empty: OverrideModel = added.kind === 'kustomize' ? { kind: 'kustomize', images: [] } : { kind: 'helm', parameters: [] };
  const prefix = text === null ? '' : leadingPrefix(text) || keptInFront(text);
  return renderOverride(merge(existing ?? empty, added, true, addOnly), prefix);
}

// A file of only comments and `---` holds no document: its text is kept in front (the updater keeps the part up to
// `---`, leadingDocumentStartPrefix, and drops comments with no marker after them). A directive with no `---` in the
// file is dropped: in front of a document without a marker it makes the file invalid YAML.
function keptInFront(text: string): string {
  if (!holdsNoDocument(text)) return '';
  const lines = text.replace(/\n*$/, '').split('\n');
  const kept = lines.some((line) => /^---\s*$/.test(line)) ? lines : lines.filter((line) => !line.startsWith('%'));
  return kept.join('').trim() === '' ? '' : `${kept.join('\n')}\n`;
}

/** editArgocdSource writes an image into the Application's `.argocd-source-*` override file. */
export function editArgocdSource(text: string | null, edit: ImageEdit): EditOutcome {
  const target = edit.target;
  if (target.kind !== 'argocd-source') throw new EditError('internal: not an argocd-source target');
  if (target.appType === 'plugin') return editPluginOverride(text, edit);
  const { addOnly, ...added } = overrideEntries(edit, target);
  // A missing file is written as an empty one is (the updater's output is the same for both).
  const source = text ?? '';
  const existing = readOverride(source, added.kind);
  const canonical = existing === null || renderOverride(existing, leadingPrefix(source)) === source || holdsNoDocument(source) || rootIsScalar(source);
  const expected = canonical ? readOverride(updaterOutput(source, added, addOnly), added.kind) : merge(existing, added, false, addOnly);
  const out = canonical ? updaterOutput(source, added, addOnly) : spliceOverride(source, existing, added, target.file, addOnly);
  const reread = readOverride(out, added.kind);
  if (!isDeepStrictEqual(reread, expected)) {
    throw new EditError('the override file did not read back as intended', { file: target.file, application: edit.application, fix: 'Fix or delete the file; it will be recreated.' });
  }
  return { text: out, checks: [], changed: [{ doc: 0, path: [] }], created: text === null ? [target.file] : [] };
}

// Splice a hand-formatted file: replace changed entries in place, append new ones.
function spliceOverride(text: string, existing: OverrideModel, added: OverrideModel, file: string, addOnly?: ReadonlySet<string>): string {
  let current = text;
  const items = added.kind === 'kustomize' ? added.images : added.parameters;
  for (const item of items) {
    const before = readOverride(current, added.kind) ?? existing;
    const single: OverrideModel = added.kind === 'kustomize' ? { kind: 'kustomize', images: [item as string] } : { kind: 'helm', parameters: [item as HelmParam] };
    const after = merge(before, single, false, addOnly);
    const index = firstDifference(before, after);
    if (index < 0) continue;
    current = applySplices(current, [spliceItem(current, after, index, index >= listLength(before), file)]);
  }
  return current;
}

function listLength(model: OverrideModel): number {
  return model.kind === 'kustomize' ? model.images.length : model.parameters.length;
}

function firstDifference(a: OverrideModel, b: OverrideModel): number {
  const la = a.kind === 'kustomize' ? a.images : a.parameters;
  const lb = b.kind === 'kustomize' ? b.images : b.parameters;
  for (let i = 0; i < lb.length; i++) if (!isDeepStrictEqual(la[i], lb[i])) return i;
  return -1;
}

function spliceItem(text: string, model: OverrideModel, index: number, append: boolean, file: string): Splice {
  const doc = parseSingleDocument(text, file);
  const section = model.kind;
  const listKey = section === 'kustomize' ? 'images' : 'parameters';
  const item: Tree = model.kind === 'kustomize' ? model.images[index] : paramTree(model.parameters[index]);
  const root = doc.contents;
  const sectionNode = isMap(root) ? findPair(root, section)?.value : undefined;
  const list = isMap(sectionNode) ? findPair(sectionNode, listKey)?.value : undefined;
  if (append) {
    if (isSeq(list)) return appendToSeq(text, list as YAMLSeq, item);
    if (isMap(sectionNode)) return insertIntoMap(text, sectionNode as YAMLMap, listKey, { seq: [item] });
    // A spliced file's root is a map: readOverride accepts only a map or null, and a null root is written afresh.
    return insertIntoMap(text, root as YAMLMap, section, { map: [[listKey, { seq: [item] }]] });
  }
  if (model.kind === 'kustomize') return setPathValue(text, doc, [section, listKey, index], model.images[index], file).splice;
  const param = model.parameters[index];
  const splices = [setPathValue(text, doc, [section, listKey, index, 'value'], param.value, file).splice];
  const entry = (list as YAMLSeq).items[index] as YAMLMap;
  const force = entry.items.find((p) => String((p.key as { value?: unknown }).value).toLowerCase() === 'forcestring');
  const range = (force?.value as { range?: number[] } | undefined)?.range;
  if (range) splices.push({ start: range[0], end: range[1], text: 'true' });
  else splices.push(insertIntoMap(text, entry, 'forcestring', { raw: 'true' }));
  return mergeSplices(text, splices);
}

// Two splices into one: the covering range rewritten (keeps callers to a single splice).
function mergeSplices(text: string, splices: Splice[]): Splice {
  const start = Math.min(...splices.map((s) => s.start));
  const end = Math.max(...splices.map((s) => s.end));
  const shifted = splices.map((s) => ({ ...s, start: s.start - start, end: s.end - start }));
  return { start, end, text: applySplices(text.slice(start, end), shifted) };
}

function paramTree(p: HelmParam): Tree {
  return { map: [['name', p.name], ['value', p.value], ['forcestring', { raw: String(p.forcestring) }]] };
}

// A scalar document is written afresh: an empty first document, `null` or `~` (yaml reads each as a null scalar) the
// updater reads as an empty struct, and any other scalar it cannot read (existing is null then already); its prefix
// rule keeps only comments up to a `---`. Called when holdsNoDocument is false, so there is a document.
function rootIsScalar(text: string): boolean {
  return isScalar(parseAllDocuments(text)[0].contents);
}

// Empty, blank, or only comments and document markers: nothing to splice into (issue 10 item 2).
function holdsNoDocument(text: string): boolean {
  return text.split('\n').every((line) => /^\s*(#.*)?$/.test(line) || /^(---|\.\.\.)\s*$/.test(line) || line.startsWith('%'));
}
