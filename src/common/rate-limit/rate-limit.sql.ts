/**
 * Counts one hit on key $1 in a window of $2 ms, blocking it for $4 ms once
 * the hits exceed $3; returns the hits, the seconds left in the window and
 * the seconds left blocked (null when not blocked).
 */
export const RATE_LIMIT_INCREMENT_SQL = `INSERT INTO rate_limit_hit AS r (key, window_started_at, hits, blocked_until)
         VALUES ($1, now(), 1,
                 CASE WHEN 1 > $3::int THEN now() + $4::float8 * interval '1 millisecond' END)
         ON CONFLICT (key) DO UPDATE SET
           window_started_at =
             CASE WHEN r.window_started_at + $2::float8 * interval '1 millisecond' <= now()
                  THEN now() ELSE r.window_started_at END,
           hits =
             CASE WHEN r.window_started_at + $2::float8 * interval '1 millisecond' <= now()
                  THEN 1 ELSE r.hits + 1 END,
           blocked_until = CASE
             WHEN r.blocked_until > now() THEN r.blocked_until
             WHEN (CASE WHEN r.window_started_at + $2::float8 * interval '1 millisecond' <= now()
                        THEN 1 ELSE r.hits + 1 END) > $3::int
               THEN now() + $4::float8 * interval '1 millisecond'
           END
         RETURNING r.hits,
           ceil(extract(epoch FROM r.window_started_at
                               + $2::float8 * interval '1 millisecond' - now()))::int AS expires_in,
           CASE WHEN r.blocked_until > now()
                THEN ceil(extract(epoch FROM r.blocked_until - now()))::int END AS blocked_for`;
