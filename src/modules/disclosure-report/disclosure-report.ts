import { existsSync, readdirSync } from 'node:fs';
import { DataSource } from 'typeorm';
import { FIELD_KEY_FILE } from '../../common/crypto/key-ring';
import { LOOKUP_KEY_FILE } from '../../common/crypto/lookup-hasher';
import { SIGNING_KEY_FILE } from '../../common/crypto/signing-key-ring';
import { REQUEST_HASH_KEY_FILE } from '../../common/http/idempotency/idempotency-key';
import { protectedColumns, retentionOf } from '../../common/inventory/data-inventory';
import { AppConfig, BACKUP_PUBLIC_KEY_FILE } from '../../config/app-config';
import { answers } from './disclosure-answers';
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
export async function buildDisclosureReport(
  dataSource: DataSource,
  config: AppConfig,
  now = new Date(),
): Promise<DisclosureReport> {
  const catalogue: { table: string; column: string; type: string }[] = await dataSource.query(
    `SELECT c.table_name AS "table", c.column_name AS "column", c.data_type AS "type"
       FROM information_schema.columns c
       JOIN information_schema.tables t
         ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
      ORDER BY c.table_name, c.ordinal_position`,
  );
  const declared = new Map(protectedColumns(dataSource).map((c) => [`${c.table}.${c.column}`, c]));
  const byTable = new Map<string, ReportColumn[]>();
  for (const { table, column, type } of catalogue) {
    const found = declared.get(`${table}.${column}`);
    byTable.set(table, [
      ...(byTable.get(table) ?? []),
      { column, type, protection: found?.protection ?? 'clear', how: found?.how ?? null },
    ]);
  }
  const tables: ReportTable[] = [];
  for (const [table, columns] of byTable) {
    const count: { n: number }[] = await dataSource.query(
      `SELECT count(*)::int AS n FROM "${table.replace(/"/g, '""')}"`,
    );
    tables.push({ table, rows: count[0].n, retention: retentionOf(dataSource, table), columns });
  }
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
