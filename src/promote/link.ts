/**
 * link: finds the source image each promoted image names (`promote-from: <application>[/<alias>]`) among every
 * Application of the repository, and refuses what cannot be promoted from: an unknown Application or alias, an
 * ambiguous name, a source that runs another image repository, and cycles (a -> b -> a). Pure.
 */
import { appKey } from '../discover/identity.js';
import type { AppConfig, ImageSpec } from '../discover/types.js';
import { AnnotationError } from '../errors.js';
import { imageName, sameRepository } from '../resolve/image-ref.js';
import type { ResolvedImage } from '../resolve/types.js';

/** SourceImage is one image of one Application that may be promoted from; `item` when resolve resolved it. */
export interface SourceImage {
  config: AppConfig;
  image: ImageSpec;
  item?: ResolvedImage;
}

/** LinkResult is the source of one promoted image, or the error that goes on its Application. */
export type LinkResult = { ok: true; source: SourceImage } | { ok: false; error: AnnotationError };

/** linkSources links every promoted item to its source; `sources` are all images of all Applications. */
export function linkSources(promoted: readonly ResolvedImage[], sources: readonly SourceImage[]): Map<ResolvedImage, LinkResult> {
  const links = new Map<ResolvedImage, LinkResult>();
  for (const item of promoted) links.set(item, linkOne(item, sources));
  refuseCycles(links, sources);
  return links;
}

/** linkOne finds the one source a promote-from value names. */
function linkOne(item: ResolvedImage, sources: readonly SourceImage[]): LinkResult {
  const promotion = item.image.promotion!;
  const matches = new Set<SourceImage>();
  for (const { app, alias } of readings(promotion.from)) {
    const configs = new Set(sources.filter((s) => names(s.config, app)).map((s) => s.config));
    for (const config of configs) {
      const found = imageOf(sources, config, alias ?? item.image.alias, alias === undefined);
      if (found) matches.add(found);
    }
  }
  if (matches.size === 1) return checkSame(item, [...matches][0]);
  if (matches.size > 1) {
    const which = [...matches].map((s) => `${s.config.app.label}/${s.image.alias} (${s.config.app.file})`).join(', ');
    return refuse(item, `promote-from "${promotion.from}" names several images: ${which}`, 'Write namespace/name/alias, which names one.');
  }
  return refuse(item, unknownMessage(promotion.from, item.image.alias, sources), 'Write the source Application as name, namespace/name or its report name, and /<alias> when its alias differs from this one.');
}

/** readings are the ways to read `a/b/c`: the whole as an Application, or a prefix as one and the rest as an alias. */
function readings(from: string): { app: string; alias?: string }[] {
  const out: { app: string; alias?: string }[] = [{ app: from }];
  for (let i = from.indexOf('/'); i > 0; i = from.indexOf('/', i + 1)) out.push({ app: from.slice(0, i), alias: from.slice(i + 1) });
  return out;
}

function names(config: AppConfig, text: string): boolean {
  return config.app.name === text || config.app.label === text || appKey(config.app) === text;
}

/** imageOf finds the alias; when none was written, the same alias, else the source's only image. */
function imageOf(sources: readonly SourceImage[], config: AppConfig, alias: string, implied: boolean): SourceImage | undefined {
  const own = sources.filter((s) => s.config === config);
  return own.find((s) => s.image.alias === alias) ?? (implied && own.length === 1 ? own[0] : undefined);
}

function unknownMessage(from: string, alias: string, sources: readonly SourceImage[]): string {
  for (const reading of readings(from)) {
    const app = sources.find((s) => names(s.config, reading.app));
    if (!app) continue;
    const aliases = sources.filter((s) => s.config === app.config).map((s) => s.image.alias);
    return `promote-from "${from}": Application ${app.config.app.label} has no image "${reading.alias ?? alias}" (its images: ${aliases.join(', ') || 'none'})`;
  }
  const known = [...new Set(sources.map((s) => s.config.app.label))];
  const shown = known.slice(0, 10).join(', ') + (known.length > 10 ? `, … (${known.length} in all)` : '');
  return `promote-from "${from}": no Application of this repository has that name (Applications with images: ${shown || 'none'})`;
}

function checkSame(item: ResolvedImage, source: SourceImage): LinkResult {
  if (keyOf(source.config, source.image) === keyOf(item.config, item.image)) {
    return refuse(item, `promote-from "${item.image.promotion!.from}" names this image itself`, 'Name the Application this one follows (e.g. staging for prod).');
  }
  if (!sameRepository(source.image.ref, item.image.ref)) {
    return refuse(item, `promote-from "${item.image.promotion!.from}": ${source.config.app.label}/${source.image.alias} runs ${imageName(source.image.ref)}, not ${imageName(item.image.ref)}`, 'Promote from an Application that runs the same image repository, or fix the image-list of one of them.');
  }
  return { ok: true, source };
}

/** refuseCycles turns every link on a cycle (a -> b -> a) into an error that shows the cycle. */
function refuseCycles(links: Map<ResolvedImage, LinkResult>, sources: readonly SourceImage[]): void {
  const next = new Map<string, string>();
  const byKey = new Map<string, ResolvedImage>();
  for (const [item, link] of links) {
    byKey.set(keyOf(item.config, item.image), item);
    if (link.ok) next.set(keyOf(item.config, item.image), keyOf(link.source.config, link.source.image));
  }
  const labels = new Map(sources.map((s) => [keyOf(s.config, s.image), `${s.config.app.label}/${s.image.alias}`]));
  for (const [start, item] of byKey) {
    const path = [start];
    for (let at = next.get(start); at !== undefined && !path.includes(at); at = next.get(at)) path.push(at);
    const last = next.get(path[path.length - 1]);
    if (last !== start) continue;
    const shown = [...path, start].map((k) => labels.get(k) ?? k).join(' -> ');
    links.set(item, refuse(item, `promote-from forms a cycle: ${shown}`, 'Promote in one direction only (dev -> staging -> prod): remove promote-from from the first stage.'));
  }
}

function keyOf(config: AppConfig, image: ImageSpec): string {
  return `${config.app.file}:${config.app.line}#${image.alias}`;
}

function refuse(item: ResolvedImage, message: string, fix: string): LinkResult {
  const { app } = item.config;
  const key = item.image.promotion!.fromKey;
  return { ok: false, error: new AnnotationError(message, { application: app.label, annotation: key, file: app.file, line: app.annotationLines[key] ?? app.line, fix }) };
}
