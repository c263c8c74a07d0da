/**
 * A small read-only OCI Distribution v2 server on 127.0.0.1 for the demo and for tests: example images
 * in memory, optional Basic auth, optional latency, optional Google extended tags/list answers.
 * Routes follow https://github.com/opencontainers/distribution-spec/blob/main/spec.md (pull side only).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildRepositories, type RepositoryContent } from './oci-content.js';
import type { ExampleImage } from './oci-images.js';
import { answerTagList } from './oci-tags.js';

export type { ExampleImage, ExampleTag, ManifestFormat } from './oci-images.js';
export { loadExampleImages } from './oci-images.js';

/** OciServerOptions configures startOciServer. */
export interface OciServerOptions {
  images: ExampleImage[];
  /** Delay before every answer, in milliseconds (simulates a remote registry). */
  latencyMs?: number;
  /** Answer tags/list with Google's extended form (`manifest`, `child`, `name`), as gcr.io / pkg.dev do. */
  googleTagList?: boolean;
  /** Require HTTP Basic auth with exactly these credentials on every request. */
  auth?: { username: string; password: string };
  /** Page size used when a tags/list request has no `n` (as Docker Hub or GHCR page by default); default: no paging. */
  pageSize?: number;
}

/** RecordedRequest is one request the server received, `path` including its query string. */
export interface RecordedRequest {
  method: string;
  path: string;
}

/** OciServer is a running server: its base URL, `host:port`, the requests received so far, and stop(). */
export interface OciServer {
  url: string;
  host: string;
  requests: RecordedRequest[];
  /** digest returns the digest a tag resolves to (index digest for multi-platform tags). */
  digest(repository: string, tag: string): string | undefined;
  stop(): Promise<void>;
}

/** REALM is the Basic realm distribution's htpasswd auth announces. */
const REALM = 'Registry Realm';
const ROUTE = /^\/v2\/(.+)\/(tags\/list|manifests\/([^/]+)|blobs\/([^/]+))$/;

/** startOciServer serves `options.images` on a random free port of 127.0.0.1. */
export async function startOciServer(options: OciServerOptions): Promise<OciServer> {
  const repos = buildRepositories(options.images);
  const requests: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? 'GET', path: req.url ?? '/' });
    void delay(options.latencyMs)
      .then(() => handle(req, res, repos, options))
      .catch((error: unknown) => sendError(res, 500, 'UNKNOWN', String(error)));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    requests,
    digest: (repository, tag) => repos.get(repository)?.tagDigests.get(tag),
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets would hold close() open until they time out.
        server.closeAllConnections();
      }),
  };
}

function handle(req: IncomingMessage, res: ServerResponse, repos: Map<string, RepositoryContent>, options: OciServerOptions): void {
  res.setHeader('Docker-Distribution-API-Version', 'registry/2.0');
  if (options.auth && !authorized(req.headers.authorization, options.auth)) {
    res.setHeader('WWW-Authenticate', `Basic realm="${REALM}"`);
    return sendError(res, 401, 'UNAUTHORIZED', 'authentication required');
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'HEAD') {
    return sendError(res, 405, 'UNSUPPORTED', 'this registry is read-only');
  }
  if (url.pathname === '/v2/' || url.pathname === '/v2') return sendJson(res, 200, {}, method);
  const match = ROUTE.exec(url.pathname);
  if (!match) return sendError(res, 404, 'NOT_FOUND', 'not found');
  const repo = repos.get(match[1]!);
  if (!repo) return sendError(res, 404, 'NAME_UNKNOWN', 'repository name not known to registry', { name: match[1] });
  if (match[2] === 'tags/list') {
    const answer = answerTagList(repo, url, { google: options.googleTagList ?? false, pageSize: options.pageSize });
    if ('error' in answer) return sendError(res, 400, answer.error, answer.message);
    if (answer.link) res.setHeader('Link', answer.link);
    return sendJson(res, 200, answer.body, method);
  }
  if (match[3] !== undefined) return sendManifest(res, repo, decodeURIComponent(match[3]), method);
  return sendBlob(res, repo, decodeURIComponent(match[4]!), method);
}

function sendManifest(res: ServerResponse, repo: RepositoryContent, reference: string, method: string): void {
  const digest = reference.startsWith('sha256:') ? reference : repo.tagDigests.get(reference);
  const manifest = digest === undefined ? undefined : repo.manifests.get(digest);
  if (!manifest) {
    const detail = reference.startsWith('sha256:') ? { Digest: reference } : { Tag: reference };
    return sendError(res, 404, 'MANIFEST_UNKNOWN', 'manifest unknown', detail);
  }
  res.setHeader('Docker-Content-Digest', manifest.digest);
  res.setHeader('ETag', `"${manifest.digest}"`);
  sendBytes(res, manifest.bytes, manifest.mediaType, method);
}

function sendBlob(res: ServerResponse, repo: RepositoryContent, digest: string, method: string): void {
  const blob = repo.blobs.get(digest);
  if (!blob) return sendError(res, 404, 'BLOB_UNKNOWN', 'blob unknown to registry', { Digest: digest });
  res.setHeader('Docker-Content-Digest', digest);
  sendBytes(res, blob, 'application/octet-stream', method);
}

/** authorized compares a Basic Authorization header with the expected credentials. */
function authorized(header: string | undefined, auth: { username: string; password: string }): boolean {
  const match = /^Basic\s+(\S+)$/i.exec(header ?? '');
  if (!match) return false;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon >= 0 && decoded.slice(0, colon) === auth.username && decoded.slice(colon + 1) === auth.password;
}

function sendJson(res: ServerResponse, status: number, body: unknown, method = 'GET'): void {
  res.statusCode = status;
  sendBytes(res, Buffer.from(JSON.stringify(body)), 'application/json', method);
}

/** sendError answers with the distribution spec's error body. */
function sendError(res: ServerResponse, status: number, code: string, message: string, detail?: unknown): void {
  sendJson(res, status, { errors: [{ code, message, ...(detail === undefined ? {} : { detail }) }] });
}

function sendBytes(res: ServerResponse, bytes: Buffer, contentType: string, method: string): void {
  res.setHeader('Content-Type', contentType);
  res.setHeader('Content-Length', bytes.length);
  res.end(method === 'HEAD' ? undefined : bytes);
}

function delay(ms: number | undefined): Promise<void> {
  return ms && ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();
}
