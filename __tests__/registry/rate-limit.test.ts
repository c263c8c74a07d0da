import { describe, it, expect } from 'vitest';
import { rateLimiter, type Clock } from '../../src/registry/rate-limit.js';

/** fakeClock advances only when the limiter sleeps (or a test moves it), and records each sleep. */
function fakeClock(): Clock & { sleeps: number[]; advance(ms: number): void } {
  let time = 1_000_000;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => time,
    sleep: async (ms) => {
      sleeps.push(ms);
      time += ms;
    },
    advance: (ms) => {
      time += ms;
    },
  };
}

describe('rateLimiter', () => {
  const cases: { name: string; limit: number | undefined; calls: number; sleeps: number[] }[] = [
    { name: 'undefined is unlimited', limit: undefined, calls: 5, sleeps: [] },
    { name: '0 is unlimited (updater: limit <= 0)', limit: 0, calls: 5, sleeps: [] },
    { name: 'negative is unlimited', limit: -3, calls: 5, sleeps: [] },
    { name: '20/s spaces calls 50 ms apart', limit: 20, calls: 4, sleeps: [50, 50, 50] },
    { name: '2/s spaces calls 500 ms apart', limit: 2, calls: 3, sleeps: [500, 500] },
  ];
  it.each(cases)('$name', async ({ limit, calls, sleeps }) => {
    const clock = fakeClock();
    const wait = rateLimiter(limit, clock);
    for (let i = 0; i < calls; i++) await wait();
    expect(clock.sleeps).toEqual(sleeps);
  });

  it('concurrent callers get successive slots', async () => {
    // Time stands still while they wait, as when five requests start in the same tick.
    const sleeps: number[] = [];
    const clock: Clock = { now: () => 0, sleep: async (ms) => void sleeps.push(ms) };
    const wait = rateLimiter(10, clock);
    // All five reserve a slot before any sleeps, so the waits grow by 100 ms each.
    await Promise.all([wait(), wait(), wait(), wait(), wait()]);
    expect(sleeps).toEqual([100, 200, 300, 400]);
  });

  it('idle time is not saved up as a burst', async () => {
    const clock = fakeClock();
    const wait = rateLimiter(10, clock);
    await wait();
    clock.advance(10_000);
    await wait();
    await wait();
    expect(clock.sleeps).toEqual([100]);
  });
});
