/** The `choose` command: the selection engine alone, like the updater's own `test` command (SPEC §2.1). */
import { readFile } from 'node:fs/promises';
import { ConfigError } from '../errors.js';
import type { Logger } from '../logger.js';
import { chooseFresh } from '../query/choose-fresh.js';
import { candidatesFor, QueryContext, type RegistryAccess } from '../query/query-images.js';
import type { ManagedRegistryAccess } from '../registry/registry-access.js';
import { closeRegistries } from '../run.js';
import { parseImageRef } from '../resolve/image-ref.js';
import { filterTags, metadataNeeded, selectFromCandidates, wouldUpdate, type SelectionSpec } from '../strategy/select.js';
import { normalizeStrategyName, strategyFromSpec } from '../strategy/strategy.js';
import type { Candidate } from '../strategy/types.js';

/** ChooseOptions are the flags of `choose`. */
export interface ChooseOptions {
  strategy?: string;
  constraint?: string;
  allowTags?: string;
  ignoreTags?: string;
  platforms?: string;
  tagSortMode?: string;
  current?: string;
  image?: string;
  tagsFile?: string;
}

/** ChooseResult is what `choose --json` prints. */
export interface ChooseResult {
  tag: string | null;
  digest: string | null;
  update: boolean;
  considered: number;
  eligible: number;
}

const SORT_MODES = ['none', 'latest-first', 'latest-last'] as const;

/** selectionSpecFromFlags validates the flags into a SelectionSpec (ConfigError on bad input). */
export function selectionSpecFromFlags(options: ChooseOptions, logger: Logger): SelectionSpec {
  const strategy = normalizeStrategyName(options.strategy ?? 'semver');
  if (strategy.warning) logger.warning(strategy.warning);
  const mode = (options.tagSortMode ?? 'none').toLowerCase();
  if (!(SORT_MODES as readonly string[]).includes(mode)) {
    throw new ConfigError(`--tag-sort-mode "${options.tagSortMode}" is not known.`, { fix: `Use one of: ${SORT_MODES.join(', ')}.` });
  }
  const spec: SelectionSpec = {
    strategy: strategy.name,
    constraint: options.constraint ?? '',
    allowTags: options.allowTags || undefined,
    ignoreTags: splitComma(options.ignoreTags),
    tagSortMode: mode as SelectionSpec['tagSortMode'],
  };
  strategyFromSpec(spec);
  return spec;
}

/** parseCurrent splits `tag@digest`. */
export function parseCurrent(current: string | undefined): { tag?: string; digest?: string } | undefined {
  if (!current) return undefined;
  const at = current.indexOf('@');
  if (at < 0) return { tag: current };
  return { tag: current.slice(0, at) || undefined, digest: current.slice(at + 1) };
}

/** runChoose picks a tag from a tags file or from a registry (whose access it closes, so --cache-file is saved). */
export async function runChoose(options: ChooseOptions, registries: () => Promise<ManagedRegistryAccess>, logger: Logger): Promise<ChooseResult> {
  const spec = selectionSpecFromFlags(options, logger);
  const current = parseCurrent(options.current);
  if ((options.image === undefined) === (options.tagsFile === undefined)) {
    throw new ConfigError('choose needs exactly one of --image and --tags-file.', { fix: 'Pass --image REF to ask the registry, or --tags-file FILE.' });
  }
  if (options.tagsFile !== undefined) {
    const result = selectFromCandidates(spec, await readTagsFile(options.tagsFile), current);
    for (const warning of result.warnings) logger.warning(warning);
    return { tag: result.tag, digest: result.digest, update: result.update, considered: result.considered, eligible: result.eligible };
  }
  const access = await registries();
  try {
    return await chooseFromRegistry(spec, options, current, access, logger);
  } finally {
    await closeRegistries(access, logger);
  }
}

async function chooseFromRegistry(spec: SelectionSpec, options: ChooseOptions, current: ReturnType<typeof parseCurrent>, registries: RegistryAccess, logger: Logger): Promise<ChooseResult> {
  const ref = parseImageRef(options.image!);
  const image = { ref: { registry: ref.registry, repository: ref.repository }, platforms: splitComma(options.platforms) };
  const context = new QueryContext(registries);
  const listing = await context.listTags(image);
  const filtered = filterTags(listing.tags, spec);
  for (const warning of filtered.warnings) logger.warning(warning);
  const needs = metadataNeeded(spec);
  const candidates = await candidatesFor(image, options.image!, filtered.kept, listing, context, needs, logger);
  const { choice } = await chooseFresh(spec, candidates, listing, context.freshness(image, needs === 'created'), logger, options.image!);
  for (const warning of choice.warnings) logger.warning(warning);
  return {
    tag: choice.chosen?.tag ?? null,
    digest: choice.chosen?.digest ?? null,
    update: wouldUpdate(spec.strategy, choice.chosen, current),
    considered: filtered.considered,
    eligible: choice.eligible,
  };
}

/** readTagsFile reads a JSON array of tag strings or `{tag, created, digest}` objects, in registry order. */
export async function readTagsFile(path: string): Promise<Candidate[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ConfigError(`--tags-file ${path} cannot be read as JSON: ${(error as Error).message}`, { file: path, fix: 'Give a JSON array of tags or {tag, created, digest} objects.' });
  }
  if (!Array.isArray(parsed)) throw new ConfigError(`--tags-file ${path} is not a JSON array.`, { file: path, fix: 'Give a JSON array of tags or {tag, created, digest} objects.' });
  return parsed.map((item, index) => candidateFromJson(item, path, index));
}

function candidateFromJson(item: unknown, path: string, index: number): Candidate {
  if (typeof item === 'string') return { tag: item };
  if (typeof item === 'object' && item !== null && typeof (item as { tag?: unknown }).tag === 'string') {
    const { tag, created, digest } = item as { tag: string; created?: unknown; digest?: unknown };
    const date = typeof created === 'string' && created !== '' ? new Date(created) : undefined;
    return {
      tag,
      created: date && !Number.isNaN(date.getTime()) ? date : undefined,
      digest: typeof digest === 'string' && digest !== '' ? digest : undefined,
    };
  }
  throw new ConfigError(`--tags-file ${path}: item ${index} is neither a tag string nor an object with a string "tag".`, { file: path, fix: 'Give a JSON array of tags or {tag, created, digest} objects.' });
}

function splitComma(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter((s) => s !== '');
}
