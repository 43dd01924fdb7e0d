/**
 * npm run restore -- --in FILE --identity KEYFILE
 * Restores a backup into an empty database (DATABASE_URL, or the embedded
 * one) and its keys into an empty keys folder, then verifies the audit chain.
 * A file altered in any way, a non-empty database or a keys folder holding
 * other keys is refused.
 */
import { readFileSync } from 'node:fs';
import { loadConfig } from '../config/app-config';
import { restoreBackup } from '../database/backup/backup';
import { commandDatabase, option, runCommand } from './database';

async function main(): Promise<number> {
  const config = loadConfig();
  const input = option('in');
  const identity = option('identity');
  if (!input || !identity) {
    console.error('usage: npm run restore -- --in FILE --identity KEYFILE');
    return 2;
  }
  const file = readFileSync(input);
  const identityPem = readFileSync(identity, 'utf8');
  const database = await commandDatabase(config);
  try {
    const { info, audit } = await restoreBackup({
      file,
      identityPem,
      url: database.url,
      keysDir: config.keysDir,
      pgBinDir: config.pgBinDir,
    });
    console.log(
      `restore: backup of ${info.createdAt} (${info.method}, PostgreSQL ${info.serverVersion}) restored; keys in ${config.keysDir}`,
    );
    if (!audit.ok) {
      console.error(
        `restore: the audit chain is BROKEN at event ${audit.firstBrokenSeq} (${audit.checked} events verified before it)`,
      );
      return 1;
    }
    console.log(`restore: audit chain verified (${audit.checked} events)`);
    return 0;
  } finally {
    await database.close();
  }
}

runCommand(main);
