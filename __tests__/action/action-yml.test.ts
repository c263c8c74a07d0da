/** action.yml is the interface contract: it must parse, run on node24, and document exactly the inputs the code reads. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INPUT_NAMES } from '../../src/config/config.js';

const ROOT = join(import.meta.dirname, '../..');
const action = parse(readFileSync(join(ROOT, 'action.yml'), 'utf8'), { strict: true }) as {
  runs: { using: string; main: string };
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
};
const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

describe('action.yml', () => {
  it('runs dist/index.js on node24', () => {
    expect(action.runs).toEqual({ using: 'node24', main: 'dist/index.js' });
  });

  it('declares exactly the inputs the code reads, each described and in the README', () => {
    expect(Object.keys(action.inputs).sort()).toEqual([...INPUT_NAMES].sort());
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(typeof input.description, name).toBe('string');
      expect(readme, name).toContain(`| \`${name}\` |`);
    }
  });

  it('declares the outputs of the SPEC, each described and in the README', () => {
    expect(Object.keys(action.outputs)).toEqual(expect.arrayContaining(['updates', 'skipped', 'errors', 'pull-requests', 'commit-sha']));
    for (const name of Object.keys(action.outputs)) expect(readme, name).toContain(`| \`${name}\` |`);
  });
});
