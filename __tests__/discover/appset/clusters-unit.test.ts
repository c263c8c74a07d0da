/** The clusters file and the clusters generator: what is refused (with the file named), the parameters, values and selector. */
import { describe, expect, it } from 'vitest';
import { clustersParams, parseClusters, type ClusterInfo } from '../../../src/discover/appset/clusters.js';
import { GeneratorProblem } from '../../../src/discover/appset/git-generator.js';
import { ConfigError } from '../../../src/errors.js';

const FIX = 'Write the clusters as a YAML list of {name, server, labels, annotations} (the fields of Argo CD cluster secrets).';
const FAST = { goTemplate: false, options: [] };
const GO = { goTemplate: true, options: [] };

function refusal(text: string): { message: string; fix?: string } {
  try {
    parseClusters(text, 'clusters.yaml');
  } catch (error) {
    if (error instanceof ConfigError) return { message: error.message, fix: error.fix };
    throw error;
  }
  throw new Error('parseClusters did not refuse');
}

describe('parseClusters', () => {
  it('reads name, server, project, and labels and annotations as strings', () => {
    expect(parseClusters('- {name: a, server: https://a, project: p, labels: {n: 1}, annotations: {x: true}}\n- {name: b, server: https://b, labels: null}\n', 'f')).toEqual([
      { name: 'a', server: 'https://a', project: 'p', labels: { n: '1' }, annotations: { x: 'true' } },
      { name: 'b', server: 'https://b', project: '', labels: {}, annotations: {} },
    ]);
  });

  it('refuses text that does not parse, with the first line of the YAML error', () => {
    expect(refusal('- [a\n')).toEqual({ message: 'clusters.yaml: does not parse: Flow sequence in block collection must be sufficiently indented and end with a ] at line 2, column 1:', fix: FIX });
  });

  it('refuses what is not a list', () => {
    expect(refusal('name: a\n')).toEqual({ message: 'clusters.yaml: is not a list of clusters', fix: FIX });
  });

  it.each(['- a\n', '- {server: s}\n', '- {name: 1, server: s}\n', '- {name: a}\n', '- {name: a, server: [s]}\n'])('refuses a cluster without a string name and server (%j)', (text) => {
    expect(refusal(`- {name: ok, server: s}\n${text}`)).toEqual({ message: 'clusters.yaml: cluster 2 needs a name and a server (strings)', fix: FIX });
  });

  it('refuses labels that are not a mapping', () => {
    expect(refusal('- {name: a, server: s, annotations: [x]}\n')).toEqual({ message: 'clusters.yaml: labels and annotations must be mappings', fix: FIX });
  });
});

describe('clustersParams', () => {
  const clusters: ClusterInfo[] = [
    { name: 'Prod_EU', server: 'https://eu', project: 'p', labels: { env: 'prod' }, annotations: { team: 'a' } },
    { name: 'dev', server: 'https://dev', project: '', labels: { env: 'dev' }, annotations: {} },
  ];

  it('gives fasttemplate parameters with metadata.labels.<key> and metadata.annotations.<key>', () => {
    expect(clustersParams({}, clusters, FAST, 'generators[0].clusters')[0]).toEqual({
      name: 'Prod_EU',
      nameNormalized: 'prod-eu',
      server: 'https://eu',
      project: 'p',
      'metadata.labels.env': 'prod',
      'metadata.annotations.team': 'a',
    });
  });

  it('nests labels and annotations under metadata with goTemplate, and adds no values map without values', () => {
    expect(clustersParams({}, clusters, GO, 'g')[1]).toEqual({
      name: 'dev',
      nameNormalized: 'dev',
      server: 'https://dev',
      project: '',
      metadata: { labels: { env: 'dev' }, annotations: {} },
    });
  });

  it('renders values: values.<key> without goTemplate, a values map with it', () => {
    expect(clustersParams({ values: { tier: '{{name}}-x' } }, clusters, FAST, 'g')[1]).toMatchObject({ 'values.tier': 'dev-x' });
    expect(clustersParams({ values: { tier: '{{ .name }}-x' } }, clusters, GO, 'g')[1].values).toEqual({ tier: 'dev-x' });
  });

  it('picks clusters by label selector', () => {
    expect(clustersParams({ selector: { matchLabels: { env: 'dev' } } }, clusters, FAST, 'g').map((p) => p.name)).toEqual(['dev']);
  });

  it('refuses a bad selector, naming the generator', () => {
    try {
      clustersParams({ selector: { matchExpressions: [{ key: 'env', operator: 'Near' }] } }, clusters, FAST, 'generators[0].clusters');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GeneratorProblem);
      expect(error).toMatchObject({ message: 'generators[0].clusters.selector: selector operator "Near" is not one of In, NotIn, Exists, DoesNotExist', fix: 'Use a Kubernetes label selector.' });
    }
  });
});
