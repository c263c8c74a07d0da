/**
 * startDockerRegistry: runs Debian's real `docker-registry` (CNCF distribution 2.8) on 127.0.0.1 with
 * filesystem storage in a temp dir, optionally behind htpasswd or token auth, and pushes test images
 * through the registry HTTP API (blob upload POST + PUT, manifest PUT). SPEC 8.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTokenServer, TOKEN_ISSUER_CERT, type TokenServer } from './token-server.js';

/** DOCKER_REGISTRY_BIN is where Debian's docker-registry package installs the binary. */
export const DOCKER_REGISTRY_BIN = '/usr/bin/docker-registry';
/** TEST_USER / TEST_PASSWORD are the credentials in __fixtures__/registry/htpasswd and the token server. */
export const TEST_USER = 'promoter';
export const TEST_PASSWORD = 'promoter-test-password';
/** TEST_IDENTITY_TOKEN is the refresh token the token server accepts for TEST_USER. */
export const TEST_IDENTITY_TOKEN = 'promoter-test-identity-token';
const HTPASSWD = fileURLToPath(new URL('../__fixtures__/registry/htpasswd', import.meta.url));
const TOKEN_SERVICE = 'aip-test-registry';
const TOKEN_ISSUER = 'aip-test-issuer';

/** hasDockerRegistry tells whether the binary is installed; tests skip loudly when it is not. */
export function hasDockerRegistry(): boolean {
  const found = existsSync(DOCKER_REGISTRY_BIN);
  if (!found) console.warn(`\n!!! ${DOCKER_REGISTRY_BIN} is missing: registry tests are SKIPPED. Install it with: apt-get install -y docker-registry\n`);
  return found;
}

/** PushOptions describe one test image. */
export interface PushOptions {
  /** Config `created` (RFC 3339); per platform when a record. Omitted = no `created` field. */
  created?: string | Record<string, string>;
  /** Platforms `os/arch[/variant]`; given = an index of per-platform manifests, omitted = one linux/amd64 manifest. */
  platforms?: string[];
  labels?: Record<string, string>;
  /** Media types: OCI (default) or Docker schema 2 / manifest list. */
  format?: 'oci' | 'docker';
}

/** DockerRegistry is a running registry. */
export interface DockerRegistry {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `127.0.0.1:<port>`, the registry host of image references. */
  host: string;
  tokenServer?: TokenServer;
  /** pushImage pushes `repo:tag` and returns the digest of what the tag points at. */
  pushImage(repo: string, tag: string, options?: PushOptions): Promise<{ digest: string }>;
  stop(): Promise<void>;
}

/** freePort asks the kernel for a free loopback port (then releases it for the registry to bind). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

function configYaml(dir: string, port: number, auth: string): string {
  // No http.debug section: the registry then opens no debug/metrics listener.
  return [
    'version: 0.1',
    'log:',
    '  level: error',
    '  accesslog:',
    '    disabled: true',
    'storage:',
    '  filesystem:',
    `    rootdirectory: ${join(dir, 'storage')}`,
    'http:',
    `  addr: 127.0.0.1:${port}`,
    auth,
  ].join('\n');
}

function authYaml(kind: 'htpasswd' | 'token' | undefined, tokenServer: TokenServer | undefined): string {
  if (kind === 'htpasswd') return ['auth:', '  htpasswd:', '    realm: aip-test', `    path: ${HTPASSWD}`].join('\n');
  if (kind === 'token' && tokenServer) {
    return ['auth:', '  token:', `    realm: ${tokenServer.realm}`, `    service: ${TOKEN_SERVICE}`, `    issuer: ${TOKEN_ISSUER}`, `    rootcertbundle: ${TOKEN_ISSUER_CERT}`].join('\n');
  }
  return '';
}

async function waitUntilServing(url: string, child: ChildProcess, output: () => string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited with ${child.exitCode}: ${output()}`);
    try {
      const response = await fetch(`${url}/v2/`);
      if (response.status === 200 || response.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`docker-registry did not start: ${output()}`);
}

/** startDockerRegistry starts a registry (and for `token` auth, its token server) on loopback. */
export async function startDockerRegistry(options: { auth?: 'htpasswd' | 'token'; anonymousPull?: boolean } = {}): Promise<DockerRegistry> {
  const dir = await mkdtemp(join(tmpdir(), 'aip-registry-'));
  const tokenServer =
    options.auth === 'token'
      ? await startTokenServer({
          service: TOKEN_SERVICE,
          issuer: TOKEN_ISSUER,
          users: { [TEST_USER]: TEST_PASSWORD },
          identityTokens: { [TEST_IDENTITY_TOKEN]: TEST_USER },
          anonymousPull: options.anonymousPull ?? false,
        })
      : undefined;
  const port = await freePort();
  const configPath = join(dir, 'config.yml');
  await writeFile(configPath, configYaml(dir, port, authYaml(options.auth, tokenServer)));
  const child = spawn(DOCKER_REGISTRY_BIN, ['serve', configPath], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (output = (output + d.toString()).slice(-4000)));
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await tokenServer?.stop();
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilServing(url, child, () => output);
  } catch (error) {
    await stop();
    throw error;
  }
  const authorization = (repo: string) =>
    options.auth === 'htpasswd'
      ? `Basic ${Buffer.from(`${TEST_USER}:${TEST_PASSWORD}`).toString('base64')}`
      : tokenServer
        ? `Bearer ${tokenServer.issue(`repository:${repo}:pull,push`, TEST_USER)}`
        : undefined;
  const pusher = new Pusher(url, authorization);
  return { url, host: `127.0.0.1:${port}`, tokenServer, stop, pushImage: (repo, tag, push) => pusher.push(repo, tag, push ?? {}) };
}

const TYPES = {
  oci: { manifest: 'application/vnd.oci.image.manifest.v1+json', index: 'application/vnd.oci.image.index.v1+json', config: 'application/vnd.oci.image.config.v1+json', layer: 'application/vnd.oci.image.layer.v1.tar+gzip' },
  docker: {
    manifest: 'application/vnd.docker.distribution.manifest.v2+json',
    index: 'application/vnd.docker.distribution.manifest.list.v2+json',
    config: 'application/vnd.docker.container.image.v1+json',
    layer: 'application/vnd.docker.image.rootfs.diff.tar.gzip',
  },
};

function digestOf(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Pusher uploads blobs and manifests, skipping blobs it already pushed to a repository. */
class Pusher {
  // Promises, so concurrent pushes of one blob upload it once (parallel uploads of one digest race in distribution).
  private readonly pushed = new Map<string, Promise<void>>();

  constructor(
    private readonly url: string,
    private readonly authorization: (repo: string) => string | undefined,
  ) {}

  async push(repo: string, tag: string, options: PushOptions): Promise<{ digest: string }> {
    const types = TYPES[options.format ?? 'oci'];
    if (!options.platforms) {
      const manifest = await this.platformManifest(repo, 'linux/amd64', options, types);
      return { digest: await this.putManifest(repo, tag, manifest, types.manifest) };
    }
    const manifests = [];
    for (const platform of options.platforms) {
      const bytes = await this.platformManifest(repo, platform, options, types);
      const digest = await this.putManifest(repo, digestOf(bytes), bytes, types.manifest);
      const [os, architecture, variant] = platform.split('/');
      manifests.push({ mediaType: types.manifest, digest, size: bytes.length, platform: { os, architecture, ...(variant ? { variant } : {}) } });
    }
    const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: types.index, manifests }));
    return { digest: await this.putManifest(repo, tag, index, types.index) };
  }

  private async platformManifest(repo: string, platform: string, options: PushOptions, types: (typeof TYPES)['oci']): Promise<Buffer> {
    const [os, architecture, variant] = platform.split('/');
    const layer = Buffer.from(`layer of ${repo}`);
    const created = typeof options.created === 'string' ? options.created : options.created?.[platform];
    const config = Buffer.from(
      JSON.stringify({
        ...(created === undefined ? {} : { created }),
        architecture,
        os,
        ...(variant ? { variant } : {}),
        config: { Labels: options.labels ?? {} },
        rootfs: { type: 'layers', diff_ids: [digestOf(layer)] },
      }),
    );
    await this.putBlob(repo, layer);
    await this.putBlob(repo, config);
    const manifest = {
      schemaVersion: 2,
      mediaType: types.manifest,
      config: { mediaType: types.config, digest: digestOf(config), size: config.length },
      layers: [{ mediaType: types.layer, digest: digestOf(layer), size: layer.length }],
    };
    return Buffer.from(JSON.stringify(manifest));
  }

  private headers(repo: string, extra: Record<string, string>): Record<string, string> {
    const authorization = this.authorization(repo);
    return authorization ? { ...extra, authorization } : extra;
  }

  private putBlob(repo: string, bytes: Buffer): Promise<void> {
    const key = `${repo}@${digestOf(bytes)}`;
    let pending = this.pushed.get(key);
    if (!pending) {
      pending = this.uploadBlob(repo, bytes);
      this.pushed.set(key, pending);
    }
    return pending;
  }

  private async uploadBlob(repo: string, bytes: Buffer): Promise<void> {
    const digest = digestOf(bytes);
    const start = await fetch(`${this.url}/v2/${repo}/blobs/uploads/`, { method: 'POST', headers: this.headers(repo, {}) });
    if (start.status !== 202) throw new Error(`blob upload start for ${repo}: HTTP ${start.status} ${await start.text()}`);
    const location = new URL(start.headers.get('location') ?? '', this.url);
    location.searchParams.set('digest', digest);
    const put = await fetch(location, { method: 'PUT', body: bytes, headers: this.headers(repo, { 'content-type': 'application/octet-stream' }) });
    if (put.status !== 201) throw new Error(`blob upload of ${repo}@${digest}: HTTP ${put.status} ${await put.text()}`);
  }

  private async putManifest(repo: string, reference: string, bytes: Buffer, mediaType: string): Promise<string> {
    const response = await fetch(`${this.url}/v2/${repo}/manifests/${reference}`, { method: 'PUT', body: bytes, headers: this.headers(repo, { 'content-type': mediaType }) });
    if (response.status !== 201) throw new Error(`manifest PUT ${repo}:${reference}: HTTP ${response.status} ${await response.text()}`);
    return response.headers.get('docker-content-digest') ?? digestOf(bytes);
  }
}
