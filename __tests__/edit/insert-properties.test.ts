import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMap, isSeq, parse, parseDocument, type Pair, type YAMLMap, type YAMLSeq } from 'yaml';
import { appendToSeq, insertAtRoot, insertIntoMap, insertListUnderKey, insertUnderKey, removePair, type Tree } from '../../src/edit/insert.js';
import { applySplices } from '../../src/edit/splice.js';
import { ociTag, PROPERTY_RUNS } from '../support/properties.js';

interface Layout {
  eol: string;
  step: number;
  finalEol: boolean;
  flow: boolean;
  comment: boolean;
}
const layout = fc.record({ eol: fc.constantFrom('\n', '\r\n'), step: fc.constantFrom(2, 4), finalEol: fc.boolean(), flow: fc.boolean(), comment: fc.boolean() });
const key = fc.oneof(fc.stringMatching(/^[a-z][a-zA-Z0-9-]{0,8}$/), fc.constantFrom('yes', '1.20', 'null', 'a b', 'on'));
// Raw leaves are written as they are (`forcestring: true` must stay a YAML boolean).
const leaf: fc.Arbitrary<Tree> = fc.oneof(ociTag(), fc.constantFrom({ raw: 'true' }, { raw: '42' }));
const tree: fc.Arbitrary<Tree> = fc.oneof(
  leaf,
  fc.array(leaf, { minLength: 1, maxLength: 3 }).map((seq) => ({ seq })),
  fc.uniqueArray(fc.tuple(key, leaf), { minLength: 1, maxLength: 3, selector: ([k]) => k }).map((map) => ({ map })),
);

function dataOf(t: Tree): unknown {
  if (typeof t === 'string') return t;
  if ('raw' in t) return parse(t.raw);
  if ('map' in t) return Object.fromEntries(t.map.map(([k, v]) => [k, dataOf(v)]));
  return t.seq.map(dataOf);
}

// A file with a map `image` (block or flow, entries `name`, `tag`) between two other keys.
function file(l: Layout, lastKeys = true): string {
  const pad = ' '.repeat(l.step);
  const image = l.flow ? ['image: {name: app, tag: v1}'] : ['image:', `${pad}name: app`, `${pad}tag: v1${l.comment ? '  # pinned' : ''}`];
  const lines = [...(l.comment ? ['# values'] : []), 'replicas: 2', ...image, ...(lastKeys ? ['resources: {}'] : [])];
  return lines.join(l.eol) + (l.finalEol ? l.eol : '');
}

function edited(text: string, splice: Parameters<typeof applySplices>[1][number]): string {
  const after = applySplices(text, [splice]);
  if (text.includes('\r\n')) expect(after.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
  expect(after.endsWith('\n')).toBe(text.endsWith('\n') || text === '');
  return after;
}

const doc = (text: string) => parseDocument(text, { keepSourceTokens: true });
const imageMap = (text: string) => doc(text).get('image', true) as YAMLMap;

describe('property: inserting and removing as text keeps the rest of the data and the file layout', () => {
  it('insertIntoMap adds one entry to a block or flow map, last or not last in the file', () => {
    fc.assert(
      fc.property(layout, fc.boolean(), key.filter((k) => !['name', 'tag'].includes(k)), tree, (l, lastKeys, k, t) => {
        const text = file(l, lastKeys);
        const after = edited(text, insertIntoMap(text, imageMap(text), k, t));
        expect(parse(after)).toEqual({ ...parse(text), image: { name: 'app', tag: 'v1', [k]: dataOf(t) } });
      }),
      PROPERTY_RUNS,
    );
  });

  it('insertIntoMap into an empty flow map, and into the root map', () => {
    fc.assert(
      fc.property(layout, key, tree, (l, k, t) => {
        const empty = `image: {}${l.eol}`;
        expect(parse(edited(empty, insertIntoMap(empty, imageMap(empty), k, t)))).toEqual({ image: { [k]: dataOf(t) } });
        const text = file(l);
        const root = doc(text).contents as YAMLMap;
        fc.pre(!['replicas', 'image', 'resources'].includes(k));
        expect(parse(edited(text, insertIntoMap(text, root, k, t)))).toEqual({ ...parse(text), [k]: dataOf(t) });
      }),
      PROPERTY_RUNS,
    );
  });

  it('insertUnderKey and insertListUnderKey fill an empty `key:` in place, at its indentation', () => {
    fc.assert(
      fc.property(layout, fc.constantFrom('', '  '), fc.uniqueArray(fc.tuple(key, tree), { minLength: 1, maxLength: 2, selector: ([k]) => k }), (l, indent, entries) => {
        const text = [`top:`, `${indent}image:`, `${indent}after: 1`].join(l.eol) + (l.finalEol ? l.eol : '');
        const holder = (indent ? (doc(text).get('top', true) as YAMLMap) : (doc(text).contents as YAMLMap)).items.find((p) => String((p.key as { value: unknown }).value) === 'image') as Pair;
        const expected = (image: unknown) => (indent ? { top: { image, after: 1 } } : { top: null, image, after: 1 });
        const map = edited(text, insertUnderKey(text, holder, { map: entries }));
        expect(parse(map)).toEqual(expected(Object.fromEntries(entries.map(([k, v]) => [k, dataOf(v)]))));
        const items = entries.map(([, v]) => v);
        const list = edited(text, insertListUnderKey(text, holder, items));
        expect(parse(list)).toEqual(expected(items.map(dataOf)));
      }),
      PROPERTY_RUNS,
    );
  });

  it('insertAtRoot writes the first key of an empty or comment-only file', () => {
    fc.assert(
      fc.property(fc.constantFrom('', '# only a comment\n', '# crlf\r\n', '# no final newline', '---\n'), key, tree, (text, k, t) => {
        const after = applySplices(text, [insertAtRoot(text, k, t)]);
        expect(parse(after)).toEqual({ [k]: dataOf(t) });
        expect(after.startsWith(text.endsWith('\n') || text === '' ? text : `${text}\n`)).toBe(true);
      }),
      PROPERTY_RUNS,
    );
  });

  it('appendToSeq adds the last item (a scalar, map or list) of a block list (any dash and content columns) or a flow list', () => {
    const lists = fc.record({ l: layout, dashCol: fc.constantFrom(0, 2), gap: fc.constantFrom(1, 3), items: fc.array(fc.oneof(ociTag(), fc.constant('{a: 1}')), { minLength: 0, maxLength: 3 }) });
    fc.assert(
      fc.property(lists, tree, ({ l, dashCol, gap, items }, t) => {
        const flow = l.flow || items.length === 0;
        const body = flow
          ? [`list: [${items.map((i) => (i.startsWith('{') ? i : JSON.stringify(i))).join(', ')}]`]
          : ['list:', ...items.map((i) => `${' '.repeat(dashCol)}-${' '.repeat(gap)}${i.startsWith('{') ? 'a: 1' : JSON.stringify(i)}`)];
        const text = [...body, 'next: 1'].join(l.eol) + (l.finalEol ? l.eol : '');
        const seq = doc(text).get('list', true) as YAMLSeq;
        expect(isSeq(seq)).toBe(true);
        const after = edited(text, appendToSeq(text, seq, t));
        const before = parse(text) as { list: unknown[]; next: number };
        expect(parse(after)).toEqual({ list: [...before.list, dataOf(t)], next: 1 });
      }),
      PROPERTY_RUNS,
    );
  });

  it('removePair deletes exactly one entry of a block or flow map, wherever it stands', () => {
    fc.assert(
      fc.property(layout, fc.boolean(), fc.constantFrom('name', 'tag'), (l, lastKeys, k) => {
        const text = file(l, lastKeys);
        const map = imageMap(text);
        expect(isMap(map)).toBe(true);
        const pair = map.items.find((p) => (p.key as { value: unknown }).value === k) as Pair;
        const after = edited(text, removePair(text, map, pair, 'values.yaml'));
        const image = { name: 'app', tag: 'v1' } as Record<string, string>;
        delete image[k];
        expect(parse(after)).toEqual({ ...parse(text), image });
        if (l.comment && !l.flow) expect(after).toContain('# values');
      }),
      PROPERTY_RUNS,
    );
  });
});
