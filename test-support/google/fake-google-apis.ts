/**
 * Fake Google endpoints for the real google-auth-library, all on 127.0.0.1:
 * - the GCE metadata server (reached through GCE_METADATA_HOST): ping, token, email, project-id;
 * - STS (`token_url` of an external-account file) and IAM Credentials impersonation
 *   (`service_account_impersonation_url`);
 * - a GitHub-Actions-like OIDC endpoint (the `credential_source.url` google-github-actions/auth writes);
 * - OAuth `/token` (JWT bearer for service-account keys, refresh_token for authorized users), served
 *   over HTTPS as `oauth2.googleapis.com` by startGoogleTokenServer (the library's URL is fixed).
 * Every access token issued is recorded in a TokenStore, which the fake GCR front consults.
 */
import { createVerify, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';

const FIXTURES = new URL('../../__fixtures__/google/', import.meta.url);
/** fixturePath is the absolute path of a file in __fixtures__/google/. */
export const fixturePath = (name: string): string => new URL(name, FIXTURES).pathname;

/** TokenStore issues fake access tokens and remembers them; counts requests per route. */
export class TokenStore {
  readonly issued = new Set<string>();
  readonly counts: Record<string, number> = {};
  /** Requests nobody expected (path and method); a test asserts it stays empty. */
  readonly unexpected: string[] = [];
  /** When set, the named route answers with this HTTP status (a refused or failing token). */
  readonly refuse = new Map<string, number>();

  issue(kind: string): string {
    const token = `ya29.test-${kind}-${randomBytes(12).toString('hex')}`;
    this.issued.add(token);
    return token;
  }

  count(route: string): void {
    this.counts[route] = (this.counts[route] ?? 0) + 1;
  }
}

/** readBody reads a request body as text. */
export async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** sendJson answers with JSON and extra headers. */
export function sendJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}

/** listen starts a server on 127.0.0.1 and returns its port. */
export async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** closeServer stops a server, cutting keep-alive connections. */
export function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}

/** FakeGoogleApis is the running plain-HTTP fake (metadata, STS, impersonation, OIDC). */
export interface FakeGoogleApis {
  /** `127.0.0.1:port`, the value for GCE_METADATA_HOST. */
  host: string;
  url: string;
  store: TokenStore;
  /** The OIDC token the fake GitHub endpoint hands out, which STS accepts as subject token. */
  oidcToken: string;
  serviceAccount: string;
  close(): Promise<void>;
}

const SERVICE_ACCOUNT = 'promoter@test-project.iam.gserviceaccount.com';

/** startFakeGoogleApis starts the metadata/STS/impersonation/OIDC fake. */
export async function startFakeGoogleApis(store: TokenStore = new TokenStore()): Promise<FakeGoogleApis> {
  const oidcToken = `eyJhbGciOiJSUzI1NiJ9.${Buffer.from('{"sub":"repo:o/r"}').toString('base64url')}.c2ln`;
  const server = createServer((request, response) => {
    void route(request, response, store, oidcToken).catch((error: unknown) => sendJson(response, 500, { error: String(error) }));
  });
  const port = await listen(server);
  return { host: `127.0.0.1:${port}`, url: `http://127.0.0.1:${port}`, store, oidcToken, serviceAccount: SERVICE_ACCOUNT, close: () => closeServer(server) };
}

async function route(request: IncomingMessage, response: ServerResponse, store: TokenStore, oidcToken: string): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const path = url.pathname;
  if (path.startsWith('/computeMetadata/v1/')) return metadata(request, response, store, path.slice('/computeMetadata/v1/'.length));
  const routeName = path === '/v1/token' ? 'sts' : path.endsWith(':generateAccessToken') ? 'impersonate' : path === '/oidc' ? 'oidc' : undefined;
  if (routeName === undefined || request.method !== (routeName === 'oidc' ? 'GET' : 'POST')) {
    store.unexpected.push(`${request.method} ${path}`);
    return sendJson(response, 404, { error: 'not found' });
  }
  store.count(routeName);
  const refused = store.refuse.get(routeName);
  if (refused) return sendJson(response, refused, { error: 'invalid_grant', error_description: `the ${routeName} request was refused` });
  if (routeName === 'oidc') {
    if (request.headers.authorization !== 'Bearer github-request-token') return sendJson(response, 401, { message: 'bad request token' });
    return sendJson(response, 200, { value: oidcToken });
  }
  if (routeName === 'sts') return sts(request, response, store, oidcToken);
  const bearer = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
  if (!store.issued.has(bearer)) return sendJson(response, 401, { error: { code: 401, message: 'impersonation needs an STS token' } });
  const expireTime = new Date(Date.now() + 3600_000).toISOString();
  return sendJson(response, 200, { accessToken: store.issue('impersonated'), expireTime });
}

async function sts(request: IncomingMessage, response: ServerResponse, store: TokenStore, oidcToken: string): Promise<void> {
  const form = new URLSearchParams(await readBody(request));
  const ok =
    form.get('grant_type') === 'urn:ietf:params:oauth:grant-type:token-exchange' &&
    form.get('subject_token') === oidcToken &&
    form.get('requested_token_type') === 'urn:ietf:params:oauth:token-type:access_token';
  if (!ok) return sendJson(response, 400, { error: 'invalid_grant', error_description: 'subject token not accepted' });
  return sendJson(response, 200, { access_token: store.issue('sts'), issued_token_type: 'urn:ietf:params:oauth:token-type:access_token', token_type: 'Bearer', expires_in: 3600 });
}

/** metadata answers like the GCE metadata server: only with `Metadata-Flavor: Google`, echoing it. */
function metadata(request: IncomingMessage, response: ServerResponse, store: TokenStore, key: string): void {
  store.count(`metadata:${key.split('?')[0]}`);
  const headers = { 'metadata-flavor': 'Google' };
  if (request.headers['metadata-flavor'] !== 'Google') {
    response.writeHead(403, headers);
    return void response.end('Missing Metadata-Flavor header');
  }
  const refused = store.refuse.get('metadata');
  const text = (body: string): void => {
    response.writeHead(200, { ...headers, 'content-type': 'application/text' });
    response.end(body);
  };
  if (key === 'instance' || key === 'instance/') return text('{}');
  if (key === 'project/project-id') return text('test-project');
  if (key === 'instance/service-accounts/default/email') return text(SERVICE_ACCOUNT);
  if (key === 'universe/universe-domain') return text('googleapis.com');
  if (key === 'instance/service-accounts/default/token') {
    if (refused) return sendJson(response, refused, { error: 'no service account' }, headers);
    return sendJson(response, 200, { access_token: store.issue('metadata'), expires_in: 3599, token_type: 'Bearer' }, headers);
  }
  store.unexpected.push(`metadata ${key}`);
  response.writeHead(404, headers);
  response.end();
}

/** GoogleTokenServer is the HTTPS fake of https://oauth2.googleapis.com/token (test CA certificate). */
export interface GoogleTokenServer {
  port: number;
  close(): Promise<void>;
}

/**
 * startGoogleTokenServer serves POST /token over HTTPS with a certificate for oauth2.googleapis.com
 * signed by __fixtures__/google/test-ca.crt. JWT assertions must be signed by the fixture key.
 */
export async function startGoogleTokenServer(store: TokenStore): Promise<GoogleTokenServer> {
  const publicKey = readFileSync(fixturePath('service-account.pub.pem'), 'utf8');
  const server = createHttpsServer({ key: readFileSync(fixturePath('google-apis.key')), cert: readFileSync(fixturePath('google-apis.crt')) }, (request, response) => {
    void oauthToken(request, response, store, publicKey).catch((error: unknown) => sendJson(response, 500, { error: String(error) }));
  });
  const port = await listen(server);
  return { port, close: () => closeServer(server) };
}

async function oauthToken(request: IncomingMessage, response: ServerResponse, store: TokenStore, publicKey: string): Promise<void> {
  if (request.method !== 'POST' || request.url !== '/token') {
    store.unexpected.push(`${request.method} https://oauth2.googleapis.com${request.url}`);
    return sendJson(response, 404, { error: 'not found' });
  }
  const form = new URLSearchParams(await readBody(request));
  const grant = form.get('grant_type');
  store.count(`oauth:${grant}`);
  const refused = store.refuse.get('oauth');
  if (refused) return sendJson(response, refused, { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' });
  if (grant === 'urn:ietf:params:oauth:grant-type:jwt-bearer' && validAssertion(form.get('assertion') ?? '', publicKey)) {
    return sendJson(response, 200, { access_token: store.issue('service-account'), expires_in: 3599, token_type: 'Bearer' });
  }
  if (grant === 'refresh_token' && form.get('refresh_token') === '1//test-refresh-token' && form.get('client_secret') === 'test-client-secret') {
    return sendJson(response, 200, { access_token: store.issue('user'), expires_in: 3599, token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/cloud-platform' });
  }
  return sendJson(response, 400, { error: 'invalid_grant', error_description: 'Bad Request' });
}

/** validAssertion checks an RS256 JWT from the fixture service account asking for cloud-platform. */
function validAssertion(jwt: string, publicKey: string): boolean {
  const [header, payload, signature] = jwt.split('.');
  if (!header || !payload || !signature) return false;
  const verifier = createVerify('RSA-SHA256');
  verifier.update(`${header}.${payload}`);
  if (!verifier.verify(publicKey, Buffer.from(signature, 'base64url'))) return false;
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { iss?: string; scope?: string; aud?: string };
  return claims.iss === SERVICE_ACCOUNT && claims.scope === 'https://www.googleapis.com/auth/cloud-platform' && claims.aud === 'https://oauth2.googleapis.com/token';
}
