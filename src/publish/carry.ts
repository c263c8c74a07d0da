/**
 * A run that checked only some Applications of a group (the `applications` or `image` input, a shard) keeps what
 * the group's open pull request carries for the others: the pull request's branch is the record. Each file the
 * pull request changed for them is merged line by line (merge-lines.ts): base = the file the pull request was
 * built on, ours = this run's version (the current base branch with this run's edits), theirs = the pull
 * request's. So entries of several Applications (or shards) in one file all survive, and a base that moved
 * since is merged in. Entries of images this run checked are its word (owner.ts): a stale one is dropped.
 * A true conflict keeps the pull request's line with a warning naming file:line; nothing is dropped silently.
 */
import { createHash } from 'node:crypto';
import { encodeLossless } from '../edit/lossless-text.js';
import type { FileChange } from '../resolve/types.js';
import type { GitHubClient } from './octokit.js';
import type { OpenPull, RepoTarget } from './pull-request.js';
import { readHeadMarker, timesOf, type RecordedChange } from './pr-record.js';
import type { ImageChange, RepoSnapshot } from './types.js';
import { toPublishError } from './github-errors.js';
import { readBlobTexts } from './read-snapshot.js';
import { mergeLines } from './merge-lines.js';
import { pickHunkSide, type Split } from './owner.js';

/** Carried is what a pull request keeps for the others: their changes, the merged files, files kept by blob. */
export interface Carried {
  changes: ImageChange[];
  /** Files merged with this run's version (they replace this run's own edit of the same path). */
  files: FileChange[];
  /** Files taken as they are from the pull request's head (no content read). */
  entries: { path: string; sha: string }[];
  /** Conflicts and entries that could not be kept (warnings). */
  warnings: string[];
  /** Stale entries of checked images this run dropped (notes). */
  notes: string[];
}

/** CarryParams are the open pull request, its entries split by who owns them, and this run's edits. */
export interface CarryParams {
  existing: OpenPull;
  split: Split;
  /** This run's changes. */
  own: readonly RecordedChange[];
  /** This run's edits (on `snapshot`). */
  files: readonly FileChange[];
  snapshot: RepoSnapshot;
  baseBranch: string;
}

function blobSha(text: string): string {
  const bytes = encodeLossless(text);
  return createHash('sha1').update(Buffer.concat([Buffer.from(`blob ${bytes.length}\0`), bytes])).digest('hex');
}

async function blobsAt(octokit: GitHubClient, target: RepoTarget, sha: string): Promise<Map<string, string>> {
  const res = await octokit.rest.git.getTree({ owner: target.owner, repo: target.repo, tree_sha: sha, recursive: 'true' }).catch((e: unknown) => {
    throw toPublishError(e, `reading the tree of ${sha.slice(0, 7)}`, `${target.owner}/${target.repo}`);
  });
  return new Map(res.data.tree.filter((e) => e.type === 'blob' && e.path && e.sha).map((e) => [e.path!, e.sha!]));
}

// A carried entry keeps the times it was recorded with, so later runs still order it (never older).
function asChange(c: RecordedChange): ImageChange {
  return { application: c.app, label: c.app, alias: c.alias, image: c.image, from: c.from ?? null, to: c.to, strategy: c.strategy, file: c.file, ...timesOf(c) };
}

/** staleNotes says which entries of checked images the pull request loses: this run has no change for them. */
export function staleNotes(p: Pick<CarryParams, 'split' | 'own' | 'existing' | 'baseBranch'>): string[] {
  return p.split.stale.map((m) => `${m.app}: ${m.image} ${m.to} is no longer proposed in ${p.existing.url}: this run checked it and has nothing to change (already at the chosen tag on ${p.baseBranch}, or no longer wanted)`);
}

interface FilePlan {
  path: string;
  others: RecordedChange[];
  head: string;
  base?: string;
  /** This run's version (undefined: the file does not exist on the base and this run does not create it). */
  ours?: string;
}

/** carryOthers reads the pull request's head and base trees (2 requests), then the files to merge (1 more). */
export async function carryOthers(octokit: GitHubClient, target: RepoTarget, p: CarryParams): Promise<Carried> {
  const out: Carried = { changes: [], files: [], entries: [], warnings: [], notes: staleNotes(p) };
  if (p.split.others.length === 0) return out;
  const built = readHeadMarker(p.existing.body)?.base;
  const [head, base] = await Promise.all([blobsAt(octokit, target, p.existing.headSha), built ? blobsAt(octokit, target, built) : Promise.resolve(undefined)]);
  const toMerge: FilePlan[] = [];
  for (const path of new Set(p.split.others.map((c) => c.file))) {
    const others = p.split.others.filter((c) => c.file === path);
    const headSha = head.get(path);
    if (!base || !headSha) {
      out.warnings.push(...others.map((c) => `${c.app}: ${c.image} ${c.to} in ${p.existing.url} could not be kept (${base ? `${path} is not on its branch` : 'the pull request does not say which base it was built on'}); a run over every Application proposes it again`));
      continue;
    }
    out.changes.push(...others.map(asChange));
    const ours = p.files.find((f) => f.path === path)?.after ?? p.snapshot.files.read(path) ?? undefined;
    const plan: FilePlan = { path, others, head: headSha, ...(base.has(path) ? { base: base.get(path)! } : {}), ...(ours === undefined ? {} : { ours }) };
    if (headSha === plan.base) continue;
    const mineHere = p.split.mine.some((c) => c.file === path);
    // Unchanged on the base since the pull request was built, and no entry of a checked image in it: kept by blob.
    const unchangedOnBase = plan.ours === undefined ? plan.base === undefined : blobSha(plan.ours) === plan.base;
    if (unchangedOnBase && !mineHere) out.entries.push({ path, sha: headSha });
    else toMerge.push(plan);
  }
  if (toMerge.length > 0) await mergeFiles(octokit, target, { ...p, built: built!, plans: toMerge }, out);
  return out;
}

async function mergeFiles(octokit: GitHubClient, target: RepoTarget, m: CarryParams & { built: string; plans: FilePlan[] }, out: Carried): Promise<void> {
  const at = (path: string, commit: string) => `${path} at ${commit.slice(0, 7)}`;
  const blobs = m.plans.flatMap((f) => [{ path: at(f.path, m.existing.headSha), sha: f.head, size: 0 }, ...(f.base ? [{ path: at(f.path, m.built), sha: f.base, size: 0 }] : [])]);
  const texts = await readBlobTexts(octokit, target.owner, target.repo, blobs);
  for (const f of m.plans) {
    const theirs = texts.get(at(f.path, m.existing.headSha));
    if (theirs === undefined) {
      out.warnings.push(`${f.path} in ${m.existing.url} is not text; its entries could not be merged and are kept as they are on the pull request's branch`);
      out.entries.push({ path: f.path, sha: f.head });
      continue;
    }
    const who = { own: m.own, mine: m.split.mine.filter((c) => c.file === f.path), others: f.others };
    const merged = mergeLines((f.base && texts.get(at(f.path, m.built))) ?? '', f.ours ?? '', theirs, (hunk) => {
      const decision = pickHunkSide(hunk, who, { path: f.path, url: m.existing.url, baseBranch: m.baseBranch });
      if (decision.warning) out.warnings.push(decision.warning);
      return decision.side;
    });
    if (merged.text !== (f.ours ?? '')) out.files.push({ path: f.path, before: m.snapshot.files.read(f.path) ?? null, after: merged.text });
  }
}
