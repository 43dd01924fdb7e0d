import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { BackupFileError, generateBackupKeyPair } from '../../src/common/crypto/backup-envelope';
import { createBackup, restoreBackup, RestoreRefusedError } from '../../src/database/backup/backup';
import { findPgTool } from '../../src/database/backup/pg-tools';
import { BACKUP_LOCK_KEY, ScheduledBackupsService } from '../../src/modules/backups';
import { bearer, Factory, login, TestUser } from '../support/factories';
import { ScratchDatabases } from '../support/scratch-databases';
import { startTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/** What must never be readable in a backup file. */
const SECRETS = {
  realName: 'Boubacar Ag-Sidi Maïga',
  contact: '+223-66-SECRET-0917',
  locationDetail: 'Hameau de Tégou-Secret, derrière le puits',
};

/**
 * Backups that restore (npm run backup / restore): data in, backup, restore
 * into a new database, the application started on it reads the same case and
 * its audit chain verifies; a changed file, another identity, a non-empty
 * database are refused; the file holds no name in clear; scheduled backups
 * keep a count.
 */
describe('backup and restore', () => {
  let t: TestApp;
  let mediator: TestUser;
  let caseId: string;
  const pair = generateBackupKeyPair();
  const work = mkdtempSync(join(tmpdir(), 'toguna-backup-'));
  const scratch = new ScratchDatabases();

  /** The application started on a restored database reads the case as it was, and the chain verifies. */
  async function expectRestoredApp(url: string, keysDir: string): Promise<void> {
    const restored = await startTestApp({ TOGUNA_KEYS_DIR: keysDir }, { databaseUrl: url });
    try {
      const med = bearer((await login(restored.http, mediator.username)).accessToken);
      const found = await restored.http.get(`/api/v1/cases/${caseId}`).set(med).expect(200);
      expect(found.body.locationDetail).toBe(SECRETS.locationDetail);
      const people = await restored.http
        .get(`/api/v1/cases/${caseId}/participants`)
        .set(med)
        .expect(200);
      expect(people.body.items ?? people.body).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ realName: SECRETS.realName, contact: SECRETS.contact }),
        ]),
      );
      const admin = await new Factory(restored.db).user('admin');
      const verify = await restored.http
        .get('/api/v1/audit/verify')
        .set(bearer((await login(restored.http, admin.username)).accessToken))
        .expect(200);
      expect(verify.body).toMatchObject({ ok: true, firstBrokenSeq: null });
      expect(verify.body.checked).toBeGreaterThan(3);
    } finally {
      await restored.close();
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    const factory = new Factory(t.db);
    const association = await factory.association();
    mediator = await factory.user('mediator', { associationId: association.id });
    const med = bearer((await login(t.http, mediator.username)).accessToken);
    const created = await t.http
      .post('/api/v1/cases')
      .set(med)
      .send({
        codeName: 'Baobab-restore',
        areaId: await factory.areaId('Dinangourou', 'commune'),
        type: 'intercommunity',
        summary: 'Accès au puits',
        locationDetail: SECRETS.locationDetail,
      })
      .expect(201);
    caseId = created.body.id as string;
    await t.http
      .post(`/api/v1/cases/${caseId}/participants`)
      .set(med)
      .send({
        pseudonym: 'Karité',
        role: 'negotiator',
        consentToRecordIdentity: true,
        realName: SECRETS.realName,
        contact: SECRETS.contact,
      })
      .expect(201);
  });
  afterAll(async () => {
    await t.close();
    await scratch.dropAll();
    rmSync(work, { recursive: true, force: true });
  });

  it.each(['copy', 'auto'] as const)(
    'round trip (%s snapshot): the restored application reads the same case and its audit chain verifies',
    async (method) => {
      const { file, info } = await createBackup({
        url: t.databaseUrl,
        keysDir: t.config.keysDir,
        recipientPem: pair.publicPem,
        snapshot: { method },
      });
      // auto: pg_dump where one as new as the server is installed, the application's own copy otherwise.
      const { rows } = await t.db.query<{ v: string }>(
        "SELECT current_setting('server_version_num') AS v",
      );
      const pgDump = findPgTool('pg_dump', Math.floor(Number(rows[0].v) / 10000));
      expect(info.method).toBe(method === 'auto' && pgDump ? 'pg_dump' : 'copy');
      expect(info.keyFiles).toEqual(expect.arrayContaining(['field-keys.json']));
      for (const secret of [...Object.values(SECRETS), 'Baobab-restore', 'field-keys', 'enc:v1'])
        for (const encoding of ['utf8', 'latin1', 'utf16le'] as const)
          expect(file.includes(Buffer.from(secret, encoding))).toBe(false);

      const url = await scratch.empty();
      const keysDir = join(work, `keys-${method}`);
      const { audit } = await restoreBackup({ file, identityPem: pair.privatePem, url, keysDir });
      expect(audit.ok).toBe(true);
      expect(readFileSync(join(keysDir, 'field-keys.json'))).toEqual(
        readFileSync(join(t.config.keysDir, 'field-keys.json')),
      );
      await expectRestoredApp(url, keysDir);
    },
  );

  it('refuses a changed file, another identity, a non-empty database, a keys folder with other keys', async () => {
    const { file } = await createBackup({
      url: t.databaseUrl,
      keysDir: t.config.keysDir,
      recipientPem: pair.publicPem,
      snapshot: { method: 'copy' },
    });
    const url = await scratch.empty();
    const keysDir = join(work, 'keys-refused');
    for (const offset of [3, 40, Math.floor(file.length / 2), file.length - 1]) {
      const tampered = Buffer.from(file);
      tampered[offset] ^= 0x01;
      await expect(
        restoreBackup({ file: tampered, identityPem: pair.privatePem, url, keysDir }),
      ).rejects.toThrow(BackupFileError);
    }
    await expect(
      restoreBackup({
        file: file.subarray(0, file.length - 100),
        identityPem: pair.privatePem,
        url,
        keysDir,
      }),
    ).rejects.toThrow(BackupFileError);
    await expect(
      restoreBackup({ file, identityPem: generateBackupKeyPair().privatePem, url, keysDir }),
    ).rejects.toThrow(BackupFileError);
    expect(await scratch.tablesIn(url)).toBe(0);

    await expect(
      restoreBackup({ file, identityPem: pair.privatePem, url: t.databaseUrl, keysDir }),
    ).rejects.toThrow(RestoreRefusedError);
    const otherKeys = join(work, 'keys-other');
    mkdirSync(otherKeys);
    writeFileSync(join(otherKeys, 'field-keys.json'), '{"current":"another installation"}');
    await expect(
      restoreBackup({ file, identityPem: pair.privatePem, url, keysDir: otherKeys }),
    ).rejects.toThrow(/already holds other keys/);
    expect(await scratch.tablesIn(url)).toBe(0);
    await expect(
      createBackup({ url, keysDir, recipientPem: pair.publicPem, snapshot: { method: 'copy' } }),
    ).rejects.toThrow(/no Toguna schema/);

    // The new server's own backup public key is no clash: it stays, the rest is restored.
    const ownKeys = join(work, 'keys-own-recipient');
    mkdirSync(ownKeys);
    const own = generateBackupKeyPair().publicPem;
    writeFileSync(join(ownKeys, 'backup-recipient.pem'), own);
    writeFileSync(join(t.config.keysDir, 'backup-recipient.pem'), pair.publicPem);
    const { file: withRecipient } = await createBackup({
      url: t.databaseUrl,
      keysDir: t.config.keysDir,
      recipientPem: pair.publicPem,
      snapshot: { method: 'copy' },
    });
    const { audit } = await restoreBackup({
      file: withRecipient,
      identityPem: pair.privatePem,
      url,
      keysDir: ownKeys,
    });
    expect(audit.ok).toBe(true);
    expect(readFileSync(join(ownKeys, 'backup-recipient.pem'), 'utf8')).toBe(own);
    expect(readFileSync(join(ownKeys, 'field-keys.json'))).toEqual(
      readFileSync(join(t.config.keysDir, 'field-keys.json')),
    );
  });

  it('npm run backup:keygen, backup and restore: the commands an operator runs', async () => {
    const env = { ...process.env, DATABASE_URL: t.databaseUrl, TOGUNA_KEYS_DIR: t.config.keysDir };
    const command = (script: string, args: string[], extra: NodeJS.ProcessEnv = {}) =>
      run(process.execPath, ['-r', 'ts-node/register/transpile-only', script, ...args], {
        cwd: ROOT,
        env: { ...env, TS_NODE_TRANSPILE_ONLY: 'true', ...extra },
      });
    const publicKey = join(work, 'cli-recipient.pem');
    const identity = join(work, 'cli-identity.pem');
    const keygen = await command('src/cli/backup-keygen.ts', ['--identity', identity], {
      TOGUNA_BACKUP_PUBLIC_KEY: publicKey,
    });
    expect(keygen.stdout).toMatch(/OFF this server/);
    const out = join(work, 'cli.tgbk');
    await command('src/cli/backup.ts', ['--out', out], { TOGUNA_BACKUP_PUBLIC_KEY: publicKey });
    const bytes = readFileSync(out);
    expect(bytes.includes(Buffer.from(SECRETS.realName, 'utf8'))).toBe(false);

    const url = await scratch.empty();
    const keysDir = join(work, 'keys-cli');
    const restored = await command('src/cli/restore.ts', ['--in', out, '--identity', identity], {
      DATABASE_URL: url,
      TOGUNA_KEYS_DIR: keysDir,
    });
    expect(restored.stdout).toMatch(/audit chain verified/);
    await expectRestoredApp(url, keysDir);

    const tampered = join(work, 'cli-tampered.tgbk');
    const copy = Buffer.from(bytes);
    copy[copy.length - 20] ^= 0x80;
    writeFileSync(tampered, copy);
    await expect(
      command('src/cli/restore.ts', ['--in', tampered, '--identity', identity], {
        DATABASE_URL: await scratch.empty(),
        TOGUNA_KEYS_DIR: join(work, 'keys-cli-tampered'),
      }),
    ).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/altered/) });
  });

  it('scheduled backups: one per interval, under the lock, the newest TOGUNA_BACKUP_KEEP kept', async () => {
    const dir = join(work, 'scheduled');
    const recipient = join(work, 'scheduled-recipient.pem');
    writeFileSync(recipient, pair.publicPem);
    const app = await startTestApp(
      {
        TOGUNA_BACKUP_DIR: dir,
        TOGUNA_BACKUP_PUBLIC_KEY: recipient,
        TOGUNA_BACKUP_INTERVAL_HOURS: '24',
        TOGUNA_BACKUP_KEEP: '2',
      },
      { databaseUrl: t.databaseUrl },
    );
    try {
      const service = app.app.get(ScheduledBackupsService);
      // Started with a folder, the application makes its first backup at once (awaited here).
      await service.onApplicationShutdown();
      const hour = 3600 * 1000;
      const t0 = Date.now();
      const first = await service.runOnce(new Date(t0 + hour));
      expect(first.file).toBeNull(); // the backup made at start is less than 24 h old
      const second = await service.runOnce(new Date(t0 + 25 * hour));
      expect(second.file).not.toBeNull();

      const holder = new Client({ connectionString: t.databaseUrl });
      await holder.connect();
      try {
        await holder.query('SELECT pg_advisory_lock($1)', [BACKUP_LOCK_KEY]);
        expect((await service.runOnce(new Date(t0 + 100 * hour))).file).toBeNull();
      } finally {
        await holder.end();
      }
      const third = await service.runOnce(new Date(t0 + 100 * hour));
      expect(third.file).not.toBeNull();
      expect(third.removed).toHaveLength(1);

      const url = await scratch.empty();
      const { audit } = await restoreBackup({
        file: readFileSync(third.file!),
        identityPem: pair.privatePem,
        url,
        keysDir: join(work, 'keys-scheduled'),
      });
      expect(audit.ok).toBe(true);
    } finally {
      await app.close();
    }
  });
});
