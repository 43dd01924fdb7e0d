/** What the SMS outbox feature offers the features above it; the rest of its files are its own. */
import { Injectable, Module } from '@nestjs/common';
import { Tx } from '../../database/transactions';
import { fitsOneSms } from './gsm7';
import { isReplyableSender } from './phone-numbers';

export { fitsOneSms, gsm7Length, SMS_MAX_SEPTETS } from './gsm7';
export { isReplyableSender, maskPhoneNumber, normalisePhoneNumber } from './phone-numbers';

export type SmsPurpose = 'reply' | 'verification' | 'reminder';

export interface OutgoingSms {
  to: string;
  text: string;
  purpose: SmsPurpose;
  dedupeKey?: string;
}

/** Stand-in until the outbox lands: checks what the outbox checks, queues nothing. */
@Injectable()
export class SmsOutbox {
  // eslint-disable-next-line @typescript-eslint/require-await
  async enqueue(_tx: Tx, sms: OutgoingSms): Promise<boolean> {
    if (!fitsOneSms(sms.text)) throw new Error(`an SMS must be GSM-7 and fit one message`);
    return isReplyableSender(sms.to);
  }
}

@Module({ providers: [SmsOutbox], exports: [SmsOutbox] })
export class SmsOutboxModule {}
