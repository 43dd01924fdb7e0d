import { ALL_ENTITIES } from '../../src/app.entities';
import {
  Body,
  CanActivate,
  Controller,
  ExecutionContext,
  Inject,
  Injectable,
  Post,
} from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import type { FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { auditHash } from '../../src/common/audit/audit-hash';
import { InvalidAuditEventError } from '../../src/common/audit/audit-input';
import { AuditSequencer } from '../../src/common/audit/audit-sequencer';
import { AuditRepository } from '../../src/common/audit/audit.repository';
import { AuditService } from '../../src/common/audit/audit.service';
import { registerRequestContext, setPrincipal } from '../../src/common/audit/request-context';
import { Role } from '../../src/common/auth/role';
import { dataSourceOptions } from '../../src/database/data-source';
import { bearer, Factory, login, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Stands in for the access guard until it is wired (the lead calls
 * setPrincipal from it): takes the caller from test headers.
 */
@Injectable()
class HeaderPrincipalGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<FastifyRequest>();
    setPrincipal({
      userId: req.headers['x-test-user'] as string,
      role: req.headers['x-test-role'] as Role,
      associationId: null,
    });
    return true;
  }
}

/** A handler that audits a sensitive read, as a service will. */
@Controller('probe')
class ProbeController {
  constructor(@Inject(AuditService) private readonly audit: AuditService) {}

  @Post()
  async read(@Body() body: { entityId: string; associationId: string }): Promise<{ id: string }> {
    await new Promise((r) => setTimeout(r, Math.random() * 10));
    const { id } = await this.audit.recordNow({
      action: 'user.read_sensitive',
      entityType: 'user',
      entityId: body.entityId,
      associationId: body.associationId,
      details: { fields: ['legalName', 'idDocumentNumber'] },
    });
    return { id };
  }
}

interface EventRow {
  id: string;
  seq: number | null;
  action: string;
  actor_user_id: string | null;
  actor_role: string | null;
  entity_id: string | null;
  association_id: string | null;
  request_id: string | null;
  details: Record<string, unknown>;
}

/** S10 (security.md): the hash-chained, append-only audit trail. */
describe('audit trail (S10)', () => {
  let t: TestApp;
  let audit: AuditService;
  let sequencer: AuditSequencer;
  let dataSource: DataSource;
  let associationA: string;
  let associationB: string;
  let coordinatorA: TestUser;
  const tokens: Record<
    'admin' | 'coordinatorA' | 'coordinatorB' | 'mediator' | 'official',
    string
  > = {} as never;
  let tamperScenarios = 0;
  let tamperUndetected = 0;

  const events = async (where = 'true', params: unknown[] = []): Promise<EventRow[]> =>
    (
      await t.db.query<EventRow>(
        `SELECT id, seq::int AS seq, action, actor_user_id, actor_role, entity_id, association_id,
                request_id, details
           FROM audit_event WHERE ${where} ORDER BY id`,
        params,
      )
    ).rows;
  const eventCount = async (): Promise<number> =>
    (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_event')).rows[0].n;

  /** A superuser connection with triggers off: what someone past the application could do. */
  async function pastTheTrigger<T>(work: (db: Client) => Promise<T>): Promise<T> {
    const db = new Client({ connectionString: t.databaseUrl });
    await db.connect();
    try {
      await db.query('SET session_replication_role = replica');
      return await work(db);
    } finally {
      await db.end();
    }
  }

  /**
   * Tampers with the sealed events `seqs`, checks that verify names
   * `expectedSeq`, then puts the rows back exactly.
   */
  async function tamper(
    seqs: number | number[],
    change: (db: Client) => Promise<unknown>,
    expectedSeq = Math.min(...[seqs].flat()),
  ): Promise<void> {
    const saved = (
      await t.db.query<{ id: string; row: unknown }>(
        'SELECT id, to_jsonb(e) AS row FROM audit_event e WHERE seq = ANY($1)',
        [[seqs].flat()],
      )
    ).rows;
    expect(saved).toHaveLength([seqs].flat().length);
    await pastTheTrigger(change);
    const result = await audit.verify();
    tamperScenarios++;
    if (result.ok) tamperUndetected++;
    expect(result).toEqual({
      ok: false,
      checked: expectedSeq - 1,
      firstBrokenSeq: expectedSeq,
      unsealed: 0,
    });
    // The same across batch boundaries (keyset pages of 4 events).
    expect(await audit.verify(4)).toEqual(result);
    await pastTheTrigger(async (db) => {
      await db.query('DELETE FROM audit_event WHERE id = ANY($1)', [saved.map((r) => r.id)]);
      for (const { row } of saved) {
        await db.query(
          'INSERT INTO audit_event SELECT * FROM jsonb_populate_record(NULL::audit_event, $1::jsonb)',
          [JSON.stringify(row)],
        );
      }
    });
    expect((await audit.verify()).ok).toBe(true);
  }

  beforeAll(async () => {
    // Sealing only when a test asks (sealOnce), except where a test starts a timer.
    t = await startTestApp({ TOGUNA_AUDIT_SEAL_INTERVAL_MS: '0' });
    audit = t.app.get(AuditService);
    sequencer = t.app.get(AuditSequencer);
    dataSource = t.app.get(DataSource);
    const factory = new Factory(t.db);
    associationA = (await factory.association()).id;
    associationB = (await factory.association()).id;
    const admin = await factory.user('admin');
    coordinatorA = await factory.user('coordinator', { associationId: associationA });
    const coordinatorB = await factory.user('coordinator', { associationId: associationB });
    const mediator = await factory.user('mediator', { associationId: associationA });
    const official = await factory.user('official');
    tokens.admin = (await login(t.http, admin.username)).accessToken;
    tokens.coordinatorA = (await login(t.http, coordinatorA.username)).accessToken;
    tokens.coordinatorB = (await login(t.http, coordinatorB.username)).accessToken;
    tokens.mediator = (await login(t.http, mediator.username)).accessToken;
    tokens.official = (await login(t.http, official.username)).accessToken;
  });

  afterAll(async () => {
    // tamperScenarios: 10 (6 edits, 2 deletions, 1 reorder, 1 edit with a recomputed hash), asserted below.
    if (t) {
      console.log(
        `S10 audit chain: ${await eventCount()} events, tamper undetected ${tamperUndetected}`,
      );
      await t.close();
    }
  });

  describe('writing', () => {
    it('record(tx) commits with the change it describes, and a rollback leaves no event', async () => {
      const committed = await dataSource.transaction(async (tx) => {
        await tx.query('UPDATE association SET registration_number = $1 WHERE id = $2', [
          'REC-2025-014',
          associationA,
        ]);
        return audit.record(tx, {
          action: 'association.update',
          entityType: 'association',
          entityId: associationA,
          associationId: associationA,
          actorUserId: coordinatorA.id,
          actorRole: 'coordinator',
          details: { fields: ['registrationNumber'] },
        });
      });
      const [event] = await events('id = $1', [committed.id]);
      expect(event).toMatchObject({
        action: 'association.update',
        entity_id: associationA,
        actor_user_id: coordinatorA.id,
        actor_role: 'coordinator',
        request_id: null, // no request context here
        details: { fields: ['registrationNumber'] },
      });

      const before = await eventCount();
      const marker = randomUUID();
      await expect(
        dataSource.transaction(async (tx) => {
          await tx.query('UPDATE association SET registration_number = $1 WHERE id = $2', [
            'REC-ROLLED-BACK',
            associationB,
          ]);
          await audit.record(tx, {
            action: 'association.update',
            entityType: 'association',
            entityId: marker,
            associationId: associationB,
          });
          throw new Error('the business rule failed after the event was written');
        }),
      ).rejects.toThrow('the business rule failed');
      expect(await eventCount()).toBe(before);
      expect(await events('entity_id = $1', [marker])).toEqual([]);
      const { rows } = await t.db.query(
        'SELECT registration_number FROM association WHERE id = $1',
        [associationB],
      );
      expect(rows[0].registration_number).toBeNull();

      // The rolled-back event is never sealed: the next sealed seq follows the last, no gap.
      await sequencer.sealOnce();
      const next = await audit.recordNow({ action: 'auth.login', entityType: 'user' });
      await sequencer.sealOnce();
      expect((await events('id = $1', [next.id]))[0].seq).toBe(before + 1);
    });

    it('record needs an open transaction; a value in details is refused and writes nothing', async () => {
      const before = await eventCount();
      await expect(audit.record(dataSource.manager, { action: 'user.create' })).rejects.toThrow(
        /open transaction/,
      );
      await expect(
        audit.recordNow({
          action: 'user.update',
          details: { legalName: 'Hamadoun Ousmane Dicko' } as never,
        }),
      ).rejects.toThrow(InvalidAuditEventError);
      await expect(
        audit.recordNow({ action: 'user.update', details: { fields: ['Hamadoun Ousmane Dicko'] } }),
      ).rejects.toThrow(InvalidAuditEventError);
      expect(await eventCount()).toBe(before);
    });

    it('20 concurrent recordNow (two instances sealing meanwhile) and 10 business transactions: one gapless, valid chain', async () => {
      // A second API instance: its own connection pool, AuditService and sequencer on the same database.
      const otherDataSource = new DataSource(dataSourceOptions(t.databaseUrl, ALL_ENTITIES));
      await otherDataSource.initialize();
      const otherEvents = new AuditRepository(otherDataSource);
      const otherInstance = new AuditService(otherEvents, otherDataSource);
      const otherSequencer = new AuditSequencer(otherEvents, otherDataSource, {
        auditSealIntervalMs: 0,
      });
      const before = await eventCount();
      const writes = [
        ...Array.from({ length: 20 }, (_, i) =>
          (i % 2 ? otherInstance : audit).recordNow({
            action: i % 2 ? 'auth.login_failed' : 'authz.denied',
            actorUserId: null,
            associationId: i % 4 === 0 ? associationA : null,
            details: { reason_code: i % 2 ? 'invalid_credentials' : 'forbidden' },
          }),
        ),
        ...Array.from({ length: 10 }, (_, i) =>
          dataSource.transaction((tx) =>
            audit.record(tx, {
              action: 'user.create',
              entityType: 'user',
              entityId: randomUUID(),
              associationId: i % 2 ? associationA : associationB,
              details: { fields: ['username', 'displayName', 'role'], role: 'mediator' },
            }),
          ),
        ),
        ...Array.from({ length: 6 }, (_, i) => (i % 2 ? otherSequencer : sequencer).sealOnce()),
      ];
      await Promise.all(writes);
      await otherSequencer.sealOnce().finally(() => otherDataSource.destroy());

      const total = await eventCount();
      expect(total).toBe(before + 30);
      const seqs = (await events()).map((e) => e.seq);
      expect([...seqs].sort((a, b) => a! - b!)).toEqual(
        Array.from({ length: total }, (_, i) => i + 1),
      );
      const ok = { ok: true, checked: total, firstBrokenSeq: null, unsealed: 0 };
      expect(await audit.verify()).toEqual(ok);
      for (const batchSize of [1, 7, total, total + 1]) {
        expect(await audit.verify(batchSize)).toEqual(ok);
      }
    });

    it('a real request through Fastify and Nest: the event carries its X-Request-Id and caller', async () => {
      const moduleRef = await Test.createTestingModule({
        controllers: [ProbeController],
        providers: [
          { provide: AuditService, useValue: audit },
          { provide: APP_GUARD, useClass: HeaderPrincipalGuard },
        ],
      }).compile();
      const probe = moduleRef.createNestApplication<NestFastifyApplication>(
        new FastifyAdapter({
          genReqId: (req: { headers: Record<string, string | string[] | undefined> }) =>
            (req.headers['x-request-id'] as string | undefined) ?? randomUUID(),
        }),
        { logger: false },
      );
      registerRequestContext(probe.getHttpAdapter().getInstance());
      await probe.init();
      await probe.getHttpAdapter().getInstance().ready();
      try {
        const calls = Array.from({ length: 10 }, async (_, i) => {
          const requestId = `probe-${i}-${randomUUID()}`;
          const userId = randomUUID();
          const entityId = randomUUID();
          const res = await request(probe.getHttpServer())
            .post('/probe')
            .set({ 'x-request-id': requestId, 'x-test-user': userId, 'x-test-role': 'coordinator' })
            .send({ entityId, associationId: associationA });
          expect(res.status).toBe(201);
          return { id: res.body.id as string, requestId, userId, entityId };
        });
        for (const call of await Promise.all(calls)) {
          const [event] = await events('id = $1', [call.id]);
          expect(event).toMatchObject({
            action: 'user.read_sensitive',
            request_id: call.requestId,
            actor_user_id: call.userId,
            actor_role: 'coordinator',
            entity_id: call.entityId,
          });
        }
      } finally {
        await probe.close();
      }
      expect((await audit.verify()).ok).toBe(true);
    });
  });

  describe('reading', () => {
    beforeAll(() => sequencer.sealOnce());

    it('GET /audit/verify: admin → ok; other roles 403, anonymous 401', async () => {
      const total = await eventCount();
      const res = await t.http.get('/api/v1/audit/verify').set(bearer(tokens.admin)).expect(200);
      expect(res.body.ok).toBe(true);
      expect(res.body.firstBrokenSeq).toBeNull();
      expect(res.body.checked).toBeGreaterThanOrEqual(total);
      for (const role of ['coordinatorA', 'mediator', 'official'] as const) {
        const refused = await t.http.get('/api/v1/audit/verify').set(bearer(tokens[role]));
        expect(refused.status).toBe(403);
        expect(refused.body.code).toBe('forbidden');
      }
      const anonymous = await t.http.get('/api/v1/audit/verify');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.code).toBe('unauthenticated');
    });

    it('GET /audit as admin: every event, newest first, metadata only, page by page', async () => {
      const all = await events();
      const seen: Record<string, unknown>[] = [];
      let cursor: string | null = null;
      do {
        const res: request.Response = await t.http
          .get('/api/v1/audit')
          .query({ limit: 7, ...(cursor ? { cursor } : {}) })
          .set(bearer(tokens.admin))
          .expect(200);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      // In the order written, newest first; events written meanwhile come on top, never in between.
      const seqs = seen.map((e) => e.seq);
      expect(seqs.slice(seqs.length - all.length)).toEqual(all.map((e) => e.seq).reverse());
      for (const item of seen) {
        expect(item).not.toHaveProperty('details');
        expect(Object.keys(item).sort()).toEqual(
          [
            'action',
            'actorRole',
            'actorUserId',
            'associationId',
            'entityId',
            'entityType',
            'occurredAt',
            'requestId',
            'seq',
          ].sort(),
        );
      }
      const first = seen.find((e) => e.seq === 1)!;
      expect(first.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

      const filtered = await t.http
        .get('/api/v1/audit')
        .query({ entityId: associationA.toUpperCase() })
        .set(bearer(tokens.admin))
        .expect(200);
      expect(filtered.body.items.map((e: { seq: number }) => e.seq)).toEqual(
        all
          .filter((e) => e.entity_id === associationA)
          .map((e) => e.seq)
          .reverse(),
      );
      expect(filtered.body.items.length).toBeGreaterThan(0);
    });

    it('GET /audit as a coordinator: only their association, with details', async () => {
      const ofA = (await events('association_id = $1', [associationA])).reverse();
      expect(ofA.length).toBeGreaterThan(3);
      const res = await t.http
        .get('/api/v1/audit')
        .query({ limit: 100 })
        .set(bearer(tokens.coordinatorA))
        .expect(200);
      expect(res.body.items.map((e: { seq: number }) => e.seq)).toEqual(ofA.map((e) => e.seq));
      for (const [i, item] of (res.body.items as Record<string, unknown>[]).entries()) {
        expect(item.associationId).toBe(associationA);
        expect(item.details).toEqual(ofA[i].details);
      }

      const ofB = await events('association_id = $1', [associationB]);
      expect(ofB.length).toBeGreaterThan(0);
      const other = await t.http
        .get('/api/v1/audit')
        .query({ entityId: ofB[0].entity_id! })
        .set(bearer(tokens.coordinatorA))
        .expect(200);
      expect(other.body).toEqual({ items: [], nextCursor: null });

      const b = await t.http.get('/api/v1/audit').set(bearer(tokens.coordinatorB)).expect(200);
      expect(b.body.items.map((e: { seq: number }) => e.seq)).toEqual(
        ofB.map((e) => e.seq).reverse(),
      );
    });

    it('GET /audit: mediator and official 403, anonymous 401, bad query 400', async () => {
      for (const role of ['mediator', 'official'] as const) {
        const res = await t.http.get('/api/v1/audit').set(bearer(tokens[role]));
        expect(res.status).toBe(403);
        expect(res.body.code).toBe('forbidden');
      }
      const anonymous = await t.http.get('/api/v1/audit');
      expect(anonymous.status).toBe(401);
      for (const query of [
        { cursor: 'not-a-cursor' },
        { cursor: Buffer.from('["x"]').toString('base64url') },
        { entityId: 'nope' },
        { limit: 0 },
        { other: 1 },
      ]) {
        const res = await t.http.get('/api/v1/audit').query(query).set(bearer(tokens.admin));
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('validation_failed');
      }
    });
  });

  describe('tampering', () => {
    beforeAll(() => sequencer.sealOnce());

    it('the application connection cannot UPDATE, DELETE or TRUNCATE an event', async () => {
      const before = await events('seq = 2');
      await expect(
        t.db.query("UPDATE audit_event SET action = 'user.delete' WHERE seq = 2"),
      ).rejects.toThrow('audit_event is append-only');
      await expect(t.db.query('DELETE FROM audit_event WHERE seq = 2')).rejects.toThrow(
        'audit_event is append-only',
      );
      await expect(t.db.query('TRUNCATE audit_event')).rejects.toThrow(
        'audit_event is append-only',
      );
      expect(await events('seq = 2')).toEqual(before);
      expect((await audit.verify()).ok).toBe(true);
    });

    it('the application connection can seal an unsealed event once, and change nothing else', async () => {
      const { id } = await audit.recordNow({ action: 'auth.login', entityType: 'user' });
      const seal = "seq = 1000000, prev_hash = '\\x00', hash = '\\x01'";
      for (const update of [
        `UPDATE audit_event SET ${seal}, action = 'auth.logout' WHERE id = $1`,
        `UPDATE audit_event SET action = 'auth.logout' WHERE id = $1`,
        `UPDATE audit_event SET seq = 1000000 WHERE id = $1`,
      ]) {
        await expect(t.db.query(update, [id])).rejects.toThrow(/append-only|ck_audit_event_sealed/);
      }
      await expect(
        t.db.query('UPDATE audit_event SET seq = NULL, hash = NULL WHERE seq = 2'),
      ).rejects.toThrow('audit_event is append-only');
      await expect(
        t.db.query('UPDATE audit_event SET seq = seq + 1000000 WHERE seq = 2'),
      ).rejects.toThrow('audit_event is append-only');
      await sequencer.sealOnce();
      await expect(
        t.db.query(`UPDATE audit_event SET ${seal} WHERE id = $1`, [id]),
      ).rejects.toThrow('audit_event is append-only');
      expect((await audit.verify()).ok).toBe(true);
    });

    it('an edited row past the trigger: verify names it (service and HTTP)', async () => {
      const total = await eventCount();
      const middle = Math.floor(total / 2);
      await tamper(middle, async (db) => {
        await db.query("UPDATE audit_event SET action = 'auth.login' WHERE seq = $1", [middle]);
        const res = await t.http.get('/api/v1/audit/verify').set(bearer(tokens.admin)).expect(200);
        expect(res.body).toEqual({
          ok: false,
          checked: middle - 1,
          firstBrokenSeq: middle,
          unsealed: 0,
        });
      });
      await tamper(5, (db) =>
        db.query(`UPDATE audit_event SET details = '{"fields":["role"]}' WHERE seq = 5`),
      );
      await tamper(6, (db) =>
        db.query(
          "UPDATE audit_event SET occurred_at = occurred_at + interval '1 millisecond' WHERE seq = 6",
        ),
      );
      await tamper(7, (db) =>
        db.query('UPDATE audit_event SET actor_user_id = $1 WHERE seq = 7', [randomUUID()]),
      );
      await tamper(8, (db) =>
        db.query('UPDATE audit_event SET association_id = $1 WHERE seq = 8', [randomUUID()]),
      );
      await tamper(total, (db) =>
        db.query("UPDATE audit_event SET request_id = 'forged-request' WHERE seq = $1", [total]),
      );
    });

    it('a deleted row past the trigger: verify names the missing seq', async () => {
      const total = await eventCount();
      const middle = Math.floor(total / 2) + 1;
      await tamper(middle, (db) => db.query('DELETE FROM audit_event WHERE seq = $1', [middle]));
      await tamper(1, (db) => db.query('DELETE FROM audit_event WHERE seq = 1'));
    });

    it('two sealed events swapped past the trigger: verify names the first of them', async () => {
      await tamper([4, 9], async (db) => {
        await db.query('UPDATE audit_event SET seq = -4 WHERE seq = 4');
        await db.query('UPDATE audit_event SET seq = 4 WHERE seq = 9');
        await db.query('UPDATE audit_event SET seq = 9 WHERE seq = -4');
      });
    });

    it('an edited row whose hash was recomputed: the next row no longer links to it', async () => {
      const seq = 3;
      await tamper(
        seq,
        async (db) => {
          const { rows } = await db.query<{ row: Record<string, unknown> }>(
            `SELECT seq::int, occurred_at, actor_user_id, actor_role, entity_type, entity_id,
                    association_id, request_id, details, prev_hash
               FROM audit_event WHERE seq = $1`,
            [seq],
          );
          const r = rows[0] as unknown as Record<string, never>;
          const forged = {
            seq,
            occurredAt: r.occurred_at as Date,
            actorUserId: r.actor_user_id,
            actorRole: r.actor_role,
            action: 'user.disable',
            entityType: r.entity_type,
            entityId: r.entity_id,
            associationId: r.association_id,
            requestId: r.request_id,
            details: r.details,
            prevHash: r.prev_hash,
          };
          await db.query('UPDATE audit_event SET action = $1, hash = $2 WHERE seq = $3', [
            forged.action,
            auditHash(forged),
            seq,
          ]);
        },
        seq + 1,
      );
    });

    it('after every tamper was undone, the chain verifies again', async () => {
      const total = await eventCount();
      expect(await audit.verify()).toEqual({
        ok: true,
        checked: total,
        firstBrokenSeq: null,
        unsealed: 0,
      });
      expect(tamperScenarios).toBe(10);
      expect(tamperUndetected).toBe(0);
    });
  });
});
