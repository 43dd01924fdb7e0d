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
import { Meeting } from '../meetings/meeting.entity';
import { User } from '../users/user.entity';
import { ACCORD_FORMS, ACCORD_KINDS, AccordForm, AccordKind, sqlList } from './accord-vocabulary';

/** An accord concluded under a dialogue case (first pact, renewal, amendment…). */
@Entity('accord')
@Check('ck_accord_form', `"form" IN (${sqlList(ACCORD_FORMS)})`)
@Check('ck_accord_kind', `"kind" IN (${sqlList(ACCORD_KINDS)})`)
@Check('ck_accord_follow_up_interval_days', '"follow_up_interval_days" BETWEEN 1 AND 366')
export class Accord {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_accord_case_id')
  @Column('uuid')
  caseId: string;

  @ManyToOne(() => DialogueCase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'case_id', foreignKeyConstraintName: 'fk_accord_case_id' })
  dialogueCase?: DialogueCase;

  @Column('timestamptz')
  concludedAt: Date;

  @Column('uuid', { nullable: true })
  meetingId: string | null;

  @ManyToOne(() => Meeting, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'meeting_id', foreignKeyConstraintName: 'fk_accord_meeting_id' })
  meeting?: Meeting;

  @Column('text')
  form: AccordForm;

  @Column('text')
  kind: AccordKind;

  @Column('text', { nullable: true })
  monitoringMechanism: string | null;

  @Column('integer', { default: 30 })
  followUpIntervalDays: number;

  /** Encrypted, bound to `accord|summary|id`. */
  @Column('text', { nullable: true })
  summary: string | null;

  @Column('uuid')
  createdBy: string;

  @ManyToOne(() => User, { onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'created_by', foreignKeyConstraintName: 'fk_accord_created_by' })
  creator?: User;

  @VersionColumn()
  version: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
