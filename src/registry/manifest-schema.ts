/**
 * Type guards for the JSON documents registries send (tags/list, manifests, indexes, image configs,
 * token responses). Unknown fields are accepted, wrong types are rejected (HOUSE-STYLE 3).
 */
import { createHash } from 'node:crypto';
import type { Platform } from './client.js';

/** MEDIA_TYPES are the four manifest media types the client accepts (schema1 is not supported, as in the updater). */
export const MEDIA_TYPES = {
  dockerManifest: 'application/vnd.docker.distribution.manifest.v2+json',
  dockerList: 'application/vnd.docker.distribution.manifest.list.v2+json',
  ociManifest: 'application/vnd.oci.image.manifest.v1+json',
  ociIndex: 'application/vnd.oci.image.index.v1+json',
} as const;

/** MANIFEST_ACCEPT is the Accept header for manifest requests. */
export const MANIFEST_ACCEPT = Object.values(MEDIA_TYPES).join(', ');

/** Descriptor is an OCI content descriptor. */
export interface Descriptor {
  mediaType?: string;
  digest: string;
  size?: number;
  platform?: Platform;
}

/** ImageManifest is a single-platform manifest (Docker schema 2 or OCI). */
export interface ImageManifest {
  kind: 'manifest';
  config: Descriptor;
}

/** ImageIndex is a multi-platform index (Docker manifest list or OCI index). */
export interface ImageIndex {
  kind: 'index';
  manifests: Descriptor[];
}

/** ImageConfig is the part of an image config blob we read. */
export interface ImageConfig {
  os?: string;
  architecture?: string;
  variant?: string;
  created?: string;
  labels?: Record<string, string>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown): value is string | undefined {
  return value === undefined || typeof value === 'string';
}

/** readTagList reads a tags/list body; `tags: null` (empty repository in some registries) is an empty list. */
export function readTagList(body: unknown): string[] | undefined {
  if (!isRecord(body)) return undefined;
  if (body.tags === null || body.tags === undefined) return [];
  if (!Array.isArray(body.tags) || !body.tags.every((t) => typeof t === 'string')) return undefined;
  return body.tags as string[];
}

function readPlatform(value: unknown): Platform | undefined {
  if (!isRecord(value) || typeof value.os !== 'string' || typeof value.architecture !== 'string') return undefined;
  const variant = typeof value.variant === 'string' && value.variant !== '' ? value.variant : undefined;
  return variant === undefined ? { os: value.os, architecture: value.architecture } : { os: value.os, architecture: value.architecture, variant };
}

function readDescriptor(value: unknown): Descriptor | undefined {
  if (!isRecord(value) || typeof value.digest !== 'string' || !optionalString(value.mediaType)) return undefined;
  const platform = readPlatform(value.platform);
  return { digest: value.digest, ...(value.mediaType ? { mediaType: value.mediaType } : {}), ...(platform ? { platform } : {}) };
}

/**
 * readManifest reads a manifest body as an index or a single manifest. The media type comes from the
 * body's `mediaType`, else from the Content-Type header, else from the shape (OCI allows omitting it).
 */
export function readManifest(body: unknown, contentType?: string): ImageManifest | ImageIndex | undefined {
  if (!isRecord(body)) return undefined;
  const mediaType = typeof body.mediaType === 'string' ? body.mediaType : (contentType ?? '').split(';')[0]?.trim();
  const isIndex = mediaType === MEDIA_TYPES.dockerList || mediaType === MEDIA_TYPES.ociIndex || (Array.isArray(body.manifests) && body.config === undefined);
  if (isIndex) {
    if (!Array.isArray(body.manifests)) return undefined;
    const manifests = body.manifests.map(readDescriptor);
    return manifests.every((m) => m !== undefined) ? { kind: 'index', manifests: manifests as Descriptor[] } : undefined;
  }
  const config = readDescriptor(body.config);
  return config ? { kind: 'manifest', config } : undefined;
}

function readLabels(value: unknown): Record<string, string> | undefined {
  if (!isRecord(value)) return undefined;
  const labels: Record<string, string> = {};
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') labels[k] = v;
  return labels;
}

/** readImageConfig reads an image config blob; fields of the wrong type are left out. */
export function readImageConfig(body: unknown): ImageConfig | undefined {
  if (!isRecord(body)) return undefined;
  const inner = isRecord(body.config) ? body.config : {};
  const pick = (v: unknown) => (typeof v === 'string' ? v : undefined);
  const labels = readLabels(inner.Labels);
  return {
    os: pick(body.os),
    architecture: pick(body.architecture),
    variant: pick(body.variant) || undefined,
    created: pick(body.created),
    ...(labels ? { labels } : {}),
  };
}

// RFC 3339 with optional fractional seconds, as Go's time.RFC3339Nano parse the updater uses.
const RFC3339 = /^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:[Zz]|[+-]\d{2}:\d{2})$/;

/** parseCreated parses an RFC 3339 `created`; empty or bad values are undefined (the updater drops such tags). */
export function parseCreated(value: string | undefined): Date | undefined {
  if (value === undefined || !RFC3339.test(value)) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** TokenResponse is a distribution token-server answer. */
export interface TokenResponse {
  token: string;
  expiresIn?: number;
}

/** readTokenResponse reads `{token | access_token, expires_in?}` (docker's token spec allows either name). */
export function readTokenResponse(body: unknown): TokenResponse | undefined {
  if (!isRecord(body)) return undefined;
  const token = typeof body.token === 'string' && body.token !== '' ? body.token : body.access_token;
  if (typeof token !== 'string' || token === '') return undefined;
  const expiresIn = typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : undefined;
  return expiresIn === undefined ? { token } : { token, expiresIn };
}

/** sha256Digest is the content digest of bytes (`sha256:<hex>`). */
export function sha256Digest(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
