import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface BackoffPolicy {
  /** Failures allowed before the key is blocked. */
  threshold: number;
  /** First block, doubled at each further failure. */
  baseSeconds: number;
  maxSeconds: number;
  /** Failures older than this are forgotten. */
  windowSeconds: number;
}

@Injectable()
export class LoginThrottleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Seconds until the longest block among these keys ends; 0 when none is blocked. */
  async secondsBlocked(keys: string[]): Promise<number> {
    const rows: { seconds: number | null }[] = await this.dataSource.query(
      `SELECT ceil(extract(epoch FROM max(blocked_until) - now()))::int AS seconds
         FROM login_throttle WHERE key = ANY($1) AND blocked_until > now()`,
      [keys],
    );
    return rows[0]?.seconds ?? 0;
  }

  /** Counts a failure atomically (safe across instances) and blocks the key past the threshold. */
  async recordFailure(key: string, policy: BackoffPolicy): Promise<void> {
    const rows: { failures: number }[] = await this.dataSource.query(
      `INSERT INTO login_throttle AS t (key, failures, last_failure_at) VALUES ($1, 1, now())
       ON CONFLICT (key) DO UPDATE SET
         failures = CASE WHEN t.last_failure_at < now() - make_interval(secs => $2) THEN 1
                         ELSE t.failures + 1 END,
         last_failure_at = now()
       RETURNING failures`,
      [key, policy.windowSeconds],
    );
    const failures = rows[0]?.failures ?? 1;
    if (failures < policy.threshold) return;
    const exponent = Math.min(20, failures - policy.threshold);
    const seconds = Math.min(policy.maxSeconds, policy.baseSeconds * 2 ** exponent);
    await this.dataSource.query(
      `UPDATE login_throttle SET blocked_until = now() + make_interval(secs => $2) WHERE key = $1`,
      [key, seconds],
    );
  }

  async clear(key: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_throttle WHERE key = $1', [key]);
  }
}
