/**
 * WWW-Authenticate parsing, token-request building (pure), and the per-registry auth state that uses
 * them through an injected transport, per the distribution token spec
 * (https://distribution.github.io/distribution/spec/auth/token/ and .../oauth/).
 */
import { RegistryError } from '../errors.js';
import type { Credential, CredentialSource } from './client.js';
import { isGoogleHost } from './google-hosts.js';
import type { TokenResponse } from './manifest-schema.js';

/** Challenge is one parsed WWW-Authenticate challenge: the scheme (lower case) and its parameters. */
export interface Challenge {
  scheme: 'bearer' | 'basic' | string;
  params: Record<string, string>;
}

/** TokenRequest is what to send to a token realm. */
export interface TokenRequest {
  url: URL;
  method: 'GET' | 'POST';
  headers: Record<string, string>;
  body?: string;
}

/** CLIENT_ID identifies us to token servers (the OAuth2 spec requires one for refresh_token grants). */
export const CLIENT_ID = 'argocd-image-promoter';

const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+/;

/** parseChallenge parses the first challenge of a WWW-Authenticate header; undefined when there is none. */
export function parseChallenge(header: string | null | undefined): Challenge | undefined {
  if (!header) return undefined;
  let rest = header.trim();
  const scheme = TOKEN.exec(rest)?.[0];
  if (!scheme) return undefined;
  rest = rest.slice(scheme.length);
  const params: Record<string, string> = {};
  for (;;) {
    rest = rest.replace(/^[\s,]+/, '');
    const name = TOKEN.exec(rest)?.[0];
    if (!name || !rest.slice(name.length).trimStart().startsWith('=')) break;
    rest = rest.slice(name.length).trimStart().slice(1).trimStart();
    const value = readParamValue(rest);
    params[name.toLowerCase()] = value.value;
    rest = value.rest;
  }
  return { scheme: scheme.toLowerCase(), params };
}

function readParamValue(text: string): { value: string; rest: string } {
  if (!text.startsWith('"')) {
    // Lenient: RFC 7235 wants a token here, but unquoted URLs are seen in the wild.
    const token = /^[^,\s]*/.exec(text)?.[0] ?? '';
    return { value: token, rest: text.slice(token.length) };
  }
  let value = '';
  for (let i = 1; i < text.length; i++) {
    const c = text[i];
    if (c === '\\' && i + 1 < text.length) value += text[++i];
    else if (c === '"') return { value, rest: text.slice(i + 1) };
    else value += c;
  }
  return { value, rest: '' };
}

/** pullScope is the token scope for reading one repository. */
export function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

/** basicAuthorization renders an `Authorization: Basic` value. */
export function basicAuthorization(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`, 'utf8').toString('base64')}`;
}

/**
 * buildTokenRequest builds the token request for a Bearer challenge: a GET with Basic credentials
 * (or none), or for an identity token the OAuth2 `refresh_token` grant POST, as docker does.
 * Returns undefined when the challenge has no usable realm.
 */
export function buildTokenRequest(challenge: Challenge, repository: string, credential?: Credential): TokenRequest | undefined {
  const realm = parseRealm(challenge.params.realm);
  if (!realm) return undefined;
  const service = challenge.params.service;
  const scope = pullScope(repository);
  if (credential?.kind === 'identity-token') {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: credential.token, client_id: CLIENT_ID, scope });
    if (service) form.set('service', service);
    return { url: realm, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: form.toString() };
  }
  if (service) realm.searchParams.set('service', service);
  realm.searchParams.set('scope', scope);
  const headers: Record<string, string> = {};
  if (credential?.kind === 'basic') {
    headers.authorization = basicAuthorization(credential.username, credential.password);
    realm.searchParams.set('account', credential.username);
  }
  return { url: realm, method: 'GET', headers };
}

/**
 * mayReceiveCredential tells whether a token realm may receive `credential`: Google credentials go only to a
 * realm on a Google host or on the registry's own origin (`apiOrigin`); others go wherever the registry's
 * challenge sends them (Docker Hub's realm is auth.docker.io), as docker does.
 */
export function mayReceiveCredential(credential: Credential, realm: string | undefined, apiOrigin: string): boolean {
  if (credential.audience !== 'google') return true;
  const url = parseRealm(realm);
  return url !== undefined && (url.origin === apiOrigin || (url.protocol === 'https:' && isGoogleHost(url.host)));
}

function parseRealm(realm: string | undefined): URL | undefined {
  if (!realm) return undefined;
  try {
    const url = new URL(realm);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** AuthTransport is what an AuthSession needs from the client: the `/v2/` ping and one token exchange. */
export interface AuthTransport {
  /** ping returns the challenge of `/v2/` (undefined when it answers 200). */
  ping(): Promise<Challenge | undefined>;
  fetchToken(request: TokenRequest): Promise<TokenResponse>;
}

/** AuthSessionOptions bind a session to one registry host and its credential sources. */
export interface AuthSessionOptions {
  /** The image's registry host; credentials are asked for with it. */
  host: string;
  sources: readonly CredentialSource[];
  transport: AuthTransport;
  now: () => number;
  /** The origin requests go to (the api_url's); a realm there may receive any credential. */
  apiOrigin: string;
  /** Told when a credential is withheld from a realm (once per realm). */
  onWithheld?: (message: string) => void;
}

interface CachedToken {
  value: string;
  expiresAt: number;
}

// Token spec: "If omitted, the token should be assumed to expire in 60 seconds."
const DEFAULT_TOKEN_SECONDS = 60;
const TOKEN_EXPIRY_MARGIN_MS = 10_000;

/**
 * AuthSession keeps one registry's auth state: the ping's challenge (asked once), credentials per
 * repository (first source that answers), and Bearer tokens per scope until `expires_in`.
 */
export class AuthSession {
  private challenge: Promise<Challenge | undefined> | undefined;
  private readonly tokens = new Map<string, Promise<CachedToken>>();
  private readonly credentials = new Map<string, Promise<Credential | undefined>>();
  private readonly withheld = new Set<string>();

  constructor(private readonly options: AuthSessionOptions) {}

  /** authorize returns the Authorization header for reading `repository`, or undefined for anonymous. */
  async authorize(repository: string): Promise<string | undefined> {
    const challenge = await this.ping();
    if (challenge?.scheme === 'basic') {
      const credential = await this.credentialFor(repository);
      return credential?.kind === 'basic' ? basicAuthorization(credential.username, credential.password) : undefined;
    }
    if (challenge?.scheme === 'bearer') return `Bearer ${(await this.token(challenge, repository)).value}`;
    return undefined;
  }

  /**
   * reauthorize handles a 401: adopt its challenge (a registry may allow the anonymous ping and still
   * guard repositories), drop the repository's token, and return a header worth one more try, if any.
   */
  async reauthorize(repository: string, wwwAuthenticate: string | null, previous: string | undefined): Promise<string | undefined> {
    const challenge = parseChallenge(wwwAuthenticate);
    if (challenge) this.challenge = Promise.resolve(challenge);
    this.tokens.delete(pullScope(repository));
    const fresh = await this.authorize(repository);
    return fresh !== undefined && fresh !== previous ? fresh : undefined;
  }

  private ping(): Promise<Challenge | undefined> {
    this.challenge ??= this.options.transport.ping().catch((error: unknown) => {
      this.challenge = undefined;
      throw error;
    });
    return this.challenge;
  }

  private token(challenge: Challenge, repository: string): Promise<CachedToken> {
    const scope = pullScope(repository);
    const cached = this.tokens.get(scope);
    if (cached) {
      return cached.then((t) => {
        if (t.expiresAt > this.options.now()) return t;
        // Only the first caller to see the expiry drops it; the others then share its new request.
        if (this.tokens.get(scope) === cached) this.tokens.delete(scope);
        return this.token(challenge, repository);
      });
    }
    const pending = this.requestToken(challenge, repository).catch((error: unknown) => {
      this.tokens.delete(scope);
      throw error;
    });
    this.tokens.set(scope, pending);
    return pending;
  }

  private async requestToken(challenge: Challenge, repository: string): Promise<CachedToken> {
    const request = buildTokenRequest(challenge, repository, await this.credentialForRealm(challenge, repository));
    if (!request) {
      throw new RegistryError('the registry asked for a Bearer token without a usable realm', { host: this.options.host, fix: 'Check the registry api_url in registries-config.' });
    }
    const token = await this.options.transport.fetchToken(request);
    const seconds = token.expiresIn ?? DEFAULT_TOKEN_SECONDS;
    return { value: token.token, expiresAt: this.options.now() + seconds * 1000 - TOKEN_EXPIRY_MARGIN_MS };
  }

  /** credentialForRealm is the repository's credential, unless the realm may not receive it (then anonymous). */
  private async credentialForRealm(challenge: Challenge, repository: string): Promise<Credential | undefined> {
    const credential = await this.credentialFor(repository);
    if (credential === undefined || mayReceiveCredential(credential, challenge.params.realm, this.options.apiOrigin)) return credential;
    const realm = challenge.params.realm ?? '';
    if (!this.withheld.has(realm)) {
      this.withheld.add(realm);
      this.options.onWithheld?.(`${this.options.host}: the token realm ${redactRealm(realm)} is not a Google host; Google credentials are not sent there (the token is asked for anonymously).`);
    }
    return undefined;
  }

  private credentialFor(repository: string): Promise<Credential | undefined> {
    let pending = this.credentials.get(repository);
    if (!pending) {
      pending = (async () => {
        for (const source of this.options.sources) {
          const credential = await source.credentialFor(this.options.host, repository);
          if (credential) return credential;
        }
        return undefined;
      })();
      this.credentials.set(repository, pending);
    }
    return pending;
  }
}

/** redactRealm renders a realm for a message: origin and path only. */
function redactRealm(realm: string): string {
  const url = parseRealm(realm);
  return url ? `${url.origin}${url.pathname}` : JSON.stringify(realm.slice(0, 80));
}
