/**
 * Strategy names and the factory that builds a validated strategy from a spec (flux `PolicerFromSpec`).
 * Names follow argocd-image-updater `ParseUpdateStrategy`: case-insensitive, the deprecated `latest` and
 * `name` still accepted with a warning, anything else falls back to semver with a warning.
 */
import type { StrategyName } from '../discover/types.js';
import { ConfigError } from '../errors.js';
import { alphabeticalStrategy } from './alphabetical.js';
import { digestStrategy } from './digest.js';
import { ConstraintSyntaxError, parseConstraint, type Constraints } from './masterminds/constraint.js';
import { newestBuildStrategy } from './newest-build.js';
import { semverStrategy } from './semver.js';
import type { OrderedStrategy } from './types.js';

/** StrategySpec is what a strategy is built from. */
export interface StrategySpec {
  strategy: StrategyName;
  /** The tag text of the image-list item (`~1.2`, `latest`), "" when none. */
  constraint: string;
}

/** normalizeStrategyName maps what a user wrote to one of the four strategies, with a warning when it had to guess. */
export function normalizeStrategyName(raw: string): { name: StrategyName; warning?: string } {
  switch (raw.toLowerCase()) {
    case '':
    case 'semver':
      return { name: 'semver' };
    case 'newest-build':
      return { name: 'newest-build' };
    case 'alphabetical':
      return { name: 'alphabetical' };
    case 'digest':
      return { name: 'digest' };
    case 'latest':
      return { name: 'newest-build', warning: 'update-strategy "latest" has been renamed to "newest-build"; write "newest-build" (the old name still works).' };
    case 'name':
      return { name: 'alphabetical', warning: 'update-strategy "name" has been renamed to "alphabetical"; write "alphabetical" (the old name still works).' };
    default:
      return {
        name: 'semver',
        warning: `update-strategy "${raw}" is not known, so semver is used (as argocd-image-updater does); write one of semver, newest-build, alphabetical, digest.`,
      };
  }
}

/**
 * semverConstraintOf parses the constraint the semver strategy applies. Since argocd-image-updater 1.3
 * an empty constraint means `*`, which excludes pre-releases (earlier versions applied none).
 */
export function semverConstraintOf(constraint: string): Constraints {
  const text = constraint === '' ? '*' : constraint;
  try {
    return parseConstraint(text);
  } catch (error) {
    if (!(error instanceof ConstraintSyntaxError)) throw error;
    throw new ConfigError(`"${constraint}" is not a valid semver constraint (${error.message}).`, {
      fix: `Use a Masterminds constraint such as ~1.2, ^1.0, 1.x or ">=1.2 <2" after the image name, or set update-strategy to digest/newest-build/alphabetical to track a tag like "${constraint}".`,
      cause: error,
    });
  }
}

/**
 * strategyFromSpec builds the strategy and validates its constraint: semver constraints must parse
 * (`latest` with semver is an error every run in the updater); digest needs the tag to track.
 * alphabetical and newest-build ignore the constraint, as the updater does.
 */
export function strategyFromSpec(spec: StrategySpec): OrderedStrategy {
  switch (spec.strategy) {
    case 'semver':
      return semverStrategy(semverConstraintOf(spec.constraint));
    case 'newest-build':
      return newestBuildStrategy();
    case 'alphabetical':
      return alphabeticalStrategy();
    case 'digest':
      if (spec.constraint === '') {
        throw new ConfigError('update strategy "digest" needs the tag to track, and the image has none.', {
          fix: 'Write the tag after the image name in image-list, e.g. "app=registry/app:latest".',
        });
      }
      return digestStrategy(spec.constraint);
    default:
      throw new ConfigError(`update strategy "${String(spec.strategy)}" is not known.`, { fix: 'Use one of semver, newest-build, alphabetical, digest.' });
  }
}
