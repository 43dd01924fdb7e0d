import { Check, Column, Entity, Index, PrimaryColumn, VersionColumn } from 'typeorm';
import { EncryptedColumn } from '../../common/crypto/encrypted-columns';
import { References, CreatedAt, UpdatedAt } from '../../database/columns';
import { MEETING_STATUSES, MeetingStatus } from './meeting-status';

/** A scheduled session of a dialogue case. */
@Entity('meeting')
@Check('ck_meeting_status', `"status" IN (${MEETING_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_meeting_duration_minutes', '"duration_minutes" BETWEEN 1 AND 1440')
@Index('ix_meeting_case_id_scheduled_at', ['caseId', 'scheduledAt'])
@Index('ix_meeting_scheduled_at_id', ['scheduledAt', 'id'])
export class Meeting {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  caseId: string;

  @References('DialogueCase', 'case_id', 'CASCADE')
  dialogueCase?: unknown;

  @Column('timestamptz')
  scheduledAt: Date;

  @Column('integer')
  durationMinutes: number;

  @Column('text')
  status: MeetingStatus;

  @Column('text', { nullable: true })
  agenda: string | null;

  /** ISO 639-3 codes. */
  @Column('text', { array: true, default: () => "'{}'" })
  languages: string[];

  @Column('boolean', { default: false })
  interpreterNeeded: boolean;

  /** Encrypted: the exact place. */
  @EncryptedColumn({ nullable: true, casePath: ['case_id'] })
  locationDetail: string | null;

  /** Encrypted. */
  @EncryptedColumn({ nullable: true, casePath: ['case_id'] })
  outcomeNotes: string | null;

  /** Parties of the same case (checked by the service against case_party). */
  @Column('uuid', { array: true, default: () => "'{}'" })
  partyIds: string[];

  @Index('ix_meeting_created_by')
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
