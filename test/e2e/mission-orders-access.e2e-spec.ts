import { randomUUID } from 'node:crypto';
import { Role, ROLES } from '../../src/common/auth/role';
import { bearer, Factory, login, TestUser } from '../support/factories';
import { giveLegalIdentity, markSteppedUp } from '../support/mission-orders';
import {
  Caller,
  checkCell,
  expandMatrix,
  MatrixRow,
  MatrixTally,
  only,
  openApiOperations,
  operationOf,
} from '../support/role-matrix';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * S1, S2 and S3 for the mission-order routes of issue 5, against
 * shared/design/access.md: coordinators request for their association's
 * mediators and read its orders, mediators request for themselves and read
 * the orders they hold, officials read and decide the orders addressed to
 * their authority (step-up), admins nothing. Keys, revocations and verify
 * are public.
 */

const BASE = '/api/v1/mission-orders';
const OWNED_PATHS = [
  BASE,
  `${BASE}/{id}`,
  `${BASE}/{id}/approve`,
  `${BASE}/{id}/reject`,
  `${BASE}/{id}/revoke`,
  `${BASE}/{id}/credentials`,
  `${BASE}/{id}/document`,
  `${BASE}/revocations`,
  '/api/v1/verify/mission-orders/{token}',
  '/.well-known/mission-order-keys.json',
];

interface Ctx {
  t: TestApp;
  factory: Factory;
  associationId: string;
  authorityId: string;
  communeId: string;
  coordinator: TestUser;
  mediator: TestUser;
  official: TestUser;
  /** Approved, held by the mediator caller. */
  approvedId: string;
  /** Requested, of the association, not held by the mediator caller. */
  notHeldId: string;
  token: string;
}

const ALL_200: Record<Caller, number> = {
  admin: 200,
  coordinator: 200,
  mediator: 200,
  official: 200,
  anonymous: 200,
};

function body(ctx: Ctx, holder = ctx.mediator.id): Record<string, unknown> {
  return {
    authorityId: ctx.authorityId,
    holderUserIds: [holder],
    areaIds: [ctx.communeId],
    purpose: 'Matrix purpose',
    validFrom: new Date().toISOString(),
    validUntil: new Date(Date.now() + 10 * 86_400_000).toISOString(),
  };
}

async function order(ctx: Ctx, status: 'requested' | 'approved', holder?: string): Promise<string> {
  const coordinatorToken = (await login(ctx.t.http, ctx.coordinator.username)).accessToken;
  const res = await ctx.t.http.post(BASE).set(bearer(coordinatorToken)).send(body(ctx, holder));
  if (res.status !== 201) throw new Error(`order: ${res.status} ${JSON.stringify(res.body)}`);
  const id = res.body.id as string;
  if (status === 'approved') {
    await ctx.t.db.query(
      `UPDATE mission_order SET status = 'approved', decided_by = $2, decided_at = now() WHERE id = $1`,
      [id, ctx.official.id],
    );
  }
  return id;
}

async function orderRow(ctx: Ctx, id: string): Promise<unknown> {
  const { rows } = await ctx.t.db.query(
    `SELECT status, version, decided_by, decision_reason, revoked_at, purpose, association_id,
            (SELECT count(*)::int FROM mission_order_holder WHERE mission_order_id = $1) AS holders
       FROM mission_order WHERE id = $1`,
    [id],
  );
  return rows[0];
}

async function count(ctx: Ctx, table: string): Promise<number> {
  const { rows } = await ctx.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n;
}

const ROWS: MatrixRow<Ctx>[] = [
  {
    method: 'POST',
    path: BASE,
    expect: only({ coordinator: 201, mediator: 201 }),
    request: (ctx) => ({ body: body(ctx) }),
    snapshot: (ctx) => count(ctx, 'mission_order'),
  },
  { method: 'GET', path: BASE, expect: only({ coordinator: 200, mediator: 200, official: 200 }) },
  {
    method: 'GET',
    path: `${BASE}/{id}`,
    target: 'held by the mediator',
    expect: only({ coordinator: 200, mediator: 200, official: 200 }),
    request: (ctx) => ({ params: { id: ctx.approvedId } }),
  },
  {
    method: 'GET',
    path: `${BASE}/{id}`,
    target: 'own association, not held',
    expect: only({ coordinator: 200, mediator: 404, official: 200 }),
    request: (ctx) => ({ params: { id: ctx.notHeldId } }),
  },
  {
    method: 'POST',
    path: `${BASE}/{id}/approve`,
    expect: only({ official: 200 }),
    request: async (ctx) => ({ params: { id: await order(ctx, 'requested') } }),
    snapshot: (ctx) => count(ctx, "mission_order WHERE status = 'approved'"),
  },
  {
    method: 'POST',
    path: `${BASE}/{id}/reject`,
    expect: only({ official: 200 }),
    request: async (ctx) => ({
      params: { id: await order(ctx, 'requested') },
      body: { reason: 'matrix' },
    }),
    snapshot: (ctx) => count(ctx, "mission_order WHERE status = 'rejected'"),
  },
  {
    method: 'POST',
    path: `${BASE}/{id}/revoke`,
    expect: only({ official: 200 }),
    request: async (ctx) => ({
      params: { id: await order(ctx, 'approved') },
      body: { reason: 'matrix' },
    }),
    snapshot: (ctx) => count(ctx, "mission_order WHERE status = 'revoked'"),
  },
  {
    method: 'GET',
    path: `${BASE}/{id}/credentials`,
    expect: only({ coordinator: 200, mediator: 200, official: 200 }),
    request: (ctx) => ({ params: { id: ctx.approvedId } }),
  },
  {
    method: 'GET',
    path: `${BASE}/{id}/credentials`,
    target: 'not held',
    expect: only({ coordinator: 409, mediator: 404, official: 409 }),
    request: (ctx) => ({ params: { id: ctx.notHeldId } }),
  },
  {
    method: 'GET',
    path: `${BASE}/{id}/document`,
    expect: only({ coordinator: 200, mediator: 200, official: 200 }),
    request: (ctx) => ({
      params: { id: ctx.approvedId },
      query: { holderUserId: ctx.mediator.id },
    }),
  },
  { method: 'GET', path: `${BASE}/revocations`, expect: ALL_200 },
  { method: 'GET', path: '/.well-known/mission-order-keys.json', expect: ALL_200 },
  {
    method: 'GET',
    path: '/api/v1/verify/mission-orders/{token}',
    expect: ALL_200,
    request: (ctx) => ({ params: { token: ctx.token } }),
  },
];

describe('mission-order routes: access (S1, S2, S3)', () => {
  const ctx = {} as Ctx;
  const tokens = {} as Record<Role, string>;
  const tally = new MatrixTally();

  beforeAll(async () => {
    ctx.t = await startTestApp();
    ctx.factory = new Factory(ctx.t.db);
    const cercle = await ctx.factory.areaId('Koro', 'cercle');
    ctx.communeId = await ctx.factory.areaId('Dinangourou', 'commune');
    ctx.authorityId = (await ctx.factory.authority({ areaIds: [cercle] })).id;
    ctx.associationId = (await ctx.factory.association()).id;
    ctx.coordinator = await ctx.factory.user('coordinator', { associationId: ctx.associationId });
    ctx.mediator = await ctx.factory.user('mediator', { associationId: ctx.associationId });
    ctx.official = await ctx.factory.user('official', { authorityId: ctx.authorityId });
    const colleague = await ctx.factory.user('mediator', { associationId: ctx.associationId });
    await giveLegalIdentity(ctx.t, ctx.mediator.id, 'Matrix Holder', 'MX-1');
    const users: Record<Role, { username: string }> = {
      admin: await ctx.factory.user('admin'),
      coordinator: ctx.coordinator,
      mediator: ctx.mediator,
      official: ctx.official,
    };
    for (const role of ROLES)
      tokens[role] = (await login(ctx.t.http, users[role].username)).accessToken;
    await markSteppedUp(ctx.t, ctx.official.id);
    ctx.approvedId = await order(ctx, 'approved');
    ctx.notHeldId = await order(ctx, 'requested', colleague.id);
    const credentials = await ctx.t.http
      .get(`${BASE}/${ctx.approvedId}/credentials`)
      .set(bearer(tokens.coordinator))
      .expect(200);
    ctx.token = credentials.body[0].token as string;
  });

  afterAll(async () => {
    console.log(tally.summary('S1 mission-order routes'));
    await ctx.t?.close();
  });

  describe('S1: route × role', () => {
    it.each(expandMatrix(ROWS))('$name', (cell) => checkCell(ctx, tokens, tally, cell));

    it('tables every mission-order route of the OpenAPI document', async () => {
      const res = await ctx.t.http.get('/docs/openapi.json').expect(200);
      const documented = openApiOperations(res.body, [
        BASE,
        '/api/v1/verify/mission-orders',
        '/.well-known/mission-order-keys.json',
      ]).filter((op) => OWNED_PATHS.includes(op.split(' ')[1]));
      const tabled = [...new Set(ROWS.map(operationOf))].sort();
      expect(documented).toEqual(tabled);
    });
  });

  describe('S2: two associations, two authorities', () => {
    it('every actor of one side tries every order id of the other: 0 leaks, 0 changes, same answer as a random id', async () => {
      const f = ctx.factory;
      const cercle = await f.areaId('Bankass', 'cercle');
      const commune = await f.areaId('Baye', 'commune');
      const sides = await Promise.all(
        ['A', 'B'].map(async (name) => {
          const authority = await f.authority({ areaIds: [cercle] });
          const association = await f.association();
          const coordinator = await f.user('coordinator', { associationId: association.id });
          const mediator = await f.user('mediator', { associationId: association.id });
          const official = await f.user('official', { authorityId: authority.id });
          await giveLegalIdentity(ctx.t, mediator.id, `S2 ${name} holder`, `S2-${name}`);
          const asCoordinator = bearer((await login(ctx.t.http, coordinator.username)).accessToken);
          const ids: string[] = [];
          for (let i = 0; i < 3; i++) {
            const res = await ctx.t.http
              .post(BASE)
              .set(asCoordinator)
              .send({
                authorityId: authority.id,
                holderUserIds: [mediator.id],
                areaIds: [commune],
                purpose: `S2-${name}-secret`,
                validFrom: new Date().toISOString(),
                validUntil: new Date(Date.now() + 5 * 86_400_000).toISOString(),
              })
              .expect(201);
            ids.push(res.body.id as string);
          }
          // One approved, one rejected, one requested.
          await ctx.t.db.query(`UPDATE mission_order SET status = 'approved' WHERE id = $1`, [
            ids[0],
          ]);
          await ctx.t.db.query(`UPDATE mission_order SET status = 'rejected' WHERE id = $1`, [
            ids[1],
          ]);
          const users = await Promise.all(
            [coordinator, mediator, official].map(async (u) =>
              bearer((await login(ctx.t.http, u.username)).accessToken),
            ),
          );
          await markSteppedUp(ctx.t, official.id);
          return { name, ids, users, mediatorId: mediator.id };
        }),
      );
      const snapshot = (ids: string[]) => Promise.all(ids.map((id) => orderRow(ctx, id)));
      const strip = (b: Record<string, unknown>) => {
        const { requestId: _requestId, ...rest } = b;
        return rest;
      };
      const attempts = (id: string, holder: string, as: Record<string, string>) => [
        ctx.t.http.get(`${BASE}/${id}`).set(as),
        ctx.t.http.get(`${BASE}/${id}/credentials`).set(as),
        ctx.t.http.get(`${BASE}/${id}/document`).query({ holderUserId: holder }).set(as),
        ctx.t.http.post(`${BASE}/${id}/approve`).set(as),
        ctx.t.http.post(`${BASE}/${id}/reject`).set(as).send({ reason: 'x' }),
        ctx.t.http.post(`${BASE}/${id}/revoke`).set(as).send({ reason: 'x' }),
      ];
      let tries = 0;
      let leaks = 0;
      for (const [mine, theirs] of [
        [sides[0], sides[1]],
        [sides[1], sides[0]],
      ]) {
        const before = await snapshot(theirs.ids);
        for (const as of mine.users) {
          const reference = await Promise.all(attempts(randomUUID(), theirs.mediatorId, as));
          for (const id of theirs.ids) {
            const answers = await Promise.all(attempts(id, theirs.mediatorId, as));
            answers.forEach((res, i) => {
              tries++;
              if (res.status < 400 || res.status !== reference[i].status) leaks++;
              expect(res.status).toBe(reference[i].status);
              expect([403, 404]).toContain(res.status);
              expect(strip(res.body)).toEqual(strip(reference[i].body));
            });
          }
          for (const query of [{}, { status: 'approved' }, { status: 'rejected' }]) {
            const res = await ctx.t.http.get(BASE).set(as).query(query).expect(200);
            tries++;
            const found = (res.body.items as { id: string }[]).filter((o) =>
              theirs.ids.includes(o.id),
            );
            leaks += found.length;
            expect(found).toEqual([]);
          }
        }
        expect(await snapshot(theirs.ids)).toEqual(before);
      }
      console.log(
        `S2 mission-order routes: ${tries} cross-side attempts, ${leaks} leaks, 0 changes`,
      );
    });
  });

  describe('S3: smuggled body properties', () => {
    const smuggled = (c: Ctx) => ({
      id: c.approvedId,
      associationId: randomUUID(),
      status: 'approved',
      orderNumber: 'OM-2026-999999',
      version: 99,
      requestedBy: c.official.id,
      decidedBy: c.official.id,
      decidedAt: new Date().toISOString(),
      revokedAt: null,
      decisionReason: 'x',
    });

    it('create refuses each one (400) and creates nothing', async () => {
      for (const as of [tokens.coordinator, tokens.mediator]) {
        for (const [key, value] of Object.entries(smuggled(ctx))) {
          const before = await count(ctx, 'mission_order');
          const res = await ctx.t.http
            .post(BASE)
            .set(bearer(as))
            .send({ ...body(ctx), [key]: value });
          expect({ key, status: res.status, code: res.body.code }).toEqual({
            key,
            status: 400,
            code: 'validation_failed',
          });
          expect(res.body.errors).toEqual(
            expect.arrayContaining([expect.objectContaining({ field: key })]),
          );
          expect(await count(ctx, 'mission_order')).toBe(before);
        }
      }
    });

    it('reject and revoke refuse each one (400) and change nothing', async () => {
      const requestedId = await order(ctx, 'requested');
      const approvedId = await order(ctx, 'approved');
      for (const [key, value] of Object.entries(smuggled(ctx))) {
        for (const [action, id] of [
          ['reject', requestedId],
          ['revoke', approvedId],
        ]) {
          const before = await orderRow(ctx, id);
          const res = await ctx.t.http
            .post(`${BASE}/${id}/${action}`)
            .set(bearer(tokens.official))
            .send({ reason: 'S3', [key]: value });
          expect({ key, action, status: res.status }).toEqual({ key, action, status: 400 });
          expect(await orderRow(ctx, id)).toEqual(before);
        }
      }
    });
  });
});
