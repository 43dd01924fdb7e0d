import { Module } from '@nestjs/common';
import { NotificationsRepository } from './notifications.repository';

/** The notification table's writer (listing and marking read come with the notifications routes). */
@Module({
  providers: [NotificationsRepository],
  exports: [NotificationsRepository],
})
export class NotificationsModule {}
