/**
 * exec: runs a parsed template over ApplicationSet parameters with Go text/template semantics: fields of maps,
 * `missingkey` (default/zero print `<no value>`, error fails), variables and their scopes, `if`/`with`/`range`,
 * pipelines passing the previous result as the last argument, and the function table of `funcs.ts`.
 */
import { FUNCS, type GoFunc } from './funcs.js';
import { parseTemplate, TemplateSyntaxError, type Arg, type Pipe, type TemplateNode } from './parse.js';
import { goTypeName, isMap, isTrue, printValue, TemplateExecError, toGoValue, type GoValue } from './values.js';

/** MissingKey is Go's `missingkey=` option. */
export type MissingKey = 'default' | 'zero' | 'error';

/** ExecOptions are the template options (from `goTemplateOptions`). */
export interface ExecOptions {
  missingKey?: MissingKey;
}

/** missingKeyOf reads `goTemplateOptions` (`missingkey=error` etc.); an unknown option is an error, as in Go. */
export function missingKeyOf(options: readonly string[]): MissingKey {
  let missingKey: MissingKey = 'default';
  for (const option of options) {
    const match = /^missingkey=(default|invalid|zero|error)$/.exec(option);
    if (match === null) throw new TemplateSyntaxError(`unrecognized goTemplateOptions entry "${option}" (Go accepts missingkey=default|invalid|zero|error)`);
    missingKey = match[1] === 'invalid' ? 'default' : (match[1] as MissingKey);
  }
  return missingKey;
}

const cache = new Map<string, TemplateNode[]>();

/** renderGoTemplate parses (memoised) and executes `text` with `data` as dot. */
export function renderGoTemplate(text: string, data: unknown, options: ExecOptions = {}): string {
  let nodes = cache.get(text);
  if (nodes === undefined) {
    nodes = parseTemplate(text);
    if (cache.size > 10_000) cache.clear();
    cache.set(text, nodes);
  }
  const root = toGoValue(data);
  const state = new State(options.missingKey, root);
  const out: string[] = [];
  state.walk(nodes, root, out);
  return out.join('');
}

class State {
  private scopes: Map<string, GoValue>[] = [];

  constructor(
    private readonly missingKey: MissingKey | undefined,
    root: GoValue,
  ) {
    this.scopes.push(new Map([['$', root]]));
  }

  walk(nodes: TemplateNode[], dot: GoValue, out: string[]): void {
    for (const node of nodes) {
      if (node.kind === 'text') out.push(node.text);
      else if (node.kind === 'action') {
        const value = this.pipe(node.pipe, dot);
        if (node.pipe.decl.length === 0) out.push(printValue(value));
      } else this.block(node, dot, out);
    }
  }

  private block(node: Extract<TemplateNode, { body: TemplateNode[] }>, dot: GoValue, out: string[]): void {
    this.scopes.push(new Map());
    try {
      if (node.kind === 'range') return this.range(node, dot, out);
      const value = this.pipe(node.pipe, dot);
      if (isTrue(value)) this.walk(node.body, node.kind === 'with' ? value : dot, out);
      else this.walk(node.orElse, dot, out);
    } finally {
      this.scopes.pop();
    }
  }

  private range(node: Extract<TemplateNode, { body: TemplateNode[] }>, dot: GoValue, out: string[]): void {
    const entries = rangeEntries(this.evaluate(node.pipe, dot));
    if (entries.length === 0) return this.walk(node.orElse, dot, out);
    const [first, second] = node.pipe.decl;
    for (const [key, element] of entries) {
      const scope = this.scopes[this.scopes.length - 1];
      if (second !== undefined) {
        scope.set(first, key);
        scope.set(second, element);
      } else if (first !== undefined) scope.set(first, element);
      this.walk(node.body, element, out);
    }
  }

  /** pipe evaluates a pipeline and declares or assigns its variables. */
  pipe(pipe: Pipe, dot: GoValue): GoValue {
    const value = this.evaluate(pipe, dot);
    for (const name of pipe.decl) this.declare(name, value, pipe.assign);
    return value;
  }

  /** evaluate runs a pipeline's commands, each result the last argument of the next. */
  private evaluate(pipe: Pipe, dot: GoValue): GoValue {
    // Go digs into each command's interface{} result: a nil there is no value (printed `<no value>`).
    const [first, ...later] = pipe.cmds;
    let value = this.command(first, dot, NONE) ?? undefined;
    for (const cmd of later) value = this.command(cmd, dot, value) ?? undefined;
    return value;
  }

  private declare(name: string, value: GoValue, assign: boolean): void {
    if (assign) {
      const scope = [...this.scopes].reverse().find((s) => s.has(name));
      if (scope === undefined) throw new TemplateExecError(`undefined variable: ${name}`);
      scope.set(name, value);
    } else this.scopes[this.scopes.length - 1].set(name, value);
  }

  private command(cmd: Arg[], dot: GoValue, piped: GoValue | typeof NONE): GoValue {
    const [head, ...rest] = cmd;
    if (head.kind === 'func') {
      const fn = lookup(head.name);
      const args = rest.map((arg) => this.arg(arg, dot));
      if (piped !== NONE) args.push(piped);
      return call(head.name, fn, args);
    }
    if (head.kind === 'nil') throw new TemplateExecError('nil is not a command');
    if (rest.length === 0 && piped === NONE) return this.arg(head, dot);
    if ((head.kind === 'dot' || head.kind === 'var' || head.kind === 'pipe') && head.path.length > 0) return this.fieldWithArgs(head, dot);
    throw new TemplateExecError(`can't give argument to non-function ${describe(head)}`);
  }

  /** fieldWithArgs is Go's check of a field given arguments: a map entry is not a method (an absent receiver is no value). */
  private fieldWithArgs(head: Extract<Arg, { path: string[] }>, dot: GoValue): GoValue {
    const last = head.path[head.path.length - 1];
    const receiver = this.arg({ ...head, path: head.path.slice(0, -1) }, dot);
    if (isMap(receiver)) throw new TemplateExecError(`${last} is not a method but has arguments`);
    return this.field(receiver, last, head.path.length > 1);
  }

  private arg(arg: Arg, dot: GoValue): GoValue {
    switch (arg.kind) {
      case 'dot':
        return this.fields(dot, arg.path);
      case 'var':
        return this.fields(this.variable(arg.name), arg.path);
      case 'pipe':
        return this.fields(this.pipe(arg.pipe, dot), arg.path);
      case 'func':
        return call(arg.name, lookup(arg.name), []);
      case 'string':
      case 'int':
      case 'float':
      case 'bool':
        return arg.value;
      default:
        return null;
    }
  }

  private variable(name: string): GoValue {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      if (this.scopes[i].has(name)) return this.scopes[i].get(name);
    }
    throw new TemplateExecError(`undefined variable "${name}"`);
  }

  private fields(receiver: GoValue, path: string[]): GoValue {
    let value = receiver;
    path.forEach((name, i) => (value = this.field(value, name, i > 0)));
    return value;
  }

  /** field reads `.name` of a map; `fromMap` says the receiver is itself a map entry (Go names its type `interface {}`). */
  private field(receiver: GoValue, name: string, fromMap: boolean): GoValue {
    if (receiver === undefined) {
      if (this.missingKey === 'error') throw new TemplateExecError(`nil data; no entry for key "${name}"`);
      return undefined;
    }
    if (receiver === null) throw new TemplateExecError(`nil pointer evaluating interface {}.${name}`);
    if (!isMap(receiver)) throw new TemplateExecError(`can't evaluate field ${name} in type ${fromMap ? 'interface {}' : goTypeName(receiver)}`);
    if (Object.hasOwn(receiver, name)) return receiver[name];
    if (this.missingKey === 'error') throw new TemplateExecError(`map has no entry for key "${name}"`);
    // missingkey=zero gives the zero value of the map's element type: a nil interface{}.
    return this.missingKey === 'zero' ? null : undefined;
  }
}

const NONE: unique symbol = Symbol('none');

function rangeEntries(value: GoValue): [GoValue, GoValue][] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.map((v, i) => [BigInt(i), v]);
  if (isMap(value)) return Object.keys(value).sort().map((k) => [k, value[k]]);
  if (typeof value === 'bigint') return Array.from({ length: Number(value) }, (_, i) => [BigInt(i), BigInt(i)]);
  throw new TemplateExecError(`range can't iterate over ${printValue(value)}`);
}

function lookup(name: string): GoFunc {
  const fn = FUNCS.get(name);
  if (fn === undefined) throw new TemplateSyntaxError(`function "${name}" not defined (or not supported offline)`);
  return fn;
}

function call(name: string, fn: GoFunc, args: GoValue[]): GoValue {
  try {
    // An argument with no value reaches an interface{} parameter as nil.
    return fn(...args.map((a) => a ?? null));
  } catch (error) {
    throw new TemplateExecError(`error calling ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** describe prints an operand without a field path as Go's error messages show it. */
function describe(arg: Arg): string {
  if (arg.kind === 'dot') return '.';
  if (arg.kind === 'var') return arg.name;
  if (arg.kind === 'string') return JSON.stringify(arg.value);
  if (arg.kind === 'int' || arg.kind === 'float' || arg.kind === 'bool') return String(arg.value);
  return arg.kind;
}
