import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications/notifications.module';
import { SessionsModule } from '../sessions/sessions.module';
import { UsersModule } from '../users/users.module';
import { MissionOrderCoverageRepository } from './mission-order-coverage.repository';
import { MissionOrderCoverageService } from './mission-order-coverage.service';
import { MissionOrderCredentialsService } from './mission-order-credentials.service';
import { MissionOrderSigningService } from './mission-order-signing.service';
import { MissionOrdersPublicController } from './mission-orders-public.controller';
import { MissionOrdersController } from './mission-orders.controller';
import { MissionOrdersRepository } from './mission-orders.repository';
import { MissionOrdersService } from './mission-orders.service';

/** Mission orders: requests, decisions, signed credentials, verification, coverage. */
@Module({
  imports: [UsersModule, SessionsModule, NotificationsModule],
  controllers: [MissionOrdersPublicController, MissionOrdersController],
  providers: [
    MissionOrderCoverageRepository,
    MissionOrderCoverageService,
    MissionOrdersRepository,
    MissionOrdersService,
    MissionOrderCredentialsService,
    MissionOrderSigningService,
  ],
  exports: [MissionOrderCoverageService],
})
export class MissionOrdersModule {}
