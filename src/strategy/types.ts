/** Types shared by the filters and the four strategies (stage 4, pure). */
import type { StrategyName } from '../discover/types.js';

/** Candidate is one tag with the metadata a strategy may need. */
export interface Candidate {
  tag: string;
  /** Image build time (config `created`, newest among wanted platforms). */
  created?: Date;
  /** Manifest (or index) digest. */
  digest?: string;
}

/** Needs says what metadata a strategy needs beyond the tag names. */
export type Needs = 'tags' | 'created' | 'digest';

/** Strategy is a pure tag chooser. */
export interface Strategy {
  readonly name: StrategyName;
  readonly needs: Needs;
  /** choose returns the updater's pick among already-filtered candidates, or null. */
  choose(candidates: readonly Candidate[]): Candidate | null;
}

/**
 * OrderedStrategy is a Strategy that also exposes what it may pick and in which order, so the engine can
 * count eligible tags and the plan can tell a downgrade (a pick ordered before the current tag).
 */
export interface OrderedStrategy extends Strategy {
  /** select returns the pick and the distinct candidates it was picked from (a repeated tag keeps its last entry). */
  select(candidates: readonly Candidate[]): { chosen: Candidate | null; eligible: Candidate[] };
  /** compare orders two candidates as the strategy sorts them; the pick is the greatest eligible one. */
  compare(a: Candidate, b: Candidate): number;
}
