import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AuditSequencer1796660000000 } from '../../migrations/1796660000000-AuditSequencer';
import { auditHash } from '../../src/common/audit/audit-hash';
import { AuditSequencer } from '../../src/common/audit/audit-sequencer';
import { AuditRepository } from '../../src/common/audit/audit.repository';
import { AuditService } from '../../src/common/audit/audit.service';
import { dataSourceOptions } from '../../src/database/data-source';
import { bearer, Factory, login } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The audit trail's sequencer: writers insert unsealed events without a
 * shared lock, the sequencer seals committed events into the chain in batches.
 */
describe('audit sealing', () => {
  let t: TestApp;
  let audit: AuditService;
  let sequencer: AuditSequencer;
  let adminToken: string;

  const sealedSeq = async (id: string): Promise<number | null> =>
    (
      await t.db.query<{ seq: number | null }>(
        'SELECT seq::int AS seq FROM audit_event WHERE id = $1',
        [id],
      )
    ).rows[0].seq;
  const counts = async (): Promise<{ total: number; sealed: number; maxSeq: number }> =>
    (
      await t.db.query<{ total: number; sealed: number; maxSeq: number }>(
        `SELECT count(*)::int AS total, count(seq)::int AS sealed,
                coalesce(max(seq), 0)::int AS "maxSeq" FROM audit_event`,
      )
    ).rows[0];
  const event = (i: number) =>
    ({
      action: 'authz.denied',
      actorUserId: null,
      entityType: 'case',
      entityId: randomUUID(),
      details: { reason_code: `probe_${i}` },
    }) as const;

  beforeAll(async () => {
    t = await startTestApp({ TOGUNA_AUDIT_SEAL_INTERVAL_MS: '0' });
    audit = t.app.get(AuditService);
    sequencer = t.app.get(AuditSequencer);
    const admin = await new Factory(t.db).user('admin');
    adminToken = (await login(t.http, admin.username)).accessToken;
    await sequencer.sealOnce();
  });

  afterAll(async () => {
    if (t) await t.close();
  });

  it('an event not sealed yet is reported as unsealed, never as verified; sealing vouches for it', async () => {
    const before = await counts();
    const written = [];
    for (let i = 0; i < 3; i++) written.push(await audit.recordNow(event(i)));

    const verify = await t.http.get('/api/v1/audit/verify').set(bearer(adminToken)).expect(200);
    expect(verify.body).toEqual({
      ok: true,
      checked: before.sealed,
      firstBrokenSeq: null,
      unsealed: 3,
    });
    const list = await t.http.get('/api/v1/audit').set(bearer(adminToken)).expect(200);
    expect(list.body.items.slice(0, 3).map((e: { seq: unknown }) => e.seq)).toEqual([
      null,
      null,
      null,
    ]);

    expect(await sequencer.sealOnce()).toEqual({ ran: true, sealed: 3 });
    expect(await Promise.all(written.map((w) => sealedSeq(w.id)))).toEqual([
      before.sealed + 1,
      before.sealed + 2,
      before.sealed + 3,
    ]);
    expect(await audit.verify()).toEqual({
      ok: true,
      checked: before.sealed + 3,
      firstBrokenSeq: null,
      unsealed: 0,
    });
  });

  it('an event committed after later ones is sealed by a later batch, not skipped', async () => {
    const dataSource = t.app.get(DataSource);
    let commitLate!: () => void;
    const late = new Promise<void>((resolve) => (commitLate = resolve));
    let lateId: string | undefined;
    const slow = dataSource.transaction(async (tx) => {
      lateId = (await audit.record(tx, event(10))).id; // takes its id first
      await late; // …and commits last
    });
    while (lateId === undefined) await new Promise((r) => setTimeout(r, 5));
    const early = await audit.recordNow(event(11));
    expect(BigInt(early.id)).toBeGreaterThan(BigInt(lateId));

    await sequencer.sealOnce();
    const earlySeq = await sealedSeq(early.id);
    expect(earlySeq).not.toBeNull();
    expect((await audit.verify()).unsealed).toBe(0); // the open transaction's event is not visible

    commitLate();
    await slow;
    expect((await audit.verify()).unsealed).toBe(1);
    await sequencer.sealOnce();
    expect(await sealedSeq(lateId)).toBe(earlySeq! + 1);
    expect(await audit.verify()).toMatchObject({ ok: true, firstBrokenSeq: null, unsealed: 0 });
  });

  it('the timer seals a committed event within a second', async () => {
    const timed = new AuditSequencer(t.app.get(AuditRepository), t.app.get(DataSource), {
      auditSealIntervalMs: 200,
    });
    timed.onApplicationBootstrap();
    try {
      const { id } = await audit.recordNow(event(20));
      const start = Date.now();
      while ((await sealedSeq(id)) === null && Date.now() - start < 2000) {
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(await sealedSeq(id)).not.toBeNull();
      expect(Date.now() - start).toBeLessThan(1000);
    } finally {
      await timed.drain();
    }
  });

  it('the migration keeps a chain written the former way (seq and hash at insert) valid', async () => {
    await sequencer.sealOnce();
    const source = new DataSource(dataSourceOptions(t.databaseUrl));
    await source.initialize();
    const runner = source.createQueryRunner();
    const migration = new AuditSequencer1796660000000();
    try {
      await migration.down(runner);
      // As the former code wrote them: next seq, linked to the head, hashed at once.
      for (let i = 0; i < 3; i++) {
        const { rows } = await t.db.query<{ seq: string; hash: Buffer; now: Date }>(
          `SELECT seq, hash, date_trunc('milliseconds', clock_timestamp()) AS now
             FROM audit_event ORDER BY seq DESC LIMIT 1`,
        );
        const row = {
          seq: Number(rows[0].seq) + 1,
          occurredAt: rows[0].now,
          actorUserId: null,
          actorRole: null,
          action: 'auth.login_failed',
          entityType: 'user',
          entityId: null,
          associationId: null,
          requestId: null,
          details: { reason_code: 'invalid_credentials' },
          prevHash: rows[0].hash,
        };
        await t.db.query(
          `INSERT INTO audit_event (seq, occurred_at, actor_user_id, actor_role, action, entity_type,
             entity_id, association_id, request_id, details, prev_hash, hash)
           VALUES ($1, $2, NULL, NULL, $3, $4, NULL, NULL, NULL, $5, $6, $7)`,
          [
            row.seq,
            row.occurredAt,
            row.action,
            row.entityType,
            row.details,
            row.prevHash,
            auditHash(row),
          ],
        );
      }
      await migration.up(runner);
    } finally {
      await runner.release();
      await source.destroy();
    }
    const { sealed } = await counts();
    expect(await audit.verify()).toEqual({
      ok: true,
      checked: sealed,
      firstBrokenSeq: null,
      unsealed: 0,
    });
    // And the chain goes on from there.
    const { id } = await audit.recordNow(event(30));
    await sequencer.sealOnce();
    expect(await sealedSeq(id)).toBe(sealed + 1);
    expect((await audit.verify()).ok).toBe(true);
  });

  // Other app instances come last: in one process Passport keeps the last app's token check
  // (its keys), and the first app's tokens are then refused.
  it('two app instances writing and sealing at once: every event sealed exactly once, one valid chain', async () => {
    // Both instances seal every 20 ms while 400 events are written through both.
    const env = { TOGUNA_AUDIT_SEAL_INTERVAL_MS: '20' };
    const one = await startTestApp(env, { databaseUrl: t.databaseUrl });
    const two = await startTestApp(env, { databaseUrl: t.databaseUrl });
    try {
      const before = await counts();
      const writers = [one, two].map((app) => app.app.get(AuditService));
      const ids = (
        await Promise.all(
          Array.from({ length: 400 }, (_, i) => writers[i % 2].recordNow(event(100 + i))),
        )
      ).map((w) => w.id);
      const start = Date.now();
      while ((await counts()).sealed < before.total + ids.length && Date.now() - start < 5000) {
        await new Promise((r) => setTimeout(r, 50));
      }
      const after = await counts();
      expect(after).toEqual({
        total: before.total + 400,
        sealed: before.total + 400,
        maxSeq: before.total + 400,
      });
      const sealed = await t.db.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM audit_event WHERE id = ANY($1) AND seq IS NOT NULL',
        [ids],
      );
      expect(sealed.rows[0].n).toBe(400);
      expect(await audit.verify()).toEqual({
        ok: true,
        checked: after.sealed,
        firstBrokenSeq: null,
        unsealed: 0,
      });
    } finally {
      await one.close();
      await two.close();
    }
  });

  it('an instance that stops seals the events its last requests wrote', async () => {
    const other = await startTestApp(
      { TOGUNA_AUDIT_SEAL_INTERVAL_MS: '0' },
      { databaseUrl: t.databaseUrl },
    );
    const { id } = await other.app.get(AuditService).recordNow(event(999));
    await other.close();
    expect(await sealedSeq(id)).not.toBeNull();
  });
});
