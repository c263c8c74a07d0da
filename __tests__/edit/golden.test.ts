import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { structuredPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { applyEdits } from '../../src/edit/apply-edits.js';
import type { EditTarget, NewImage } from '../../src/resolve/types.js';
import { makeEdit, memoryFiles } from './make-edit.js';

const ROOT = join(import.meta.dirname, '../../__fixtures__/edit');

interface CaseMeta {
  ref: string;
  target: Record<string, unknown>;
  newImage: NewImage;
  /** 1-based lines of `before` that the edit may change (all others must survive byte for byte). */
  touches: number[];
  note: string;
}

// Lines of `before` that a diff to `after` removes or rewrites.
function touchedLines(before: string, after: string): number[] {
  const lines: number[] = [];
  for (const hunk of structuredPatch('a', 'b', before, after, undefined, undefined, { context: 0 }).hunks) {
    let line = hunk.oldStart;
    for (const l of hunk.lines) {
      if (l.startsWith('-')) lines.push(line);
      if (!l.startsWith('+') && !l.startsWith('\\')) line++;
    }
  }
  return lines;
}

const cases = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

describe('golden before/after edits', () => {
  it('has a golden case for every target kind', () => {
    const kinds = new Set(cases.map((name) => (JSON.parse(readFileSync(join(ROOT, name, 'case.json'), 'utf8')) as CaseMeta).target.kind));
    expect([...kinds].sort()).toEqual(['argocd-source', 'helm-values', 'kustomization', 'manifest']);
  });

  for (const name of cases) {
    const dir = join(ROOT, name);
    const meta = JSON.parse(readFileSync(join(dir, 'case.json'), 'utf8')) as CaseMeta;
    const before = existsSync(join(dir, 'before.yaml')) ? readFileSync(join(dir, 'before.yaml'), 'utf8') : null;
    const after = readFileSync(join(dir, 'after.yaml'), 'utf8');
    const file = `repo/${name}.yaml`;
    const target = (meta.target.kind === 'manifest' ? { ...meta.target, files: [file] } : { ...meta.target, file }) as EditTarget;
    const edit = makeEdit(meta.ref, target, meta.newImage);

    it(`${name}: ${meta.note}`, () => {
      const result = applyEdits([edit], memoryFiles(before === null ? {} : { [file]: before }));
      expect(result.failures.map((f) => f.error.message)).toEqual([]);
      expect(result.changes).toEqual([{ path: file, before, after }]);
    });

    it(`${name}: the diff touches only the changed value's lines`, () => {
      expect(touchedLines(before ?? '', after)).toEqual(meta.touches);
    });

    it(`${name}: a second run changes nothing`, () => {
      const again = applyEdits([edit], memoryFiles({ [file]: after }));
      expect(again).toEqual({ changes: [], failures: [] });
    });
  }
});
