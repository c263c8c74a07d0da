/**
 * The hostile-repo harness: a real docker-registry with one image (registry.example.test/team/app, tags
 * 1.0.0 and 1.1.0), and throw-away copies of the repos under __fixtures__/hostile/<case>, run through the
 * built CLI (node dist/cli.js) as a user would.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, cpSync, lchownSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startDockerRegistry, type DockerRegistry } from '../../test-support/docker-registry.js';
import { ROOT } from './fixture-repo.js';

const CLI = join(ROOT, 'dist/cli.js');
const FIXTURES = join(ROOT, '__fixtures__/hostile');

/** HostileRegistry is the running registry, a registries.conf for it, and the copies made so far. */
export interface HostileRegistry {
  /** copyCase copies __fixtures__/hostile/<name> into a temp dir and returns the repo's path. */
  copyCase(name: string): string;
  /** cli runs `node dist/cli.js <args> --path <repo>` against the registry (flags in `args` win over the defaults). */
  cli(repo: string, ...args: string[]): CliResult;
  /**
   * cliAsNobody runs the CLI as uid/gid 65534 (for root, who writes into read-only directories anyway):
   * the repo is handed to that user and the temp dirs above it made traversable.
   */
  cliAsNobody(repo: string, ...args: string[]): CliResult;
  cleanup(): Promise<void>;
}

/** CliResult is what a CLI run printed, and its exit code. */
export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  json: () => HostileReport;
}

/** NOBODY is the unprivileged uid and gid the read-only cases run as when the tests run as root. */
export const NOBODY = 65534;

/** HostileReport is the parts of the `--json` report the hostile tests read. */
export interface HostileReport {
  updates: { application: string; file: string; to: string }[];
  errors: { application: string; message: string; file?: string; line?: number }[];
  warnings: { message: string; file?: string; line?: number }[];
  'files-changed': string[];
}

/** startHostile builds dist/, starts the registry and pushes the image. */
export async function startHostile(): Promise<HostileRegistry> {
  const registry: DockerRegistry = await startDockerRegistry();
  await registry.pushImage('team/app', '1.0.0', { created: '2024-01-01T00:00:00Z' });
  await registry.pushImage('team/app', '1.1.0', { created: '2024-02-01T00:00:00Z' });
  const dir = mkdtempSync(join(tmpdir(), 'aip-hostile-'));
  const conf = join(dir, 'registries.conf');
  writeFileSync(conf, `registries:\n- name: test registry\n  prefix: registry.example.test\n  api_url: ${registry.url}\n`);
  let copies = 0;
  const runCli = (repo: string, args: string[], uid?: number): CliResult => {
    const result = spawnSync(process.execPath, [CLI, args[0], '--path', repo, '--registries-config', conf, '--docker-config', '{"auths":{}}', ...args.slice(1)], {
      encoding: 'utf8',
      env: { ...process.env, METADATA_SERVER_DETECTION: 'none' },
      ...(uid === undefined ? {} : { uid, gid: uid }),
    });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr, json: () => JSON.parse(result.stdout) as HostileReport };
  };
  return {
    copyCase(name) {
      const repo = join(dir, `${name}-${copies++}`);
      cpSync(join(FIXTURES, name), repo, { recursive: true, verbatimSymlinks: true });
      return repo;
    },
    cli: (repo, ...args) => runCli(repo, args),
    cliAsNobody(repo, ...args) {
      for (let path = dirname(repo); path !== dirname(path) && path.startsWith(tmpdir()); path = dirname(path)) chmodSync(path, 0o755);
      chownTree(repo, NOBODY);
      return runCli(repo, args, NOBODY);
    },
    async cleanup() {
      await registry.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function chownTree(path: string, uid: number): void {
  lchownSync(path, uid, uid);
  for (const entry of readdirSync(path, { withFileTypes: true })) {
    if (entry.isDirectory()) chownTree(join(path, entry.name), uid);
    else lchownSync(join(path, entry.name), uid, uid);
  }
}
