/** What the accords feature offers the features above it; the rest of its files are its own. */
export { healthCtes, healthPageSql } from './accord-health.sql';
export { AccordsModule } from './accords.module';
export { FlagsService } from './flags.service';
export { FollowUpsService } from './follow-ups.service';
export { SmsAccords } from './sms-accords.service';
export type { SmsAccordTarget } from './sms-accords.service';
export type { CreateFollowUpDto } from './dto/create-follow-up.dto';
