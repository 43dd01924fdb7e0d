/** The SQL that reads cases with their team (shared by the repository and the benchmark baseline). */

function selectCase(sensitive: boolean): string {
  const columns = sensitive
    ? 'c.location_detail AS "locationDetail", c.confidential_notes AS "confidentialNotes"'
    : 'NULL AS "locationDetail", NULL AS "confidentialNotes"';
  return `
  SELECT c.id, c.code_name AS "codeName", c.area_id AS "areaId", c.type, c.status,
         c.status_before_suspension AS "statusBeforeSuspension", c.summary, c.languages,
         ${columns},
         c.association_id AS "associationId", c.created_by AS "createdBy", c.version,
         c.created_at AS "createdAt", c.updated_at AS "updatedAt", c.erased_at AS "erasedAt",
         to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtKey",
         coalesce((SELECT array_agg(m.user_id::text ORDER BY m.added_at, m.user_id)
                     FROM case_team_member m WHERE m.case_id = c.id), '{}') AS "teamUserIds",
         (SELECT m.user_id FROM case_team_member m WHERE m.case_id = c.id AND m.lead) AS "leadUserId"
    FROM dialogue_case c`;
}

/** One case, its encrypted fields included (still encrypted). */
export const SELECT_CASE = selectCase(true);

/** Cases for a list: lists never carry the encrypted fields, so they are not even read. */
export const SELECT_CASE_LIST = selectCase(false);
