import { Module } from '@nestjs/common';
import { FollowUpRemindersService } from './follow-up-reminders.service';
import { NotificationsController } from './notifications.controller';
import { NotificationsRepository } from './notifications.repository';
import { NotificationsService } from './notifications.service';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Notification } from './notification.entity';
import { NotificationOutbox } from './notification-outbox.entity';
import { FollowUpReminder } from './follow-up-reminder.entity';

/** The tables this module owns. */
const ENTITIES = [Notification, NotificationOutbox, FollowUpReminder];

/**
 * In-app notifications: the writer (with its outbox rows) used by the modules
 * that cause them, the caller's list and read marks, and the follow-up
 * reminder job (TOGUNA_SCHEDULER_INTERVAL_SECONDS).
 */
@Module({
  imports: [TypeOrmModule.forFeature(ENTITIES)],
  controllers: [NotificationsController],
  providers: [NotificationsRepository, NotificationsService, FollowUpRemindersService],
  exports: [NotificationsRepository, FollowUpRemindersService],
})
export class NotificationsModule {
  static readonly entities = ENTITIES;
}
