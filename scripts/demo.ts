/**
 * npm run demo: serve the example registry on 127.0.0.1, copy the example manifests repo to a temp dir,
 * run `apply --mode files --diff` there, print the plan and the diff, stop the server. Needs no network.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { main } from '../src/cli/program.js';
import { loadExampleImages, startOciServer } from '../test-support/oci-server.js';

const root = resolve(import.meta.dirname, '..');
const server = await startOciServer({ images: loadExampleImages(join(root, 'examples/registry')) });
const work = mkdtempSync(join(tmpdir(), 'aip-demo-'));
try {
  const repo = join(work, 'gitops');
  cpSync(join(root, 'examples/gitops'), repo, { recursive: true });
  const conf = join(work, 'registries.conf');
  writeFileSync(conf, readFileSync(join(root, 'examples/registries.conf'), 'utf8').replaceAll('{{PORT}}', new URL(server.url).port));
  console.log(`Example registry on ${server.url}; example manifests repo copied to ${repo}\n`);
  console.log('$ argocd-image-promoter apply --mode files --diff --path <repo> --registries-config <conf>\n');
  const code = await main(['node', 'argocd-image-promoter', 'apply', '--mode', 'files', '--diff', '--path', repo, '--registries-config', conf, '--docker-config', '{"auths":{}}']);
  console.log(`\n${server.requests.length} registry requests; exit code ${code}`);
  process.exitCode = code;
} finally {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
}
