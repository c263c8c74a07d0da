/** renderString / renderDeep: which values are templated, what is dropped, and how a Go template failure is reported. */
import { describe, expect, it } from 'vitest';
import { renderDeep, renderString, TemplateError } from '../../../src/discover/appset/template-render.js';

const FAST = { goTemplate: false, options: [] };
const GO = { goTemplate: true, options: [] };

describe('renderDeep', () => {
  it('templates strings and map keys at any depth, and keeps numbers, booleans and lists of them', () => {
    const value = { '{{ .k }}': ['{{ .v }}', 2, false], n: 1, b: true, m: { s: 'x-{{ .v }}' } };
    expect(renderDeep(value, { k: 'key', v: 'val' }, GO)).toStrictEqual({ key: ['val', 2, false], n: 1, b: true, m: { s: 'x-val' } });
  });

  it('drops null and undefined map values, as Argo CD deeplyReplace does', () => {
    expect(renderDeep({ a: null, b: undefined, c: '{{app}}', d: [null] }, { app: 'web' }, FAST)).toStrictEqual({ c: 'web', d: [null] });
  });
});

describe('renderString', () => {
  it('reports a Go template failure as a TemplateError with the expression', () => {
    try {
      renderString('{{ .a', {}, GO);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      expect(error).toMatchObject({ name: 'TemplateError', expression: '{{ .a' });
    }
  });

  it('applies missingkey=error from the options', () => {
    expect(() => renderString('{{ .a }}', {}, { goTemplate: true, options: ['missingkey=error'] })).toThrow(new TemplateError('map has no entry for key "a"', '{{ .a }}'));
    expect(renderString('{{ .a }}', {}, GO)).toBe('<no value>');
  });
});
