/**
 * Kustomization target: the `images:` entry of an image, as `kustomize edit set image` would leave
 * it (ARGOCD-IMAGE-UPDATER.md §3.5), but spliced in place. Unlike the updater (#208), an entry that
 * already renames the image (`name: app` + `newName: <image>`) is updated instead of duplicated.
 */
import { isMap, isSeq, type Document, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { EditError } from '../errors.js';
import { imageName } from '../resolve/image-ref.js';
import { appendToSeq, insertAtRoot, insertIntoMap, insertListUnderKey, removePair, type Tree } from './insert.js';
import { findPair, isEmptyScalar } from './locate.js';
import { setPathValue } from './set-value.js';
import { applySplices, lineOf, parseSingleDocument, rangeOf, scalarText, type Splice } from './splice.js';
import type { EditOutcome, ImageEdit } from './types.js';

type KustomizationTarget = Extract<ImageEdit['target'], { kind: 'kustomization' }>;

/** findImageEntry returns the index of the `images:` entry for `entryName`, else of one whose `newName` is `image`. */
export function findImageEntry(seq: YAMLSeq, entryName: string, image: string): number {
  const field = (item: unknown, key: string): string | undefined =>
    isMap(item) ? scalarText(findPair(item as YAMLMap, key)?.value) : undefined;
  const byName = seq.items.findIndex((item) => field(item, 'name') === entryName);
  if (byName >= 0) return byName;
  return seq.items.findIndex((item) => field(item, 'newName') === image);
}

// Fields in kustomize's order (name, newName, newTag, digest); digest only with a digest.
function entryFields(target: KustomizationTarget, edit: ImageEdit): [string, string][] {
  const fields: [string, string][] = [['name', target.entryName]];
  if (target.setNewName) fields.push(['newName', target.setNewName]);
  fields.push(['newTag', edit.newImage.tag]);
  if (edit.newImage.digest) fields.push(['digest', edit.newImage.digest]);
  return fields;
}

/** editKustomization updates (or adds) the image's `images:` entry of a single-document kustomization. */
export function editKustomization(text: string | null, edit: ImageEdit): EditOutcome {
  const target = edit.target;
  if (target.kind !== 'kustomization') throw new EditError('internal: not a kustomization target');
  const context = { file: target.file, application: edit.application };
  if (text === null) throw new EditError('the kustomization does not exist', { ...context, fix: 'Fix write-back-target or the source path.' });
  const doc = parseSingleDocument(text, target.file);
  const root = doc.contents;
  if (!(isMap(root) || isEmptyScalar(root))) {
    throw new EditError('a kustomization must be a YAML map', { ...context, fix: 'Fix the kustomization file.' });
  }
  const imagesPair = isMap(root) ? findPair(root, 'images') : undefined;
  const images = imagesPair?.value;
  if (imagesPair && !isSeq(images) && !isEmptyScalar(images)) {
    throw new EditError('`images:` is not a list', { ...context, line: lineOf(text, rangeOf(imagesPair.value)[0]), fix: 'Make `images:` a list of {name, newName, newTag, digest}.' });
  }
  const fields = entryFields(target, edit);
  const newEntry: Tree = { map: fields };
  if (!isSeq(images)) return addImages(text, root as YAMLMap | null, imagesPair, newEntry, fields);
  const index = findImageEntry(images, target.entryName, imageName(edit.image.ref));
  if (index < 0) {
    const splice = appendToSeq(text, images, newEntry);
    return outcomeFor(applySplices(text, [splice]), fields, ['images', images.items.length], `images[${images.items.length}]`);
  }
  return updateEntry(text, doc, images, index, fields.filter(([k]) => k !== 'name'), target.file);
}

function addImages(text: string, root: YAMLMap | null, pair: Pair | undefined, entry: Tree, fields: [string, string][]): EditOutcome {
  let splice: Splice;
  if (pair) splice = insertListUnderKey(text, pair, [entry]);
  else if (root) splice = insertIntoMap(text, root, 'images', { seq: [entry] });
  else splice = insertAtRoot(text, 'images', { seq: [entry] });
  return outcomeFor(applySplices(text, [splice]), fields, ['images'], 'images');
}

function outcomeFor(text: string, fields: [string, string][], path: (string | number)[], created: string): EditOutcome {
  // `images` itself was created: its one entry is images[0].
  const base = path.length === 1 ? [...path, 0] : path;
  return {
    text,
    checks: fields.map(([k, v]) => ({ doc: 0, path: [...base, k], value: v })),
    changed: [{ doc: 0, path }],
    created: [created],
  };
}

// Set each field in place (one splice per field), then drop an old digest when none is written:
// kustomize replaces the whole entry, so a stale digest would otherwise pin the old image.
function updateEntry(text: string, doc: Document, images: YAMLSeq, index: number, fields: [string, string][], file: string): EditOutcome {
  // findImageEntry matches maps only.
  const entry = images.items[index] as YAMLMap;
  const outcome: EditOutcome = { text, checks: [], changed: [], created: [] };
  const splices: Splice[] = [];
  const missing: [string, string][] = [];
  for (const [key, value] of fields) {
    const path = ['images', index, key];
    outcome.checks.push({ doc: 0, path, value });
    outcome.changed.push({ doc: 0, path });
    if (!findPair(entry, key)) missing.push([key, value]);
    else splices.push(setPathValue(text, doc, path, value, file).splice);
  }
  const digest = findPair(entry, 'digest');
  if (digest && !fields.some(([k]) => k === 'digest')) {
    splices.push(removePair(text, entry, digest, file));
    outcome.changed.push({ doc: 0, path: ['images', index, 'digest'] });
  }
  let current = applySplices(text, splices);
  for (const [key, value] of missing) {
    // Re-parse: earlier insertions moved the offsets.
    const fresh = parseSingleDocument(current, file).get('images') as YAMLSeq;
    current = applySplices(current, [insertIntoMap(current, fresh.items[index] as YAMLMap, key, value)]);
    outcome.created.push(`images[${index}].${key}`);
  }
  outcome.text = current;
  return outcome;
}
