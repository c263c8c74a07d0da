/**
 * Per-registry request rate (registries.conf `limit`, requests per second). The updater wraps every
 * HTTP call, token and blob requests included, in go.uber.org/ratelimit's leaky bucket
 * (`ratelimit.New(limit)`): calls are spaced 1/limit apart. We do the same, without burst, so a
 * run never exceeds the rate even in its first second.
 */
import { sleepFor } from './retry.js';

/** Clock is the time source of the limiter; injectable so tests do not wait. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

/** systemClock is the real clock. */
export const systemClock: Clock = { now: () => Date.now(), sleep: sleepFor };

/**
 * rateLimiter returns a function to await before each request. `undefined`, 0 or a negative rate
 * means unlimited (the updater treats a configured entry without `limit`, or `limit <= 0`, so).
 * Each call reserves the next free slot synchronously, so concurrent callers are spaced too.
 */
export function rateLimiter(requestsPerSecond: number | undefined, clock: Clock = systemClock): () => Promise<void> {
  if (requestsPerSecond === undefined || !(requestsPerSecond > 0) || !Number.isFinite(requestsPerSecond)) {
    return () => Promise.resolve();
  }
  const interval = 1000 / requestsPerSecond;
  let next = Number.NEGATIVE_INFINITY;
  return async () => {
    const now = clock.now();
    const slot = Math.max(now, next);
    next = slot + interval;
    if (slot > now) await clock.sleep(slot - now);
  };
}
