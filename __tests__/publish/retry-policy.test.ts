import { describe, expect, it } from 'vitest';
import { PLAIN_429_WAIT, retryWait, SERVER_RETRIES } from '../../src/publish/retry-policy.js';

const post = { method: 'POST', url: '/repos/a/b/pulls' };

describe('retryWait', () => {
  it('retries a plain 429 after its retry-after, or a minute without one', () => {
    expect(retryWait({ status: 429, message: 'Too Many Requests', response: { headers: { 'retry-after': '7' } } }, 0, post)).toEqual({ seconds: 7, why: 'GitHub answered 429 Too Many Requests with retry-after 7' });
    expect(retryWait({ status: 429, message: 'Too Many Requests', response: { headers: {} } }, 0, post)?.seconds).toBe(PLAIN_429_WAIT);
  });

  it('leaves rate-limit 429s to plugin-throttling', () => {
    expect(retryWait({ status: 429, message: 'You have exceeded a secondary rate limit.' }, 0, post)).toBeUndefined();
  });

  it('retries 5xx with growing waits, then gives up', () => {
    expect([0, 1, 2].map((a) => retryWait({ status: 502 }, a, post)?.seconds)).toEqual([1, 4, 9]);
    expect(retryWait({ status: 502 }, SERVER_RETRIES, post)).toBeUndefined();
  });

  it('never repeats a request sent with retries: 0 (a POST that may have been applied)', () => {
    expect(retryWait({ status: 502 }, 0, { ...post, request: { retries: 0 } })).toBeUndefined();
  });

  it('never retries configuration errors', () => {
    for (const status of [400, 401, 403, 404, 409, 422]) expect(retryWait({ status }, 0, post)).toBeUndefined();
  });
});
