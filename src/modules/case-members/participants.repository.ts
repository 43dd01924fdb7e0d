import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CaseKeys } from '../../common/crypto/case-keys';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { Tx } from '../../database/transactions';
import { CaseParticipant } from './case-participant.entity';
import { CaseParty } from './case-party.entity';

export type NewParticipant = Pick<
  CaseParticipant,
  | 'id'
  | 'caseId'
  | 'pseudonym'
  | 'partyId'
  | 'role'
  | 'consentToRecordIdentity'
  | 'realName'
  | 'contact'
>;

/** A participant with the real identity decrypted (null when not on file). */
export type OpenParticipant = CaseParticipant;

@Injectable()
export class ParticipantsRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly keys: CaseKeys,
  ) {}

  private where(id: string, column: string, caseId?: string) {
    return { table: 'case_participant', column, rowId: id, caseId };
  }

  /** The identity goes to the database encrypted, bound to this participant's row. */
  private sealed(p: NewParticipant): NewParticipant {
    return {
      ...p,
      realName: this.cipher.encryptNullable(p.realName, this.where(p.id, 'real_name', p.caseId)),
      contact: this.cipher.encryptNullable(p.contact, this.where(p.id, 'contact', p.caseId)),
    };
  }

  /** Decrypts the identity of rows read from the database. */
  opened(p: CaseParticipant): OpenParticipant {
    return {
      ...p,
      realName: this.cipher.decryptNullable(p.realName, this.where(p.id, 'real_name')),
      contact: this.cipher.decryptNullable(p.contact, this.where(p.id, 'contact')),
    };
  }

  async findById(id: string, tx?: Tx): Promise<CaseParticipant | null> {
    return this.keys.ready(
      await (tx ?? this.dataSource.manager).findOneBy(CaseParticipant, { id }),
      tx,
    );
  }

  /** Inserts unless the id is taken; true when this call created it. */
  async insertIfAbsent(tx: Tx, participant: NewParticipant): Promise<boolean> {
    await this.keys.forWrite(participant.caseId, tx);
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(CaseParticipant)
      .values({ ...this.sealed(participant), version: 1 })
      .orIgnore()
      .execute();
    return (result.raw as unknown[]).length > 0;
  }

  /** The party, locked against deletion until the transaction ends, if it belongs to the case. */
  lockParty(tx: Tx, caseId: string, partyId: string): Promise<CaseParty | null> {
    return tx
      .createQueryBuilder(CaseParty, 'p')
      .setLock('pessimistic_read')
      .where('p.id = :partyId AND p.caseId = :caseId', { partyId, caseId })
      .getOne();
  }

  /** Keyset page ordered by (pseudonym, id); identities still encrypted. */
  async list(
    caseId: string,
    after: [string, string] | null,
    limit: number,
  ): Promise<CaseParticipant[]> {
    const qb = this.dataSource.manager
      .createQueryBuilder(CaseParticipant, 'p')
      .where('p.caseId = :caseId', { caseId });
    if (after) qb.andWhere('(p.pseudonym, p.id) > (:n, :i)', { n: after[0], i: after[1] });
    return this.keys.ready(
      await qb
        .orderBy('p.pseudonym', 'ASC')
        .addOrderBy('p.id', 'ASC')
        .take(limit + 1)
        .getMany(),
    );
  }
}
