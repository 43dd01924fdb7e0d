import { KeyRingFileStore } from '../../src/common/crypto/key-ring';
import { rotateFieldKeys } from '../../src/common/crypto/key-rotation';
import { encryptedColumns } from '../../src/common/crypto/encrypted-columns';
import { DecryptionError } from '../../src/common/crypto/field-cipher';
import { UsersRepository } from '../../src/modules/users/users.repository';
import { DataSource } from 'typeorm';
import { dumpDatabase } from '../support/dump';
import { bearer, Factory, login } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Real-looking identities that must never appear in clear at rest. */
const IDENTITIES = [
  { legalName: 'Hamadoun Ousmane Dicko', idDocumentNumber: 'ML-NINA-7734190021' },
  { legalName: 'Fatoumata Bintou Guindo', idDocumentNumber: 'ML-NINA-5518820374' },
  { legalName: 'Aly Boubacar Sangaré', idDocumentNumber: 'ML-PASS-AA0918273' },
];

describe('field encryption at rest (S9)', () => {
  let t: TestApp;
  let admin: string;
  let associationId: string;
  const created: string[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    const factory = new Factory(t.db);
    const user = await factory.user('admin');
    admin = (await login(t.http, user.username)).accessToken;
    associationId = (await factory.association()).id;
    for (const [i, identity] of IDENTITIES.entries()) {
      const res = await t.http
        .post('/api/v1/users')
        .set(bearer(admin))
        .send({
          username: `holder-${i}`,
          displayName: `Holder ${i}`,
          role: 'mediator',
          associationId,
          password: 'Sévaré-river-2026',
          ...identity,
        })
        .expect(201);
      expect(res.body.hasLegalIdentity).toBe(true);
      created.push(res.body.id as string);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('knows every encrypted column from its @EncryptedColumn declaration (what key rotation walks)', () => {
    const declared = encryptedColumns(t.app.get(DataSource)).map((c) => `${c.table}.${c.column}`);
    expect(declared.sort()).toEqual(
      [
        'accord.summary',
        'accord_flag.reason',
        'accord_flag.resolution_note',
        'accord_term.text',
        'accord_term_revision.previous_text',
        'app_user.id_document_number',
        'app_user.legal_name',
        'app_user.totp_secret',
        'case_participant.contact',
        'case_participant.real_name',
        'case_transition.reason',
        'dialogue_case.confidential_notes',
        'dialogue_case.location_detail',
        'follow_up.note',
        'follow_up_assessment.note',
        'meeting.location_detail',
        'meeting.outcome_notes',
        'mission_order.decision_reason',
        'notification.message',
        'phone_number.number',
        'sms_inbound.reply',
        'sms_outbox.text',
        'sms_outbox.to_number',
      ].sort(),
    );
  });

  it('stores legal names and ID numbers as ciphertext, and a dump holds none of them', async () => {
    const { rows } = await t.db.query<{ legal_name: string; id_document_number: string }>(
      'SELECT legal_name, id_document_number FROM app_user WHERE id = ANY($1)',
      [created],
    );
    for (const row of rows) {
      expect(row.legal_name).toMatch(/^enc:v1:/);
      expect(row.id_document_number).toMatch(/^enc:v1:/);
    }
    const dump = await dumpDatabase(t.db, t.databaseUrl);
    const found = IDENTITIES.flatMap((i) => [
      i.legalName,
      i.idDocumentNumber,
      i.legalName.split(' ')[0],
    ]).filter((v) => dump.text.includes(v));
    console.log(
      `S9 plaintext in dump (${dump.tool}, ${dump.text.length} bytes): ${found.length} found`,
    );
    expect(found).toEqual([]);
  });

  it('decrypts for the owner row, and detects a flipped byte or a value moved to another row', async () => {
    const users = t.app.get(UsersRepository);
    await expect(users.readLegalIdentity(created[0])).resolves.toEqual(IDENTITIES[0]);

    // Flip one byte of the ciphertext body.
    const { rows } = await t.db.query<{ legal_name: string }>(
      'SELECT legal_name FROM app_user WHERE id = $1',
      [created[1]],
    );
    const [prefix, version, kid, body] = rows[0].legal_name.split(':');
    const raw = Buffer.from(body, 'base64url');
    raw[Math.floor(raw.length / 2)] ^= 0x01;
    await t.db.query('UPDATE app_user SET legal_name = $2 WHERE id = $1', [
      created[1],
      `${prefix}:${version}:${kid}:${raw.toString('base64url')}`,
    ]);
    await expect(users.readLegalIdentity(created[1])).rejects.toBeInstanceOf(DecryptionError);

    // Copy a valid value into another user's row.
    await t.db.query(
      'UPDATE app_user SET legal_name = (SELECT legal_name FROM app_user WHERE id = $1) WHERE id = $2',
      [created[0], created[2]],
    );
    await expect(users.readLegalIdentity(created[2])).rejects.toBeInstanceOf(DecryptionError);
  });
});

describe('key rotation while requests run (S9)', () => {
  let t: TestApp;
  let admin: string;
  let associationId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const factory = new Factory(t.db);
    admin = (await login(t.http, (await factory.user('admin')).username)).accessToken;
    associationId = (await factory.association()).id;
  });
  afterAll(async () => {
    await t.close();
  });

  it('re-encrypts every value under the new key with no failed request', async () => {
    const writes = (n: number, offset: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          t.http
            .post('/api/v1/users')
            .set(bearer(admin))
            .send({
              username: `rot-${offset + i}`,
              displayName: `Rotation ${offset + i}`,
              role: 'mediator',
              associationId,
              password: 'Sévaré-river-2026',
              legalName: `Legal Name ${offset + i}`,
              idDocumentNumber: `ID-${offset + i}`,
            }),
        ),
      );
    const before = await writes(10, 0);
    const oldKey = new KeyRingFileStore(t.config.keysDir).load().currentId;

    // Keep requests (writes and reads) going for the whole rotation.
    let stop = false;
    const statuses: number[] = [];
    const load = (async () => {
      let n = 100;
      while (!stop) {
        const [w, r] = await Promise.all([
          writes(2, n),
          t.http.get('/api/v1/users?limit=20').set(bearer(admin)),
        ]);
        statuses.push(...w.map((x) => x.status), r.status);
        n += 2;
      }
    })();
    let report;
    try {
      report = await rotateFieldKeys(
        t.app.get(DataSource),
        new KeyRingFileStore(t.config.keysDir),
        {
          retire: true,
          reloadWaitMs: 1500,
        },
      );
    } finally {
      stop = true;
      await load;
    }

    const failed = [...before.map((r) => r.status), ...statuses].filter((s) => s >= 400);
    let onOldKey = 0;
    for (const { table, column } of encryptedColumns(t.app.get(DataSource))) {
      const exists = await t.db.query(
        'SELECT 1 FROM information_schema.columns WHERE table_name = $1 AND column_name = $2',
        [table, column],
      );
      if (exists.rowCount === 0) continue;
      const { rows } = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM ${table} WHERE ${column} IS NOT NULL AND ${column} NOT LIKE $1`,
        [`enc:v1:${report.newKeyId}:%`],
      );
      onOldKey += rows[0].n;
    }
    console.log(
      `S9 key rotation under load: ${statuses.length + before.length} requests, ${failed.length} errors, ` +
        `${report.reencrypted} values re-encrypted, ${onOldKey} values on the retired key`,
    );
    expect(report.newKeyId).not.toBe(oldKey);
    expect(report.retired).toContain(oldKey);
    expect(failed).toEqual([]);
    expect(onOldKey).toBe(0);
    expect(statuses.length).toBeGreaterThan(0);
    // Values written before the rotation still read back through the new ring.
    const first = before[0].body as { id: string };
    await expect(t.app.get(UsersRepository).readLegalIdentity(first.id)).resolves.toEqual({
      legalName: 'Legal Name 0',
      idDocumentNumber: 'ID-0',
    });
  });
});
