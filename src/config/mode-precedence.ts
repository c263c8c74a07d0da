/**
 * The precedence between the `mode` input (CLI `--mode`) and an Application's
 * `image-promoter.argoproj.io/publish-mode` annotation, the same for the action and the CLI:
 * - `mode` not set: the annotation decides; Applications without one get pull-request.
 * - `mode: files` set: every Application's changes are written to the working tree; nothing is published.
 * - `mode` set to commit, auto-merge or pull-request: the stricter of the two wins (commit < auto-merge <
 *   pull-request), so an annotation may ask for more review than the run, never for less: a run asked for
 *   pull requests never commits straight to the base branch.
 */
import type { PublishMode } from '../report/result.js';

/** DEFAULT_MODE is the mode of Applications without an annotation when `mode` is not set. */
export const DEFAULT_MODE: PublishMode = 'pull-request';

const REVIEW: Record<PublishMode, number> = { commit: 0, 'auto-merge': 1, 'pull-request': 2, files: 3 };

/** effectiveMode is an Application's publish mode: its annotation (`own`) against the run's `mode` (explicit when set). */
export function effectiveMode(own: PublishMode | undefined, mode: PublishMode, explicit: boolean): PublishMode {
  if (own === undefined) return mode;
  if (!explicit) return own;
  return REVIEW[own] > REVIEW[mode] ? own : mode;
}

/** overrideNote says why an annotation did not decide the mode, or undefined when it did (or there is none). */
export function overrideNote(own: PublishMode | undefined, mode: PublishMode, explicit: boolean): string | undefined {
  if (own === undefined || effectiveMode(own, mode, explicit) === own) return undefined;
  return `publish-mode annotation says ${own}, but this run was asked for mode ${mode}, which is stricter; its changes are published as ${mode}`;
}
