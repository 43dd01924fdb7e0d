/**
 * npm run backup -- --out FILE [--method auto|pg_dump|copy]
 * Writes an encrypted backup of the database (DATABASE_URL or the embedded
 * one) and of the keys folder, readable only with the backup private key.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../config/app-config';
import { createBackup } from '../database/backup/backup';
import { SnapshotMethod } from '../database/backup/snapshot';
import { commandDatabase, option, runCommand } from './database';

async function main(): Promise<number> {
  const config = loadConfig();
  const out = option('out');
  const method = option('method') ?? 'auto';
  if (!out || !['auto', 'pg_dump', 'copy'].includes(method)) {
    console.error('usage: npm run backup -- --out FILE [--method auto|pg_dump|copy]');
    return 2;
  }
  if (!existsSync(config.backupPublicKeyFile)) {
    console.error(
      `backup: no backup public key at ${config.backupPublicKeyFile}: run npm run backup:keygen (or set TOGUNA_BACKUP_PUBLIC_KEY)`,
    );
    return 1;
  }
  const database = await commandDatabase(config);
  try {
    const { file, info } = await createBackup({
      url: database.url,
      keysDir: config.keysDir,
      recipientPem: readFileSync(config.backupPublicKeyFile, 'utf8'),
      snapshot: { method: method as SnapshotMethod | 'auto', pgBinDir: config.pgBinDir },
    });
    writeFileSync(resolve(out), file, { mode: 0o600, flag: 'wx' });
    console.log(
      `backup: ${resolve(out)} (${file.length} bytes; ${info.method}, PostgreSQL ${info.serverVersion}; keys: ${info.keyFiles.join(', ')})`,
    );
    return 0;
  } finally {
    await database.close();
  }
}

runCommand(main);
