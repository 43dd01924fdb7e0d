import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DataSource } from 'typeorm';
import { openBackup, sealBackup, BackupFileError } from '../../common/crypto/backup-envelope';
import { ERASURE_REGISTER_FILE } from '../../common/crypto/erasure-register';
import { AuditEvent } from '../../common/audit/audit-event.entity';
import { AuditRepository } from '../../common/audit/audit.repository';
import { AuditSequencer } from '../../common/audit/audit-sequencer';
import { AuditService } from '../../common/audit/audit.service';
import { AuditVerifyResponse } from '../../common/audit/audit.dto';
import { BACKUP_PUBLIC_KEY_FILE } from '../../config/app-config';
import { dataSourceOptions } from '../data-source';
import { destroyErasedKeys, mergedRegister } from './restore-erasures';
import { restoreSnapshot, RestoreRefusedError } from './restore-snapshot';
import { Snapshot, SnapshotManifest, SnapshotOptions, takeSnapshot } from './snapshot';

export { BackupFileError, RestoreRefusedError };

/** What a backup holds besides the rows: the keys folder, so that it can be read again. */
interface BackupManifest {
  format: 'toguna-backup';
  version: 1;
  createdAt: string;
  snapshot: SnapshotManifest;
  /** Every file of the keys folder (key rings, secrets), base64. */
  keys: Record<string, string>;
}

export interface BackupInfo {
  createdAt: string;
  method: SnapshotManifest['method'];
  serverVersion: string;
  keyFiles: string[];
}

function readKeysDir(keysDir: string): Record<string, string> {
  const keys: Record<string, string> = {};
  if (!existsSync(keysDir)) return keys;
  for (const name of readdirSync(keysDir).sort()) {
    const path = join(keysDir, name);
    if (name.endsWith('.tmp') || !lstatSync(path).isFile()) continue;
    keys[name] = readFileSync(path).toString('base64');
  }
  return keys;
}

function pack(manifest: BackupManifest, data: Buffer): Buffer {
  const head = Buffer.from(JSON.stringify(manifest), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(head.length);
  return gzipSync(Buffer.concat([length, head, data]));
}

function unpack(payload: Buffer): { manifest: BackupManifest; data: Buffer } {
  const plain = gunzipSync(payload);
  const length = plain.readUInt32BE(0);
  const manifest = JSON.parse(plain.subarray(4, 4 + length).toString('utf8')) as BackupManifest;
  if (manifest.format !== 'toguna-backup' || manifest.version !== 1)
    throw new BackupFileError('not a Toguna backup (v1)');
  return { manifest, data: plain.subarray(4 + length) };
}

/**
 * A backup of the database at `url` and of the keys folder, compressed and
 * sealed to the backup public key (backup-envelope.ts): the file can be
 * carried anywhere and only the private key's holder can read it.
 */
export async function createBackup(options: {
  url: string;
  keysDir: string;
  recipientPem: string;
  snapshot?: SnapshotOptions;
}): Promise<{ file: Buffer; info: BackupInfo }> {
  // The events written up to now go into the backup sealed (a database
  // without the schema is refused by the snapshot, with its own message).
  await withAuditEvents(options.url, async (events, dataSource) => {
    const [{ table }]: { table: string | null }[] = await dataSource.query(
      `SELECT to_regclass('audit_event')::text AS table`,
    );
    if (table) await new AuditSequencer(events, dataSource, { auditSealIntervalMs: 0 }).sealOnce();
  });
  const snapshot = await takeSnapshot(options.url, options.snapshot);
  const manifest: BackupManifest = {
    format: 'toguna-backup',
    version: 1,
    createdAt: new Date().toISOString(),
    snapshot: snapshot.manifest,
    keys: readKeysDir(options.keysDir),
  };
  return {
    file: sealBackup(pack(manifest, snapshot.data), options.recipientPem),
    info: infoOf(manifest),
  };
}

function infoOf(manifest: BackupManifest): BackupInfo {
  return {
    createdAt: manifest.createdAt,
    method: manifest.snapshot.method,
    serverVersion: manifest.snapshot.serverVersion,
    keyFiles: Object.keys(manifest.keys),
  };
}

/** Files of the keys folder that a restore keeps rather than overwrites. */
const KEPT_FILES = [BACKUP_PUBLIC_KEY_FILE, ERASURE_REGISTER_FILE];

/**
 * Refuses to overwrite a different key file: the keys folder may belong to
 * another installation. The backup public key (made for this server) and the
 * erasure register (merged, restore-erasures.ts) are no clash.
 */
function checkKeysDir(keysDir: string, keys: Record<string, string>): void {
  const clashes = Object.entries(keys)
    .filter(([name]) => !KEPT_FILES.includes(name) && existsSync(join(keysDir, name)))
    .filter(
      ([name, value]) => !readFileSync(join(keysDir, name)).equals(Buffer.from(value, 'base64')),
    )
    .map(([name]) => name);
  if (clashes.length > 0)
    throw new RestoreRefusedError(
      `the keys folder ${keysDir} already holds other keys (${clashes.join(', ')}): restore into an empty keys folder (TOGUNA_KEYS_DIR)`,
    );
}

function writeKeysDir(keysDir: string, keys: Record<string, string>, register: string): void {
  mkdirSync(keysDir, { recursive: true, mode: 0o700 });
  for (const [name, value] of Object.entries(keys)) {
    if (name === ERASURE_REGISTER_FILE) continue;
    if (name === BACKUP_PUBLIC_KEY_FILE && existsSync(join(keysDir, name))) continue;
    writeFileSync(join(keysDir, name), Buffer.from(value, 'base64'), { mode: 0o600 });
  }
  if (register.length > 0)
    writeFileSync(join(keysDir, ERASURE_REGISTER_FILE), register, { mode: 0o600 });
}

async function withAuditEvents<T>(
  url: string,
  work: (events: AuditRepository, dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = new DataSource(dataSourceOptions(url, [AuditEvent]));
  await dataSource.initialize();
  try {
    return await work(new AuditRepository(dataSource), dataSource);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * Walks the restored audit chain with the application's own verifier, after
 * sealing the events the backup held unsealed (written in its last moments;
 * nothing else writes to the restored database yet).
 */
export function verifyAuditChain(url: string): Promise<AuditVerifyResponse> {
  return withAuditEvents(url, async (events, dataSource) => {
    await new AuditSequencer(events, dataSource, { auditSealIntervalMs: 0 }).sealOnce();
    return new AuditService(events, dataSource).verify();
  });
}

/**
 * Decrypts and checks a backup file (any change to it is refused), restores
 * it into the empty database at `url` and its keys into `keysDir`, then
 * verifies the audit chain. Erasures are kept: the erasure register written
 * is the union of the one already in `keysDir`, the backup's and `erased`
 * (a register's text kept elsewhere), and the data keys of every case it
 * lists are destroyed in the restored database at once (`erased`: how many).
 */
export async function restoreBackup(options: {
  file: Buffer;
  identityPem: string;
  url: string;
  keysDir: string;
  pgBinDir?: string;
  erased?: string;
}): Promise<{ info: BackupInfo; audit: AuditVerifyResponse; erased: number }> {
  const { manifest, data } = unpack(openBackup(options.file, options.identityPem));
  checkKeysDir(options.keysDir, manifest.keys);
  const register = mergedRegister(options.keysDir, manifest.keys, options.erased);
  const snapshot: Snapshot = { manifest: manifest.snapshot, data };
  await restoreSnapshot(options.url, snapshot, { pgBinDir: options.pgBinDir });
  const erased = await destroyErasedKeys(options.url, register.ids);
  writeKeysDir(options.keysDir, manifest.keys, register.text);
  return { info: infoOf(manifest), audit: await verifyAuditChain(options.url), erased };
}
