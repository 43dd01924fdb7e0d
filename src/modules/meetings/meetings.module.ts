import { Module } from '@nestjs/common';
import { MissionOrdersModule } from '../mission-orders/mission-orders.module';
import { CaseMeetingsController, MeetingsController } from './meetings.controller';
import { MeetingsRepository } from './meetings.repository';
import { MeetingsService } from './meetings.service';

/** Meetings of a dialogue case: schedule, list, read, update, outcome; no double booking. */
@Module({
  imports: [MissionOrdersModule],
  controllers: [CaseMeetingsController, MeetingsController],
  providers: [MeetingsRepository, MeetingsService],
})
export class MeetingsModule {}
