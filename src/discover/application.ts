/**
 * application: reads Argo CD `Application` documents (`argoproj.io/v1alpha1`) into the Application model.
 * Only the fields the promoter uses are checked; unknown fields are accepted, wrong types are refused
 * with the file and line of the field (HOUSE-STYLE 3 and 11).
 */
import { ConfigError } from '../errors.js';
import type { AppSource, Application, HelmParameter } from './types.js';
import {
  FieldTypeError,
  isObj,
  optArray,
  optBool,
  optObj,
  optString,
  optStringList,
  optStringMap,
  reqString,
  type Obj,
} from './guards.js';
import { docToData, type YamlDoc } from './yaml-docs.js';

/** APPLICATION_API_VERSION is the apiVersion of Argo CD Applications. */
export const APPLICATION_API_VERSION = 'argoproj.io/v1alpha1';

/** isApplicationDoc tells whether a document declares an Argo CD Application. */
export function isApplicationDoc(doc: YamlDoc): boolean {
  return doc.apiVersion === APPLICATION_API_VERSION && doc.kind === 'Application';
}

/** applicationFromDoc reads one Application document; a wrong type is a ConfigError at that field. */
export function applicationFromDoc(doc: YamlDoc): Application {
  const data = docToData(doc);
  let name: string | undefined;
  try {
    if (!isObj(data)) throw new FieldTypeError([], 'a mapping');
    const metadata = optObj(data, 'metadata', []) ?? {};
    name = reqString(metadata, 'name', ['metadata']);
    checkNames(doc, name, optString(metadata, 'namespace', ['metadata']));
    return buildApplication(doc, data, metadata, name);
  } catch (error) {
    if (!(error instanceof FieldTypeError)) throw error;
    throw new ConfigError(`Application field ${error.message}`, {
      application: name,
      file: doc.file,
      line: doc.lineOf(error.path),
      fix: 'Correct the field type as in the Argo CD Application reference; Argo CD would refuse this manifest too.',
    });
  }
}

// Kubernetes object names (apimachinery validation.IsDNS1123Subdomain / IsDNS1123Label).
const DNS1123_LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_LABEL}(\\.${DNS1123_LABEL})*$`);
const DNS1123_LABEL_ONLY = new RegExp(`^${DNS1123_LABEL}$`);

/**
 * isKubernetesName tells whether Kubernetes accepts `name` as an Application name (a DNS-1123 subdomain,
 * at most 253 characters) or, with `label`, as a namespace (a DNS-1123 label, at most 63).
 */
export function isKubernetesName(name: string, label = false): boolean {
  return label ? name.length <= 63 && DNS1123_LABEL_ONLY.test(name) : name.length <= 253 && DNS1123_SUBDOMAIN.test(name);
}

// A name Kubernetes would reject never reaches a file name (`x/../../apps/good` would steer the
// default `.argocd-source-<name>.yaml` onto another file: issue 14 item 2).
function checkNames(doc: YamlDoc, name: string, namespace: string | undefined): void {
  const bad = !isKubernetesName(name) ? { field: 'name', value: name, rule: 'a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", at most 253)' }
    : namespace !== undefined && !isKubernetesName(namespace, true) ? { field: 'namespace', value: namespace, rule: 'a DNS-1123 label (lowercase letters, digits and "-", at most 63)' }
      : undefined;
  if (bad === undefined) return;
  throw new ConfigError(`metadata.${bad.field} "${bad.value}" is not ${bad.rule}; Kubernetes would reject this Application`, {
    application: name,
    file: doc.file,
    line: doc.lineOf(['metadata', bad.field]),
    fix: `Rename the Application's metadata.${bad.field}.`,
  });
}

function buildApplication(doc: YamlDoc, data: Obj, metadata: Obj, name: string): Application {
  const spec = optObj(data, 'spec', []) ?? {};
  const status = optObj(data, 'status', []) ?? {};
  const namespace = optString(metadata, 'namespace', ['metadata']);
  return {
    name,
    label: name,
    ...(namespace === undefined ? {} : { namespace }),
    labels: optStringMap(metadata, 'labels', ['metadata']),
    annotations: optStringMap(metadata, 'annotations', ['metadata']),
    sources: readSources(spec),
    sourceTypes: readSourceTypes(status),
    file: doc.file,
    line: doc.lineOf(['kind']),
    annotationLines: doc.keyLines(['metadata', 'annotations']),
  };
}

function readSources(spec: Obj): AppSource[] {
  const single = optObj(spec, 'source', ['spec']);
  const many = optArray(spec, 'sources', ['spec']);
  // Argo CD uses `sources` when both are set (multi-source Applications).
  if (many !== undefined && many.length > 0) {
    return many.map((item, index) => {
      if (!isObj(item)) throw new FieldTypeError(['spec', 'sources', index], 'a mapping');
      return readSource(item, ['spec', 'sources', index], index);
    });
  }
  if (single !== undefined) return [readSource(single, ['spec', 'source'], 0)];
  // Source Hydrator: the dry source holds the manifests the updater writes for (argocd.go getApplicationSource).
  const dry = optObj(optObj(spec, 'sourceHydrator', ['spec']) ?? {}, 'drySource', ['spec', 'sourceHydrator']);
  return dry === undefined ? [] : [readSource(dry, ['spec', 'sourceHydrator', 'drySource'], 0)];
}

function readSource(source: Obj, path: (string | number)[], index: number): AppSource {
  const out: AppSource = { repoURL: reqString(source, 'repoURL', path), index };
  for (const key of ['path', 'chart', 'targetRevision', 'ref'] as const) {
    const value = optString(source, key, path);
    if (value !== undefined) out[key] = value;
  }
  const helm = optObj(source, 'helm', path);
  if (helm !== undefined) out.helm = readHelm(helm, [...path, 'helm']);
  const kustomize = optObj(source, 'kustomize', path);
  if (kustomize !== undefined) {
    const images = optStringList(kustomize, 'images', [...path, 'kustomize']);
    out.kustomize = images === undefined ? {} : { images };
  }
  if (source.plugin !== undefined && source.plugin !== null) out.plugin = source.plugin;
  return out;
}

function readHelm(helm: Obj, path: (string | number)[]): NonNullable<AppSource['helm']> {
  const out: NonNullable<AppSource['helm']> = {};
  const valueFiles = optStringList(helm, 'valueFiles', path);
  if (valueFiles !== undefined) out.valueFiles = valueFiles;
  const values = optString(helm, 'values', path);
  if (values !== undefined) out.values = values;
  if (helm.valuesObject !== undefined) out.valuesObject = helm.valuesObject;
  const parameters = optArray(helm, 'parameters', path);
  if (parameters !== undefined) out.parameters = parameters.map((p, i) => readParameter(p, [...path, 'parameters', i]));
  return out;
}

function readParameter(item: unknown, path: (string | number)[]): HelmParameter {
  if (!isObj(item)) throw new FieldTypeError(path, 'a mapping');
  const forceString = optBool(item, 'forceString', path);
  return { name: reqString(item, 'name', path), value: optString(item, 'value', path) ?? '', ...(forceString === undefined ? {} : { forceString }) };
}

function readSourceTypes(status: Obj): string[] {
  const many = optStringList(status, 'sourceTypes', ['status']);
  if (many !== undefined) return many;
  const one = optString(status, 'sourceType', ['status']);
  return one === undefined ? [] : [one];
}

const TYPED = new Set(['Helm', 'Kustomize', 'Plugin']);

/**
 * chooseSource picks the source the updater writes for (ARGOCD-IMAGE-UPDATER.md §3.1): the first with an
 * explicit helm/kustomize/plugin block, then (1.3) the one aligned by index with the first Helm/Kustomize/Plugin
 * entry of `status.sourceTypes`, else the first source.
 */
export function chooseSource(app: Application): AppSource | undefined {
  const explicit = app.sources.find((s) => s.helm !== undefined || s.kustomize !== undefined || s.plugin !== undefined);
  if (explicit) return explicit;
  const typed = app.sourceTypes.findIndex((t) => TYPED.has(t));
  if (typed >= 0 && typed < app.sources.length) return app.sources[typed];
  return app.sources[0];
}
