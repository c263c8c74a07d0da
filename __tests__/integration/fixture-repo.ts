/** The end-to-end fixture: a real docker-registry loaded with images, and a git checkout of __fixtures__/integration/repo (origin acme/gitops). */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDockerRegistry, type DockerRegistry } from '../../test-support/docker-registry.js';

export const ROOT = join(import.meta.dirname, '../..');

/** IMAGES are pushed to the registry; the fixture repo names them under registry.example.test. */
const source = (revision: string) => ({ 'org.opencontainers.image.source': 'https://github.com/acme/web', 'org.opencontainers.image.revision': revision });
const IMAGES: { repo: string; tag: string; created: string; platforms?: string[]; labels?: Record<string, string> }[] = [
  { repo: 'team/web', tag: '1.0.0', created: '2024-01-01T00:00:00Z', labels: source('1111111111111111111111111111111111111111') },
  { repo: 'team/web', tag: '1.1.0', created: '2024-02-01T00:00:00Z' },
  { repo: 'team/web', tag: '1.2.0', created: '2024-03-01T00:00:00Z', labels: source('2222222222222222222222222222222222222222') },
  { repo: 'team/web', tag: '1.3.0-rc1', created: '2024-04-01T00:00:00Z' },
  { repo: 'team/web', tag: 'latest', created: '2024-04-01T00:00:00Z' },
  { repo: 'team/web-dev', tag: 'abc1234', created: '2024-01-01T00:00:00Z' },
  { repo: 'team/web-dev', tag: 'def5678', created: '2024-02-01T00:00:00Z' },
  { repo: 'team/web-dev', tag: 'latest', created: '2024-03-01T00:00:00Z' },
  { repo: 'team/web-dev', tag: 'pr-1', created: '2024-04-01T00:00:00Z' },
  { repo: 'team/api', tag: '2.0.1', created: '2024-01-01T00:00:00Z' },
  { repo: 'team/api', tag: '2.0.5', created: '2024-02-01T00:00:00Z' },
  { repo: 'team/api', tag: '2.1.0', created: '2024-03-01T00:00:00Z' },
  { repo: 'team/worker', tag: 'a0', created: '2024-01-01T00:00:00Z', platforms: ['linux/amd64'] },
  { repo: 'team/worker', tag: 'a1', created: '2024-02-01T00:00:00Z', platforms: ['linux/amd64', 'linux/arm64'] },
  { repo: 'team/worker', tag: 'b2', created: '2024-03-01T00:00:00Z', platforms: ['linux/arm64'] },
];

/** Fixture is a running registry plus a git checkout of the fixture repo and a registries.conf for it. */
export interface Fixture {
  registry: DockerRegistry;
  dir: string;
  repo: string;
  registriesConf: string;
  cleanup(): Promise<void>;
}

/** startFixture starts the registry, pushes the images and makes a checkout of `repoDir` (repo-relative). */
export async function startFixture(repoDir = '__fixtures__/integration/repo'): Promise<Fixture> {
  const registry = await startDockerRegistry();
  await Promise.all(IMAGES.map((i) => registry.pushImage(i.repo, i.tag, { created: i.created, platforms: i.platforms, labels: i.labels })));
  const dir = mkdtempSync(join(tmpdir(), 'aip-e2e-'));
  const registriesConf = join(dir, 'registries.conf');
  writeFileSync(registriesConf, `registries:\n- name: test registry\n  prefix: registry.example.test\n  api_url: ${registry.url}\n`);
  const fixture: Fixture = {
    registry, dir, repo: join(dir, 'repo'), registriesConf,
    async cleanup() {
      await registry.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  // As actions/checkout leaves it: origin names the repository the fixture's Applications point at.
  copyRepo(fixture, repoDir, 'repo', { git: true, origin: 'https://github.com/acme/gitops.git' });
  return fixture;
}

/**
 * copyRepo copies `repoDir` (repo-relative) into the fixture's temp dir as `name`, so a run at its path never
 * reads this project's own checkout (a path inside a checkout is read from the git root). With `git`, it is a
 * committed repository, with `origin` as its origin remote when given.
 */
export function copyRepo(fixture: Fixture, repoDir: string, name: string, options: { git?: boolean; origin?: string } = {}): string {
  const repo = join(fixture.dir, name);
  cpSync(join(ROOT, repoDir), repo, { recursive: true });
  if (!options.git) return repo;
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'add', '-A');
  git(repo, '-c', 'user.name=test', '-c', 'user.email=test@example.com', 'commit', '-qm', 'fixture');
  if (options.origin) git(repo, 'remote', 'add', 'origin', options.origin);
  return repo;
}

/** git runs git in a directory and returns its output. */
export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8' });
}

/** EXPECTED_UPDATES are the updates the fixture repo should get (ordered by application). */
export const EXPECTED_UPDATES = [
  { application: 'api', alias: 'api', image: 'registry.example.test/team/api', from: '2.0.1', to: '2.0.5', strategy: 'semver', file: 'apps/api/values.yaml' },
  { application: 'web-dev', alias: 'web', image: 'registry.example.test/team/web-dev', from: null, to: 'def5678', strategy: 'newest-build', file: 'apps/web/overlays/dev/.argocd-source-web-dev.yaml', mode: 'commit' },
  { application: 'web-prod', alias: 'web', image: 'registry.example.test/team/web', from: '1.0.0', to: '1.2.0', strategy: 'semver', file: 'apps/web/overlays/prod/kustomization.yaml' },
  { application: 'worker', alias: 'worker', image: 'registry.example.test/team/worker', from: 'a0', to: 'a1', strategy: 'newest-build', file: 'apps/worker/deployment.yaml' },
];

/** cli runs the built CLI (node dist/cli.js) against the fixture's registry, with no Docker credentials and no metadata server. */
export function cli(fixture: Fixture, ...args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(ROOT, 'dist/cli.js'), ...args, '--registries-config', fixture.registriesConf, '--docker-config', '{"auths":{}}'], {
    encoding: 'utf8',
    env: { ...process.env, METADATA_SERVER_DETECTION: 'none' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
