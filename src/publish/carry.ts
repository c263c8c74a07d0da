/**
 * A run that checked only some Applications of a group (the `applications` or `image` input, a shard) keeps what
 * the group's open pull request carries for the others: the pull request's branch is the record. Their files are
 * taken from its head as they are (by blob, no content read), when the base has not changed them since the pull
 * request was built; otherwise they are dropped with a warning (a full run proposes them again).
 */
import { createHash } from 'node:crypto';
import { encodeLossless } from '../edit/lossless-text.js';
import type { GitHubClient } from './octokit.js';
import type { OpenPull, RepoTarget } from './pull-request.js';
import { sameImage, type PullRecord, type RecordedChange } from './pr-record.js';
import type { ImageChange, RepoSnapshot } from './types.js';
import { readHeadMarker } from './behind.js';
import { toPublishError } from './github-errors.js';

/** Carried are the other Applications' changes a pull request keeps, and the files that hold them (by blob). */
export interface Carried {
  changes: ImageChange[];
  entries: { path: string; sha: string }[];
  /** Why some could not be kept. */
  dropped: string[];
}

/** othersOf lists what the pull request proposes for Applications this run did not check. */
export function othersOf(record: PullRecord | undefined, checked: readonly string[]): PullRecord['changes'] {
  return (record?.changes ?? []).filter((c) => !checked.includes(c.app));
}

/**
 * otherImagesOf lists what the pull request proposes for images of Applications this run (a shard) checked only in
 * part, that this run has no change for: another shard's images of the same Application.
 */
export function otherImagesOf(record: PullRecord | undefined, partial: readonly string[] | undefined, own: readonly RecordedChange[]): PullRecord['changes'] {
  return (record?.changes ?? []).filter((c) => partial?.includes(c.app) && !own.some((o) => sameImage(o, c)));
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

/** carryOthers reads the pull request's head and base trees (2 requests) and keeps the others' files that still apply. */
export async function carryOthers(octokit: GitHubClient, target: RepoTarget, p: { existing: OpenPull; others: PullRecord['changes']; ownFiles: readonly string[]; snapshot: RepoSnapshot }): Promise<Carried> {
  const built = readHeadMarker(p.existing.body)?.base;
  const out: Carried = { changes: [], entries: [], dropped: [] };
  const [head, base] = await Promise.all([blobsAt(octokit, target, p.existing.headSha), built ? blobsAt(octokit, target, built) : Promise.resolve(undefined)]);
  for (const change of p.others) {
    const now = p.snapshot.files.read(change.file);
    // A file the pull request creates (absent on the base it was built on, and still absent) is unchanged too.
    const absent = now === undefined || now === null;
    const unchangedOnBase = base !== undefined && (absent ? !base.has(change.file) : base.get(change.file) === blobSha(now));
    const sha = head.get(change.file);
    if (!unchangedOnBase || !sha || p.ownFiles.includes(change.file)) {
      out.dropped.push(`${change.app}: ${change.image} ${change.to} in ${p.existing.url} could not be kept (${change.file} changed on the base since, or this run edits it too); a run over every Application proposes it again`);
      continue;
    }
    out.changes.push({ application: change.app, label: change.app, alias: change.alias, image: change.image, from: change.from ?? null, to: change.to, strategy: change.strategy, file: change.file });
    if (!out.entries.some((e) => e.path === change.file)) out.entries.push({ path: change.file, sha });
  }
  return out;
}
