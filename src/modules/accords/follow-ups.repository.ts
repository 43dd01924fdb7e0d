import { Injectable } from '@nestjs/common';
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
import { FollowUpAssessment } from './follow-up-assessment.entity';
import { FollowUp } from './follow-up.entity';
import { Incident } from './incident.entity';

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

  /** Inserts a check with its assessments and incidents; returns its created_at. */
  async insertFollowUp(
    tx: Tx,
    row: Omit<FollowUpRow, 'createdAt' | 'checkedAtKey'>,
    assessments: Omit<AssessmentRow, 'followUpId'>[],
    incidents: Omit<IncidentRow, 'followUpId'>[],
  ): Promise<Date> {
    const seal = await this.sealerFor(await this.caseOfAccord(row.accordId, tx), tx);
    const inserted = await tx.insert(FollowUp, {
      ...row,
      note: row.note === null ? null : seal('follow_up', 'note', row.id, row.note),
    });
    if (assessments.length > 0) {
      await tx.insert(
        FollowUpAssessment,
        assessments.map((a) => ({
          ...a,
          followUpId: row.id,
          note: a.note === null ? null : seal('follow_up_assessment', 'note', a.id, a.note),
        })),
      );
    }
    if (incidents.length > 0) {
      await tx.insert(
        Incident,
        incidents.map((i) => ({ ...i, followUpId: row.id })),
      );
    }
    return (inserted.generatedMaps[0] as { createdAt: Date }).createdAt;
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
