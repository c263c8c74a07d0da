import { describe, expect, it } from 'vitest';
import { parseDocument, type Scalar } from 'yaml';
import {
  applySplices, columnOf, eolOf, indentStep, lineEndAfter, lineOf, lineStart, MAX_FILE_BYTES, parseSingleDocument,
  parseYamlDocuments, replaceScalar, scalarText,
} from '../../src/edit/splice.js';
import { EditError } from '../../src/errors.js';

describe('applySplices', () => {
  it('applies splices given in any order, including touching and empty ones', () => {
    const text = 'abcdef';
    const splices = [{ start: 4, end: 6, text: 'XY' }, { start: 0, end: 1, text: '' }, { start: 1, end: 1, text: '+' }, { start: 2, end: 4, text: 'CD' }];
    expect(applySplices(text, splices)).toBe('+bCDXY');
    expect(applySplices(text, [])).toBe(text);
  });

  it('an insertion and a replacement at one offset: the insertion goes first, whatever the order given', () => {
    const insert = { start: 2, end: 2, text: '+' };
    const replace = { start: 2, end: 4, text: 'CD' };
    expect(applySplices('abcdef', [insert, replace])).toBe('ab+CDef');
    expect(applySplices('abcdef', [replace, insert])).toBe('ab+CDef');
  });

  it('refuses overlapping splices', () => {
    expect(() => applySplices('abcdef', [{ start: 0, end: 3, text: 'x' }, { start: 2, end: 4, text: 'y' }])).toThrow(/overlapping edits/);
  });
});

describe('line helpers', () => {
  const text = 'a: 1\r\n  b: 2\nc: 3';
  it('eolOf: CRLF when the file uses any, else LF', () => {
    expect(eolOf(text)).toBe('\r\n');
    expect(eolOf('a\nb\n')).toBe('\n');
    expect(eolOf('a')).toBe('\n');
  });
  it('lineStart, columnOf and lineOf locate an offset', () => {
    const b = text.indexOf('b');
    expect(lineStart(text, b)).toBe(6);
    expect(columnOf(text, b)).toBe(2);
    expect(lineOf(text, b)).toBe(2);
    expect(lineOf(text, 0)).toBe(1);
    expect(lineOf(text, text.indexOf('c'))).toBe(3);
    expect(lineStart(text, 0)).toBe(0);
    expect(lineOf(text, text.indexOf('\n'))).toBe(1);
  });
  it('lineEndAfter: past the line ending, the offset itself at a line start, the end on a last line without newline', () => {
    expect(lineEndAfter(text, 1)).toBe(6);
    expect(lineEndAfter(text, 6)).toBe(6);
    expect(lineEndAfter(text, text.indexOf('c'))).toBe(text.indexOf('c'));
    expect(lineEndAfter(text, text.indexOf('c') + 1)).toBe(text.length);
    expect(lineEndAfter(text, 0)).toBe(6);
  });
  it('the line helpers at a line ending and at a leading newline', () => {
    expect(lineStart('ab\ncd', 2)).toBe(0); // the offset of the newline is still on the first line
    expect(lineStart('ab\ncd', 1)).toBe(0);
    expect(lineEndAfter('\nab', 0)).toBe(1);
    expect(lineOf('\na', 1)).toBe(2);
  });
  it('indentStep: the first indented key line, ignoring comments and list dashes; 2 by default', () => {
    expect(indentStep('a:\n    b: 1\n')).toBe(4);
    expect(indentStep('a:\n  # c\n  - x\n   b: 1\n')).toBe(3);
    expect(indentStep('a: 1\n')).toBe(2);
  });
});

describe('parseYamlDocuments / parseSingleDocument', () => {
  it('refuses a file over the size limit and a syntax error, with file and line', () => {
    expect(() => parseYamlDocuments('x'.repeat(MAX_FILE_BYTES + 1), 'big.yaml')).toThrow(/larger than 1000000 bytes/);
    expect(parseYamlDocuments(`a: ${'x'.repeat(MAX_FILE_BYTES - 3)}`, 'ok.yaml')).toHaveLength(1);
    try {
      parseYamlDocuments('a: 1\nb: [\n', 'bad.yaml');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(EditError);
      expect((error as EditError).message).toMatch(/^not valid YAML: Flow sequence in block collection must be sufficiently indented/);
      expect((error as EditError).file).toBe('bad.yaml');
      expect((error as EditError).line).toBeGreaterThanOrEqual(2);
    }
  });
  it('merges `<<:` keys only when asked', () => {
    const text = 'base: &b {x: 1}\nmap:\n  <<: *b\n';
    expect(parseYamlDocuments(text, 'f', { merge: true })[0].toJS().map).toEqual({ x: 1 });
    expect(parseYamlDocuments(text, 'f')[0].toJS().map).toEqual({ '<<': { x: 1 } });
  });
  it('one document only; an empty file gives an empty document', () => {
    expect(() => parseSingleDocument('a: 1\n---\nb: 2\n', 'k.yaml')).toThrow(/expected one YAML document, found 2/);
    expect(parseSingleDocument('', 'k.yaml').contents).toBeNull();
    expect(parseSingleDocument('a: 1\n', 'k.yaml').toJS()).toEqual({ a: 1 });
  });
});

describe('replaceScalar in block scalars', () => {
  function edit(text: string, value: string): string {
    const doc = parseDocument(text, { keepSourceTokens: true });
    const node = doc.getIn(['tag'], true) as Scalar;
    return applySplices(text, [replaceScalar(text, node, value, 'values.yaml')]);
  }
  it('keeps the header and indentation of a strip block scalar, LF and CRLF, with and without a final newline', () => {
    expect(edit('tag: |-\n    v1\nnext: 1\n', 'v2')).toBe('tag: |-\n    v2\nnext: 1\n');
    expect(edit('tag: >-  # pinned\r\n  v1\r\nnext: 1\r\n', 'v2')).toBe('tag: >-  # pinned\r\n  v2\r\nnext: 1\r\n');
    expect(edit('tag: |2-\n  v1', 'v2')).toBe('tag: |2-\n  v2');
    expect(edit('tag: |-2\n  v1\n', 'v2')).toBe('tag: |-2\n  v2\n'); // indentation indicator after the chomping one
    expect(edit('tag: |-\n  v1\n', 'v2')).toBe('tag: |-\n  v2\n');
    // The indentation comes from the first line with content, not from leading blank lines.
    expect(edit('tag: |-\n\n  v1\nnext: 1\n', 'v2')).toBe('tag: |-\n  v2\nnext: 1\n');
    expect(edit('tag: |-\n \n  v1\nnext: 1\n', 'v2')).toBe('tag: |-\n  v2\nnext: 1\n');
  });
  // Bug fix (issue 13): an empty strip block scalar got the value at column 0, which ended the scalar (an invalid file).
  it('an empty strip block scalar gets the value two spaces deeper than its key', () => {
    expect(edit('tag: |-\nnext: 1\n', 'v2')).toBe('tag: |-\n  v2\nnext: 1\n');
    expect(edit('tag: |-\n\nnext: 1\n', 'v2')).toBe('tag: |-\n  v2\nnext: 1\n');
    expect(edit('  tag: >-\r\n', 'v2')).toBe('  tag: >-\r\n    v2\r\n');
    expect(edit('tag: >-', 'v2')).toBe('tag: >-\n  v2');
  });
  it('refuses clip and keep chomping, and values with spaces', () => {
    expect(() => edit('tag: |\n  v1\n', 'v2')).toThrow(/cannot write "v2" into the block scalar \|/);
    expect(() => edit('tag: >+\n  v1\n', 'v2')).toThrow(/block scalar >\+/);
    expect(() => edit('tag: |-\n  v1\n', 'v 2')).toThrow(/cannot write "v 2"/);
  });
});

describe('scalarText', () => {
  const value = (text: string) => parseDocument(text, { keepSourceTokens: true }).get('v', true);
  it('reads a scalar as Go reads it into a string field', () => {
    expect(scalarText(value('v: 1.20\n'))).toBe('1.20');
    expect(scalarText(value('v: "1.20"\n'))).toBe('1.20');
    expect(scalarText(value('v: 7\n'))).toBe('7');
    expect(scalarText(value('v: ""\n'))).toBe('');
    expect(scalarText(value('v: ~\n'))).toBe('');
    expect(scalarText(value('v:\n'))).toBeUndefined();
    expect(scalarText(value('v: [a]\n'))).toBeUndefined();
    expect(scalarText(value('v: "a\\u0041"\n'))).toBe('aA'); // escapes resolved
    expect(scalarText(value('v: 1.0\n'))).toBe('1.0'); // the text, not the number
    expect(scalarText(value('v: null\n'))).toBe('');
  });
});
