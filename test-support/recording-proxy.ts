/**
 * startRecordingProxy: a loopback reverse proxy in front of a real server (the docker-registry) that records
 * every request's method and path, so end-to-end tests can count what a run asked. Bodies and headers pass
 * through untouched (Authorization included, to the one upstream it fronts).
 */
import { createServer, request, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** RecordingProxy is a running proxy and what it has seen. */
export interface RecordingProxy {
  /** `http://127.0.0.1:<port>` */
  url: string;
  requests: { method: string; path: string }[];
  stop(): Promise<void>;
}

/** startRecordingProxy forwards to `upstream` (an `http://127.0.0.1:<port>` origin). */
export async function startRecordingProxy(upstream: string): Promise<RecordingProxy> {
  const target = new URL(upstream);
  const requests: RecordingProxy['requests'] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/' });
    const forward = request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    forward.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
