/** What the notifications feature offers the features above it; the rest of its files are its own. */
export { NotificationsModule } from './notifications.module';
export { NotificationsRepository } from './notifications.repository';
