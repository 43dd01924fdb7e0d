/** What the SMS outbox feature offers the features above it; the rest of its files are its own. */
export { SmsOutboxModule } from './sms-outbox.module';
export { SmsOutbox, smsNumberHash, IDENTICAL_TEXTS_PER_DAY } from './sms-outbox.service';
export type { OutgoingSms } from './sms-outbox.service';
export { SmsDelivery } from './sms-delivery.service';
export type { SmsPurpose } from './sms-message.entity';
export { fitsOneSms, gsm7Length, SMS_MAX_SEPTETS } from './gsm7';
export { isReplyableSender, maskPhoneNumber, normalisePhoneNumber } from './phone-numbers';
