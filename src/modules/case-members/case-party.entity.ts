import { Check, Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';
import { References, CreatedAt, UpdatedAt } from '../../database/columns';
import { PARTY_KINDS, PartyKind } from './party-kinds';

/** A party to a dialogue (a community, an armed group, a militia…). */
@Entity('case_party')
@Check('ck_case_party_kind', `"kind" IN (${PARTY_KINDS.map((k) => `'${k}'`).join(', ')})`)
export class CaseParty {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_case_party_case_id')
  @Column('uuid')
  caseId: string;

  @References('DialogueCase', 'case_id', 'CASCADE')
  dialogueCase?: unknown;

  @Column('text')
  name: string;

  @Column('text')
  kind: PartyKind;

  @Column('text', { nullable: true })
  description: string | null;

  @VersionColumn()
  version: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
