import { describe, it, expect } from 'vitest';
import { ConfigError, RegistryError } from '../../src/errors.js';
import { backoffDelay, isRetryable, parseRetryAfter, retryPolicy } from '../../src/registry/retry.js';

function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
}

describe('isRetryable', () => {
  const cases: { name: string; error: unknown; want: boolean }[] = [
    { name: '429', error: new RegistryError('slow down', { status: 429 }), want: true },
    { name: '408', error: new RegistryError('timeout', { status: 408 }), want: true },
    { name: '500', error: new RegistryError('boom', { status: 500 }), want: true },
    { name: '503', error: new RegistryError('unavailable', { status: 503 }), want: true },
    { name: 'temporary flag', error: new RegistryError('reset', { temporary: true }), want: true },
    { name: '400', error: new RegistryError('bad', { status: 400 }), want: false },
    { name: '401', error: new RegistryError('unauthorized', { status: 401 }), want: false },
    { name: '403', error: new RegistryError('forbidden', { status: 403 }), want: false },
    { name: '404', error: new RegistryError('unknown', { status: 404 }), want: false },
    { name: 'garbage body (no status)', error: new RegistryError('not JSON'), want: false },
    { name: 'RegistryError caused by ECONNRESET', error: new RegistryError('x', { cause: networkError('ECONNRESET') }), want: true },
    { name: 'ECONNREFUSED', error: networkError('ECONNREFUSED'), want: true },
    { name: 'undici fetch failed', error: new TypeError('fetch failed', { cause: networkError('UND_ERR_SOCKET') }), want: true },
    { name: 'timeout signal', error: new DOMException('The operation was aborted due to timeout', 'TimeoutError'), want: true },
    { name: 'config error', error: new ConfigError('bad constraint'), want: false },
    { name: 'plain TypeError', error: new TypeError('x is not a function'), want: false },
    { name: 'not an error', error: 'string', want: false },
  ];
  it.each(cases)('$name -> $want', ({ error, want }) => {
    expect(isRetryable(error)).toBe(want);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2024-05-01T12:00:00Z');
  const cases: { value: string | undefined; want: number | undefined }[] = [
    { value: '7', want: 7000 },
    { value: ' 0 ', want: 0 },
    { value: 'Wed, 01 May 2024 12:00:30 GMT', want: 30_000 },
    { value: 'Wed, 01 May 2024 11:00:00 GMT', want: 0 },
    { value: '1.5', want: undefined },
    { value: '-3', want: undefined },
    { value: 'soon', want: undefined },
    { value: undefined, want: undefined },
  ];
  it.each(cases)('$value -> $want', ({ value, want }) => {
    expect(parseRetryAfter(value, now)).toBe(want);
  });
});

describe('backoffDelay', () => {
  const cases: { retry: number; error: unknown; want: number }[] = [
    { retry: 1, error: new RegistryError('x', { status: 503 }), want: 100 },
    { retry: 2, error: new RegistryError('x', { status: 503 }), want: 200 },
    { retry: 3, error: new RegistryError('x', { status: 503 }), want: 400 },
    { retry: 9, error: new RegistryError('x', { status: 503 }), want: 1000 },
    { retry: 1, error: new RegistryError('x', { status: 429, retryAfterMs: 700 }), want: 700 },
    { retry: 1, error: new RegistryError('x', { status: 429, retryAfterMs: 3_600_000 }), want: 1000 },
  ];
  it.each(cases)('retry $retry -> $want ms', ({ retry, error, want }) => {
    expect(backoffDelay(retry, error, 100, 1000)).toBe(want);
  });
});

/** scripted returns an operation that throws the given errors in turn, then answers 'ok'. */
function scripted(errors: unknown[]): { operation: () => Promise<string>; calls: () => number } {
  let calls = 0;
  return {
    operation: async () => {
      const error = errors[calls++];
      if (error !== undefined) throw error;
      return 'ok';
    },
    calls: () => calls,
  };
}

describe('retryPolicy', () => {
  const cases: { name: string; errors: unknown[]; result: 'ok' | 'error'; calls: number; sleeps: number[] }[] = [
    { name: 'success needs no retry', errors: [], result: 'ok', calls: 1, sleeps: [] },
    { name: '503 then success', errors: [new RegistryError('unavailable', { status: 503 })], result: 'ok', calls: 2, sleeps: [10] },
    { name: '429 with Retry-After 7 s', errors: [new RegistryError('slow', { status: 429, retryAfterMs: 7000 })], result: 'ok', calls: 2, sleeps: [7000] },
    { name: 'network error then 502 then success', errors: [networkError('ECONNRESET'), new RegistryError('bad gateway', { status: 502 })], result: 'ok', calls: 3, sleeps: [10, 20] },
    { name: '404 is never retried', errors: [new RegistryError('unknown', { status: 404 })], result: 'error', calls: 1, sleeps: [] },
    { name: '401 is never retried', errors: [new RegistryError('unauthorized', { status: 401 })], result: 'error', calls: 1, sleeps: [] },
    { name: 'gives up after 2 retries', errors: [503, 503, 503, 503].map((status) => new RegistryError('unavailable', { status })), result: 'error', calls: 3, sleeps: [10, 20] },
  ];
  it.each(cases)('$name', async ({ errors, result, calls, sleeps }) => {
    const slept: number[] = [];
    const withRetry = retryPolicy({ retries: 2, minDelayMs: 10, maxDelayMs: 60_000, sleep: async (ms) => void slept.push(ms) });
    const script = scripted(errors);
    const outcome = await withRetry(script.operation).then(
      (value) => value,
      (error: unknown) => (error instanceof Error ? 'error' : 'not an Error'),
    );
    expect({ outcome, calls: script.calls(), slept }).toEqual({ outcome: result, calls, slept: sleeps });
  });

  it('rethrows the last error itself, with its status', async () => {
    const withRetry = retryPolicy({ retries: 1, sleep: async () => undefined });
    const script = scripted([new RegistryError('a', { status: 500 }), new RegistryError('b', { status: 503 })]);
    await expect(withRetry(script.operation)).rejects.toMatchObject({ name: 'RegistryError', message: 'b', status: 503 });
  });
});

// The policy plugged into the real OciClient (RegistryHooks.withRetry) against a local faulty registry.
describe('retryPolicy in the OCI client, against a faulty registry', () => {
  type Answer = { status: number; body?: string; headers?: Record<string, string> } | 'hang';
  const TAGS = JSON.stringify({ name: 'app', tags: ['v1', 'v2'] });

  /** faultyRegistry answers /v2/ with 200 and tags/list with `script` in turn, then with the tags. */
  async function faultyRegistry(script: Answer[]) {
    const { createServer } = await import('node:http');
    const counts = { ping: 0, tags: 0 };
    const server = createServer((request, response) => {
      if (request.url === '/v2/') {
        counts.ping++;
        return void response.writeHead(200).end('{}');
      }
      const answer = script[counts.tags++] ?? { status: 200, body: TAGS };
      if (answer === 'hang') return; // never answers: the client's timeout must end it
      response.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers }).end(answer.body ?? '{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as import('node:net').AddressInfo;
    const close = () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    };
    return { host: `127.0.0.1:${port}`, counts, close };
  }

  const cases: { name: string; script: Answer[]; tags: number; sleeps: number[]; error?: RegExp }[] = [
    { name: '429 with Retry-After: 7', script: [{ status: 429, headers: { 'retry-after': '7' } }], tags: 2, sleeps: [7000] },
    { name: '503 then success', script: [{ status: 503 }], tags: 2, sleeps: [100] },
    { name: 'a hung connection, then success', script: ['hang'], tags: 2, sleeps: [100] },
    { name: 'garbage JSON is not retried', script: [{ status: 200, body: '<html>oops' }], tags: 1, sleeps: [], error: /is not JSON/ },
    { name: '404 is not retried', script: [{ status: 404 }], tags: 1, sleeps: [], error: /HTTP 404/ },
    { name: '503 four times gives up after 3 retries', script: [503, 503, 503, 503].map((status) => ({ status })), tags: 4, sleeps: [100, 200, 400], error: /HTTP 503/ },
  ];
  it.each(cases)('$name', async ({ script, tags, sleeps, error }) => {
    const { OciClient } = await import('../../src/registry/oci-client.js');
    const registry = await faultyRegistry(script);
    const slept: number[] = [];
    try {
      const client = new OciClient({
        endpoint: { host: registry.host, apiUrl: `http://${registry.host}`, insecure: false, tagSortMode: 'none' },
        credentials: [],
        timeoutMs: 300,
        hooks: { withRetry: retryPolicy({ retries: 3, minDelayMs: 100, sleep: async (ms) => void slept.push(ms) }) },
      });
      const result = client.listTags({ registry: registry.host, repository: 'app' });
      if (error) await expect(result).rejects.toThrow(error);
      else expect((await result).tags).toEqual(['v1', 'v2']);
      expect({ ping: registry.counts.ping, tags: registry.counts.tags, slept }).toEqual({ ping: 1, tags, slept: sleeps });
    } finally {
      await registry.close();
    }
  });
});
