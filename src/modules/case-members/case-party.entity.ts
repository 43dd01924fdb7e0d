import {
  Check,
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  PrimaryColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import { DialogueCase } from '../cases/dialogue-case.entity';
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

  @ManyToOne(() => DialogueCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_party_case_id' })
  dialogueCase?: DialogueCase;

  @Column('text')
  name: string;

  @Column('text')
  kind: PartyKind;

  @Column('text', { nullable: true })
  description: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
