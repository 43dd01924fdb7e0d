/**
 * Accord health in SQL: the rules of src/modules/accords/accord-health.ts
 * (`accordHealth`), computed for many accords in one statement so the
 * dashboard and the statistics stay fast with tens of thousands of accords.
 * The same reason codes, in the same order; test/e2e/dashboard.e2e-spec.ts
 * compares both on varied data. Keep them in step.
 *
 * `healthCtes(scope, nowParam)` returns CTEs ending in `accord_health`, one
 * row per accord of `scope` (a SQL condition on `c`, the accord's
 * `dialogue_case`; `a` is the accord), with: accord_id, case_id, code_name,
 * area_id, area_name, last_checked_at, next_check_due, days_overdue,
 * implementation_score, level, level_rank (0 broken … 3 stable), reasons.
 */
export function healthCtes(scope: string, nowParam: string): string {
  const now = `${nowParam}::timestamptz`;
  const today = `(${now} AT TIME ZONE 'UTC')::date`;
  return `
  scoped AS (
    SELECT a.id AS accord_id, a.case_id, a.concluded_at, a.follow_up_interval_days,
           c.code_name, c.status AS case_status, c.area_id, ar.name AS area_name
      FROM accord a
      JOIN dialogue_case c ON c.id = a.case_id
      JOIN area ar ON ar.id = c.area_id
     WHERE ${scope}
  ),
  last_two AS (
    SELECT s.accord_id, f.id AS follow_up_id, f.checked_at, f.overall, f.next_check_due,
           f.indicators, f.implementation_score, f.rn
      FROM scoped s
      CROSS JOIN LATERAL (
        SELECT f.*, row_number() OVER (ORDER BY f.checked_at DESC, f.id DESC) AS rn
          FROM follow_up f
         WHERE f.accord_id = s.accord_id
         ORDER BY f.checked_at DESC, f.id DESC
         LIMIT 2) f
  ),
  last_check AS (SELECT * FROM last_two WHERE rn = 1),
  previous_check AS (SELECT * FROM last_two WHERE rn = 2),
  violated AS (
    SELECT DISTINCT lc.accord_id
      FROM last_check lc
      JOIN follow_up_assessment fa ON fa.follow_up_id = lc.follow_up_id
     WHERE fa.status = 'violated'
  ),
  dropped AS (
    SELECT DISTINCT lc.accord_id
      FROM last_check lc
      JOIN previous_check pc ON pc.accord_id = lc.accord_id
      JOIN follow_up_assessment la ON la.follow_up_id = lc.follow_up_id
      JOIN follow_up_assessment pa ON pa.follow_up_id = pc.follow_up_id AND pa.term_id = la.term_id
     WHERE ${termScore('la.status')} < ${termScore('pa.status')}
  ),
  open_flags AS (
    SELECT fl.accord_id, bool_or(fl.severity = 'high') AS any_high
      FROM accord_flag fl
      JOIN scoped s ON s.accord_id = fl.accord_id
     WHERE fl.resolved_at IS NULL
     GROUP BY fl.accord_id
  ),
  recent_incidents AS (
    SELECT f.accord_id, bool_or(i.fatalities > 0) AS any_fatal
      FROM incident i
      JOIN follow_up f ON f.id = i.follow_up_id
      JOIN scoped s ON s.accord_id = f.accord_id
     WHERE i.occurred_at >= ${now} - interval '30 days'
     GROUP BY f.accord_id
  ),
  facts AS (
    SELECT s.*, lc.checked_at AS last_checked_at, lc.overall, lc.indicators,
           lc.implementation_score,
           coalesce(lc.next_check_due,
                    s.concluded_at + make_interval(secs => s.follow_up_interval_days * 86400))
             AS next_check_due,
           (lc.accord_id IS NOT NULL) AS checked,
           (v.accord_id IS NOT NULL) AS term_violated,
           (d.accord_id IS NOT NULL) AS term_score_dropped,
           (ofl.accord_id IS NOT NULL) AS flag_open,
           coalesce(ofl.any_high, false) AS high_flag_open,
           (ri.accord_id IS NOT NULL) AS incident_30d,
           coalesce(ri.any_fatal, false) AS fatal_incident_30d
      FROM scoped s
      LEFT JOIN last_check lc ON lc.accord_id = s.accord_id
      LEFT JOIN violated v ON v.accord_id = s.accord_id
      LEFT JOIN dropped d ON d.accord_id = s.accord_id
      LEFT JOIN open_flags ofl ON ofl.accord_id = s.accord_id
      LEFT JOIN recent_incidents ri ON ri.accord_id = s.accord_id
  ),
  reasoned AS (
    SELECT f.*,
           greatest(0, ${today} - (f.next_check_due AT TIME ZONE 'UTC')::date) AS days_overdue,
           array_remove(ARRAY[
             CASE WHEN f.case_status = 'collapsed' THEN 'case_collapsed' END,
             CASE WHEN f.high_flag_open THEN 'high_flag_open' END,
             CASE WHEN f.overall = 'breaking_down' THEN 'last_check_breaking_down' END,
             CASE WHEN f.term_violated THEN 'term_violated' END,
             CASE WHEN f.fatal_incident_30d THEN 'fatal_incident_30d' END,
             CASE WHEN (f.next_check_due AT TIME ZONE 'UTC')::date < ${today}
                  THEN 'follow_up_overdue' END,
             CASE WHEN f.term_score_dropped THEN 'term_score_dropped' END,
             CASE WHEN f.incident_30d THEN 'incident_30d' END,
             CASE WHEN f.flag_open THEN 'flag_open' END,
             CASE WHEN f.indicators ->> 'threats_against_mediators' = 'yes'
                  THEN 'threats_against_mediators' END
           ]::text[], NULL) AS reasons
      FROM facts f
  ),
  accord_health AS (
    SELECT r.accord_id, r.case_id, r.code_name, r.area_id, r.area_name, r.last_checked_at,
           r.next_check_due, r.days_overdue, r.implementation_score, r.reasons,
           CASE
             WHEN 'case_collapsed' = ANY (r.reasons) THEN 0
             WHEN r.reasons && ARRAY['high_flag_open', 'last_check_breaking_down',
                                     'term_violated', 'fatal_incident_30d']::text[] THEN 1
             WHEN cardinality(r.reasons) > 0 THEN 2
             ELSE 3
           END AS level_rank
      FROM reasoned r
  )`;
}

/** `termScore` of accord-health.ts: PAM 0–3, violated 0, unknown null. */
function termScore(column: string): string {
  return `(CASE ${column} WHEN 'not_initiated' THEN 0 WHEN 'violated' THEN 0 WHEN 'minimal' THEN 1
                WHEN 'intermediate' THEN 2 WHEN 'full' THEN 3 END)`;
}

/** level_rank → level, as in HEALTH_LEVELS. */
export const LEVEL_BY_RANK = ['broken', 'at_risk', 'watch', 'stable'] as const;

/**
 * One dashboard page: the scoped accords worst first (level, then most
 * overdue: earliest due), after the keyset (level_rank, next_check_due,
 * accord_id) when `withKeyset`. Parameters: $1 now, then the scope's
 * `scopeParamCount` parameters, then the three keyset values when
 * `withKeyset`, then the row limit.
 */
export function healthPageSql(scope: string, scopeParamCount: number, withKeyset: boolean): string {
  const n = 1 + scopeParamCount;
  const keyset = withKeyset
    ? `WHERE (h.level_rank, h.next_check_due, h.accord_id) >
             ($${n + 1}::int, $${n + 2}::timestamptz, $${n + 3}::uuid)`
    : '';
  return `WITH ${healthCtes(scope, '$1')}
    SELECT h.accord_id AS "accordId", h.case_id AS "caseId", h.code_name AS "caseCodeName",
           h.area_name AS "areaName", h.level_rank AS "levelRank", h.reasons,
           h.last_checked_at AS "lastCheckedAt", h.next_check_due AS "nextCheckDue",
           to_char(h.next_check_due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
             AS "nextCheckDueKey",
           h.days_overdue AS "daysOverdue", h.implementation_score AS "implementationScore"
      FROM accord_health h
      ${keyset}
     ORDER BY h.level_rank, h.next_check_due, h.accord_id
     LIMIT $${n + (withKeyset ? 4 : 1)}`;
}
