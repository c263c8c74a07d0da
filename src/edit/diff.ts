/** Unified diffs of planned file changes, for `plan --diff` and the demo (git-style `a/` `b/` names). */
import { createTwoFilesPatch } from 'diff';
import type { FileChange } from '../resolve/types.js';

/** unifiedDiff renders one change as a unified diff (`/dev/null` as the old side of a new file). */
export function unifiedDiff(change: FileChange): string {
  const oldName = change.before === null ? '/dev/null' : `a/${change.path}`;
  const patch = createTwoFilesPatch(oldName, `b/${change.path}`, change.before ?? '', change.after, undefined, undefined, { context: 3 });
  // The library starts with a `====` separator line that git diffs do not have.
  return patch.replace(/^=+\n/, '');
}
