/**
 * Deterministic pull request branches: one per Application (or per group), so a later run finds and
 * updates the same PR instead of opening another. The updater's PR mode instead derives a new branch
 * from each change set (`image-updater-<targetKey>-<sha256>`, §3.2), which is why it cannot upsert.
 */
import { createHash } from 'node:crypto';
import type { ImageChange } from './types.js';

/** DEFAULT_BRANCH_PREFIX is the prefix of every branch this tool owns. */
export const DEFAULT_BRANCH_PREFIX = 'image-promoter/';

/** MAX_BRANCH_LENGTH keeps names within the updater's 255-character limit with room to spare. */
const MAX_BRANCH_LENGTH = 200;

/**
 * branchName maps a group key to a valid git branch name under the prefix: characters git refuses
 * (space ~ ^ : ? * [ \ and controls), `..`, `@{`, leading dots and a `.lock` suffix are replaced.
 */
export function branchName(key: string, prefix = DEFAULT_BRANCH_PREFIX): string {
  let name = key
    .trim()
    .replace(/[\s~^:?*[\\\x00-\x1f\x7f]+/g, '-')
    .replace(/@\{/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/\/{2,}/g, '/')
    .split('/')
    .map((part) => part.replace(/^\.+/, '').replace(/\.lock$/i, '-lock'))
    .filter((part) => part !== '')
    .join('/')
    .replace(/[./]+$/, '');
  if (name === '') name = 'default';
  if (name.length > MAX_BRANCH_LENGTH) {
    const hash = createHash('sha256').update(key).digest('hex').slice(0, 8);
    name = `${name.slice(0, MAX_BRANCH_LENGTH - 9).replace(/[./]+$/, '')}-${hash}`;
  }
  return `${prefix}${name}`;
}

/**
 * changeFingerprint identifies what a PR deploys (application, alias, image, new tag, digest),
 * independent of unrelated base-branch commits: the same fingerprint means the PR is unchanged.
 */
export function changeFingerprint(changes: readonly ImageChange[]): string {
  const lines = changes.map((c) => [c.namespace ?? '', c.application, c.alias, c.image, c.to, c.digest ?? '', c.file].join('|')).sort();
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}
