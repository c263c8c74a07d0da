/** Runs the built action and CLI the way the GitHub runner and a user do. */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { TEST_ONLY_NO_WAITS } from '../../src/publish/octokit.js';
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
 * e2eEnv is the environment of a built action or CLI run: no metadata server, HOME in the fixture, and
 * GitHub requests neither paced nor waited for (TEST_ONLY_NO_WAITS; retries still happen and are logged).
 */
export function e2eEnv(fixture: Fixture, extraEnv: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: fixture.dir, METADATA_SERVER_DETECTION: 'none', [TEST_ONLY_NO_WAITS]: '1', ...extraEnv };
}

/** spawnNode runs node with `argv` and collects its exit code, stdout and (unless inherited) stderr. */
async function spawnNode(argv: string[], env: NodeJS.ProcessEnv, stderr: 'pipe' | 'inherit') {
  const child = spawn(process.execPath, argv, { env, stdio: ['ignore', 'pipe', stderr] });
  let stdout = '';
  let errors = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => (errors += chunk));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { code, stdout, stderr: errors };
}

/**
 * runAction runs node dist/index.js as the runner does: inputs as INPUT_* variables, outputs and summary as files
 * (in `outDir`, the fixture's directory unless two runs of one fixture run at once).
 * Asynchronous, because peers such as the fake GitHub answer from this very process.
 */
export async function runAction(fixture: Fixture, inputs: Record<string, string>, extraEnv: NodeJS.ProcessEnv = {}, outDir = fixture.dir) {
  const output = join(outDir, 'output.txt');
  const summary = join(outDir, 'summary.md');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  const env = e2eEnv(fixture, { GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, GITHUB_REPOSITORY: 'acme/gitops', ...extraEnv });
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;
  const { code, stdout } = await spawnNode([join(ROOT, 'dist/index.js')], env, 'inherit');
  return { code, stdout, outputs: readOutputs(output), summary: readFileSync(summary, 'utf8') };
}

/** runCli runs node dist/cli.js with `args` asynchronously (for peers in this process, such as the fake GitHub). */
export async function runCli(fixture: Fixture, args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  return spawnNode([join(ROOT, 'dist/cli.js'), ...args], e2eEnv(fixture, extraEnv), 'pipe');
}
