/** What the SMS reminders feature offers the app; the rest of its files are its own. */
export { SmsRemindersModule } from './sms-reminders.module';
export { SmsReminders } from './sms-reminders.service';
