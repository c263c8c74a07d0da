/**
 * The retry policy for GitHub requests that plugin-throttling does not handle: 5xx answers and a plain
 * 429 (one without GitHub's rate-limit wording or headers). Every wait is logged with how long and why.
 * A request sent with `request: { retries: 0 }` is never repeated (a POST that may have been applied).
 */
import type { Octokit } from '@octokit/rest';
import type { Logger } from '../logger.js';

/** SERVER_RETRIES bounds the retries of a 5xx answer (waits of 1, 4, 9 s). */
export const SERVER_RETRIES = 3;
/** TOO_MANY_RETRIES bounds the retries of a plain 429. */
export const TOO_MANY_RETRIES = 2;
/** PLAIN_429_WAIT is the wait in seconds after a 429 without retry-after. */
export const PLAIN_429_WAIT = 60;

interface RequestOptions {
  method?: string;
  url?: string;
  request?: { retries?: number };
}

interface Failure {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, unknown> };
}

/** retryWait returns how many seconds to wait before retry `attempt` (0-based) and why, or undefined to give up. */
export function retryWait(error: unknown, attempt: number, options: RequestOptions): { seconds: number; why: string } | undefined {
  const failure = (error ?? {}) as Failure;
  const status = failure.status ?? 0;
  const allowed = options.request?.retries;
  if (allowed === 0) return undefined;
  if (status === 429 && !/rate limit/i.test(failure.message ?? '') && attempt < (allowed ?? TOO_MANY_RETRIES)) {
    const after = Number(failure.response?.headers?.['retry-after']);
    const seconds = Number.isFinite(after) && after >= 0 ? after : PLAIN_429_WAIT;
    return { seconds, why: `GitHub answered 429 Too Many Requests${Number.isFinite(after) ? ` with retry-after ${after}` : ''}` };
  }
  if (status >= 500 && attempt < (allowed ?? SERVER_RETRIES)) return { seconds: (attempt + 1) ** 2, why: `GitHub answered ${status} (a temporary fault)` };
  return undefined;
}

/** installRetryPolicy wraps every request of the client in the policy; `baseMs` is the length of one second (tests pass 0). */
export function installRetryPolicy(octokit: Octokit, logger: Logger, baseMs: number): void {
  octokit.hook.wrap('request', async (request, options) => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await request(options);
      } catch (error) {
        const wait = retryWait(error, attempt, options as RequestOptions);
        if (!wait) throw error;
        logger.warning(`${wait.why} on ${options.method} ${options.url}; waiting ${wait.seconds}s before retry ${attempt + 1}`);
        await new Promise((resolve) => setTimeout(resolve, wait.seconds * baseMs));
      }
    }
  });
}
