/**
 * Go `path/filepath.Match` on a Unix host, ported from the Go source, for `ignore-tags`
 * (argocd-image-updater `IsTagIgnored`: a pattern matches iff Match returns true and no error).
 *
 * Why not picomatch: Go's grammar differs in ways that change results. picomatch adds braces,
 * extglobs and `**`, treats a lone `[` or `[]` leniently, and has its own dot-file rules; Go has none
 * of these, and a malformed pattern (`[`, `[a-`, trailing `\`) simply never matches. Porting the
 * ~100 lines keeps the semantics exact. Go works on bytes (UTF-8) and decodes runes only for `?` and
 * `[...]`, so patterns and names are matched as UTF-8 byte arrays.
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

const encoder = new TextEncoder();

/** GlobPattern is a compiled `filepath.Match` pattern. */
export interface GlobPattern {
  readonly source: string;
  /** matches reports whether the whole name matches; a malformed pattern never matches. */
  matches(name: string): boolean;
}

/** compileGlob prepares a pattern for repeated matching. */
export function compileGlob(pattern: string): GlobPattern {
  const bytes = encoder.encode(pattern);
  return { source: pattern, matches: (name) => goMatch(bytes, encoder.encode(name)) === true };
}

/** matchGlob is `filepath.Match(pattern, name)` reduced to "matched and no error". */
export function matchGlob(pattern: string, name: string): boolean {
  return goMatch(encoder.encode(pattern), encoder.encode(name)) === true;
}

class BadPattern extends Error {}

/** goMatch returns true, false, or 'error' (ErrBadPattern). */
function goMatch(patternIn: Uint8Array, nameIn: Uint8Array): boolean | 'error' {
  try {
    return matchLoop(patternIn, nameIn);
  } catch (error) {
    if (error instanceof BadPattern) return 'error';
    throw error;
  }
}

function matchLoop(patternIn: Uint8Array, nameIn: Uint8Array): boolean {
  let pattern = patternIn;
  let name = nameIn;
  outer: while (pattern.length > 0) {
    const { star, chunk, rest } = scanChunk(pattern);
    pattern = rest;
    if (star && chunk.length === 0) return !name.includes(SEPARATOR); // trailing * matches the rest unless it has a /
    const here = matchChunk(chunk, name);
    if (here !== undefined && (here.length === 0 || pattern.length > 0)) {
      name = here;
      continue;
    }
    if (star) {
      // Look for a match skipping i+1 bytes; `*` cannot skip `/`.
      for (let i = 0; i < name.length && name[i] !== SEPARATOR; i++) {
        const t = matchChunk(chunk, name.subarray(i + 1));
        if (t !== undefined) {
          if (pattern.length === 0 && t.length > 0) continue; // the last chunk must exhaust the name
          name = t;
          continue outer;
        }
      }
    }
    return false;
  }
  return name.length === 0;
}

/** scanChunk splits off leading stars and the next star-free chunk (stars inside `[...]` do not count). */
function scanChunk(pattern: Uint8Array): { star: boolean; chunk: Uint8Array; rest: Uint8Array } {
  let p = 0;
  while (p < pattern.length && pattern[p] === STAR) p++;
  const star = p > 0;
  const body = pattern.subarray(p);
  let inRange = false;
  let i = 0;
  for (; i < body.length; i++) {
    const c = body[i];
    if (c === BACKSLASH) {
      if (i + 1 < body.length) i++;
    } else if (c === OPEN) {
      inRange = true;
    } else if (c === CLOSE) {
      inRange = false;
    } else if (c === STAR && !inRange) {
      break;
    }
  }
  return { star, chunk: body.subarray(0, i), rest: body.subarray(i) };
}

/** matchChunk matches a star-free chunk at the start of s; returns the rest of s, or undefined. */
function matchChunk(chunkIn: Uint8Array, sIn: Uint8Array): Uint8Array | undefined {
  let chunk = chunkIn;
  let s = sIn;
  while (chunk.length > 0) {
    if (s.length === 0) return undefined;
    const c = chunk[0];
    if (c === OPEN) {
      const { rune, size } = decodeRune(s, 0);
      s = s.subarray(size);
      const result = matchClass(chunk.subarray(1), rune);
      if (!result.ok) return undefined;
      chunk = result.rest;
    } else if (c === QUESTION) {
      if (s[0] === SEPARATOR) return undefined;
      s = s.subarray(decodeRune(s, 0).size);
      chunk = chunk.subarray(1);
    } else {
      if (c === BACKSLASH) {
        chunk = chunk.subarray(1);
        if (chunk.length === 0) throw new BadPattern();
      }
      if (chunk[0] !== s[0]) return undefined;
      s = s.subarray(1);
      chunk = chunk.subarray(1);
    }
  }
  return s;
}

/** matchClass parses `[^]lo-hi...]` after the `[` and tests rune r against it. */
function matchClass(chunkIn: Uint8Array, r: number): { ok: boolean; rest: Uint8Array } {
  let chunk = chunkIn;
  if (chunk.length === 0) throw new BadPattern(); // cannot end right after '['
  const negated = chunk[0] === CARET;
  if (negated) chunk = chunk.subarray(1);
  let match = false;
  for (let nrange = 0; ; nrange++) {
    if (chunk.length > 0 && chunk[0] === CLOSE && nrange > 0) {
      chunk = chunk.subarray(1);
      break;
    }
    const lo = getEsc(chunk);
    chunk = lo.rest;
    let hi = lo.rune;
    if (chunk[0] === DASH) {
      const h = getEsc(chunk.subarray(1));
      hi = h.rune;
      chunk = h.rest;
    }
    if (lo.rune <= r && r <= hi) match = true;
  }
  return { ok: match !== negated, rest: chunk };
}

/** getEsc reads one possibly escaped character of a class; the class must continue after it. */
function getEsc(chunkIn: Uint8Array): { rune: number; rest: Uint8Array } {
  let chunk = chunkIn;
  if (chunk.length === 0 || chunk[0] === DASH || chunk[0] === CLOSE) throw new BadPattern();
  if (chunk[0] === BACKSLASH) {
    chunk = chunk.subarray(1);
    if (chunk.length === 0) throw new BadPattern();
  }
  const { rune, size } = decodeRune(chunk, 0);
  if (rune === RUNE_ERROR && size === 1) throw new BadPattern();
  const rest = chunk.subarray(size);
  if (rest.length === 0) throw new BadPattern();
  return { rune, rest };
}

/** decodeRune is utf8.DecodeRuneInString: an invalid sequence decodes as U+FFFD of size 1. */
function decodeRune(bytes: Uint8Array, at: number): { rune: number; size: number } {
  const b0 = bytes[at]!;
  if (b0 < 0x80) return { rune: b0, size: 1 };
  const need = b0 >= 0xf0 && b0 <= 0xf4 ? 3 : b0 >= 0xe0 ? 2 : b0 >= 0xc2 && b0 < 0xe0 ? 1 : -1;
  if (need < 0 || at + need >= bytes.length) return { rune: RUNE_ERROR, size: 1 };
  let rune = b0 & (need === 1 ? 0x1f : need === 2 ? 0x0f : 0x07);
  for (let k = 1; k <= need; k++) {
    const b = bytes[at + k]!;
    if ((b & 0xc0) !== 0x80) return { rune: RUNE_ERROR, size: 1 };
    rune = (rune << 6) | (b & 0x3f);
  }
  const min = need === 1 ? 0x80 : need === 2 ? 0x800 : 0x10000;
  if (rune < min || rune > 0x10ffff || (rune >= 0xd800 && rune <= 0xdfff)) return { rune: RUNE_ERROR, size: 1 };
  return { rune, size: need + 1 };
}
