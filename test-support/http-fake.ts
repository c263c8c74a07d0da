/**
 * A tiny node:http registry fake on 127.0.0.1 for faults the real docker-registry does not produce:
 * hostile tags, lying headers, oversized bodies, hangs, 429s, odd pagination. Routes answer a Reply;
 * anything unrouted answers 599 so tests see it. Call closeHttpFakes() in afterEach.
 */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Reply is one canned answer: a string body is sent as is, anything else as JSON. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  delayMs?: number;
}

/** HttpFake is a running fake: its origin, `host:port`, the requests it saw, and close(). */
export interface HttpFake {
  origin: string;
  host: string;
  requests: { method: string; path: string; authorization?: string }[];
  close(): Promise<void>;
}

const running: HttpFake[] = [];

/** closeHttpFakes closes every fake started so far. */
export async function closeHttpFakes(): Promise<void> {
  await Promise.all(running.splice(0).map((f) => f.close()));
}

/** forgetHttpFake drops a fake the test closed itself. */
export function forgetHttpFake(fake: HttpFake): void {
  running.splice(running.indexOf(fake), 1);
}

/** startHttpFake serves `route` (method, path with query, request) on a free loopback port. */
export async function startHttpFake(route: (method: string, path: string, req: IncomingMessage) => Reply | undefined): Promise<HttpFake> {
  const requests: HttpFake['requests'] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ method: req.method ?? '', path, ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}) });
    const reply = route(req.method ?? '', path, req) ?? { status: 599, body: { unexpected: path } };
    const body = typeof reply.body === 'string' ? reply.body : reply.body === undefined ? '' : JSON.stringify(reply.body);
    const timer = setTimeout(() => res.writeHead(reply.status, reply.headers).end(body), reply.delayMs ?? 0);
    res.on('close', () => clearTimeout(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake: HttpFake = {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  running.push(fake);
  return fake;
}
