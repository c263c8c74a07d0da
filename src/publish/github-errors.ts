/**
 * Turning GitHub API failures into PublishErrors that say what permission or setting is missing and
 * how to fix it. Messages carry GitHub's own message and status, never a token or header.
 */
import { PublishError } from '../errors.js';

/** PERMISSIONS_FIX is the fix for a token that may not write contents or pull requests. */
export const PERMISSIONS_FIX =
  'Give the workflow `permissions: contents: write` and `pull-requests: write` (or use a GitHub App token with Contents and Pull requests read & write).';

/** HttpFailure is the part of an Octokit RequestError the publisher reads. */
export interface HttpFailure {
  status: number;
  message: string;
  /** When a rate limit resets (ISO time), when GitHub said. */
  resetAt?: string;
}

/** asHttpFailure narrows an unknown error to an HTTP failure (Octokit RequestError shape). */
export function asHttpFailure(error: unknown): HttpFailure | undefined {
  if (error && typeof error === 'object' && typeof (error as { status?: unknown }).status === 'number') {
    const headers = (error as { response?: { headers?: Record<string, unknown> } }).response?.headers;
    const resetAt = rateLimitReset(headers);
    return { status: (error as { status: number }).status, message: String((error as { message?: unknown }).message ?? ''), ...(resetAt ? { resetAt } : {}) };
  }
  return undefined;
}

/** isNotFastForward says whether a ref update was refused because the branch moved. */
export function isNotFastForward(error: unknown): boolean {
  const f = asHttpFailure(error);
  return f?.status === 422 && /not a fast.?forward/i.test(f.message);
}

/** isAlreadyExists says whether a create failed because the thing exists (ref or pull request). */
export function isAlreadyExists(error: unknown): boolean {
  const f = asHttpFailure(error);
  return f?.status === 422 && /already exists/i.test(f.message + JSON.stringify((error as { response?: { data?: unknown } }).response?.data ?? ''));
}

/** ACTIONS_MAY_NOT_CREATE_PULLS_FIX is the fix for GitHub's "not permitted to create or approve pull requests". */
export const ACTIONS_MAY_NOT_CREATE_PULLS_FIX =
  'This is a repository (or organisation) setting, not the workflow permissions: enable Settings → Actions → General → Workflow permissions → "Allow GitHub Actions to create and approve pull requests" (an organisation may have to allow it first), or pass a GitHub App token (actions/create-github-app-token) as `token`.';

/** rulesetRule extracts the violated rules of a "Repository rule violations found" message. */
export function rulesetRule(message: string): string | undefined {
  if (!/repository rule violations found/i.test(message)) return undefined;
  const rules = message.split('\n').slice(1).map((l) => l.replace(/^[-\s]+/, '').trim()).filter((l) => l !== '' && !/^https?:\/\//.test(l));
  return rules.length > 0 ? rules.join('; ') : 'a ruleset of the repository';
}

/** rateLimitReset tells when a rate limit resets, from retry-after or x-ratelimit-reset (ISO time), when GitHub said. */
export function rateLimitReset(headers: Record<string, unknown> | undefined, now = Date.now()): string | undefined {
  const after = Number(headers?.['retry-after']);
  if (Number.isFinite(after) && after > 0) return new Date(now + after * 1000).toISOString();
  const reset = Number(headers?.['x-ratelimit-reset']);
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000).toISOString() : undefined;
}

/** isRateLimited says whether a failure is GitHub's primary or secondary rate limit. */
export function isRateLimited(failure: HttpFailure): boolean {
  return (failure.status === 403 || failure.status === 429) && /rate limit/i.test(failure.message);
}

/** fixFor returns the sentence telling the user what to change for a failure. */
export function fixFor(failure: HttpFailure, repository: string, branch?: string): string {
  const m = failure.message;
  if (failure.status === 401) return 'The token was rejected: check the `token` input (it may be expired or revoked).';
  if (/archived/i.test(m)) return `Unarchive ${repository} in its settings, or point \`repository\` at a repository that is not archived.`;
  if (/not permitted to create or approve pull requests/i.test(m)) return ACTIONS_MAY_NOT_CREATE_PULLS_FIX;
  const rule = rulesetRule(m);
  if (rule) {
    return `A ruleset on ${branch ?? 'the branch'} refused the push (rule: ${rule}): use \`mode: pull-request\` or \`auto-merge\` for these Applications, or add the token's actor (e.g. the GitHub App) to the ruleset's bypass list.`;
  }
  if (/protected branch/i.test(m)) {
    return `${branch ? `Branch ${branch}` : 'The branch'} is protected against direct pushes: use \`mode: pull-request\` or \`auto-merge\` for these Applications, or allow the token's actor to bypass the protection.`;
  }
  if (isRateLimited(failure)) {
    return `GitHub's ${/secondary/i.test(m) ? 'secondary' : 'primary'} rate limit was still exhausted after waiting and retrying${failure.resetAt ? `; it resets at ${failure.resetAt}` : ''}. Run again later, or spread runs out (\`concurrency:\`, fewer parallel jobs).`;
  }
  if (failure.status === 403) return PERMISSIONS_FIX;
  if (failure.status === 404) {
    return `The token cannot see ${repository} (GitHub answers 404 for repositories a token may not read). GITHUB_TOKEN only reaches the repository the workflow runs in: for another repository (S1) pass a GitHub App token or a PAT that can read and write ${repository} as \`token\`.`;
  }
  return 'See the GitHub message above; the run can be retried.';
}

/** toPublishError wraps a GitHub failure with what was being done, the status and the fix. */
export function toPublishError(error: unknown, doing: string, repository: string, branch?: string): PublishError {
  if (error instanceof PublishError) return error;
  const failure = asHttpFailure(error);
  if (!failure) {
    const message = error instanceof Error ? error.message : String(error);
    return new PublishError(`${doing} in ${repository} failed: ${message}`, { cause: error });
  }
  return new PublishError(`${doing} in ${repository} failed (HTTP ${failure.status}: ${failure.message.trim().replace(/\s*\n+\s*/g, ' ')}).`, {
    status: failure.status,
    fix: fixFor(failure, repository, branch),
    cause: error,
  });
}
