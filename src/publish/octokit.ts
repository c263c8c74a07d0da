/**
 * The GitHub client: @octokit/rest with the throttling plugin and our retry policy. Primary and
 * secondary rate limits (403/429 with GitHub's wording or headers) are waited out by
 * plugin-throttling; temporary faults (5xx) and a plain 429 by retry-policy.ts; configuration errors
 * never. Every wait is logged (how long, why). Writes are paced one per second by plugin-throttling,
 * so one run stays under GitHub's documented 80 content-creating requests per minute.
 */
import { Octokit } from '@octokit/rest';
import { throttling } from '@octokit/plugin-throttling';
import type { Logger } from '../logger.js';
import { NullLogger } from '../logger.js';
import { installRetryPolicy } from './retry-policy.js';

/** GitHubClient is the Octokit type the publisher uses. */
export type GitHubClient = Octokit;

/** DEFAULT_API_URL is github.com's REST endpoint. */
export const DEFAULT_API_URL = 'https://api.github.com';

const RATE_LIMIT_RETRIES = 2;

/** OctokitParams configure createOctokit. */
export interface OctokitParams {
  token: string;
  /** REST base URL; GitHub Enterprise Server uses `https://host/api/v3` (GraphQL is derived by Octokit). */
  baseUrl?: string;
  logger?: Logger;
  /** Milliseconds per second of retry-after / back-off (tests pass 0 so nothing sleeps). */
  retryAfterBaseMs?: number;
  /** Skip the client-side pacing of writes (1 s between writes); for tests against a fake only. */
  noPacing?: boolean;
}

/**
 * TEST_ONLY_NO_WAITS names the environment variable with which the test suite runs the built action and CLI
 * against the fake GitHub without waiting: no pacing of writes, retry-after and back-off of 0 s. Retries, their
 * counts and their log lines stay as they are. Not a user setting (undocumented on purpose).
 */
export const TEST_ONLY_NO_WAITS = 'ARGOCD_IMAGE_PROMOTER_TEST_ONLY_NO_WAITS';

/** testOnlyWaits reads TEST_ONLY_NO_WAITS (the only place that does): `'1'` removes waiting, anything else keeps production pacing. */
export function testOnlyWaits(env: Record<string, string | undefined>): Pick<OctokitParams, 'noPacing' | 'retryAfterBaseMs'> {
  return env[TEST_ONLY_NO_WAITS] === '1' ? { noPacing: true, retryAfterBaseMs: 0 } : {};
}

/** apiBaseUrl returns GITHUB_API_URL (set by the runner, GHES included) or github.com's. */
export function apiBaseUrl(env: Record<string, string | undefined> = process.env): string {
  return (env['GITHUB_API_URL'] || DEFAULT_API_URL).replace(/\/+$/, '');
}

/** A limiter group that runs jobs at once (Bottleneck Group interface subset used by the plugin). */
const PASS_THROUGH = {
  key: () => ({
    schedule: (options: unknown, fn: unknown, ...args: unknown[]) =>
      typeof options === 'function' ? options(fn, ...args) : (fn as (...a: unknown[]) => unknown)(...args),
  }),
};

/** createOctokit builds the client. The token never appears in logs: Octokit's log is routed to debug without headers. */
export function createOctokit(params: OctokitParams): GitHubClient {
  const logger = params.logger ?? NullLogger;
  const base = params.retryAfterBaseMs ?? 1000;
  const Client = Octokit.plugin(throttling);
  const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _o: unknown, retryCount: number) => {
    const retrying = retryCount < RATE_LIMIT_RETRIES;
    logger.warning(`GitHub ${kind} rate limit on ${options.method} ${options.url}; ${retrying ? `waiting ${retryAfter}s before retry ${retryCount + 1}` : `giving up after ${retryCount} retries`}`);
    return retrying;
  };
  // The plugin types want Bottleneck groups; PASS_THROUGH implements the one method it calls.
  const group = PASS_THROUGH as never;
  const pacing = params.noPacing ? { global: group, write: group, search: group, notifications: group, auth: group } : {};
  const octokit = new Client({
    auth: params.token,
    baseUrl: params.baseUrl ?? apiBaseUrl(),
    userAgent: 'argocd-image-promoter',
    log: { debug: () => undefined, info: () => undefined, warn: (m: string) => logger.debug(m), error: (m: string) => logger.debug(m) },
    throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary'), retryAfterBaseValue: base, ...pacing },
  }) as GitHubClient;
  installRetryPolicy(octokit, logger, base);
  return octokit;
}
