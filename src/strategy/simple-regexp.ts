/**
 * A fast path for the commonest allow-tags regexps: an optional `^`, a fixed sequence of single ASCII
 * characters or small character classes, and an optional `$` (`^[0-9]`, `^rel-`, `^v1\.`, `-amd64$`).
 * Running re2js costs ~150-250 ns a tag, which over 100,000 tags is a large share of the SPEC §9
 * "choose among 100,000 tags in < 100 ms" budget; a table lookup per character costs a few ns.
 *
 * Anything outside that grammar (quantifiers, groups, `|`, `.`, flags, negated classes, non-ASCII, ...)
 * returns undefined and the caller uses RE2. Inside it, RE2 (Go `regexp`, Perl flags) and this matcher
 * agree exactly: every atom is one ASCII character, which is one rune in Go and one UTF-16 unit here, and
 * without the `m` flag `^`/`$` are the start and end of the text.
 */

/** One position of the pattern: which ASCII codes it accepts (index = char code). */
type Atom = Uint8Array;

interface SimplePattern {
  anchoredStart: boolean;
  anchoredEnd: boolean;
  atoms: Atom[];
}

const ASCII = 128;
const BACKSLASH = 0x5c;
const OPEN = 0x5b;
const CLOSE = 0x5d;
const DASH = 0x2d;

/** Unescaped characters that RE2 reads as themselves (deliberately few; the rest go to RE2). */
const PLAIN = /^[A-Za-z0-9\-_/:,=@%~]$/;
/** `\` + ASCII punctuation is that punctuation in RE2 (`\.`, `\-`, `\+`). */
const ESCAPABLE = /^[!-/:-@[-`{-~]$/;
const ALNUM = /^[A-Za-z0-9]$/;

/** SimpleRegexp is a compiled simple pattern; `test` is RE2's unanchored search (Go `regexp.MatchString`). */
export class SimpleRegexp {
  constructor(private readonly pattern: SimplePattern) {}

  test(tag: string): boolean {
    return matchSimple(this.pattern, tag);
  }
}

/** compileSimpleRegexp compiles a pattern for the fast path, or returns undefined when the pattern is not simple. */
export function compileSimpleRegexp(pattern: string): SimpleRegexp | undefined {
  const parsed = parseSimple(pattern);
  return parsed === undefined ? undefined : new SimpleRegexp(parsed);
}

function parseSimple(pattern: string): SimplePattern | undefined {
  const anchoredStart = pattern.startsWith('^');
  const anchoredEnd = pattern.length > (anchoredStart ? 1 : 0) && pattern.endsWith('$') && !pattern.endsWith('\\$');
  const body = pattern.slice(anchoredStart ? 1 : 0, anchoredEnd ? -1 : undefined);
  const atoms: Atom[] = [];
  for (let i = 0; i < body.length; ) {
    const next = body.charCodeAt(i) === OPEN ? parseClass(body, i + 1, atoms) : parseAtom(body, i, atoms);
    if (next < 0) return undefined;
    i = next;
  }
  return { anchoredStart, anchoredEnd, atoms };
}

/** parseAtom reads a plain character, `\<punct>` or `\d` at i into atoms; returns the next index or -1. */
function parseAtom(body: string, i: number, atoms: Atom[]): number {
  const ch = body[i];
  if (PLAIN.test(ch)) {
    atoms.push(atomOf([ch]));
    return i + 1;
  }
  if (body.charCodeAt(i) !== BACKSLASH) return -1;
  const escaped = escapeAt(body, i);
  if (escaped === undefined) return -1;
  atoms.push(atomOf(escaped));
  return i + 2;
}

/** escapeAt returns the characters `\x` at i stands for, or undefined when it is not a plain escape. */
function escapeAt(body: string, i: number): string[] | undefined {
  const ch = body[i + 1] ?? '';
  if (ch === 'd') return [...'0123456789'];
  return ESCAPABLE.test(ch) ? [ch] : undefined;
}

/**
 * parseClass reads `[items]` from just after the `[`: items are alphanumerics, alphanumeric ranges
 * (`a-f`), `.`, `_` and escapes. A leading `^` or `]`, a stray `-` or an empty class is left to RE2.
 */
function parseClass(body: string, from: number, atoms: Atom[]): number {
  const chars: string[] = [];
  let i = from;
  while (i < body.length && body.charCodeAt(i) !== CLOSE) {
    const ch = body[i];
    if (ALNUM.test(ch) && body.charCodeAt(i + 1) === DASH && ALNUM.test(body[i + 2] ?? '')) {
      const lo = body.charCodeAt(i);
      const hi = body.charCodeAt(i + 2);
      if (lo > hi) return -1;
      for (let c = lo; c <= hi; c++) chars.push(String.fromCharCode(c));
      i += 3;
    } else if (ALNUM.test(ch) || ch === '.' || ch === '_') {
      chars.push(ch);
      i++;
    } else if (ch === '\\' && escapeAt(body, i) !== undefined) {
      chars.push(...escapeAt(body, i)!);
      i += 2;
    } else {
      return -1;
    }
  }
  if (i >= body.length || chars.length === 0) return -1;
  atoms.push(atomOf(chars));
  return i + 1;
}

function atomOf(chars: readonly string[]): Atom {
  const atom = new Uint8Array(ASCII);
  for (const ch of chars) atom[ch.charCodeAt(0)] = 1;
  return atom;
}

/** matchSimple is RE2's unanchored search for a fixed-length pattern of one-character atoms. */
function matchSimple(p: SimplePattern, tag: string): boolean {
  const k = p.atoms.length;
  if (tag.length < k) return false;
  if (p.anchoredStart) return (!p.anchoredEnd || tag.length === k) && matchesAt(p.atoms, tag, 0);
  if (p.anchoredEnd) return matchesAt(p.atoms, tag, tag.length - k);
  for (let at = 0; at + k <= tag.length; at++) {
    if (matchesAt(p.atoms, tag, at)) return true;
  }
  return false;
}

function matchesAt(atoms: readonly Atom[], tag: string, at: number): boolean {
  for (let j = 0; j < atoms.length; j++) {
    const c = tag.charCodeAt(at + j);
    if (c >= ASCII || atoms[j][c] !== 1) return false;
  }
  return true;
}
