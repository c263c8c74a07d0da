/**
 * The ApplicationSet template parser, called directly: the trees and the errors of Go's text/template parser for
 * the cases of text/template/parse/parse_test.go and lex_test.go that ApplicationSets can meet.
 */
import { describe, expect, it } from 'vitest';
import { renderGoTemplate } from '../../../src/discover/appset/go-template/exec.js';
import { parseTemplate, TemplateSyntaxError, type Arg, type Pipe, type TemplateNode } from '../../../src/discover/appset/go-template/parse.js';

const text = (value: string): TemplateNode => ({ kind: 'text', text: value });
const pipe = (...cmds: Arg[][]): Pipe => ({ decl: [], assign: false, cmds });
const action = (...cmds: Arg[][]): TemplateNode => ({ kind: 'action', pipe: pipe(...cmds) });
const dot = (...path: string[]): Arg => ({ kind: 'dot', path });
const fn = (name: string): Arg => ({ kind: 'func', name });
const int = (value: bigint): Arg => ({ kind: 'int', value });
const float = (value: number): Arg => ({ kind: 'float', value });
const str = (value: string): Arg => ({ kind: 'string', value });
const paren = (path: string[], ...cmds: Arg[][]): Arg => ({ kind: 'pipe', pipe: pipe(...cmds), path });
const three = action([int(3n)]);

/** syntaxError is the TemplateSyntaxError that parsing `template` throws (and fails the test if it parses). */
function syntaxError(template: string): string {
  let caught: unknown;
  try {
    parseTemplate(template);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(TemplateSyntaxError);
  expect((caught as Error).name).toBe('TemplateSyntaxError');
  return (caught as Error).message;
}

/** refuses adds a test per [template, message]: parsing the template throws exactly that TemplateSyntaxError. */
function refuses(name: string, cases: [string, string][]): void {
  it.each(cases)(name, (template, message) => {
    expect(syntaxError(template)).toBe(message);
  });
}

describe('text, actions and trim markers', () => {
  it.each<[string, TemplateNode[]]>([
    ['', []],
    [' \t\n', [text(' \t\n')]],
    ['x {{ 3 }} y', [text('x '), three, text(' y')]],
    ['{{3}}', [three]],
    ['{{3}}{{3}}', [three, three]],
    // Go's parse_test.go "Trimming spaces" cases.
    ['x \r\n\t{{- 3}}', [text('x'), three]],
    ['{{3 -}}\n\n\ty', [three, text('y')]],
    ['x \r\n\t{{- 3 -}}\n\n\ty', [text('x'), three, text('y')]],
    ['x\n{{-  3   -}}\ny', [text('x'), three, text('y')]],
    ['x\t{{-\t3\t-}}\ty', [text('x'), three, text('y')]],
    ['{{3 -}}y z', [three, text('y z')]],
    ['x  {{- 3 -}}  ', [text('x'), three]],
    ['a b \n{{- 3}}', [text('a b'), three]],
    // A dash with no space after it is a minus sign, and trims nothing.
    ['x {{-3}}', [text('x '), action([int(-3n)])]],
    ['-\t{{3}}', [text('-\t'), three]],
    // Only Go's four space characters are trimmed (a no-break space is text).
    ['x\u00a0{{- 3 -}}\u00a0y', [text('x\u00a0'), three, text('\u00a0y')]],
  ])('%j parses to its text runs and actions', (template, nodes) => {
    expect(parseTemplate(template)).toStrictEqual(nodes);
  });

  it('keeps the spaces before and after an action without trim markers', () => {
    expect(parseTemplate(' \t{{ .a  }} x')).toStrictEqual([text(' \t'), action([dot('a')]), text(' x')]);
  });

  it('ends an action at the first }} outside quotes, whatever quotes hold', () => {
    expect(parseTemplate('{{ "a\\"}}" }}{{ `b\\` }}{{ "}}" }}')).toStrictEqual([action([str('a"}}')]), action([str('b\\')]), action([str('}}')])]);
    expect(parseTemplate('{{ a b}}')).toStrictEqual([action([fn('a'), fn('b')])]);
  });

  refuses('%j is refused: %s', [
    ['{{ .name ', 'unclosed action (missing "}}")'],
    ['hello{{range', 'unclosed action (missing "}}")'],
    ['{{ } }}', 'unexpected "}" in "}"'],
    ["{{ '}}' }}", `unexpected "'}}'" in "'}}'"`],
    ['{{ # }}', 'unexpected "#" in "#"'],
    ['{{$x!2}}', 'unexpected "!" in "$x!2"'],
    ['{{ 1 2 ) }}', 'unexpected right paren in "1 2 )"'],
  ]);
});

describe('comments', () => {
  it.each<[string, TemplateNode[]]>([
    ['{{/*\n\n\n*/}}', []],
    ['x \r\n\t{{- /* hi */}}', [text('x')]],
    ['{{/* hi */ -}}\n\n\ty', [text('y')]],
    ['x \r\n\t{{- /* */ -}}\n\n\ty', [text('x'), text('y')]],
    ['{{-\n/*\nhello\n*/\n-}}', []],
    ['a{{/* a comment */}}b', [text('a'), text('b')]],
  ])('%j drops the comment (Go parse_test.go)', (template, nodes) => {
    expect(parseTemplate(template)).toStrictEqual(nodes);
  });

  it('reads quotes and braces inside a comment as comment text (bug: an apostrophe used to swallow the template)', () => {
    expect(parseTemplate("{{/* don't {{ touch \"this */}}x{{ .a }}")).toStrictEqual([text('x'), action([dot('a')])]);
    expect(renderGoTemplate("{{/* don't */}}{{ .a }}", { a: 'b' })).toBe('b');
  });

  refuses('%j is refused as Go refuses it: %s', [
    ['{{/*}}', 'unclosed comment'],
    ['{{/*/}}', 'unclosed comment'],
    ['{{/*\nhello\n}}', 'unclosed comment'],
    ['{{/* a */ }}', 'comment ends before closing delimiter'],
    ['{{/* a */x}}', 'comment ends before closing delimiter'],
    ['{{/* a */x -}}', 'comment ends before closing delimiter'],
    ['{{ /* a */ }}', 'unexpected "/" in "/* a */"'],
  ]);
});

describe('if, with, range and else', () => {
  const ifNode = (test: Arg, body: TemplateNode[], orElse: TemplateNode[] = []): TemplateNode => ({
    kind: 'if',
    pipe: pipe([test]),
    body,
    orElse,
  });

  it.each<[string, TemplateNode[]]>([
    ['{{if .X}}hello{{end}}', [ifNode(dot('X'), [text('hello')])]],
    ['{{if .X}}true{{else}}false{{end}}', [ifNode(dot('X'), [text('true')], [text('false')])]],
    ['{{if .X}}true{{else if .Y}}false{{end}}', [ifNode(dot('X'), [text('true')], [ifNode(dot('Y'), [text('false')])])]],
    ['+{{if .X}}X{{else if .Y}}Y{{else}}Z{{end}}+', [text('+'), ifNode(dot('X'), [text('X')], [ifNode(dot('Y'), [text('Y')], [text('Z')])]), text('+')]],
    [
      '{{with .X}}hello{{else with .Y}}goodbye{{end}}',
      [{ kind: 'with', pipe: pipe([dot('X')]), body: [text('hello')], orElse: [{ kind: 'with', pipe: pipe([dot('Y')]), body: [text('goodbye')], orElse: [] }] }],
    ],
    ['{{range .X}}true{{else}}false{{end}}', [{ kind: 'range', pipe: pipe([dot('X')]), body: [text('true')], orElse: [text('false')] }]],
  ])('%j', (template, nodes) => {
    expect(parseTemplate(template)).toStrictEqual(nodes);
  });

  refuses('%j is refused: %s', [
    ['{{end}}', 'unexpected {{end}}'],
    ['x{{ else }}', 'unexpected {{else}}'],
    ['{{if .X}}hello{{end}}{{else}}', 'unexpected {{else}}'],
    ['{{if .X}}1{{else}}2{{else}}3{{end}}', 'unexpected {{else}}'],
    ['{{if .X}}a{{else if .Y}}b{{end}}{{end}}', 'unexpected {{end}}'],
    ['hello{{range .x}}', 'missing {{end}}'],
    ['hello{{range .x}}{{else}}', 'missing {{end}}'],
    ['{{if .a}}{{else range .b}}{{end}}', 'unexpected {{else range .b}} in {{if}}'],
    // Go chains `else if` only in an if and `else with` only in a with (parseControl).
    ['{{if .a}}{{else with .b}}{{end}}', 'unexpected {{else with .b}} in {{if}}'],
    ['{{with .a}}{{else if .b}}{{end}}', 'unexpected {{else if .b}} in {{with}}'],
    ['{{range .a}}{{else if .b}}{{end}}', 'unexpected {{else if .b}} in {{range}}'],
    ['{{range .a}}{{else range .b}}{{end}}', 'unexpected {{else range .b}} in {{range}}'],
    ['{{if}}{{end}}', 'missing value for if in ""'],
    ['{{if 1 2 )}}{{end}}', 'unexpected right paren in "1 2 )"'],
    ['{{range .SI}}{{break}}{{end}}', '{{break}} is not supported in ApplicationSet templates here'],
  ]);
});

describe('declarations', () => {
  const declared = (decl: string[], assign: boolean, ...cmds: Arg[][]): TemplateNode => ({ kind: 'action', pipe: { decl, assign, cmds } });

  it.each<[string, TemplateNode]>([
    ['{{$x := 0}}', declared(['$x'], false, [int(0n)])],
    ['{{ $xy = .a }}', declared(['$xy'], true, [dot('a')])],
    ['{{ $x \n := \n 1 \n }}', declared(['$x'], false, [int(1n)])],
    ['{{ $x }}', action([{ kind: 'var', name: '$x', path: [] }])],
  ])('%j', (template, node) => {
    expect(parseTemplate(template)).toStrictEqual([node]);
  });

  it('declares an index and an element in a range', () => {
    expect(parseTemplate('{{range $i, $v := .SI}}{{end}}')).toStrictEqual([
      { kind: 'range', pipe: { decl: ['$i', '$v'], assign: false, cmds: [[dot('SI')]] }, body: [], orElse: [] },
    ]);
  });

  refuses('%j is refused: %s', [
    ['{{ := 1 }}', 'unexpected ":=" in ":= 1"'],
    ['{{ eq .a = }}', 'unexpected "=" in "eq .a ="'],
    ['{{ $x .a := 1 }}', 'unexpected ":=" in "$x .a := 1"'],
    ['{{ $x.a := 1 }}', 'unexpected ":=" in "$x.a := 1"'],
    ['{{range $i . $v := .a}}{{end}}', 'unexpected ":=" in "$i . $v := .a"'],
    ['{{range $x := $y := 3}}{{end}}', 'unexpected ":=" in "$x := $y := 3"'],
    ['{{ $a, := 1 }}', 'unexpected "," in "$a, := 1"'],
    ['{{ $a , $b }}', 'unexpected "," in "$a , $b"'],
    ['{{$a,$b,$c := 23}}', 'too many declarations in command'],
    ['{{with $v, $u := 3}}{{end}}', 'too many declarations in with'],
    ['{{range $u, $v, $w := 3}}{{end}}', 'too many declarations in range'],
  ]);
});

describe('pipelines and parentheses', () => {
  it.each<[string, TemplateNode]>([
    ['{{.X|.Y}}', action([dot('X')], [dot('Y')])],
    ['{{\n"x"\n|\nprintf\n}}', action([str('x')], [fn('printf')])],
    // Go reads a pipe at the end of an action as nothing (pipeline in parse.go).
    ['{{ "a" | }}', action([str('a')])],
    ['{{.X (.Y .Z) (.A | .B .C) (.E)}}', action([dot('X'), paren([], [dot('Y'), dot('Z')]), paren([], [dot('A')], [dot('B'), dot('C')]), paren([], [dot('E')])])],
    ['{{(.Y .Z).Field.Sub}}', action([paren(['Field', 'Sub'], [dot('Y'), dot('Z')])])],
    ['{{ ((1)) }}', action([paren([], [paren([], [int(1n)])])])],
  ])('%j', (template, node) => {
    expect(parseTemplate(template)).toStrictEqual([node]);
  });

  it('reads a field after a space following `)` as the next operand, not a field of the parentheses (bug)', () => {
    expect(parseTemplate('{{ printf "%s-%s" (lower .a) .b }}')).toStrictEqual([
      action([fn('printf'), str('%s-%s'), paren([], [fn('lower'), dot('a')]), dot('b')]),
    ]);
    expect(renderGoTemplate('{{ printf "%s-%s" (lower .a) .b }}', { a: 'X', b: 'y' })).toBe('x-y');
  });

  refuses('%j is refused: two operands need a space between them, as in Go', [
    // Go's parse_test.go "adjacent args", "adjacent args with .", bug1b, "dot after dot", "dot after string".
    ['{{printf 3`x`}}', 'unexpected "`x`" right after "3" in "printf 3`x`" (separate operands with a space)'],
    ['{{printf `x`.}}', 'unexpected "." right after "`x`" in "printf `x`." (separate operands with a space)'],
    ['{{$x+2}}', 'unexpected "+2" right after "$x" in "$x+2" (separate operands with a space)'],
    ['{{..E}}', 'unexpected ".E" right after "." in "..E" (separate operands with a space)'],
    ['{{"hello".guys}}', 'unexpected ".guys" right after ""hello"" in ""hello".guys" (separate operands with a space)'],
    ['{{ printf("x") }}', 'unexpected "(" right after "printf" in "printf("x")" (separate operands with a space)'],
    ['{{ (1)(2) }}', 'unexpected "(" right after ")" in "(1)(2)" (separate operands with a space)'],
  ]);

  it('needs no space around punctuation: $i,$v:=., x|y, ((1))', () => {
    expect(parseTemplate('{{range $i,$v:=.}}{{end}}{{$x +2}}{{.X|.Y}}{{((1))}}')).toStrictEqual([
      { kind: 'range', pipe: { decl: ['$i', '$v'], assign: false, cmds: [[dot()]] }, body: [], orElse: [] },
      action([{ kind: 'var', name: '$x', path: [] }, int(2n)]),
      action([dot('X')], [dot('Y')]),
      action([paren([], [paren([], [int(1n)])])]),
    ]);
  });

  refuses('%j is refused: %s', [
    ['{{}}', 'missing value for command in ""'],
    ['{{\n}}', 'missing value for command in ""'],
    ['{{ ( ) }}', 'missing value for parenthesized pipeline in "( )"'],
    ['{{ | x }}', 'missing command before "|" in "| x"'],
    ['{{ x | | y }}', 'missing command before "|" in "x | | y"'],
    ['{{.X (1 2 3}}', 'unclosed left paren in ".X (1 2 3"'],
    ['{{.X 1 2 3 ) }}', 'unexpected right paren in ".X 1 2 3 )"'],
  ]);
});

describe('operands', () => {
  it.each<[string, Arg[]]>([
    ['. .a.b $ $x.a.b', [dot(), dot('a', 'b'), { kind: 'var', name: '$', path: [] }, { kind: 'var', name: '$x', path: ['a', 'b'] }]],
    ['true false nil printf a1 _x', [{ kind: 'bool', value: true }, { kind: 'bool', value: false }, { kind: 'nil' }, fn('printf'), fn('a1'), fn('_x')]],
    ['"a\\tb" "\\a\\b\\f\\v" `x\\n`', [str('a\tb'), str('\x07\x08\x0c\x0b'), str('x\\n')]],
    // Go's numberTests: decimal, underscores, hex, octal (a leading 0), signs, floats.
    ['0 7 73 100 7_3 -73 +73', [int(0n), int(7n), int(73n), int(100n), int(73n), int(-73n), int(73n)]],
    ['0x73 0X73 0x7_3 -0x1F 073 -010', [int(0x73n), int(0x73n), int(0x73n), int(-31n), int(0o73n), int(-8n)]],
    ['0o73 0O73 0b10_010_01 0B1001001 -0b1', [int(0o73n), int(0o73n), int(73n), int(73n), int(-1n)]],
    ['1.5 -1.2 .5 -.5 .5e1 5. 1e9 1E3', [float(1.5), float(-1.2), float(0.5), float(-0.5), float(5), float(5), float(1e9), float(1000)]],
  ])('%s', (operands, args) => {
    expect(parseTemplate(`{{ ${operands} }}`)).toStrictEqual([action(args)]);
  });

  it('prints Go values for numbers Go reads differently from JavaScript: 010 is octal 8, .5 a float (bugs)', () => {
    expect(renderGoTemplate('{{ 010 }} {{ .5 }}', {})).toBe('8 0.5');
  });

  it.each([
    ['09', 'integer overflow: "09" (Go reads a number with a leading 0 as octal)'],
    ['-09', 'integer overflow: "-09" (Go reads a number with a leading 0 as octal)'],
    ['0xi', 'bad number syntax: "0xi"'],
    ['1a', 'bad number syntax: "1a"'],
    ['0x', 'bad number syntax: "0x"'],
    ['a.b', 'unexpected "a.b" in "a.b"'],
    // Character constants ('a' is 97 in Go) are refused rather than misread.
    [`'a'`, `unexpected "'a'" in "'a'"`],
  ])('%s is refused: %s', (operand, message) => {
    expect(syntaxError(`{{ ${operand} }}`)).toBe(message);
  });
});
