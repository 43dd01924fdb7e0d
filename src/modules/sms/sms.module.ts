import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccordsModule } from '../accords';
import { PhonesModule } from '../phones';
import { SmsOutboxModule } from '../sms-outbox';
import { SmsInbound } from './sms-inbound.entity';
import { SmsInboundController } from './sms-inbound.controller';
import { SmsInboundGuard } from './sms-inbound.guard';
import { SmsInboundRepository } from './sms-inbound.repository';
import { SmsInboundService } from './sms-inbound.service';

/** The tables this module owns. */
const ENTITIES = [SmsInbound];

/** Inbound SMS: the gateways' routes, the keyword messages, their replies. */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), AccordsModule, PhonesModule, SmsOutboxModule],
  controllers: [SmsInboundController],
  providers: [SmsInboundRepository, SmsInboundService, SmsInboundGuard],
})
export class SmsModule {
  static readonly entities = ENTITIES;
}
