/** The SQL that reads accords, terms, follow-ups and flags (shared by the repository and the benchmark baseline). */

export const SELECT_ACCORD = `
  SELECT a.id, a.case_id AS "caseId", a.concluded_at AS "concludedAt", a.meeting_id AS "meetingId",
         a.sms_code AS "smsCode", a.form, a.kind, a.monitoring_mechanism AS "monitoringMechanism",
         a.follow_up_interval_days AS "followUpIntervalDays", a.summary,
         a.created_by AS "createdBy", a.version, a.created_at AS "createdAt",
         a.updated_at AS "updatedAt", c.association_id AS "associationId", c.status AS "caseStatus",
         to_char(a.concluded_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "concludedAtKey"
    FROM accord a
    JOIN dialogue_case c ON c.id = a.case_id`;

export const SELECT_TERM = `
  SELECT t.id, t.accord_id AS "accordId", t.number, t.text, t.category,
         t.obligor_party_id AS "obligorPartyId", t.beneficiary_party_id AS "beneficiaryPartyId",
         t.is_concession AS "isConcession", to_char(t.deadline, 'YYYY-MM-DD') AS deadline,
         t.version, t.created_at AS "createdAt", t.updated_at AS "updatedAt"
    FROM accord_term t`;

export const SELECT_FOLLOW_UP = `
  SELECT f.id, f.accord_id AS "accordId", f.checked_at AS "checkedAt", f.method, f.indicators,
         f.overall, f.next_check_due AS "nextCheckDue",
         f.implementation_score::text AS "implementationScore", f.note,
         f.created_by AS "createdBy", f.created_at AS "createdAt",
         to_char(f.checked_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "checkedAtKey"
    FROM follow_up f`;

export const SELECT_FLAG = `
  SELECT g.id, g.accord_id AS "accordId", g.severity, g.reason, g.raised_by AS "raisedBy",
         g.raised_at AS "raisedAt", g.resolved_by AS "resolvedBy", g.resolved_at AS "resolvedAt",
         g.resolution_note AS "resolutionNote"
    FROM accord_flag g`;
