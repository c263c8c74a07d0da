/** Runs the built action the way the GitHub runner does. */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, type Fixture } from './fixture-repo.js';

/** readOutputs parses the runner's GITHUB_OUTPUT file (`name<<delimiter` blocks). */
export function readOutputs(path: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = readFileSync(path, 'utf8').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const match = /^([^<]+)<<(.+)$/.exec(lines[i]);
    if (!match) continue;
    const value: string[] = [];
    for (i++; lines[i] !== match[2]; i++) value.push(lines[i]);
    outputs[match[1]] = value.join('\n');
  }
  return outputs;
}

/**
 * runAction runs node dist/index.js as the runner does: inputs as INPUT_* variables, outputs and summary as files.
 * Asynchronous, because peers such as the fake GitHub answer from this very process.
 */
export async function runAction(fixture: Fixture, inputs: Record<string, string>, extraEnv: NodeJS.ProcessEnv = {}) {
  const output = join(fixture.dir, 'output.txt');
  const summary = join(fixture.dir, 'summary.md');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: fixture.dir, METADATA_SERVER_DETECTION: 'none', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, GITHUB_REPOSITORY: 'acme/gitops', ...extraEnv };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const child = spawn(process.execPath, [join(ROOT, 'dist/index.js')], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  let stdout = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, outputs: readOutputs(output), summary: readFileSync(summary, 'utf8') };
}

