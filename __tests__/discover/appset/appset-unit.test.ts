/** renderApplicationSet on one document: what is required, templatePatch, the generated Applications, and each error's text and line. */
import { describe, expect, it } from 'vitest';
import { appSetLabel, isApplicationSetDoc, renderApplicationSet } from '../../../src/discover/appset/appset.js';
import type { GitSource } from '../../../src/discover/appset/git-generator.js';
import { ConfigError } from '../../../src/errors.js';
import { memoryRepo } from '../../../src/discover/local-repo.js';
import { splitDocuments, type YamlDoc } from '../../../src/discover/yaml-docs.js';

const SOURCE: GitSource = { files: memoryRepo({}), directories: () => [] };

function doc(text: string): YamlDoc {
  const [first] = splitDocuments('as.yaml', text).docs;
  return first;
}

/** appSet is an ApplicationSet whose spec starts at line 6 (template at line 11 with the default generators). */
function appSet(spec: string, metadata = 'metadata:\n  name: set\n  namespace: teams\n'): string {
  return `apiVersion: argoproj.io/v1alpha1\nkind: ApplicationSet\n${metadata}spec:\n${spec}`;
}

const LIST = '  generators:\n    - list:\n        elements:\n          - app: web\n';
const TEMPLATE = "  template:\n    metadata:\n      name: '{{app}}'\n    spec:\n      source:\n        repoURL: https://git.example/r.git\n        path: 'apps/{{app}}'\n";

function render(text: string) {
  return renderApplicationSet(doc(text), SOURCE);
}

function failure(text: string) {
  try {
    render(text);
  } catch (error) {
    if (error instanceof ConfigError) return { message: error.message, fix: error.fix, file: error.file, line: error.line, application: error.application };
    throw error;
  }
  throw new Error('renderApplicationSet did not fail');
}

function apps(text: string) {
  const outcome = render(text);
  if (!('apps' in outcome)) throw new Error(`skipped: ${outcome.skip}`);
  return outcome.apps;
}

describe('isApplicationSetDoc / appSetLabel', () => {
  it.each<[string, string | undefined, boolean]>([
    ['argoproj.io/v1alpha1', 'ApplicationSet', true],
    ['argoproj.io/v1alpha1', 'Application', false],
    ['argoproj.io/v1beta1', 'ApplicationSet', false],
  ])('%s %s -> %o', (apiVersion, kind, is) => {
    expect(isApplicationSetDoc(doc(`apiVersion: ${apiVersion}\nkind: ${kind}\n`))).toBe(is);
  });

  it('labels an unnamed ApplicationSet', () => {
    expect(appSetLabel(undefined)).toBe('ApplicationSet (unnamed)');
    expect(appSetLabel('set')).toBe('ApplicationSet set');
  });
});

describe('renderApplicationSet: what it requires', () => {
  const required = { message: 'spec.generators (a list) and spec.template (a mapping) are required', fix: 'Complete the ApplicationSet as in the Argo CD reference.', file: 'as.yaml', application: 'ApplicationSet set' };

  it('refuses an ApplicationSet without spec, at its first line', () => {
    expect(failure(appSet('', 'metadata:\n  name: set\n').replace('spec:\n', ''))).toEqual({ ...required, line: 1 });
  });

  it('refuses a spec without template, at the spec', () => {
    expect(failure(appSet(LIST))).toEqual({ ...required, line: 7 });
  });

  it('refuses generators that are not a list, at the spec', () => {
    expect(failure(appSet(`  generators: {}\n${TEMPLATE}`))).toEqual({ ...required, line: 7 });
  });
});

describe('renderApplicationSet: generated Applications', () => {
  it('renders an ApplicationSet without metadata: no namespace, an unnamed generator, lines in the template', () => {
    const [app] = apps(appSet(LIST + TEMPLATE, ''));
    expect(app).toMatchObject({ name: 'web', line: 9, generatedBy: { name: '', file: 'as.yaml', line: 2 } });
    expect(app.namespace).toBeUndefined();
  });

  it("keeps the template's namespace when the ApplicationSet has none, and puts its own over it", () => {
    const template = TEMPLATE.replace("      name: '{{app}}'\n", "      name: '{{app}}'\n      namespace: apps\n");
    expect(apps(appSet(LIST + template, 'metadata:\n  name: set\n'))[0].namespace).toBe('apps');
    expect(apps(appSet(LIST + template))[0].namespace).toBe('teams');
  });

  it('ignores a templatePatch that is only whitespace', () => {
    expect(apps(appSet(`${LIST}${TEMPLATE}  templatePatch: "  "\n`))[0].sources[0].path).toBe('apps/web');
  });

  it('removes a field that templatePatch sets to null (merge patch)', () => {
    const template = TEMPLATE.replace("      name: '{{app}}'\n", "      name: '{{app}}'\n      annotations:\n        keep: 'yes'\n        drop: 'no'\n");
    const [app] = apps(appSet(`${LIST}${template}  templatePatch: |\n    metadata:\n      annotations:\n        drop: null\n`));
    expect(app.annotations).toStrictEqual({ keep: 'yes' });
  });

  it('refuses a templatePatch that does not render to YAML, with the patch and the template line', () => {
    expect(failure(appSet(`${LIST}${TEMPLATE}  templatePatch: "a: [b"\n`))).toEqual({
      message: 'template error with the parameters of generators[0]: templatePatch does not render to YAML: Flow sequence in block collection must be sufficiently indented and end with a ] at line 1, column 6: in "a: [b"',
      fix: 'Correct the expression, or supply the parameter from the generator.',
      file: 'as.yaml',
      line: 12,
      application: 'ApplicationSet set',
    });
  });

  it('refuses a template error with the expression, at the template', () => {
    const go = `  goTemplate: true\n  goTemplateOptions: [missingkey=error]\n${LIST}${TEMPLATE.replace("'{{app}}'", "'{{ .env }}'")}`;
    expect(failure(appSet(go))).toEqual({
      message: 'template error with the parameters of generators[0]: map has no entry for key "env" in "{{ .env }}"',
      fix: 'Correct the expression, or supply the parameter from the generator.',
      file: 'as.yaml',
      line: 14,
      application: 'ApplicationSet set',
    });
  });

  it('refuses a generated Application Kubernetes would refuse, with its fix, at the template', () => {
    expect(failure(appSet(LIST + TEMPLATE.replace("'{{app}}'", "'Web_{{app}}'")))).toEqual({
      message: 'a generated Application (generators[0]) is not valid: metadata.name "Web_web" is not a DNS-1123 subdomain (lowercase letters, digits, "-" and ".", at most 253); Kubernetes would reject this Application',
      fix: "Rename the Application's metadata.name.",
      file: 'as.yaml',
      line: 12,
      application: 'ApplicationSet set',
    });
  });

  it('refuses a name generated twice, saying Argo CD refuses it too', () => {
    const twice = '  generators:\n    - list:\n        elements:\n          - app: web\n          - app: web\n';
    expect(failure(appSet(twice + TEMPLATE))).toEqual({
      message: 'it generates Application web more than once',
      fix: 'Make the template name unique per parameter set (Argo CD refuses duplicates too).',
      file: 'as.yaml',
      line: 7,
      application: 'ApplicationSet set',
    });
  });
});
