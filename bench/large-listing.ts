/**
 * Bench rows for one-page tag lists (issue 14 item 10): Google answers every tag in one page and
 * distribution 2.8 ignores `n`. A loopback server sends N 40-character tags at once; a child process
 * lists them with the real client and reports time and peak RSS (target for 500,000 tags: under 512 MB).
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';

const CHILD = fileURLToPath(new URL('./list-child.ts', import.meta.url));

/** largeListingRow lists `count` tags in one page and returns a bench row [work, target, requests, time]. */
export async function largeListingRow(count: number, target: string): Promise<string[]> {
  const tags = Array.from({ length: count }, (_, i) => i.toString(16).padStart(40, '0'));
  const body = JSON.stringify({ name: 'acme/web', tags });
  const server = createServer((req, res) => {
    if (req.url === '/v2/') return res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    // Asynchronous: the server answers from this process while the child lists.
    const child = await promisify(execFile)(process.execPath, ['--import', 'tsx', CHILD, url], { encoding: 'utf8', maxBuffer: 2 ** 20 }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? String(error) }));
    return rowFrom(count, target, body.length, child.stdout, child.stderr);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

function rowFrom(count: number, target: string, bytes: number, stdout: string, stderr: string): string[] {
  const work = `tags/list, ${count.toLocaleString('en-US')} tags in one page (${(bytes / 2 ** 20).toFixed(1)} MiB)`;
  try {
    const result = JSON.parse(stdout) as { tags: number; ms: number; baseRssMb: number; peakRssMb: number };
    return [work, target, 'ping 1, tags 1', `${result.ms.toFixed(0)} ms, peak RSS ${result.peakRssMb.toFixed(0)} MB (process start ${result.baseRssMb.toFixed(0)} MB), ${result.tags} tags`];
  } catch {
    return [work, target, '?', `failed: ${stderr.split('\n').find((l) => l.trim() !== '') ?? 'no output'}`];
  }
}
