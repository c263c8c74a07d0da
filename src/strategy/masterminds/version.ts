/**
 * A port of Masterminds/semver v3.4.0 `Version` (version.go): the coercing `NewVersion` parser
 * (package default `CoerceNewVersion = true`) and `Compare`. argocd-image-updater parses every tag
 * with it, so this decides which tags are versions and how they order. npm `semver` differs on
 * partial versions (`1.2`), leading zeros and `=` prefixes, so it is not used here.
 */

/** Version is a parsed Masterminds version; `original` is the text it was parsed from (the tag). */
export interface Version {
  readonly major: bigint;
  readonly minor: bigint;
  readonly patch: bigint;
  /** Pre-release without the `-`, "" when none. */
  readonly pre: string;
  /** Build metadata without the `+`, "" when none. */
  readonly metadata: string;
  readonly original: string;
}

// looseSemVerRegex of version.go, anchored as in init(). Unambiguous (each optional part starts with a
// distinct separator), so JavaScript's backtracking picks the same submatches as Go's RE2.
const LOOSE_VERSION = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;
const ALL_DIGITS = /^[0-9]+$/;
const ALLOWED_IDENTIFIER = /^[0-9A-Za-z-]+$/;
const UINT64_MAX = 18446744073709551615n;

/** parseUint64 mirrors Go's strconv.ParseUint(s, 10, 64): digits only, overflow is an error (undefined). */
export function parseUint64(text: string): bigint | undefined {
  if (!ALL_DIGITS.test(text)) return undefined;
  const value = BigInt(text);
  return value > UINT64_MAX ? undefined : value;
}

/**
 * parseVersion is Masterminds `NewVersion` in coercing mode: `^v?N(.N)?(.N)?(-pre)?(+meta)?$` with
 * leading zeros allowed in N (`01.02.3` = 1.2.3) and missing parts as 0 (`1.2` = 1.2.0).
 * Returns undefined where Go returns an error (`V1.2.3`, `=1.2.3`, `1.2.3.4`, `1.0.0-rc.01`, overflow).
 */
export function parseVersion(text: string): Version | undefined {
  const m = LOOSE_VERSION.exec(text);
  if (m === null) return undefined;
  const major = parseUint64(m[1]!);
  const minor = m[2] === undefined ? 0n : parseUint64(m[2].slice(1));
  const patch = m[3] === undefined ? 0n : parseUint64(m[3].slice(1));
  if (major === undefined || minor === undefined || patch === undefined) return undefined;
  const pre = m[5] ?? '';
  const metadata = m[8] ?? '';
  if (pre !== '' && !validPrerelease(pre)) return undefined;
  if (metadata !== '' && !validMetadata(metadata)) return undefined;
  return { major, minor, patch, pre, metadata, original: text };
}

/** validPrerelease is version.go validatePrerelease: no empty identifier, no leading zero in a numeric one. */
function validPrerelease(pre: string): boolean {
  for (const part of pre.split('.')) {
    if (part === '') return false;
    if (ALL_DIGITS.test(part)) {
      if (part.length > 1 && part[0] === '0') return false;
    } else if (!ALLOWED_IDENTIFIER.test(part)) {
      return false;
    }
  }
  return true;
}

function validMetadata(metadata: string): boolean {
  return metadata.split('.').every((part) => part !== '' && ALLOWED_IDENTIFIER.test(part));
}

function compareSegment(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * compareVersions is Masterminds `Compare`: major, minor, patch numerically; a release is greater than
 * its pre-releases; pre-releases by `comparePrerelease`. Build metadata is ignored (so `1.2.3+a` equals
 * `1.2.3`); callers that need a total order break ties on `original`, as argocd-image-updater does.
 */
export function compareVersions(a: Version, b: Version): number {
  const d = compareSegment(a.major, b.major) || compareSegment(a.minor, b.minor) || compareSegment(a.patch, b.patch);
  if (d !== 0) return d;
  if (a.pre === '' && b.pre === '') return 0;
  if (a.pre === '') return 1;
  if (b.pre === '') return -1;
  return comparePrerelease(a.pre, b.pre);
}

/**
 * comparePrerelease is version.go comparePrerelease: dot-separated identifiers compared pairwise, a missing
 * identifier is smaller (`rc` < `rc.1`). Numeric identifiers compare numerically (`rc.10` > `rc.9`), but
 * `rc10` is one string identifier, so `rc9` > `rc10`.
 */
export function comparePrerelease(a: string, b: string): number {
  const as = a.split('.');
  const bs = b.split('.');
  const length = Math.max(as.length, bs.length);
  for (let i = 0; i < length; i++) {
    const d = comparePrePart(as[i] ?? '', bs[i] ?? '');
    if (d !== 0) return d;
  }
  return 0;
}

/** comparePrePart is version.go comparePrePart, including its quirks (a number beats a string). */
function comparePrePart(s: string, o: string): number {
  if (s === o) return 0;
  if (s === '') return -1;
  if (o === '') return 1;
  const oi = parseUint64(o);
  const si = parseUint64(s);
  if (oi === undefined && si === undefined) return s > o ? 1 : -1; // identifiers are ASCII: UTF-16 order = byte order
  if (oi === undefined) return -1;
  if (si === undefined) return 1;
  return si > oi ? 1 : -1;
}
