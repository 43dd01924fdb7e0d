import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { LookupHasher } from '../../common/crypto/lookup-hasher';
import { Tx } from '../../database/transactions';
import { InboundGateway } from './sms-gateways';

export interface InboundRecord {
  id: string;
  gateway: InboundGateway;
  messageKey: string;
  senderHash: string;
  userId: string | null;
  keyword: string;
  outcome: string;
  reply: string;
  receivedAt: Date;
}

/** The inbound messages seen: the dedupe key and the stored reply. */
@Injectable()
export class SmsInboundRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
    private readonly hasher: LookupHasher,
  ) {}

  senderHash(from: string): string {
    return this.hasher.digest('sms-sender', from);
  }

  /** RapidPro's key: sender, text and the time window, hashed (nothing readable kept). */
  derivedKey(from: string, text: string, bucket: number): string {
    return this.hasher.digest('sms-rapidpro-key', `${from}\0${text}\0${bucket}`);
  }

  /** The reply already given to this message, or null when it is new. */
  async replyOf(gateway: InboundGateway, messageKey: string, tx?: Tx): Promise<string | null> {
    const rows: { id: string; reply: string }[] = await (tx ?? this.dataSource.manager).query(
      'SELECT id, reply FROM sms_inbound WHERE gateway = $1 AND message_key = $2',
      [gateway, messageKey],
    );
    const row = rows[0];
    if (!row) return null;
    return this.cipher.decrypt(row.reply, { table: 'sms_inbound', column: 'reply', rowId: row.id });
  }

  /**
   * Claims the message: inserts its record unless one with the same key
   * exists. A concurrent identical post waits on the unique key until this
   * transaction ends, then finds the record. Returns false when taken.
   */
  async claim(tx: Tx, record: InboundRecord): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO sms_inbound (id, gateway, message_key, sender_hash, user_id, keyword, outcome,
                                reply, received_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (gateway, message_key) DO NOTHING RETURNING id`,
      [
        record.id,
        record.gateway,
        record.messageKey,
        record.senderHash,
        record.userId,
        record.keyword,
        record.outcome,
        this.cipher.encrypt(record.reply, {
          table: 'sms_inbound',
          column: 'reply',
          rowId: record.id,
        }),
        record.receivedAt,
      ],
    );
    return rows.length === 1;
  }
}
