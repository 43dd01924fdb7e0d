import { Module } from '@nestjs/common';
import { NotificationsModule } from '../notifications';
import { SessionsModule } from '../sessions';
import { UsersModule } from '../users';
import { MissionOrderCoverageRepository } from './mission-order-coverage.repository';
import { MissionOrderCoverageService } from './mission-order-coverage.service';
import { MissionOrderCredentialsService } from './mission-order-credentials.service';
import { MissionOrderSigningService } from './mission-order-signing.service';
import { MissionOrdersPublicController } from './mission-orders-public.controller';
import { MissionOrdersController } from './mission-orders.controller';
import { MissionOrdersRepository } from './mission-orders.repository';
import { MissionOrdersService } from './mission-orders.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { MissionOrder } from './mission-order.entity';
import { MissionOrderHolder } from './mission-order-holder.entity';
import { MissionOrderArea } from './mission-order-area.entity';
import { MissionOrderNumberCounter } from './mission-order-number-counter.entity';
import './mission-orders.errors';

/** The tables this module owns. */
const ENTITIES = [MissionOrder, MissionOrderHolder, MissionOrderArea, MissionOrderNumberCounter];

/** Mission orders: requests, decisions, signed credentials, verification, coverage. */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), UsersModule, SessionsModule, NotificationsModule],
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
export class MissionOrdersModule {
  static readonly entities = ENTITIES;
}
