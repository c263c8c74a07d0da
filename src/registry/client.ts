/** The registry surface the pipeline talks to (stage 3). Implementations do the I/O. */
import type { ImageRef } from '../resolve/image-ref.js';
import type { RegistryBudget } from './deadline.js';

/** Platform is `os/arch[/variant]` parsed. */
export interface Platform {
  os: string;
  architecture: string;
  variant?: string;
}

/** TagMetadata is what a manifest (and its config blob) tells about one tag. */
export interface TagMetadata {
  digest: string;
  /** Newest `created` among wanted platforms; undefined when the config has none or it does not parse. */
  created?: Date;
  /** Config labels of the chosen (newest) platform image. */
  labels?: Record<string, string>;
  /** Platforms the manifest offers (`os/arch[/variant]`). */
  platforms: string[];
  /** fromTagCache: a mutable tag answered from the cache without asking the registry (it may have moved since). */
  fromTagCache?: boolean;
}

/** TagList is the answer to tags/list; `metadata` is filled when the registry volunteers it (Google). */
export interface TagList {
  tags: string[];
  metadata?: Map<string, TagMetadata>;
  /** digests: what each tag points at, when the registry says so in tags/list (Google); fresh as the listing. */
  digests?: Map<string, string>;
}

/** MetadataOptions say what getMetadata reads: for which platforms, with `created` or not, and whether to re-check the tag. */
export interface MetadataOptions {
  platforms: Platform[];
  withCreated: boolean;
  /** revalidate: ask the registry what the tag points at now, even where the cache may answer (the winner's check). */
  revalidate?: boolean;
  /** listedDigest: the digest the tag list gave for the tag (Google); cached metadata for it answers without a request. */
  listedDigest?: string;
}

/** RegistryClient lists tags and reads per-tag metadata for one registry. */
export interface RegistryClient {
  listTags(ref: Pick<ImageRef, 'registry' | 'repository'>): Promise<TagList>;
  /**
   * getMetadata reads the manifest of `tag` (following an index to the wanted platforms) and,
   * when `withCreated`, the config blob(s). Returns undefined when no wanted platform exists.
   */
  getMetadata(ref: Pick<ImageRef, 'registry' | 'repository'>, tag: string, options: MetadataOptions): Promise<TagMetadata | undefined>;
  /** tagExists asks for the manifest of `tag` with one HEAD: true when found, false on 404. */
  tagExists(ref: Pick<ImageRef, 'registry' | 'repository'>, tag: string): Promise<boolean>;
}

/** Credential is what a registry accepts: a user and password (Basic, or for a token request), or an identity token. */
export type Credential =
  | { kind: 'basic'; username: string; password: string; audience?: CredentialAudience }
  | { kind: 'identity-token'; token: string; audience?: CredentialAudience };

/**
 * CredentialAudience restricts where a credential may go beyond the registry it was asked for:
 * `google` credentials go to a Bearer token realm only on a Google host or on the registry's own origin.
 */
export type CredentialAudience = 'google';

/**
 * CredentialSource answers for one family of credentials (registries.conf, docker config, Google, ...).
 * `host` is the registry host of the image (the registries.conf prefix host), never the api_url's host,
 * so credentials follow the registry a user named, not where requests are routed.
 * Returns undefined to let the next source in the chain answer.
 */
export interface CredentialSource {
  readonly name: string;
  credentialFor(host: string, repository: string): Promise<Credential | undefined>;
}

/** TagSortMode is registries.conf `tagsortmode`. */
export type TagSortMode = 'none' | 'latest-first' | 'latest-last';

/** Endpoint is where and how to reach one registry (from registries.conf, or inferred from the host). */
export interface Endpoint {
  /** The registry host as images name it (`asia.gcr.io`); credentials and quirks follow it. */
  host: string;
  /** Base URL requests go to (`https://asia.gcr.io`, or a mirror / 127.0.0.1 test server). */
  apiUrl: string;
  insecure: boolean;
  /** Namespace prepended to one-segment repositories. */
  defaultns?: string;
  tagSortMode: TagSortMode;
  /** Requests per second; undefined = unlimited. */
  limit?: number;
  /** registries.conf `credentials` reference (`env:VAR`, ...), if any. */
  credentials?: string;
  /** registries.conf `credsexpire` in ms: registry credentials are re-read after it; undefined = cached for the run. */
  credsExpireMs?: number;
  /** registries.conf `immutabletags: true` (our extension): a tag never moves, so the cache trusts tag -> digest forever. */
  immutableTags?: boolean;
  /** registries.conf `tagttl` (our extension) in ms: how long the cache trusts a mutable tag's digest (default 1 h). */
  tagTtlMs?: number;
}

/** MetadataCache keeps tag metadata keyed by manifest digest (persisted across runs by the cache-file input). */
export interface MetadataCache {
  /**
   * Number of entries a previous run left, when known: with none, a HEAD could not name a cached digest, so it is not
   * worth a request per tag. Entries this run adds do not count (the requests must not depend on read order).
   */
  readonly size?: number;
  get(digest: string, key: string): TagMetadata | undefined;
  /** `key` distinguishes what was computed for the digest (e.g. the wanted platforms). */
  set(digest: string, key: string, metadata: TagMetadata): void;
  /** getTag returns the digest `repository` (`host/path`) `tag` pointed at, and when that was last checked. */
  getTag?(repository: string, tag: string): TagRecord | undefined;
  /** setTag records a verified digest of `repository:tag` (from a manifest GET, or a HEAD naming a cached digest). */
  setTag?(repository: string, tag: string, record: TagRecord): void;
}

/** TagRecord is what a tag pointed at: a verified manifest digest, and when it was checked (ms since epoch). */
export interface TagRecord {
  digest: string;
  checkedAt: number;
}

/**
 * RegistryHooks are the seams through which registry families and policies plug into the one OCI client.
 * Each is optional; the client works without them.
 */
export interface RegistryHooks {
  /** withRetry runs one HTTP exchange with the retry policy (429/5xx/network, never other 4xx). */
  withRetry?: <T>(operation: () => Promise<T>) => Promise<T>;
  /** beforeRequest waits for the per-registry rate limit (registries.conf `limit`). */
  beforeRequest?: () => Promise<void>;
  /** readTagListExtras reads metadata a registry volunteers in tags/list (Google's `manifest` map). */
  readTagListExtras?: (body: unknown) => Map<string, TagMetadata> | undefined;
  /** readTagListDigests reads the digest per tag a registry volunteers in tags/list (Google's `manifest` map). */
  readTagListDigests?: (body: unknown) => Map<string, string> | undefined;
  cache?: MetadataCache;
  /**
   * tagPageSize is the `n` sent with tags/list; 0 sends none. Google registries answer the whole list
   * (with its per-digest metadata) in one response when no `n` is given.
   */
  tagPageSize?: number;
  /** budget bounds every operation (listing, metadata read) by registry-timeout, and the run by a multiple of it. */
  budget?: RegistryBudget;
  /** unauthorizedFix is the fix a 401 error carries for this registry (Google: how to give Google credentials). */
  unauthorizedFix?: string;
  /** onSecret is told every registry token the moment it arrives, so the runner masks it (core.setSecret). */
  onSecret?: (secret: string) => void;
}

/** PULL_SECRET_ORIGIN names an image's pull-secret annotation as the origin of a credential error (the query stage points it at the annotation's line). */
export const PULL_SECRET_ORIGIN = 'pull-secret annotation';
