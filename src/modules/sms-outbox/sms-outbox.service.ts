import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ADVISORY_LOCK_SPACES } from '../../common/advisory-locks';
import { FieldCipher } from '../../common/crypto/field-cipher';
import { LookupHasher } from '../../common/crypto/lookup-hasher';
import { Tx } from '../../database/transactions';
import { fitsOneSms } from './gsm7';
import { isReplyableSender } from './phone-numbers';
import { SmsPurpose } from './sms-message.entity';

export interface OutgoingSms {
  /** E.164. */
  to: string;
  /** GSM-7, one SMS: nothing identifying (no name, village or term wording). */
  text: string;
  purpose: SmsPurpose;
  /** A message that must exist once whatever happens (e.g. `reminder:<accord>:<number hash>:<day>`). */
  dedupeKey?: string;
}

/** At most this many identical texts to one number in a day: two automatic systems cannot loop. */
export const IDENTICAL_TEXTS_PER_DAY = 3;

export const smsNumberHash = (hasher: LookupHasher, e164: string): string =>
  hasher.digest('sms-number', e164);

/**
 * Queues SMS in the caller's transaction: the message is sent if and only if
 * the change that causes it commits. Delivery is SmsDelivery's.
 */
@Injectable()
export class SmsOutbox {
  constructor(
    private readonly cipher: FieldCipher,
    private readonly hasher: LookupHasher,
  ) {}

  /**
   * Queues one message; false when it is not queued: the number is not a
   * person's (short code, alphanumeric sender), the same text already went
   * to that number IDENTICAL_TEXTS_PER_DAY times in 24 hours, or the
   * dedupe key is taken.
   */
  async enqueue(tx: Tx, sms: OutgoingSms): Promise<boolean> {
    if (!fitsOneSms(sms.text))
      throw new Error(`an SMS must be GSM-7 and fit one message (${sms.purpose})`);
    if (!isReplyableSender(sms.to)) return false;
    const toHash = smsNumberHash(this.hasher, sms.to);
    const textHash = this.hasher.digest('sms-text', sms.text);
    // One writer per number at a time, so the cap below is not raced.
    await tx.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [
      ADVISORY_LOCK_SPACES.smsNumber,
      toHash,
    ]);
    const [{ count }]: { count: number }[] = await tx.query(
      `SELECT count(*)::int AS count FROM sms_outbox
        WHERE to_hash = $1 AND text_hash = $2 AND created_at > now() - interval '1 day'`,
      [toHash, textHash],
    );
    if (count >= IDENTICAL_TEXTS_PER_DAY) return false;
    const id = randomUUID();
    const at = (column: string) => ({ table: 'sms_outbox', column, rowId: id });
    const rows: unknown[] = await tx.query(
      `INSERT INTO sms_outbox (id, to_number, to_hash, text, text_hash, purpose, dedupe_key)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (dedupe_key) DO NOTHING
       RETURNING id`,
      [
        id,
        this.cipher.encrypt(sms.to, at('to_number')),
        toHash,
        this.cipher.encrypt(sms.text, at('text')),
        textHash,
        sms.purpose,
        sms.dedupeKey ?? null,
      ],
    );
    return rows.length === 1;
  }
}
