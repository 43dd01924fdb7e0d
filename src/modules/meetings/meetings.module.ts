import { Module } from '@nestjs/common';
import { MissionOrdersModule } from '../mission-orders';
import { CaseMeetingsController, MeetingsController } from './meetings.controller';
import { MeetingRules } from './meeting-rules';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CasesModule } from '../cases';
import { Meeting } from './meeting.entity';
import { MeetingAttendee } from './meeting-attendee.entity';
import './meetings.errors';

/** The tables this module owns. */
const ENTITIES = [Meeting, MeetingAttendee];

/** Meetings of a dialogue case: schedule, list, read, update, outcome; no double booking. */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES), MissionOrdersModule, CasesModule],
  controllers: [CaseMeetingsController, MeetingsController],
  providers: [MeetingsRepository, MeetingRules, MeetingsService],
})
export class MeetingsModule {
  static readonly entities = ENTITIES;
}
