/**
 * startTokenServer: a distribution token server for tests (https://distribution.github.io/distribution/spec/auth/token/).
 * It issues RS256 JWTs signed with the test key in __fixtures__/registry/, with the test certificate in the
 * `x5c` header, which docker-registry 2.8 verifies against `auth.token.rootcertbundle`.
 * GET with Basic credentials, and the OAuth2 `refresh_token` grant POST for identity tokens, are supported.
 */
import { createSign, randomUUID, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';

/** TOKEN_ISSUER_CERT is the path of the test certificate the registry trusts (rootcertbundle). */
export const TOKEN_ISSUER_CERT = fileURLToPath(new URL('../__fixtures__/registry/token-issuer.crt', import.meta.url));
const TOKEN_ISSUER_KEY = fileURLToPath(new URL('../__fixtures__/registry/token-issuer.key', import.meta.url));

/** TokenServerOptions say who may have tokens. */
export interface TokenServerOptions {
  service: string;
  issuer: string;
  /** username -> password accepted as Basic credentials. */
  users?: Record<string, string>;
  /** identity (refresh) token -> username, for the refresh_token grant. */
  identityTokens?: Record<string, string>;
  /** Issue pull-only tokens to anonymous clients. */
  anonymousPull?: boolean;
  expiresIn?: number;
}

/** TokenRequestRecord is what a test can assert about one token request (never the secret itself). */
export interface TokenRequestRecord {
  method: string;
  scope?: string;
  service?: string;
  subject?: string;
  grantType?: string;
}

/** TokenServer is a running token server. */
export interface TokenServer {
  /** The realm URL to put in the registry's config. */
  realm: string;
  requests: TokenRequestRecord[];
  /** issue signs a token for `scope` (`repository:name:pull,push`) directly, for the harness's pushes. */
  issue(scope: string, subject: string): string;
  stop(): Promise<void>;
}

function base64url(data: string | Buffer): string {
  return Buffer.from(data).toString('base64url');
}

function signer(options: TokenServerOptions): (scope: string | undefined, subject: string, onlyPull: boolean) => string {
  const key = readFileSync(TOKEN_ISSUER_KEY, 'utf8');
  const der = new X509Certificate(readFileSync(TOKEN_ISSUER_CERT)).raw.toString('base64');
  return (scope, subject, onlyPull) => {
    const access = (scope ?? '').split(' ').filter(Boolean).map((s) => {
      const [type, ...rest] = s.split(':');
      const actions = (rest.pop() ?? '').split(',').filter((a) => !onlyPull || a === 'pull');
      return { type, name: rest.join(':'), actions };
    });
    const now = Math.floor(Date.now() / 1000);
    const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT', x5c: [der] }));
    const claims = { iss: options.issuer, sub: subject, aud: options.service, exp: now + 600, nbf: now - 60, iat: now, jti: randomUUID(), access };
    const payload = `${header}.${base64url(JSON.stringify(claims))}`;
    return `${payload}.${createSign('RSA-SHA256').update(payload).sign(key).toString('base64url')}`;
  };
}

function basicUser(request: IncomingMessage, users: Record<string, string>): string | undefined {
  const header = request.headers.authorization ?? '';
  if (!header.startsWith('Basic ')) return undefined;
  const decoded = Buffer.from(header.slice(6), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const [user, password] = [decoded.slice(0, colon), decoded.slice(colon + 1)];
  return colon > 0 && users[user] === password ? user : undefined;
}

async function readForm(request: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

/** startTokenServer listens on 127.0.0.1 (a free port) and answers token requests. */
export async function startTokenServer(options: TokenServerOptions): Promise<TokenServer> {
  const sign = signer(options);
  const requests: TokenRequestRecord[] = [];
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const form = request.method === 'POST' ? await readForm(request) : url.searchParams;
    const record: TokenRequestRecord = { method: request.method ?? 'GET', scope: form.get('scope') ?? undefined, service: form.get('service') ?? undefined };
    if (request.method === 'POST') {
      record.grantType = form.get('grant_type') ?? undefined;
      record.subject = record.grantType === 'refresh_token' ? options.identityTokens?.[form.get('refresh_token') ?? ''] : undefined;
    } else {
      record.subject = basicUser(request, options.users ?? {});
    }
    requests.push(record);
    const denied = record.subject === undefined && (request.headers.authorization !== undefined || request.method === 'POST' || !options.anonymousPull);
    if (denied || record.service !== options.service) {
      response.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ errors: [{ code: 'UNAUTHORIZED', message: 'bad credentials' }] }));
      return;
    }
    const token = sign(record.scope, record.subject ?? 'anonymous', record.subject === undefined);
    const body = request.method === 'POST' ? { access_token: token, expires_in: options.expiresIn ?? 300 } : { token, access_token: token, expires_in: options.expiresIn ?? 300 };
    response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
  const server = createServer((request, response) => {
    handle(request, response).catch(() => response.writeHead(500).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    realm: `http://127.0.0.1:${port}/token`,
    requests,
    issue: (scope, subject) => sign(scope, subject, false),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
