import { Check, Column, Entity, PrimaryColumn, Unique } from 'typeorm';
import { EncryptedColumn } from '../../common/crypto/encrypted-columns';
import { CreatedAt, References } from '../../database/columns';

/**
 * Every inbound SMS, once: keyed by (gateway, message key), so a message a
 * gateway resends is answered with the stored reply and does nothing else.
 * Neither the text nor the number is kept: the sender's keyed hash, the
 * keyword and the outcome, and the reply (encrypted: it names an accord's code).
 */
@Entity('sms_inbound')
@Unique('uq_sms_inbound_gateway_message_key', ['gateway', 'messageKey'])
@Check('ck_sms_inbound_gateway', `"gateway" IN ('generic', 'rapidpro', 'africastalking', 'twilio')`)
export class SmsInbound {
  @PrimaryColumn('uuid')
  id: string;

  @Column('text')
  gateway: string;

  /** The gateway's message id (at most 200 characters), or RapidPro's derived key. */
  @Column('text')
  messageKey: string;

  /** LookupHasher digest of the sender's number (purpose `sms-sender`). */
  @Column('text')
  senderHash: string;

  /** The account the number is verified on, when known. */
  @Column('uuid', { nullable: true })
  userId: string | null;

  @References('User', 'user_id', 'SET NULL')
  user?: unknown;

  /** suivi | alerte | code | aide | other */
  @Column('text')
  keyword: string;

  /** What came of it, as a code (recorded, refused, malformed…). */
  @Column('text')
  outcome: string;

  /** Encrypted, bound to `sms_inbound|reply|id`. */
  @EncryptedColumn()
  reply: string;

  @Column('timestamptz')
  receivedAt: Date;

  @CreatedAt()
  createdAt: Date;
}
