/**
 * Issue 12 end to end: pin-digest through node dist/cli.js against the real docker-registry. A kustomization
 * (single-platform image) and Helm values with a digest key (multi-platform index) get tag + digest; a second
 * run changes nothing; after the registry moves a tag, the change is the digest alone. A recording proxy in
 * front of the registry counts what pinning costs per image.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasDockerRegistry, startDockerRegistry, type DockerRegistry } from '../../test-support/docker-registry.js';
import { startRecordingProxy, type RecordingProxy } from '../../test-support/recording-proxy.js';
import { tempDir } from '../../test-support/temp-dir.js';
import { ROOT } from './fixture-repo.js';

const CLI = join(ROOT, 'dist/cli.js');
const A = 'argocd-image-updater.argoproj.io/';
const P = 'image-promoter.argoproj.io/';
const HOST = 'registry.example.test';

function application(name: string, annotations: Record<string, string>): string {
  const lines = Object.entries({ [`${A}write-back-method`]: 'git', ...annotations }).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`);
  return `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: ${name}\n  namespace: argocd\n  annotations:\n${lines.join('\n')}\nspec:\n  source:\n    repoURL: https://github.com/acme/gitops.git\n    path: envs/${name}\n`;
}

const KUSTOMIZATION = `resources: []\nimages:\n  - name: ${HOST}/team/web\n    newTag: 1.0.0 # web\n`;
const VALUES = `# api chart values\nimage:\n  repository: ${HOST}/team/api\n  tag: 2.0.0\n  digest: ""\nreplicas: 2\n`;

describe.skipIf(!hasDockerRegistry())('pin-digest through node dist/cli.js and the real docker-registry', () => {
  let registry: DockerRegistry;
  let proxy: RecordingProxy;
  let repo: string;
  let conf: string;
  let cache: string;
  const digests: Record<string, string> = {};

  beforeAll(async () => {
    registry = await startDockerRegistry();
    proxy = await startRecordingProxy(registry.url);
    await registry.pushImage('team/web', '1.0.0', { created: '2026-01-01T00:00:00Z' });
    digests.web = (await registry.pushImage('team/web', '1.1.0', { created: '2026-02-01T00:00:00Z' })).digest;
    await registry.pushImage('team/api', '2.0.0', { created: '2026-01-01T00:00:00Z', platforms: ['linux/amd64', 'linux/arm64'] });
    digests.api = (await registry.pushImage('team/api', '2.1.0', { created: '2026-02-01T00:00:00Z', platforms: ['linux/amd64', 'linux/arm64'] })).digest;
    const dir = tempDir('aip-pin-');
    conf = join(dir, 'registries.conf');
    cache = join(dir, 'metadata-cache.json');
    writeFileSync(conf, `registries:\n- name: test registry\n  prefix: ${HOST}\n  api_url: ${proxy.url}\n`);
    repo = join(dir, 'repo');
    const files: Record<string, string> = {
      'apps/web.yaml': application('web', { [`${A}image-list`]: `web=${HOST}/team/web`, [`${A}write-back-target`]: 'kustomization', [`${P}web.pin-digest`]: 'true' }),
      'envs/web/kustomization.yaml': KUSTOMIZATION,
      'apps/api.yaml': application('api', {
        [`${A}image-list`]: `api=${HOST}/team/api`,
        [`${A}write-back-target`]: 'helmvalues:values.yaml',
        [`${A}api.helm.image-name`]: 'image.repository',
        [`${A}api.helm.image-tag`]: 'image.tag',
        [`${P}api.helm.image-digest`]: 'image.digest',
        [`${P}pin-digest`]: 'true',
      }),
      'envs/api/Chart.yaml': 'apiVersion: v2\nname: api\nversion: 0.1.0\n',
      'envs/api/values.yaml': VALUES,
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(repo, path, '..'), { recursive: true });
      writeFileSync(join(repo, path), text);
    }
    execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  }, 120_000);

  afterAll(async () => {
    await proxy?.stop();
    await registry?.stop();
  });

  async function cli(command: 'plan' | 'apply') {
    const before = proxy.requests.length;
    const args = [CLI, command, '--json', '--path', repo, '--registries-config', conf, '--docker-config', '{"auths":{}}', '--cache-file', cache];
    const env = { ...process.env, METADATA_SERVER_DETECTION: 'none' };
    const result = await promisify(execFile)(process.execPath, args, { encoding: 'utf8', env }).then(
      (r) => ({ code: 0, ...r }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );
    const requests = proxy.requests.slice(before).map((r) => `${r.method} ${r.path}`);
    return { ...result, report: JSON.parse(result.stdout) as { updates: Record<string, unknown>[]; errors: unknown[]; 'files-changed': string[]; skipped: unknown[] }, requests };
  }
  const read = (path: string) => readFileSync(join(repo, path), 'utf8');
  const perImage = (requests: string[], repository: string) => requests.filter((r) => r.includes(`/v2/${repository}/`)).map((r) => r.replace(/sha256:[0-9a-f]{64}/, 'sha256:…'));

  it('run 1 writes tag and digest: kustomize newTag + digest, Helm tag and digest keys; one listing and the pick read per image', async () => {
    const { code, report, requests } = await cli('apply');
    expect(code).toBe(0);
    expect(report.errors).toEqual([]);
    expect(report.updates.map((u) => [u.application, u.from, u.to, u.digest, u.pinned])).toEqual([
      ['api', '2.0.0', '2.1.0', digests.api, true],
      ['web', '1.0.0', '1.1.0', digests.web, true],
    ]);
    expect(read('envs/web/kustomization.yaml')).toBe(`resources: []\nimages:\n  - name: ${HOST}/team/web\n    newTag: 1.1.0 # web\n    digest: ${digests.web}\n`);
    expect(read('envs/api/values.yaml')).toBe(`# api chart values\nimage:\n  repository: ${HOST}/team/api\n  tag: 2.1.0\n  digest: "${digests.api}"\nreplicas: 2\n`);
    // The request cost of pinning (cold cache): an index is one manifest GET; a single-platform image also reads its
    // config (the platform rule the digest strategy applies). Semver itself reads no manifest.
    expect(perImage(requests, 'team/api')).toEqual(['GET /v2/team/api/tags/list?n=10000', 'GET /v2/team/api/manifests/2.1.0']);
    expect(perImage(requests, 'team/web').sort()).toEqual(['GET /v2/team/web/blobs/sha256:…', 'GET /v2/team/web/manifests/1.1.0', 'GET /v2/team/web/tags/list?n=10000']);
  });

  it('run 2 on the pinned files changes nothing; with the warm cache each pick costs one manifest HEAD', async () => {
    const { code, report, requests } = await cli('apply');
    expect(code).toBe(0);
    expect(perImage(requests, 'team/api')).toEqual(['GET /v2/team/api/tags/list?n=10000', 'HEAD /v2/team/api/manifests/2.1.0']);
    expect(perImage(requests, 'team/web')).toEqual(['GET /v2/team/web/tags/list?n=10000', 'HEAD /v2/team/web/manifests/1.1.0']);
    expect([report.updates, report.skipped, report.errors, report['files-changed']]).toEqual([[], [], [], []]);
    expect(read('envs/web/kustomization.yaml')).toContain(`digest: ${digests.web}\n`);
  });

  it('after the registry moves 1.1.0, the change is the digest alone (from 1.1.0@old)', async () => {
    const moved = (await registry.pushImage('team/web', '1.1.0', { created: '2026-03-01T00:00:00Z' })).digest;
    expect(moved).not.toBe(digests.web);
    const { code, report } = await cli('apply');
    expect(code).toBe(0);
    expect(report.updates.map((u) => [u.application, u.from, u.to, u.digest])).toEqual([['web', `1.1.0@${digests.web}`, '1.1.0', moved]]);
    expect(read('envs/web/kustomization.yaml')).toBe(`resources: []\nimages:\n  - name: ${HOST}/team/web\n    newTag: 1.1.0 # web\n    digest: ${moved}\n`);
  });
});
