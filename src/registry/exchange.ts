/**
 * What one registry HTTP exchange is, and the errors it can end in: status errors with the fix for the
 * common ones, transport errors (refused, reset, timed out), and URL redaction for messages.
 */
import { RegistryError } from '../errors.js';
import { parseRetryAfter } from './retry.js';

/** RequestKind names what a request was for (requestCount keys). */
export type RequestKind = 'ping' | 'token' | 'tags' | 'manifest' | 'blob';

/** Exchange is one HTTP request's answer, body read. */
export interface Exchange {
  status: number;
  headers: Headers;
  body: Uint8Array;
  /** The URL that answered (after redirects). */
  url: URL;
}

/** redactUrl renders a URL for messages: origin and path only (query strings can carry tokens; go-containerregistry redact.URL). */
export function redactUrl(url: URL): string {
  return `${url.origin}${url.pathname}`;
}

/** parseNextLink returns the target of a `Link: <...>; rel="next"` header (RFC 8288), if any. */
export function parseNextLink(header: string | null): string | undefined {
  for (const part of header?.split(',') ?? []) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (match && /;\s*rel="?next"?/i.test(match[2] ?? '')) return match[1];
  }
  return undefined;
}

const FIX_BY_STATUS: Record<number, string> = {
  401: 'Log in with docker/login-action, set docker-config, or add credentials for this registry in registries-config.',
  403: 'The credentials are not allowed to pull this image: grant read access or use other credentials.',
  404: 'Check the image name (and the registries-config prefix/defaultns) and that the tag exists.',
};

/** statusError turns a non-2xx answer into a RegistryError; 408, 429 and 5xx are temporary (retried). `unauthorizedFix` replaces the 401 fix. */
export function statusError(kind: RequestKind, exchange: Exchange, host: string, unauthorizedFix?: string): RegistryError {
  const temporary = exchange.status === 408 || exchange.status === 429 || exchange.status >= 500;
  const fix = (exchange.status === 401 ? unauthorizedFix : undefined) ?? FIX_BY_STATUS[exchange.status] ?? (temporary ? 'The registry is failing or rate-limiting; run again later.' : undefined);
  const retryAfterMs = temporary ? parseRetryAfter(exchange.headers.get('retry-after')) : undefined;
  return new RegistryError(`${kind} request to ${redactUrl(exchange.url)} failed with HTTP ${exchange.status}`, {
    host,
    status: exchange.status,
    temporary,
    ...(fix ? { fix } : {}),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  });
}

/** transportError turns a network failure or timeout into a temporary RegistryError. */
export function transportError(kind: RequestKind, url: URL, error: unknown, host: string, waited?: string): RegistryError {
  if (error instanceof RegistryError) return error;
  const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
  const reason = timedOut ? `timed out${waited ? ` (no answer in ${waited})` : ''}` : `failed (${error instanceof Error ? error.message : String(error)})`;
  return new RegistryError(`${kind} request to ${redactUrl(url)} ${reason}`, { host, temporary: true, cause: error });
}

const MIB = 1024 * 1024;
/**
 * BODY_LIMITS caps what one answer may hold, per kind, so a hostile or broken registry cannot exhaust
 * memory. Manifests: distribution refuses to store more than 4 MiB. Tags: 64 MiB holds a 500,000-tag
 * page of 128-character tags (Google answers every tag in one page).
 */
export const BODY_LIMITS: Record<RequestKind, number> = { ping: MIB, token: MIB, tags: 64 * MIB, manifest: 4 * MIB, blob: 8 * MIB };

/** readCappedBody reads a response body, refusing (with a RegistryError that names the limit) one over `limit` bytes. */
export async function readCappedBody(response: Response, kind: RequestKind, url: URL, host: string): Promise<Uint8Array> {
  const limit = BODY_LIMITS[kind];
  const tooLarge = () =>
    new RegistryError(`the ${kind} answer from ${redactUrl(url)} is larger than ${limit / MIB} MiB; stopped reading it`, {
      host,
      status: response.status,
      fix: kind === 'tags' ? 'Delete old tags in this repository, or ask the registry for smaller pages.' : 'Check that api_url points at an OCI registry.',
    });
  if (Number(response.headers.get('content-length') ?? 0) > limit) {
    await response.body?.cancel();
    throw tooLarge();
  }
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body) {
    size += chunk.byteLength;
    // Throwing ends the loop, which cancels the stream: the rest is never read.
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}
