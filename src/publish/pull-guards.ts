/**
 * Guards (pure) that keep people's decisions and newer work when a run meets one of our pull requests:
 * a commit on its branch that we did not write, a proposal older than the one it carries, a change a
 * person already declined.
 */
import { compareByName } from '../strategy/alphabetical.js';
import { compareTagsAsSemver } from '../strategy/semver.js';
import type { RecordedChange } from './pr-record.js';
import { proposesAll, sameImage, type PullRecord } from './pr-record.js';

/** REENABLE_LABEL re-arms auto-merge on a pull request opened after a person declined an earlier one. */
export const REENABLE_LABEL = 'image-promoter:auto-merge';

/** tagOf strips a pinned digest (`1.2.0@sha256:…`). */
function tagOf(to: string): string {
  const at = to.indexOf('@');
  return at < 0 ? to : to.slice(0, at);
}

/**
 * compareProposals orders two proposed tags of one image by the image's strategy (< 0: `a` is older);
 * undefined when the strategy cannot tell from tag names alone (newest-build and digest order by registry data).
 */
export function compareProposals(strategy: string, a: string, b: string): number | undefined {
  const [ta, tb] = [{ tag: tagOf(a) }, { tag: tagOf(b) }];
  if (strategy === 'semver') return compareTagsAsSemver(ta, tb);
  if (strategy === 'alphabetical') return compareByName(ta, tb);
  return undefined;
}

/**
 * olderThanProposed finds a change of this run that proposes an older tag than the open pull request
 * already does for the same image (by the image's strategy). A rollback is a person's deliberate choice: never older.
 */
export function olderThanProposed(proposed: readonly RecordedChange[], changes: readonly RecordedChange[]): { change: RecordedChange; proposed: string } | undefined {
  for (const change of changes) {
    const earlier = proposed.find((p) => sameImage(p, change));
    if (!earlier || earlier.to === change.to || change.strategy === 'rollback' || earlier.strategy !== change.strategy) continue;
    if ((compareProposals(change.strategy, change.to, earlier.to) ?? 0) < 0) return { change, proposed: earlier.to };
  }
  return undefined;
}

/** Declined is a pull request of ours that a person closed without merging. */
export interface Declined {
  number: number;
  url: string;
  record?: PullRecord;
  /** Fingerprint marker of its body (pull requests opened before the record existed). */
  fingerprint?: string;
}

/** isDeclinedChange tells whether this run's change set is one the person already declined (nothing new in it). */
export function isDeclinedChange(declined: Declined, changes: readonly RecordedChange[], fingerprint: string): boolean {
  return declined.record ? proposesAll(declined.record.changes, changes) : declined.fingerprint === fingerprint;
}

/** declinedNote is the body paragraph of a pull request opened after a decline. */
export function declinedNote(declined: Declined, autoMerge: boolean): string {
  const rearm = autoMerge ? ` Auto-merge is not armed because of that decline: add the label \`${REENABLE_LABEL}\` to this pull request (or enable auto-merge on it) to let it merge on its own.` : '';
  return `A person closed the earlier pull request of this group without merging it: [#${declined.number}](${declined.url}). This one proposes newer images.${rearm}`;
}
