import { availableParallelism } from 'node:os';

/**
 * Runs at most `limit` tasks at once; the others wait in a FIFO queue (a
 * closure each, not the task's working memory). For work that holds much
 * memory or a whole core while it runs, such as password hashing: a burst of
 * requests then queues instead of piling up buffers.
 */
export class ConcurrencyLimit {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number = availableParallelism()) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be ≥ 1');
  }

  /** Tasks running now. */
  get running(): number {
    return this.active;
  }

  /** Tasks waiting for a slot. */
  get queued(): number {
    return this.waiting.length;
  }

  /** Runs `task` when a slot is free; its result or error is passed through. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.active++;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next task: `active` stays the same.
      if (next) next();
      else this.active--;
    }
  }
}
