/** What the backups feature offers the features above it; the rest of its files are its own. */
export { BackupsModule } from './backups.module';
export { BACKUP_LOCK_KEY, ScheduledBackupsService } from './scheduled-backups.service';
