/**
 * yaml-read: the resolve stage's read-only view of YAML files. Files are parsed once per snapshot
 * (500 Applications share a handful of kustomizations and values files), nodes keep their source
 * text (`1.20` stays "1.20", not 1.2) and every value comes with its 1-based line. Also reads the
 * two shapes resolve looks into: workload containers' `image:` fields and kustomization `images:`.
 */
import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { ImageSpec } from '../discover/types.js';
import { EditError } from '../errors.js';
import type { PathSegment } from './helm-path.js';
import { sameRepository, tryParseImageRef, type ImageRef } from './image-ref.js';
import type { RepoFiles } from './types.js';

/** MAX_YAML_BYTES refuses huge files before parsing (SPEC §10: huge files are refused with a clear error). */
export const MAX_YAML_BYTES = 4 * 1024 * 1024;

/** YamlFile is one parsed file: its documents and a way to turn a node into a line. */
export interface YamlFile {
  file: string;
  docs: Document[];
  /** lineOf returns the 1-based line where `node` starts (1 when unknown). */
  lineOf(node: Node | null | undefined): number;
}

/** parseYamlFile parses every document of `text`; a syntax error or a huge file is an EditError with its line. */
export function parseYamlFile(file: string, text: string): YamlFile {
  if (text.length > MAX_YAML_BYTES) {
    throw new EditError(`file is larger than ${MAX_YAML_BYTES} bytes; refusing to read it`, {
      file,
      fix: 'Split the file or keep generated data out of the manifests repository.',
    });
  }
  const lineCounter = new LineCounter();
  // An empty stream is an empty array too (yaml's EmptyStream extends Array).
  const list = parseAllDocuments(text, { lineCounter, uniqueKeys: false });
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) {
      const line = lineCounter.linePos(error.pos[0]).line;
      throw new EditError(`YAML does not parse: ${error.message.split('\n')[0]}`, { file, line, fix: 'Fix the YAML syntax of this file.' });
    }
  }
  return {
    file,
    // The parser never yields a document with null contents (an empty one holds a null scalar).
    docs: [...list],
    lineOf: (node) => (node?.range ? lineCounter.linePos(node.range[0]).line : 1),
  };
}

/** YamlReader reads and parses files of one snapshot, each at most once. */
export interface YamlReader {
  files: RepoFiles;
  /** text returns a file's content, or undefined when the snapshot lacks it. */
  text(path: string): string | undefined;
  /** parse returns the parsed file, undefined when absent; throws EditError when it does not parse. */
  parse(path: string): YamlFile | undefined;
  /** exists tells whether the snapshot has the path. */
  exists(path: string): boolean;
}

const readers = new WeakMap<RepoFiles, YamlReader>();

/** readerFor returns the (shared, memoising) reader of a snapshot. */
export function readerFor(files: RepoFiles): YamlReader {
  const known = readers.get(files);
  if (known) return known;
  const parsed = new Map<string, YamlFile | EditError | undefined>();
  const reader: YamlReader = {
    files,
    text: (path) => files.read(path),
    exists: (path) => files.read(path) !== undefined,
    parse: (path) => {
      if (!parsed.has(path)) {
        const text = files.read(path);
        try {
          parsed.set(path, text === undefined ? undefined : parseYamlFile(path, text));
        } catch (error) {
          if (!(error instanceof EditError)) throw error;
          parsed.set(path, error);
        }
      }
      const result = parsed.get(path);
      if (result instanceof EditError) throw result;
      return result;
    },
  };
  readers.set(files, reader);
  return reader;
}

/**
 * nodeAt walks `path` from `root` through maps and sequences. Like the updater's Helm values lookup
 * (§3.4), one level of YAML alias is followed per step; deeper alias chains are not resolved.
 */
export function nodeAt(doc: Document, root: unknown, path: readonly PathSegment[]): Node | undefined {
  let node = deref(doc, root);
  for (const segment of path) {
    if (typeof segment === 'number') {
      node = isSeq(node) ? deref(doc, node.items[segment]) : undefined;
    } else if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      node = pair ? deref(doc, pair.value) : undefined;
    } else {
      node = undefined;
    }
    if (node === undefined) return undefined;
  }
  return node as Node | undefined;
}

function deref(doc: Document, node: unknown): Node | undefined {
  if (isAlias(node)) return node.resolve(doc) as Node | undefined;
  return (node ?? undefined) as Node | undefined;
}

/** scalarText returns a scalar's text as written (plain `1.20` stays "1.20"); undefined for null or non-scalars. */
export function scalarText(node: unknown): string | undefined {
  if (!isScalar(node) || node.value === null || node.value === undefined) return undefined;
  if (typeof node.source === 'string' && typeof node.value !== 'string') return node.source;
  return String(node.value);
}

/** seqItems returns the items of the sequence at `node` (aliases followed once), or [] when it is not one. */
export function seqItems(doc: Document, node: unknown): Node[] {
  const seq = deref(doc, node);
  return isSeq(seq) ? seq.items.map((item) => deref(doc, item)).filter((item): item is Node => item !== undefined) : [];
}

/** stringIn returns the scalar text at `path` under `root`. */
export function stringIn(doc: Document, root: unknown, path: readonly PathSegment[]): string | undefined {
  return scalarText(nodeAt(doc, root, path));
}

/** POD_SPEC_PATHS maps a workload kind to the path of its pod spec (CronJob nests a job template). */
export const POD_SPEC_PATHS: Readonly<Record<string, readonly PathSegment[]>> = {
  Pod: ['spec'],
  Deployment: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
  // argoproj.io Rollout: same pod template as a Deployment.
  Rollout: ['spec', 'template', 'spec'],
};

/** ContainerImage is one container's `image:` value in a manifest file. */
export interface ContainerImage {
  file: string;
  /** Index of the document in the file. */
  doc: number;
  image: string;
  line: number;
}

/** containerImages lists the images of containers and initContainers of every workload in a file. */
export function containerImages(parsed: YamlFile): ContainerImage[] {
  const found: ContainerImage[] = [];
  parsed.docs.forEach((doc, index) => {
    const kind = stringIn(doc, doc.contents, ['kind']);
    const podPath = kind === undefined ? undefined : POD_SPEC_PATHS[kind];
    if (!podPath) return;
    if (kind === 'Rollout' && !(stringIn(doc, doc.contents, ['apiVersion']) ?? '').startsWith('argoproj.io/')) return;
    const podSpec = nodeAt(doc, doc.contents, podPath);
    for (const list of ['initContainers', 'containers']) {
      for (const container of seqItems(doc, nodeAt(doc, podSpec, [list]))) {
        const node = nodeAt(doc, container, ['image']);
        const image = scalarText(node);
        if (image !== undefined) found.push({ file: parsed.file, doc: index, image, line: parsed.lineOf(node) });
      }
    }
  });
  return found;
}

/** namesOf returns the references an image may appear under: its own, and its kustomize.image-name. */
export function namesOf(image: ImageSpec): ImageRef[] {
  const names: ImageRef[] = [image.ref];
  const original = image.hasAlias && image.kustomizeImageName ? tryParseImageRef(image.kustomizeImageName) : undefined;
  if (original) names.push(original);
  return names;
}

/** refersTo tells whether an image text names one of `names` (tag and digest ignored; docker.io normalised). */
export function refersTo(text: string | undefined, names: readonly ImageRef[]): boolean {
  const ref = text === undefined ? undefined : tryParseImageRef(text);
  return ref !== undefined && names.some((name) => sameRepository(ref, name));
}

/** KustomizeEntry is one `images:` entry of a kustomization, with the line of each field. */
export interface KustomizeEntry {
  name?: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  line: number;
  tagLine: number;
}

/** kustomizeEntries reads the `images:` entries of a kustomization document. */
export function kustomizeEntries(parsed: YamlFile, doc: Document): KustomizeEntry[] {
  return seqItems(doc, nodeAt(doc, doc.contents, ['images'])).map((item) => {
    const field = (key: string): string | undefined => stringIn(doc, item, [key]);
    const tagNode = nodeAt(doc, item, ['newTag']) ?? nodeAt(doc, item, ['digest']);
    const line = parsed.lineOf(item);
    return {
      name: field('name'),
      newName: field('newName'),
      newTag: field('newTag'),
      digest: field('digest'),
      line,
      tagLine: tagNode ? parsed.lineOf(tagNode) : line,
    };
  });
}

/**
 * appNodeLine returns the line of a node under the Application's chosen source (`spec.sources[i]` or
 * `spec.source`) in its file, for messages that point at the Application's own overrides; the
 * Application's line when the file or node cannot be found.
 */
export function appNodeLine(app: AppLike, reader: YamlReader, path: readonly PathSegment[], index = 0): number {
  return findAppNodeLine(app, reader, path, index) ?? app.line;
}

/** AppLike is the part of an Application that locates it in its file. */
export interface AppLike {
  name: string;
  file: string;
  line: number;
}

/** findAppNodeLine is appNodeLine without the fallback: undefined when the node is not found. */
export function findAppNodeLine(app: AppLike, reader: YamlReader, path: readonly PathSegment[], index = 0): number | undefined {
  let parsed: YamlFile | undefined;
  try {
    parsed = reader.parse(app.file);
  } catch {
    return undefined;
  }
  for (const doc of parsed?.docs ?? []) {
    if (stringIn(doc, doc.contents, ['kind']) !== 'Application' || stringIn(doc, doc.contents, ['metadata', 'name']) !== app.name) continue;
    const node =
      nodeAt(doc, doc.contents, ['spec', 'sources', index, ...path]) ??
      nodeAt(doc, doc.contents, ['spec', 'source', ...path]) ??
      nodeAt(doc, doc.contents, ['spec', 'sourceHydrator', 'drySource', ...path]);
    if (node && parsed) return parsed.lineOf(node);
  }
  return undefined;
}
