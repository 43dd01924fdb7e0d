import { Logger } from '@nestjs/common';
import { Transactions, Tx } from './transactions';

/**
 * Runs `work` in a transaction that holds the transaction-scoped advisory
 * lock `key` (ADVISORY_LOCKS), or answers null at once when another
 * instance holds it: a job run by several instances runs once at a time.
 */
export function withJobLock<T>(
  transactions: Transactions,
  key: number,
  work: (tx: Tx) => Promise<T>,
): Promise<T | null> {
  return transactions.run(async (tx) => {
    const [{ locked }]: { locked: boolean }[] = await tx.query(
      'SELECT pg_try_advisory_xact_lock($1) AS locked',
      [key],
    );
    return locked ? work(tx) : null;
  });
}

/**
 * A job each instance runs every so often: never two runs of it at once in
 * one instance (a tick while one runs is skipped), a failed run logged and
 * forgotten, and shutdown waiting for the run in progress.
 */
export class IntervalJob {
  private readonly logger: Logger;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly name: string,
    private readonly run: () => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  /** Every `intervalMs` (nothing when it is 0 or less); `now`: a first run at once. */
  start(intervalMs: number, options: { now?: boolean } = {}): void {
    if (intervalMs <= 0 || this.timer) return;
    this.timer = setInterval(() => this.tick(), intervalMs);
    this.timer.unref();
    if (options.now) this.tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.run()
      .catch((error: unknown) =>
        this.logger.error(`${this.name} failed: ${(error as Error).message}`),
      )
      .finally(() => {
        this.running = undefined;
      });
  }
}
