import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const program = buildProgram(() => undefined);
const commands = program.commands.map((command) => ({ name: command.name(), flags: command.options.map((option) => option.long ?? '') }));
const flagsOf = (text: string) => new Set(text.match(/--[a-z][a-z-]+/g) ?? []);

describe('CLI help and README agree', () => {
  it('every flag of every command is in README.md', () => {
    const documented = flagsOf(readme);
    const missing = commands.flatMap(({ name, flags }) => flags.filter((flag) => !documented.has(flag)).map((flag) => `${name} ${flag}`));
    expect(missing).toEqual([]);
  });

  it("every --flag README's CLI section mentions exists in some command (or is --help / --version)", () => {
    const section = readme.slice(readme.indexOf('\n## CLI'), readme.indexOf('\n## ', readme.indexOf('\n## CLI') + 1));
    const known = new Set(['--help', '--version', ...commands.flatMap(({ flags }) => flags)]);
    expect([...flagsOf(section)].filter((flag) => !known.has(flag))).toEqual([]);
  });

  it('plan --help does not speak of --repository, which plan does not take', () => {
    const plan = program.commands.find((command) => command.name() === 'plan');
    expect(plan?.helpInformation()).not.toContain('--repository');
  });

  it('--docker-config says it takes a file or its JSON content', () => {
    expect(program.commands.find((command) => command.name() === 'plan')?.helpInformation()).toContain('--docker-config <file-or-json>');
  });
});
