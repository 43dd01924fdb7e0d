import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  CLEAR_SQL,
  COUNT_FAILURE_SQL,
  GIVE_BACK_SQL,
  SWEEP_SQL,
  TAKE_ATTEMPT_ROW_SQL,
} from './login-throttle.sql';

/** One sweep of long-idle counters every this many attempts, on average. */
const SWEEP_EVERY = 1000;

export interface BackoffPolicy {
  /** Failures allowed before the key is blocked. */
  threshold: number;
  /** First block, doubled at each further failure. */
  baseSeconds: number;
  maxSeconds: number;
  /** Failures older than this are forgotten. */
  windowSeconds: number;
}

export interface ThrottledKey {
  key: string;
  policy: BackoffPolicy;
}

interface Row {
  failures: number;
  last_failure_at: Date;
  blocked: boolean;
  seconds_left: number;
}

export function backoffSeconds(failures: number, policy: BackoffPolicy): number {
  return Math.min(
    policy.maxSeconds,
    policy.baseSeconds * 2 ** Math.min(20, failures - policy.threshold),
  );
}

/**
 * Attempt counters for secrets that can be guessed (passwords, TOTP codes),
 * kept in the database so that every API instance applies the same backoff.
 */
@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts one attempt on every key BEFORE the secret is checked, under a row
   * lock: the attempt that reaches a threshold blocks its key at once, so
   * guesses sent together cannot all be checked. When a key is already
   * blocked nothing is counted and the seconds to wait are returned; 0 means
   * the caller may check the secret.
   */
  async takeAttempt(keys: ThrottledKey[]): Promise<number> {
    const ordered = [...keys].sort((a, b) => a.key.localeCompare(b.key));
    if (Math.random() * SWEEP_EVERY < 1) void this.sweep().catch(() => undefined);
    return this.dataSource.transaction(async (tx) => {
      const rows: Row[] = [];
      for (const { key } of ordered) {
        // Upsert that always returns the row, locked: a concurrent clear() cannot make it vanish.
        const found: Row[] = await tx.query(TAKE_ATTEMPT_ROW_SQL, [key]);
        rows.push(found[0]);
      }
      const wait = Math.max(0, ...rows.filter((r) => r.blocked).map((r) => r.seconds_left));
      if (wait > 0) return wait;
      for (const [i, { key, policy }] of ordered.entries()) {
        const row = rows[i];
        const stale = Date.now() - row.last_failure_at.getTime() > policy.windowSeconds * 1000;
        const failures = stale ? 1 : row.failures + 1;
        const block = failures >= policy.threshold ? backoffSeconds(failures, policy) : null;
        await tx.query(COUNT_FAILURE_SQL, [key, failures, block]);
      }
      return 0;
    });
  }

  /** The secret was right: the attempt counted on a shared key (an address) is given back. */
  async giveBack({ key, policy }: ThrottledKey): Promise<void> {
    await this.dataSource.query(GIVE_BACK_SQL, [key, policy.threshold]);
  }

  /** The secret was right: the account's counter starts again. */
  async clear(key: string): Promise<void> {
    await this.dataSource.query(CLEAR_SQL, [key]);
  }

  /** Forgets counters idle for a day and not blocked: names tried once do not pile up. */
  async sweep(): Promise<void> {
    await this.dataSource.query(SWEEP_SQL);
  }
}
