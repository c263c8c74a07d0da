/**
 * Deterministic OCI content for example images: config blobs, image manifests and indexes, built once in
 * memory. Digests are sha256 of the exact bytes served, so a client can verify everything it reads.
 */
import { createHash } from 'node:crypto';
import type { ExampleImage, ExampleTag, ManifestFormat } from './oci-images.js';

/** MEDIA_TYPES lists the four manifest media types and the blob types, per format. */
export const MEDIA_TYPES = {
  oci: {
    manifest: 'application/vnd.oci.image.manifest.v1+json',
    index: 'application/vnd.oci.image.index.v1+json',
    config: 'application/vnd.oci.image.config.v1+json',
    layer: 'application/vnd.oci.image.layer.v1.tar+gzip',
  },
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    index: 'application/vnd.docker.distribution.manifest.list.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
} as const;

/** DEFAULT_PLATFORM is what a tag without `platforms` is built for. */
export const DEFAULT_PLATFORM = 'linux/amd64';

/** An empty tar archive (two 512-byte zero blocks), gzipped once and frozen so every machine serves the same bytes. */
const LAYER = Buffer.from('H4sIAAAAAAACA2NgGAWjYBSMVAAALq+17wAEAAA=', 'base64');
const LAYER_DIFF_ID = sha256(Buffer.alloc(1024));

/** StoredManifest is a manifest or index as served: its bytes, media type and digest. */
export interface StoredManifest {
  mediaType: string;
  bytes: Buffer;
  digest: string;
}

/** GoogleManifestInfo is one entry of Google's extended tags/list `manifest` map (all numbers as strings, as GCR sends). */
export interface GoogleManifestInfo {
  imageSizeBytes: string;
  layerId: string;
  mediaType: string;
  tag: string[];
  timeCreatedMs: string;
  timeUploadedMs: string;
}

/** RepositoryContent is everything the server knows about one repository. */
export interface RepositoryContent {
  name: string;
  /** Tag names in byte order, as distribution's tags/list returns them. */
  tags: string[];
  tagDigests: Map<string, string>;
  manifests: Map<string, StoredManifest>;
  blobs: Map<string, Buffer>;
  /** Per manifest digest (tagged and index children), Google's metadata; insertion order = build order. */
  google: Map<string, GoogleManifestInfo>;
}

/** buildRepositories builds the content of every example image; a repository listed twice is an error. */
export function buildRepositories(images: ExampleImage[]): Map<string, RepositoryContent> {
  const repos = new Map<string, RepositoryContent>();
  for (const image of images) {
    if (repos.has(image.repository)) throw new Error(`repository ${image.repository} is listed twice`);
    repos.set(image.repository, buildRepository(image));
  }
  return repos;
}

/** buildRepository builds one repository's blobs and manifests; a tag listed twice is an error. */
export function buildRepository(image: ExampleImage): RepositoryContent {
  const repo: RepositoryContent = {
    name: image.repository,
    tags: [],
    tagDigests: new Map(),
    manifests: new Map(),
    blobs: new Map([[sha256(LAYER), LAYER]]),
    google: new Map(),
  };
  for (const tag of image.tags) {
    if (repo.tagDigests.has(tag.tag)) throw new Error(`${image.repository}: tag ${tag.tag} is listed twice`);
    const digest = addTag(repo, tag, tag.format ?? image.format ?? 'oci');
    repo.tagDigests.set(tag.tag, digest);
    repo.google.get(digest)!.tag.push(tag.tag);
  }
  // distribution sorts tags/list lexically (byte order); so does GCR.
  repo.tags = [...repo.tagDigests.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return repo;
}

function addTag(repo: RepositoryContent, tag: ExampleTag, format: ManifestFormat): string {
  const platforms = tag.platforms ?? [DEFAULT_PLATFORM];
  const children = platforms.map((platform) => addImage(repo, tag, platform, format));
  if (platforms.length === 1) return children[0]!.digest;
  const types = MEDIA_TYPES[format];
  const index = {
    schemaVersion: 2,
    mediaType: types.index,
    manifests: children.map((child, i) => ({
      mediaType: child.mediaType,
      size: child.bytes.length,
      digest: child.digest,
      platform: platformObject(platforms[i]!),
    })),
  };
  // GCR reports timeCreatedMs "0" for manifest lists: an index has no config and so no `created`
  // (google/go-containerregistry#1067). Clients must look at the children for a build time.
  return store(repo, types.index, index, { sizeBytes: 0, createdMs: 0, uploadedMs: uploadedMs(tag.created) });
}

function addImage(repo: RepositoryContent, tag: ExampleTag, platform: string, format: ManifestFormat): StoredManifest {
  const types = MEDIA_TYPES[format];
  const config = Buffer.from(JSON.stringify(configBlob(tag, platform)));
  const configDigest = sha256(config);
  repo.blobs.set(configDigest, config);
  const manifest = {
    schemaVersion: 2,
    mediaType: types.manifest,
    config: { mediaType: types.config, size: config.length, digest: configDigest },
    layers: [{ mediaType: types.layer, size: LAYER.length, digest: sha256(LAYER) }],
  };
  const createdMs = Date.parse(tag.created);
  const digest = store(repo, types.manifest, manifest, {
    sizeBytes: config.length + LAYER.length,
    createdMs,
    uploadedMs: uploadedMs(tag.created),
  });
  return repo.manifests.get(digest)!;
}

/** configBlob is the image config: platform, `created` exactly as written, labels, one empty layer. */
function configBlob(tag: ExampleTag, platform: string): Record<string, unknown> {
  const { os, architecture, variant } = platformObject(platform);
  return {
    architecture,
    os,
    ...(variant ? { variant } : {}),
    created: tag.created,
    config: { Labels: tag.labels ?? {} },
    rootfs: { type: 'layers', diff_ids: [LAYER_DIFF_ID] },
  };
}

function store(
  repo: RepositoryContent,
  mediaType: string,
  value: unknown,
  info: { sizeBytes: number; createdMs: number; uploadedMs: number },
): string {
  const bytes = Buffer.from(JSON.stringify(value, null, 2));
  const digest = sha256(bytes);
  if (!repo.manifests.has(digest)) {
    repo.manifests.set(digest, { mediaType, bytes, digest });
    repo.google.set(digest, {
      imageSizeBytes: String(info.sizeBytes),
      layerId: '',
      mediaType,
      tag: [],
      timeCreatedMs: String(info.createdMs),
      timeUploadedMs: String(info.uploadedMs),
    });
  }
  return digest;
}

/** uploadedMs puts the push 90 s after the build, deterministically (real pushes follow builds). */
function uploadedMs(created: string): number {
  return Date.parse(created) + 90_000;
}

/** platformObject splits `os/arch[/variant]` into an OCI platform object. */
export function platformObject(platform: string): { os: string; architecture: string; variant?: string } {
  const [os, architecture, variant] = platform.split('/');
  return variant ? { os: os!, architecture: architecture!, variant } : { os: os!, architecture: architecture! };
}

/** sha256 returns the OCI digest (`sha256:<hex>`) of bytes. */
export function sha256(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}
