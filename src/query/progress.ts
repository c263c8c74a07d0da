/**
 * progress: "listing tags: done/total repositories" lines while a large run lists its registries, at most one
 * every few seconds (and a last one when all are listed, if any was printed), so a 5,000-Application job shows
 * it is moving. The clock is injected so tests do not sleep.
 */
import type { Logger } from '../logger.js';

/** PROGRESS_EVERY_MS is the least time between two progress lines. */
export const PROGRESS_EVERY_MS = 5_000;

/** ListingProgress counts finished repository listings and logs the count now and then. */
export class ListingProgress {
  private done = 0;
  private last: number;
  private printed = false;

  constructor(
    private readonly total: number,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
    private readonly everyMs = PROGRESS_EVERY_MS,
  ) {
    this.last = now();
  }

  /** listed records one finished listing (failed listings count too). */
  listed(): void {
    this.done++;
    const at = this.now();
    const finished = this.done === this.total;
    if (at - this.last >= this.everyMs || (finished && this.printed)) {
      this.logger.info(`listing tags: ${this.done}/${this.total} repositories${finished ? ', done' : ''}`);
      this.last = at;
      this.printed = true;
    }
  }
}
