/**
 * image-updater-match: which ImageUpdater applicationRef selects an Application, and the configuration it
 * gives (ARGOCD-IMAGE-UPDATER.md §1.8). Among matching refs the most specific wins: exact name +1,000,000,
 * +1 per literal pattern character, +10,000 for a label selector, +100 per label or expression.
 */
import { AnnotationError } from '../errors.js';
import { matchGlob } from '../strategy/glob.js';
import type { AnnotationConfig } from './annotations.js';
import type { CrAppRef, ImageUpdaterCr, LabelExpression } from './image-updater.js';
import { isPublishProblem, publishFromAnnotations } from './publish-keys.js';
import { imageSpecFromSettings } from './settings.js';
import type { Application, PublishSettings } from './types.js';
import { isWriteBackProblem, writeBackFromRaw, type RawWriteBack } from './write-back.js';

/** CrMatch is the applicationRef that selects an Application, with its score. */
export interface CrMatch {
  cr: ImageUpdaterCr;
  ref: CrAppRef;
  score: number;
}

/** selectorMatches applies matchLabels and matchExpressions with Kubernetes semantics (NotIn matches an absent key). */
export function selectorMatches(ref: Pick<CrAppRef, 'matchLabels' | 'matchExpressions'>, labels: Record<string, string>): boolean {
  for (const [key, value] of Object.entries(ref.matchLabels ?? {})) if (labels[key] !== value) return false;
  return (ref.matchExpressions ?? []).every((e) => expressionMatches(e, labels));
}

function expressionMatches(e: LabelExpression, labels: Record<string, string>): boolean {
  const has = Object.hasOwn(labels, e.key);
  if (e.operator === 'Exists') return has;
  if (e.operator === 'DoesNotExist') return !has;
  if (e.operator === 'In') return has && e.values.includes(labels[e.key]);
  return !has || !e.values.includes(labels[e.key]);
}

/** literalChars counts the characters of a Go glob that match only themselves. */
export function literalChars(pattern: string): number {
  let count = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*' || c === '?') continue;
    if (c === '[') {
      const close = pattern.indexOf(']', i + 2);
      i = close < 0 ? pattern.length : close;
      continue;
    }
    if (c === '\\') i++;
    count++;
  }
  return count;
}

/** refScore is the specificity of a ref for an Application, or undefined when it does not select it. */
export function refScore(ref: CrAppRef, app: Pick<Application, 'name' | 'labels'>): number | undefined {
  if (!matchGlob(ref.namePattern, app.name)) return undefined;
  const hasSelector = ref.matchLabels !== undefined || ref.matchExpressions !== undefined;
  if (hasSelector && !selectorMatches(ref, app.labels)) return undefined;
  let score = ref.namePattern === app.name ? 1_000_000 : 0;
  score += literalChars(ref.namePattern);
  if (hasSelector) score += 10_000 + 100 * (Object.keys(ref.matchLabels ?? {}).length + (ref.matchExpressions ?? []).length);
  return score;
}

/**
 * bestMatch finds the most specific ref over every CR. The controller lists Applications only in the CR's
 * namespace; an Application file without `metadata.namespace` is taken to match (it gets its namespace when applied).
 * Ties keep the first ref in file order; more than one matching CR is a warning (each would reconcile the app).
 */
export function bestMatch(crs: readonly ImageUpdaterCr[], app: Application): { match?: CrMatch; warnings: string[] } {
  let match: CrMatch | undefined;
  const matchedCrs = new Set<string>();
  for (const cr of crs) {
    if (cr.namespace !== undefined && app.namespace !== undefined && cr.namespace !== app.namespace) continue;
    for (const ref of cr.refs) {
      const score = refScore(ref, app);
      if (score === undefined) continue;
      matchedCrs.add(cr.name);
      if (match === undefined || score > match.score) match = { cr, ref, score };
    }
  }
  const warnings =
    matchedCrs.size > 1 && match
      ? [`ImageUpdater resources ${[...matchedCrs].join(', ')} all select this Application; ${match.cr.name} (${match.ref.namePattern}) is used.`]
      : [];
  return { match, warnings };
}

/** configFromImageUpdater builds an Application's configuration from the ref that selects it (useAnnotations false). */
export function configFromImageUpdater(match: CrMatch, app: Application): AnnotationConfig {
  const { cr, ref } = match;
  const warnings: string[] = [];
  const images = ref.images.map((image) => imageSpecFromSettings(image.item, { ...cr.settings, ...ref.settings, ...image.settings }, warnings));
  const raw: RawWriteBack = { ...cr.writeBack, ...ref.writeBack };
  const writeBack = writeBackFromRaw(raw);
  if (isWriteBackProblem(writeBack)) {
    const field = writeBack.setting === 'git-branch' ? 'writeBackConfig.gitConfig.branch' : 'writeBackConfig.method';
    throw new AnnotationError(writeBack.message, { application: app.label, annotation: field, file: cr.file, line: ref.line, fix: writeBack.fix });
  }
  const pullRequest = ref.writeBack.pullRequest ?? cr.writeBack.pullRequest;
  return { images, writeBack, publish: publishFor(app, pullRequest), warnings };
}

function publishFor(app: Application, pullRequest: { labels: string[] } | undefined): PublishSettings {
  const publish = publishFromAnnotations(app.annotations);
  if (isPublishProblem(publish)) {
    throw new AnnotationError(publish.message, {
      application: app.label,
      annotation: publish.key,
      file: app.file,
      line: app.annotationLines[publish.key] ?? app.line,
      fix: publish.fix,
    });
  }
  // A CR `gitConfig.pullRequest` (1.2+) asks for a pull request; our own annotation still wins when set.
  if (pullRequest === undefined) return publish;
  return { ...publish, mode: publish.mode ?? 'pull-request', labels: publish.labels.length > 0 ? publish.labels : pullRequest.labels };
}
