/**
 * Never older (pure): a proposal older than the one an open pull request carries is not made, by the image's
 * strategy order; and the body paragraph of a pull request opened after a decline. Who owns a pull request, its
 * commits and its entries (declines, foreign commits, checked images) is decided in owner.ts.
 */
import { compareByName } from '../strategy/alphabetical.js';
import { compareTagsAsSemver } from '../strategy/semver.js';
import type { RecordedChange } from './pr-record.js';
import { sameImage, type Declined } from './owner.js';

/** REENABLE_LABEL re-arms auto-merge on a pull request opened after a person declined an earlier one. */
export const REENABLE_LABEL = 'image-promoter:auto-merge';

/** tagOf strips a pinned digest (`1.2.0@sha256:…`). */
function tagOf(to: string): string {
  const at = to.indexOf('@');
  return at < 0 ? to : to.slice(0, at);
}

/** byTime orders two ISO times (undefined when either is unknown or unreadable). */
function byTime(a: string | undefined, b: string | undefined): number | undefined {
  const [ta, tb] = [Date.parse(a ?? ''), Date.parse(b ?? '')];
  return Number.isNaN(ta) || Number.isNaN(tb) ? undefined : ta - tb;
}

/** Proposal is what orders one proposal of an image: its tag (with digest) and, when recorded, its times. */
export type Proposal = Pick<RecordedChange, 'to' | 'created' | 'seenAt'>;

/**
 * compareProposals orders two proposals of one image by the image's strategy (< 0: `a` is older): semver and
 * alphabetical by tag, newest-build by the image's build time, digest (one tracked tag) by the build time when known,
 * else by when each run read the registry (the tag pointed at the later-read digest later); undefined when it
 * cannot tell (a proposal recorded before these times were).
 */
export function compareProposals(strategy: string, a: Proposal, b: Proposal): number | undefined {
  const [ta, tb] = [{ tag: tagOf(a.to) }, { tag: tagOf(b.to) }];
  if (strategy === 'semver') return compareTagsAsSemver(ta, tb);
  if (strategy === 'alphabetical') return compareByName(ta, tb);
  if (strategy === 'newest-build') return byTime(a.created, b.created);
  if (strategy === 'digest') return a.to === b.to ? 0 : byTime(a.created, b.created) || byTime(a.seenAt, b.seenAt);
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
    if ((compareProposals(change.strategy, change, earlier) ?? 0) < 0) return { change, proposed: earlier.to };
  }
  return undefined;
}

/** declinedNote is the body paragraph of a pull request opened after a decline. */
export function declinedNote(declined: Declined, autoMerge: boolean): string {
  const rearm = autoMerge ? ` Auto-merge is not armed because of that decline: add the label \`${REENABLE_LABEL}\` to this pull request (or enable auto-merge on it) to let it merge on its own.` : '';
  return `A person closed the earlier pull request of this group without merging it: [#${declined.number}](${declined.url}). This one proposes newer images.${rearm}`;
}
