import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';

import { AppConfig } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { ADVISORY_LOCKS } from '../../common/advisory-locks';
import { createBackup } from '../../database/backup/backup';
import { IntervalJob, withJobLock } from '../../database/scheduled-jobs';
import { Transactions } from '../../database/transactions';

/** The key of the transaction-scoped advisory lock one scheduled backup holds. */
export const BACKUP_LOCK_KEY = ADVISORY_LOCKS.scheduledBackups;
/** How often the schedule is looked at (a backup is due once the newest file is older than the interval). */
const CHECK_EVERY_MS = 10 * 60 * 1000;
const FILE_PATTERN = /^toguna-backup-\d{8}T\d{6}Z\.tgbk$/;

export interface ScheduledBackupResult {
  /** The file written; null when another instance held the lock or the newest backup is recent. */
  file: string | null;
  /** Older backups deleted to keep TOGUNA_BACKUP_KEEP. */
  removed: string[];
}

/** `toguna-backup-20261207T174000Z.tgbk`: names sort in time order. */
export function backupFileName(at: Date): string {
  return `toguna-backup-${at
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')}.tgbk`;
}

/**
 * Scheduled backups (TOGUNA_BACKUP_DIR): every TOGUNA_BACKUP_INTERVAL_HOURS an
 * encrypted backup (as `npm run backup`) is written to the folder, and only
 * the newest TOGUNA_BACKUP_KEEP are kept. Safe with several API instances: a
 * run takes a transaction-scoped advisory lock (another instance skips), and
 * a backup younger than the interval in the folder means nothing is due.
 */
@Injectable()
export class ScheduledBackupsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ScheduledBackupsService.name);
  private readonly job = new IntervalJob('scheduled backup', async () => {
    const result = await this.runOnce();
    if (result.file) this.logger.log(`backup written: ${result.file}`);
  });

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly transactions: Transactions,
    private readonly dataSource: DataSource,
  ) {}

  onApplicationBootstrap(): void {
    if (!this.config.backupDir) return;
    if (!existsSync(this.config.backupPublicKeyFile))
      this.logger.error(
        `scheduled backups are on but there is no backup public key at ${this.config.backupPublicKeyFile} (npm run backup:keygen)`,
      );
    this.job.start(CHECK_EVERY_MS, { now: true });
  }

  onApplicationShutdown(): Promise<void> {
    return this.job.stop();
  }

  /** The backups of the folder, oldest first. */
  private backups(dir: string): string[] {
    return readdirSync(dir)
      .filter((name) => FILE_PATTERN.test(name))
      .sort();
  }

  /** One run (also called directly by tests): a backup if one is due, then the retention. */
  async runOnce(now: Date = new Date()): Promise<ScheduledBackupResult> {
    const dir = this.config.backupDir;
    if (!dir) return { file: null, removed: [] };
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const recipientPem = readFileSync(this.config.backupPublicKeyFile, 'utf8');
    const result = await withJobLock(this.transactions, BACKUP_LOCK_KEY, async () => {
      const newest = this.backups(dir).at(-1);
      const dueAfter = this.config.backupIntervalHours * 3600 * 1000;
      if (newest && now.getTime() - statSync(join(dir, newest)).mtimeMs < dueAfter)
        return { file: null, removed: [] };
      const { file } = await createBackup({
        url: (this.dataSource.options as { url?: string }).url!,
        keysDir: this.config.keysDir,
        recipientPem,
        snapshot: { pgBinDir: this.config.pgBinDir },
      });
      const path = join(dir, backupFileName(now));
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, file, { mode: 0o600 });
      renameSync(tmp, path);
      const all = this.backups(dir);
      const removed = all.slice(0, Math.max(0, all.length - this.config.backupKeep));
      for (const name of removed) rmSync(join(dir, name), { force: true });
      return { file: path, removed };
    });
    return result ?? { file: null, removed: [] };
  }
}
