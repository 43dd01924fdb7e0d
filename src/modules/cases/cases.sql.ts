/** The SQL that reads a case with its team (shared by the repository and the benchmark baseline). */

export const SELECT_CASE = `
  SELECT c.id, c.code_name AS "codeName", c.area_id AS "areaId", c.type, c.status,
         c.status_before_suspension AS "statusBeforeSuspension", c.summary, c.languages,
         c.location_detail AS "locationDetail", c.confidential_notes AS "confidentialNotes",
         c.association_id AS "associationId", c.created_by AS "createdBy", c.version,
         c.created_at AS "createdAt", c.updated_at AS "updatedAt",
         to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtKey",
         coalesce((SELECT array_agg(m.user_id::text ORDER BY m.added_at, m.user_id)
                     FROM case_team_member m WHERE m.case_id = c.id), '{}') AS "teamUserIds",
         (SELECT m.user_id FROM case_team_member m WHERE m.case_id = c.id AND m.lead) AS "leadUserId"
    FROM dialogue_case c`;
