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
  const state = new State(options.missingKey ?? 'default', root);
  const out: string[] = [];
  state.walk(nodes, root, out);
  return out.join('');
}

class State {
  private scopes: Map<string, GoValue>[] = [];

  constructor(
    private readonly missingKey: MissingKey,
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
    const value = this.pipe({ ...node.pipe, decl: [] }, dot);
    const entries = rangeEntries(value);
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

  pipe(pipe: Pipe, dot: GoValue): GoValue {
    let value: GoValue | typeof NONE = NONE;
    for (const cmd of pipe.cmds) value = this.command(cmd, dot, value);
    const result = value === NONE ? undefined : value;
    for (const name of pipe.decl) this.declare(name, result, pipe.assign);
    return result;
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
    if (rest.length > 0 || piped !== NONE) throw new TemplateExecError(`can't give argument to non-function ${describe(head)}`);
    return this.arg(head, dot);
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
    for (const name of path) value = this.field(value, name);
    return value;
  }

  private field(receiver: GoValue, name: string): GoValue {
    if (receiver === undefined) {
      if (this.missingKey === 'error') throw new TemplateExecError(`nil data; no entry for key "${name}"`);
      return undefined;
    }
    if (receiver === null) throw new TemplateExecError(`nil pointer evaluating interface {}.${name}`);
    if (!isMap(receiver)) throw new TemplateExecError(`can't evaluate field ${name} in type ${goTypeName(receiver)}`);
    if (Object.hasOwn(receiver, name)) return receiver[name];
    if (this.missingKey === 'error') throw new TemplateExecError(`map has no entry for key "${name}"`);
    return undefined;
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
    return fn(...args);
  } catch (error) {
    if (error instanceof TemplateSyntaxError) throw error;
    throw new TemplateExecError(`error calling ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function describe(arg: Arg): string {
  if (arg.kind === 'dot') return `.${arg.path.join('.')}`;
  if (arg.kind === 'var') return [arg.name, ...arg.path].join('.');
  if (arg.kind === 'string') return JSON.stringify(arg.value);
  if (arg.kind === 'int' || arg.kind === 'float' || arg.kind === 'bool') return String(arg.value);
  return arg.kind;
}
