import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessModule } from './common/access/access.module';
import { AuditModule } from './common/audit/audit.module';
import { AccessGuard } from './common/auth/access.guard';
import { CryptoModule } from './common/crypto/crypto.module';
import { IdempotencyModule } from './common/http/idempotency/idempotency.module';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { AccordsModule } from './modules/accords/accords.module';
import { AreasModule } from './modules/areas/areas.module';
import { AuthModule } from './modules/auth/auth.module';
import { BackupsModule } from './modules/backups/backups.module';
import { CaseMembersModule } from './modules/case-members/case-members.module';
import { CasesModule } from './modules/cases/cases.module';
import { DashboardModule } from './modules/dashboard/dashboard.module';
import { DisclosureReportModule } from './modules/disclosure-report/disclosure-report.module';
import { HealthModule } from './modules/health/health.module';
import { MeetingsModule } from './modules/meetings/meetings.module';
import { MissionOrdersModule } from './modules/mission-orders/mission-orders.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PhonesModule } from './modules/phones/phones.module';
import { SmsModule } from './modules/sms/sms.module';
import { SmsOutboxModule } from './modules/sms-outbox/sms-outbox.module';
import { SmsRemindersModule } from './modules/sms-reminders/sms-reminders.module';
import { OrganisationsModule } from './modules/organisations/organisations.module';
import { RegistryModule } from './modules/registry/registry.module';
import { UsersModule } from './modules/users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, databaseUrl: string): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        DatabaseModule.forRoot(databaseUrl),
        CryptoModule,
        RateLimitModule,
        HealthModule,
        AuthModule,
        UsersModule,
        PhonesModule,
        AreasModule,
        OrganisationsModule,
        IdempotencyModule,
        AuditModule,
        AccessModule,
        CasesModule,
        CaseMembersModule,
        RegistryModule,
        MissionOrdersModule,
        MeetingsModule,
        AccordsModule,
        SmsModule,
        NotificationsModule,
        SmsOutboxModule,
        SmsRemindersModule,
        DashboardModule,
        BackupsModule,
        DisclosureReportModule,
      ],
      providers: [{ provide: APP_GUARD, useClass: AccessGuard }],
    };
  }
}
