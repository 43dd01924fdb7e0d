import { Check, Column, Entity, Index, PrimaryColumn, Unique, VersionColumn } from 'typeorm';
import { EncryptedColumn } from '../../common/crypto/encrypted-columns';
import { References, CreatedAt, UpdatedAt } from '../../database/columns';
import { ACCORD_FORMS, ACCORD_KINDS, AccordForm, AccordKind, sqlList } from './accord-vocabulary';

/** An accord concluded under a dialogue case (first pact, renewal, amendment…). */
@Entity('accord')
@Check('ck_accord_form', `"form" IN (${sqlList(ACCORD_FORMS)})`)
@Check('ck_accord_kind', `"kind" IN (${sqlList(ACCORD_KINDS)})`)
@Unique('uq_accord_sms_code', ['smsCode'])
@Check('ck_accord_follow_up_interval_days', '"follow_up_interval_days" BETWEEN 1 AND 366')
export class Accord {
  @PrimaryColumn('uuid')
  id: string;

  @Index('ix_accord_case_id')
  @Column('uuid')
  caseId: string;

  @References('DialogueCase', 'case_id', 'CASCADE')
  dialogueCase?: unknown;

  /** Six Crockford base32 characters, random: how an SMS names the accord (sms-code.ts). */
  @Column('text')
  smsCode: string;

  @Column('timestamptz')
  concludedAt: Date;

  @Column('uuid', { nullable: true })
  meetingId: string | null;

  @References('Meeting', 'meeting_id', 'SET NULL')
  meeting?: unknown;

  @Column('text')
  form: AccordForm;

  @Column('text')
  kind: AccordKind;

  @Column('text', { nullable: true })
  monitoringMechanism: string | null;

  @Column('integer', { default: 30 })
  followUpIntervalDays: number;

  /** Encrypted, bound to `accord|summary|id`. */
  @EncryptedColumn({ nullable: true, casePath: ['case_id'] })
  summary: string | null;

  @Column('uuid')
  createdBy: string;

  @References('User', 'created_by', 'RESTRICT')
  creator?: unknown;

  @VersionColumn()
  version: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
