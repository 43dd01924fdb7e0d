import { Injectable } from '@nestjs/common';
import { Tx } from '../../database/transactions';
import type { CaseStatus } from '../cases/vocabulary';
import { AccordForm, AccordKind } from './accord-vocabulary';
import { Accord } from './accord.entity';
import { AccordsTables } from './accords-tables';
import { SELECT_ACCORD } from './accords.sql';
import { newSmsCode } from './sms-code';

/** An accord as read (summary still encrypted), with its case's association and status. */
export interface AccordRow {
  id: string;
  caseId: string;
  smsCode: string;
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

export type NewAccord = Omit<
  AccordRow,
  'version' | 'createdAt' | 'updatedAt' | 'associationId' | 'caseStatus' | 'concludedAtKey'
>;

/** Accords: the first step of every access check (their case), and the accords themselves. */
@Injectable()
export class AccordsRepository extends AccordsTables {
  // ---- ownership: the first step of every access check ----
  async caseIdOfAccord(id: string): Promise<string | null> {
    const rows: { caseId: string }[] = await this.dataSource.query(
      'SELECT case_id AS "caseId" FROM accord WHERE id = $1',
      [id],
    );
    return rows[0]?.caseId ?? null;
  }

  async meetingOfCase(caseId: string, meetingId: string): Promise<boolean> {
    const rows: unknown[] = await this.dataSource.query(
      'SELECT 1 FROM meeting WHERE id = $1 AND case_id = $2',
      [meetingId, caseId],
    );
    return rows.length > 0;
  }

  // ---- accords ----
  async findAccord(id: string, tx?: Tx): Promise<AccordRow | null> {
    const rows: AccordRow[] = await this.manager(tx).query(`${SELECT_ACCORD} WHERE a.id = $1`, [
      id,
    ]);
    return (await this.ready(rows, tx))[0] ?? null;
  }

  /** Clears the accords' clear text of an erased case; returns their ids. */
  async clearTextOfCase(tx: Tx, caseId: string): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      'SELECT id FROM accord WHERE case_id = $1 FOR UPDATE',
      [caseId],
    );
    await tx.query('UPDATE accord SET monitoring_mechanism = NULL WHERE case_id = $1', [caseId]);
    return rows.map((r) => r.id);
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
    return this.ready(rows);
  }

  /** A code no accord has (30 random bits: a second draw is already rare). */
  async unusedSmsCode(): Promise<string> {
    for (;;) {
      const code = newSmsCode();
      const rows: unknown[] = await this.dataSource.query(
        'SELECT 1 FROM accord WHERE sms_code = $1',
        [code],
      );
      if (rows.length === 0) return code;
    }
  }

  /** The accord an SMS names by its code (canonical form), or null. */
  async accordIdOfSmsCode(code: string): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM accord WHERE sms_code = $1',
      [code],
    );
    return rows[0]?.id ?? null;
  }

  /** Inserts the accord (summary encrypted); false if the id exists. */
  async insertAccordIfAbsent(tx: Tx, row: NewAccord): Promise<boolean> {
    const seal = await this.sealerFor(row.caseId, tx);
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(Accord)
      .values({
        ...row,
        version: 1,
        summary: row.summary === null ? null : seal('accord', 'summary', row.id, row.summary),
      })
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  // ---- follow-ups ----
  /** Locks the accord's row until `tx` ends: its checks are recorded one at a time. */
  async lockAccord(tx: Tx, id: string): Promise<void> {
    await tx.query('SELECT 1 FROM accord WHERE id = $1 FOR NO KEY UPDATE', [id]);
  }
}
