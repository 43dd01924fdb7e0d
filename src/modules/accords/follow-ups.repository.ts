import { Injectable } from '@nestjs/common';
import type { CaseAccessRow } from '../../common/access/access.service';
import { Tx } from '../../database/transactions';
import { refreshCheckSummarySql } from './accord-health.sql';
import {
  AssessmentStatus,
  FollowUpMethod,
  IncidentType,
  Indicators,
  OverallJudgement,
  Verification,
} from './accord-vocabulary';
import { AccordsTables } from './accords-tables';
import { SELECT_FOLLOW_UP } from './accords.sql';

export interface AssessmentRow {
  id: string;
  followUpId: string;
  termId: string;
  status: AssessmentStatus;
  note: string | null;
}

/** The latest assessment of a term, with the date of its check. */
export interface LatestAssessmentRow extends AssessmentRow {
  checkedAt: Date;
}

export interface IncidentRow {
  id: string;
  followUpId: string;
  type: IncidentType;
  occurredAt: Date;
  fatalities: number;
  perpetratorKind: string | null;
  verification: Verification;
}

export interface FollowUpRow {
  id: string;
  accordId: string;
  checkedAt: Date;
  method: FollowUpMethod;
  indicators: Indicators;
  overall: OverallJudgement;
  nextCheckDue: Date;
  /** numeric, as pg returns it. */
  implementationScore: string | null;
  /** Encrypted as stored. */
  note: string | null;
  createdBy: string;
  createdAt: Date;
  checkedAtKey: string;
}

/** What a new check is decided from (`lockForCheck`), with CASE_ACCESS_SQL's columns. */
export interface CheckBasis extends CaseAccessRow {
  caseId: string;
  followUpIntervalDays: number;
  foreignTermIds: string[];
  idTaken: boolean;
}

const REFRESH_ONE_CHECK_SUMMARY_SQL = refreshCheckSummarySql('SELECT $1::uuid');

/** Follow-up checks with their assessments (notes encrypted) and incidents. */
@Injectable()
export class FollowUpsRepository extends AccordsTables {
  /** For each term of the accord, its assessment at the latest check that assessed it. */
  async latestAssessments(accordId: string): Promise<LatestAssessmentRow[]> {
    return this.ready(
      await this.dataSource.query<LatestAssessmentRow[]>(
        `SELECT DISTINCT ON (s.term_id) s.id, s.follow_up_id AS "followUpId", s.term_id AS "termId",
              s.status, s.note, f.checked_at AS "checkedAt"
         FROM follow_up_assessment s JOIN follow_up f ON f.id = s.follow_up_id
        WHERE f.accord_id = $1
        ORDER BY s.term_id, f.checked_at DESC, f.created_at DESC`,
        [accordId],
      ),
    );
  }

  /** Recomputes the accord's check summary (after `lockAccord`, in the same transaction). */
  async refreshCheckSummary(tx: Tx, accordId: string): Promise<void> {
    await tx.query(REFRESH_ONE_CHECK_SUMMARY_SQL, [accordId]);
  }

  /**
   * Everything a new check of the accord is decided from, in one statement
   * that also takes the accord's row lock in `tx` (one check of an accord at
   * a time: each sees the others when it sums them up): the accord's case
   * and interval, the caller's access row, which of `termIds` are not the
   * accord's terms, whether a check `followUpId` exists. Null: no accord.
   */
  async lockForCheck(
    tx: Tx,
    accordId: string,
    userId: string,
    termIds: string[],
    followUpId: string | null,
  ): Promise<CheckBasis | null> {
    const rows: CheckBasis[] = await tx.query(
      `SELECT a.case_id AS "caseId", a.follow_up_interval_days AS "followUpIntervalDays",
              c.association_id, (m.user_id IS NOT NULL) AS on_team, coalesce(m.lead, false) AS is_lead,
              ARRAY(SELECT x.id::text FROM unnest($3::uuid[]) AS x(id)
                     WHERE NOT EXISTS (SELECT 1 FROM accord_term t WHERE t.accord_id = a.id AND t.id = x.id)
                     ORDER BY 1) AS "foreignTermIds",
              ($4::uuid IS NOT NULL AND EXISTS (SELECT 1 FROM follow_up f WHERE f.id = $4::uuid))
                AS "idTaken"
         FROM accord a
         JOIN dialogue_case c ON c.id = a.case_id
         LEFT JOIN case_team_member m ON m.case_id = c.id AND m.user_id = $2
        WHERE a.id = $1
          FOR NO KEY UPDATE OF a`,
      [accordId, userId, termIds, followUpId],
    );
    return rows[0] ?? null;
  }

  /**
   * Inserts a check of `caseId` with its assessments and incidents, and
   * `withItem` (a further `WITH` item of the same transaction, given the
   * number of its first parameter: the audit event), in one statement;
   * returns its created_at.
   */
  async insertFollowUp(
    tx: Tx,
    caseId: string,
    row: Omit<FollowUpRow, 'createdAt' | 'checkedAtKey'>,
    assessments: Omit<AssessmentRow, 'followUpId'>[],
    incidents: Omit<IncidentRow, 'followUpId'>[],
    withItem: (firstParam: number) => { sql: string; params: unknown[] },
  ): Promise<Date> {
    const seal = await this.sealerFor(caseId, tx);
    const item = withItem(13);
    const rows: { createdAt: Date }[] = await tx.query(
      `WITH f AS (
         INSERT INTO follow_up (id, accord_id, checked_at, method, indicators, overall,
                                next_check_due, implementation_score, note, created_by)
         VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10) RETURNING created_at
       ), s AS (
         INSERT INTO follow_up_assessment (id, follow_up_id, term_id, status, note)
         SELECT x.id, $1, x.term_id, x.status, x.note
           FROM jsonb_to_recordset($11::jsonb) AS x(id uuid, term_id uuid, status text, note text)
       ), i AS (
         INSERT INTO incident (id, follow_up_id, type, occurred_at, fatalities, perpetrator_kind,
                               verification)
         SELECT x.id, $1, x.type, x.occurred_at, x.fatalities, x.perpetrator_kind, x.verification
           FROM jsonb_to_recordset($12::jsonb) AS x(id uuid, type text, occurred_at timestamptz,
                fatalities integer, perpetrator_kind text, verification text)
       ), ${item.sql}
       SELECT created_at AS "createdAt" FROM f`,
      [
        row.id,
        row.accordId,
        row.checkedAt,
        row.method,
        JSON.stringify(row.indicators),
        row.overall,
        row.nextCheckDue,
        row.implementationScore,
        row.note === null ? null : seal('follow_up', 'note', row.id, row.note),
        row.createdBy,
        JSON.stringify(
          assessments.map((a) => ({
            id: a.id,
            term_id: a.termId,
            status: a.status,
            note: a.note === null ? null : seal('follow_up_assessment', 'note', a.id, a.note),
          })),
        ),
        JSON.stringify(
          incidents.map((i) => ({
            id: i.id,
            type: i.type,
            occurred_at: i.occurredAt.toISOString(),
            fatalities: i.fatalities,
            perpetrator_kind: i.perpetratorKind,
            verification: i.verification,
          })),
        ),
        ...item.params,
      ],
    );
    return rows[0].createdAt;
  }

  async findFollowUp(id: string): Promise<FollowUpRow | null> {
    const rows = await this.ready(
      await this.dataSource.query<FollowUpRow[]>(`${SELECT_FOLLOW_UP} WHERE f.id = $1`, [id]),
    );
    return rows[0] ?? null;
  }

  /** Latest first, keyset by (checked_at, id) descending. */
  async listFollowUps(
    accordId: string,
    after: [string, string] | null,
    limit: number,
  ): Promise<FollowUpRow[]> {
    const params: unknown[] = [accordId];
    let where = 'f.accord_id = $1';
    if (after) {
      params.push(after[0], after[1]);
      where += ' AND (f.checked_at, f.id) < ($2::timestamptz, $3::uuid)';
    }
    params.push(limit);
    return this.ready(
      await this.dataSource.query<FollowUpRow[]>(
        `${SELECT_FOLLOW_UP} WHERE ${where} ORDER BY f.checked_at DESC, f.id DESC LIMIT $${params.length}`,
        params,
      ),
    );
  }

  async assessmentsOf(followUpIds: string[]): Promise<AssessmentRow[]> {
    if (followUpIds.length === 0) return [];
    return this.ready(
      await this.dataSource.query<AssessmentRow[]>(
        `SELECT s.id, s.follow_up_id AS "followUpId", s.term_id AS "termId", s.status, s.note
         FROM follow_up_assessment s WHERE s.follow_up_id = ANY($1::uuid[])
        ORDER BY s.follow_up_id, s.term_id`,
        [followUpIds],
      ),
    );
  }

  async incidentsOf(followUpIds: string[]): Promise<IncidentRow[]> {
    if (followUpIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT i.id, i.follow_up_id AS "followUpId", i.type, i.occurred_at AS "occurredAt",
              i.fatalities, i.perpetrator_kind AS "perpetratorKind", i.verification
         FROM incident i WHERE i.follow_up_id = ANY($1::uuid[])
        ORDER BY i.occurred_at, i.id`,
      [followUpIds],
    );
  }

  /** The last two checks of each accord (latest first), in one query. */
  async lastTwoFollowUps(accordIds: string[]): Promise<FollowUpRow[]> {
    if (accordIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT x.* FROM unnest($1::uuid[]) AS a(id)
         CROSS JOIN LATERAL (${SELECT_FOLLOW_UP} WHERE f.accord_id = a.id
                              ORDER BY f.checked_at DESC, f.id DESC LIMIT 2) AS x`,
      [accordIds],
    );
  }

  /** Incidents of any check of these accords that occurred at or after `since`. */
  async incidentsSince(
    accordIds: string[],
    since: Date,
  ): Promise<(IncidentRow & { accordId: string })[]> {
    if (accordIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT i.id, i.follow_up_id AS "followUpId", i.type, i.occurred_at AS "occurredAt",
              i.fatalities, i.perpetrator_kind AS "perpetratorKind", i.verification,
              f.accord_id AS "accordId"
         FROM incident i JOIN follow_up f ON f.id = i.follow_up_id
        WHERE f.accord_id = ANY($1::uuid[]) AND i.occurred_at >= $2`,
      [accordIds, since],
    );
  }
}
