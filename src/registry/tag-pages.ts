/** How tags/list is paged: the `n` to ask for, the next page (same origin only), and merging what each page volunteers. */
import { RegistryError } from '../errors.js';
import { parseNextLink, redactUrl, type Exchange } from './exchange.js';

// Registries cap `n` themselves (distribution 2.8 ignores it, Docker Hub caps at 100), so ask for many:
// 2,001 tags then cost one page, not three. ECR rejects n > 1000 (go-containerregistry remote/list.go).
const TAG_PAGE_SIZE = 10_000;
const ECR_TAG_PAGE_SIZE = 1000;
const ECR_HOST = /\.amazonaws\.com(:\d+)?$/i;

/** tagPageSizeFor is the `n` asked of a registry at `origin`: 10,000, or ECR's maximum of 1,000. */
export function tagPageSizeFor(origin: string): number {
  return ECR_HOST.test(new URL(origin).host) ? ECR_TAG_PAGE_SIZE : TAG_PAGE_SIZE;
}

/** mergeTagMetadata adds `extras` to `metadata` (created when absent) without spreading either into an array. */
export function mergeTagMetadata<T>(metadata: Map<string, T> | undefined, extras: Map<string, T>): Map<string, T> {
  if (metadata === undefined) return extras;
  for (const [tag, value] of extras) metadata.set(tag, value);
  return metadata;
}

/** nextPageUrl is the `Link: <...>; rel="next"` of a tags/list answer, refused when it leaves `origin` (SPEC 10). */
export function nextPageUrl(exchange: Exchange, origin: string, host: string): URL | undefined {
  const link = parseNextLink(exchange.headers.get('link'));
  if (link === undefined) return undefined;
  const next = new URL(link, exchange.url);
  if (next.origin !== origin) {
    throw new RegistryError(`refusing to follow a tags/list pagination Link to another origin (${redactUrl(next)}); only ${origin} is trusted`, {
      host,
      fix: 'Check the registry api_url in registries-config; a registry must paginate on its own origin.',
    });
  }
  return next;
}
