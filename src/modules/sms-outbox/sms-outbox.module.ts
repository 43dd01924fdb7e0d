import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SmsDelivery } from './sms-delivery.service';
import { SmsMessage } from './sms-message.entity';
import { SmsOutboxController } from './sms-outbox.controller';
import { SmsOutboxRepository } from './sms-outbox.repository';
import { SmsOutbox } from './sms-outbox.service';

/** The tables this module owns. */
const ENTITIES = [SmsMessage];

/**
 * SMS out: the outbox the features above write to in their own transactions
 * (replies, verification codes, reminders), its delivery through the
 * configured gateway, and the admin's view of it.
 */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES)],
  controllers: [SmsOutboxController],
  providers: [SmsOutbox, SmsDelivery, SmsOutboxRepository],
  exports: [SmsOutbox, SmsDelivery],
})
export class SmsOutboxModule {
  static readonly entities = ENTITIES;
}
