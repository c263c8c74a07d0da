/** Config: the validated, immutable settings of a run, from action inputs or CLI flags (same names). */
import { ConfigError } from '../errors.js';
import { isValidTag, quoteForMessage } from '../registry/tag-name.js';
import type { PublishMode } from '../report/result.js';
import { DEFAULT_MODE } from './mode-precedence.js';
import { wording, type Surface, type Wording } from './surface.js';
import { parseShard, type Shard } from '../query/shard.js';
import { parseImageRef, tryParseImageRef, type ImageRef } from '../resolve/image-ref.js';

/** MergeMethod is GitHub's auto-merge method. */
export type MergeMethod = 'merge' | 'squash' | 'rebase';

/** Config holds every setting of one run. */
export interface Config {
  /** Who runs (the action or the CLI): messages name inputs or flags accordingly. */
  readonly surface: Surface;
  readonly path?: string;
  readonly repository?: { owner: string; repo: string };
  readonly baseBranch?: string;
  readonly token?: string;
  readonly image?: ImageRef;
  readonly tag?: string;
  readonly applications: readonly string[];
  /** Globs on repo-relative file paths: only these files are read for Applications (empty = all). */
  readonly paths: readonly string[];
  /** Globs on repo-relative file paths: these files are not read for Applications. */
  readonly excludePaths: readonly string[];
  /** `shard: i/n`: this run queries and updates only the image repositories that hash to shard i of n. */
  readonly shard?: Shard;
  /** Clusters for ApplicationSet `clusters` generators: a YAML list (file path or content). */
  readonly clusters?: string;
  /** The run's publish mode; see mode-precedence.ts for how it meets the publish-mode annotation. */
  readonly mode: PublishMode;
  /** Whether `mode` was set (input or flag); unset, the annotations decide. */
  readonly modeExplicit: boolean;
  readonly dryRun: boolean;
  readonly allowDowngrade: boolean;
  /** registries.conf content or path. */
  readonly registriesConfig?: string;
  readonly googleCredentials?: string;
  readonly dockerConfig?: string;
  readonly cacheFile?: string;
  readonly allowExtCredentials: boolean;
  /** registry-timeout in ms: the deadline of each registry operation, retries and waits included; undefined = default (20 s). */
  readonly registryTimeoutMs?: number;
  /** Read config blobs on Google registries too, instead of trusting Google's tags/list times. */
  readonly exactCreated: boolean;
  readonly mergeMethod: MergeMethod;
  readonly mergeFallback: boolean;
  readonly commitAuthor?: { name: string; email: string };
  readonly commitMessage?: string;
  readonly labels: readonly string[];
  readonly reviewers: readonly string[];
  readonly teamReviewers: readonly string[];
  readonly assignees: readonly string[];
  readonly draft: boolean;
  readonly group?: string;
  /** Scenario S4: set this image back to this tag instead of promoting. */
  readonly rollback?: { application: string; alias: string; tag: string };
}

/** InputReader returns the raw text of an input ("" when unset). */
export type InputReader = (name: string) => string;

/** INPUT_NAMES lists every input; action.yml and the CLI flags use the same names. */
export const INPUT_NAMES = [
  'path', 'repository', 'base-branch', 'token', 'image', 'tag', 'applications', 'paths', 'exclude-paths', 'shard', 'clusters', 'mode', 'dry-run',
  'allow-downgrade', 'registries-config', 'google-credentials', 'docker-config', 'cache-file',
  'allow-ext-credentials', 'exact-created', 'registry-timeout', 'merge-method', 'merge-fallback', 'commit-author', 'commit-message',
  'labels', 'reviewers', 'team-reviewers', 'assignees', 'draft', 'group',
  'rollback-application', 'rollback-alias', 'rollback-tag',
] as const;

const MODES: readonly PublishMode[] = ['pull-request', 'auto-merge', 'commit', 'files'];
const MERGE_METHODS: readonly MergeMethod[] = ['merge', 'squash', 'rebase'];

/** parseConfig validates raw inputs into a Config; `defaults` fill inputs that are empty; errors name settings as `surface` does. */
export function parseConfig(read: InputReader, defaults: Partial<Record<string, string>> = {}, surface: Surface = 'action'): Config {
  const w = wording(surface);
  const get = (name: string) => read(name).trim() || defaults[name] || '';
  const optional = (name: string) => get(name) || undefined;
  const image = optional('image');
  return {
    path: optional('path'),
    surface,
    repository: parseRepository(get('repository'), w),
    baseBranch: optional('base-branch'),
    token: optional('token'),
    image: image === undefined ? undefined : parseImageInput(image, w),
    tag: parseTagInput(optional('tag'), image, w),
    applications: parseList(get('applications')),
    paths: parseList(get('paths')),
    excludePaths: parseList(get('exclude-paths')),
    shard: parseShard(get('shard'), w),
    clusters: optional('clusters'),
    mode: parseEnum('mode', get('mode') || DEFAULT_MODE, MODES, w),
    modeExplicit: get('mode') !== '',
    dryRun: parseBoolean('dry-run', get('dry-run'), false, w),
    allowDowngrade: parseBoolean('allow-downgrade', get('allow-downgrade'), false, w),
    registriesConfig: optional('registries-config'),
    googleCredentials: optional('google-credentials'),
    dockerConfig: optional('docker-config'),
    cacheFile: optional('cache-file'),
    allowExtCredentials: parseBoolean('allow-ext-credentials', get('allow-ext-credentials'), false, w),
    exactCreated: parseBoolean('exact-created', get('exact-created'), false, w),
    registryTimeoutMs: parseSeconds('registry-timeout', get('registry-timeout'), w),
    mergeMethod: parseEnum('merge-method', get('merge-method') || 'squash', MERGE_METHODS, w),
    mergeFallback: parseBoolean('merge-fallback', get('merge-fallback'), false, w),
    commitAuthor: parseAuthor(get('commit-author'), w),
    commitMessage: optional('commit-message'),
    labels: parseList(get('labels')),
    reviewers: parseList(get('reviewers')),
    teamReviewers: parseList(get('team-reviewers')),
    assignees: parseList(get('assignees')),
    draft: parseBoolean('draft', get('draft'), false, w),
    group: optional('group'),
    rollback: parseRollback(get('rollback-application'), get('rollback-alias'), get('rollback-tag'), w),
  };
}

/** parseRollback: the three rollback inputs go together. */
function parseRollback(application: string, alias: string, tag: string, w: Wording): Config['rollback'] {
  const given = [application, alias, tag].filter((v) => v !== '').length;
  if (given === 0) return undefined;
  if (given < 3) {
    const names = w.surface === 'cli' ? '--application, --alias and --tag' : 'rollback-application, rollback-alias and rollback-tag';
    throw new ConfigError(`a rollback needs ${names} together.`, { fix: 'Set all three, or none to promote.' });
  }
  return { application, alias, tag };
}

/** parseBoolean accepts only true/false (like core.getBooleanInput, but without its YAML 1.2 spellings). */
export function parseBoolean(name: string, value: string, fallback: boolean, w: Wording = wording()): boolean {
  if (value === '') return fallback;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new ConfigError(`${w.setting(name)} is "${value}", which is not a boolean.`, { fix: `${capital(w.set(name, 'true or false'))}.` });
}

/** parseTagInput checks input `tag` against the OCI tag grammar (it is written into manifests). */
function parseTagInput(tag: string | undefined, image: string | undefined, w: Wording): string | undefined {
  if (tag !== undefined && image === undefined) {
    throw new ConfigError(`${w.setting('tag')} is set without ${w.name('image')}: a tag belongs to the image just pushed.`, { fix: `${capital(w.set('image', 'the repository the tag was pushed to'))}, or leave ${w.name('tag')} out.` });
  }
  if (tag === undefined || isValidTag(tag)) return tag;
  throw new ConfigError(`${w.setting('tag')} is ${quoteForMessage(tag)}, which is not a valid image tag.`, { fix: 'A tag is 1 to 128 of A-Z a-z 0-9 _ . - and does not start with . or -.' });
}

/** parseSeconds reads a positive number of seconds (fractions allowed) into ms; empty = undefined (the default). */
export function parseSeconds(name: string, value: string, w: Wording = wording()): number | undefined {
  if (value === '') return undefined;
  const number = /^\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
  if (!(number > 0) || number > 3600) {
    throw new ConfigError(`${w.setting(name)} is "${value.slice(0, 40)}", which is not a number of seconds.`, { fix: `${capital(w.set(name, 'a number of seconds between 0 and 3600'))}, e.g. 20.` });
  }
  return Math.round(number * 1000);
}

/** parseList splits a newline- or comma-separated list, trimming and dropping empty items. */
export function parseList(value: string): string[] {
  return value.split(/[\n,]/).map((item) => item.trim()).filter((item) => item !== '');
}

function parseEnum<T extends string>(name: string, value: string, allowed: readonly T[], w: Wording): T {
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new ConfigError(`${w.setting(name)} is "${value}".`, { fix: `Use one of: ${allowed.join(', ')}.` });
}

function parseRepository(value: string, w: Wording): { owner: string; repo: string } | undefined {
  if (value === '') return undefined;
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(value);
  if (!match) {
    throw new ConfigError(`${w.setting('repository')} is "${value}", which is not owner/name.`, { fix: "Write it as 'owner/name', e.g. 'acme/gitops'." });
  }
  return { owner: match[1], repo: match[2] };
}

function parseImageInput(value: string, w: Wording): ImageRef {
  const ref = tryParseImageRef(value);
  if (ref === undefined) {
    try {
      parseImageRef(value);
    } catch (error) {
      throw new ConfigError(`${w.setting('image')}: ${(error as Error).message}.`, { fix: "Give a repository reference such as 'asia.gcr.io/proj/app'." });
    }
  }
  if (ref!.tag !== undefined || ref!.digest !== undefined) {
    throw new ConfigError(`${w.setting('image')} is "${value}", which carries a ${ref!.digest !== undefined ? 'digest' : 'tag'}; it names a repository.`, { fix: `${capital(w.set('image', `${ref!.registry}/${ref!.repository}`))} and put the tag in ${w.name('tag')}.` });
  }
  return { registry: ref!.registry, repository: ref!.repository };
}

function parseAuthor(value: string, w: Wording): { name: string; email: string } | undefined {
  if (value === '') return undefined;
  const match = /^(.+?)\s*<([^<>\s]+@[^<>\s]+)>$/.exec(value);
  if (!match) {
    throw new ConfigError(`${w.setting('commit-author')} is "${value}".`, { fix: "Write it as 'Name <email@example.com>'." });
  }
  return { name: match[1], email: match[2] };
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
