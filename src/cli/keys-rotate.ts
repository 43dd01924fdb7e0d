/**
 * npm run keys:rotate [-- --retire]
 * Adds a field-encryption key, makes it current and re-encrypts every
 * encrypted value under it while the API keeps serving. With --retire, the
 * older keys leave the ring once no value uses them (keep them while old
 * backups may need restoring).
 */
import { ALL_ENTITIES } from '../app.entities';
import { DataSource } from 'typeorm';
import { loadConfig } from '../config/app-config';
import { KeyRingFileStore } from '../common/crypto/key-ring';
import { rotateFieldKeys } from '../common/crypto/key-rotation';
import { dataSourceOptions } from '../database/data-source';
import { cliDatabase } from './cli-database';

async function main(): Promise<number> {
  const config = loadConfig();
  const retire = process.argv.includes('--retire');
  const database = await cliDatabase(config);
  const dataSource = new DataSource(dataSourceOptions(database.url, ALL_ENTITIES));
  await dataSource.initialize();
  try {
    const report = await rotateFieldKeys(dataSource, new KeyRingFileStore(config.keysDir), {
      retire,
      log: (line) => console.log(line),
    });
    console.log(
      `keys:rotate: current key ${report.newKeyId}; ${report.reencrypted} values re-encrypted; ` +
        `${report.remainingOnOldKeys} left on older keys; retired: ${report.retired.join(', ') || 'none'}`,
    );
    return report.remainingOnOldKeys === 0 ? 0 : 1;
  } finally {
    await dataSource.destroy();
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
