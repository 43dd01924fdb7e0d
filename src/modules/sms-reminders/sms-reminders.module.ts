import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SmsOutboxModule } from '../sms-outbox';
import { SmsPreference } from './sms-preference.entity';
import { SmsPreferencesRepository } from './sms-preferences.repository';
import { SmsRemindersController } from './sms-reminders.controller';
import { SmsReminders } from './sms-reminders.service';

/** The tables this module owns. */
const ENTITIES = [SmsPreference];

/** Follow-up reminders by SMS to the verified numbers of those they concern, and each user's choice. */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), SmsOutboxModule],
  controllers: [SmsRemindersController],
  providers: [SmsReminders, SmsPreferencesRepository],
  exports: [SmsReminders],
})
export class SmsRemindersModule {
  static readonly entities = ENTITIES;
}
