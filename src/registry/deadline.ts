/**
 * Bounded registry work (issue 14 item 12): every registry operation (one repository's tag listing, one
 * tag's metadata) has a deadline of `registry-timeout`, retries and waits included, and the run as a whole
 * has RUN_BUDGET_FACTOR times that. The deadline travels with the operation through AsyncLocalStorage, so
 * the retry policy and the HTTP timeout of every request (token and redirect hops included) see it
 * without threading it through each call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { RegistryError } from '../errors.js';

/** DEFAULT_REGISTRY_TIMEOUT_MS keeps a hung registry under 30 s in total (one 20 s attempt, no retry after it). */
export const DEFAULT_REGISTRY_TIMEOUT_MS = 20_000;
/** RUN_BUDGET_FACTOR: the whole run's registry work stops after this many registry-timeouts. */
export const RUN_BUDGET_FACTOR = 15;

/** DeadlineError: an operation ran out of its registry-timeout. Not temporary: it is never retried. */
export class DeadlineError extends RegistryError {
  constructor(message: string, host: string | undefined) {
    super(message, { host, fix: 'The registry is hung or rate-limiting hard; run again later, or raise registry-timeout (CLI: --registry-timeout).' });
  }
}

/** RegistryBudget hands out deadlines: one per operation, within one for the run. */
export class RegistryBudget {
  private readonly storage = new AsyncLocalStorage<number>();
  private readonly runDeadline: number;

  constructor(
    readonly timeoutMs: number = DEFAULT_REGISTRY_TIMEOUT_MS,
    private readonly now: () => number = Date.now,
  ) {
    this.runDeadline = now() + timeoutMs * RUN_BUDGET_FACTOR;
  }

  /** within runs `work` under a fresh deadline (registry-timeout from now, capped by the run's); nested calls keep the outer one. */
  within<T>(work: () => Promise<T>): Promise<T> {
    if (this.storage.getStore() !== undefined) return work();
    return this.storage.run(Math.min(this.now() + this.timeoutMs, this.runDeadline), work);
  }

  /** remainingMs is what is left of the current operation's deadline (or the run's, outside an operation). */
  remainingMs(): number {
    return Math.min(this.storage.getStore() ?? Number.POSITIVE_INFINITY, this.runDeadline) - this.now();
  }

  /** describe names the limits for messages. */
  describe(): string {
    return `registry-timeout (${seconds(this.timeoutMs)} per operation, ${seconds(this.timeoutMs * RUN_BUDGET_FACTOR)} per run)`;
  }
}

/** seconds renders milliseconds as whole seconds for messages ("120 s"). */
export function seconds(ms: number): string {
  return `${Math.max(0, Math.ceil(ms / 1000))} s`;
}
