import { Injectable } from '@nestjs/common';
import { Tx } from '../../database/transactions';
import { AccordTermRevision } from './accord-term-revision.entity';
import { AccordTerm } from './accord-term.entity';
import { TermCategory } from './accord-vocabulary';
import { AccordsTables } from './accords-tables';
import { SELECT_TERM } from './accords.sql';

/** A term as read (text still encrypted). */
export interface TermRow {
  id: string;
  accordId: string;
  number: number;
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

export type NewTerm = Omit<TermRow, 'number' | 'version' | 'createdAt' | 'updatedAt'>;

export type TermChanges = Partial<
  Pick<
    TermRow,
    'text' | 'category' | 'obligorPartyId' | 'beneficiaryPartyId' | 'isConcession' | 'deadline'
  >
>;

/** The terms of accords and their revisions (text encrypted). */
@Injectable()
export class TermsRepository extends AccordsTables {
  async caseIdOfTerm(id: string, tx?: Tx): Promise<{ caseId: string; accordId: string } | null> {
    const rows: { caseId: string; accordId: string }[] = await this.manager(tx).query(
      `SELECT a.case_id AS "caseId", a.id AS "accordId"
         FROM accord_term t JOIN accord a ON a.id = t.accord_id WHERE t.id = $1`,
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

  // ---- terms ----
  async findTerm(id: string, tx?: Tx, lock = false): Promise<TermRow | null> {
    const rows: TermRow[] = await this.manager(tx).query(
      `${SELECT_TERM} WHERE t.id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return (await this.ready(rows, tx))[0] ?? null;
  }

  async termsOf(accordId: string): Promise<TermRow[]> {
    return this.ready(
      await this.dataSource.query<TermRow[]>(
        `${SELECT_TERM} WHERE t.accord_id = $1 ORDER BY t.number`,
        [accordId],
      ),
    );
  }

  /** The ids of the accord's terms by number (those that exist). */
  async termIdsByNumber(accordId: string, numbers: number[]): Promise<Map<number, string>> {
    const rows: { id: string; number: number }[] = await this.dataSource.query(
      'SELECT id, number FROM accord_term WHERE accord_id = $1 AND number = ANY($2::int[])',
      [accordId, numbers],
    );
    return new Map(rows.map((r) => [r.number, r.id]));
  }

  /**
   * Inserts the term with the accord's next number; false if the id exists.
   * The accord's row is locked first: two terms added at once get 1 and 2.
   */
  async insertTermIfAbsent(tx: Tx, row: NewTerm): Promise<boolean> {
    await tx.query('SELECT 1 FROM accord WHERE id = $1 FOR NO KEY UPDATE', [row.accordId]);
    const next: { n: number }[] = await tx.query(
      'SELECT coalesce(max(number), 0)::int + 1 AS n FROM accord_term WHERE accord_id = $1',
      [row.accordId],
    );
    const seal = await this.sealerFor(await this.caseOfAccord(row.accordId, tx), tx);
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(AccordTerm)
      .values({
        ...row,
        number: next[0].n,
        version: 1,
        text: seal('accord_term', 'text', row.id, row.text),
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
    if (changes.text !== undefined) {
      const seal = await this.sealerFor((await this.caseIdOfTerm(id, tx))!.caseId, tx);
      set.text = seal('accord_term', 'text', id, changes.text);
    }
    const result = await tx
      .createQueryBuilder()
      .update(AccordTerm)
      .set({ ...set, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND version = :version', { id, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async insertRevision(tx: Tx, row: Omit<RevisionRow, 'changedAt'>): Promise<void> {
    const seal = await this.sealerFor((await this.caseIdOfTerm(row.termId, tx))!.caseId, tx);
    await tx.insert(AccordTermRevision, {
      ...row,
      previousText: seal('accord_term_revision', 'previous_text', row.id, row.previousText),
    });
  }

  /** Revisions of a term, newest first (previous text still encrypted). */
  async revisionsOf(termId: string): Promise<RevisionRow[]> {
    return this.ready(
      await this.dataSource.query<RevisionRow[]>(
        `SELECT r.id, r.term_id AS "termId", r.previous_text AS "previousText",
              r.previous_category AS "previousCategory", r.meeting_id AS "meetingId",
              r.changed_by AS "changedBy", r.changed_at AS "changedAt"
         FROM accord_term_revision r WHERE r.term_id = $1
        ORDER BY r.changed_at DESC, r.id DESC LIMIT 500`,
        [termId],
      ),
    );
  }
}
