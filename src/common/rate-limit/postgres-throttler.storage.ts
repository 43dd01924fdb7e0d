import { ThrottlerStorage } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { RATE_LIMIT_INCREMENT_SQL } from './rate-limit.sql';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** One sweep of long-idle keys every this many increments, on average. */
const SWEEP_EVERY = 1000;

/**
 * Fixed-window counters in PostgreSQL (`rate_limit_hit`), shared by every
 * API instance. Each request is one atomic upsert that starts a new window
 * when the last one has ended, counts the hit, and blocks the key for
 * `blockDuration` once the count passes the limit.
 */
export class PostgresThrottlerStorage implements ThrottlerStorage {
  constructor(
    private readonly dataSource: DataSource,
    private readonly random: () => number = Math.random,
  ) {}

  /** `ttl` and `blockDuration` in milliseconds (throttler v6); the answer in seconds. */
  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
  ): Promise<ThrottlerStorageRecord> {
    // $2: window length, $4: block length (ms). A window has ended when started + ttl <= now().
    const rows: { hits: number; expires_in: number; blocked_for: number | null }[] =
      await this.dataSource.query(RATE_LIMIT_INCREMENT_SQL, [key, ttl, limit, blockDuration]);
    if (this.random() * SWEEP_EVERY < 1) void this.sweep().catch(() => undefined);
    const row = rows[0];
    const blockedFor = row?.blocked_for ?? 0;
    return {
      totalHits: row?.hits ?? 1,
      timeToExpire: row?.expires_in ?? Math.ceil(ttl / 1000),
      isBlocked: blockedFor > 0,
      timeToBlockExpire: blockedFor,
    };
  }

  /** Drops keys idle for a day: their windows and blocks ended long ago. */
  async sweep(): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM rate_limit_hit
        WHERE window_started_at < now() - interval '1 day'
          AND (blocked_until IS NULL OR blocked_until < now())`,
    );
  }
}
