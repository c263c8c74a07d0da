/**
 * The 50 argocd-image-updater vectors (__fixtures__/strategy/aiu-vectors.json, described in
 * ARGOCD-IMAGE-UPDATER.md §5) run through the whole engine: filters, strategy, update decision.
 */
import { describe, expect, it } from 'vitest';
import { loadVectors, type Vector } from '../support/aiu-vectors.js';
import { ConfigError } from '../../src/errors.js';
import { selectFromCandidates, type CurrentRef, type SelectionSpec } from '../../src/strategy/select.js';
import { normalizeStrategyName } from '../../src/strategy/strategy.js';
import type { Candidate } from '../../src/strategy/types.js';


const vectors = loadVectors();

/** toCandidate parses `created`; an empty or unparseable time is missing, as in the updater's metadata step. */
function toCandidate(item: Vector['tags'][number]): Candidate {
  if (typeof item === 'string') return { tag: item };
  const created = item.created ? new Date(item.created) : undefined;
  return {
    tag: item.tag,
    ...(created && !Number.isNaN(created.getTime()) ? { created } : {}),
    ...(item.digest ? { digest: item.digest } : {}),
  };
}

function toCurrent(current: string): CurrentRef {
  const at = current.indexOf('@');
  return at < 0 ? { tag: current } : { tag: current.slice(0, at), digest: current.slice(at + 1) };
}

function toSpec(v: Vector): SelectionSpec {
  return {
    strategy: normalizeStrategyName(v.strategy).name,
    constraint: v.constraint,
    ...(v.allowTags === '' ? {} : { allowTags: v.allowTags }),
    ignoreTags: v.ignoreTags,
    ...(v.tagSortMode === undefined ? {} : { tagSortMode: v.tagSortMode }),
  };
}

describe('argocd-image-updater vectors', () => {
  it('has all 50 vectors', () => {
    expect(vectors).toHaveLength(50);
  });

  it.each(vectors.map((v) => [v.id, v] as const))('%s', (_id, v) => {
    const run = () => selectFromCandidates(toSpec(v), v.tags.map(toCandidate), toCurrent(v.current));
    if (v.expectError) {
      expect(run).toThrow(ConfigError);
      return;
    }
    const result = run();
    expect(result.tag).toBe(v.expect);
    expect(result.update).toBe(v.expectUpdate);
    if (v.expectDigest !== undefined) expect(result.digest).toBe(v.expectDigest);
  });
});
