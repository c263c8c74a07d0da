/**
 * FakeGitHub: a loopback HTTP server that speaks the parts of GitHub's REST and GraphQL APIs the
 * publisher uses, over real git state (see model.ts). Every request and response is checked against
 * @octokit/openapi and @octokit/graphql-schema; anything unexpected is recorded in `violations` and
 * answered with an error, so a test that asserts `violations` is empty fails on it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OpenApiChecker, type Operation } from './openapi.js';
import { overlay, synthesize } from './synthesize.js';
import { FakeRepo } from './model.js';
import { REST_ROUTES, type Reply } from './rest-routes.js';
import { handleGraphql } from './graphql.js';

/** Fault is an injected behaviour for the next `times` matching requests. */
export interface Fault {
  /** operationId (e.g. `git/update-ref`) or `graphql`. */
  operation: string;
  times?: number;
  /** Runs before the request is handled (e.g. another writer's commit lands). */
  before?: (repo: FakeRepo) => void;
  /** Answer with this instead of handling the request. */
  reply?: Reply;
  /** Handle the request first, then answer with `reply` (GitHub did the work, the answer was lost: a 502 from a proxy). */
  handled?: boolean;
}

/** RequestRecord is one request the fake received. */
export interface RequestRecord {
  method: string;
  path: string;
  operation: string;
  status: number;
}

/** RefPause holds one ref move (REST or GraphQL) to a commit whose files match, until the test releases it. */
interface RefPause {
  matches: (files: ReadonlyMap<string, string>, operation: string) => boolean;
  reached: () => void;
  released: Promise<void>;
}

/** PausedRefMove is a test's handle on a held ref move: wait until a run reaches it, then let it go on. */
export interface PausedRefMove {
  /** Resolves when a run's request to move a ref to a matching commit arrived (it is now held). */
  reached: Promise<void>;
  /** Lets the held request be handled (against the state as it is then). */
  release: () => void;
}

/** refTarget is the commit a request moves a ref to, when it moves one (REST ref create/update, GraphQL updateRefs). */
function refTarget(operation: string, body: unknown): string | undefined {
  const b = (body ?? {}) as { sha?: unknown; query?: unknown; variables?: unknown };
  if (operation === 'git/update-ref' || operation === 'git/create-ref') return typeof b.sha === 'string' ? b.sha : undefined;
  if (operation !== 'graphql' || typeof b.query !== 'string' || !b.query.includes('updateRefs')) return undefined;
  return /afterOid"?\s*:\s*"([0-9a-f]{40})"/.exec(`${b.query} ${JSON.stringify(b.variables ?? {})}`)?.[1];
}

let checker: OpenApiChecker | undefined;

/** FakeGitHub serves one repository. */
export class FakeGitHub {
  readonly repo: FakeRepo;
  readonly requests: RequestRecord[] = [];
  readonly violations: string[] = [];
  readonly token = 'ghs_fake_token_for_tests';
  /** A personal access token the fake also accepts (its commits are never Verified). */
  readonly patToken = 'ghp_fake_pat_for_tests';
  /** The token of the request being handled. */
  requestToken = '';
  private readonly faults: (Fault & { left: number })[] = [];
  private readonly pauses: RefPause[] = [];
  private server?: Server;
  url = '';

  constructor(owner = 'acme', name = 'gitops') {
    this.repo = new FakeRepo(owner, name);
    checker ??= new OpenApiChecker();
  }

  /** checker returns the shared OpenAPI checker. */
  get openapi(): OpenApiChecker {
    return checker!;
  }

  /** start listens on 127.0.0.1 on a free port. */
  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  /** stop closes the server. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private clocked = false;

  /** setClock sets the fake's clock: commits made from now on are dated from `date`, and answers carry it as `Date`. */
  setClock(date: Date): void {
    this.repo.git.setNow(date);
    this.clocked = true;
  }

  /** inject adds a fault for the next matching requests (default once). */
  inject(fault: Fault): void {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
  }

  /**
   * pauseRefMove holds the next request that moves a ref to a commit whose files match (a run's push), so a test can
   * let another run act meanwhile: deterministic races, no sleeps ("people acting during runs").
   */
  pauseRefMove(matches: (files: ReadonlyMap<string, string>, operation: string) => boolean): PausedRefMove {
    let reached!: () => void;
    let release!: () => void;
    const pause: RefPause = { matches, reached: () => reached(), released: new Promise<void>((resolve) => (release = resolve)) };
    this.pauses.push(pause);
    return { reached: new Promise<void>((resolve) => (reached = resolve)), release: () => release() };
  }

  private async holdRefMove(operation: string, body: unknown): Promise<void> {
    const sha = refTarget(operation, body);
    if (!sha || !this.repo.git.commits.has(sha) || this.pauses.length === 0) return;
    const files = this.repo.git.filesAt(sha);
    const at = this.pauses.findIndex((p) => p.matches(files, operation));
    if (at < 0) return;
    const [pause] = this.pauses.splice(at, 1);
    pause!.reached();
    await pause!.released;
  }

  /** count returns how many requests hit an operation (all when omitted), optionally since an index. */
  count(operation?: string, since = 0): number {
    return this.requests.slice(since).filter((r) => operation === undefined || r.operation === operation).length;
  }

  /** make builds a schema-valid object of a component schema with real fields overlaid. */
  make(component: string, real: Record<string, unknown>): Record<string, unknown> {
    const schema = { $ref: `#/components/schemas/${component}` };
    return overlay(synthesize(schema, (n) => this.openapi.deref(n)), real) as Record<string, unknown>;
  }

  /** errorBody is GitHub's basic error shape. */
  errorBody(message: string): Record<string, unknown> {
    return { message, documentation_url: 'https://docs.github.com/rest' };
  }

  private takeFault(operation: string): (Fault & { left: number }) | undefined {
    const fault = this.faults.find((f) => f.operation === operation && f.left > 0);
    if (fault) fault.left -= 1;
    return fault;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    const text = await readBody(req);
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      this.violations.push(`${req.method} ${url.pathname}: body is not JSON`);
    }
    const method = req.method ?? 'GET';
    let reply: Reply & { operation?: string };
    try {
      reply = this.authorized(req) ? await this.dispatch(method, url, body) : { status: 401, body: this.errorBody('Bad credentials'), assumed: true };
    } catch (e) {
      this.violations.push(`${method} ${url.pathname}: the fake crashed: ${e instanceof Error ? e.stack : String(e)}`);
      reply = { status: 500, body: this.errorBody('fake crashed') };
    }
    this.requests.push({ method, path: url.pathname + url.search, operation: reply.operation ?? '?', status: reply.status });
    // With a clock set (setClock), answers are dated by it, as GitHub dates its answers and commits by its own clock.
    const dated = this.clocked ? { date: this.repo.git.now().toUTCString() } : {};
    res.writeHead(reply.status, { 'content-type': 'application/json; charset=utf-8', ...dated, ...(reply.headers ?? {}) });
    res.end(reply.body === undefined ? '' : JSON.stringify(reply.body));
  }

  private authorized(req: IncomingMessage): boolean {
    const auth = req.headers.authorization ?? '';
    const token = /^(?:token|bearer) (.+)$/i.exec(auth)?.[1] ?? '';
    this.requestToken = token;
    return token === this.token || token === this.patToken;
  }

  private async dispatch(method: string, url: URL, body: unknown): Promise<Reply & { operation?: string }> {
    if (method === 'POST' && (url.pathname === '/graphql' || url.pathname === '/api/graphql')) {
      await this.holdRefMove('graphql', body);
      const fault = this.takeFault('graphql');
      fault?.before?.(this.repo);
      if (fault?.reply && !fault.handled) return { ...fault.reply, operation: 'graphql' };
      const handled = handleGraphql(this, body);
      return { ...(fault?.reply ?? handled), operation: 'graphql' };
    }
    const op = this.openapi.match(method, url.pathname);
    if (!op) {
      this.violations.push(`${method} ${url.pathname}: no such operation in the OpenAPI description`);
      return { status: 404, body: this.errorBody('Not Found') };
    }
    await this.holdRefMove(op.operationId, body);
    const problems = this.openapi.checkRequest(op, url.searchParams, body);
    this.violations.push(...problems.map((p) => `${op.operationId} request: ${p}`));
    return { ...this.answer(op, url.searchParams, body), operation: op.operationId };
  }

  private answer(op: Operation, query: URLSearchParams, body: unknown): Reply {
    const fault = this.takeFault(op.operationId);
    fault?.before?.(this.repo);
    if (fault?.reply && !fault.handled) return fault.reply;
    const reply = this.route(op, query, body);
    return fault?.reply ?? reply;
  }

  private route(op: Operation, query: URLSearchParams, body: unknown): Reply {
    if (op.params['owner'] !== this.repo.owner || op.params['repo'] !== this.repo.name) {
      this.violations.push(`${op.operationId}: request for ${op.params['owner']}/${op.params['repo']}, which the fake does not hold`);
      return { status: 404, body: this.errorBody('Not Found') };
    }
    const route = REST_ROUTES[op.operationId];
    if (!route) {
      this.violations.push(`${op.operationId}: the fake does not implement this operation`);
      return { status: 501, body: this.errorBody('Not implemented by the fake'), assumed: true };
    }
    const reply = route(this, op.params, query, (body ?? {}) as Record<string, unknown>);
    if (!reply.assumed) {
      this.violations.push(...this.openapi.checkResponse(op, reply.status, reply.body).map((p) => `${op.operationId} ${p}`));
    }
    return reply;
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
