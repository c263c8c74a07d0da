/**
 * End to end: the built CLI (node dist/cli.js) against fault-injecting registries on loopback (issue 14
 * items 8, 9, 12). The fake registry lives in this process, so the CLI runs asynchronously.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { closeHttpFakes, startHttpFake, type HttpFake, type Reply } from '../../test-support/http-fake.js';
import { ROOT } from './fixture-repo.js';

const CLI = join(ROOT, 'dist/cli.js');
const dir = mkdtempSync(join(tmpdir(), 'aip-e2e-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(closeHttpFakes);

/** repoWith writes a one-Application repo tracking registry.example.test/acme/web with `annotations`. */
function repoWith(name: string, annotations: Record<string, string>, imageList = 'app=registry.example.test/acme/web'): string {
  const repo = join(dir, name);
  mkdirSync(join(repo, 'apps/web'), { recursive: true });
  const lines = Object.entries({ 'image-list': imageList, 'write-back-target': 'kustomization', ...annotations }).map(([k, v]) => `    argocd-image-updater.argoproj.io/${k}: '${v}'`);
  writeFileSync(join(repo, 'apps/web.yaml'), `apiVersion: argoproj.io/v1alpha1\nkind: Application\nmetadata:\n  name: web\n  annotations:\n${lines.join('\n')}\nspec:\n  source:\n    repoURL: https://github.com/acme/gitops.git\n    path: apps/web\n`);
  writeFileSync(join(repo, 'apps/web/kustomization.yaml'), 'resources:\n  - deployment.yaml\nimages:\n  - name: registry.example.test/acme/web\n    newTag: a1\n');
  execFileSync('git', ['init', '-q', '-b', 'main'], { cwd: repo });
  return repo;
}

async function plan(registry: HttpFake, repo: string, ...extra: string[]) {
  const conf = `registries:\n- name: fake\n  prefix: registry.example.test\n  api_url: ${registry.origin}\n`;
  const args = [CLI, 'plan', '--json', '--path', repo, '--registries-config', conf, '--docker-config', '{"auths":{}}', ...extra];
  const env = { ...process.env, METADATA_SERVER_DETECTION: 'none' };
  const result = await promisify(execFile)(process.execPath, args, { encoding: 'utf8', env }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
  return { ...result, report: JSON.parse(result.stdout) };
}

const PING_OK: Reply = { status: 200, body: {} };
const tagsReply = (reply: Reply) => (_m: string, path: string) => (path === '/v2/' ? PING_OK : path.startsWith('/v2/acme/web/tags/list') ? reply : undefined);

describe('CLI against faulty registries', () => {
  it('issue 14 item 8: hostile tags never reach the manifests; one warning for the repository', async () => {
    const registry = await startHttpFake(tagsReply({ status: 200, body: { tags: ['a1', 'b2', 'z{{ .Values.x }}', 'zz\nkey: value', `zzz${'x'.repeat(300)}`] } }));
    const result = await plan(registry, repoWith('hostile', { 'app.update-strategy': 'alphabetical' }));
    expect(result.report.updates).toEqual([expect.objectContaining({ application: 'web', from: 'a1', to: 'b2' })]);
    expect(result.stderr.match(/are not valid OCI tags/g)).toHaveLength(1);
    expect(result.stderr).toContain('registry.example.test/acme/web: 3 tag(s) are not valid OCI tags and are ignored (e.g. "z{{ .Values.x }}").');
  });

  it('issue 14 item 9: a Docker-Content-Digest that disagrees with the manifest fails the image, saying so', async () => {
    const manifest = JSON.stringify({ schemaVersion: 2, mediaType: 'application/vnd.oci.image.index.v1+json', manifests: [{ digest: `sha256:${'c'.repeat(64)}`, platform: { os: 'linux', architecture: 'amd64' } }] });
    const registry = await startHttpFake((method, path) => {
      if (path === '/v2/') return PING_OK;
      if (path.startsWith('/v2/acme/web/tags/list')) return { status: 200, body: { tags: ['stable'] } };
      if (path === '/v2/acme/web/manifests/stable') return { status: 200, headers: { 'content-type': 'application/vnd.oci.image.index.v1+json', 'docker-content-digest': `sha256:${'e'.repeat(64)}` }, body: method === 'HEAD' ? '' : manifest };
      return undefined;
    });
    const result = await plan(registry, repoWith('digest-lie', { 'app.update-strategy': 'digest' }, 'app=registry.example.test/acme/web:stable'));
    expect(result.code).toBe(1);
    expect(result.report.updates).toEqual([]);
    expect(result.report.errors).toEqual([expect.objectContaining({ application: 'web', message: expect.stringMatching(/Docker-Content-Digest\), but the manifest it sent hashes to sha256:[0-9a-f]{64}; refusing the tag/) })]);
  });

  it('issue 14 item 12: a persistent 429 asking Retry-After: 120 is not waited for', async () => {
    const registry = await startHttpFake(tagsReply({ status: 429, headers: { 'retry-after': '120' } }));
    const result = await plan(registry, repoWith('rate-limited', {}));
    expect(result.code).toBe(1);
    expect(result.report.errors).toEqual([expect.objectContaining({ message: expect.stringContaining('the registry asks to wait 120 s (Retry-After), but only 20 s remain of registry-timeout') })]);
    expect(registry.requests.filter((r) => r.path.includes('/tags/list'))).toHaveLength(1);
  });

  it('issue 14 item 12: a hung registry costs one --registry-timeout, and the report is still printed', async () => {
    const registry = await startHttpFake(() => ({ ...PING_OK, delayMs: 600_000 }));
    const result = await plan(registry, repoWith('hung', {}), '--registry-timeout', '0.5');
    expect(result.code).toBe(1);
    expect(result.report.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/ping request to .* timed out \(no answer in 1 s\).*not waiting/) })]);
    expect(registry.requests).toHaveLength(1);
  });
});
