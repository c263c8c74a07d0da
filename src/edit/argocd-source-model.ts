/**
 * The updater's `.argocd-source-<app>.yaml` model and its exact rendering, restated from
 * argocd-image-updater pkg/argocd/update.go (`marshalParamsOverride`, `mergeKustomizeOverride`,
 * `mergeHelmOverride`, `sortHelmParameters`, `leadingDocumentStartPrefix`) at de2cfec6 (after v1.3.0).
 * Their encoder is go-yaml v3 with indent 2 and compact sequences; it ignores JSON tags, so the keys
 * are the lower-cased Go field names (`forcestring`).
 */
import { isMap, isScalar, isSeq, parseAllDocuments, type Node } from 'yaml';
import { tryParseImageRef } from '../resolve/image-ref.js';
import { findPair } from './locate.js';
import { goYamlString } from './scalar.js';
import { scalarText } from './splice.js';

/** HelmParam is one `helm.parameters[]` entry as the updater's struct holds it. */
export interface HelmParam {
  name: string;
  value: string;
  forcestring: boolean;
}

/** OverrideModel is what the updater's struct reads from the file (kustomize images or Helm parameters). */
export type OverrideModel = { kind: 'kustomize'; images: string[] } | { kind: 'helm'; parameters: HelmParam[] };

/** leadingPrefix returns the leading comments/blank lines/directives plus the `---` line, verbatim, or ''
 * (update.go `leadingDocumentStartPrefix`; it splits on `\n`, so a CRLF `---\r` is not a marker there either). */
export function leadingPrefix(raw: string): string {
  const lines = raw.split('\n');
  let n = 0;
  while (n < lines.length) {
    const trimmed = lines[n].trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('%')) n++;
    else break;
  }
  if (n >= lines.length) return '';
  const marker = lines[n];
  if (marker !== '---' && !marker.startsWith('--- ') && !marker.startsWith('---\t')) return '';
  return `${lines.slice(0, n + 1).join('\n')}\n`;
}

/** renderOverride writes the model exactly as the updater's `marshalWithIndent(..., 2, prefix)` does. */
export function renderOverride(model: OverrideModel, prefix = ''): string {
  if (model.kind === 'kustomize') {
    const items = model.images.map((image) => `  - ${goYamlString(image)}\n`).join('');
    return `${prefix}kustomize:\n${items === '' ? '  images: []\n' : `  images:\n${items}`}`;
  }
  const items = model.parameters
    .map((p) => `  - name: ${goYamlString(p.name)}\n    value: ${goYamlString(p.value)}\n    forcestring: ${p.forcestring}\n`)
    .join('');
  return `${prefix}helm:\n${items === '' ? '  parameters: []\n' : `  parameters:\n${items}`}`;
}

/**
 * readOverride reads the file as the updater's Go struct would: null when it would fail to unmarshal
 * (the updater then overwrites the file). Unknown keys are ignored, as Go's decoder ignores them.
 * Divergence: `forceString` (Argo CD's own spelling) is read too, so it is not silently turned off.
 */
export function readOverride(text: string, kind: OverrideModel['kind']): OverrideModel | null {
  // An empty or comment-only file holds no document (an empty array): the updater reads an empty struct.
  const doc = parseAllDocuments(text)[0];
  if (doc === undefined) return kind === 'kustomize' ? { kind, images: [] } : { kind, parameters: [] };
  if (doc.errors.length > 0) return null;
  const root = doc.contents;
  if (!isMap(root) && !isNull(root)) return null;
  const section = isMap(root) ? findPair(root, kind)?.value : null;
  if (!isMap(section) && !isNull(section)) return null;
  const list = isMap(section) ? findPair(section, kind === 'kustomize' ? 'images' : 'parameters')?.value : null;
  if (!isSeq(list) && !isNull(list)) return null;
  const items = isSeq(list) ? (list.items as Node[]) : [];
  return kind === 'kustomize' ? readImages(items) : readParams(items);
}

/** isNull tells whether a field is absent, empty (`key:`) or `null`/`~`: Go's unmarshal leaves it at its zero value. */
export function isNull(node: unknown): boolean {
  return node === null || node === undefined || (isScalar(node) && node.value === null);
}

function readImages(items: Node[]): OverrideModel | null {
  if (!items.every((i) => isScalar(i))) return null;
  return { kind: 'kustomize', images: items.map((i) => scalarText(i) ?? '') };
}

const TRUE = new Set(['true', 'yes', 'on', 'y']);
const FALSE = new Set(['false', 'no', 'off', 'n']);

function readParams(items: Node[]): OverrideModel | null {
  const parameters: HelmParam[] = [];
  for (const item of items) {
    if (!isMap(item)) return null;
    const field = (key: string): string | undefined => {
      const pair = item.items.find((p) => isScalar(p.key) && String(p.key.value).toLowerCase() === key);
      return pair ? (scalarText(pair.value) ?? '') : undefined;
    };
    const force = (field('forcestring') ?? 'false').toLowerCase();
    if (!TRUE.has(force) && !FALSE.has(force)) return null;
    parameters.push({ name: field('name') ?? '', value: field('value') ?? '', forcestring: TRUE.has(force) });
  }
  return { kind: 'helm', parameters };
}

// A kustomize image string `[alias=]name[:tag][@digest]` split the way image.NewFromIdentifier does.
function splitImage(entry: string): { name: string; tag?: string; digest?: string } {
  let rest = entry.includes('=') ? entry.slice(entry.indexOf('=') + 1) : entry;
  let digest: string | undefined;
  if (rest.includes('@')) [rest, digest] = [rest.slice(0, rest.indexOf('@')), rest.slice(rest.indexOf('@') + 1)];
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) return { name: rest.slice(0, colon), tag: rest.slice(colon + 1), digest };
  return { name: rest, digest };
}

// `sameImageNameAndRegistry`: same repository, `""` and `docker.io` registries equal (1.1+).
function sameImage(a: string, b: string): boolean {
  const ra = tryParseImageRef(a);
  const rb = tryParseImageRef(b);
  if (!ra || !rb) return a === b;
  return ra.registry === rb.registry && ra.repository === rb.repository;
}

// Two entries with original names (`a=org/app`, `b=org/app`) are two kustomize images, never one.
function sameOriginal(a: string, b: string): boolean {
  const [oa, ob] = [a, b].map((entry) => (entry.includes('=') ? entry.slice(0, entry.indexOf('=')).trim() : ''));
  return oa === '' || ob === '' || oa === ob;
}

/**
 * mergeImages is `mergeKustomizeOverride`: replace an entry of the same image when its tag differs, else
 * append. Entries in `addOnly` are only appended when missing (another image's entry: the file holds its
 * current value). Divergence: entries with different original names are not the same image (the updater's
 * merge ignores the `name=` part and collapses two aliases of one repository into one entry).
 */
export function mergeImages(existing: string[], added: string[], addOnly: ReadonlySet<string> = new Set()): string[] {
  const out = [...existing];
  for (const entry of added) {
    const next = splitImage(entry);
    const index = out.findIndex((old) => sameImage(splitImage(old).name, next.name) && sameOriginal(old, entry));
    if (index < 0) {
      out.push(entry);
      continue;
    }
    if (addOnly.has(entry)) continue;
    const old = splitImage(out[index]);
    const oldHasTag = old.tag !== undefined || old.digest !== undefined;
    const newHasTag = next.tag !== undefined || next.digest !== undefined;
    // ImageTag.Equals: by digest when either side has one, else by tag name.
    const equal = old.digest || next.digest ? old.digest === next.digest : old.tag === next.tag;
    if (!oldHasTag || (newHasTag && !equal)) out[index] = entry;
  }
  return out;
}

/** mergeParams is `mergeHelmOverride`: replace the parameter of the same name, else append. */
export function mergeParams(existing: HelmParam[], added: HelmParam[]): HelmParam[] {
  const out = [...existing];
  for (const param of added) {
    const index = out.findIndex((p) => p.name === param.name);
    if (index >= 0) out[index] = param;
    else out.push(param);
  }
  return out;
}

/** sortParams is `sortHelmParameters` (1.2+): by name, byte order. */
export function sortParams(params: HelmParam[]): HelmParam[] {
  return [...params].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
