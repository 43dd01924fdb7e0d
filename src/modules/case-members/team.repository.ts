import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Tx } from '../../database/transactions';
import { CaseTeamMember } from '../cases';
import { User } from '../users';

export interface TeamMemberRow {
  userId: string;
  displayName: string;
  lead: boolean;
  addedAt: Date;
}

@Injectable()
export class TeamRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(caseId: string, tx?: Tx): Promise<TeamMemberRow[]> {
    const rows = await (tx ?? this.dataSource.manager)
      .createQueryBuilder(CaseTeamMember, 'm')
      .innerJoin(User, 'u', 'u.id = m.userId')
      .select('m.userId', 'userId')
      .addSelect('u.displayName', 'displayName')
      .addSelect('m.lead', 'lead')
      .addSelect('m.addedAt', 'addedAt')
      .where('m.caseId = :caseId', { caseId })
      .orderBy('m.lead', 'DESC')
      .addOrderBy('m.addedAt', 'ASC')
      .addOrderBy('m.userId', 'ASC')
      .getRawMany<TeamMemberRow>();
    return rows.map((r) => ({ ...r, addedAt: new Date(r.addedAt) }));
  }

  /** Locks the case's team rows for the rest of the transaction (lead changes are serialised per case). */
  async lockCase(tx: Tx, caseId: string): Promise<void> {
    await tx.query('SELECT id FROM dialogue_case WHERE id = $1 FOR UPDATE', [caseId]);
  }

  findMember(tx: Tx, caseId: string, userId: string): Promise<CaseTeamMember | null> {
    return tx.findOneBy(CaseTeamMember, { caseId, userId });
  }

  async count(tx: Tx, caseId: string): Promise<number> {
    return tx.countBy(CaseTeamMember, { caseId });
  }

  async hasLead(tx: Tx, caseId: string): Promise<boolean> {
    return (await tx.countBy(CaseTeamMember, { caseId, lead: true })) > 0;
  }

  async unsetLead(tx: Tx, caseId: string): Promise<void> {
    await tx.update(CaseTeamMember, { caseId, lead: true }, { lead: false });
  }

  async setLead(tx: Tx, caseId: string, userId: string): Promise<void> {
    await tx.update(CaseTeamMember, { caseId, userId }, { lead: true });
  }

  async insert(tx: Tx, caseId: string, userId: string, lead: boolean): Promise<void> {
    await tx.insert(CaseTeamMember, { caseId, userId, lead });
  }

  async remove(tx: Tx, caseId: string, userId: string): Promise<void> {
    await tx.delete(CaseTeamMember, { caseId, userId });
  }

  /** The user, if an enabled mediator of the association. */
  findEnabledMediator(tx: Tx, userId: string, associationId: string): Promise<User | null> {
    return tx.findOneBy(User, { id: userId, associationId, role: 'mediator', disabled: false });
  }
}
