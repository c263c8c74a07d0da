/**
 * A port of Masterminds/semver v3.4.0 `Version` (version.go): the coercing `NewVersion` parser
 * (package default `CoerceNewVersion = true`) and `Compare`. argocd-image-updater parses every tag
 * with it, so this decides which tags are versions and how they order. npm `semver` differs on
 * partial versions (`1.2`), leading zeros and `=` prefixes, so it is not used here.
 */

/**
 * VersionNumber is a uint64 segment: a number when it is a safe integer, a bigint only above that. Each
 * value has exactly one representation, so `===` is value equality, and `<`/`>` work across the two.
 */
export type VersionNumber = number | bigint;

/** Version is a parsed Masterminds version; `original` is the text it was parsed from (the tag). */
export interface Version {
  readonly major: VersionNumber;
  readonly minor: VersionNumber;
  readonly patch: VersionNumber;
  /** Pre-release without the `-`, "" when none. */
  readonly pre: string;
  /** Build metadata without the `+`, "" when none. */
  readonly metadata: string;
  readonly original: string;
}

// version.go's looseSemVerRegex, `^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-(ID(\.ID)*))?(\+(ID(\.ID)*))?$` with
// ID = [0-9A-Za-z-]+, is implemented below as a scanner: each optional part starts with its own separator,
// so the scanner accepts exactly what the regex accepts, at a fraction of the cost over 100,000 tags.
const ALL_DIGITS = /^[0-9]+$/;
const UINT64_MAX = 18446744073709551615n;
const SAFE_DIGITS = 15;
const DOT = 0x2e;
const DASH = 0x2d;
const PLUS = 0x2b;

/** parseUint64 mirrors Go's strconv.ParseUint(s, 10, 64): digits only, overflow is an error (undefined). */
export function parseUint64(text: string): VersionNumber | undefined {
  if (!ALL_DIGITS.test(text)) return undefined;
  if (text.length <= SAFE_DIGITS) return Number(text);
  const value = BigInt(text);
  if (value > UINT64_MAX) return undefined;
  return value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isIdentifierChar(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === DASH;
}

/**
 * codeAt is charCodeAt with -1 past the end. The scanner often peeks one past the last character, and
 * an out-of-bounds charCodeAt (NaN) makes V8 throw away the optimised parser and rebuild it.
 */
function codeAt(text: string, i: number): number {
  return i < text.length ? text.charCodeAt(i) : -1;
}

/** Part-end markers for parseVersion: the part is absent (NONE) or its `.` has no digits (NO_DIGITS). */
const NONE = -2;
const NO_DIGITS = -1;

/** scanDigits returns the end of a non-empty digit run starting at i, or NO_DIGITS. */
function scanDigits(text: string, i: number): number {
  let j = i;
  while (j < text.length && isDigit(text.charCodeAt(j))) j++;
  return j > i ? j : NO_DIGITS;
}

/** digitsValue reads a short digit run (at most 15 digits, so exact as a number). */
function digitsValue(text: string, start: number, end: number): number {
  let value = 0;
  for (let j = start; j < end; j++) value = value * 10 + (text.charCodeAt(j) - 0x30);
  return value;
}

/** scanIdentifiers returns the end of `ID(.ID)*` starting at i, or -1 (an empty identifier fails). */
function scanIdentifiers(text: string, i: number): number {
  let j = i;
  for (;;) {
    const start = j;
    while (j < text.length && isIdentifierChar(text.charCodeAt(j))) j++;
    if (j === start) return -1;
    if (j >= text.length || text.charCodeAt(j) !== DOT) return j;
    j++;
  }
}

/**
 * parseVersion is Masterminds `NewVersion` in coercing mode: `^v?N(.N)?(.N)?(-pre)?(+meta)?$` with
 * leading zeros allowed in N (`01.02.3` = 1.2.3) and missing parts as 0 (`1.2` = 1.2.0).
 * Returns undefined where Go returns an error (`V1.2.3`, `=1.2.3`, `1.2.3.4`, `1.0.0-rc.01`, overflow).
 */
export function parseVersion(text: string): Version | undefined {
  const start = codeAt(text, 0) === 0x76 /* v */ ? 1 : 0;
  const majorEnd = scanDigits(text, start);
  if (majorEnd < 0) return undefined;
  // Each optional part starts with its own `.`; a `.` not followed by digits fails the whole regex.
  const minorEnd = codeAt(text, majorEnd) === DOT ? scanDigits(text, majorEnd + 1) : NONE;
  if (minorEnd === NO_DIGITS) return undefined;
  const patchEnd = minorEnd !== NONE && codeAt(text, minorEnd) === DOT ? scanDigits(text, minorEnd + 1) : NONE;
  if (patchEnd === NO_DIGITS) return undefined;
  const major = numberAt(text, start, majorEnd);
  const minor = minorEnd === NONE ? 0 : numberAt(text, majorEnd + 1, minorEnd);
  const patch = patchEnd === NONE ? 0 : numberAt(text, minorEnd + 1, patchEnd);
  if (major === undefined || minor === undefined || patch === undefined) return undefined;
  return parseSuffix(text, Math.max(majorEnd, minorEnd, patchEnd), major, minor, patch);
}

/** numberAt reads the digit run text[start, end) as a uint64 (undefined on overflow, as ParseUint errs). */
function numberAt(text: string, start: number, end: number): VersionNumber | undefined {
  return end - start <= SAFE_DIGITS ? digitsValue(text, start, end) : parseUint64(text.slice(start, end));
}

/** parseSuffix reads `(-pre)?(+meta)?` from i to the end of text and builds the version. */
function parseSuffix(text: string, from: number, major: VersionNumber, minor: VersionNumber, patch: VersionNumber): Version | undefined {
  let i = from;
  let pre = '';
  let metadata = '';
  if (codeAt(text, i) === DASH) {
    const end = scanIdentifiers(text, i + 1);
    if (end < 0) return undefined;
    pre = text.slice(i + 1, end);
    i = end;
  }
  if (codeAt(text, i) === PLUS) {
    const end = scanIdentifiers(text, i + 1);
    if (end < 0) return undefined;
    metadata = text.slice(i + 1, end);
    i = end;
  }
  if (i !== text.length) return undefined;
  // validatePrerelease: a numeric identifier must not have a leading zero (`1.2.3-alpha.01` is an error
  // even in coercing mode); validateMetadata adds nothing the scan has not checked.
  if (pre !== '' && LEADING_ZERO_NUMBER.test(pre)) return undefined;
  return { major, minor, patch, pre, metadata, original: text };
}

const LEADING_ZERO_NUMBER = /(?:^|\.)0[0-9]+(?:\.|$)/;

function compareSegment(a: VersionNumber, b: VersionNumber): number {
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
