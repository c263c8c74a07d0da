/**
 * case: Sprig's case conversions, which are huandu/xstrings': `snakecase` (ToSnakeCase), `kebabcase` (ToKebabCase)
 * and `camelcase` (ToPascalCase). Words are runs of upper-case, lower-case, digit, punctuation or connector
 * ('-', '_', space) characters, split the way xstrings splits them ("HTTPServer" is "HTTP" + "Server").
 */
import { GO_SPACE } from './go-strings.js';

type WordType = 'invalid' | 'number' | 'upper' | 'alphabet' | 'connector' | 'punct' | 'other';

interface Word {
  type: WordType;
  text: string;
  rest: string[];
}

const INVALID = '\ufffd';

/** isConnector is xstrings' word connector: '-', '_' or a Unicode space. */
function isConnector(c: string): boolean {
  return c === '-' || c === '_' || GO_SPACE.test(c);
}

const isUpper = (c: string): boolean => /^\p{Lu}$/u.test(c);
const isNumber = (c: string): boolean => /^\p{N}$/u.test(c);
const isPunct = (c: string): boolean => /^\p{P}$/u.test(c);

/** isAlphabet is a letter outside the CJK ideograph blocks (xstrings counts those as other characters). */
function isAlphabet(c: string): boolean {
  if (!/^\p{L}$/u.test(c)) return false;
  const cp = c.codePointAt(0)!;
  return !((cp >= 0x4e00 && cp <= 0x9fcc) || (cp >= 0x3400 && cp <= 0x4d85) || (cp >= 0x20000 && cp <= 0x2b81d));
}

/** nextValid skips U+FFFD (Go's utf8.RuneError): the next valid character at or after `i`, or `prev` at the end. */
function nextValid(chars: string[], i: number, prev: string): { c: string; next: number } {
  let j = i;
  while (j < chars.length && chars[j] === INVALID) j++;
  return j < chars.length ? { c: chars[j], next: j + 1 } : { c: prev, next: chars.length };
}

/** extend consumes characters while `more` holds for the next valid one; returns the end of the run. */
function extend(chars: string[], from: number, prev: string, more: (c: string) => boolean): number {
  let end = from;
  let c = prev;
  while (end < chars.length) {
    const step = nextValid(chars, end, c);
    c = step.c;
    if (!more(c)) break;
    end = step.next;
  }
  return end;
}

/** upperEnd ends an upper-case word: "HTTPServer" gives "HTTP" (its last capital starts the next word), "Server" one word. */
function upperEnd(chars: string[], from: number, first: string): number {
  const { c, next } = nextValid(chars, from, first);
  if (isAlphabet(c) && !isUpper(c)) return extend(chars, next, c, (d) => isAlphabet(d) && !isUpper(d));
  if (!isUpper(c)) return from;
  let end = next;
  let last = next - from;
  let d = c;
  while (end < chars.length) {
    const step = nextValid(chars, end, d);
    d = step.c;
    if (!isUpper(d)) break;
    last = step.next - end;
    end = step.next;
  }
  return end < chars.length && isAlphabet(d) ? end - last : end;
}

/** nextWord is xstrings' nextWord: the type and text of the first word of `chars`, and what follows it. */
function nextWord(chars: string[]): Word {
  if (chars.length === 0) return { type: 'invalid', text: '', rest: [] };
  const { c, next } = nextValid(chars, 0, INVALID);
  let type: WordType;
  let end: number;
  // A text of U+FFFD only is one word xstrings calls invalid; it is written as it is, like any other word here.
  if (isConnector(c)) [type, end] = ['connector', extend(chars, next, c, isConnector)];
  else if (isPunct(c)) [type, end] = ['punct', extend(chars, next, c, isPunct)];
  else if (isUpper(c)) [type, end] = ['upper', upperEnd(chars, next, c)];
  else if (isAlphabet(c)) [type, end] = ['alphabet', extend(chars, next, c, (d) => isAlphabet(d) && !isUpper(d))];
  else if (isNumber(c)) [type, end] = ['number', extend(chars, next, c, isNumber)];
  else [type, end] = ['other', extend(chars, next, c, (d) => !(isConnector(d) || isAlphabet(d) || isNumber(d) || isPunct(d)))];
  return { type, text: chars.slice(0, end).join(''), rest: chars.slice(end) };
}

/** lowerWord writes a word: upper-case and connector words lower-cased, each connector as `connector`. */
function lowerWord(word: Word, connector: string): string {
  if (word.type !== 'upper' && word.type !== 'connector') return word.text;
  return [...word.text].map((c) => (isConnector(c) ? connector : isUpper(c) ? c.toLowerCase() : c)).join('');
}

/** Joiner says whether a connector goes between a word and the next one of type `next`. */
const joins = (next: WordType): boolean => next !== 'invalid' && next !== 'connector' && next !== 'punct';

/** lowerCase is xstrings' camelCaseToLowerCase: words lower-cased and joined by `connector`. */
export function lowerCase(s: string, connector: string): string {
  let out = '';
  let word = nextWord([...s]);
  while (word.rest.length > 0) {
    if (word.type !== 'connector') out += lowerWord(word, connector);
    const prev = word;
    word = nextWord(word.rest);
    if (prev.type === 'connector') out += lowerWord(prev, connector);
    else if (prev.type === 'number') [out, word] = digitsRun(out, word, connector);
    else if (prev.type !== 'punct') [out, word] = afterWord(out, word, connector);
  }
  return out + lowerWord(word, connector);
}

/** digitsRun writes the letters and digits glued to a number ("2m3s"), then a connector before what follows. */
function digitsRun(out: string, from: Word, connector: string): [string, Word] {
  let text = out;
  let word = from;
  while (word.type === 'alphabet' || word.type === 'number') {
    text += lowerWord(word, connector);
    word = nextWord(word.rest);
  }
  return [joins(word.type) ? text + connector : text, word];
}

/** afterWord joins a letter word to the next: a number followed by lower-case letters starts a new word ("http_2xx"). */
function afterWord(out: string, word: Word, connector: string): [string, Word] {
  if (word.type !== 'number') return [word.type !== 'connector' && word.type !== 'punct' ? out + connector : out, word];
  if (word.rest.length === 0) return [out, word];
  const number = word;
  const next = nextWord(word.rest);
  if (next.type !== 'alphabet') {
    const text = out + number.text;
    return [next.type !== 'connector' && next.type !== 'punct' ? text + connector : text, next];
  }
  return digitsRun(out + connector + number.text, next, connector);
}

/**
 * pascalCase is xstrings.ToPascalCase (v1.5, Sprig's camelcase): connectors dropped and the next letter upper-cased;
 * a word that starts upper-case has the capitals that follow lower-cased ("GOLANG_IS" is "GolangIs"). Leading
 * connectors stay; like xstrings, a text of connectors only repeats its last one.
 */
export function pascalCase(s: string): string {
  const chars = [...s];
  let out = '';
  let r0 = '';
  let upperRun = false;
  let i = 0;
  while (i < chars.length) {
    r0 = chars[i++];
    if (!isConnector(r0)) {
      upperRun = isUpper(r0);
      r0 = r0.toUpperCase();
      break;
    }
    out += r0;
  }
  for (; i < chars.length; i++) {
    const r1 = r0;
    r0 = chars[i];
    if (isConnector(r1) && isConnector(r0)) out += r1;
    else if (isConnector(r1)) {
      upperRun = isUpper(r0);
      r0 = r0.toUpperCase();
    } else {
      if (upperRun && isUpper(r0)) r0 = r0.toLowerCase();
      else upperRun = false;
      out += r1;
    }
  }
  return out + r0;
}
