/** Template execution: output and errors as Go's text/template gives them for the same template and data. */
import { describe, expect, it } from 'vitest';
import { missingKeyOf, renderGoTemplate, type MissingKey } from '../../../src/discover/appset/go-template/exec.js';
import { exactly } from '../../../test-support/exact-message.js';

const DATA = { n: null, s: 'str', m: { a: 'x' }, l: [null, 'b'], num: 3, a: 'top' };
const render = (template: string, missingKey?: MissingKey): string => renderGoTemplate(template, DATA, { missingKey });

describe('missingKeyOf (goTemplateOptions)', () => {
  it.each<[string[], MissingKey]>([
    [[], 'default'],
    [['missingkey=error'], 'error'],
    [['missingkey=zero'], 'zero'],
    [['missingkey=default'], 'default'],
    [['missingkey=invalid'], 'default'],
    [['missingkey=error', 'missingkey=default'], 'default'],
  ])('%o gives %s (the last option wins)', (options, want) => {
    expect(missingKeyOf(options)).toBe(want);
  });

  it.each(['xmissingkey=error', 'missingkey=errors', 'missingkey='])('refuses %o, naming it and what Go accepts', (option) => {
    expect(() => missingKeyOf([option])).toThrow(exactly(`unrecognized goTemplateOptions entry "${option}" (Go accepts missingkey=default|invalid|zero|error)`));
  });
});

describe('nil and missing values', () => {
  it.each([
    ['{{ .n }}', '<no value>'],
    ['{{ print .n }}', '<nil>'],
    ['{{ print .missing }}', '<nil>'],
    ['{{ .missing | print }}', '<nil>'],
    ['{{ range .l }}[{{ . }}]{{ end }}', '[<no value>][b]'],
    ['{{ first (list) }}', '<no value>'],
    ['{{ list | first }}', '<no value>'],
    ['{{ list .missing .n }}', '[<nil> <nil>]'],
    ['{{ (.n).a }}', '<no value>'],
    ['{{ $x := .n }}{{ $x.a }}', '<no value>'],
    ['{{ .missing.a }}', '<no value>'],
    ['{{ print true nil }}', 'true <nil>'],
    ['{{ print list }}', '[]'],
  ])('bug fix: %s renders %o as in Go (a nil result prints <no value>, a nil argument <nil>)', (template, want) => {
    expect(render(template)).toBe(want);
  });

  it('nil is not a command', () => {
    expect(() => render('{{ nil }}')).toThrow(exactly('nil is not a command'));
  });

  it.each([
    ['{{ .missing }}', 'map has no entry for key "missing"'],
    ['{{ $x := .n }}{{ $x.a }}', 'nil data; no entry for key "a"'],
    ['{{ (.n).a }}', 'nil data; no entry for key "a"'],
  ])('missingkey=error: %s fails: %s', (template, message) => {
    expect(() => render(template, 'error')).toThrow(exactly(message));
  });

  it('missingkey=zero: a missing key is a nil interface{}, so a field of it is a nil pointer', () => {
    expect(render('{{ .missing }}|{{ print .missing }}', 'zero')).toBe('<no value>|<nil>');
    expect(() => render('{{ .missing.a }}', 'zero')).toThrow(exactly('nil pointer evaluating interface {}.a'));
    expect(render('{{ .missing.a }}', 'default')).toBe('<no value>');
  });
});

describe('fields', () => {
  it.each([
    ['{{ .n.a }}', 'nil pointer evaluating interface {}.a'],
    ['{{ .s.x }}', "can't evaluate field x in type interface {}"],
    ['{{ .m.a.b }}', "can't evaluate field b in type interface {}"],
    ['{{ with .s }}{{ .x }}{{ end }}', "can't evaluate field x in type string"],
    ['{{ $v := .s }}{{ $v.x }}', "can't evaluate field x in type string"],
    ['{{ (print "a").x }}', "can't evaluate field x in type string"],
  ])('%s fails: %s', (template, message) => {
    expect(() => render(template)).toThrow(exactly(message));
  });
});

describe('arguments to what is not a function', () => {
  it.each([
    ['{{ "x" 1 }}', `can't give argument to non-function "x"`],
    ['{{ . 1 }}', "can't give argument to non-function ."],
    ['{{ $ 1 }}', "can't give argument to non-function $"],
    ['{{ 1 | $ }}', "can't give argument to non-function $"],
    ['{{ $y := 1 }}{{ $y 2 }}', "can't give argument to non-function $y"],
    ['{{ true 1 }}', "can't give argument to non-function true"],
    ['{{ 1.5 2 }}', "can't give argument to non-function 1.5"],
    ['{{ 3 4 }}', "can't give argument to non-function 3"],
    ['{{ .s 1 }}', 's is not a method but has arguments'],
    ['{{ 1 | .s }}', 's is not a method but has arguments'],
    ['{{ "a" | $.m.a }}', 'a is not a method but has arguments'],
    ['{{ .s.x 1 }}', "can't evaluate field x in type interface {}"],
    ['{{ .n.x 1 }}', 'nil pointer evaluating interface {}.x'],
    ['{{ $v := .s }}{{ $v.x 1 }}', "can't evaluate field x in type string"],
    ['{{ (print "a").x 1 }}', "can't evaluate field x in type string"],
    ['{{ $v := .m }}{{ $v.a 1 }}', 'a is not a method but has arguments'],
    ['{{ (.m).a 1 }}', 'a is not a method but has arguments'],
  ])('%s fails: %s', (template, message) => {
    expect(() => render(template)).toThrow(exactly(message));
  });

  it('a field of a missing value given arguments is no value, as in Go', () => {
    expect(render('{{ .missing.a 1 }}')).toBe('<no value>');
  });
});

describe('variables and scopes', () => {
  it.each([
    ['{{ $x := 1 }}{{ if true }}{{ $x = 2 }}{{ end }}{{ $x }}', '2'],
    ['{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ end }}{{ $x }}', '1'],
    ['{{ $x := 1 }}{{ if true }}{{ $x := 2 }}{{ $x = 3 }}{{ $x }}{{ end }}{{ $x }}', '31'],
    ['{{ $x := 1 }}{{ if true }}{{ $x }}{{ end }}', '1'],
    ['{{ if true }}{{ end }}{{ $.s }}', 'str'],
    ['{{ $x := "a" }}{{ range .l }}{{ $x }}{{ end }}', 'aa'],
    ['{{ with $x := .m }}{{ $x.a }}{{ end }}', 'x'],
  ])('%s renders %o', (template, want) => {
    expect(render(template)).toBe(want);
  });

  it.each([
    ['{{ $nope }}', 'undefined variable "$nope"'],
    ['{{ if true }}{{ $x := 2 }}{{ end }}{{ $x }}', 'undefined variable "$x"'],
    ['{{ $z = 1 }}', 'undefined variable: $z'],
  ])('%s fails: %s', (template, message) => {
    expect(() => render(template)).toThrow(exactly(message));
  });
});

describe('if, with and range', () => {
  it.each([
    ['{{ if .m }}{{ .a }}{{ end }}', 'top'],
    ['{{ with .m }}{{ .a }}{{ else }}none{{ end }}', 'x'],
    ['{{ with .missing }}y{{ else }}n{{ end }}', 'n'],
    ['{{ range $e := .l }}{{ $e }},{{ end }}', '<no value>,b,'],
    ['{{ range $i, $e := .l }}{{ $i }}={{ $e }},{{ end }}', '0=<no value>,1=b,'],
    ['{{ range $k, $v := .m }}{{ $k }}={{ $v }}{{ end }}', 'a=x'],
    ['{{ range .n }}x{{ else }}e{{ end }}', 'e'],
    ['{{ range .missing }}x{{ else }}e{{ end }}', 'e'],
    ['{{ range 3 }}{{ . }}{{ end }}', '012'],
    ['{{ range 0 }}x{{ else }}none{{ end }}', 'none'],
  ])('%s renders %o', (template, want) => {
    expect(render(template)).toBe(want);
  });

  it.each([
    ['{{ range .s }}{{ end }}', "range can't iterate over str"],
    ['{{ range .num }}{{ end }}', "range can't iterate over 3"],
  ])('%s fails: %s', (template, message) => {
    expect(() => render(template)).toThrow(exactly(message));
  });
});

it('wraps an error a function fails with as Go does: "error calling NAME: message"', () => {
  expect(() => render('{{ first "abc" }}')).toThrow(exactly('error calling first: Cannot find first on type string'));
});
