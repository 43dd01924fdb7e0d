/**
 * npm run backup:keygen [-- --identity FILE] [--force]
 * Makes the backup key pair (X25519): the public half goes where backups are
 * made (TOGUNA_BACKUP_PUBLIC_KEY, default <keys dir>/backup-recipient.pem);
 * the private half (the identity, default ./toguna-backup-identity.pem) is
 * what restores need, and must be kept off the server.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { generateBackupKeyPair } from '../common/crypto/backup-envelope';
import { loadConfig } from '../config/app-config';
import { option, runCommand } from './database';

function main(): Promise<number> {
  const config = loadConfig();
  const identity = resolve(option('identity') ?? 'toguna-backup-identity.pem');
  const force = process.argv.includes('--force');
  for (const file of [identity, config.backupPublicKeyFile])
    if (existsSync(file) && !force) {
      console.error(
        `backup:keygen: ${file} exists; backups made with its pair need it. --force replaces it.`,
      );
      return Promise.resolve(1);
    }
  const pair = generateBackupKeyPair();
  mkdirSync(dirname(identity), { recursive: true });
  writeFileSync(identity, pair.privatePem, { mode: 0o600 });
  mkdirSync(dirname(config.backupPublicKeyFile), { recursive: true, mode: 0o700 });
  writeFileSync(config.backupPublicKeyFile, pair.publicPem, { mode: 0o644 });
  console.log(
    `backup:keygen: public key (backups are encrypted to it): ${config.backupPublicKeyFile}`,
  );
  console.log(`backup:keygen: private key (restores need it):           ${identity}`);
  console.log(
    'Move the private key OFF this server now (an offline USB stick, a safe, two copies):\n' +
      'whoever holds it and a backup file can read every record. The server needs only the public key.',
  );
  return Promise.resolve(0);
}

runCommand(main);
