/** The attempt counters' statements (LoginThrottleRepository; the benchmark baseline runs them too). */

/** Upserts key $1's row and returns it, locked: failures, last failure, blocked and seconds left. */
export const TAKE_ATTEMPT_ROW_SQL = `INSERT INTO login_throttle AS t (key, failures, last_failure_at) VALUES ($1, 0, now())
           ON CONFLICT (key) DO UPDATE SET key = t.key
           RETURNING failures, last_failure_at, coalesce(blocked_until > now(), false) AS blocked,
                     coalesce(ceil(extract(epoch FROM blocked_until - now())), 0)::int AS seconds_left`;

/** Key $1 now has $2 failures, blocked for $3 seconds (null: not blocked). */
export const COUNT_FAILURE_SQL = `UPDATE login_throttle SET failures = $2, last_failure_at = now(),
                  blocked_until = CASE WHEN $3::int IS NULL THEN NULL ELSE now() + make_interval(secs => $3::int) END
            WHERE key = $1`;

/** One attempt of key $1 given back; unblocked below the threshold $2. */
export const GIVE_BACK_SQL = `UPDATE login_throttle SET failures = greatest(failures - 1, 0),
              blocked_until = CASE WHEN failures - 1 < $2 THEN NULL ELSE blocked_until END
        WHERE key = $1`;

/** The secret was right: key $1's counter starts again. */
export const CLEAR_SQL = 'DELETE FROM login_throttle WHERE key = $1';

/** Counters idle for a day whose block, if any, has ended. */
export const SWEEP_SQL = `DELETE FROM login_throttle
  WHERE last_failure_at < now() - interval '1 day' AND (blocked_until IS NULL OR blocked_until < now())`;
