/**
 * ignore-tags-annotation: the pure text edit that makes a rollback stick. It adds the replaced tag to an
 * image's `ignore-tags` annotation of the Application, splicing the one value (or inserting the one key)
 * into the original text as src/edit does (HOUSE-STYLE 9), so every other byte of the file survives.
 *
 * Semantics follow argocd-image-updater 1.x (ARGOCD-IMAGE-UPDATER.md §1.2, src/discover/annotations.ts): a
 * per-alias `<alias>.ignore-tags` key, even an empty one, replaces the app-wide `ignore-tags` list. So a new
 * per-alias key is seeded with the app-wide list, or the rollback would un-ignore what the app-wide key ignores.
 */
import { isMap, isScalar, parse, type Document, type YAMLMap } from 'yaml';
import { ANNOTATION_PREFIX, type ImageSpec } from '../discover/types.js';
import { splitIgnoreTags } from '../discover/settings.js';
import { APPLICATION_API_VERSION } from '../discover/application.js';
import { EditError } from '../errors.js';
import { insertAtRoot, insertIntoMap, insertUnderKey, type Tree } from '../edit/insert.js';
import { derefOnce, findPair, isEmptyScalar, locatePath } from '../edit/locate.js';
import { needsQuoting, quoteDouble } from '../edit/scalar.js';
import { applySplices, lineOf, parseYamlDocuments, replaceScalar, type Splice } from '../edit/splice.js';
import type { EditOutcome } from '../edit/types.js';
import { verifyOutcome } from '../edit/verify.js';

/** IGNORE_TAGS_KEY is the app-wide ignore-tags annotation (unaliased images use it). */
export const IGNORE_TAGS_KEY = `${ANNOTATION_PREFIX}ignore-tags`;

/** ignoreTagsKey is the annotation a rollback writes for an image: per alias when it has one, else app-wide. */
export function ignoreTagsKey(image: Pick<ImageSpec, 'alias' | 'hasAlias'>): string {
  return image.hasAlias ? `${ANNOTATION_PREFIX}${image.alias}.ignore-tags` : IGNORE_TAGS_KEY;
}

/** IgnoreListChange says how a comma list changes: `add` appended, `remove` entries dropped (exact match). */
export interface IgnoreListChange {
  add: string | null;
  remove: string | null;
}

/**
 * nextIgnoreTags returns the new annotation value, or undefined when the effective list already says the same.
 * `existing` is the key's value (undefined when absent); `seed` the list a new key starts from (the
 * app-wide value for a new per-alias key). The written text is kept and appended to when nothing is
 * removed, with the separator the list already uses (`, ` or `,`).
 */
export function nextIgnoreTags(existing: string | undefined, seed: string | undefined, change: IgnoreListChange): string | undefined {
  const base = existing ?? seed ?? '';
  // The updater splits "" into [""], an entry that matches no tag: it counts as an empty list here.
  const entries = splitIgnoreTags(base).filter((entry) => entry !== '');
  const removing = change.remove !== null && entries.includes(change.remove);
  const adding = change.add !== null && !entries.includes(change.add);
  // The effective list already says it (a missing per-alias key falls back to `seed`): nothing to write.
  if (!removing && !adding) return undefined;
  const separator = base.includes(', ') ? ', ' : ',';
  if (!removing) return entries.length === 0 ? (change.add as string) : `${base.replace(/[\s,]+$/, '')}${separator}${change.add as string}`;
  const kept = entries.filter((entry) => entry !== change.remove);
  return [...kept, ...(adding ? [change.add as string] : [])].join(separator);
}

/** AnnotationTarget names the Application document and the annotation to write. */
export interface AnnotationTarget {
  application: string;
  namespace?: string;
  file: string;
  annotation: string;
}

/** AnnotationEdit is the new file text, the value written, whether the key was created, and its line. */
export interface AnnotationEdit {
  text: string;
  value: string;
  created: boolean;
  line: number;
}

/**
 * setAnnotation writes `value` as the annotation `target.annotation` of the Application document named
 * `target.application` in `text`, creating the key (and `annotations:`) when missing; verified afterwards.
 */
export function setAnnotation(text: string, target: AnnotationTarget, value: string): AnnotationEdit {
  const docs = parseYamlDocuments(text, target.file);
  const index = docs.findIndex((doc) => isTheApplication(doc, target));
  if (index < 0) {
    throw new EditError(`the Application ${target.application} is no longer in this file`, {
      application: target.application,
      file: target.file,
      fix: 'Re-run the rollback on the current files.',
    });
  }
  const path = ['metadata', 'annotations', target.annotation];
  const { splice, created } = annotationSplice(text, docs[index], path, value, target.file);
  const after = applySplices(text, [splice]);
  const outcome: EditOutcome = { text: after, checks: [{ doc: index, path, value }], changed: [{ doc: index, path }], created: created ? [path.join('.')] : [] };
  verifyOutcome(target.file, text, outcome);
  return { text: after, value, created, line: keyLine(after, target.file, index, target.annotation) };
}

// The 1-based line of the annotation key in the new text (for the report and PR body).
function keyLine(text: string, file: string, index: number, annotation: string): number {
  const doc = parseYamlDocuments(text, file)[index];
  const annotations = derefOnce(doc, doc.getIn(['metadata', 'annotations'], true));
  const pair = isMap(annotations) ? findPair(annotations, annotation) : undefined;
  return lineOf(text, (pair?.key as { range?: number[] } | undefined)?.range?.[0] ?? 0);
}

function isTheApplication(doc: Document, target: AnnotationTarget): boolean {
  const get = (path: string[]): unknown => {
    const node = doc.getIn(path, true);
    return isScalar(node) ? node.value : undefined;
  };
  if (get(['apiVersion']) !== APPLICATION_API_VERSION || get(['kind']) !== 'Application') return false;
  const namespace = get(['metadata', 'namespace']);
  return get(['metadata', 'name']) === target.application && (target.namespace === undefined || namespace === target.namespace);
}

function annotationSplice(text: string, doc: Document, path: string[], value: string, file: string): { splice: Splice; created: boolean } {
  const flow = inFlow(doc);
  const located = locatePath(doc, path, text, file);
  if (located.kind === 'missing') {
    const [first, ...rest] = located.remaining;
    const leaf: Tree = flow || !plainInBlock(value) ? value : { raw: value };
    const tree = rest.reduceRight<Tree>((inner, key) => ({ map: [[key, inner]] }), leaf);
    if (located.holder) return { splice: insertUnderKey(text, located.holder, { map: [[first, tree]] }), created: true };
    if (located.emptyRoot) return { splice: insertAtRoot(text, first, tree), created: true };
    return { splice: insertIntoMap(text, located.map as YAMLMap, first, tree), created: true };
  }
  const node = located.node;
  const start = (node as { range?: number[] } | null)?.range?.[0] ?? 0;
  if (!isScalar(node)) {
    throw new EditError(`annotation ${path[2]} is not a string`, { file, line: lineOf(text, start), fix: 'Write the annotation as a comma-separated string.' });
  }
  const rendered = !flow && plainInBlock(value) ? value : quoteDouble(value);
  if (isEmptyScalar(node)) return { splice: { start, end: start, text: ` ${rendered}` }, created: false };
  if (node.type === 'PLAIN') return { splice: { start, end: node.range?.[1] ?? start, text: rendered }, created: false };
  return { splice: replaceScalar(text, node, value, file), created: false };
}

// Commas end a plain scalar only inside a flow collection (`{a: x,y}`), so there the list is quoted.
function inFlow(doc: Document): boolean {
  const metadata = derefOnce(doc, doc.get('metadata', true));
  const annotations = isMap(metadata) ? derefOnce(doc, metadata.get('annotations', true)) : undefined;
  return (isMap(metadata) && metadata.flow === true) || (isMap(annotations) && annotations.flow === true);
}

/**
 * plainInBlock tells whether a comma list can be written plain in block context: each entry alone is a safe
 * plain scalar (scalar.ts `needsQuoting`, the updater's `isSafePlainScalar` and stricter), there are no empty
 * entries or edge spaces, and both YAML 1.1 and 1.2 readers read the whole text back as the same string.
 */
export function plainInBlock(value: string): boolean {
  if (!needsQuoting(value)) return true;
  if (value !== value.trim() || /[[\]{}\n\r\t]/.test(value)) return false;
  const parts = value.split(',').map((part) => part.trim());
  if (parts.some((part) => part === '' || needsQuoting(part))) return false;
  for (const version of ['1.1', '1.2'] as const) {
    try {
      if ((parse(`v: ${value}\n`, { version }) as { v?: unknown } | null)?.v !== value) return false;
    } catch {
      return false;
    }
  }
  return true;
}
