import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeLossless, encodeLossless, hasEscapedBytes } from '../../src/edit/lossless-text.js';
import { PROPERTY_RUNS } from '../support/properties.js';

describe('lossless text (issue 14 item 5)', () => {
  const cases: { name: string; bytes: Buffer; escaped: boolean }[] = [
    { name: 'plain UTF-8', bytes: Buffer.from('tag: "1.0" # café ✓ 𝄞\n', 'utf8'), escaped: false },
    { name: 'a BOM (kept, not stripped)', bytes: Buffer.from('\ufefftag: 1\n', 'utf8'), escaped: false },
    { name: 'a Latin-1 comment', bytes: Buffer.from('# caf\xe9\ntag: 1\n', 'latin1'), escaped: true },
    { name: 'an encoded surrogate (invalid in UTF-8)', bytes: Buffer.from([0x61, 0xed, 0xb2, 0x80, 0x62]), escaped: true },
    { name: 'a truncated sequence at the end', bytes: Buffer.from([0x61, 0xe2, 0x82]), escaped: true },
    { name: 'an overlong encoding', bytes: Buffer.from([0xc0, 0xaf, 0x0a]), escaped: true },
    { name: 'valid UTF-8 next to stray bytes', bytes: Buffer.concat([Buffer.from('é', 'utf8'), Buffer.from([0xff, 0xfe]), Buffer.from('𝄞\n', 'utf8')]), escaped: true },
  ];
  for (const c of cases) {
    it(`round-trips ${c.name} byte for byte`, () => {
      const text = decodeLossless(c.bytes);
      expect(hasEscapedBytes(text)).toBe(c.escaped);
      expect(text).not.toContain('\ufffd');
      expect(encodeLossless(text)).toEqual(c.bytes);
    });
  }

  it('an edit of a value keeps the stray bytes around it', () => {
    const bytes = Buffer.from('# \xe9\nimage:\n  tag: 1.0.0 # \xe8\n', 'latin1');
    const edited = decodeLossless(bytes).replace('1.0.0', '1.1.0');
    expect(encodeLossless(edited)).toEqual(Buffer.from('# \xe9\nimage:\n  tag: 1.1.0 # \xe8\n', 'latin1'));
  });

  it('a real surrogate pair is encoded as UTF-8, not as escapes', () => {
    expect(encodeLossless('\ud83d\udca9')).toEqual(Buffer.from('💩', 'utf8')); // its low half is in the escape range
    expect(hasEscapedBytes('\ud83d\udca9')).toBe(false); // so the commit sends it as text, not as a blob of bytes
    // The first and the last high surrogate before a low half in the escape range (U+10080, U+10FC80), next to an escape.
    expect(encodeLossless('\ud800\udc80\udcff')).toEqual(Buffer.from([0xf0, 0x90, 0x82, 0x80, 0xff]));
    expect(encodeLossless('\udbff\udc80\udcff')).toEqual(Buffer.from([0xf4, 0x8f, 0xb2, 0x80, 0xff]));
  });

  it('an ill-formed sequence is escaped byte by byte (overlong, surrogate, above U+10FFFF, no such lead byte, a continuation or overlong lead before continuations)', () => {
    const escaped = (bytes: number[]) => bytes.map((b) => String.fromCharCode(0xdc00 + b)).join('');
    for (const bytes of [[0xe0, 0x80, 0x80], [0xe0, 0x9f, 0xbf], [0xed, 0xa0, 0x80], [0xf0, 0x80, 0x80, 0x80], [0xf0, 0x8f, 0xbf, 0xbf], [0xf4, 0x90, 0x80, 0x80], [0xf5, 0x80, 0x80, 0x80], [0x80, 0x80, 0x80, 0x80], [0xc1, 0x80, 0x80, 0x80]]) {
      expect(decodeLossless(Buffer.from([0x61, ...bytes]))).toBe(`a${escaped(bytes)}`);
    }
  });
});

describe('property: lossless text', () => {
  // Any text of valid code points (no lone surrogates), astral ones included, biased to multi-byte UTF-8.
  const codePoint = fc.oneof(
    fc.integer({ min: 0, max: 0x7f }),
    fc.integer({ min: 0x80, max: 0x7ff }),
    fc.integer({ min: 0x800, max: 0xd7ff }),
    fc.integer({ min: 0xe000, max: 0xffff }),
    fc.integer({ min: 0x10000, max: 0x10ffff }),
    fc.constantFrom(0x800, 0xfff, 0x1000, 0xd7ff, 0xe000, 0xffff, 0x10000, 0x3ffff, 0x40000, 0xfffff, 0x100000, 0x10ffff, 0x1f4a9),
  );
  const text = fc.array(codePoint, { maxLength: 8 }).map((cs) => String.fromCodePoint(...cs));

  it('any bytes round-trip byte for byte', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 24 }), (bytes) => {
        expect(encodeLossless(decodeLossless(bytes))).toEqual(Buffer.from(bytes));
      }),
      PROPERTY_RUNS,
    );
  });

  it('valid text around stray bytes decodes exactly, each stray byte as one escape', () => {
    const stray = fc.oneof(fc.integer({ min: 0x80, max: 0xbf }), fc.integer({ min: 0xf8, max: 0xff }), fc.constantFrom(0xc0, 0xc1, 0xf5));
    fc.assert(
      fc.property(text, stray, text, (before, byte, after) => {
        const bytes = Buffer.concat([Buffer.from(before, 'utf8'), Buffer.of(byte), Buffer.from(after, 'utf8')]);
        const decoded = decodeLossless(bytes);
        expect(decoded).toBe(`${before}${String.fromCharCode(0xdc00 + byte)}${after}`);
        expect(encodeLossless(decoded)).toEqual(bytes);
      }),
      PROPERTY_RUNS,
    );
  });
});
