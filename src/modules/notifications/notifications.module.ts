import { Module } from '@nestjs/common';
import { FollowUpRemindersService } from './follow-up-reminders.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';

/**
 * In-app notifications: the writer (with its outbox rows) used by the modules
 * that cause them, the caller's list and read marks, and the follow-up
 * reminder job (TOGUNA_SCHEDULER_INTERVAL_SECONDS).
 */
@Module({
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, FollowUpRemindersService],
  exports: [NotificationsRepository, FollowUpRemindersService],
})
export class NotificationsModule {}
