import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { shredRingValuesOf } from '../../common/crypto/case-values';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { Tx } from '../../database/transactions';
import { CaseStatus } from './vocabulary';

export interface ErasableCase {
  id: string;
  status: CaseStatus;
  associationId: string;
  erasedAt: Date | null;
}

export interface ErasureCandidateRow {
  id: string;
  associationId: string;
  closedAt: Date;
}

/** The case rows erasure reads and changes (the key itself is CaseKeys'). */
@Injectable()
export class CaseErasureRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  /** The case's values still under the key ring, in every table, shredded; how many. */
  shredRingValues(tx: Tx, id: string): Promise<number> {
    return shredRingValuesOf(this.dataSource, tx, this.cipher, id);
  }

  /** The case, locked until `tx` ends: one erasure at a time, no write in between. */
  async lock(tx: Tx, id: string): Promise<ErasableCase | null> {
    const rows: ErasableCase[] = await tx.query(
      `SELECT id, status, association_id AS "associationId", erased_at AS "erasedAt"
         FROM dialogue_case WHERE id = $1 FOR UPDATE`,
      [id],
    );
    return rows[0] ?? null;
  }

  /** Of these cases, those that exist and are not marked erased (a database restored from before). */
  async notErased(ids: string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const rows: { id: string }[] = await this.dataSource.query(
      'SELECT id FROM dialogue_case WHERE id = ANY($1::uuid[]) AND erased_at IS NULL',
      [ids],
    );
    return rows.map((r) => r.id);
  }

  /** Clears the case's own clear text (its summary) and records the erasure; returns when. */
  async markErased(tx: Tx, id: string): Promise<Date> {
    // An UPDATE answers [rows, affected count] through TypeORM.
    const [rows]: [{ erasedAt: Date }[], number] = await tx.query(
      `UPDATE dialogue_case
          SET summary = NULL, erased_at = now(), version = version + 1, updated_at = now()
        WHERE id = $1
        RETURNING erased_at AS "erasedAt"`,
      [id],
    );
    return rows[0].erasedAt;
  }

  /** Closed cases not erased whose closing is older than `years`, oldest first. */
  candidates(years: number, limit: number): Promise<ErasureCandidateRow[]> {
    return this.dataSource.query(
      `SELECT c.id, c.association_id AS "associationId", closed.at AS "closedAt"
         FROM dialogue_case c
         CROSS JOIN LATERAL (
           SELECT max(t.occurred_at) AS at FROM case_transition t
            WHERE t.case_id = c.id AND t.to_status = 'closed') closed
        WHERE c.status = 'closed' AND c.erased_at IS NULL
          AND closed.at < now() - make_interval(years => $1)
        ORDER BY closed.at, c.id
        LIMIT $2`,
      [years, limit],
    );
  }
}
