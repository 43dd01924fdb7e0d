import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { generateBackupKeyPair } from '../../src/common/crypto/backup-envelope';
import { CaseKeys } from '../../src/common/crypto/case-keys';
import { ERASURE_REGISTER_FILE } from '../../src/common/crypto/erasure-register';
import { ERASED, FieldCipher } from '../../src/common/crypto/field-cipher';
import { KeyRingFileStore } from '../../src/common/crypto/key-ring';
import { createBackup, restoreBackup, RestoreRefusedError } from '../../src/database/backup/backup';
import {
  openCase,
  outsideReader,
  ringKeyOpensAny,
  secretsOf,
  storedValuesOf,
} from '../support/case-data';
import { bearer, Factory, login, TestUser } from '../support/factories';
import { markSteppedUp } from '../support/mission-orders';
import { ScratchDatabases } from '../support/scratch-databases';
import { startTestApp, TestApp } from '../support/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

/**
 * Issue 21: erasure survives a restore. A backup made before a case was
 * erased still holds that case's wrapped key; `npm run restore` merges the
 * erasure register of the keys folder (or one given with `--erased`) with the
 * backup's, destroys the listed cases' keys in the restored database, and the
 * application started on it finishes their erasure. The other case still reads.
 */
describe('erasure survives a restore (issue 21)', () => {
  let t: TestApp;
  let admin: TestUser;
  let mediator: TestUser;
  let gone: string;
  let kept: string;
  let backup: Buffer;
  const as: Record<string, Record<string, string>> = {};
  const pair = generateBackupKeyPair();
  const work = mkdtempSync(join(tmpdir(), 'toguna-erasure-restore-'));
  const scratch = new ScratchDatabases();

  /** The application started on the restored database: the erased case stays erased, the other reads. */
  async function expectErasedAfterStart(url: string, keysDir: string): Promise<void> {
    const r = await startTestApp({ TOGUNA_KEYS_DIR: keysDir }, { databaseUrl: url });
    try {
      const med = bearer((await login(r.http, mediator.username)).accessToken);
      const read = await r.http.get(`/api/v1/cases/${gone}`).set(med).expect(200);
      expect(read.body).toMatchObject({ locationDetail: ERASED, confidentialNotes: ERASED });
      expect(read.body.erasedAt).not.toBeNull();
      const people = await r.http.get(`/api/v1/cases/${gone}/participants`).set(med).expect(200);
      expect(people.body.items[0].realName).toBe(ERASED);
      const other = await r.http.get(`/api/v1/cases/${kept}`).set(med).expect(200);
      expect(other.body.locationDetail).toBe(secretsOf('kept').locationDetail);
      const otherPeople = await r.http
        .get(`/api/v1/cases/${kept}/participants`)
        .set(med)
        .expect(200);
      expect(otherPeople.body.items[0].realName).toBe(secretsOf('kept').realName);

      // Erased again at start: no key row holds a key, its clear text is cleared, one event of no actor.
      const { rows } = await r.db.query(
        `SELECT k.wrapped_key, c.erased_at IS NOT NULL AS erased, c.summary
           FROM case_data_key k JOIN dialogue_case c ON c.id = k.case_id WHERE k.case_id = $1`,
        [gone],
      );
      expect(rows).toEqual([{ wrapped_key: null, erased: true, summary: null }]);
      const { rows: parties } = await r.db.query('SELECT name FROM case_party WHERE case_id = $1', [
        gone,
      ]);
      expect(parties).toEqual([{ name: ERASED }]);
      const { rows: events } = await r.db.query(
        `SELECT actor_user_id FROM audit_event WHERE action = 'case.erase' AND entity_id = $1`,
        [gone],
      );
      expect(events).toEqual([{ actor_user_id: null }]);

      // Outside the application, with the restored database and keys folder: nothing opens it,
      // not even a reader that ignores the register; the other case still opens.
      const values = await storedValuesOf(r, gone);
      expect(values.length).toBeGreaterThanOrEqual(4);
      const { cipher, keys } = outsideReader(r);
      await keys.load([gone, kept]);
      for (const v of values) expect(cipher.decrypt(v.value, v)).toBe(ERASED);
      const bare = new FieldCipher(new KeyRingFileStore(keysDir));
      await new CaseKeys(r.app.get(DataSource), bare).load([gone]);
      for (const v of values) expect(bare.decrypt(v.value, v)).toBe(ERASED);
      expect(ringKeyOpensAny(keysDir, values)).toBe(false);
      const keptValues = (await storedValuesOf(r, kept)).map((v) => cipher.decrypt(v.value, v));
      expect(keptValues).toEqual(expect.arrayContaining(Object.values(secretsOf('kept'))));

      const verify = await r.http
        .get('/api/v1/audit/verify')
        .set(bearer((await login(r.http, admin.username)).accessToken))
        .expect(200);
      expect(verify.body).toMatchObject({ ok: true, firstBrokenSeq: null });
    } finally {
      await r.close();
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    const factory = new Factory(t.db);
    const commune = await factory.areaId('Dinangourou', 'commune');
    const association = await factory.association();
    admin = await factory.user('admin');
    const coordinator = await factory.user('coordinator', { associationId: association.id });
    mediator = await factory.user('mediator', { associationId: association.id });
    for (const [name, user] of Object.entries({ admin, coordinator, mediator })) {
      as[name] = bearer((await login(t.http, user.username)).accessToken);
    }
    gone = await openCase(t, as, commune, 'gone', true);
    kept = await openCase(t, as, commune, 'kept', true);
    ({ file: backup } = await createBackup({
      url: t.databaseUrl,
      keysDir: t.config.keysDir,
      recipientPem: pair.publicPem,
      snapshot: { method: 'copy' },
    }));
    // Erased after the backup: the backup still holds its wrapped key, and a register without it.
    await markSteppedUp(t, admin.id);
    await t.http.post(`/api/v1/cases/${gone}/erasure`).set(as.admin).expect(200);
  });
  afterAll(async () => {
    await t.close();
    await scratch.dropAll();
    rmSync(work, { recursive: true, force: true });
  });

  it('the backup file holds none of the seeded names', () => {
    for (const secret of [...Object.values(secretsOf('gone')), ...Object.values(secretsOf('kept'))])
      for (const encoding of ['utf8', 'latin1', 'utf16le'] as const)
        expect(backup.includes(Buffer.from(secret, encoding))).toBe(false);
  });

  it('restored with the live keys folder: its newer register is merged, not a clash, and the case stays erased', async () => {
    const live = join(work, 'keys-live');
    cpSync(t.config.keysDir, live, { recursive: true });
    const liveRegister = readFileSync(join(live, ERASURE_REGISTER_FILE), 'utf8');
    expect(liveRegister).toContain(gone);
    const url = await scratch.empty();
    const result = await restoreBackup({
      file: backup,
      identityPem: pair.privatePem,
      url,
      keysDir: live,
    });
    expect(result.audit.ok).toBe(true);
    expect(result.erased).toBe(1);
    expect(readFileSync(join(live, ERASURE_REGISTER_FILE), 'utf8')).toBe(liveRegister);
    // Before any start, the restored database no longer holds the case's key.
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        'SELECT case_id, wrapped_key IS NULL AS destroyed FROM case_data_key WHERE case_id = ANY($1)',
        [[gone, kept]],
      );
      expect(rows).toEqual(
        expect.arrayContaining([
          { case_id: gone, destroyed: true },
          { case_id: kept, destroyed: false },
        ]),
      );
    } finally {
      await client.end();
    }
    await expectErasedAfterStart(url, live);
  });

  it('refuses a register that is not one before restoring anything', async () => {
    const url = await scratch.empty();
    await expect(
      restoreBackup({
        file: backup,
        identityPem: pair.privatePem,
        url,
        keysDir: join(work, 'keys-bad-register'),
        erased: `${gone}\nBoureima Maïga\n`,
      }),
    ).rejects.toThrow(RestoreRefusedError);
    expect(await scratch.tablesIn(url)).toBe(0);
  });

  it('on a new machine: npm run restore -- --erased merges a register kept elsewhere', async () => {
    const files = join(work, 'operator');
    mkdirSync(files);
    const backupFile = join(files, 'old.tgbk');
    const identity = join(files, 'identity.pem');
    const register = join(files, 'erased-cases-copy.txt');
    writeFileSync(backupFile, backup);
    writeFileSync(identity, pair.privatePem);
    writeFileSync(register, readFileSync(join(t.config.keysDir, ERASURE_REGISTER_FILE)));
    const url = await scratch.empty();
    const keysDir = join(work, 'keys-new-machine');
    const restored = await run(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        'src/cli/restore.ts',
        ...['--in', backupFile, '--identity', identity, '--erased', register],
      ],
      {
        cwd: ROOT,
        env: { ...process.env, DATABASE_URL: url, TOGUNA_KEYS_DIR: keysDir },
      },
    );
    expect(restored.stdout).toMatch(/1 case\(s\) erased since the backup/);
    expect(restored.stdout).toMatch(/audit chain verified/);
    expect(readFileSync(join(keysDir, ERASURE_REGISTER_FILE), 'utf8')).toContain(gone);
    await expectErasedAfterStart(url, keysDir);
  });
});
