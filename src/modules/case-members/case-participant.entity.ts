import {
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
import { CaseParty } from './case-party.entity';

/** A person involved in a dialogue, known by a pseudonym; the real identity is optional and encrypted. */
@Entity('case_participant')
export class CaseParticipant {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_case_participant_case_id')
  @Column('uuid')
  caseId: string;

  @ManyToOne(() => DialogueCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_case_participant_case_id' })
  dialogueCase?: DialogueCase;

  @Column('text')
  pseudonym: string;

  @Index('ix_case_participant_party_id')
  @Column('uuid', { nullable: true })
  partyId: string | null;

  @ManyToOne(() => CaseParty, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'party_id', foreignKeyConstraintName: 'fk_case_participant_party_id' })
  party?: CaseParty;

  /** Negotiator, interpreter, elder, informant… */
  @Column('text')
  role: string;

  @Column('boolean', { default: false })
  consentToRecordIdentity: boolean;

  /** Encrypted (`enc:v1:…`); only with consent; readable by the case team only. */
  @Column('text', { nullable: true })
  realName: string | null;

  /** Encrypted, like realName. */
  @Column('text', { nullable: true })
  contact: string | null;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
