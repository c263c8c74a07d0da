/**
 * publish-keys: this tool's own annotations (PROMOTER_PREFIX), which the updater lacks: how and with whom each
 * Application's change is published. Values are strict (HOUSE-STYLE 2): a typo is an error, not a default.
 */
import { isPromotionKey, PROMOTION_KEYS } from './promotion-keys.js';
import { splitList } from './settings.js';
import { PROMOTER_PREFIX, type PublishSettings } from './types.js';

/** PublishProblem names the key that is wrong, why, and the fix. */
export interface PublishProblem {
  key: string;
  message: string;
  fix: string;
}

const MODES = ['commit', 'pull-request', 'auto-merge', 'files'] as const;
const LIST_KEYS = { labels: 'labels', reviewers: 'reviewers', 'team-reviewers': 'teamReviewers', assignees: 'assignees' } as const;
/** PUBLISH_KEYS are the keys known under PROMOTER_PREFIX. */
export const PUBLISH_KEYS = ['publish-mode', 'draft', 'group', ...Object.keys(LIST_KEYS)];

/** publishFromAnnotations reads every PROMOTER_PREFIX annotation; the first bad one is returned as a problem. */
export function publishFromAnnotations(annotations: Record<string, string>): PublishSettings | PublishProblem {
  const out: PublishSettings = { labels: [], reviewers: [], teamReviewers: [], assignees: [] };
  for (const [key, raw] of Object.entries(annotations)) {
    if (!key.startsWith(PROMOTER_PREFIX)) continue;
    const problem = readKey(out, key, key.slice(PROMOTER_PREFIX.length), raw.trim());
    if (problem) return problem;
  }
  return out;
}

function readKey(out: PublishSettings, key: string, name: string, value: string): PublishProblem | undefined {
  if (name === 'publish-mode') {
    if (!(MODES as readonly string[]).includes(value)) {
      return { key, message: `publish mode "${value}" is not valid`, fix: `Use one of ${MODES.join(', ')}.` };
    }
    out.mode = value as PublishSettings['mode'];
  } else if (name === 'draft') {
    if (value !== 'true' && value !== 'false') return { key, message: `draft "${value}" is not true or false`, fix: 'Write "true" or "false".' };
    out.draft = value === 'true';
  } else if (name === 'group') {
    if (value !== '') out.group = value;
  } else if (isPromotionKey(name)) {
    // Read per image by promotion-keys.ts.
  } else if (name in LIST_KEYS) {
    out[LIST_KEYS[name as keyof typeof LIST_KEYS]] = splitList(value);
  } else {
    return { key, message: `annotation "${key}" is unknown`, fix: `Known keys under ${PROMOTER_PREFIX}: ${PUBLISH_KEYS.join(', ')}; per image: [<alias>.]${PROMOTION_KEYS.join(', [<alias>.]')}.` };
  }
  return undefined;
}

/** isPublishProblem tells a problem from PublishSettings. */
export function isPublishProblem(value: PublishSettings | PublishProblem): value is PublishProblem {
  return 'key' in value && 'message' in value;
}
