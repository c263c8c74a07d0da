/**
 * The GitHub client: @octokit/rest with the retry and throttling plugins, as create-pull-request's
 * octokit-client.ts does. Temporary faults (5xx) are retried by plugin-retry; primary and secondary
 * rate limits (403/429 with retry-after) by plugin-throttling; configuration errors never.
 */
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Logger } from '../logger.js';
import { NullLogger } from '../logger.js';

/** GitHubClient is the Octokit type the publisher uses. */
export type GitHubClient = Octokit;

/**
 * DO_NOT_RETRY lists statuses that mean "your request or your permissions", never worth repeating.
 * 429 is here because plugin-throttling already retries it after retry-after; 409 is a merge conflict
 * or an empty repository.
 */
export const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];

/** DEFAULT_API_URL is github.com's REST endpoint. */
export const DEFAULT_API_URL = 'https://api.github.com';

const RETRIES = 3;
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
  const Client = Octokit.plugin(retry, throttling);
  const onLimit = (kind: string) => (retryAfter: number, options: { method?: string; url?: string }, _o: unknown, retryCount: number) => {
    logger.warning(`GitHub ${kind} rate limit on ${options.method} ${options.url}; retry ${retryCount + 1} after ${retryAfter}s`);
    return retryCount < RATE_LIMIT_RETRIES;
  };
  // The plugin types want Bottleneck groups; PASS_THROUGH implements the one method it calls.
  const group = PASS_THROUGH as never;
  const pacing = params.noPacing ? { global: group, write: group, search: group, notifications: group, auth: group } : {};
  return new Client({
    auth: params.token,
    baseUrl: params.baseUrl ?? apiBaseUrl(),
    userAgent: 'argocd-image-promoter',
    log: { debug: () => undefined, info: () => undefined, warn: (m: string) => logger.debug(m), error: (m: string) => logger.debug(m) },
    retry: { doNotRetry: DO_NOT_RETRY, retries: RETRIES, retryAfterBaseValue: base },
    throttle: { onRateLimit: onLimit('primary'), onSecondaryRateLimit: onLimit('secondary'), retryAfterBaseValue: base, ...pacing },
  }) as GitHubClient;
}
