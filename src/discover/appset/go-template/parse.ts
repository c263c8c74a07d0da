/**
 * parse: the subset of Go's text/template grammar that ApplicationSet templates use, parsed into a small tree.
 * Actions `{{ pipeline }}` with trim markers (`{{-`, `-}}`), comments, fields (`.a.b`), variables (`$x`, `$x.a`),
 * literals, function calls, pipes, parentheses, `if`/`else if`/`else`, `range` (with `$i, $v :=`), `with`, and
 * variable declarations. `define`, `template`, `block`, `break` and `continue` are refused with a clear error
 * (no npm library implements Go templates with Sprig; see the commit that added this module).
 */

/** TemplateSyntaxError says what in the expression is outside the supported grammar. */
export class TemplateSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TemplateSyntaxError';
  }
}

/** Arg is one operand of a command. */
export type Arg =
  | { kind: 'dot'; path: string[] }
  | { kind: 'var'; name: string; path: string[] }
  | { kind: 'func'; name: string }
  | { kind: 'string'; value: string }
  | { kind: 'int'; value: bigint }
  | { kind: 'float'; value: number }
  | { kind: 'bool'; value: boolean }
  | { kind: 'nil' }
  | { kind: 'pipe'; pipe: Pipe; path: string[] };

/** Pipe is `[$a[, $b] :=|=] cmd | cmd ...`; each command is a list of operands (first may be a function). */
export interface Pipe {
  decl: string[];
  assign: boolean;
  cmds: Arg[][];
}

/** TemplateNode is one node of a parsed template. */
export type TemplateNode =
  | { kind: 'text'; text: string }
  | { kind: 'action'; pipe: Pipe }
  | { kind: 'if' | 'with' | 'range'; pipe: Pipe; body: TemplateNode[]; orElse: TemplateNode[] };

// The last alternative, \S, matches any other character, so the tokens cover the action's text but its spaces.
// A `.` before a digit starts a number (`.5`), as in Go's lexer; before anything else, a field. A number takes
// the letters and digits that follow it, so that `1a` or `0x1p4` is a bad number rather than two operands.
// Fields written right after `)` stay in its token (`(index .a 0).name`): `(x) .name` is two operands, as in Go.
const TOKEN =
  /"(?:[^"\\\n]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)+'|:=|\)(?:\.[A-Za-z_][A-Za-z0-9_]*)*|[|(,=]|\$[A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*|\.[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*|\.(?!\d)|[-+]?(?:0[xX][0-9a-fA-F_]*|(?:\d[\d_]*(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?)[A-Za-z0-9_]*|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*|\S/g;

/** parseTemplate parses a whole template text. */
export function parseTemplate(text: string): TemplateNode[] {
  // At top level nothing stops the list: it reads every item, or throws on a stray {{end}} or {{else}}.
  return new Parser(splitActions(text)).list(new Set());
}

interface Item {
  text?: string;
  tokens?: string[];
  word?: string;
}

/** splitActions cuts the text into text runs and actions, applying trim markers and dropping comments. */
function splitActions(text: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  let trimNext = false;
  for (;;) {
    const open = text.indexOf('{{', pos);
    let run = open < 0 ? text.slice(pos) : text.slice(pos, open);
    if (trimNext) run = run.replace(/^[ \t\r\n]+/, '');
    if (open < 0) {
      if (run !== '') items.push({ text: run });
      break;
    }
    let start = open + 2;
    // Go's trim markers are `{{- ` and ` -}}` with one of its four space characters (`{{-3}}` is the number -3).
    if (/^-[ \t\r\n]/.test(text.slice(start, start + 2))) {
      run = run.replace(/[ \t\r\n]+$/, '');
      start += 2;
    }
    if (run !== '') items.push({ text: run });
    const { body, end, trim } = text.startsWith('/*', start) ? comment(text, start) : actionBody(text, start);
    trimNext = trim;
    pos = end;
    if (body === undefined) continue;
    const inner = body.trim();
    const tokens = lex(inner);
    items.push({ tokens, word: inner });
  }
  return items;
}

/**
 * comment skips a comment, which Go reads only right after `{{` (or `{{- `) and which must end right before `}}`
 * (or ` -}}`); its text may hold quotes and braces (lexComment in text/template/parse/lex.go).
 */
function comment(text: string, start: number): { body?: string; end: number; trim: boolean } {
  const close = text.indexOf('*/', start + 2);
  if (close < 0) throw new TemplateSyntaxError('unclosed comment');
  const after = close + 2;
  if (text.startsWith('}}', after)) return { end: after + 2, trim: false };
  if (/^[ \t\r\n]-\}\}/.test(text.slice(after))) return { end: after + 4, trim: true };
  throw new TemplateSyntaxError('comment ends before closing delimiter');
}

function actionBody(text: string, start: number): { body: string; end: number; trim: boolean } {
  let i = start;
  let quote = '';
  while (i < text.length) {
    const c = text[i];
    if (quote !== '') {
      if (c === '\\' && quote !== '`') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === '`' || c === "'") quote = c;
    else if (c === '}' && text[i + 1] === '}') {
      // At i === start, text[i - 1] is `{` or a left trim marker's space, never `-`.
      const trim = text[i - 1] === '-' && /[ \t\r\n]/.test(text[i - 2]);
      return { body: text.slice(start, trim ? i - 1 : i), end: i + 2, trim };
    }
    i++;
  }
  throw new TemplateSyntaxError('unclosed action (missing "}}")');
}

function lex(body: string): string[] {
  const tokens: string[] = [];
  let end = -1;
  for (const match of body.matchAll(TOKEN)) {
    const token = match[0];
    const previous = tokens[tokens.length - 1];
    // Go wants a space between two operands (command() in parse.go): `printf 3\`x\``, `$x+2`, `"a".b` are errors.
    if (match.index === end && OPERAND_END.test(previous) && OPERAND_START.test(token)) {
      throw new TemplateSyntaxError(`unexpected "${token}" right after "${previous}" in "${body}" (separate operands with a space)`);
    }
    tokens.push(token);
    end = match.index + token.length;
  }
  return tokens;
}

/** Tokens that end an operand (strings, variables, fields, numbers, names, `)`) and that start one (or `(`). */
const OPERAND_END = /^(?:["`'$.)\w]|[-+][\d.])/;
const OPERAND_START = /^(?:["`'$.(\w]|[-+][\d.])/;

const REFUSED = new Set(['define', 'template', 'block', 'break', 'continue']);

class Parser {
  pos = 0;
  constructor(readonly items: Item[]) {}

  /** list reads nodes until a keyword in `stop` (left unread). */
  list(stop: Set<string>): TemplateNode[] {
    const nodes: TemplateNode[] = [];
    while (this.pos < this.items.length) {
      const item = this.items[this.pos];
      if (item.text !== undefined) {
        nodes.push({ kind: 'text', text: item.text });
        this.pos++;
        continue;
      }
      const tokens = item.tokens!;
      const keyword = tokens[0] ?? '';
      if (stop.has(keyword)) return nodes;
      if (keyword === 'end' || keyword === 'else') throw new TemplateSyntaxError(`unexpected {{${keyword}}}`);
      if (REFUSED.has(keyword)) throw new TemplateSyntaxError(`{{${keyword}}} is not supported in ApplicationSet templates here`);
      this.pos++;
      if (keyword === 'if' || keyword === 'with' || keyword === 'range') nodes.push(this.block(keyword, tokens.slice(1)));
      else nodes.push({ kind: 'action', pipe: pipeOf(tokens, item.word!, 'command') });
    }
    if (stop.size > 0) throw new TemplateSyntaxError(`missing {{end}}`);
    return nodes;
  }

  private block(kind: 'if' | 'with' | 'range', tokens: string[]): TemplateNode {
    const pipe = pipeOf(tokens, tokens.join(' '), kind);
    const body = this.list(new Set(['else', 'end']));
    const next = this.items[this.pos].tokens!;
    this.pos++;
    if (next[0] === 'end') return { kind, pipe, body, orElse: [] };
    if (next.length > 1) {
      // `{{else if x}}` in an {{if}}, `{{else with x}}` in a {{with}}, is a nested block that shares this one's
      // {{end}}; Go allows no other chain (parseControl in text/template/parse/parse.go).
      if (next[1] !== kind || kind === 'range') throw new TemplateSyntaxError(`unexpected {{${next.join(' ')}}} in {{${kind}}}`);
      return { kind, pipe, body, orElse: [this.block(kind, next.slice(2))] };
    }
    const orElse = this.list(new Set(['end']));
    this.pos++;
    return { kind, pipe, body, orElse };
  }
}

/** Context names the pipeline in errors, as Go does: `missing value for if`. */
type Context = 'command' | 'if' | 'with' | 'range' | 'parenthesized pipeline';

function pipeOf(tokens: string[], text: string, context: Context): Pipe {
  const { decl, assign, rest } = declarations(tokens, context);
  const stream = { tokens: rest, pos: 0 };
  const pipe = pipeline(stream, text, context);
  // pipeline stops early only at a `)` that no `(` opened.
  if (stream.pos < rest.length) throw new TemplateSyntaxError(`unexpected right paren in "${text}"`);
  return { ...pipe, decl, assign };
}

/** declarations reads `$x :=`, `$x =` or (in a range) `$i, $v :=` at the start of a pipeline. */
function declarations(tokens: string[], context: Context): { decl: string[]; assign: boolean; rest: string[] } {
  const end = tokens.findIndex((t) => t === ':=' || t === '=');
  const left = tokens.slice(0, end);
  // A declaration's left side is `$a` or `$a, $b`: it ends at an odd index (findIndex's -1 is no declaration).
  if (end % 2 !== 1 || !left.every((t, i) => (i % 2 === 0 ? /^\$[A-Za-z0-9_]*$/.test(t) : t === ','))) {
    return { decl: [], assign: false, rest: tokens };
  }
  const decl = left.filter((_, i) => i % 2 === 0);
  if (decl.length > (context === 'range' ? 2 : 1)) throw new TemplateSyntaxError(`too many declarations in ${context}`);
  return { decl, assign: tokens[end] === '=', rest: tokens.slice(end + 1) };
}

interface Stream {
  tokens: string[];
  pos: number;
}

function pipeline(stream: Stream, text: string, context: Context): Pipe {
  const cmds: Arg[][] = [];
  let cmd: Arg[] = [];
  while (stream.pos < stream.tokens.length) {
    const token = stream.tokens[stream.pos];
    if (token.startsWith(')')) break;
    stream.pos++;
    if (token === '|') {
      if (cmd.length === 0) throw new TemplateSyntaxError(`missing command before "|" in "${text}"`);
      cmds.push(cmd);
      cmd = [];
    } else if (token === '(') cmd.push(parenthesized(stream, text));
    else cmd.push(operand(token, text));
  }
  // Go accepts a pipe at the end (`{{ .a | }}` is `{{ .a }}`), but not an empty pipeline.
  if (cmd.length > 0) cmds.push(cmd);
  if (cmds.length === 0) throw new TemplateSyntaxError(`missing value for ${context} in "${text}"`);
  return { decl: [], assign: false, cmds };
}

/** parenthesized reads `( pipeline )` after its `(`, and the fields that follow it (`(index .a 0).name`). */
function parenthesized(stream: Stream, text: string): Arg {
  const pipe = pipeline(stream, text, 'parenthesized pipeline');
  const close = stream.tokens[stream.pos];
  if (close === undefined || !close.startsWith(')')) throw new TemplateSyntaxError(`unclosed left paren in "${text}"`);
  stream.pos++;
  return { kind: 'pipe', pipe, path: close === ')' ? [] : close.slice(2).split('.') };
}

function operand(token: string, text: string): Arg {
  if (/^[-+]?(\d|\.\d)/.test(token)) return number(token);
  if (token === '.') return { kind: 'dot', path: [] };
  if (token.startsWith('.')) return { kind: 'dot', path: token.slice(1).split('.') };
  if (token.startsWith('$')) {
    const [name, ...path] = token.split('.');
    return { kind: 'var', name, path };
  }
  if (token.startsWith('"')) return { kind: 'string', value: JSON.parse(token.replace(/\\([abfv])/g, goEscape)) as string };
  if (token.startsWith('`')) return { kind: 'string', value: token.slice(1, -1) };
  if (token === 'true' || token === 'false') return { kind: 'bool', value: token === 'true' };
  if (token === 'nil') return { kind: 'nil' };
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(token)) return { kind: 'func', name: token };
  throw new TemplateSyntaxError(`unexpected "${token}" in "${text}"`);
}

function goEscape(_: string, c: string): string {
  return `\\u00${{ a: '07', b: '08', f: '0c', v: '0b' }[c as 'a']}`;
}

function number(token: string): Arg {
  const clean = token.replace(/_/g, '');
  const int = /^([-+]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9]\d*)$/.exec(clean);
  if (int !== null) {
    // Go's strconv.ParseInt(text, 0, 64): 0x, 0o and 0b prefixes, and a leading 0 makes an octal number (`010` is 8).
    const value = BigInt(/^0\d/.test(int[2]) ? `0o${int[2].slice(1)}` : int[2]);
    return { kind: 'int', value: int[1] === '-' ? -value : value };
  }
  if (/^[-+]?\d+$/.test(clean)) throw new TemplateSyntaxError(`integer overflow: "${token}" (Go reads a number with a leading 0 as octal)`);
  const value = Number(clean);
  if (Number.isNaN(value)) throw new TemplateSyntaxError(`bad number syntax: "${token}"`);
  return { kind: 'float', value };
}
