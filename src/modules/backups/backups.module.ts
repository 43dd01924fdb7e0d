import { Module } from '@nestjs/common';
import { ScheduledBackupsService } from './scheduled-backups.service';

/** Scheduled encrypted backups to a folder (TOGUNA_BACKUP_DIR), with a retention count. */
@Module({ providers: [ScheduledBackupsService], exports: [ScheduledBackupsService] })
export class BackupsModule {}
