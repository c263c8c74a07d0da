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
}

/** asHttpFailure narrows an unknown error to an HTTP failure (Octokit RequestError shape). */
export function asHttpFailure(error: unknown): HttpFailure | undefined {
  if (error && typeof error === 'object' && typeof (error as { status?: unknown }).status === 'number') {
    return { status: (error as { status: number }).status, message: String((error as { message?: unknown }).message ?? '') };
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

/** fixFor returns the sentence telling the user what to change for a failure. */
export function fixFor(failure: HttpFailure, repository: string, branch?: string): string {
  const m = failure.message;
  if (failure.status === 401) return 'The token was rejected: check the `token` input (it may be expired or revoked).';
  if (/archived/i.test(m)) return `Unarchive ${repository} in its settings, or point \`repository\` at a repository that is not archived.`;
  if (/protected branch/i.test(m)) {
    return `Branch ${branch ?? ''} is protected against direct pushes: use \`mode: pull-request\` or \`auto-merge\` for these Applications, or allow the token's actor to bypass the protection.`;
  }
  if (failure.status === 403) return PERMISSIONS_FIX;
  if (failure.status === 404) return `Check that ${repository} exists and that the token can read it (a GitHub App must be installed on it).`;
  return 'See the GitHub message above; the run can be retried.';
}

/** toPublishError wraps a GitHub failure with what was being done, the status and the fix. */
export function toPublishError(error: unknown, doing: string, repository: string, branch?: string): PublishError {
  if (error instanceof PublishError) return error;
  const failure = asHttpFailure(error);
  if (!failure) {
    const message = error instanceof Error ? error.message : String(error);
    return new PublishError(`argocd-image-promoter: ${doing} in ${repository} failed: ${message}`, { cause: error });
  }
  return new PublishError(`argocd-image-promoter: ${doing} in ${repository} failed (HTTP ${failure.status}: ${failure.message}).`, {
    status: failure.status,
    fix: fixFor(failure, repository, branch),
    cause: error,
  });
}
