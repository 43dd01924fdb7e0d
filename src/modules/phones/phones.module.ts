import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SmsOutboxModule } from '../sms-outbox';
import { UsersModule } from '../users';
import { PhoneNumber } from './phone-number.entity';
import { MyPhonesController, UserPhonesController } from './phones.controller';
import { PhonesRepository } from './phones.repository';
import { PhonesService } from './phones.service';
import './phones.errors';

/** The tables this module owns. */
const ENTITIES = [PhoneNumber];

/** Users' phone numbers: registration, verification, the account behind an SMS sender. */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), UsersModule, SmsOutboxModule],
  controllers: [MyPhonesController, UserPhonesController],
  providers: [PhonesRepository, PhonesService],
  exports: [PhonesRepository, PhonesService],
})
export class PhonesModule {
  static readonly entities = ENTITIES;
}
