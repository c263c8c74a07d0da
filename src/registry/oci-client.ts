/**
 * OciClient: the one OCI Distribution v2 client (HOUSE-STYLE 6). `/v2/` ping once, Basic or Bearer
 * challenge, tags/list with same-origin `Link` paging, manifests by tag in all four media types,
 * platform selection, config blob `created`. Families plug in credentials and quirks through
 * CredentialSource and RegistryHooks only.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import { ConfigError, RegistryError } from '../errors.js';
import { NullLogger, type Logger } from '../logger.js';
import type { ImageRef } from '../resolve/image-ref.js';
import { AuthSession, parseChallenge, type Challenge, type TokenRequest } from './auth-challenge.js';
import type { CredentialSource, Endpoint, MetadataOptions, Platform, RegistryClient, RegistryHooks, TagList, TagMetadata } from './client.js';
import { cachedMetadata, trustedTagDigest } from './tag-cache.js';
import { MANIFEST_ACCEPT, parseCreated, readImageConfig, readManifest, readTagList, readTokenResponse, type ImageIndex, type TokenResponse } from './manifest-schema.js';
import { formatPlatform, parsePlatform, platformsKey, platformWanted } from './platform.js';
import { redactUrl, statusError, type Exchange, type RequestKind } from './exchange.js';
import { followRedirects, type HopPolicy, type OutgoingRequest } from './follow-redirects.js';
import { DeadlineError } from './deadline.js';
import { keepValidTags } from './tag-name.js';
import { mergeTagMetadata, nextPageUrl, tagPageSizeFor } from './tag-pages.js';
import { verifiedManifestDigest } from './manifest-digest.js';
export type { RequestKind } from './exchange.js';

/** OciClientOptions configure one client for one endpoint. */
export interface OciClientOptions {
  endpoint: Endpoint;
  /** Asked in order with `endpoint.host`; the first answer wins. */
  credentials: CredentialSource[];
  hooks?: RegistryHooks;
  fetch?: typeof fetch;
  logger?: Logger;
  /** Requests in flight at once (SPEC 4: at most 16 per host). */
  maxConcurrency?: number;
  timeoutMs?: number;
  maxTagPages?: number;
  /** Clock for token expiry (ms since epoch); injectable so tests do not sleep. */
  now?: () => number;
}

const DEFAULT_CONCURRENCY = 16;
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_TAG_PAGES = 100;

/** OciClient implements RegistryClient over the OCI Distribution v2 HTTP API for one endpoint. */
export class OciClient implements RegistryClient {
  /** requestCount counts HTTP requests per kind (redirect hops included), so tests and benchmarks can assert them. */
  readonly requestCount: Record<RequestKind, number> = { ping: 0, token: 0, tags: 0, manifest: 0, blob: 0 };
  private readonly origin: string;
  private readonly limit: LimitFunction;
  private readonly logger: Logger;
  private readonly auth: AuthSession;
  private readonly hop: HopPolicy;
  /** Why this registry is not asked again in this run (it used up an operation's registry-timeout). */
  private gaveUp: string | undefined;

  constructor(private readonly options: OciClientOptions) {
    const api = new URL(options.endpoint.apiUrl);
    // fetch refuses such URLs with a message that quotes them, credential included: stop first.
    if (api.username || api.password) {
      throw new ConfigError(`the api_url of registry ${options.endpoint.host} contains credentials`, {
        host: options.endpoint.host,
        fix: 'Remove user:password from api_url and set the registry credentials field instead.',
      });
    }
    this.origin = api.origin;
    this.limit = pLimit(options.maxConcurrency ?? DEFAULT_CONCURRENCY);
    const hooks = options.hooks;
    this.hop = {
      fetch: options.fetch ?? fetch,
      host: options.endpoint.host,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      budget: hooks?.budget,
      beforeRequest: hooks?.beforeRequest,
      count: (kind) => this.requestCount[kind]++,
    };
    this.logger = options.logger ?? NullLogger;
    this.auth = new AuthSession({
      host: options.endpoint.host,
      sources: options.credentials,
      transport: { ping: () => this.ping(), fetchToken: (request) => this.fetchToken(request) },
      now: options.now ?? Date.now,
      apiOrigin: api.origin,
      onWithheld: (message) => this.logger.warning(message),
    });
  }

  /** listTags reads every tags/list page, following `Link` only on the endpoint's origin, within one registry-timeout. */
  listTags(ref: Pick<ImageRef, 'registry' | 'repository'>): Promise<TagList> {
    return this.bounded(() => this.readTagPages(ref));
  }

  /**
   * getMetadata reads the manifest of `tag` within one registry-timeout. With a non-empty cache, a HEAD gives
   * the digest and a hit ends there (HEADs are also free of Docker Hub's pull rate limit); a cold cache goes
   * straight to the GET. Returns undefined when the tag offers none of the wanted platforms (the updater drops such tags).
   */
  getMetadata(ref: Pick<ImageRef, 'registry' | 'repository'>, tag: string, options: MetadataOptions): Promise<TagMetadata | undefined> {
    return this.bounded(() => this.readMetadata(ref, tag, options));
  }

  /** tagExists sends one manifest HEAD for `tag`: true on 2xx, false on 404 (other failures throw). */
  tagExists(ref: Pick<ImageRef, 'registry' | 'repository'>, tag: string): Promise<boolean> {
    const repository = this.repositoryPath(ref.repository);
    const url = this.url(`/v2/${repository}/manifests/${encodeURIComponent(tag)}`);
    return this.bounded(() =>
      this.call('manifest', url, repository, { method: 'HEAD', headers: { accept: MANIFEST_ACCEPT } }).then(
        () => true,
        (error: unknown) => (error instanceof RegistryError && error.status === 404 ? false : Promise.reject(error)),
      ),
    );
  }

  /** bounded runs one operation under its deadline; once one runs out, the registry is not asked again this run. */
  private async bounded<T>(operation: () => Promise<T>): Promise<T> {
    if (this.gaveUp !== undefined) throw new DeadlineError(`${this.options.endpoint.host} is not asked again in this run: ${this.gaveUp}`, this.options.endpoint.host);
    const budget = this.options.hooks?.budget;
    try {
      return await (budget ? budget.within(operation) : operation());
    } catch (error) {
      if (error instanceof DeadlineError) this.gaveUp ??= error.message;
      throw error;
    }
  }

  private async readTagPages(ref: Pick<ImageRef, 'registry' | 'repository'>): Promise<TagList> {
    const repository = this.repositoryPath(ref.repository);
    const pageSize = this.options.hooks?.tagPageSize ?? tagPageSizeFor(this.origin);
    let url: URL | undefined = this.url(`/v2/${repository}/tags/list${pageSize > 0 ? `?n=${pageSize}` : ''}`);
    const tags: string[] = [];
    let metadata: Map<string, TagMetadata> | undefined;
    let digests: Map<string, string> | undefined;
    const maxPages = this.options.maxTagPages ?? DEFAULT_MAX_TAG_PAGES;
    for (let page = 0; url; page++) {
      if (page >= maxPages) {
        throw new RegistryError(`tags/list of ${repository} has more than ${maxPages} pages; stopped listing`, {
          host: this.options.endpoint.host,
          fix: 'Raise the page limit for this registry, or clean up old tags.',
        });
      }
      const exchange = await this.call('tags', url, repository, { method: 'GET', headers: { accept: 'application/json' } });
      const body = this.json(exchange);
      const pageTags = readTagList(body);
      if (!pageTags) throw this.garbage(exchange, 'is not a tags/list answer');
      // No push(...pageTags): spreading a 125,000-element array overflows the call stack (RangeError).
      for (const tag of pageTags) tags.push(tag);
      const extras = this.options.hooks?.readTagListExtras?.(body);
      if (extras) metadata = mergeTagMetadata(metadata, extras);
      const listed = this.options.hooks?.readTagListDigests?.(body);
      if (listed) digests = mergeTagMetadata(digests, listed);
      url = nextPageUrl(exchange, this.origin, this.options.endpoint.host);
    }
    const valid = keepValidTags(tags);
    if (valid.dropped > 0) {
      this.logger.warning(`${this.options.endpoint.host}/${repository}: ${valid.dropped} tag(s) are not valid OCI tags and are ignored (e.g. ${valid.example}).`);
    }
    this.logger.debug(`listed ${valid.tags.length} tags of ${this.options.endpoint.host}/${repository}`);
    return { tags: valid.tags, ...(metadata ? { metadata } : {}), ...(digests ? { digests } : {}) };
  }

  private async readMetadata(ref: Pick<ImageRef, 'registry' | 'repository'>, tag: string, options: MetadataOptions): Promise<TagMetadata | undefined> {
    const repository = this.repositoryPath(ref.repository);
    const key = `${platformsKey(options.platforms)}${options.withCreated ? '+created' : ''}`;
    const cache = this.options.hooks?.cache;
    const tagKey = `${this.options.endpoint.host}/${repository}`;
    const now = (this.options.now ?? Date.now)();
    const listed = cachedMetadata(cache, options.listedDigest, key, options.withCreated);
    if (listed) return this.wanted(listed, options.platforms);
    if (!options.revalidate && options.listedDigest === undefined) {
      const trusted = cachedMetadata(cache, trustedTagDigest(cache, this.options.endpoint, tagKey, tag, now), key, options.withCreated);
      if (trusted) return this.wanted(this.options.endpoint.immutableTags ? trusted : { ...trusted, fromTagCache: true }, options.platforms);
    }
    const manifestUrl = this.url(`/v2/${repository}/manifests/${encodeURIComponent(tag)}`);
    // A HEAD can only name a cached digest; a listed digest already said it is not cached.
    if (cache && cache.size !== 0 && options.listedDigest === undefined) {
      const head = await this.call('manifest', manifestUrl, repository, { method: 'HEAD', headers: { accept: MANIFEST_ACCEPT } });
      // A header may name a digest whose metadata was verified before; it never pins a new one.
      const digest = head.headers.get('docker-content-digest');
      const hit = cachedMetadata(cache, digest, key, options.withCreated);
      if (hit && digest) {
        cache.setTag?.(tagKey, tag, { digest, checkedAt: now });
        return this.wanted(hit, options.platforms);
      }
    }
    const exchange = await this.call('manifest', manifestUrl, repository, { method: 'GET', headers: { accept: MANIFEST_ACCEPT } });
    // The digest pinned or cached is the hash of the bytes received; a disagreeing header refuses the tag.
    const digest = verifiedManifestDigest(exchange.body, { reference: `${repository}:${tag}`, host: this.options.endpoint.host, header: exchange.headers.get('docker-content-digest') });
    const manifest = readManifest(this.json(exchange), exchange.headers.get('content-type') ?? undefined);
    if (!manifest) throw this.garbage(exchange, 'is not an image manifest or index');
    const metadata =
      manifest.kind === 'index'
        ? await this.indexMetadata(repository, digest, manifest, options)
        : { digest, ...(await this.configMetadata(repository, manifest.config.digest)) };
    cache?.set(digest, key, metadata);
    cache?.setTag?.(tagKey, tag, { digest, checkedAt: now });
    return this.wanted(metadata, options.platforms);
  }

  private wanted(metadata: TagMetadata, platforms: Platform[]): TagMetadata | undefined {
    return metadata.platforms.some((p) => platformWanted(platforms, parsePlatform(p))) ? metadata : undefined;
  }

  /** An index lists platforms itself; children and configs are read only for `created` (as the updater does). */
  private async indexMetadata(repository: string, digest: string, index: ImageIndex, options: { platforms: Platform[]; withCreated: boolean }): Promise<TagMetadata> {
    const withPlatform = index.manifests.filter((m) => m.platform !== undefined);
    const platforms = withPlatform.map((m) => formatPlatform(m.platform as Platform));
    const wanted = withPlatform.filter((m) => platformWanted(options.platforms, m.platform as Platform));
    if (!options.withCreated || wanted.length === 0) return { digest, platforms };
    const children = await Promise.all(wanted.map((m) => this.childMetadata(repository, m.digest)));
    let newest = children[0];
    for (const child of children) {
      if (child?.created && (!newest?.created || child.created > newest.created)) newest = child;
    }
    return { digest, platforms, ...(newest?.created ? { created: newest.created } : {}), ...(newest?.labels ? { labels: newest.labels } : {}) };
  }

  private async childMetadata(repository: string, digest: string): Promise<Omit<TagMetadata, 'digest'>> {
    const url = this.url(`/v2/${repository}/manifests/${digest}`);
    const exchange = await this.call('manifest', url, repository, { method: 'GET', headers: { accept: MANIFEST_ACCEPT } });
    verifiedManifestDigest(exchange.body, { reference: `${repository}@${digest}`, host: this.options.endpoint.host, header: exchange.headers.get('docker-content-digest'), expected: digest });
    const manifest = readManifest(this.json(exchange), exchange.headers.get('content-type') ?? undefined);
    if (manifest?.kind !== 'manifest') throw this.garbage(exchange, 'is not an image manifest');
    return this.configMetadata(repository, manifest.config.digest);
  }

  /** configMetadata reads a config blob: its platform, `created` (undefined when empty or bad) and labels. */
  private async configMetadata(repository: string, configDigest: string): Promise<Omit<TagMetadata, 'digest'>> {
    const exchange = await this.call('blob', this.url(`/v2/${repository}/blobs/${configDigest}`), repository, { method: 'GET' });
    const config = readImageConfig(this.json(exchange));
    if (!config) throw this.garbage(exchange, 'is not an image config');
    const platform = config.os && config.architecture ? formatPlatform({ os: config.os, architecture: config.architecture, variant: config.variant }) : undefined;
    const created = parseCreated(config.created);
    return { platforms: platform ? [platform] : [], ...(created ? { created } : {}), ...(config.labels ? { labels: config.labels } : {}) };
  }

  /** call sends one authorized request; a 401 gets one fresh challenge/token and one more try. */
  private async call(kind: RequestKind, url: URL, repository: string, init: OutgoingRequest): Promise<Exchange> {
    const authorization = await this.auth.authorize(repository);
    let exchange = await this.exchange(kind, url, init, authorization, this.origin);
    if (exchange.status === 401) {
      const fresh = await this.auth.reauthorize(repository, exchange.headers.get('www-authenticate'), authorization);
      if (fresh !== undefined) exchange = await this.exchange(kind, url, init, fresh, this.origin);
    }
    if (exchange.status < 200 || exchange.status >= 300) throw statusError(kind, exchange, this.options.endpoint.host, this.options.hooks?.unauthorizedFix);
    return exchange;
  }

  /** ping asks `/v2/` (once per client, through AuthSession): 200 means anonymous, 401 carries the challenge. */
  private async ping(): Promise<Challenge | undefined> {
    const exchange = await this.exchange('ping', this.url('/v2/'), { method: 'GET' }, undefined, this.origin);
    if (exchange.status === 401) return parseChallenge(exchange.headers.get('www-authenticate'));
    if (exchange.status < 200 || exchange.status >= 300) throw statusError('ping', exchange, this.options.endpoint.host, this.options.hooks?.unauthorizedFix);
    return undefined;
  }

  /** fetchToken sends a token request; Authorization goes only to the realm's origin. */
  private async fetchToken(request: TokenRequest): Promise<TokenResponse> {
    const { authorization, ...headers } = request.headers;
    const init: OutgoingRequest = { method: request.method, headers, ...(request.body ? { body: request.body } : {}) };
    const exchange = await this.exchange('token', request.url, init, authorization, request.url.origin);
    if (exchange.status < 200 || exchange.status >= 300) throw statusError('token', exchange, this.options.endpoint.host, this.options.hooks?.unauthorizedFix);
    const token = readTokenResponse(this.json(exchange));
    if (!token) throw this.garbage(exchange, 'is not a token response');
    this.options.hooks?.onSecret?.(token.token);
    return token;
  }

  /** exchange is one HTTP exchange (redirects included) under the concurrency limit and the retry policy. */
  private exchange(kind: RequestKind, url: URL, init: OutgoingRequest, authorization: string | undefined, authOrigin: string): Promise<Exchange> {
    const attempt = async () => {
      const exchange = await this.limit(() => followRedirects({ kind, url, init, authorization, authOrigin }, this.hop));
      if (exchange.status === 408 || exchange.status === 429 || exchange.status >= 500) throw statusError(kind, exchange, this.options.endpoint.host);
      return exchange;
    };
    const withRetry = this.options.hooks?.withRetry;
    return withRetry ? withRetry(attempt) : attempt();
  }

  private json(exchange: Exchange): unknown {
    try {
      // A view, not a copy: tags/list bodies can be tens of MiB.
      return JSON.parse(Buffer.from(exchange.body.buffer, exchange.body.byteOffset, exchange.body.byteLength).toString('utf8'));
    } catch {
      throw this.garbage(exchange, 'is not JSON');
    }
  }

  private garbage(exchange: Exchange, what: string): RegistryError {
    return new RegistryError(`the answer from ${redactUrl(exchange.url)} ${what}`, { host: this.options.endpoint.host, status: exchange.status });
  }

  private url(path: string): URL {
    return new URL(path, this.options.endpoint.apiUrl);
  }

  /** repositoryPath applies registries.conf `defaultns` to one-segment repositories. */
  private repositoryPath(repository: string): string {
    const ns = this.options.endpoint.defaultns;
    return ns && !repository.includes('/') ? `${ns}/${repository}` : repository;
  }
}
