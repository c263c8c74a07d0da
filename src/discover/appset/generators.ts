/**
 * generators: runs an ApplicationSet's generators offline (applicationset/generators in Argo CD): `list`,
 * `git` (git-generator.ts), `matrix` (the second child interpolated with each parameter set of the first),
 * `merge` (by mergeKeys), each with `selector`; generators that need a cluster or an API are a skip.
 */
import { parse } from 'yaml';
import { clustersParams } from './clusters.js';
import { gitParams, GeneratorProblem, type GitSource } from './git-generator.js';
import { combineStringMaps, flattenParams, isPlain, matchesSelector, mergeOverride, type LabelSelector, type Params } from './params.js';
import { renderDeep, type TemplateLanguage } from './template-render.js';

export { GeneratorProblem } from './git-generator.js';

/** GeneratorResult is what one top-level generator yields: parameter sets and its own `template`, if any. */
export interface GeneratorResult {
  params: Params[];
  template?: Params;
}

/** NEEDS_CLUSTER are generators that read a cluster or an API, which an offline run cannot. */
const NEEDS_CLUSTER: Record<string, string> = {
  clusters: "reads the clusters registered in Argo CD (list them in a file given as input 'clusters' / --clusters to render it)",
  clusterDecisionResource: 'reads a cluster decision resource from Kubernetes',
  scmProvider: 'lists repositories through an SCM provider API',
  pullRequest: 'lists pull requests through an SCM API',
  plugin: 'calls a generator plugin service',
};

const SUPPORTED = ['list', 'git', 'matrix', 'merge'];

/** runGenerator runs one generator (`where` names it in messages, e.g. `generators[0].matrix.generators[1]`). */
export function runGenerator(generator: unknown, where: string, source: GitSource, language: TemplateLanguage, inherited?: Params): GeneratorResult {
  if (!isPlain(generator)) throw new GeneratorProblem(`${where} is not a mapping`, 'Write each generator as a mapping with one generator key.');
  const resolved = inherited !== undefined && Object.keys(inherited).length > 0 ? interpolate(generator, inherited, language, where) : generator;
  const kinds = Object.keys(resolved).filter((k) => k !== 'selector' && resolved[k] !== null && resolved[k] !== undefined);
  if (kinds.length !== 1) throw new GeneratorProblem(`${where} has ${kinds.length === 0 ? 'no generator' : `several generators (${kinds.join(', ')})`}`, 'Give each generator entry exactly one of list, git, matrix, merge.');
  const kind = kinds[0];
  const body = resolved[kind];
  const known = kind === 'clusters' && source.clusters !== undefined;
  if (NEEDS_CLUSTER[kind] !== undefined && !known) throw new GeneratorProblem(`its ${kind} generator (${where}) ${NEEDS_CLUSTER[kind]}; offline rendering supports ${SUPPORTED.join(', ')}`, 'Nothing to do here; promote these Applications where the controller runs.', true);
  if (!SUPPORTED.includes(kind) && !known) throw new GeneratorProblem(`${where} has an unrecognized generator "${kind}"`, `Use one of ${SUPPORTED.join(', ')} (or ${Object.keys(NEEDS_CLUSTER).join(', ')}).`);
  if (!isPlain(body)) throw new GeneratorProblem(`${where}.${kind} is not a mapping`, `Write ${kind} as a mapping.`);
  const params = paramsOf(kind, body, `${where}.${kind}`, source, language);
  const selected = selectParams(params, resolved.selector, where);
  return { params: selected, ...(isPlain(body.template) ? { template: body.template } : {}) };
}

function paramsOf(kind: string, body: Params, where: string, source: GitSource, language: TemplateLanguage): Params[] {
  switch (kind) {
    case 'list':
      return listParams(body, where, language);
    case 'git':
      return gitParams(body, source, language);
    case 'matrix':
      return matrixParams(body, where, source, language);
    case 'clusters':
      return clustersParams(body, source.clusters ?? [], language, where);
    default:
      return mergeParams(body, where, source, language);
  }
}

function listParams(list: Params, where: string, language: TemplateLanguage): Params[] {
  const elements = list.elements ?? [];
  if (!Array.isArray(elements)) throw new GeneratorProblem(`${where}.elements is not a list`, 'Write elements as a list of mappings.');
  const out = elements.map((element, i) => {
    if (!isPlain(element)) throw new GeneratorProblem(`${where}.elements[${i}] is not a mapping`, 'Write each element as a mapping of parameters.');
    return language.goTemplate ? element : fastElement(element, `${where}.elements[${i}]`);
  });
  if (typeof list.elementsYaml === 'string' && list.elementsYaml.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = parse(list.elementsYaml);
    } catch (error) {
      throw new GeneratorProblem(`${where}.elementsYaml does not parse: ${(error instanceof Error ? error.message : String(error)).split('\n')[0]}`, 'Make elementsYaml render to a YAML list of mappings.');
    }
    if (!Array.isArray(parsed) || !parsed.every(isPlain)) throw new GeneratorProblem(`${where}.elementsYaml is not a list of mappings`, 'Make elementsYaml render to a YAML list of mappings.');
    out.push(...parsed);
  }
  return out;
}

/** fastElement checks a fasttemplate list element: string values, and a `values` map of strings. */
function fastElement(element: Params, where: string): Params {
  const params: Params = {};
  for (const [key, value] of Object.entries(element)) {
    if (key === 'values' && isPlain(value)) {
      for (const [k, v] of Object.entries(value)) {
        if (typeof v !== 'string') throw new GeneratorProblem(`${where}.values.${k} is not a string`, 'Quote the value, or set goTemplate: true.');
        params[`values.${k}`] = v;
      }
    } else if (typeof value === 'string') params[key] = value;
    else throw new GeneratorProblem(`${where}.${key} is not a string (without goTemplate every list value must be a string)`, 'Quote the value, or set goTemplate: true.');
  }
  return params;
}

function children(body: Params, where: string, kind: string): unknown[] {
  const list = body.generators;
  if (!Array.isArray(list)) throw new GeneratorProblem(`${where}.generators is not a list`, `Give the ${kind} generator a list of generators.`);
  return list;
}

function matrixParams(matrix: Params, where: string, source: GitSource, language: TemplateLanguage): Params[] {
  const list = children(matrix, where, 'matrix');
  if (list.length !== 2) throw new GeneratorProblem(`${where} has ${list.length} generators; a matrix combines exactly two`, 'Give the matrix two generators (nest a matrix for more).');
  const out: Params[] = [];
  for (const a of runGenerator(list[0], `${where}.generators[0]`, source, language).params) {
    for (const b of runGenerator(list[1], `${where}.generators[1]`, source, language, a).params) {
      if (language.goTemplate) out.push(mergeOverride(b, a));
      else {
        try {
          out.push(combineStringMaps(a, b));
        } catch (error) {
          throw new GeneratorProblem(`${where}: ${(error as Error).message}`, 'Give the two generators distinct parameter names.');
        }
      }
    }
  }
  return out;
}

function mergeParams(merge: Params, where: string, source: GitSource, language: TemplateLanguage): Params[] {
  const list = children(merge, where, 'merge');
  if (list.length < 2) throw new GeneratorProblem(`${where} has fewer than two generators`, 'Give the merge generator at least two generators.');
  const keys = Array.isArray(merge.mergeKeys) ? merge.mergeKeys.map(String) : [];
  if (keys.length === 0) throw new GeneratorProblem(`${where} has no mergeKeys`, 'List the parameter names to merge on in mergeKeys.');
  const sets = list.map((g, i) => byMergeKey(runGenerator(g, `${where}.generators[${i}]`, source, language).params, keys, `${where}.generators[${i}]`));
  const [base, ...others] = sets;
  for (const other of others) {
    for (const [key, params] of base) {
      const override = other.get(key);
      if (override !== undefined) base.set(key, language.goTemplate ? mergeOverride(params, override) : { ...params, ...override });
    }
  }
  return [...base.values()];
}

function byMergeKey(params: Params[], keys: string[], where: string): Map<string, Params> {
  const out = new Map<string, Params>();
  for (const p of params) {
    const key = JSON.stringify(Object.fromEntries([...new Set(keys)].sort().map((k) => [k, p[k] ?? null])));
    if (out.has(key)) throw new GeneratorProblem(`${where}: the parameter sets are not unique by mergeKeys (duplicate ${key})`, 'Choose mergeKeys that identify each parameter set.');
    out.set(key, p);
  }
  return out;
}

function selectParams(params: Params[], selector: unknown, where: string): Params[] {
  if (selector === undefined || selector === null) return params;
  if (!isPlain(selector)) throw new GeneratorProblem(`${where}.selector is not a mapping`, 'Write selector as matchLabels / matchExpressions.');
  try {
    return params.filter((p) => matchesSelector(selector as LabelSelector, flattenParams(p)));
  } catch (error) {
    throw new GeneratorProblem(`${where}.selector: ${(error as Error).message}`, 'Use a Kubernetes label selector.');
  }
}

/** interpolate renders a matrix's second generator with one parameter set of the first (RenderGeneratorParams). */
function interpolate(generator: Params, params: Params, language: TemplateLanguage, where: string): Params {
  try {
    return renderDeep(generator, params, language) as Params;
  } catch (error) {
    throw new GeneratorProblem(`${where} cannot be filled from the first generator's parameters: ${(error as Error).message}`, 'Use only parameters the first generator of the matrix provides.');
  }
}
