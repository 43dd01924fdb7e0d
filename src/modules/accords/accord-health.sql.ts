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
 * implementation_score, level_rank (0 broken … 3 stable) and one boolean per
 * reason (HEALTH_REASONS_SQL turns them into the reasons list).
 * What the last two checks say comes from `accord_check_summary` (kept by
 * `refreshCheckSummarySql` when a check is recorded, incidents included);
 * flags and the time are read here.
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
  open_flags AS (
    SELECT fl.accord_id, bool_or(fl.severity = 'high') AS any_high
      FROM accord_flag fl
      JOIN scoped s ON s.accord_id = fl.accord_id
     WHERE fl.resolved_at IS NULL
     GROUP BY fl.accord_id
  ),
  facts AS (
    SELECT s.*, lc.last_checked_at, lc.overall, lc.implementation_score,
           coalesce(lc.next_check_due,
                    s.concluded_at + make_interval(secs => s.follow_up_interval_days * 86400))
             AS next_check_due,
           coalesce(lc.threats_against_mediators, false) AS threats_against_mediators,
           coalesce(lc.term_violated, false) AS term_violated,
           coalesce(lc.term_score_dropped, false) AS term_score_dropped,
           (ofl.accord_id IS NOT NULL) AS flag_open,
           coalesce(ofl.any_high, false) AS high_flag_open,
           coalesce(lc.last_incident_at >= ${now} - interval '30 days', false) AS incident_30d,
           coalesce(lc.last_fatal_incident_at >= ${now} - interval '30 days', false)
             AS fatal_incident_30d
      FROM scoped s
      -- One primary-key lookup per accord of the scope, not a pass over every summary.
      LEFT JOIN LATERAL (SELECT * FROM accord_check_summary cs WHERE cs.accord_id = s.accord_id LIMIT 1) lc
        ON true
      LEFT JOIN open_flags ofl ON ofl.accord_id = s.accord_id
  ),
  accord_health AS (
    SELECT f.*,
           (f.case_status = 'collapsed') AS case_collapsed,
           (f.overall IS NOT DISTINCT FROM 'breaking_down') AS last_check_breaking_down,
           ((f.next_check_due AT TIME ZONE 'UTC')::date < ${today}) AS follow_up_overdue,
           greatest(0, ${today} - (f.next_check_due AT TIME ZONE 'UTC')::date) AS days_overdue,
           CASE
             WHEN f.case_status = 'collapsed' THEN 0
             WHEN f.high_flag_open OR f.overall IS NOT DISTINCT FROM 'breaking_down'
                  OR f.term_violated OR f.fatal_incident_30d THEN 1
             WHEN (f.next_check_due AT TIME ZONE 'UTC')::date < ${today} OR f.term_score_dropped
                  OR f.incident_30d OR f.flag_open OR f.threats_against_mediators THEN 2
             ELSE 3
           END AS level_rank
      FROM facts f
  )`;
}

/**
 * The reasons of an `accord_health` row (alias `h`), in the order of the
 * rules: computed only for the rows a page returns.
 */
export const HEALTH_REASONS_SQL = `array_remove(ARRAY[
    CASE WHEN h.case_collapsed THEN 'case_collapsed' END,
    CASE WHEN h.high_flag_open THEN 'high_flag_open' END,
    CASE WHEN h.last_check_breaking_down THEN 'last_check_breaking_down' END,
    CASE WHEN h.term_violated THEN 'term_violated' END,
    CASE WHEN h.fatal_incident_30d THEN 'fatal_incident_30d' END,
    CASE WHEN h.follow_up_overdue THEN 'follow_up_overdue' END,
    CASE WHEN h.term_score_dropped THEN 'term_score_dropped' END,
    CASE WHEN h.incident_30d THEN 'incident_30d' END,
    CASE WHEN h.flag_open THEN 'flag_open' END,
    CASE WHEN h.threats_against_mediators THEN 'threats_against_mediators' END
  ]::text[], NULL)`;

/**
 * Recomputes `accord_check_summary` for the accords whose ids `accords` (a
 * SELECT of one uuid column) yields and that have at least one check: the
 * latest check (checked_at, then id, descending), whether a term is violated
 * in it, whether a term scores lower than in the check before it, the latest
 * incident and the latest fatal one reported at any check. Run in the
 * transaction that records a check, after the accord's row is locked (so two
 * checks of one accord cannot each miss the other), and by bulk loaders.
 */
export function refreshCheckSummarySql(accords: string): string {
  return `
  INSERT INTO accord_check_summary AS s
         (accord_id, last_follow_up_id, last_checked_at, overall, next_check_due,
          implementation_score, threats_against_mediators, term_violated, term_score_dropped,
          last_incident_at, last_fatal_incident_at)
  SELECT x.id, lc.id, lc.checked_at, lc.overall, lc.next_check_due, lc.implementation_score,
         coalesce(lc.indicators ->> 'threats_against_mediators' = 'yes', false),
         EXISTS (SELECT 1 FROM follow_up_assessment fa
                  WHERE fa.follow_up_id = lc.id AND fa.status = 'violated'),
         EXISTS (SELECT 1 FROM follow_up_assessment la
                   JOIN follow_up_assessment pa ON pa.term_id = la.term_id
                  WHERE la.follow_up_id = lc.id AND pa.follow_up_id = pc.id
                    AND ${termScore('la.status')} < ${termScore('pa.status')}),
         inc.last_at, inc.last_fatal_at
    FROM (${accords}) AS x(id)
    CROSS JOIN LATERAL (
      SELECT f.id, f.checked_at, f.overall, f.next_check_due, f.implementation_score, f.indicators
        FROM follow_up f WHERE f.accord_id = x.id
       ORDER BY f.checked_at DESC, f.id DESC LIMIT 1) AS lc
    LEFT JOIN LATERAL (
      SELECT f.id FROM follow_up f WHERE f.accord_id = x.id
       ORDER BY f.checked_at DESC, f.id DESC OFFSET 1 LIMIT 1) AS pc ON true
    CROSS JOIN LATERAL (
      SELECT max(i.occurred_at) AS last_at,
             max(i.occurred_at) FILTER (WHERE i.fatalities > 0) AS last_fatal_at
        FROM follow_up f JOIN incident i ON i.follow_up_id = f.id
       WHERE f.accord_id = x.id) AS inc
  ON CONFLICT (accord_id) DO UPDATE SET
    last_follow_up_id = excluded.last_follow_up_id,
    last_checked_at = excluded.last_checked_at,
    overall = excluded.overall,
    next_check_due = excluded.next_check_due,
    implementation_score = excluded.implementation_score,
    threats_against_mediators = excluded.threats_against_mediators,
    term_violated = excluded.term_violated,
    term_score_dropped = excluded.term_score_dropped,
    last_incident_at = excluded.last_incident_at,
    last_fatal_incident_at = excluded.last_fatal_incident_at`;
}

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
  const order = 'ORDER BY h.level_rank, h.next_check_due, h.accord_id';
  return `WITH ${healthCtes(scope, '$1')}
    SELECT h.accord_id AS "accordId", h.case_id AS "caseId", h.code_name AS "caseCodeName",
           h.area_name AS "areaName", h.level_rank AS "levelRank",
           ${HEALTH_REASONS_SQL} AS reasons,
           h.last_checked_at AS "lastCheckedAt", h.next_check_due AS "nextCheckDue",
           to_char(h.next_check_due AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
             AS "nextCheckDueKey",
           h.days_overdue AS "daysOverdue", h.implementation_score AS "implementationScore"
      FROM (SELECT * FROM accord_health h ${keyset} ${order}
             LIMIT $${n + (withKeyset ? 4 : 1)}) AS h
     ${order}`;
}
