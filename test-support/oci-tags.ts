/**
 * tags/list answers: distribution-style pagination (`n`, `last`, `Link`) and Google's extended form.
 * Pure: takes the repository content and the request URL, returns the body and headers to send.
 */
import type { GoogleManifestInfo, RepositoryContent } from './oci-content.js';

/** TagListAnswer is what to send for a tags/list request, or an error code (400) with a message. */
export type TagListAnswer = { body: Record<string, unknown>; link?: string } | { error: string; message: string };

/**
 * answerTagList pages `repo.tags` (byte order) after `last`, at most `n` (or `pageSize` when `n` is absent).
 * A `Link: <...>; rel="next"` header is set only when more tags follow, with the same query shape
 * distribution uses (`?last=<tag>&n=<n>`), relative to this origin.
 */
export function answerTagList(
  repo: RepositoryContent,
  url: URL,
  options: { google: boolean; pageSize?: number },
): TagListAnswer {
  const nText = url.searchParams.get('n');
  const n = nText === null ? options.pageSize : Number(nText);
  if (n !== undefined && (!Number.isInteger(n) || n < 0)) {
    return { error: 'PAGINATION_NUMBER_INVALID', message: `invalid number of results requested: ${nText}` };
  }
  const last = url.searchParams.get('last');
  const start = last === null ? 0 : firstAfter(repo.tags, last);
  const end = n === undefined ? repo.tags.length : Math.min(repo.tags.length, start + n);
  const tags = repo.tags.slice(start, end);
  const body: Record<string, unknown> = { name: repo.name, tags };
  if (options.google) Object.assign(body, googleExtras(repo, tags));
  if (end < repo.tags.length && n !== undefined && n > 0) {
    const next = new URLSearchParams({ last: tags[tags.length - 1]!, n: String(n) });
    return { body, link: `</v2/${repo.name}/tags/list?${next.toString()}>; rel="next"` };
  }
  return { body };
}

/** firstAfter is the index of the first tag greater than `last` in byte order (binary search). */
function firstAfter(tags: string[], last: string): number {
  let low = 0;
  let high = tags.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (tags[mid]! <= last) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * googleExtras builds GCR's `manifest` map (digest -> info, tag arrays complete) for the tags of this page,
 * plus the untagged platform children of any index among them, as GCR lists them; `child` lists nested
 * repositories (none here).
 */
function googleExtras(repo: RepositoryContent, tags: string[]): { child: string[]; manifest: Record<string, GoogleManifestInfo> } {
  const manifest: Record<string, GoogleManifestInfo> = {};
  for (const tag of tags) {
    const digest = repo.tagDigests.get(tag)!;
    if (manifest[digest]) continue;
    manifest[digest] = repo.google.get(digest)!;
    for (const child of indexChildren(repo, digest)) manifest[child] ??= repo.google.get(child)!;
  }
  return { child: [], manifest };
}

function indexChildren(repo: RepositoryContent, digest: string): string[] {
  const stored = repo.manifests.get(digest)!;
  if (!stored.mediaType.includes('index') && !stored.mediaType.includes('list')) return [];
  const parsed = JSON.parse(stored.bytes.toString('utf8')) as { manifests: { digest: string }[] };
  return parsed.manifests.map((m) => m.digest);
}
