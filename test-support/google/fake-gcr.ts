/**
 * A local registry front that behaves like GCR / Artifact Registry for reading tags: `/v2/` answers 401
 * with a Bearer challenge, `/v2/token` takes Basic `oauth2accesstoken:<access token>` and accepts only a
 * token the fake Google endpoints issued, and tags/list carries Google's `manifest` map.
 * Requests are counted per kind; every Authorization header is recorded.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { closeServer, listen, sendJson, type TokenStore } from './fake-google-apis.js';

/** GoogleRepository is one repository's tags and the `manifest` map Google would send. */
export interface GoogleRepository {
  tags: string[];
  manifest: Record<string, { tag: string[]; timeCreatedMs: string; timeUploadedMs: string; mediaType: string; imageSizeBytes: string; layerId: string }>;
}

/**
 * googleRepository makes `count` single-arch tags `build-<i>`, one digest each, created one minute
 * apart from `startMs` (so `build-<count-1>` is the newest), uploaded in reverse order (so push time
 * would pick the wrong tag).
 */
export function googleRepository(count: number, startMs = Date.parse('2024-01-01T00:00:00Z')): GoogleRepository {
  const tags: string[] = [];
  const manifest: GoogleRepository['manifest'] = {};
  for (let i = 0; i < count; i++) {
    const tag = `build-${i}`;
    tags.push(tag);
    const digest = `sha256:${createHash('sha256').update(tag).digest('hex')}`;
    manifest[digest] = {
      tag: [tag],
      timeCreatedMs: String(startMs + i * 60_000),
      timeUploadedMs: String(startMs + (count - i) * 60_000),
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      imageSizeBytes: '2811903',
      layerId: '',
    };
  }
  return { tags, manifest };
}

/** FakeGcr is a running front; `counts` per request kind, `authorizations` seen on every request. */
export interface FakeGcr {
  url: string;
  /** The host part of `url` (`127.0.0.1:port`). */
  host: string;
  counts: { ping: number; token: number; tags: number; manifest: number; other: number };
  authorizations: string[];
  close(): Promise<void>;
}

/** startFakeGcr serves `repositories` for the registry name `service` (e.g. `asia.gcr.io`). */
export async function startFakeGcr(store: TokenStore, repositories: Record<string, GoogleRepository>, service = 'gcr.io'): Promise<FakeGcr> {
  const counts = { ping: 0, token: 0, tags: 0, manifest: 0, other: 0 };
  const authorizations: string[] = [];
  const registryTokens = new Set<string>();
  let realm = '';
  const server = createServer((request, response) => {
    if (request.headers.authorization) authorizations.push(request.headers.authorization);
    handle(request, response);
  });
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const challenge = { 'www-authenticate': `Bearer realm="${realm}",service="${service}"`, 'docker-distribution-api-version': 'registry/2.0' };
    if (url.pathname === '/v2/') {
      counts.ping++;
      return sendJson(response, 401, { errors: [{ code: 'UNAUTHORIZED' }] }, challenge);
    }
    if (url.pathname === '/v2/token') {
      counts.token++;
      const [user, password] = Buffer.from((request.headers.authorization ?? '').replace(/^Basic /, ''), 'base64').toString('utf8').split(/:(.*)/s);
      if (user !== 'oauth2accesstoken' || !password || !store.issued.has(password)) return sendJson(response, 401, { errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] });
      const token = `registry-${randomBytes(8).toString('hex')}`;
      registryTokens.add(token);
      return sendJson(response, 200, { token, expires_in: 3600 });
    }
    const tags = /^\/v2\/(.+)\/tags\/list$/.exec(url.pathname);
    const bearer = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (tags?.[1] !== undefined) {
      counts.tags++;
      if (!registryTokens.has(bearer)) return sendJson(response, 401, { errors: [{ code: 'UNAUTHORIZED' }] }, challenge);
      const repository = repositories[tags[1]];
      if (!repository) return sendJson(response, 404, { errors: [{ code: 'NAME_UNKNOWN' }] });
      return sendJson(response, 200, { child: [], manifest: repository.manifest, name: tags[1], tags: repository.tags });
    }
    if (/^\/v2\/.+\/manifests\//.test(url.pathname)) counts.manifest++;
    else counts.other++;
    return sendJson(response, 404, { errors: [{ code: 'MANIFEST_UNKNOWN' }] });
  };
  const port = await listen(server);
  realm = `http://127.0.0.1:${port}/v2/token`;
  return { url: `http://127.0.0.1:${port}`, host: `127.0.0.1:${port}`, counts, authorizations, close: () => closeServer(server) };
}
