/**
 * Plain manifests target: `image:` fields of `containers` and `initContainers` in workload
 * documents (every document of a multi-document file), for Applications without kustomize or Helm.
 */
import { isMap, isScalar, isSeq, type Document, type Scalar, type YAMLMap } from 'yaml';
import { sameRepository, tryParseImageRef } from '../resolve/image-ref.js';
import type { PathSegment } from '../resolve/helm-path.js';
import { fullNameWithTag } from './helm-values.js';
import { findPair } from './locate.js';
import { applySplices, parseYamlDocuments, replaceScalar, scalarText, type Splice } from './splice.js';
import type { EditOutcome, ImageEdit } from './types.js';

/** WORKLOAD_KINDS are the kinds whose pod templates are searched. */
export const WORKLOAD_KINDS = new Set(['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob', 'Rollout', 'ReplicationController']);
const CONTAINER_KEYS = ['containers', 'initContainers'];
const MAX_DEPTH = 12;

interface Hit {
  path: PathSegment[];
  node: Parameters<typeof replaceScalar>[1];
  written: string;
}

// Walk maps looking for container lists; bounded depth, aliases not followed.
function findContainers(node: unknown, path: PathSegment[], hits: Hit[]): void {
  if (path.length > MAX_DEPTH || !isMap(node)) return;
  for (const pair of (node as YAMLMap).items) {
    if (!isScalar(pair.key)) continue;
    const key = String(pair.key.value);
    if (CONTAINER_KEYS.includes(key) && isSeq(pair.value)) {
      pair.value.items.forEach((container, i) => {
        const image = isMap(container) ? findPair(container, 'image')?.value : undefined;
        const written = scalarText(image);
        // scalarText reads scalars only: `image` is a scalar whenever `written` is defined.
        if (written !== undefined) hits.push({ path: [...path, key, i, 'image'], node: image as Scalar, written });
      });
    } else {
      findContainers(pair.value, [...path, key], hits);
    }
  }
}

function isWorkload(doc: Document): boolean {
  const kind = isMap(doc.contents) ? scalarText(findPair(doc.contents, 'kind')?.value) : undefined;
  return WORKLOAD_KINDS.has(kind ?? '');
}

/** newImageText keeps the name as written (short or long) and sets `:tag[@digest]`. */
export function newImageText(written: string, edit: ImageEdit): string {
  const at = written.indexOf('@');
  const withoutDigest = at >= 0 ? written.slice(0, at) : written;
  const colon = withoutDigest.lastIndexOf(':');
  const name = colon > withoutDigest.lastIndexOf('/') ? withoutDigest.slice(0, colon) : withoutDigest;
  return fullNameWithTag(name, edit.newImage);
}

/** editManifest sets every matching container image of `file`; `matches` counts them (0: file unchanged). */
export function editManifest(text: string, file: string, edit: ImageEdit): EditOutcome & { matches: number } {
  const docs = parseYamlDocuments(text, file);
  const splices: Splice[] = [];
  const outcome: EditOutcome & { matches: number } = { text, checks: [], changed: [], created: [], matches: 0 };
  docs.forEach((doc, index) => {
    if (!isWorkload(doc)) return;
    const hits: Hit[] = [];
    findContainers(doc.contents, [], hits);
    for (const hit of hits) {
      const ref = tryParseImageRef(hit.written);
      if (!ref || !sameRepository(ref, edit.image.ref)) continue;
      const value = newImageText(hit.written, edit);
      outcome.matches++;
      outcome.checks.push({ doc: index, path: hit.path, value });
      outcome.changed.push({ doc: index, path: hit.path });
      if (value !== hit.written) splices.push(replaceScalar(text, hit.node, value, file));
    }
  });
  outcome.text = applySplices(text, splices);
  return outcome;
}
