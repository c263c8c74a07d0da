/**
 * clusters: the `clusters` generator fed from a file (input `clusters`) instead of Argo CD's cluster secrets:
 * a YAML or JSON list of `{name, server, project?, labels?, annotations?}`. Parameters and the selector on
 * cluster labels follow applicationset/generators/cluster.go (name, nameNormalized, server, project,
 * metadata.labels.<key>, metadata.annotations.<key>; with goTemplate, nested under `metadata`).
 */
import { parse } from 'yaml';
import { ConfigError } from '../../errors.js';
import { sanitizeName } from './go-template/funcs.js';
import { GeneratorProblem } from './git-generator.js';
import { isPlain, matchesSelector, type LabelSelector, type Params } from './params.js';
import { renderString, type TemplateLanguage } from './template-render.js';

/** ClusterInfo is one cluster as Argo CD's cluster secret describes it. */
export interface ClusterInfo {
  name: string;
  server: string;
  project: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

/** parseClusters reads the clusters file; `origin` names it in errors. */
export function parseClusters(text: string, origin: string): ClusterInfo[] {
  const fail = (message: string): ConfigError =>
    new ConfigError(`${origin}: ${message}`, { fix: 'Write the clusters as a YAML list of {name, server, labels, annotations} (the fields of Argo CD cluster secrets).' });
  let data: unknown;
  try {
    data = parse(text, { maxAliasCount: 100 });
  } catch (error) {
    throw fail(`does not parse: ${(error as Error).message.split('\n')[0]}`);
  }
  if (!Array.isArray(data)) throw fail('is not a list of clusters');
  return data.map((item, i) => {
    if (!isPlain(item) || typeof item.name !== 'string' || typeof item.server !== 'string') throw fail(`cluster ${i + 1} needs a name and a server (strings)`);
    return { name: item.name, server: item.server, project: typeof item.project === 'string' ? item.project : '', labels: stringMap(item.labels, fail), annotations: stringMap(item.annotations, fail) };
  });
}

function stringMap(value: unknown, fail: (message: string) => ConfigError): Record<string, string> {
  if (value === undefined || value === null) return {};
  if (!isPlain(value)) throw fail('labels and annotations must be mappings');
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, String(v)]));
}

/** clustersParams runs a `clusters:` generator over the known clusters (selector on labels, then values). */
export function clustersParams(body: Params, clusters: readonly ClusterInfo[], language: TemplateLanguage, where: string): Params[] {
  const selector = isPlain(body.selector) ? (body.selector as LabelSelector) : undefined;
  let selected: ClusterInfo[];
  try {
    selected = selector === undefined ? [...clusters] : clusters.filter((c) => matchesSelector(selector, c.labels));
  } catch (error) {
    throw new GeneratorProblem(`${where}.selector: ${(error as Error).message}`, 'Use a Kubernetes label selector.');
  }
  const values = isPlain(body.values) ? body.values : {};
  return selected.map((cluster) => {
    const params = clusterParams(cluster, language.goTemplate);
    const rendered = Object.fromEntries(Object.entries(values).map(([k, v]) => [k, renderString(String(v), params, language)]));
    if (Object.keys(rendered).length === 0) return params;
    if (language.goTemplate) return { ...params, values: rendered };
    return { ...params, ...Object.fromEntries(Object.entries(rendered).map(([k, v]) => [`values.${k}`, v])) };
  });
}

function clusterParams(cluster: ClusterInfo, goTemplate: boolean): Params {
  const base: Params = { name: cluster.name, nameNormalized: sanitizeName(cluster.name), server: cluster.server, project: cluster.project };
  if (goTemplate) return { ...base, metadata: { labels: cluster.labels, annotations: cluster.annotations } };
  for (const [k, v] of Object.entries(cluster.labels)) base[`metadata.labels.${k}`] = v;
  for (const [k, v] of Object.entries(cluster.annotations)) base[`metadata.annotations.${k}`] = v;
  return base;
}
