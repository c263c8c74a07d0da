/**
 * WWW-Authenticate parsing and token-request building (pure), per the distribution token spec
 * (https://distribution.github.io/distribution/spec/auth/token/ and .../oauth/).
 */
import type { Credential } from './client.js';

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

function parseRealm(realm: string | undefined): URL | undefined {
  if (!realm) return undefined;
  try {
    const url = new URL(realm);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url : undefined;
  } catch {
    return undefined;
  }
}
