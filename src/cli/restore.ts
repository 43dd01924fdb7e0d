/**
 * npm run restore -- --in FILE --identity KEYFILE [--erased REGISTER]
 * Restores a backup into an empty database (DATABASE_URL, or the embedded
 * one) and its keys into the keys folder, then verifies the audit chain.
 * A file altered in any way, a non-empty database or a keys folder holding
 * other keys is refused. The erasure register already in the keys folder,
 * the backup's and REGISTER (a copy kept elsewhere) are merged: every case
 * erased since the backup stays erased.
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
    console.error('usage: npm run restore -- --in FILE --identity KEYFILE [--erased REGISTER]');
    return 2;
  }
  const file = readFileSync(input);
  const identityPem = readFileSync(identity, 'utf8');
  const register = option('erased');
  const erasedText = register ? readFileSync(register, 'utf8') : undefined;
  const database = await commandDatabase(config);
  try {
    const { info, audit, erased } = await restoreBackup({
      file,
      identityPem,
      url: database.url,
      keysDir: config.keysDir,
      pgBinDir: config.pgBinDir,
      erased: erasedText,
    });
    console.log(
      `restore: backup of ${info.createdAt} (${info.method}, PostgreSQL ${info.serverVersion}) restored; keys in ${config.keysDir}`,
    );
    if (erased > 0)
      console.log(
        `restore: ${erased} case(s) erased since the backup: their data keys destroyed; the API finishes their erasure at its start`,
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
