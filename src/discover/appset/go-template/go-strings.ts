/**
 * go-strings: Go's string helpers that Sprig's functions call, where JavaScript's differ: unicode.IsSpace (no
 * U+FEFF, with U+0085), strconv.Quote (`%q`: Go escapes, not JSON's) and strconv.Atoi.
 */

/**
 * GO_SPACE matches one character unicode.IsSpace accepts. The vertical tab is written \x0B: Stryker's regex mutator
 * turns \v into \V, which a /u pattern refuses, and the broken literal fails the whole module under mutation.
 */
export const GO_SPACE = /[\t\n\x0B\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]/u;

const EDGE_SPACE = new RegExp(`^${GO_SPACE.source}+|${GO_SPACE.source}+$`, 'gu');
const ANY_SPACE = new RegExp(GO_SPACE.source, 'gu');

/** trimSpace is strings.TrimSpace. */
export function trimSpace(s: string): string {
  return s.replace(EDGE_SPACE, '');
}

/** deleteSpace is goutils.DeleteWhiteSpace (Sprig's nospace): every unicode.IsSpace character removed. */
export function deleteSpace(s: string): string {
  return s.replace(ANY_SPACE, '');
}

const ESCAPES: Record<string, string> = { '\x07': '\\a', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\v': '\\v' };

/** quote is strconv.Quote (fmt's %q of a string): printable characters as they are, the others escaped. */
export function quote(s: string): string {
  let out = '"';
  for (const c of s) {
    if (c === '"' || c === '\\') out += `\\${c}`;
    else if (c === ' ' || /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(c)) out += c;
    else out += ESCAPES[c] ?? hexEscape(c.codePointAt(0)!);
  }
  return `${out}"`;
}

function hexEscape(cp: number): string {
  if (cp < 0x20 || cp === 0x7f) return `\\x${cp.toString(16).padStart(2, '0')}`;
  return cp <= 0xffff ? `\\u${cp.toString(16).padStart(4, '0')}` : `\\U${cp.toString(16).padStart(8, '0')}`;
}

const INT64_MAX = 2n ** 63n - 1n;
const INT64_MIN = -(2n ** 63n);

/** atoi is strconv.Atoi as Sprig calls it (the error dropped): 0 for text that is not an integer, clamped to int64. */
export function atoi(s: string): bigint {
  if (!/^[-+]?\d+$/.test(s)) return 0n;
  const n = BigInt(s);
  return n > INT64_MAX ? INT64_MAX : n < INT64_MIN ? INT64_MIN : n;
}
