import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { EncryptedColumn } from '../../common/crypto/encrypted-columns';
import { CreatedAt } from '../../database/columns';

/** Why a message is sent: a reply to an inbound SMS, a phone's verification code, a follow-up reminder. */
export const SMS_PURPOSES = ['reply', 'verification', 'reminder'] as const;
export type SmsPurpose = (typeof SMS_PURPOSES)[number];

/** `queued` until a gateway takes it (`sent`); `failed` after the last attempt or a refusal. */
export const SMS_STATUSES = ['queued', 'sent', 'failed'] as const;
export type SmsStatus = (typeof SMS_STATUSES)[number];

/**
 * One SMS to send (transactional outbox): written in the transaction of the
 * change that causes it, delivered by SmsDelivery. The number and the text
 * are encrypted (a verification code is a secret; a number identifies a
 * person) and found again by keyed hashes.
 */
@Entity('sms_outbox')
@Index('ix_sms_outbox_status_next_attempt_at', ['status', 'nextAttemptAt'])
@Index('ix_sms_outbox_to_hash_text_hash_created_at', ['toHash', 'textHash', 'createdAt'])
@Index('ix_sms_outbox_created_at_id', ['createdAt', 'id'])
@Check('ck_sms_outbox_status', `status IN (${SMS_STATUSES.map((s) => `'${s}'`).join(', ')})`)
@Check('ck_sms_outbox_purpose', `purpose IN (${SMS_PURPOSES.map((s) => `'${s}'`).join(', ')})`)
export class SmsMessage {
  @PrimaryColumn('uuid')
  id: string;

  /** E.164, encrypted. */
  @EncryptedColumn()
  toNumber: string;

  /** LookupHasher digest of the number (purpose `sms-number`). */
  @Column('text')
  toHash: string;

  /** GSM-7, one SMS, encrypted. */
  @EncryptedColumn()
  text: string;

  /** LookupHasher digest of the text, to cap identical texts to one number. */
  @Column('text')
  textHash: string;

  @Column('text')
  purpose: SmsPurpose;

  /** Set by the writer when a message must exist once (a reminder per accord, number and day). */
  @Index('uq_sms_outbox_dedupe_key', { unique: true })
  @Column('text', { nullable: true })
  dedupeKey: string | null;

  @Column('text', { default: 'queued' })
  status: SmsStatus;

  @Column('int', { default: 0 })
  attempts: number;

  @Column('timestamptz', { default: () => 'now()' })
  nextAttemptAt: Date;

  /** What the gateway answered on the last failed attempt (a status, never the message). */
  @Column('text', { nullable: true })
  lastError: string | null;

  @CreatedAt()
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  sentAt: Date | null;
}
