import { AuditModule } from './common/audit/audit.module';
import { CryptoModule } from './common/crypto/crypto.module';
import { IdempotencyModule } from './common/http/idempotency/idempotency.module';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { Entities } from './database/data-source';
import { AccordsModule } from './modules/accords/accords.module';
import { AreasModule } from './modules/areas/areas.module';
import { AuthModule } from './modules/auth/auth.module';
import { CaseMembersModule } from './modules/case-members/case-members.module';
import { CasesModule } from './modules/cases/cases.module';
import { MeetingsModule } from './modules/meetings/meetings.module';
import { MissionOrdersModule } from './modules/mission-orders/mission-orders.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PhonesModule } from './modules/phones/phones.module';
import { SmsModule } from './modules/sms/sms.module';
import { OrganisationsModule } from './modules/organisations/organisations.module';
import { SmsOutboxModule } from './modules/sms-outbox/sms-outbox.module';
import { SmsRemindersModule } from './modules/sms-reminders/sms-reminders.module';
import { SessionsModule } from './modules/sessions/sessions.module';
import { UsersModule } from './modules/users/users.module';

/**
 * Every entity, from the modules that own them: what the application
 * registers at run time (each module's TypeOrmModule.forFeature), listed
 * for the tools that open the database without the application (migration
 * commands, CLI, tests).
 */
export const ALL_ENTITIES: Entities = [
  AuditModule,
  CryptoModule,
  IdempotencyModule,
  RateLimitModule,
  AreasModule,
  OrganisationsModule,
  NotificationsModule,
  SmsOutboxModule,
  SessionsModule,
  UsersModule,
  PhonesModule,
  AuthModule,
  CasesModule,
  CaseMembersModule,
  MissionOrdersModule,
  MeetingsModule,
  AccordsModule,
  SmsRemindersModule,
  SmsModule,
].flatMap((module): Entities => module.entities);
