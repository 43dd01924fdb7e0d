import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { Tx } from '../../database/transactions';
import type { CaseStatus } from '../cases/vocabulary';
import { AccordFlag } from './accord-flag.entity';
import { AccordTermRevision } from './accord-term-revision.entity';
import { AccordTerm } from './accord-term.entity';
import {
  AccordForm,
  AccordKind,
  AssessmentStatus,
  FlagSeverity,
  FollowUpMethod,
  IncidentType,
  Indicators,
  OverallJudgement,
  TermCategory,
  Verification,
} from './accord-vocabulary';
import { Accord } from './accord.entity';
import { FollowUpAssessment } from './follow-up-assessment.entity';
import { FollowUp } from './follow-up.entity';
import { Incident } from './incident.entity';
import { refreshCheckSummarySql } from './accord-health.sql';
import { SELECT_ACCORD, SELECT_TERM, SELECT_FOLLOW_UP, SELECT_FLAG } from './accords.sql';

/** An accord as read (summary still encrypted), with its case's association and status. */
export interface AccordRow {
  id: string;
  caseId: string;
  concludedAt: Date;
  meetingId: string | null;
  form: AccordForm;
  kind: AccordKind;
  monitoringMechanism: string | null;
  followUpIntervalDays: number;
  summary: string | null;
  createdBy: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
  associationId: string;
  caseStatus: CaseStatus;
  /** concluded_at with microseconds, for keyset cursors. */
  concludedAtKey: string;
}

/** A term as read (text still encrypted). */
export interface TermRow {
  id: string;
  accordId: string;
  text: string;
  category: TermCategory;
  obligorPartyId: string;
  beneficiaryPartyId: string | null;
  isConcession: boolean;
  deadline: string | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export interface RevisionRow {
  id: string;
  termId: string;
  previousText: string;
  previousCategory: TermCategory;
  meetingId: string | null;
  changedBy: string;
  changedAt: Date;
}

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
  createdBy: string;
  createdAt: Date;
  checkedAtKey: string;
}

export interface FlagRow {
  id: string;
  accordId: string;
  severity: FlagSeverity;
  reason: string;
  raisedBy: string;
  raisedAt: Date;
  resolvedBy: string | null;
  resolvedAt: Date | null;
  resolutionNote: string | null;
}

export type NewAccord = Omit<
  AccordRow,
  'version' | 'createdAt' | 'updatedAt' | 'associationId' | 'caseStatus' | 'concludedAtKey'
>;
export type NewTerm = Omit<TermRow, 'version' | 'createdAt' | 'updatedAt'>;
export type TermChanges = Partial<
  Pick<
    TermRow,
    'text' | 'category' | 'obligorPartyId' | 'beneficiaryPartyId' | 'isConcession' | 'deadline'
  >
>;

const REFRESH_ONE_CHECK_SUMMARY_SQL = refreshCheckSummarySql('SELECT $1::uuid');

/**
 * Accords, terms, follow-up checks and flags. Encrypted columns are written
 * encrypted here and decrypted only through `open` (the service decides who
 * may read them and audits the read).
 */
@Injectable()
export class AccordsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  private manager(tx?: Tx): EntityManager {
    return tx ?? this.dataSource.manager;
  }

  encrypt(table: string, column: string, rowId: string, value: string): string {
    return this.cipher.encrypt(value, { table, column, rowId });
  }

  open(table: string, column: string, rowId: string, stored: string | null): string | null {
    return this.cipher.decryptNullable(stored, { table, column, rowId });
  }

  // ---- ownership: the first step of every access check ----

  async caseIdOfAccord(id: string): Promise<string | null> {
    const rows: { caseId: string }[] = await this.dataSource.query(
      'SELECT case_id AS "caseId" FROM accord WHERE id = $1',
      [id],
    );
    return rows[0]?.caseId ?? null;
  }

  async caseIdOfTerm(id: string): Promise<{ caseId: string; accordId: string } | null> {
    const rows: { caseId: string; accordId: string }[] = await this.dataSource.query(
      `SELECT a.case_id AS "caseId", a.id AS "accordId"
         FROM accord_term t JOIN accord a ON a.id = t.accord_id WHERE t.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async caseIdOfFlag(id: string): Promise<{ caseId: string; accordId: string } | null> {
    const rows: { caseId: string; accordId: string }[] = await this.dataSource.query(
      `SELECT a.case_id AS "caseId", a.id AS "accordId"
         FROM accord_flag g JOIN accord a ON a.id = g.accord_id WHERE g.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Those of `partyIds` that are not parties of the case. */
  async notParties(caseId: string, partyIds: string[]): Promise<string[]> {
    if (partyIds.length === 0) return [];
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT p.id::text AS id FROM unnest($2::uuid[]) AS p(id)
        WHERE NOT EXISTS (SELECT 1 FROM case_party cp WHERE cp.case_id = $1 AND cp.id = p.id)
        ORDER BY 1`,
      [caseId, partyIds],
    );
    return rows.map((r) => r.id);
  }

  async meetingOfCase(caseId: string, meetingId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM meeting WHERE id = $1 AND case_id = $2',
      [meetingId, caseId],
    );
    return rows.length > 0;
  }

  /** Those of `termIds` that are not terms of the accord. */
  async notTermsOf(accordId: string, termIds: string[]): Promise<string[]> {
    if (termIds.length === 0) return [];
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT x.id::text AS id FROM unnest($2::uuid[]) AS x(id)
        WHERE NOT EXISTS (SELECT 1 FROM accord_term t WHERE t.accord_id = $1 AND t.id = x.id)
        ORDER BY 1`,
      [accordId, termIds],
    );
    return rows.map((r) => r.id);
  }

  // ---- accords ----

  async findAccord(id: string, tx?: Tx): Promise<AccordRow | null> {
    const rows: AccordRow[] = await this.manager(tx).query(`${SELECT_ACCORD} WHERE a.id = $1`, [
      id,
    ]);
    return rows[0] ?? null;
  }

  async countAccords(tx: Tx, caseId: string): Promise<number> {
    const rows: { n: number }[] = await tx.query(
      'SELECT count(*)::int AS n FROM accord WHERE case_id = $1',
      [caseId],
    );
    return rows[0].n;
  }

  /** Newest concluded first, keyset by (concluded_at, id) descending. */
  async listAccords(caseId: string, after: [string, string] | null, limit: number) {
    const params: unknown[] = [caseId];
    let where = 'a.case_id = $1';
    if (after) {
      params.push(after[0], after[1]);
      where += ' AND (a.concluded_at, a.id) < ($2::timestamptz, $3::uuid)';
    }
    params.push(limit + 1);
    const rows: AccordRow[] = await this.dataSource.query(
      `${SELECT_ACCORD} WHERE ${where} ORDER BY a.concluded_at DESC, a.id DESC LIMIT $${params.length}`,
      params,
    );
    return rows;
  }

  /** Inserts the accord (summary encrypted); false if the id exists. */
  async insertAccordIfAbsent(tx: Tx, row: NewAccord): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(Accord)
      .values({
        ...row,
        version: 1,
        summary:
          row.summary === null ? null : this.encrypt('accord', 'summary', row.id, row.summary),
      })
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  // ---- terms ----

  async findTerm(id: string, tx?: Tx, lock = false): Promise<TermRow | null> {
    const rows: TermRow[] = await this.manager(tx).query(
      `${SELECT_TERM} WHERE t.id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async termsOf(accordId: string): Promise<TermRow[]> {
    return this.dataSource.query(
      `${SELECT_TERM} WHERE t.accord_id = $1 ORDER BY t.created_at, t.id`,
      [accordId],
    );
  }

  async insertTermIfAbsent(tx: Tx, row: NewTerm): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(AccordTerm)
      .values({
        ...row,
        version: 1,
        text: this.encrypt('accord_term', 'text', row.id, row.text),
      })
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** Conditional UPDATE on the version the client read; the text is encrypted on the way in. */
  async updateTermIfVersion(
    tx: Tx,
    id: string,
    version: number,
    changes: TermChanges,
  ): Promise<boolean> {
    const set: Record<string, unknown> = { ...changes };
    if (changes.text !== undefined)
      set.text = this.encrypt('accord_term', 'text', id, changes.text);
    const result = await tx
      .createQueryBuilder()
      .update(AccordTerm)
      .set({ ...set, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async insertRevision(tx: Tx, row: Omit<RevisionRow, 'changedAt'>): Promise<void> {
    await tx.insert(AccordTermRevision, {
      ...row,
      previousText: this.encrypt('accord_term_revision', 'previous_text', row.id, row.previousText),
    });
  }

  /** Revisions of a term, newest first (previous text still encrypted). */
  async revisionsOf(termId: string): Promise<RevisionRow[]> {
    return this.dataSource.query(
      `SELECT r.id, r.term_id AS "termId", r.previous_text AS "previousText",
              r.previous_category AS "previousCategory", r.meeting_id AS "meetingId",
              r.changed_by AS "changedBy", r.changed_at AS "changedAt"
         FROM accord_term_revision r WHERE r.term_id = $1
        ORDER BY r.changed_at DESC, r.id DESC LIMIT 500`,
      [termId],
    );
  }

  /** For each term of the accord, its assessment at the latest check that assessed it. */
  async latestAssessments(accordId: string): Promise<LatestAssessmentRow[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (s.term_id) s.id, s.follow_up_id AS "followUpId", s.term_id AS "termId",
              s.status, s.note, f.checked_at AS "checkedAt"
         FROM follow_up_assessment s JOIN follow_up f ON f.id = s.follow_up_id
        WHERE f.accord_id = $1
        ORDER BY s.term_id, f.checked_at DESC, f.created_at DESC`,
      [accordId],
    );
  }

  // ---- follow-ups ----

  /** Locks the accord's row until `tx` ends: its checks are recorded one at a time. */
  async lockAccord(tx: Tx, id: string): Promise<void> {
    await tx.query('SELECT 1 FROM accord WHERE id = $1 FOR NO KEY UPDATE', [id]);
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
    const inserted = await tx.insert(FollowUp, row);
    if (assessments.length > 0) {
      await tx.insert(
        FollowUpAssessment,
        assessments.map((a) => ({
          ...a,
          followUpId: row.id,
          note: a.note === null ? null : this.encrypt('follow_up_assessment', 'note', a.id, a.note),
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
    const rows: FollowUpRow[] = await this.dataSource.query(`${SELECT_FOLLOW_UP} WHERE f.id = $1`, [
      id,
    ]);
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
    return this.dataSource.query(
      `${SELECT_FOLLOW_UP} WHERE ${where} ORDER BY f.checked_at DESC, f.id DESC LIMIT $${params.length}`,
      params,
    );
  }

  async assessmentsOf(followUpIds: string[]): Promise<AssessmentRow[]> {
    if (followUpIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT s.id, s.follow_up_id AS "followUpId", s.term_id AS "termId", s.status, s.note
         FROM follow_up_assessment s WHERE s.follow_up_id = ANY($1::uuid[])
        ORDER BY s.follow_up_id, s.term_id`,
      [followUpIds],
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

  // ---- flags ----

  async findFlag(id: string, tx?: Tx): Promise<FlagRow | null> {
    const rows: FlagRow[] = await this.manager(tx).query(`${SELECT_FLAG} WHERE g.id = $1`, [id]);
    return rows[0] ?? null;
  }

  async flagsOf(accordId: string): Promise<FlagRow[]> {
    return this.dataSource.query(
      `${SELECT_FLAG} WHERE g.accord_id = $1 ORDER BY g.raised_at DESC, g.id DESC LIMIT 200`,
      [accordId],
    );
  }

  /** The severity of every open flag of these accords. */
  async openFlagSeverities(
    accordIds: string[],
  ): Promise<{ accordId: string; severity: FlagSeverity }[]> {
    if (accordIds.length === 0) return [];
    return this.dataSource.query(
      `SELECT accord_id AS "accordId", severity FROM accord_flag
        WHERE accord_id = ANY($1::uuid[]) AND resolved_at IS NULL`,
      [accordIds],
    );
  }

  async insertFlag(
    tx: Tx,
    row: Pick<FlagRow, 'id' | 'accordId' | 'severity' | 'reason' | 'raisedBy'>,
  ): Promise<void> {
    await tx.insert(AccordFlag, {
      ...row,
      reason: this.encrypt('accord_flag', 'reason', row.id, row.reason),
    });
  }

  /** Resolves the flag only if it is still open; true when it was. */
  async resolveFlagIfOpen(tx: Tx, id: string, by: string, note: string): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(AccordFlag)
      .set({
        resolvedBy: by,
        resolvedAt: () => 'now()',
        resolutionNote: this.encrypt('accord_flag', 'resolution_note', id, note),
      })
      .where('id = :id AND resolved_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
