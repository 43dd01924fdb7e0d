import { Injectable, OnModuleInit } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ERASED } from '../../common/crypto/field-cipher';
import { CaseErasureHooks } from '../cases';
import { Tx } from '../../database/transactions';
import { CaseParticipant } from './case-participant.entity';
import { CaseParty } from './case-party.entity';

export type NewParty = Pick<CaseParty, 'id' | 'caseId' | 'name' | 'kind' | 'description'>;
export type PartyChanges = Partial<Pick<CaseParty, 'name' | 'kind' | 'description'>>;

@Injectable()
export class PartiesRepository implements OnModuleInit {
  constructor(
    private readonly dataSource: DataSource,
    private readonly erasure: CaseErasureHooks,
  ) {}

  /** An erased case's parties keep their kind; their names and descriptions go. */
  onModuleInit(): void {
    this.erasure.register((tx, caseId) =>
      tx.query('UPDATE case_party SET name = $2, description = NULL WHERE case_id = $1', [
        caseId,
        ERASED,
      ]),
    );
  }

  findById(id: string, tx?: Tx): Promise<CaseParty | null> {
    return (tx ?? this.dataSource.manager).findOneBy(CaseParty, { id });
  }

  /** The party if it belongs to the case. */
  findInCase(caseId: string, id: string, tx?: Tx): Promise<CaseParty | null> {
    return (tx ?? this.dataSource.manager).findOneBy(CaseParty, { id, caseId });
  }

  /** Inserts unless the id is taken; true when this call created it. */
  async insertIfAbsent(tx: Tx, party: NewParty): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(CaseParty)
      .values({ ...party, version: 1 })
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** Keyset page ordered by (name, id). */
  list(caseId: string, after: [string, string] | null, limit: number): Promise<CaseParty[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(CaseParty, 'p')
      .where('p.caseId = :caseId', { caseId });
    if (after) qb.andWhere('(p.name, p.id) > (:n, :i)', { n: after[0], i: after[1] });
    return qb
      .orderBy('p.name', 'ASC')
      .addOrderBy('p.id', 'ASC')
      .take(limit + 1)
      .getMany();
  }

  /** Conditional UPDATE on the version the client read. */
  async updateIfVersion(
    tx: Tx,
    caseId: string,
    id: string,
    version: number,
    changes: PartyChanges,
  ): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .update(CaseParty)
      .set({ ...changes, version: () => 'version + 1', updatedAt: () => 'now()' })
      .where('id = :id AND case_id = :caseId AND version = :version', { id, caseId, version })
      .execute();
    return (result.affected ?? 0) === 1;
  }

  async isReferenced(tx: Tx, id: string): Promise<boolean> {
    return (await tx.countBy(CaseParticipant, { partyId: id })) > 0;
  }

  /** Locks the party row until the transaction ends (a participant cannot be attached meanwhile). */
  async lock(tx: Tx, caseId: string, id: string): Promise<CaseParty | null> {
    return tx
      .createQueryBuilder(CaseParty, 'p')
      .setLock('pessimistic_write')
      .where('p.id = :id AND p.caseId = :caseId', { id, caseId })
      .getOne();
  }

  async remove(tx: Tx, id: string): Promise<void> {
    await tx.delete(CaseParty, { id });
  }
}
