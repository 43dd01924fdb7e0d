import { randomUUID } from 'node:crypto';
import { Role, ROLES } from '../../src/common/auth/role';
import { bearer, Factory, login, TestUser } from '../support/factories';
import {
  expandMatrix,
  MatrixRow,
  MatrixTally,
  only,
  openApiOperations,
  operationOf,
  checkCell,
} from '../support/role-matrix';
import { markSteppedUp } from '../support/mission-orders';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * S1, S2 and S3 for the case routes of issue 4 part A (create, list, read,
 * update, transition, history), against shared/design/access.md:
 * coordinators act on their association's cases, mediators on their team's
 * (never closing one), admins and officials on none; admins alone erase a
 * closed case (issue 21, after step-up) and list those past retention.
 */

const CASE_PATHS = [
  '/api/v1/cases',
  '/api/v1/cases/{id}',
  '/api/v1/cases/{id}/transitions',
  '/api/v1/cases/{id}/history',
  '/api/v1/cases/{id}/erasure',
  '/api/v1/admin/erasure-candidates',
];

interface Ctx {
  t: TestApp;
  factory: Factory;
  associationId: string;
  communeId: string;
  coordinator: TestUser;
  mediator: TestUser;
  admin: TestUser;
  /** A case whose team the mediator caller is on. */
  teamCaseId: string;
  /** A case of the same association the mediator caller is not on. */
  otherTeamCaseId: string;
}

const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

async function caseRow(ctx: Ctx, id: string): Promise<unknown> {
  const { rows } = await ctx.t.db.query(
    `SELECT code_name, summary, status, version, association_id, location_detail,
            (SELECT count(*)::int FROM case_transition WHERE case_id = $1) AS transitions,
            (SELECT count(*)::int FROM case_team_member WHERE case_id = $1) AS team
       FROM dialogue_case WHERE id = $1`,
    [id],
  );
  return rows[0];
}

async function count(ctx: Ctx, table: string): Promise<number> {
  const { rows } = await ctx.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n;
}

async function ifMatch(ctx: Ctx, id: string): Promise<Record<string, string>> {
  const { rows } = await ctx.t.db.query<{ version: number }>(
    'SELECT version FROM dialogue_case WHERE id = $1',
    [id],
  );
  return { 'if-match': `W/"${rows[0]?.version ?? 1}"` };
}

/** A move that is valid from the case's current status (monitoring ⇄ breaking_down). */
async function toggle(ctx: Ctx, id: string): Promise<{ to: string; reason: string }> {
  const { rows } = await ctx.t.db.query<{ status: string }>(
    'SELECT status FROM dialogue_case WHERE id = $1',
    [id],
  );
  return { to: rows[0].status === 'monitoring' ? 'breaking_down' : 'monitoring', reason: 'matrix' };
}

async function freshMonitoringCase(ctx: Ctx): Promise<string> {
  return (
    await ctx.factory.dialogueCase({
      associationId: ctx.associationId,
      areaId: ctx.communeId,
      createdBy: ctx.coordinator.id,
      status: 'monitoring',
      team: [{ userId: ctx.mediator.id, lead: true }],
    })
  ).id;
}

async function freshClosedCase(ctx: Ctx): Promise<string> {
  return (
    await ctx.factory.dialogueCase({
      associationId: ctx.associationId,
      areaId: ctx.communeId,
      createdBy: ctx.coordinator.id,
      status: 'closed',
      team: [{ userId: ctx.mediator.id, lead: true }],
    })
  ).id;
}

const ROWS: MatrixRow<Ctx>[] = [
  {
    method: 'POST',
    path: '/api/v1/cases',
    expect: only({ coordinator: 201, mediator: 201 }),
    request: (ctx) => ({
      body: { codeName: unique('Matrix'), areaId: ctx.communeId, type: 'other' },
    }),
    snapshot: (ctx) => count(ctx, 'dialogue_case'),
  },
  { method: 'GET', path: '/api/v1/cases', expect: only({ coordinator: 200, mediator: 200 }) },
  {
    method: 'GET',
    path: '/api/v1/cases/{id}',
    target: 'team case',
    expect: only({ coordinator: 200, mediator: 200 }),
    request: (ctx) => ({ params: { id: ctx.teamCaseId } }),
  },
  {
    method: 'GET',
    path: '/api/v1/cases/{id}',
    target: 'own association, not on the team',
    expect: only({ coordinator: 200, mediator: 404 }),
    request: (ctx) => ({ params: { id: ctx.otherTeamCaseId } }),
  },
  {
    method: 'PATCH',
    path: '/api/v1/cases/{id}',
    target: 'team case',
    expect: only({ coordinator: 200, mediator: 200 }),
    request: async (ctx) => ({
      params: { id: ctx.teamCaseId },
      headers: await ifMatch(ctx, ctx.teamCaseId),
      body: { summary: unique('Summary') },
    }),
    snapshot: (ctx) => caseRow(ctx, ctx.teamCaseId),
  },
  {
    method: 'PATCH',
    path: '/api/v1/cases/{id}',
    target: 'sensitive field of a team case',
    expect: only({ coordinator: 403, mediator: 200 }),
    request: async (ctx) => ({
      params: { id: ctx.teamCaseId },
      headers: await ifMatch(ctx, ctx.teamCaseId),
      body: { locationDetail: unique('Place') },
    }),
    snapshot: (ctx) => caseRow(ctx, ctx.teamCaseId),
  },
  {
    method: 'PATCH',
    path: '/api/v1/cases/{id}',
    target: 'own association, not on the team',
    expect: only({ coordinator: 200, mediator: 404 }),
    request: async (ctx) => ({
      params: { id: ctx.otherTeamCaseId },
      headers: await ifMatch(ctx, ctx.otherTeamCaseId),
      body: { summary: unique('Summary') },
    }),
    snapshot: (ctx) => caseRow(ctx, ctx.otherTeamCaseId),
  },
  {
    method: 'POST',
    path: '/api/v1/cases/{id}/transitions',
    target: 'team case',
    expect: only({ coordinator: 200, mediator: 200 }),
    request: async (ctx) => ({
      params: { id: ctx.teamCaseId },
      body: await toggle(ctx, ctx.teamCaseId),
    }),
    snapshot: (ctx) => caseRow(ctx, ctx.teamCaseId),
  },
  {
    method: 'POST',
    path: '/api/v1/cases/{id}/transitions',
    target: 'to closed',
    expect: only({ coordinator: 200, mediator: 403 }),
    request: async (ctx) => ({
      params: { id: await freshMonitoringCase(ctx) },
      body: { to: 'closed', reason: 'matrix' },
    }),
    snapshot: (ctx) => count(ctx, 'case_transition'),
  },
  {
    method: 'POST',
    path: '/api/v1/cases/{id}/transitions',
    target: 'own association, not on the team',
    expect: only({ coordinator: 200, mediator: 404 }),
    request: async (ctx) => ({
      params: { id: ctx.otherTeamCaseId },
      body: await toggle(ctx, ctx.otherTeamCaseId),
    }),
    snapshot: (ctx) => caseRow(ctx, ctx.otherTeamCaseId),
  },
  {
    method: 'GET',
    path: '/api/v1/cases/{id}/history',
    target: 'team case',
    expect: only({ coordinator: 200, mediator: 200 }),
    request: (ctx) => ({ params: { id: ctx.teamCaseId } }),
  },
  {
    method: 'GET',
    path: '/api/v1/cases/{id}/history',
    target: 'own association, not on the team',
    expect: only({ coordinator: 200, mediator: 404 }),
    request: (ctx) => ({ params: { id: ctx.otherTeamCaseId } }),
  },
  {
    method: 'POST',
    path: '/api/v1/cases/{id}/erasure',
    target: 'closed case, admin stepped up',
    expect: only({ admin: 200 }),
    request: async (ctx) => {
      await markSteppedUp(ctx.t, ctx.admin.id);
      return { params: { id: await freshClosedCase(ctx) } };
    },
    snapshot: (ctx) => count(ctx, 'case_data_key'),
  },
  {
    method: 'GET',
    path: '/api/v1/admin/erasure-candidates',
    expect: only({ admin: 200 }),
  },
];

describe('case routes: access (S1, S2, S3)', () => {
  const ctx = {} as Ctx;
  const tokens = {} as Record<Role, string>;
  const tally = new MatrixTally();

  beforeAll(async () => {
    ctx.t = await startTestApp();
    ctx.factory = new Factory(ctx.t.db);
    ctx.communeId = await ctx.factory.areaId('Dinangourou', 'commune');
    ctx.associationId = (await ctx.factory.association()).id;
    ctx.coordinator = await ctx.factory.user('coordinator', { associationId: ctx.associationId });
    ctx.mediator = await ctx.factory.user('mediator', { associationId: ctx.associationId });
    const colleague = await ctx.factory.user('mediator', { associationId: ctx.associationId });
    ctx.admin = await ctx.factory.user('admin');
    const users: Record<Role, { username: string }> = {
      admin: ctx.admin,
      coordinator: ctx.coordinator,
      mediator: ctx.mediator,
      official: await ctx.factory.user('official'),
    };
    ctx.teamCaseId = await freshMonitoringCase(ctx);
    ctx.otherTeamCaseId = (
      await ctx.factory.dialogueCase({
        associationId: ctx.associationId,
        areaId: ctx.communeId,
        createdBy: colleague.id,
        status: 'monitoring',
        team: [{ userId: colleague.id, lead: true }],
      })
    ).id;
    for (const role of ROLES)
      tokens[role] = (await login(ctx.t.http, users[role].username)).accessToken;
  });

  afterAll(async () => {
    console.log(tally.summary('S1 case routes'));
    await ctx.t?.close();
  });

  describe('S1: route × role', () => {
    it.each(expandMatrix(ROWS))('$name', (cell) => checkCell(ctx, tokens, tally, cell));

    it('tables every case route of the OpenAPI document that this file owns', async () => {
      const res = await ctx.t.http.get('/docs/openapi.json').expect(200);
      const documented = openApiOperations(res.body, [
        '/api/v1/cases',
        '/api/v1/admin/erasure-candidates',
      ]).filter((op) => CASE_PATHS.includes(op.split(' ')[1]));
      const tabled = [...new Set(ROWS.map(operationOf))].sort();
      expect(documented).toEqual(tabled);
    });
  });

  describe('S2: two associations', () => {
    it('every user of one side tries every case id of the other: 0 leaks, 0 changes, 404 like a random id', async () => {
      const f = ctx.factory;
      const area = await f.areaId('Mondoro', 'commune');
      const sides = await Promise.all(
        ['A', 'B'].map(async (name) => {
          const association = await f.association({ name: unique(`S2-${name}`) });
          const coordinator = await f.user('coordinator', { associationId: association.id });
          const mediator = await f.user('mediator', { associationId: association.id });
          const ids: string[] = [];
          for (const status of ['exploratory', 'monitoring', 'suspended'] as const) {
            ids.push(
              (
                await f.dialogueCase({
                  associationId: association.id,
                  areaId: area,
                  createdBy: mediator.id,
                  status,
                  codeName: unique(`S2-${name}-secret`),
                  team: [{ userId: mediator.id, lead: true }],
                })
              ).id,
            );
          }
          const users = await Promise.all(
            [coordinator, mediator].map(async (u) =>
              bearer((await login(ctx.t.http, u.username)).accessToken),
            ),
          );
          return { name, ids, users };
        }),
      );
      const snapshot = async (ids: string[]) => Promise.all(ids.map((id) => caseRow(ctx, id)));
      const strip = (body: Record<string, unknown>) => {
        const { requestId: _requestId, ...rest } = body;
        return rest;
      };
      const attempts = (id: string, as: Record<string, string>) => [
        ctx.t.http.get(`/api/v1/cases/${id}`).set(as),
        ctx.t.http.get(`/api/v1/cases/${id}/history`).set(as),
        ctx.t.http
          .patch(`/api/v1/cases/${id}`)
          .set(as)
          .set('if-match', 'W/"1"')
          .send({ summary: 'x' }),
        ctx.t.http
          .post(`/api/v1/cases/${id}/transitions`)
          .set(as)
          .send({ to: 'negotiating', reason: 'x' }),
        ctx.t.http
          .post(`/api/v1/cases/${id}/transitions`)
          .set(as)
          .send({ to: 'suspended', reason: 'x' }),
      ];

      let tries = 0;
      let leaks = 0;
      for (const [mine, theirs] of [
        [sides[0], sides[1]],
        [sides[1], sides[0]],
      ]) {
        const before = await snapshot(theirs.ids);
        for (const as of mine.users) {
          const reference = await Promise.all(attempts(randomUUID(), as));
          for (const id of theirs.ids) {
            const answers = await Promise.all(attempts(id, as));
            answers.forEach((res, i) => {
              tries++;
              if (res.status !== 404) leaks++;
              expect(res.status).toBe(404);
              expect(strip(res.body)).toEqual(strip(reference[i].body));
              expect(res.headers['content-type']).toBe(reference[i].headers['content-type']);
            });
          }
          // List filters: the other side's commune and code names find nothing of theirs.
          for (const query of [
            { areaId: area },
            { q: `S2-${theirs.name}-secret` },
            { status: 'suspended' },
          ]) {
            const res = await ctx.t.http.get('/api/v1/cases').set(as).query(query).expect(200);
            tries++;
            const found = (res.body.items as { id: string }[]).filter((c) =>
              theirs.ids.includes(c.id),
            );
            leaks += found.length;
            expect(found).toEqual([]);
          }
        }
        expect(await snapshot(theirs.ids)).toEqual(before);
      }
      console.log(`S2 case routes: ${tries} cross-association attempts, ${leaks} leaks, 0 changes`);
    });
  });

  describe('S3: smuggled body properties', () => {
    const smuggled = (ctx: Ctx) => ({
      associationId: randomUUID(),
      status: 'closed',
      version: 99,
      leadUserId: ctx.coordinator.id,
      createdBy: ctx.coordinator.id,
      caseId: ctx.otherTeamCaseId,
      statusBeforeSuspension: 'monitoring',
      teamUserIds: [ctx.coordinator.id],
    });

    it('create refuses each one (400) and creates nothing', async () => {
      const token = bearer(tokens.mediator);
      for (const [key, value] of Object.entries(smuggled(ctx))) {
        const before = await count(ctx, 'dialogue_case');
        const res = await ctx.t.http
          .post('/api/v1/cases')
          .set(token)
          .send({ codeName: unique('S3'), areaId: ctx.communeId, type: 'other', [key]: value });
        expect({ key, status: res.status, code: res.body.code }).toEqual({
          key,
          status: 400,
          code: 'validation_failed',
        });
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field: key })]),
        );
        expect(await count(ctx, 'dialogue_case')).toBe(before);
      }
    });

    it('create with the id of another case is a conflict and changes nothing', async () => {
      const before = await caseRow(ctx, ctx.otherTeamCaseId);
      const res = await ctx.t.http.post('/api/v1/cases').set(bearer(tokens.mediator)).send({
        id: ctx.otherTeamCaseId,
        codeName: 'Hijack',
        areaId: ctx.communeId,
        type: 'other',
      });
      expect(res.status).toBe(409);
      expect(await caseRow(ctx, ctx.otherTeamCaseId)).toEqual(before);
    });

    it('PATCH and transitions refuse each one (400) and apply nothing', async () => {
      const token = bearer(tokens.coordinator);
      const id = ctx.teamCaseId;
      for (const [key, value] of Object.entries({
        ...smuggled(ctx),
        id: randomUUID(),
        areaId: ctx.communeId,
      })) {
        const before = await caseRow(ctx, id);
        const patch = await ctx.t.http
          .patch(`/api/v1/cases/${id}`)
          .set(token)
          .set(await ifMatch(ctx, id))
          .send({ summary: unique('S3'), [key]: value });
        expect({ key, status: patch.status }).toEqual({ key, status: 400 });
        const transition = await ctx.t.http
          .post(`/api/v1/cases/${id}/transitions`)
          .set(token)
          .send({ ...(await toggle(ctx, id)), [key]: value });
        expect({ key, status: transition.status }).toEqual({ key, status: 400 });
        expect(await caseRow(ctx, id)).toEqual(before);
      }
    });
  });
});
