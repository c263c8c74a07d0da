/** appSetApplications and chartOf: Helm chart templates left out, one failure per ApplicationSet, one owner per Application. */
import { describe, expect, it } from 'vitest';
import { appSetApplications, chartOf } from '../../../src/discover/appset/discover-appsets.js';
import { applicationFromDoc } from '../../../src/discover/application.js';
import { memoryRepo } from '../../../src/discover/local-repo.js';
import { splitDocuments, type YamlDoc } from '../../../src/discover/yaml-docs.js';

/** appSet is an ApplicationSet (kind at line 2) generating one Application per name. */
function appSet(name: string, ...apps: string[]): string {
  const elements = apps.map((app) => `          - app: ${app}\n`).join('');
  return `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\nmetadata:\n  name: ${name}\nspec:\n  generators:\n    - list:\n        elements:\n${elements}  template:\n    metadata:\n      name: '{{app}}'\n    spec:\n      source:\n        repoURL: https://git.example/r.git\n        path: 'apps/{{app}}'\n`;
}

function docs(files: Record<string, string>): YamlDoc[] {
  return Object.entries(files).flatMap(([file, text]) => splitDocuments(file, text).docs);
}

describe('chartOf', () => {
  const files = memoryRepo({ 'charts/p/Chart.yaml': 'name: p\n', 'Chart.yaml': 'name: root\n', 'charts/p/templates/sub/templates/x.yaml': '' });

  it.each<[string, string | undefined]>([
    ['charts/p/templates/as.yaml', 'charts/p'],
    ['charts/p/templates/sub/templates/x.yaml', 'charts/p'],
    ['templates/as.yaml', '.'],
    ['ops/templates/as.yaml', undefined],
    ['charts/p/as.yaml', undefined],
    ['templates', undefined],
  ])('%s -> %s', (file, chart) => {
    expect(chartOf(file, files)).toBe(chart);
  });

  it('finds a chart at the repository root (bug: templates/ of a root Chart.yaml was rendered as if hand-written)', () => {
    const out = appSetApplications(docs({ 'templates/as.yaml': appSet('root', 'web') }), [], { files: memoryRepo({ 'Chart.yaml': 'name: root\n' }) });
    expect(out).toEqual({ apps: [], failures: [], skipped: [{ application: 'ApplicationSet root', reason: 'it is a template of the Helm chart . (templates/as.yaml:2); Helm renders it first, so it is not rendered here' }] });
  });
});

describe('appSetApplications', () => {
  it('renders an ApplicationSet under a templates/ directory that belongs to no chart', () => {
    const out = appSetApplications(docs({ 'ops/templates/as.yaml': appSet('ops', 'web') }), [], { files: memoryRepo({}) });
    expect(out.apps.map((app) => app.name)).toEqual(['web']);
  });

  it('refuses an Application that a second ApplicationSet also generates, naming the first one and the fix', () => {
    const out = appSetApplications(docs({ 'a.yaml': appSet('a', 'web', 'api'), 'b.yaml': appSet('b', 'db', 'web') }), [], { files: memoryRepo({}) });
    expect(out.apps.map((app) => app.name)).toEqual(['web', 'api']);
    expect(out.failures).toHaveLength(1);
    expect(out.failures[0]).toMatchObject({ application: 'ApplicationSet b', file: 'b.yaml', line: 2 });
    expect(out.failures[0].error).toMatchObject({
      message: 'ApplicationSet b generates Application argocd/web, which ApplicationSet a (a.yaml:2) also declares',
      application: 'ApplicationSet b',
      file: 'b.yaml',
      line: 2,
      fix: 'Delete the hand-written Application (the ApplicationSet owns it now), or change the template name so the two differ.',
    });
  });

  it('refuses an Application a hand-written one declares, naming its file and line', () => {
    const [handDoc] = splitDocuments('app.yaml', 'apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\nspec: {}\n').docs;
    const out = appSetApplications(docs({ 'as.yaml': appSet('set', 'web') }), [applicationFromDoc(handDoc)], { files: memoryRepo({}) });
    expect(out.failures[0].error.message).toBe('ApplicationSet set generates Application argocd/web, which app.yaml:2 also declares');
  });

  it('lets an error that is not ours through (a reader failure is not one broken ApplicationSet)', () => {
    const gitSet = appSet('git', 'x').replace('    - list:\n        elements:\n          - app: x\n', "    - git:\n        directories:\n          - path: '*'\n");
    const files = { read: () => undefined, list: (): string[] => { throw new TypeError('reader broke'); } };
    expect(() => appSetApplications(docs({ 'as.yaml': gitSet }), [], { files })).toThrow(new TypeError('reader broke'));
  });
});
