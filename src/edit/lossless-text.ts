/**
 * lossless-text (P): file bytes <-> JS strings without losing a byte. Valid UTF-8 decodes as usual (a BOM
 * is kept). A byte that is not part of valid UTF-8 (a Latin-1 `é` in a comment) becomes the lone surrogate
 * U+DC80+byte and turns back into that very byte on encoding, like Python's `surrogateescape` (PEP 383).
 * The edits splice strings, so every byte outside an edited value is written back unchanged (issue 14 item 5).
 * The mapping is one to one: valid UTF-8 never decodes to a lone surrogate (UTF-8 cannot encode surrogates).
 */

const ESCAPE_BASE = 0xdc00;
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// A low surrogate in the escape range that is not the second half of a surrogate pair.
const ESCAPED = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;

/** decodeLossless turns file bytes into text; bytes that are not UTF-8 become escapes that encodeLossless restores. */
export function decodeLossless(bytes: Uint8Array): string {
  try {
    return strict.decode(bytes);
  } catch {
    return decodeEscaping(bytes);
  }
}

/** encodeLossless turns text back into the bytes decodeLossless read (escapes become their original bytes). */
export function encodeLossless(text: string): Buffer {
  if (!ESCAPED.test(text)) return Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const paired = i > 0 && text.charCodeAt(i - 1) >= 0xd800 && text.charCodeAt(i - 1) <= 0xdbff;
    if (code >= 0xdc80 && code <= 0xdcff && !paired) {
      parts.push(Buffer.from(text.slice(from, i), 'utf8'), Buffer.of(code - ESCAPE_BASE));
      from = i + 1;
    }
  }
  parts.push(Buffer.from(text.slice(from), 'utf8'));
  return Buffer.concat(parts);
}

/** hasEscapedBytes tells whether text read by decodeLossless held bytes that are not UTF-8. */
export function hasEscapedBytes(text: string): boolean {
  return ESCAPED.test(text);
}

// The length of the valid UTF-8 sequence at `i` (RFC 3629 table 3-7), or 0 when the byte starts none.
function sequenceLength(bytes: Uint8Array, i: number): number {
  const b = bytes[i];
  const cont = (k: number, lo = 0x80, hi = 0xbf): boolean => i + k < bytes.length && bytes[i + k] >= lo && bytes[i + k] <= hi;
  if (b >= 0xc2 && b <= 0xdf) return cont(1) ? 2 : 0;
  if (b >= 0xe0 && b <= 0xef) {
    const [lo, hi] = b === 0xe0 ? [0xa0, 0xbf] : b === 0xed ? [0x80, 0x9f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) ? 3 : 0;
  }
  if (b >= 0xf0 && b <= 0xf4) {
    const [lo, hi] = b === 0xf0 ? [0x90, 0xbf] : b === 0xf4 ? [0x80, 0x8f] : [0x80, 0xbf];
    return cont(1, lo, hi) && cont(2) && cont(3) ? 4 : 0;
  }
  return 0;
}

function decodeEscaping(bytes: Uint8Array): string {
  const out: string[] = [];
  let from = 0;
  let i = 0;
  while (i < bytes.length) {
    if (bytes[i] < 0x80) {
      i++;
      continue;
    }
    const length = sequenceLength(bytes, i);
    if (length > 0) {
      i += length;
      continue;
    }
    out.push(strict.decode(bytes.subarray(from, i)), String.fromCharCode(ESCAPE_BASE + bytes[i]));
    from = ++i;
  }
  out.push(strict.decode(bytes.subarray(from)));
  return out.join('');
}
