/**
 * One registry HTTP exchange, redirects followed by hand so Authorization goes only to the origin that
 * issued it (registries redirect blobs to storage hosts; SPEC 10), each hop under the operation's deadline.
 */
import { RegistryError } from '../errors.js';
import { DeadlineError, seconds, type RegistryBudget } from './deadline.js';
import { readCappedBody, redactUrl, transportError, type Exchange, type RequestKind } from './exchange.js';

const MAX_REDIRECTS = 5;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

/** OutgoingRequest is what one exchange sends. */
export interface OutgoingRequest {
  method: 'GET' | 'HEAD' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/** HopRequest is one exchange to make: what for, where, and the Authorization only `authOrigin` may receive. */
export interface HopRequest {
  kind: RequestKind;
  url: URL;
  init: OutgoingRequest;
  authorization?: string;
  authOrigin: string;
}

/** HopPolicy is how exchanges are made for one registry. */
export interface HopPolicy {
  fetch: typeof fetch;
  /** The registry host, for errors. */
  host: string;
  /** Per-request timeout; cut to what is left of the budget. */
  timeoutMs: number;
  budget?: RegistryBudget;
  /** Awaited before every request (the registries.conf rate limit). */
  beforeRequest?: () => Promise<void>;
  /** Told of every request sent (redirect hops included). */
  count: (kind: RequestKind) => void;
}

/** followRedirects sends the request and follows up to 5 redirects; Authorization is dropped on other origins. */
export async function followRedirects(request: HopRequest, policy: HopPolicy): Promise<Exchange> {
  let current = request.url;
  let { method, body } = request.init;
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    await policy.beforeRequest?.();
    const timeoutMs = Math.min(policy.timeoutMs, policy.budget?.remainingMs() ?? Number.POSITIVE_INFINITY);
    if (timeoutMs <= 0) throw new DeadlineError(`${request.kind} request to ${redactUrl(current)} not sent: ${policy.budget?.describe()} is used up`, policy.host);
    policy.count(request.kind);
    const headers: Record<string, string> = { ...request.init.headers };
    if (request.authorization && current.origin === request.authOrigin) headers.authorization = request.authorization;
    try {
      const response = await policy.fetch(current, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
      const location = response.headers.get('location');
      if (REDIRECTS.has(response.status) && location) {
        await response.body?.cancel();
        current = new URL(location, current);
        if (response.status === 303) [method, body] = ['GET', undefined];
        continue;
      }
      return { status: response.status, headers: response.headers, body: await readCappedBody(response, request.kind, current, policy.host), url: current };
    } catch (error) {
      throw transportError(request.kind, current, error, policy.host, seconds(timeoutMs));
    }
  }
  throw new RegistryError(`more than ${MAX_REDIRECTS} redirects from ${redactUrl(request.url)}`, { host: policy.host });
}
