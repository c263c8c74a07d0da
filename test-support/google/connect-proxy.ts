/**
 * A loopback HTTPS (CONNECT) proxy for tests: google-auth-library sends a service-account key's token
 * request only to the fixed https://oauth2.googleapis.com/token, so a child process runs with
 * HTTPS_PROXY pointing here and NODE_EXTRA_CA_CERTS trusting the test CA. The proxy tunnels the
 * allowed `host:443` names to local ports and refuses everything else, so nothing reaches the internet.
 */
import { createServer } from 'node:http';
import { connect, type Socket } from 'node:net';
import { closeServer, listen } from './fake-google-apis.js';

/** ConnectProxy is a running proxy; `tunnels` and `refused` list the CONNECT targets asked for. */
export interface ConnectProxy {
  url: string;
  tunnels: string[];
  refused: string[];
  close(): Promise<void>;
}

/** startConnectProxy tunnels each `routes` key (`host:port`) to 127.0.0.1 at the given local port. */
export async function startConnectProxy(routes: Record<string, number>): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const refused: string[] = [];
  // Tunnelled sockets leave the HTTP server's bookkeeping, so close() must end them itself.
  const sockets = new Set<Socket>();
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };
  const server = createServer((request, response) => {
    // Plain-HTTP proxying is never expected: the library's token URL is https.
    refused.push(`${request.method} ${request.url}`);
    response.writeHead(403).end();
  });
  server.on('connect', (request, client, head) => {
    const target = request.url ?? '';
    const port = routes[target];
    if (port === undefined) {
      refused.push(target);
      client.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    tunnels.push(target);
    track(client as Socket);
    const upstream = connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length > 0) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  const port = await listen(server);
  const close = () => {
    for (const socket of sockets) socket.destroy();
    return closeServer(server);
  };
  return { url: `http://127.0.0.1:${port}`, tunnels, refused, close };
}
