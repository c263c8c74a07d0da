/**
 * shard: splits a run over an Actions matrix by image repository. Every shard reads the whole repo, and each
 * queries and updates only the images whose repository hashes to it, so no repository is listed by two shards
 * and two shards never edit the same image. Problems found before any registry is asked (discover, resolve)
 * are reported by shard 1 alone, so one broken ApplicationSet fails one job, not all of them.
 */
import { createHash } from 'node:crypto';
import { ConfigError } from '../errors.js';
import type { ImageRef } from '../resolve/image-ref.js';
import { wording, type Wording } from '../config/surface.js';

/** Shard is `index` of `count` (1-based), from the input `shard: i/n`. */
export interface Shard {
  index: number;
  count: number;
}

/** MAX_SHARDS bounds `n` (GitHub allows 256 jobs per matrix). */
export const MAX_SHARDS = 256;

/** parseShard reads `i/n` (1 <= i <= n <= 256); "" = no sharding. */
export function parseShard(value: string, w: Wording = wording()): Shard | undefined {
  if (value === '') return undefined;
  const match = /^(\d+)\s*\/\s*(\d+)$/.exec(value);
  const index = match ? Number(match[1]) : 0;
  const count = match ? Number(match[2]) : 0;
  if (!match || index < 1 || count < 1 || index > count || count > MAX_SHARDS) {
    throw new ConfigError(`${w.setting('shard')} is "${value.slice(0, 40)}", which is not i/n with 1 <= i <= n <= ${MAX_SHARDS}.`, {
      fix: w.surface === 'cli' ? 'Write it as i/n, e.g. --shard 2/4.' : "Write it as 'i/n', e.g. '${{ matrix.shard }}/4' with matrix.shard: [1, 2, 3, 4].",
    });
  }
  return { index, count };
}

/** shardOf is the 1-based shard that owns an image repository (sha256 of registry/repository, mod n). */
export function shardOf(ref: Pick<ImageRef, 'registry' | 'repository'>, count: number): number {
  const digest = createHash('sha256').update(`${ref.registry}/${ref.repository}`).digest();
  return (digest.readUInt32BE(0) % count) + 1;
}

/** ownsImage tells whether this run (sharded or not) queries and updates images of `ref`'s repository. */
export function ownsImage(shard: Shard | undefined, ref: Pick<ImageRef, 'registry' | 'repository'>): boolean {
  return shard === undefined || shardOf(ref, shard.count) === shard.index;
}

/** reportsSharedProblems: shard 1 (or an unsharded run) reports what no single repository owns. */
export function reportsSharedProblems(shard: Shard | undefined): boolean {
  return shard === undefined || shard.index === 1;
}
