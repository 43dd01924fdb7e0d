/**
 * A case's association and whether user $2 is on its team (and leads it):
 * what AccessService.caseFor decides from. $1 is the case id.
 */
export const CASE_ACCESS_SQL = `SELECT c.association_id,
              (m.user_id IS NOT NULL) AS on_team,
              coalesce(m.lead, false) AS is_lead
         FROM dialogue_case c
         LEFT JOIN case_team_member m ON m.case_id = c.id AND m.user_id = $2
        WHERE c.id = $1`;
