/**
 * Retry policy for registry requests (HOUSE-STYLE 12): retry only what is temporary (408, 429, 5xx,
 * network faults, timeouts), never another 4xx, and honour `Retry-After`. Backoff is exponential and
 * the sleep is injectable so tests never wait (go-containerregistry's `fastBackoff`).
 */
import pRetry from 'p-retry';
import { RegistryError } from '../errors.js';
import { DeadlineError, seconds, type RegistryBudget } from './deadline.js';

/** RetryOptions tune retryPolicy; every field has a default. */
export interface RetryOptions {
  /** Retries after the first attempt (default 3, so at most 4 attempts). */
  retries?: number;
  /** First backoff delay (default 500 ms); doubled per retry. */
  minDelayMs?: number;
  /** Cap on the backoff and on a registry's `Retry-After` (default 30 s). */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  /** The deadlines: a wait longer than what is left is not waited (a DeadlineError instead). */
  budget?: RegistryBudget;
  /** Told what is being waited for, before each wait (a progress line). */
  onWait?: (message: string) => void;
}

const DEFAULT_RETRIES = 3;
const DEFAULT_MIN_DELAY_MS = 500;
const DEFAULT_MAX_DELAY_MS = 30_000;
// Node's network error codes that mean "try again": the connection broke, not the request.
const RETRYABLE_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** sleepFor is the real sleep (a timer). */
export function sleepFor(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * isRetryable decides whether an error is worth another attempt: a RegistryError marked temporary or
 * with a 408/429/5xx status, an aborted/timed-out fetch, or a network error code. Everything else
 * (401, 403, 404, bad JSON, config errors) fails at once.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof RegistryError) {
    if (error.temporary) return true;
    // go-containerregistry's defaultRetryStatusCodes widened to every 5xx, plus 408 (toolkit's isRetryableStatusCode).
    if (error.status !== undefined) return error.status === 408 || error.status === 429 || error.status >= 500;
    return isNetworkFault(error.cause);
  }
  return isNetworkFault(error);
}

function isNetworkFault(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  if (error.name === 'TimeoutError' || error.name === 'AbortError') return true;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && RETRYABLE_CODES.has(code)) return true;
  // undici reports every transport failure as `TypeError: fetch failed` with the real error as cause.
  if (error instanceof TypeError && error.message === 'fetch failed') return true;
  return error.cause !== undefined && error.cause !== error && isNetworkFault(error.cause);
}

/**
 * parseRetryAfter reads a `Retry-After` header (delta seconds or an HTTP date) into milliseconds from
 * `now`; undefined when absent or unreadable. A date in the past means "now" (0).
 */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/[a-z]/i.test(text)) return undefined; // "1.5" or "-3" are not valid Retry-After values
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * backoffDelay is the wait before retry number `retry` (1-based): the registry's `Retry-After` when it
 * gave one, else minDelay * 2^(retry-1); both capped at maxDelay.
 */
export function backoffDelay(retry: number, error: unknown, minDelayMs: number, maxDelayMs: number): number {
  const asked = error instanceof RegistryError ? error.retryAfterMs : undefined;
  const delay = asked ?? minDelayMs * 2 ** (retry - 1);
  return Math.min(Math.max(0, delay), maxDelayMs);
}

/**
 * retryPolicy returns a wrapper that runs an operation with retries (p-retry). p-retry's own timer is
 * set to 0 and the wait happens in `shouldRetry` through the injected sleep, so tests control time.
 */
export function retryPolicy(options: RetryOptions = {}): <T>(operation: () => Promise<T>) => Promise<T> {
  const retries = options.retries ?? DEFAULT_RETRIES;
  const minDelayMs = options.minDelayMs ?? DEFAULT_MIN_DELAY_MS;
  const maxDelayMs = options.maxDelayMs ?? DEFAULT_MAX_DELAY_MS;
  const sleep = options.sleep ?? sleepFor;
  return <T>(operation: () => Promise<T>) =>
    pRetry(() => operation(), {
      retries,
      minTimeout: 0,
      maxTimeout: 0,
      randomize: false,
      shouldRetry: async ({ error, retriesConsumed }) => {
        if (!isRetryable(error)) return false;
        const delay = backoffDelay(retriesConsumed + 1, error, minDelayMs, maxDelayMs);
        const remaining = options.budget?.remainingMs() ?? Number.POSITIVE_INFINITY;
        const asked = error instanceof RegistryError ? error.retryAfterMs : undefined;
        if (delay >= remaining || (asked !== undefined && asked > remaining)) {
          const wait = asked === undefined ? `a retry in ${seconds(delay)}` : `the registry asks to wait ${seconds(asked)} (Retry-After)`;
          throw new DeadlineError(`${error.message}; ${wait}, but only ${seconds(remaining)} remain of ${options.budget?.describe()}: not waiting`, (error as RegistryError).host);
        }
        options.onWait?.(`${error.message}; retry ${retriesConsumed + 1} of ${retries} in ${seconds(delay)}${Number.isFinite(remaining) ? ` (${seconds(remaining)} left of registry-timeout)` : ''}`);
        await sleep(delay);
        return true;
      },
    });
}
