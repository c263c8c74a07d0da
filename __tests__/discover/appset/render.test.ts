/** ApplicationSets rendered offline by discover: one table row per generator and template form, against in-memory repos. */
import { describe, expect, it } from 'vitest';
import { discoverApplications } from '../../../src/discover/discover.js';
import { parseClusters } from '../../../src/discover/appset/clusters.js';
import { memoryRepo } from '../../../src/discover/local-repo.js';

const ANN = 'argocd-image-updater.argoproj.io/image-list';

/** appSet writes an ApplicationSet with the given spec lines (indented under spec:). */
function appSet(name: string, spec: string, namespace = 'argocd'): string {
  return `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: ${name}\n  namespace: ${namespace}\nspec:\n${spec}`;
}

const TEMPLATE = (name: string, path: string, image: string) => `  template:
    metadata:
      name: '${name}'
      annotations:
        ${ANN}: '${image}'
    spec:
      project: default
      source:
        repoURL: https://github.com/acme/gitops.git
        path: '${path}'
      destination:
        server: https://kubernetes.default.svc
`;

const DIRS = {
  'apps/web/overlays/dev/kustomization.yaml': 'images: []\n',
  'apps/web/overlays/prod/kustomization.yaml': 'images: []\n',
  'apps/api/overlays/dev/kustomization.yaml': 'images: []\n',
  'apps/Legacy_App/overlays/dev/kustomization.yaml': 'images: []\n',
  '.github/overlays/dev/kustomization.yaml': 'images: []\n',
};

function generated(files: Record<string, string>) {
  const result = discoverApplications(memoryRepo(files));
  return {
    apps: result.configs.map((c) => ({ name: c.app.name, namespace: c.app.namespace, path: c.app.sources[0]?.path, image: c.app.annotations[ANN] })),
    failures: result.failures.map((f) => ({ application: f.application, file: f.file, line: f.line, message: f.error.message, fix: f.error.fix })),
    skipped: result.skipped,
    generatedBy: result.generatedBy,
  };
}

describe('ApplicationSet generators', () => {
  it('list: elements and elementsYaml (fasttemplate); the Applications live in the ApplicationSet namespace', () => {
    const spec = `  generators:\n    - list:\n        elements:\n          - app: web\n            env: dev\n        elementsYaml: |\n          - app: api\n            env: prod\n${TEMPLATE('{{app}}-{{env}}', 'apps/{{app}}/overlays/{{env}}', 'r.example/{{ app }}')}`;
    expect(generated({ 'as.yaml': appSet('list', spec, 'teams') }).apps).toEqual([
      { name: 'web-dev', namespace: 'teams', path: 'apps/web/overlays/dev', image: 'r.example/web' },
      { name: 'api-prod', namespace: 'teams', path: 'apps/api/overlays/prod', image: 'r.example/api' },
    ]);
  });

  it('list without goTemplate: a non-string element value is one error naming the generator', () => {
    const spec = `  generators:\n    - list:\n        elements:\n          - app: web\n            replicas: 3\n${TEMPLATE('{{app}}', 'x', 'r.example/x')}`;
    const out = generated({ 'as.yaml': appSet('bad-list', spec) });
    expect(out.apps).toEqual([]);
    expect(out.failures).toEqual([
      expect.objectContaining({ application: 'ApplicationSet bad-list', file: 'as.yaml', line: 8, message: 'generators[0].list.elements[0].replicas is not a string (without goTemplate every list value must be a string)' }),
    ]);
  });

  it('git directories: Go path.Match, exclude wins, hidden directories skipped, path[n] and path.basenameNormalized', () => {
    const spec = `  generators:\n    - git:\n        repoURL: https://github.com/acme/gitops.git\n        revision: HEAD\n        directories:\n          - path: apps/*/overlays/dev\n          - path: apps/api/overlays/dev\n            exclude: true\n          - path: apps/L*/overlays/dev\n            exclude: true\n${TEMPLATE('{{path[1]}}-{{path.basename}}', '{{path}}', 'r.example/{{path.basenameNormalized}}')}`;
    expect(generated({ ...DIRS, 'as.yaml': appSet('dirs', spec) }).apps).toEqual([
      { name: 'web-dev', namespace: 'argocd', path: 'apps/web/overlays/dev', image: 'r.example/dev' },
    ]);
  });

  it('git directories: a glob that matches no (non-hidden) directory is one error naming the glob and the fix', () => {
    const spec = `  generators:\n    - git:\n        repoURL: https://github.com/acme/gitops.git\n        directories:\n          - path: '.github/*/dev'\n${TEMPLATE('{{path.basename}}', '{{path}}', 'r.example/x')}`;
    expect(generated({ ...DIRS, 'as.yaml': appSet('hidden', spec) }).failures).toEqual([
      expect.objectContaining({ application: 'ApplicationSet hidden', file: 'as.yaml', line: 8, message: 'git directories path ".github/*/dev" matches no directory of the repository', fix: expect.stringContaining('Correct the path glob') }),
    ]);
  });

  it('git directories with goTemplate: path.segments, path.basenameNormalized and pathParamPrefix', () => {
    const spec = `  goTemplate: true\n  generators:\n    - git:\n        repoURL: https://github.com/acme/gitops.git\n        pathParamPrefix: app\n        directories:\n          - path: apps/Legacy_App/overlays/*\n${TEMPLATE('{{ index .app.path.segments 1 | normalize }}-{{ .app.path.basename }}', '{{ .app.path.path }}', 'r.example/{{ .app.path.basenameNormalized }}')}`;
    expect(generated({ ...DIRS, 'as.yaml': appSet('prefixed', spec) }).apps).toEqual([
      { name: 'legacy-app-dev', namespace: 'argocd', path: 'apps/Legacy_App/overlays/dev', image: 'r.example/dev' },
    ]);
  });

  it('git files: JSON and YAML objects (and lists of them), globs crossing directories, exclude, flattened keys', () => {
    const spec = `  generators:\n    - git:\n        repoURL: https://github.com/acme/gitops.git\n        files:\n          - path: 'clusters/**/config.json'\n          - path: clusters/old/config.json\n            exclude: true\n${TEMPLATE('{{cluster.name}}-{{path.basename}}', 'envs/{{path[1]}}', 'r.example/web:{{image.tag}}')}`;
    const files = {
      'clusters/east/config.json': '{"cluster": {"name": "east"}, "image": {"tag": "1.2.0"}}',
      'clusters/west/prod/config.json': '- cluster: {name: west}\n  image: {tag: "2.0"}\n',
      'clusters/old/config.json': '{"cluster": {"name": "old"}, "image": {"tag": "0.1"}}',
      'as.yaml': appSet('files', spec),
    };
    expect(generated(files).apps).toEqual([
      { name: 'east-east', namespace: 'argocd', path: 'envs/east', image: 'r.example/web:1.2.0' },
      { name: 'west-prod', namespace: 'argocd', path: 'envs/west', image: 'r.example/web:2.0' },
    ]);
  });

  it('git files: a file that does not parse and a glob that matches nothing are one error each, naming file, generator and fix', () => {
    const broken = `  generators:\n    - git:\n        repoURL: https://github.com/acme/gitops.git\n        files:\n          - path: 'c/*.yaml'\n${TEMPLATE('{{name}}', 'x', 'r.example/x')}`;
    const nothing = `  generators:\n    - git:\n        repoURL: https://github.com/acme/gitops.git\n        files:\n          - path: 'nowhere/*.json'\n${TEMPLATE('{{name}}', 'x', 'r.example/x')}`;
    const out = generated({ 'c/a.yaml': 'name: [unclosed\n', 'as.yaml': appSet('broken', broken), 'bs.yaml': appSet('nothing', nothing) });
    expect(out.failures).toEqual([
      expect.objectContaining({ application: 'ApplicationSet broken', file: 'c/a.yaml', line: 1, message: expect.stringContaining('git files generator file c/a.yaml does not parse'), fix: 'Fix the syntax of c/a.yaml.' }),
      expect.objectContaining({ application: 'ApplicationSet nothing', file: 'bs.yaml', line: 8, message: 'git files path "nowhere/*.json" matches no file of the repository' }),
    ]);
  });

  it('git generator on another repository is skipped with the reason; hand-written Applications go on', () => {
    const spec = `  generators:\n    - git:\n        repoURL: https://github.com/other/repo.git\n        directories:\n          - path: '*'\n${TEMPLATE('{{path}}', '{{path}}', 'r.example/x')}`;
    const result = discoverApplications(memoryRepo({ ...DIRS, 'as.yaml': appSet('elsewhere', spec) }), { isThisRepo: (url) => url.includes('acme/gitops') });
    expect(result.skipped).toEqual([{ application: 'ApplicationSet elsewhere', reason: expect.stringMatching(/^its git generator reads https:\/\/github.com\/other\/repo.git, which is not this repository \(as.yaml:2\)$/) }]);
    expect(result.failures).toEqual([]);
  });

  it('matrix: git directories x list, the list interpolated with the first generator parameters (goTemplate)', () => {
    const spec = `  goTemplate: true\n  generators:\n    - matrix:\n        generators:\n          - git:\n              repoURL: https://github.com/acme/gitops.git\n              directories:\n                - path: apps/*/overlays/prod\n          - list:\n              elements:\n                - region: eu\n                  app: '{{ index .path.segments 1 }}'\n                - region: us\n                  app: '{{ index .path.segments 1 }}'\n${TEMPLATE('{{ .app }}-{{ .region }}', '{{ .path.path }}', 'r.example/{{ .app }}')}`;
    expect(generated({ ...DIRS, 'as.yaml': appSet('matrix', spec) }).apps).toEqual([
      { name: 'web-eu', namespace: 'argocd', path: 'apps/web/overlays/prod', image: 'r.example/web' },
      { name: 'web-us', namespace: 'argocd', path: 'apps/web/overlays/prod', image: 'r.example/web' },
    ]);
  });

  it('merge: the second generator overrides the first by mergeKeys; selector filters the parameter sets', () => {
    const spec = `  generators:\n    - merge:\n        mergeKeys: [app]\n        generators:\n          - list:\n              elements:\n                - {app: web, tag: '1.0', tier: front}\n                - {app: api, tag: '2.0', tier: back}\n                - {app: db, tag: '3.0', tier: back}\n          - list:\n              elements:\n                - {app: api, tag: '2.1'}\n      selector:\n        matchExpressions:\n          - {key: tier, operator: In, values: [back]}\n${TEMPLATE('{{app}}', 'apps/{{app}}', 'r.example/{{app}}:{{tag}}')}`;
    expect(generated({ 'as.yaml': appSet('merge', spec) }).apps.map((a) => [a.name, a.image])).toEqual([
      ['api', 'r.example/api:2.1'],
      ['db', 'r.example/db:3.0'],
    ]);
  });

  it('a generator template overrides the ApplicationSet template field by field; templatePatch is applied last', () => {
    const spec = `  goTemplate: true\n  generators:\n    - list:\n        elements:\n          - app: web\n        template:\n          metadata: {}\n          spec:\n            source:\n              path: 'special/{{ .app }}'\n  templatePatch: |\n    metadata:\n      annotations:\n        ${ANN}: 'r.example/patched-{{ .app }}'\n${TEMPLATE('{{ .app }}', 'apps/{{ .app }}', 'r.example/{{ .app }}')}`;
    expect(generated({ 'as.yaml': appSet('override', spec) }).apps).toEqual([{ name: 'web', namespace: 'argocd', path: 'special/web', image: 'r.example/patched-web' }]);
  });

  it('missingkey=error: a template naming a missing parameter is one error with the expression', () => {
    const spec = `  goTemplate: true\n  goTemplateOptions: ["missingkey=error"]\n  generators:\n    - list:\n        elements:\n          - app: web\n${TEMPLATE('{{ .app }}-{{ .env }}', 'apps/{{ .app }}', 'r.example/{{ .app }}')}`;
    expect(generated({ 'as.yaml': appSet('strict', spec) }).failures).toEqual([
      expect.objectContaining({ application: 'ApplicationSet strict', message: 'template error with the parameters of generators[0]: map has no entry for key "env" in "{{ .app }}-{{ .env }}"' }),
    ]);
  });

  it('clusters and other API-bound generators are skipped per ApplicationSet with the reason', () => {
    const spec = `  generators:\n    - matrix:\n        generators:\n          - clusters: {}\n          - list: {elements: [{a: b}]}\n${TEMPLATE('{{name}}', 'x', 'r.example/x')}`;
    expect(generated({ 'as.yaml': appSet('clusters', spec) }).skipped).toEqual([
      { application: 'ApplicationSet clusters', reason: expect.stringContaining('its clusters generator (generators[0].matrix.generators[0]) reads the clusters registered in Argo CD') },
    ]);
  });

  it('a generated name that a hand-written Application also has is one error for the ApplicationSet; the hand-written one goes on', () => {
    const spec = `  generators:\n    - list:\n        elements:\n          - app: web\n          - app: api\n${TEMPLATE('{{app}}', 'apps/{{app}}', 'r.example/{{app}}')}`;
    const hand = `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\n  namespace: argocd\n  annotations:\n    ${ANN}: r.example/web\nspec:\n  source:\n    repoURL: https://github.com/acme/gitops.git\n    path: web\n`;
    const out = generated({ 'as.yaml': appSet('collide', spec), 'web.yaml': hand });
    expect(out.apps.map((a) => a.name)).toEqual(['web']);
    expect(out.failures).toEqual([
      expect.objectContaining({ application: 'ApplicationSet collide', file: 'as.yaml', line: 2, message: 'ApplicationSet collide generates Application argocd/web, which web.yaml:2 also declares' }),
    ]);
  });

  it('two parameter sets rendering one name are refused, as Argo CD refuses them', () => {
    const spec = `  generators:\n    - list:\n        elements:\n          - app: web\n          - app: web\n${TEMPLATE('{{app}}', 'apps/{{app}}', 'r.example/{{app}}')}`;
    expect(generated({ 'as.yaml': appSet('dupes', spec) }).failures).toEqual([expect.objectContaining({ message: 'it generates Application web more than once' })]);
  });

  it('generated Applications point at the template lines and name their ApplicationSet', () => {
    const spec = `  generators:\n    - list:\n        elements:\n          - app: web\n${TEMPLATE('{{app}}', 'apps/{{app}}', 'r.example/{{app}}')}`;
    const result = discoverApplications(memoryRepo({ 'as.yaml': appSet('lines', spec) }));
    const app = result.configs[0].app;
    expect([app.file, app.annotationLines[ANN], app.generatedBy]).toEqual(['as.yaml', 15, { name: 'lines', file: 'as.yaml', line: 2 }]);
    expect(result.generatedBy).toEqual({ web: 'lines (as.yaml:2)' });
  });
});

describe('ApplicationSets inside a Helm chart', () => {
  it('an ApplicationSet under <chart>/templates/ is Helm input, skipped with the reason instead of rendered', () => {
    const spec = `  generators:\n    - list:\n        elements:\n          - app: web\n${TEMPLATE('{{ .Values.prefix }}-{{app}}', 'apps/{{app}}', 'r.example/{{app}}')}`;
    const out = generated({ 'charts/platform/Chart.yaml': 'apiVersion: v2\nname: platform\nversion: 1.0.0\n', 'charts/platform/templates/appset.yaml': appSet('in-chart', spec) });
    expect([out.apps, out.failures, out.skipped]).toEqual([[], [], [{ application: 'ApplicationSet in-chart', reason: 'it is a template of the Helm chart charts/platform (charts/platform/templates/appset.yaml:2); Helm renders it first, so it is not rendered here' }]]);
  });
});

describe('git directories generator and directories without YAML', () => {
  it("uses the reader's directory list, so a directory holding only other files (jsonnet, plain JSON) is generated too", () => {
    const spec = `  generators:\n    - git:\n        repoURL: https://github.com/acme/gitops.git\n        directories:\n          - path: apps/*\n${TEMPLATE('{{path.basename}}', '{{path}}', 'r.example/{{path.basename}}')}`;
    const repo = memoryRepo({ 'as.yaml': appSet('dirs', spec), 'apps/web/kustomization.yaml': 'images: []\n' }, [], { dirs: new Set(['apps', 'apps/web', 'apps/jsonnet', 'apps/.cache']) });
    expect(discoverApplications(repo).configs.map((c) => c.app.name)).toEqual(['jsonnet', 'web']);
  });
});

describe('clusters generator fed from the clusters input', () => {
  const CLUSTERS = parseClusters('- {name: East_1, server: https://east, labels: {env: prod, region: eu}}\n- {name: lab, server: https://lab, labels: {env: lab}}\n', 'clusters.yaml');

  it('fasttemplate: name, nameNormalized, server, metadata.labels.<key>, values; the label selector picks clusters', () => {
    const spec = `  generators:\n    - clusters:\n        selector: {matchLabels: {env: prod}}\n        values: {suffix: '{{metadata.labels.region}}'}\n${TEMPLATE('{{nameNormalized}}-{{values.suffix}}', 'envs/{{metadata.labels.env}}', 'r.example/web:{{server}}')}`;
    const result = discoverApplications(memoryRepo({ 'as.yaml': appSet('fleet', spec) }), { clusters: CLUSTERS });
    expect(result.configs.map((c) => [c.app.name, c.app.sources[0].path, c.app.annotations[ANN]])).toEqual([['east-1-eu', 'envs/prod', 'r.example/web:https://east']]);
  });

  it('goTemplate in a matrix with a git generator: .name and .metadata.labels', () => {
    const spec = `  goTemplate: true\n  generators:\n    - matrix:\n        generators:\n          - clusters: {}\n          - git:\n              repoURL: https://github.com/acme/gitops.git\n              directories:\n                - path: apps/web/overlays/*\n${TEMPLATE('{{ .nameNormalized }}-{{ .path.basename }}', '{{ .path.path }}', 'r.example/{{ .metadata.labels.env }}')}`;
    const result = discoverApplications(memoryRepo({ ...DIRS, 'as.yaml': appSet('matrix', spec) }), { clusters: CLUSTERS });
    expect(result.configs.map((c) => [c.app.name, c.app.annotations[ANN]])).toEqual([
      ['east-1-dev', 'r.example/prod'],
      ['east-1-prod', 'r.example/prod'],
      ['lab-dev', 'r.example/lab'],
      ['lab-prod', 'r.example/lab'],
    ]);
  });

  it('parseClusters refuses what is not a list of {name, server}, naming the origin', () => {
    expect(() => parseClusters('name: x\n', 'clusters.yaml')).toThrow('clusters.yaml: is not a list of clusters');
    expect(() => parseClusters('- {name: x}\n', 'clusters.yaml')).toThrow('clusters.yaml: cluster 1 needs a name and a server (strings)');
  });
});

describe('git files generator with goTemplate', () => {
  it('keeps the file object as it is (numbers stay numbers) and nests path params under pathParamPrefix', () => {
    const spec = `  goTemplate: true\n  generators:\n    - git:\n        repoURL: https://github.com/acme/gitops.git\n        pathParamPrefix: cfg\n        files:\n          - path: clusters/*/app.yaml\n${TEMPLATE('{{ .cluster }}-{{ .cfg.path.filename | trimSuffix ".yaml" }}', '{{ .cfg.path.path }}/{{ .replicas }}', 'r.example/{{ index .cfg.path.segments 1 }}:{{ .cfg.path.filenameNormalized }}')}`;
    const out = generated({ 'clusters/east/app.yaml': 'cluster: east\nreplicas: 1000000\n', 'as.yaml': appSet('go-files', spec) });
    expect([out.failures, out.apps]).toEqual([[], [{ name: 'east-app', namespace: 'argocd', path: 'clusters/east/1e+06', image: 'r.example/east:app.yaml' }]]);
  });
});

describe("the updater's own templates in an ApplicationSet template", () => {
  it('fasttemplate leaves {{.SHA256}} (no such parameter) for the updater, as Argo CD does', () => {
    const spec = `  generators:\n    - list:\n        elements:\n          - app: web\n${TEMPLATE('{{app}}', 'apps/{{app}}', 'r.example/{{app}}').replace('      annotations:\n', "      annotations:\n        argocd-image-updater.argoproj.io/git-branch: 'main:image-updater-{{.SHA256}}'\n")}`;
    const result = discoverApplications(memoryRepo({ 'as.yaml': appSet('branch', spec) }));
    expect([result.configs[0].app.name, result.configs[0].writeBack.gitBranch]).toEqual(['web', 'main:image-updater-{{.SHA256}}']);
  });
});

describe('an empty parameter set', () => {
  it('leaves the template as written, as Argo CD does (no missingkey error for an empty element)', () => {
    const spec = `  goTemplate: true\n  goTemplateOptions: ["missingkey=error"]\n  generators:\n    - list:\n        elements:\n          - {}\n${TEMPLATE('static', 'apps/{{ .x }}', 'r.example/static')}`;
    expect(generated({ 'as.yaml': appSet('empty', spec) })).toEqual(expect.objectContaining({ failures: [], apps: [{ name: 'static', namespace: 'argocd', path: 'apps/{{ .x }}', image: 'r.example/static' }] }));
  });
});
