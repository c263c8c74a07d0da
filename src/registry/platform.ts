/**
 * Platforms (`os/arch[/variant]`): parsing, formatting and the updater's matching rule.
 * argocd-image-updater's `ManifestOptions.WantsPlatform` (pkg/options/options.go): an exact
 * `os/arch/variant` match, or a wanted platform without variant that matches any variant.
 */
import { ConfigError } from '../errors.js';
import type { Platform } from './client.js';

/** DEFAULT_PLATFORM is what the updater wants when no `platforms` annotation is set (its own linux/amd64 build). */
export const DEFAULT_PLATFORM: Platform = { os: 'linux', architecture: 'amd64' };

const PART = /^[a-z0-9][a-z0-9._-]*$/i;

/** parsePlatform parses `os/arch[/variant]`; throws ConfigError on anything else. */
export function parsePlatform(text: string): Platform {
  const parts = text.trim().split('/');
  if (parts.length < 2 || parts.length > 3 || !parts.every((p) => PART.test(p))) {
    throw new ConfigError(`"${text}" is not a platform`, { fix: 'Write platforms as os/arch or os/arch/variant, e.g. linux/arm64 or linux/arm/v7.' });
  }
  const [os, architecture, variant] = parts as [string, string, string | undefined];
  return variant === undefined ? { os, architecture } : { os, architecture, variant };
}

/** formatPlatform renders `os/arch[/variant]`. */
export function formatPlatform(platform: Platform): string {
  const base = `${platform.os}/${platform.architecture}`;
  return platform.variant ? `${base}/${platform.variant}` : base;
}

/**
 * platformWanted tells whether `offered` is one of `wanted`. As in the updater, a wanted entry without
 * a variant (`linux/arm`) accepts every variant, while `linux/arm/v7` accepts only v7.
 * An empty `wanted` means the default platform.
 */
export function platformWanted(wanted: readonly Platform[], offered: Platform): boolean {
  const list = wanted.length === 0 ? [DEFAULT_PLATFORM] : wanted;
  return list.some(
    (w) =>
      w.os === offered.os &&
      w.architecture === offered.architecture &&
      (!w.variant || w.variant === (offered.variant ?? '')),
  );
}

/** platformsKey is a stable key for a set of wanted platforms (cache keys). */
export function platformsKey(wanted: readonly Platform[]): string {
  const list = wanted.length === 0 ? [DEFAULT_PLATFORM] : wanted;
  return [...new Set(list.map(formatPlatform))].sort().join(',');
}
