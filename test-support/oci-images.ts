/**
 * The example-image model the built-in OCI server serves, and the loader for `examples/registry/`.
 * Kept apart from the server so the demo and tests can read images without starting anything.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';

/** ManifestFormat picks the media types of a tag: OCI image manifest/index or Docker v2 schema 2 manifest/list. */
export type ManifestFormat = 'oci' | 'docker';

/** ExampleTag is one tag of an example repository; equal content (created, platforms, labels, format) means equal digest. */
export interface ExampleTag {
  tag: string;
  /** RFC 3339 build time written into the config blob(s) (`created`). */
  created: string;
  /** `os/arch[/variant]`; more than one makes the tag an index / manifest list. Default `linux/amd64`. */
  platforms?: string[];
  /** Config labels (`config.Labels`), e.g. `org.opencontainers.image.revision`. */
  labels?: Record<string, string>;
  /** Overrides the repository's format for this tag. */
  format?: ManifestFormat;
}

/** ExampleImage is one repository (the path part, e.g. `acme-prod/web`) and its tags. */
export interface ExampleImage {
  repository: string;
  /** Media types used for the repository's tags; default `oci`. */
  format?: ManifestFormat;
  /** Labels every tag gets (a tag's own labels win); the loader merges them into each tag. */
  labels?: Record<string, string>;
  tags: ExampleTag[];
}

/** RFC3339 accepts what Go's time.RFC3339Nano parses (the updater's parser for `created`). */
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;
const PLATFORM = /^[a-z0-9]+\/[a-z0-9_]+(\/[a-z0-9]+)?$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const REPOSITORY = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;

/**
 * loadExampleImages reads every `*.yaml`/`*.yml` file of `dir` (sorted by name; each YAML document is one
 * ExampleImage) and validates it. Files are parsed with the failsafe schema so that tags such as `1.10`,
 * `0123456` or `5e12345` stay strings, exactly as written.
 */
export function loadExampleImages(dir: string): ExampleImage[] {
  const files = readdirSync(dir).filter((name) => /\.ya?ml$/.test(name)).sort();
  const images: ExampleImage[] = [];
  for (const name of files) {
    const file = join(dir, name);
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'), { schema: 'failsafe' })) {
      if (doc.errors.length > 0) throw new Error(`${file}: ${doc.errors[0]!.message}`);
      const value: unknown = doc.toJS();
      if (value !== null && value !== undefined) images.push(toExampleImage(value, file));
    }
  }
  return images;
}

function toExampleImage(value: unknown, file: string): ExampleImage {
  if (!isRecord(value)) throw new Error(`${file}: a document must be a map with repository and tags`);
  const repository = value['repository'];
  if (typeof repository !== 'string' || !REPOSITORY.test(repository)) {
    throw new Error(`${file}: repository must be a lower-case path such as acme-prod/web, got ${JSON.stringify(repository)}`);
  }
  const where = `${file} (${repository})`;
  const tags = value['tags'];
  if (!Array.isArray(tags)) throw new Error(`${where}: tags must be a list`);
  const common = readLabels(value['labels'], where);
  const image: ExampleImage = {
    repository,
    tags: tags.map((tag) => withCommonLabels(toExampleTag(tag, where), common)),
  };
  const format = readFormat(value['format'], where);
  if (format) image.format = format;
  if (common) image.labels = common;
  return image;
}

function toExampleTag(value: unknown, where: string): ExampleTag {
  if (!isRecord(value)) throw new Error(`${where}: each tag must be a map with tag and created`);
  const { tag, created, platforms, labels } = value;
  if (typeof tag !== 'string' || !TAG.test(tag)) throw new Error(`${where}: bad tag ${JSON.stringify(tag)}`);
  if (typeof created !== 'string' || !RFC3339.test(created)) {
    throw new Error(`${where}: tag ${tag}: created must be RFC 3339 (2025-01-02T03:04:05Z), got ${JSON.stringify(created)}`);
  }
  const result: ExampleTag = { tag, created };
  if (platforms !== undefined) {
    if (!Array.isArray(platforms) || platforms.length === 0 || !platforms.every((p) => typeof p === 'string' && PLATFORM.test(p))) {
      throw new Error(`${where}: tag ${tag}: platforms must be a non-empty list of os/arch[/variant]`);
    }
    result.platforms = platforms as string[];
  }
  const tagLabels = readLabels(labels, `${where}: tag ${tag}`);
  if (tagLabels) result.labels = tagLabels;
  const format = readFormat(value['format'], `${where}: tag ${tag}`);
  if (format) result.format = format;
  return result;
}

function withCommonLabels(tag: ExampleTag, common: Record<string, string> | undefined): ExampleTag {
  return common ? { ...tag, labels: { ...common, ...tag.labels } } : tag;
}

function readLabels(value: unknown, where: string): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  if (!isRecord(value) || !Object.values(value).every((v) => typeof v === 'string')) {
    throw new Error(`${where}: labels must be a map of strings`);
  }
  return value as Record<string, string>;
}

function readFormat(value: unknown, where: string): ManifestFormat | undefined {
  if (value === undefined) return undefined;
  if (value === 'oci' || value === 'docker') return value;
  throw new Error(`${where}: format must be oci or docker, got ${JSON.stringify(value)}`);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
