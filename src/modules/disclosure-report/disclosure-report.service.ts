import { existsSync, readdirSync } from 'node:fs';
import { Inject, Injectable } from '@nestjs/common';
import { FIELD_KEY_FILE } from '../../common/crypto/key-ring';
import { LOOKUP_KEY_FILE } from '../../common/crypto/lookup-hasher';
import { SIGNING_KEY_FILE } from '../../common/crypto/signing-key-ring';
import { REQUEST_HASH_KEY_FILE } from '../../common/http/idempotency/idempotency-key';
import { AppConfig, BACKUP_PUBLIC_KEY_FILE } from '../../config/app-config';
import { APP_CONFIG } from '../../config/config.module';
import { answers } from './disclosure-answers';
import { DisclosureReportRepository } from './disclosure-report.repository';
import { DisclosureReport, ReportColumn, ReportTable } from './dto/disclosure-report.dto';

/** The files of the keys folder and what each one opens. */
const KEY_PURPOSES: [string, string][] = [
  [FIELD_KEY_FILE, 'decrypts every encrypted column (and the stored idempotent responses)'],
  [LOOKUP_KEY_FILE, 'checks a guessed user name or client address against the sign-in counters'],
  [REQUEST_HASH_KEY_FILE, 'checks a guessed request against the idempotency records'],
  [
    'access-token.key',
    'signs access tokens: with it, anyone can act as any user until it is replaced',
  ],
  [SIGNING_KEY_FILE, 'signs mission-order credentials: with it, anyone can forge one'],
  [BACKUP_PUBLIC_KEY_FILE, 'public: encrypts backups; reads nothing'],
];

/**
 * "What we could hand over": every table of the database with each column's
 * protection at rest — from the entity declarations (@EncryptedColumn,
 * @Protected, @Retention) laid over the database's own catalogue, so a column
 * nobody declared shows up as `clear` — its row count, its retention, the
 * keys folder, and the three answers built from the same inventory.
 */
@Injectable()
export class DisclosureReportService {
  constructor(
    private readonly repository: DisclosureReportRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async build(now = new Date()): Promise<DisclosureReport> {
    const declared = new Map(
      this.repository.protectedColumns().map((c) => [`${c.table}.${c.column}`, c]),
    );
    const byTable = new Map<string, ReportColumn[]>();
    for (const { table, column, type } of await this.repository.catalogue()) {
      const found = declared.get(`${table}.${column}`);
      byTable.set(table, [
        ...(byTable.get(table) ?? []),
        { column, type, protection: found?.protection ?? 'clear', how: found?.how ?? null },
      ]);
    }
    const tables: ReportTable[] = [];
    for (const [table, columns] of byTable)
      tables.push({
        table,
        rows: await this.repository.rowCount(table),
        retention: this.repository.retention(table),
        columns,
      });
    const config = this.config;
    const present = existsSync(config.keysDir) ? readdirSync(config.keysDir) : [];
    return {
      generatedAt: now.toISOString(),
      tables,
      keys: KEY_PURPOSES.map(([file, purpose]) => ({
        file,
        purpose,
        present: present.includes(file),
      })),
      installation: [
        config.backupDir
          ? `Scheduled backups: every ${config.backupIntervalHours} h to ${config.backupDir}; the newest ${config.backupKeep} are kept.`
          : 'Scheduled backups: off (TOGUNA_BACKUP_DIR unset).',
        `Trusted devices: ${config.deviceTokenDays} days after their last sign-in.`,
        `Sessions: idle for ${Math.round(config.refreshTokenTtlSeconds / 3600)} h they can no longer be refreshed; the rows stay (session, refresh_token).`,
      ],
      answers: answers(tables),
    };
  }
}
