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

const TOKEN =
  /\s+|"(?:[^"\\\n]|\\.)*"|`[^`]*`|'(?:[^'\\]|\\.)+'|:=|[|(),=]|\$[A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*|(?:\.[A-Za-z0-9_]+)+|\.|[-+]?(?:0[xX][0-9a-fA-F_]+|\d[\d_]*(?:\.\d*)?(?:[eE][-+]?\d+)?|\.\d+)|[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z0-9_]+)*|\S/y;

/** parseTemplate parses a whole template text. */
export function parseTemplate(text: string): TemplateNode[] {
  const parser = new Parser(splitActions(text));
  const nodes = parser.list(new Set());
  if (parser.pos < parser.items.length) throw new TemplateSyntaxError(`unexpected {{${parser.items[parser.pos].word}}}`);
  return nodes;
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
  while (pos <= text.length) {
    const open = text.indexOf('{{', pos);
    let run = open < 0 ? text.slice(pos) : text.slice(pos, open);
    if (trimNext) run = run.replace(/^\s+/, '');
    if (open < 0) {
      if (run !== '') items.push({ text: run });
      break;
    }
    let start = open + 2;
    if (/^- /.test(text.slice(start, start + 2)) || /^-[\t\r\n]/.test(text.slice(start, start + 2))) {
      run = run.replace(/\s+$/, '');
      start += 1;
    }
    if (run !== '') items.push({ text: run });
    const { body, end, trim } = actionBody(text, start);
    trimNext = trim;
    pos = end;
    const inner = body.trim();
    if (inner.startsWith('/*')) {
      if (!inner.endsWith('*/')) throw new TemplateSyntaxError('unclosed comment');
      continue;
    }
    const tokens = lex(inner);
    items.push({ tokens, word: inner });
  }
  return items;
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
      const trim = i > start && text[i - 1] === '-' && /\s/.test(text[i - 2] ?? '');
      return { body: text.slice(start, trim ? i - 1 : i), end: i + 2, trim };
    }
    i++;
  }
  throw new TemplateSyntaxError('unclosed action (missing "}}")');
}

function lex(body: string): string[] {
  const tokens: string[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < body.length) {
    const match = TOKEN.exec(body);
    if (match === null) throw new TemplateSyntaxError(`cannot read "${body.slice(TOKEN.lastIndex)}"`);
    if (!/^\s+$/.test(match[0])) tokens.push(match[0]);
  }
  return tokens;
}

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
      else nodes.push({ kind: 'action', pipe: pipeOf(tokens, item.word!) });
    }
    if (stop.size > 0) throw new TemplateSyntaxError(`missing {{end}}`);
    return nodes;
  }

  private block(kind: 'if' | 'with' | 'range', tokens: string[]): TemplateNode {
    const pipe = pipeOf(tokens, tokens.join(' '));
    const body = this.list(new Set(['else', 'end']));
    const next = this.items[this.pos].tokens!;
    this.pos++;
    if (next[0] === 'end') return { kind, pipe, body, orElse: [] };
    if (next.length > 1) {
      // `{{else if x}}` / `{{else with x}}` is a nested block that shares this one's {{end}}.
      const nestedKind = next[1];
      if (nestedKind !== 'if' && nestedKind !== 'with') throw new TemplateSyntaxError(`unexpected {{${next.join(' ')}}}`);
      return { kind, pipe, body, orElse: [this.block(nestedKind, next.slice(2))] };
    }
    const orElse = this.list(new Set(['end']));
    this.pos++;
    return { kind, pipe, body, orElse };
  }
}

function pipeOf(tokens: string[], text: string): Pipe {
  let rest = tokens;
  const decl: string[] = [];
  let assign = false;
  const declEnd = tokens.findIndex((t) => t === ':=' || t === '=');
  if (declEnd > 0 && tokens.slice(0, declEnd).every((t, i) => (i % 2 === 0 ? /^\$[A-Za-z0-9_]*$/.test(t) : t === ','))) {
    for (let i = 0; i < declEnd; i += 2) decl.push(tokens[i]);
    assign = tokens[declEnd] === '=';
    rest = tokens.slice(declEnd + 1);
  }
  const stream = { tokens: rest, pos: 0 };
  const pipe = pipeline(stream, text);
  if (stream.pos < rest.length) throw new TemplateSyntaxError(`unexpected "${rest[stream.pos]}" in "${text}"`);
  return { ...pipe, decl, assign };
}

interface Stream {
  tokens: string[];
  pos: number;
}

function pipeline(stream: Stream, text: string): Pipe {
  const cmds: Arg[][] = [];
  let cmd: Arg[] = [];
  while (stream.pos < stream.tokens.length) {
    const token = stream.tokens[stream.pos];
    if (token === ')') break;
    stream.pos++;
    if (token === '|') {
      if (cmd.length === 0) throw new TemplateSyntaxError(`missing command before "|" in "${text}"`);
      cmds.push(cmd);
      cmd = [];
    } else if (token === '(') {
      const inner = pipeline(stream, text);
      if (stream.tokens[stream.pos] !== ')') throw new TemplateSyntaxError(`unclosed "(" in "${text}"`);
      stream.pos++;
      const suffix = stream.tokens[stream.pos];
      const path = suffix !== undefined && /^\.[A-Za-z0-9_]/.test(suffix) ? (stream.pos++, suffix.slice(1).split('.')) : [];
      cmd.push({ kind: 'pipe', pipe: { ...inner, decl: [], assign: false }, path });
    } else cmd.push(operand(token, text));
  }
  if (cmd.length === 0) throw new TemplateSyntaxError(`missing value in "${text}"`);
  cmds.push(cmd);
  return { decl: [], assign: false, cmds };
}

function operand(token: string, text: string): Arg {
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
  if (/^[-+]?(\d|\.\d)/.test(token)) return number(token);
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(token)) return { kind: 'func', name: token };
  throw new TemplateSyntaxError(`unexpected "${token}" in "${text}"`);
}

function goEscape(_: string, c: string): string {
  return `\\u00${{ a: '07', b: '08', f: '0c', v: '0b' }[c as 'a']}`;
}

function number(token: string): Arg {
  const clean = token.replace(/_/g, '');
  if (/^[-+]?(0[xX][0-9a-fA-F]+|\d+)$/.test(clean)) {
    const negative = clean.startsWith('-');
    const digits = clean.replace(/^[-+]/, '');
    const value = BigInt(digits);
    return { kind: 'int', value: negative ? -value : value };
  }
  const value = Number(clean);
  if (Number.isNaN(value)) throw new TemplateSyntaxError(`bad number syntax: "${token}"`);
  return { kind: 'float', value };
}
