/** runGenerator on its own: list, matrix, merge and selector parameters, and every refusal with its exact message and fix. */
import { describe, expect, it } from 'vitest';
import { GeneratorProblem, runGenerator } from '../../../src/discover/appset/generators.js';
import type { GitSource } from '../../../src/discover/appset/git-generator.js';
import type { TemplateLanguage } from '../../../src/discover/appset/template-render.js';
import { memoryRepo } from '../../../src/discover/local-repo.js';

const FAST: TemplateLanguage = { goTemplate: false, options: [] };
const GO: TemplateLanguage = { goTemplate: true, options: [] };
const SOURCE: GitSource = { files: memoryRepo({}), directories: () => [] };

/** run runs one top-level generator named generators[0]. */
function run(generator: unknown, language = FAST, source = SOURCE) {
  return runGenerator(generator, 'generators[0]', source, language);
}

/** problem returns what runGenerator refuses with (message, fix, skip). */
function problem(generator: unknown, language = FAST, source = SOURCE) {
  try {
    run(generator, language, source);
  } catch (error) {
    if (error instanceof GeneratorProblem) return { message: error.message, fix: error.fix, skip: error.skip };
    throw error;
  }
  throw new Error('runGenerator did not refuse');
}

const list = (...elements: unknown[]) => ({ list: { elements } });

describe('runGenerator: the generator entry', () => {
  it('refuses an entry that is not a mapping', () => {
    expect(problem('list')).toEqual({ message: 'generators[0] is not a mapping', fix: 'Write each generator as a mapping with one generator key.', skip: false });
  });

  it('refuses an entry with no generator key (selector alone does not count)', () => {
    expect(problem({ selector: {} })).toEqual({ message: 'generators[0] has no generator', fix: 'Give each generator entry exactly one of list, git, matrix, merge.', skip: false });
  });

  it('refuses an entry with two generator keys, naming both', () => {
    expect(problem({ list: { elements: [] }, git: {} }).message).toBe('generators[0] has several generators (list, git)');
  });

  it('ignores generator keys set to null or undefined', () => {
    expect(run({ list: { elements: [{ a: 'b' }] }, git: null, merge: undefined }).params).toEqual([{ a: 'b' }]);
  });

  it('skips a generator that reads a cluster or an API, saying why and what offline rendering supports', () => {
    expect(problem({ plugin: { configMapRef: { name: 'p' } } })).toEqual({
      message: 'its plugin generator (generators[0]) calls a generator plugin service; offline rendering supports list, git, matrix, merge',
      fix: 'Nothing to do here; promote these Applications where the controller runs.',
      skip: true,
    });
  });

  it('skips an API-bound generator even when clusters are known (only clusters reads them)', () => {
    expect(problem({ pullRequest: {} }, FAST, { ...SOURCE, clusters: [] })).toMatchObject({ message: expect.stringContaining('its pullRequest generator'), skip: true });
  });

  it('refuses an unrecognized generator, listing the supported and skipped ones', () => {
    expect(problem({ lists: {} })).toEqual({
      message: 'generators[0] has an unrecognized generator "lists"',
      fix: 'Use one of list, git, matrix, merge (or clusters, clusterDecisionResource, scmProvider, pullRequest, plugin).',
      skip: false,
    });
  });

  it('refuses a generator body that is not a mapping', () => {
    expect(problem({ list: 'web' })).toEqual({ message: 'generators[0].list is not a mapping', fix: 'Write list as a mapping.', skip: false });
  });

  it("returns the generator's own template when it has one", () => {
    const template = { metadata: { name: 'x' } };
    expect(run({ list: { elements: [], template } })).toEqual({ params: [], template });
    expect(run({ list: { elements: [], template: 'x' } })).toEqual({ params: [] });
  });
});

describe('runGenerator: list', () => {
  it('refuses elements that are not a list', () => {
    expect(problem({ list: { elements: 'web' } })).toEqual({ message: 'generators[0].list.elements is not a list', fix: 'Write elements as a list of mappings.', skip: false });
  });

  it('refuses an element that is not a mapping, naming its index', () => {
    expect(problem(list({ a: 'b' }, 'web'))).toEqual({ message: 'generators[0].list.elements[1] is not a mapping', fix: 'Write each element as a mapping of parameters.', skip: false });
  });

  it('without goTemplate, flattens a values map to values.<key> parameters', () => {
    expect(run(list({ app: 'web', values: { tier: 'front' } })).params).toEqual([{ app: 'web', 'values.tier': 'front' }]);
  });

  it('without goTemplate, refuses a non-string under values, naming the key', () => {
    expect(problem(list({ values: { replicas: 3 } }))).toEqual({ message: 'generators[0].list.elements[0].values.replicas is not a string', fix: 'Quote the value, or set goTemplate: true.', skip: false });
  });

  it('without goTemplate, refuses a mapping under any key but values', () => {
    expect(problem(list({ extra: { a: 'b' } }))).toEqual({
      message: 'generators[0].list.elements[0].extra is not a string (without goTemplate every list value must be a string)',
      fix: 'Quote the value, or set goTemplate: true.',
      skip: false,
    });
  });

  it('with goTemplate, keeps elements as written', () => {
    expect(run(list({ replicas: 3, values: { a: 1 } }), GO).params).toEqual([{ replicas: 3, values: { a: 1 } }]);
  });

  it('ignores an elementsYaml that is only whitespace', () => {
    expect(run({ list: { elements: [{ a: 'b' }], elementsYaml: '  \n' } }).params).toEqual([{ a: 'b' }]);
  });

  it('refuses an elementsYaml that does not parse, with the first line of the YAML error', () => {
    expect(problem({ list: { elementsYaml: 'a: [b\n' } })).toEqual({
      message: 'generators[0].list.elementsYaml does not parse: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1:',
      fix: 'Make elementsYaml render to a YAML list of mappings.',
      skip: false,
    });
  });

  it.each(['a: b', '- a: b\n- c'])('refuses an elementsYaml that is not a list of mappings (%j)', (elementsYaml) => {
    expect(problem({ list: { elementsYaml } })).toEqual({ message: 'generators[0].list.elementsYaml is not a list of mappings', fix: 'Make elementsYaml render to a YAML list of mappings.', skip: false });
  });
});

describe('runGenerator: matrix', () => {
  it('refuses generators that are not a list, naming the matrix', () => {
    expect(problem({ matrix: { generators: {} } })).toEqual({ message: 'generators[0].matrix.generators is not a list', fix: 'Give the matrix generator a list of generators.', skip: false });
  });

  it('refuses a matrix of three generators', () => {
    expect(problem({ matrix: { generators: [list(), list(), list()] } })).toEqual({
      message: 'generators[0].matrix has 3 generators; a matrix combines exactly two',
      fix: 'Give the matrix two generators (nest a matrix for more).',
      skip: false,
    });
  });

  it('names the second child in its errors', () => {
    expect(problem({ matrix: { generators: [list({ a: 'b' }), 'x'] } }).message).toBe('generators[0].matrix.generators[1] is not a mapping');
  });

  it('without goTemplate, joins the two parameter sets', () => {
    expect(run({ matrix: { generators: [list({ a: '1' }), list({ b: '{{a}}', a: '1' })] } }).params).toEqual([{ a: '1', b: '1' }]);
  });

  it('without goTemplate, refuses one parameter with two values (Argo CD CombineStringMaps)', () => {
    expect(problem({ matrix: { generators: [list({ a: '1' }), list({ a: '2' })] } })).toEqual({
      message: 'generators[0].matrix: found duplicate key a with different value, a: 1 ,b: 2',
      fix: 'Give the two generators distinct parameter names.',
      skip: false,
    });
  });

  it('with goTemplate, the first generator overrides the second', () => {
    expect(run({ matrix: { generators: [list({ a: '1' }), list({ a: '2', b: 'x' })] } }, GO).params).toEqual([{ a: '1', b: 'x' }]);
  });

  it('interpolates the second child only with a non-empty parameter set of the first', () => {
    expect(run({ matrix: { generators: [list({}), list({ b: '{{ .a }}' })] } }, GO).params).toEqual([{ b: '{{ .a }}' }]);
  });

  it('refuses a second child the first parameters cannot fill, naming it', () => {
    const strict = { goTemplate: true, options: ['missingkey=error'] };
    expect(problem({ matrix: { generators: [list({ a: '1' }), list({ b: '{{ .c }}' })] } }, strict)).toEqual({
      message: 'generators[0].matrix.generators[1] cannot be filled from the first generator\'s parameters: map has no entry for key "c"',
      fix: 'Use only parameters the first generator of the matrix provides.',
      skip: false,
    });
  });
});

describe('runGenerator: merge', () => {
  const merge = (body: object) => ({ merge: { mergeKeys: ['app'], ...body } });

  it('refuses generators that are not a list, naming the merge', () => {
    expect(problem(merge({ generators: 'x' }))).toEqual({ message: 'generators[0].merge.generators is not a list', fix: 'Give the merge generator a list of generators.', skip: false });
  });

  it('refuses a merge of one generator', () => {
    expect(problem(merge({ generators: [list()] }))).toEqual({ message: 'generators[0].merge has fewer than two generators', fix: 'Give the merge generator at least two generators.', skip: false });
  });

  it.each([undefined, [], 'app'])('refuses mergeKeys %j', (mergeKeys) => {
    expect(problem({ merge: { mergeKeys, generators: [list(), list()] } })).toEqual({ message: 'generators[0].merge has no mergeKeys', fix: 'List the parameter names to merge on in mergeKeys.', skip: false });
  });

  it('names the child in its errors', () => {
    expect(problem(merge({ generators: [list(), 'x'] })).message).toBe('generators[0].merge.generators[1] is not a mapping');
  });

  it('refuses parameter sets that repeat the merge keys, printing them sorted as Go json.Marshal does', () => {
    const dup = list({ tier: 'front', app: 'web' }, { tier: 'front', app: 'web' });
    expect(problem({ merge: { mergeKeys: ['tier', 'app', 'tier'], generators: [dup, list()] } })).toEqual({
      message: 'generators[0].merge.generators[0]: the parameter sets are not unique by mergeKeys (duplicate {"app":"web","tier":"front"})',
      fix: 'Choose mergeKeys that identify each parameter set.',
      skip: false,
    });
  });

  it('with goTemplate, deep-merges the matching sets and keeps the unmatched ones', () => {
    const generators = [list({ app: 'web', v: { a: '1', b: '1' } }, { app: 'api' }), list({ app: 'web', v: { b: '2' } })];
    expect(run(merge({ generators }), GO).params).toEqual([{ app: 'web', v: { a: '1', b: '2' } }, { app: 'api' }]);
  });
});

describe('runGenerator: selector', () => {
  const two = list({ app: 'web', tier: 'front' }, { app: 'api', tier: 'back' });

  it('keeps every parameter set for a null selector', () => {
    expect(run({ ...two, selector: null }).params).toHaveLength(2);
  });

  it('refuses a selector that is not a mapping', () => {
    expect(problem({ ...two, selector: 'tier=back' })).toEqual({ message: 'generators[0].selector is not a mapping', fix: 'Write selector as matchLabels / matchExpressions.', skip: false });
  });

  it('matches a list element by <key>.<index>, as Argo CD flattens lists (TestMatchValuesGoTemplate; bug: lists stayed whole)', () => {
    const elements = list({ cluster: 'a', values: ['bar'] }, { cluster: 'b', values: ['baz'] });
    expect(run({ ...elements, selector: { matchLabels: { 'values.0': 'bar' } } }, GO).params).toEqual([{ cluster: 'a', values: ['bar'] }]);
  });

  it('refuses In without values, as Kubernetes does', () => {
    expect(problem({ ...two, selector: { matchExpressions: [{ key: 'tier', operator: 'In' }] } }).message).toBe('generators[0].selector: selector operator In on key "tier" needs values');
  });

  it('refuses an unknown operator, naming the selector', () => {
    expect(problem({ ...two, selector: { matchExpressions: [{ key: 'tier', operator: 'Has' }] } })).toEqual({
      message: 'generators[0].selector: selector operator "Has" is not one of In, NotIn, Exists, DoesNotExist',
      fix: 'Use a Kubernetes label selector.',
      skip: false,
    });
  });
});
