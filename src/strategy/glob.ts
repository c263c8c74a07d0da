/**
 * Go `path/filepath.Match` on a Unix host, ported from the Go source, for `ignore-tags`
 * (argocd-image-updater `IsTagIgnored`: a pattern matches iff Match returns true and no error).
 *
 * Why not picomatch: Go's grammar differs in ways that change results. picomatch adds braces,
 * extglobs and `**`, treats a lone `[` or `[]` leniently, and has its own dot-file rules; Go has none
 * of these, and a malformed pattern (`[`, `[a-`, trailing `\`) simply never matches. Porting the
 * ~100 lines keeps the semantics exact. Go works on bytes (UTF-8) and decodes runes only for `?` and
 * `[...]`, so non-ASCII patterns and names are first turned into UTF-8 "byte strings" (one char per
 * byte); ASCII text is already that, which keeps the common case allocation-free.
 */

const SEPARATOR = 0x2f; // '/'
const STAR = 0x2a;
const QUESTION = 0x3f;
const BACKSLASH = 0x5c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const CARET = 0x5e;
const DASH = 0x2d;
const RUNE_ERROR = 0xfffd;

const NON_ASCII = /[^\x00-\x7f]/;
const encoder = new TextEncoder();

/** toByteString returns s as UTF-8 bytes, one char per byte (ASCII strings are returned as they are). */
function toByteString(s: string): string {
  if (!NON_ASCII.test(s)) return s;
  let out = '';
  for (const byte of encoder.encode(s)) out += String.fromCharCode(byte);
  return out;
}

/** GlobPattern is a compiled `filepath.Match` pattern. */
export interface GlobPattern {
  readonly source: string;
  /** wellFormed is false for a pattern Go rejects with ErrBadPattern (it then never matches). */
  readonly wellFormed: boolean;
  /** matches reports whether the whole name matches; a malformed pattern never matches. */
  matches(name: string): boolean;
}

/**
 * compileGlob prepares a pattern for repeated matching. Patterns made only of ASCII literals and `*`
 * (`*-rc*`, `*-SNAPSHOT`, `latest`) take a string-search fast path; the rest run the Go port.
 */
export function compileGlob(pattern: string): GlobPattern {
  const bytes = toByteString(pattern);
  return new CompiledGlob(pattern, bytes, isWellFormed(bytes), literalStarParts(bytes));
}

/** CompiledGlob is a class, not an object of closures, so `matches` is one call target for every pattern. */
class CompiledGlob implements GlobPattern {
  constructor(
    readonly source: string,
    private readonly bytes: string,
    readonly wellFormed: boolean,
    private readonly parts: readonly string[] | undefined,
  ) {}

  matches(name: string): boolean {
    if (this.parts !== undefined) return matchLiteralStars(this.parts, name);
    return this.wellFormed && goMatch(this.bytes, toByteString(name));
  }
}

/** HAS_META: the characters that make a pattern more than literals and stars (or non-ASCII). */
const HAS_META = /[?[\\\x80-\uffff]/;

/** literalStarParts splits a literal-and-star pattern at its star runs (`*-rc*` -> ["", "-rc", ""]), else undefined. */
function literalStarParts(pattern: string): string[] | undefined {
  return HAS_META.test(pattern) ? undefined : pattern.split(/\*+/);
}

/**
 * matchLiteralStars gives Match's result for a literal-and-star pattern. Go's loop takes, for each chunk
 * after a star, its leftmost occurrence (which only needs the skipped text to hold no `/`), and the last
 * chunk must end the name; those are indexOf/endsWith. Both sides are ASCII-keyed, so matching the
 * UTF-16 name gives the same answer as matching its UTF-8 bytes (a multi-byte character never holds an
 * ASCII byte), and no byte-string conversion is needed.
 */
function matchLiteralStars(parts: readonly string[], name: string): boolean {
  if (parts.length === 1) return name === parts[0];
  if (!name.startsWith(parts[0])) return false;
  let n = parts[0].length;
  for (let k = 1; k < parts.length - 1; k++) {
    const at = name.indexOf(parts[k], n);
    if (at < 0 || slashBetween(name, n, at)) return false;
    n = at + parts[k].length;
  }
  const last = parts[parts.length - 1];
  if (last === '') return name.indexOf('/', n) < 0; // a trailing * matches the rest unless it has a /
  const at = name.length - last.length;
  return at >= n && name.endsWith(last) && !slashBetween(name, n, at);
}

/** slashBetween says whether name[from, to) holds a `/` (which `*` cannot skip). */
function slashBetween(name: string, from: number, to: number): boolean {
  const slash = name.indexOf('/', from);
  return slash >= 0 && slash < to;
}

/**
 * isWellFormed parses every chunk without input, as newer Go versions do before returning false, so a
 * pattern is malformed iff Match can return ErrBadPattern for some name (then it matches no name at all).
 */
function isWellFormed(pattern: string): boolean {
  try {
    for (let p = 0; p < pattern.length; ) {
      const { start, end } = scanChunk(pattern, p);
      for (let c = start; c < end; ) {
        const ch = pattern.charCodeAt(c);
        if (ch === OPEN) c = parseClass(pattern, c + 1, end, -1).next;
        else if (ch === BACKSLASH && c + 1 >= end) throw new BadPattern();
        else c += ch === BACKSLASH ? 2 : 1;
      }
      p = end;
    }
    return true;
  } catch (error) {
    if (error instanceof BadPattern) return false;
    throw error;
  }
}

/** matchGlob is `filepath.Match(pattern, name)` reduced to "matched and no error". */
export function matchGlob(pattern: string, name: string): boolean {
  return goMatch(toByteString(pattern), toByteString(name));
}

/** BadPattern is Go's ErrBadPattern, thrown inside the matcher and caught at the top. */
class BadPattern extends Error {}

/** goMatch is Match reduced to "matched and no error": ErrBadPattern (thrown inside as BadPattern) is false. */
function goMatch(pattern: string, name: string): boolean {
  try {
    return matchLoop(pattern, name);
  } catch (error) {
    if (error instanceof BadPattern) return false;
    throw error;
  }
}

/** matchLoop is Match: chunks of `*`-free text, each optionally preceded by stars. */
function matchLoop(pattern: string, name: string): boolean {
  let p = 0;
  let n = 0;
  outer: while (p < pattern.length) {
    const { star, start, end } = scanChunk(pattern, p);
    p = end;
    if (star && start === end) return name.indexOf('/', n) < 0; // trailing * matches the rest unless it has a /
    const here = matchChunk(pattern, start, end, name, n);
    if (here >= 0 && (here === name.length || p < pattern.length)) {
      n = here;
      continue;
    }
    if (star) {
      // Look for a match skipping i+1 bytes; `*` cannot skip `/`.
      for (let i = n; i < name.length && name.charCodeAt(i) !== SEPARATOR; i++) {
        const t = matchChunk(pattern, start, end, name, i + 1);
        if (t >= 0) {
          if (p === pattern.length && t < name.length) continue; // the last chunk must exhaust the name
          n = t;
          continue outer;
        }
      }
    }
    return false;
  }
  return n === name.length;
}

/** scanChunk skips leading stars and finds the next star-free chunk [start, end) (stars inside `[...]` do not count). */
function scanChunk(pattern: string, from: number): { star: boolean; start: number; end: number } {
  let start = from;
  while (start < pattern.length && pattern.charCodeAt(start) === STAR) start++;
  let inRange = false;
  let i = start;
  for (; i < pattern.length; i++) {
    const c = pattern.charCodeAt(i);
    if (c === BACKSLASH) {
      if (i + 1 < pattern.length) i++;
    } else if (c === OPEN) {
      inRange = true;
    } else if (c === CLOSE) {
      inRange = false;
    } else if (c === STAR && !inRange) {
      break;
    }
  }
  return { star: start > from, start, end: i };
}

/** matchChunk matches pattern[c, end) at name[s...]; returns the index after the match, or -1. */
function matchChunk(pattern: string, cIn: number, end: number, name: string, sIn: number): number {
  let c = cIn;
  let s = sIn;
  while (c < end) {
    if (s >= name.length) return -1;
    const ch = pattern.charCodeAt(c);
    if (ch === OPEN) {
      const { rune, size } = decodeRune(name, s);
      s += size;
      const cls = parseClass(pattern, c + 1, end, rune);
      if (!cls.matched) return -1;
      c = cls.next;
    } else if (ch === QUESTION) {
      if (name.charCodeAt(s) === SEPARATOR) return -1;
      s += decodeRune(name, s).size;
      c++;
    } else {
      if (ch === BACKSLASH) {
        c++;
        if (c >= end) throw new BadPattern();
      }
      if (pattern.charCodeAt(c) !== name.charCodeAt(s)) return -1;
      s++;
      c++;
    }
  }
  return s;
}

/** parseClass parses `[^]lo-hi...]` from just after the `[`: whether rune r is in the class, and the index after `]`. */
function parseClass(pattern: string, cIn: number, end: number, r: number): { matched: boolean; next: number } {
  let c = cIn;
  if (c >= end) throw new BadPattern(); // cannot end right after '['
  const negated = pattern.charCodeAt(c) === CARET;
  if (negated) c++;
  let match = false;
  for (let nrange = 0; ; nrange++) {
    if (c < end && pattern.charCodeAt(c) === CLOSE && nrange > 0) {
      c++;
      break;
    }
    const lo = getEsc(pattern, c, end);
    c = lo.next;
    let hi = lo.rune;
    if (pattern.charCodeAt(c) === DASH) {
      const h = getEsc(pattern, c + 1, end);
      hi = h.rune;
      c = h.next;
    }
    if (lo.rune <= r && r <= hi) match = true;
  }
  return { matched: match !== negated, next: c };
}

/** getEsc reads one possibly escaped character of a class; the class must continue after it. */
function getEsc(pattern: string, cIn: number, end: number): { rune: number; next: number } {
  let c = cIn;
  if (c >= end) throw new BadPattern();
  const first = pattern.charCodeAt(c);
  if (first === DASH || first === CLOSE) throw new BadPattern();
  if (first === BACKSLASH) {
    c++;
    if (c >= end) throw new BadPattern();
  }
  const { rune, size } = decodeRune(pattern, c); // a well-formed pattern: a member always decodes (no U+FFFD check)
  if (c + size >= end) throw new BadPattern();
  return { rune, next: c + size };
}

/**
 * decodeRune is utf8.DecodeRuneInString over a byte string from toByteString. Those are always well-formed
 * UTF-8 (TextEncoder writes a lone surrogate as U+FFFD), so Go's checks for overlong, surrogate, truncated and
 * out-of-range sequences can never fire. The one byte that starts no character is a continuation byte, met where
 * a `*` stopped inside a character (Go skips bytes, not runes); it decodes as U+FFFD of size 1, as in Go.
 */
function decodeRune(bytes: string, at: number): { rune: number; size: number } {
  const b0 = bytes.charCodeAt(at);
  if (b0 < 0x80) return { rune: b0, size: 1 };
  if (b0 < 0xc0) return { rune: RUNE_ERROR, size: 1 };
  const need = b0 >= 0xf0 ? 3 : b0 >= 0xe0 ? 2 : 1;
  let rune = b0 & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
  for (let k = 1; k <= need; k++) rune = (rune << 6) | (bytes.charCodeAt(at + k) & 0x3f);
  return { rune, size: need + 1 };
}
