import { Injectable } from '@nestjs/common';
import { Tx } from '../../database/transactions';
import { AccordFlag } from './accord-flag.entity';
import { FlagSeverity } from './accord-vocabulary';
import { AccordsTables } from './accords-tables';
import { SELECT_FLAG } from './accords.sql';

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

/** Flags on accords (reason and resolution note encrypted). */
@Injectable()
export class FlagsRepository extends AccordsTables {
  async caseIdOfFlag(id: string, tx?: Tx): Promise<{ caseId: string; accordId: string } | null> {
    const rows: { caseId: string; accordId: string }[] = await this.manager(tx).query(
      `SELECT a.case_id AS "caseId", a.id AS "accordId"
         FROM accord_flag g JOIN accord a ON a.id = g.accord_id WHERE g.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  // ---- flags ----
  async findFlag(id: string, tx?: Tx): Promise<FlagRow | null> {
    const rows: FlagRow[] = await this.manager(tx).query(`${SELECT_FLAG} WHERE g.id = $1`, [id]);
    return (await this.ready(rows, tx))[0] ?? null;
  }

  async flagsOf(accordId: string): Promise<FlagRow[]> {
    return this.ready(
      await this.dataSource.query<FlagRow[]>(
        `${SELECT_FLAG} WHERE g.accord_id = $1 ORDER BY g.raised_at DESC, g.id DESC LIMIT 200`,
        [accordId],
      ),
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
    const seal = await this.sealerFor(await this.caseOfAccord(row.accordId, tx), tx);
    await tx.insert(AccordFlag, {
      ...row,
      reason: seal('accord_flag', 'reason', row.id, row.reason),
    });
  }

  /** Resolves the flag only if it is still open; true when it was. */
  async resolveFlagIfOpen(tx: Tx, id: string, by: string, note: string): Promise<boolean> {
    const seal = await this.sealerFor((await this.caseIdOfFlag(id, tx))!.caseId, tx);
    const result = await tx
      .createQueryBuilder()
      .update(AccordFlag)
      .set({
        resolvedBy: by,
        resolvedAt: () => 'now()',
        resolutionNote: seal('accord_flag', 'resolution_note', id, note),
      })
      .where('id = :id AND resolved_at IS NULL', { id })
      .execute();
    return (result.affected ?? 0) === 1;
  }
}
