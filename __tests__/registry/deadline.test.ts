/**
 * issue 14 item 12: bounded failures. A hung registry costs one registry-timeout and is not asked again;
 * a persistent 429 with `Retry-After: 120` is not waited for; every wait is announced. Time is injected
 * (a fake clock whose sleep only moves it), except where a real socket must time out (a short timeout).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { MemoryLogger } from '../../src/logger.js';
import { DeadlineError, RegistryBudget, RUN_BUDGET_FACTOR } from '../../src/registry/deadline.js';
import { createRegistryAccess, type RegistrySettings } from '../../src/registry/registry-access.js';
import { closeHttpFakes, startHttpFake, type HttpFake, type Reply } from '../../test-support/http-fake.js';

afterEach(closeHttpFakes);

/** fakeClock: `now` moves only when something sleeps; every sleep is recorded. */
function fakeClock() {
  const clock = { time: 1_000_000, sleeps: [] as number[], now: () => clock.time, sleep: async (ms: number) => void (clock.sleeps.push(ms), (clock.time += ms)) };
  return clock;
}

async function access(registry: HttpFake, extra: Partial<RegistrySettings> = {}) {
  const logger = new MemoryLogger();
  const registries = await createRegistryAccess({
    registriesConfig: `registries:\n- name: r\n  prefix: registry.example.test\n  api_url: ${registry.origin}\n`,
    dockerConfig: '{"auths":{}}', allowExtCredentials: false, env: {}, logger, setSecret: () => undefined, ...extra,
  });
  const list = (repository: string) => {
    const image = { registry: 'registry.example.test', repository };
    return registries.clientFor(image).client.listTags(image);
  };
  return { list, logger };
}

const PING_OK: Reply = { status: 200, body: {} };

describe('issue 14 item 12: bounded registry failures', () => {
  it('a hung registry costs one registry-timeout (no retries after it) and is not asked again in the run', async () => {
    const registry = await startHttpFake(() => ({ status: 200, body: {}, delayMs: 60_000 }));
    const { list } = await access(registry, { registryTimeoutMs: 300 });
    const error = await list('team/a').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DeadlineError);
    expect((error as Error).message).toMatch(/^ping request to .* timed out \(no answer in 1 s\); a retry in 1 s, but only 0 s remain of registry-timeout \(1 s per operation, 5 s per run\): not waiting$/);
    expect(registry.requests).toHaveLength(1);
    await expect(list('team/b')).rejects.toThrow(/^registry\.example\.test is not asked again in this run: ping request/);
    expect(registry.requests).toHaveLength(1);
  });

  it('a persistent 429 with Retry-After: 120 is not waited for: one request, no sleep, a message that says why', async () => {
    const registry = await startHttpFake((_m, path) => (path === '/v2/' ? PING_OK : { status: 429, headers: { 'retry-after': '120' } }));
    const clock = fakeClock();
    const { list } = await access(registry, { clock });
    await expect(list('team/a')).rejects.toThrow(/failed with HTTP 429; the registry asks to wait 120 s \(Retry-After\), but only 20 s remain of registry-timeout \(20 s per operation, 300 s per run\): not waiting$/);
    expect(clock.sleeps).toEqual([]);
    expect(registry.requests.filter((r) => r.path.includes('/tags/list'))).toHaveLength(1);
  });

  it('waits that fit are waited, each announced with what it waits for', async () => {
    let failures = 2;
    const registry = await startHttpFake((_m, path) => (path === '/v2/' ? PING_OK : failures-- > 0 ? { status: 503 } : { status: 200, body: { tags: ['1.0.0'] } }));
    const clock = fakeClock();
    const { list, logger } = await access(registry, { clock });
    expect((await list('team/a')).tags).toEqual(['1.0.0']);
    expect(clock.sleeps).toEqual([500, 1000]);
    expect(logger.messages('info')).toEqual([
      `tags request to ${registry.origin}/v2/team/a/tags/list failed with HTTP 503; retry 1 of 3 in 1 s (20 s left of registry-timeout)`,
      `tags request to ${registry.origin}/v2/team/a/tags/list failed with HTTP 503; retry 2 of 3 in 1 s (20 s left of registry-timeout)`,
    ]);
  });

  it('backoff that would outlast the operation stops at the deadline: total waits stay under registry-timeout', async () => {
    const registry = await startHttpFake((_m, path) => (path === '/v2/' ? PING_OK : { status: 503 }));
    const clock = fakeClock();
    const { list } = await access(registry, { clock, registryTimeoutMs: 2_000 });
    await expect(list('team/a')).rejects.toBeInstanceOf(DeadlineError);
    expect(clock.sleeps).toEqual([500, 1000]);
  });
});

describe('RegistryBudget', () => {
  it('gives each operation its own deadline, nested calls keep the outer one, and the run caps them all', async () => {
    let now = 0;
    const budget = new RegistryBudget(1000, () => now);
    expect(budget.remainingMs()).toBe(1000 * RUN_BUDGET_FACTOR);
    await budget.within(async () => {
      now += 400;
      expect(budget.remainingMs()).toBe(600);
      await budget.within(async () => expect(budget.remainingMs()).toBe(600));
    });
    now = 1000 * RUN_BUDGET_FACTOR - 100;
    await budget.within(async () => expect(budget.remainingMs()).toBe(100));
  });
});
