/**
 * appset: renders an Argo CD `ApplicationSet` (`argoproj.io/v1alpha1`) offline into the Applications the
 * controller would generate (controllers/template/template.go): each generator's parameter sets, the template
 * (a generator's own `template` filled from the ApplicationSet's), `templatePatch`, the ApplicationSet's
 * namespace. A generated Application is read like a hand-written one; its lines point into the template.
 * All or nothing per ApplicationSet: any problem is one error (or one skip) naming the file, generator and fix.
 */
import { Document, parse } from 'yaml';
import { ConfigError, PromoterError } from '../../errors.js';
import { applicationFromDoc, APPLICATION_API_VERSION } from '../application.js';
import type { Application } from '../types.js';
import { docToData, type YamlDoc } from '../yaml-docs.js';
import { GeneratorProblem, runGenerator } from './generators.js';
import type { GitSource } from './git-generator.js';
import { fillDefaults, isPlain, type Params } from './params.js';
import { renderDeep, renderString, TemplateError, type TemplateLanguage } from './template-render.js';

/** isApplicationSetDoc tells whether a document declares an Argo CD ApplicationSet. */
export function isApplicationSetDoc(doc: YamlDoc): boolean {
  return doc.apiVersion === APPLICATION_API_VERSION && doc.kind === 'ApplicationSet';
}

/** AppSetOutcome is the generated Applications, or why the ApplicationSet is left out. */
export type AppSetOutcome = { apps: Application[] } | { skip: string };

/** appSetLabel names an ApplicationSet in reports (`ApplicationSet <name>`). */
export function appSetLabel(name: string | undefined): string {
  return `ApplicationSet ${name ?? '(unnamed)'}`;
}

/** renderApplicationSet renders one ApplicationSet document; a problem is a ConfigError at its file and line. */
export function renderApplicationSet(doc: YamlDoc, source: GitSource): AppSetOutcome {
  const data = docToData(doc);
  const spec = isPlain(data) && isPlain(data.spec) ? data.spec : undefined;
  const metadata = isPlain(data) && isPlain(data.metadata) ? data.metadata : {};
  const fail = (message: string, fix: string, path: (string | number)[] = ['spec'], file?: string): ConfigError =>
    new ConfigError(message, { application: appSetLabel(doc.name), file: file ?? doc.file, line: file ? 1 : doc.lineOf(path), fix });
  if (spec === undefined || !Array.isArray(spec.generators) || !isPlain(spec.template)) throw fail('spec.generators (a list) and spec.template (a mapping) are required', 'Complete the ApplicationSet as in the Argo CD reference.');
  const language: TemplateLanguage = { goTemplate: spec.goTemplate === true, options: Array.isArray(spec.goTemplateOptions) ? spec.goTemplateOptions.map(String) : [] };
  const apps: Application[] = [];
  for (const [i, generator] of spec.generators.entries()) {
    const where = `generators[${i}]`;
    try {
      const result = runGenerator(generator, where, source, language);
      const template = result.template === undefined ? spec.template : fillDefaults(result.template, spec.template);
      for (const params of result.params) apps.push(generatedApp(doc, render(template, params, spec.templatePatch, language), metadata));
    } catch (error) {
      if (error instanceof GeneratorProblem) {
        if (error.skip) return { skip: error.message };
        throw fail(error.message, error.fix, ['spec', 'generators', i], error.file);
      }
      if (error instanceof TemplateError) {
        throw fail(`template error with the parameters of ${where}: ${error.message} in "${error.expression}"`, 'Correct the expression, or supply the parameter from the generator.', ['spec', 'template']);
      }
      if (error instanceof PromoterError) throw fail(`a generated Application (${where}) is not valid: ${error.message}`, error.fix ?? 'Correct the template.', ['spec', 'template']);
      throw error;
    }
  }
  checkUnique(apps, fail);
  return { apps };
}

function render(template: Params, params: Params, patch: unknown, language: TemplateLanguage): Params {
  // Argo CD returns the template unrendered for an empty parameter set (RenderTemplateParams).
  const rendered = Object.keys(params).length === 0 ? template : (renderDeep(template, params, language) as Params);
  if (typeof patch !== 'string' || patch.trim() === '') return rendered;
  const text = renderString(patch, params, language);
  let parsed: unknown;
  try {
    parsed = parse(text);
  } catch (error) {
    throw new TemplateError(`templatePatch does not render to YAML: ${(error as Error).message.split('\n')[0]}`, patch);
  }
  return isPlain(parsed) ? (mergePatch(rendered, parsed) as Params) : rendered;
}

/** mergePatch applies a merge patch (maps merge, lists and scalars replace, null removes), as templatePatch does. */
function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlain(patch)) return patch;
  const out: Params = isPlain(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete out[key];
    else out[key] = mergePatch(out[key], value);
  }
  return out;
}

function generatedApp(appSet: YamlDoc, rendered: Params, appSetMeta: Params): Application {
  const meta = isPlain(rendered.metadata) ? rendered.metadata : {};
  const namespace = typeof appSetMeta.namespace === 'string' ? { namespace: appSetMeta.namespace } : {};
  const metadata: Params = { ...meta, ...namespace };
  const data = { apiVersion: APPLICATION_API_VERSION, kind: 'Application', ...rendered, metadata };
  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  const inTemplate = (path: readonly (string | number)[]): (string | number)[] => ['spec', 'template', ...path];
  const doc: YamlDoc = {
    file: appSet.file,
    line: appSet.line,
    apiVersion: APPLICATION_API_VERSION,
    kind: 'Application',
    name,
    doc: new Document(data),
    lineOf: (path) => appSet.lineOf(inTemplate(path)),
    keyLines: (path) => appSet.keyLines(inTemplate(path)),
  };
  const app = applicationFromDoc(doc);
  return { ...app, generatedBy: { name: appSet.name ?? '', file: appSet.file, line: appSet.lineOf(['kind']) } };
}

function checkUnique(apps: Application[], fail: (message: string, fix: string) => ConfigError): void {
  const seen = new Set<string>();
  for (const app of apps) {
    if (seen.has(app.name)) throw fail(`it generates Application ${app.name} more than once`, 'Make the template name unique per parameter set (Argo CD refuses duplicates too).');
    seen.add(app.name);
  }
}
