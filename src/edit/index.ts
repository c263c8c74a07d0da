/** Stage 5 (edit): the entry points the pipeline and the CLI use. */
export { applyEdits, type ApplyResult, type EditFailure } from './apply-edits.js';
export { unifiedDiff } from './diff.js';
export { writeFileChanges, type WriteFs } from './write-files.js';
export type { EditOutcome, ImageEdit } from './types.js';
