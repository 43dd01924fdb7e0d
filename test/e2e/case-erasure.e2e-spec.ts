import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CaseKeys } from '../../src/common/crypto/case-keys';
import { ERASURE_REGISTER_FILE } from '../../src/common/crypto/erasure-register';
import { ERASED, FieldCipher } from '../../src/common/crypto/field-cipher';
import { KeyRingFileStore } from '../../src/common/crypto/key-ring';
import { rotateFieldKeys } from '../../src/common/crypto/key-rotation';
import { AccordFactory, DAY } from '../support/accords';
import {
  openCase as openCaseOf,
  outsideReader,
  ringKeyOpensAny,
  secretsOf,
  storedValuesOf,
} from '../support/case-data';
import { dumpDatabase } from '../support/dump';
import { bearer, Factory, login, TestUser } from '../support/factories';
import { markSteppedUp } from '../support/mission-orders';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 21, point 2: per-case data keys, erasure by key destruction,
 * retention. Each case's sensitive fields are under its own key; erasing a
 * case destroys that key, so its ciphertext stays but nothing (not even the
 * key ring) reads it any more, while every other case still reads.
 */

describe('per-case data keys and erasure (issue 21)', () => {
  let t: TestApp;
  let factory: Factory;
  let commune: string;
  let admin: TestUser;
  let coordinator: TestUser;
  let mediator: TestUser;
  const as: Record<string, Record<string, string>> = {};

  const openCase = (label: string, close: boolean) => openCaseOf(t, as, commune, label, close);

  const erase = (id: string, who = as.admin) => t.http.post(`/api/v1/cases/${id}/erasure`).set(who);

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
    commune = await factory.areaId('Dinangourou', 'commune');
    const association = await factory.association();
    admin = await factory.user('admin');
    coordinator = await factory.user('coordinator', { associationId: association.id });
    mediator = await factory.user('mediator', { associationId: association.id });
    const official = await factory.user('official');
    for (const [name, user] of Object.entries({ admin, coordinator, mediator, official })) {
      as[name] = bearer((await login(t.http, user.username)).accessToken);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('encrypts each case under its own data key, wrapped by the key ring; a dump holds no secret', async () => {
    const a = await openCase('keys-a', false);
    const b = await openCase('keys-b', false);
    const values = [...(await storedValuesOf(t, a)), ...(await storedValuesOf(t, b))];
    expect(values.length).toBeGreaterThanOrEqual(8);
    for (const v of values) expect(v.value).toMatch(/^enc:c1:/);
    expect((await storedValuesOf(t, a)).every((v) => v.value.startsWith(`enc:c1:${a}:`))).toBe(
      true,
    );
    const { rows } = await t.db.query<{ case_id: string; wrapped_key: string; key_id: string }>(
      'SELECT case_id, wrapped_key, key_id FROM case_data_key WHERE case_id = ANY($1)',
      [[a, b]],
    );
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.wrapped_key.startsWith(`enc:v1:${row.key_id}:`)).toBe(true);
    expect(rows[0].wrapped_key).not.toBe(rows[1].wrapped_key);
    const dump = await dumpDatabase(t.db, t.databaseUrl);
    for (const secret of [
      ...Object.values(secretsOf('keys-a')),
      ...Object.values(secretsOf('keys-b')),
    ])
      expect(dump.text).not.toContain(secret);
  });

  it('refuses erasure to non-admins (403), to an admin without step-up (403), of an active case (409)', async () => {
    const id = await openCase('refused', false);
    for (const who of ['coordinator', 'mediator', 'official']) {
      const res = await erase(id, as[who]).expect(403);
      expect(res.body.code).toBe('forbidden');
    }
    await t.http.post(`/api/v1/cases/${id}/erasure`).expect(401);
    const noStepUp = await erase(id).expect(403);
    expect(noStepUp.body.code).toBe('step_up_required');
    await markSteppedUp(t, admin.id);
    const active = await erase(id).expect(409);
    expect(active.body.code).toBe('case_still_active');
    await erase('6f1d1a4e-0000-4000-8000-000000000000').expect(404);
    const { rows } = await t.db.query(
      'SELECT 1 FROM case_data_key WHERE case_id = $1 AND destroyed_at IS NOT NULL',
      [id],
    );
    expect(rows).toHaveLength(0);
    const team = await t.http.get(`/api/v1/cases/${id}`).set(as.mediator).expect(200);
    expect(team.body.locationDetail).toBe(secretsOf('refused').locationDetail);
  });

  it('after erasure the case reads as erased everywhere, the ciphertext stays without a key, other cases still read', async () => {
    const gone = await openCase('gone', true);
    const kept = await openCase('kept', true);
    await new AccordFactory(t.db, coordinator.id).accord({
      caseId: gone,
      concludedAt: new Date(Date.now() - 30 * DAY),
    });
    const before = await storedValuesOf(t, gone);
    const stats = async () =>
      (await t.http.get('/api/v1/stats/accords?groupBy=region').set(as.admin).expect(200))
        .body as unknown;
    const statsBefore = await stats();

    await markSteppedUp(t, admin.id);
    const res = await erase(gone).expect(200);
    expect(res.body).toEqual({ id: gone, erasedAt: expect.any(String) });
    // Asked again: the same answer, nothing more destroyed.
    expect((await erase(gone).expect(200)).body).toEqual(res.body);

    // Through the API: a clear marker, never a 500.
    const read = await t.http.get(`/api/v1/cases/${gone}`).set(as.mediator).expect(200);
    expect(read.body).toMatchObject({
      locationDetail: ERASED,
      confidentialNotes: ERASED,
      summary: null,
      status: 'closed',
      erasedAt: res.body.erasedAt,
    });
    const participants = await t.http
      .get(`/api/v1/cases/${gone}/participants`)
      .set(as.mediator)
      .expect(200);
    expect(participants.body.items[0].realName).toBe(ERASED);
    const history = await t.http.get(`/api/v1/cases/${gone}/history`).set(as.mediator).expect(200);
    const reasons = (history.body.items as { reason?: string }[]).filter((i) => i.reason);
    expect(reasons.length).toBeGreaterThan(0);
    for (const item of reasons) expect(item.reason).toBe(ERASED);
    const other = await t.http.get(`/api/v1/cases/${kept}`).set(as.mediator).expect(200);
    expect(other.body.locationDetail).toBe(secretsOf('kept').locationDetail);
    expect(other.body.erasedAt).toBeNull();

    // In the database: the same ciphertext, its key row key-less; the case and its accord still counted.
    expect(await storedValuesOf(t, gone)).toEqual(before);
    const { rows: keyRows } = await t.db.query(
      'SELECT wrapped_key, key_id, destroyed_at FROM case_data_key WHERE case_id = $1',
      [gone],
    );
    expect(keyRows).toEqual([{ wrapped_key: null, key_id: null, destroyed_at: expect.any(Date) }]);
    expect(await stats()).toEqual(statsBefore);
    const { rows: counted } = await t.db.query(
      `SELECT (SELECT status FROM dialogue_case WHERE id = $1) AS status,
              (SELECT count(*)::int FROM accord WHERE case_id = $1) AS accords`,
      [gone],
    );
    expect(counted[0]).toEqual({ status: 'closed', accords: 1 });
    // What other modules keep in clear about it is cleared, the rows stay.
    const { rows: parties } = await t.db.query(
      'SELECT name, kind, description FROM case_party WHERE case_id = $1',
      [gone],
    );
    expect(parties).toEqual([{ name: ERASED, kind: 'community', description: null }]);
    const { rows: keptParties } = await t.db.query(
      'SELECT name FROM case_party WHERE case_id = $1',
      [kept],
    );
    expect(keptParties).toEqual([{ name: 'Party-kept' }]);

    // With the database and the key folder: nothing of the erased case, all of the other.
    const { cipher, keys } = outsideReader(t);
    await keys.load([gone, kept]);
    for (const v of before) expect(cipher.decrypt(v.value, v)).toBe(ERASED);
    expect(ringKeyOpensAny(t.config.keysDir, before)).toBe(false);
    const keptValues = await storedValuesOf(t, kept);
    const opened = keptValues.map((v) => cipher.decrypt(v.value, v));
    expect(opened).toEqual(expect.arrayContaining(Object.values(secretsOf('kept'))));

    // Nothing can be written to it again.
    await expect(t.app.get(CaseKeys).forWrite(gone)).rejects.toMatchObject({ code: 'case_erased' });

    // Audited, naming no one: ids and a count only.
    const { rows: events } = await t.db.query<{ actor_user_id: string; details: unknown }>(
      `SELECT actor_user_id, details FROM audit_event WHERE action = 'case.erase' AND entity_id = $1`,
      [gone],
    );
    expect(events).toHaveLength(1);
    expect(events[0].actor_user_id).toBe(admin.id);
    const trail = JSON.stringify((await t.db.query('SELECT * FROM audit_event')).rows);
    for (const secret of Object.values(secretsOf('gone'))) expect(trail).not.toContain(secret);
  });

  it('lists closed cases kept past TOGUNA_RETENTION_YEARS (default 5) for an admin; erased ones leave the list', async () => {
    const old = await openCase('old', true);
    const recent = await openCase('recent', true);
    const active = await openCase('active', false);
    await t.db.query(
      `UPDATE case_transition SET occurred_at = now() - interval '6 years'
        WHERE case_id = $1 AND to_status = 'closed'`,
      [old],
    );
    // A value still under the key ring (written before per-case keys): erasure shreds it too.
    const legacy = new FieldCipher(new KeyRingFileStore(t.config.keysDir));
    const where = { table: 'dialogue_case', column: 'confidential_notes', rowId: old };
    await t.db.query('UPDATE dialogue_case SET confidential_notes = $2 WHERE id = $1', [
      old,
      legacy.encrypt('Legacy-note-old', where),
    ]);

    for (const who of ['coordinator', 'mediator', 'official'])
      await t.http.get('/api/v1/admin/erasure-candidates').set(as[who]).expect(403);
    const listed = await t.http.get('/api/v1/admin/erasure-candidates').set(as.admin).expect(200);
    expect(listed.body.retentionYears).toBe(5);
    const ids = (listed.body.items as { id: string }[]).map((i) => i.id);
    expect(ids).toContain(old);
    expect(ids).not.toContain(recent);
    expect(ids).not.toContain(active);

    await markSteppedUp(t, admin.id);
    await erase(old).expect(200);
    const after = await t.http.get('/api/v1/admin/erasure-candidates').set(as.admin).expect(200);
    expect((after.body.items as { id: string }[]).map((i) => i.id)).not.toContain(old);
    const { rows } = await t.db.query<{ confidential_notes: string }>(
      'SELECT confidential_notes FROM dialogue_case WHERE id = $1',
      [old],
    );
    expect(rows[0].confidential_notes.startsWith(`enc:c1:${old}:`)).toBe(true);
    expect(() => legacy.decrypt(rows[0].confidential_notes, where)).toThrow();
    const read = await t.http.get(`/api/v1/cases/${old}`).set(as.mediator).expect(200);
    expect(read.body.confidentialNotes).toBe(ERASED);
  });

  it('key rotation rewraps every case key and moves values still under the ring to their case key', async () => {
    const id = await openCase('rotation', false);
    const legacy = new FieldCipher(new KeyRingFileStore(t.config.keysDir));
    const where = { table: 'dialogue_case', column: 'confidential_notes', rowId: id };
    await t.db.query('UPDATE dialogue_case SET confidential_notes = $2 WHERE id = $1', [
      id,
      legacy.encrypt('Legacy-note-rotation', where),
    ]);
    // Readable before the rotation (older rows stay readable)…
    const before = await t.http.get(`/api/v1/cases/${id}`).set(as.mediator).expect(200);
    expect(before.body.confidentialNotes).toBe('Legacy-note-rotation');

    const report = await rotateFieldKeys(
      t.app.get(DataSource),
      new KeyRingFileStore(t.config.keysDir),
      {
        retire: true,
        // Longer than the second within which instances re-read the ring.
        reloadWaitMs: 1500,
      },
    );
    expect(report.remainingOnOldKeys).toBe(0);
    expect(report.rewrapped).toBeGreaterThanOrEqual(1);
    expect(report.retired.length).toBeGreaterThanOrEqual(1);
    const { rows: keyRows } = await t.db.query<{
      wrapped_key: string | null;
      key_id: string | null;
    }>('SELECT wrapped_key, key_id FROM case_data_key');
    for (const row of keyRows.filter((r) => r.wrapped_key !== null)) {
      expect(row.key_id).toBe(report.newKeyId);
      expect(row.wrapped_key!.startsWith(`enc:v1:${report.newKeyId}:`)).toBe(true);
    }
    // Erased cases stay erased: no key came back.
    expect(keyRows.filter((r) => r.wrapped_key === null).length).toBeGreaterThanOrEqual(2);

    const { rows } = await t.db.query<{ confidential_notes: string }>(
      'SELECT confidential_notes FROM dialogue_case WHERE id = $1',
      [id],
    );
    expect(rows[0].confidential_notes.startsWith(`enc:c1:${id}:`)).toBe(true);
    // …and after it, under the case key, through the API and with a fresh reader.
    const after = await t.http.get(`/api/v1/cases/${id}`).set(as.mediator).expect(200);
    expect(after.body.confidentialNotes).toBe('Legacy-note-rotation');
    expect(after.body.locationDetail).toBe(secretsOf('rotation').locationDetail);
    const { cipher, keys } = outsideReader(t);
    await keys.load([id]);
    expect(cipher.decrypt(rows[0].confidential_notes, where)).toBe('Legacy-note-rotation');
  });

  it('another instance drops a data key it holds within a second of the erasure (the shared register)', async () => {
    const id = await openCase('elsewhere', true);
    const values = await storedValuesOf(t, id);
    // Another instance: its own key cache and register over the same database and keys folder.
    const other = outsideReader(t);
    await other.keys.load([id]);
    expect(values.map((v) => other.cipher.decrypt(v.value, v))).toEqual(
      expect.arrayContaining(Object.values(secretsOf('elsewhere'))),
    );
    await markSteppedUp(t, admin.id);
    await erase(id).expect(200);
    await new Promise((r) => setTimeout(r, 1100));
    // Its key was loaded a moment ago (kept a minute), yet the next load of the case forgets it.
    expect(other.cipher.caseKeys.get(id)).toBeInstanceOf(Buffer);
    await other.keys.load([id]);
    for (const v of values) expect(other.cipher.decrypt(v.value, v)).toBe(ERASED);
    expect(await other.keys.loadForWrite(id)).toBe(false);
  });

  it('a database restored from before the erasure does not bring the case back (erasure register)', async () => {
    const id = await openCase('restored', true);
    const { rows: saved } = await t.db.query<{ wrapped_key: string; key_id: string }>(
      'SELECT wrapped_key, key_id FROM case_data_key WHERE case_id = $1',
      [id],
    );
    const values = await storedValuesOf(t, id);
    await markSteppedUp(t, admin.id);
    await erase(id).expect(200);
    expect(readFileSync(join(t.config.keysDir, ERASURE_REGISTER_FILE), 'utf8')).toContain(id);

    // What a restore of a backup made before the erasure brings back: the wrapped key, no erasure.
    await t.db.query(
      'UPDATE case_data_key SET wrapped_key = $2, key_id = $3, destroyed_at = NULL WHERE case_id = $1',
      [id, saved[0].wrapped_key, saved[0].key_id],
    );
    await t.db.query('UPDATE dialogue_case SET erased_at = NULL WHERE id = $1', [id]);
    // Without the register the key would open it again; with it (the keys folder of today), no.
    const bare = new FieldCipher(new KeyRingFileStore(t.config.keysDir));
    await new CaseKeys(t.app.get(DataSource), bare).load([id]);
    expect(bare.decrypt(values[0].value, values[0])).not.toBe(ERASED);
    const { cipher, keys } = outsideReader(t);
    await keys.load([id]);
    for (const v of values) expect(cipher.decrypt(v.value, v)).toBe(ERASED);

    // An application started on that database with today's keys folder erases the case again
    // (last test of the file: two applications in one process share passport's strategies).
    const restarted = await startTestApp(
      { TOGUNA_KEYS_DIR: t.config.keysDir },
      { databaseUrl: t.databaseUrl },
    );
    try {
      const { rows } = await t.db.query(
        `SELECT k.wrapped_key, c.erased_at IS NOT NULL AS erased
           FROM case_data_key k JOIN dialogue_case c ON c.id = k.case_id WHERE k.case_id = $1`,
        [id],
      );
      expect(rows).toEqual([{ wrapped_key: null, erased: true }]);
      const { rows: events } = await t.db.query(
        `SELECT actor_user_id FROM audit_event WHERE action = 'case.erase' AND entity_id = $1 ORDER BY seq`,
        [id],
      );
      expect(events).toEqual([{ actor_user_id: admin.id }, { actor_user_id: null }]);
    } finally {
      await restarted.close();
    }
  });
});
