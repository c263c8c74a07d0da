/**
 * template-render: renders one string, or every string (and map key) of a nested value, with a parameter set,
 * in the ApplicationSet's template language: Go text/template (`goTemplate: true`) or fasttemplate `{{param}}`.
 */
import { missingKeyOf, renderGoTemplate } from './go-template/exec.js';
import { fastReplace, isPlain, type Params } from './params.js';

/** TemplateLanguage is how an ApplicationSet's strings are templated. */
export interface TemplateLanguage {
  goTemplate: boolean;
  /** `goTemplateOptions` (e.g. `missingkey=error`). */
  options: readonly string[];
}

/** TemplateError is a template that does not parse or execute; `expression` is the string that failed. */
export class TemplateError extends Error {
  constructor(
    message: string,
    readonly expression: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** renderString templates one string. */
export function renderString(text: string, params: Params, language: TemplateLanguage): string {
  if (!language.goTemplate) return fastReplace(text, params);
  if (!text.includes('{{')) return text;
  try {
    return renderGoTemplate(text, params, { missingKey: missingKeyOf(language.options) });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new TemplateError(reason, text);
  }
}

/** renderDeep templates every string and map key of `value` (Argo CD's deeplyReplace). */
export function renderDeep(value: unknown, params: Params, language: TemplateLanguage): unknown {
  if (typeof value === 'string') return renderString(value, params, language);
  if (Array.isArray(value)) return value.map((item) => renderDeep(item, params, language));
  if (isPlain(value)) {
    const out: Params = {};
    for (const [key, item] of Object.entries(value)) {
      // Argo CD drops nil map values while copying (deeplyReplace skips them).
      if (item === null || item === undefined) continue;
      out[renderString(key, params, language)] = renderDeep(item, params, language);
    }
    return out;
  }
  return value;
}
