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
import { startTestApp, TestApp } from '../support/test-app';

/**
 * S1, S2 and S3 for the case team, parties, participants and coordination
 * registry routes (shared/design/access.md: "read / update case, parties",
 * "manage case team", "registry of other associations' active cases").
 */

interface Ctx {
  t: TestApp;
  factory: Factory;
  associationId: string;
  /** The callers' association's case; the mediator caller is its lead. */
  caseId: string;
  partyId: string;
  communeId: string;
}

async function count(ctx: Ctx, table: string): Promise<number> {
  const { rows } = await ctx.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n;
}

async function partyRow(ctx: Ctx, id: string): Promise<unknown> {
  const { rows } = await ctx.t.db.query(
    'SELECT case_id, name, kind, description, version FROM case_party WHERE id = $1',
    [id],
  );
  return rows[0];
}

const MEMBER_PATHS = /^\/api\/v1\/cases\/\{id\}\/(team|parties|participants)/;

const ROWS: MatrixRow<Ctx>[] = [
  {
    method: 'GET',
    path: '/api/v1/cases/{id}/team',
    expect: only({ coordinator: 200, mediator: 200 }),
    request: (ctx) => ({ params: { id: ctx.caseId } }),
  },
  {
    method: 'POST',
    path: '/api/v1/cases/{id}/team',
    expect: only({ coordinator: 201 }),
    request: async (ctx) => {
      const mediator = await ctx.factory.user('mediator', { associationId: ctx.associationId });
      return { params: { id: ctx.caseId }, body: { userId: mediator.id } };
    },
    snapshot: async (ctx) => [
      await count(ctx, 'case_team_member'),
      await count(ctx, 'notification'),
    ],
  },
  {
    method: 'DELETE',
    path: '/api/v1/cases/{id}/team/{userId}',
    expect: only({ coordinator: 204 }),
    request: async (ctx) => {
      const mediator = await ctx.factory.user('mediator', { associationId: ctx.associationId });
      await ctx.t.db.query(
        'INSERT INTO case_team_member (case_id, user_id, lead) VALUES ($1, $2, false)',
        [ctx.caseId, mediator.id],
      );
      return { params: { id: ctx.caseId, userId: mediator.id } };
    },
    snapshot: (ctx) => count(ctx, 'case_team_member'),
  },
  {
    method: 'GET',
    path: '/api/v1/cases/{id}/parties',
    expect: only({ coordinator: 200, mediator: 200 }),
    request: (ctx) => ({ params: { id: ctx.caseId } }),
  },
  {
    method: 'POST',
    path: '/api/v1/cases/{id}/parties',
    expect: only({ coordinator: 201, mediator: 201 }),
    request: (ctx) => ({
      params: { id: ctx.caseId },
      body: { name: `Matrix party ${randomUUID().slice(0, 6)}`, kind: 'community' },
    }),
    snapshot: (ctx) => count(ctx, 'case_party'),
  },
  {
    method: 'PATCH',
    path: '/api/v1/cases/{id}/parties/{partyId}',
    expect: only({ coordinator: 200, mediator: 200 }),
    request: async (ctx) => {
      const { rows } = await ctx.t.db.query<{ version: number }>(
        'SELECT version FROM case_party WHERE id = $1',
        [ctx.partyId],
      );
      return {
        params: { id: ctx.caseId, partyId: ctx.partyId },
        headers: { 'if-match': `W/"${rows[0].version}"` },
        body: { description: `Renamed ${randomUUID().slice(0, 6)}` },
      };
    },
    snapshot: (ctx) => partyRow(ctx, ctx.partyId),
  },
  {
    method: 'DELETE',
    path: '/api/v1/cases/{id}/parties/{partyId}',
    expect: only({ coordinator: 204, mediator: 204 }),
    request: async (ctx) => {
      const id = randomUUID();
      await ctx.t.db.query(
        `INSERT INTO case_party (id, case_id, name, kind, version) VALUES ($1, $2, 'To delete', 'other', 1)`,
        [id, ctx.caseId],
      );
      return { params: { id: ctx.caseId, partyId: id } };
    },
    snapshot: (ctx) => count(ctx, 'case_party'),
  },
  {
    method: 'GET',
    path: '/api/v1/cases/{id}/participants',
    expect: only({ coordinator: 200, mediator: 200 }),
    request: (ctx) => ({ params: { id: ctx.caseId } }),
  },
  {
    method: 'POST',
    path: '/api/v1/cases/{id}/participants',
    expect: only({ coordinator: 201, mediator: 201 }),
    request: (ctx) => ({
      params: { id: ctx.caseId },
      body: { pseudonym: `Matrix ${randomUUID().slice(0, 6)}`, role: 'elder' },
    }),
    snapshot: (ctx) => count(ctx, 'case_participant'),
  },
  {
    method: 'GET',
    path: '/api/v1/registry',
    expect: only({ coordinator: 200, mediator: 200 }),
    request: (ctx) => ({ query: { areaId: ctx.communeId } }),
  },
  {
    method: 'POST',
    path: '/api/v1/registry/coordination-requests',
    expect: only({ coordinator: 201 }),
    request: (ctx) => ({
      body: { caseId: ctx.caseId, areaId: ctx.communeId, message: 'Matrix request' },
    }),
    snapshot: (ctx) => count(ctx, 'notification'),
  },
];

describe('S1 case member and registry routes: route × role matrix', () => {
  const ctx = {} as Ctx;
  const tokens = {} as Record<Role, string>;
  const tally = new MatrixTally();

  beforeAll(async () => {
    ctx.t = await startTestApp();
    ctx.factory = new Factory(ctx.t.db);
    ctx.communeId = await ctx.factory.areaId('Dinangourou', 'commune');
    ctx.associationId = (await ctx.factory.association()).id;
    const koro = await ctx.factory.areaId('Koro', 'cercle');
    const users: Record<Role, TestUser> = {
      admin: await ctx.factory.user('admin'),
      coordinator: await ctx.factory.user('coordinator', { associationId: ctx.associationId }),
      mediator: await ctx.factory.user('mediator', { associationId: ctx.associationId }),
      official: await ctx.factory.user('official', {
        authorityId: (await ctx.factory.authority({ areaIds: [koro] })).id,
      }),
    };
    ctx.caseId = (
      await ctx.factory.dialogueCase({
        associationId: ctx.associationId,
        areaId: ctx.communeId,
        createdBy: users.coordinator.id,
        team: [{ userId: users.mediator.id, lead: true }],
      })
    ).id;
    ctx.partyId = randomUUID();
    await ctx.t.db.query(
      `INSERT INTO case_party (id, case_id, name, kind, version) VALUES ($1, $2, 'Matrix', 'community', 1)`,
      [ctx.partyId, ctx.caseId],
    );
    for (const role of ROLES)
      tokens[role] = (await login(ctx.t.http, users[role].username)).accessToken;
  });

  afterAll(async () => {
    console.log(tally.summary('S1 case member and registry routes'));
    await ctx.t?.close();
  });

  it.each(expandMatrix(ROWS))('$name', (cell) => checkCell(ctx, tokens, tally, cell));

  it('covers every team, party, participant and registry route of the OpenAPI document', async () => {
    const res = await ctx.t.http.get('/docs/openapi.json').expect(200);
    const documented = [
      ...openApiOperations(res.body, ['/api/v1/registry']),
      ...openApiOperations(res.body, ['/api/v1/cases']).filter((op) =>
        MEMBER_PATHS.test(op.split(' ')[1]),
      ),
    ].sort();
    const tabled = [...new Set(ROWS.map(operationOf))].sort();
    expect(documented).toEqual(tabled);
  });
});

/** Everything of association A's side that a request of B must not change. */
async function stateOf(t: TestApp, caseId: string): Promise<unknown> {
  const q = async (sql: string) => (await t.db.query(sql, [caseId])).rows;
  return {
    team: await q('SELECT user_id, lead FROM case_team_member WHERE case_id = $1 ORDER BY user_id'),
    parties: await q('SELECT * FROM case_party WHERE case_id = $1 ORDER BY id'),
    participants: await q('SELECT * FROM case_participant WHERE case_id = $1 ORDER BY id'),
    notifications: await q(
      'SELECT count(*)::int AS n FROM notification WHERE $1::uuid IS NOT NULL',
    ),
  };
}

describe('S2 and S3: two associations, case member routes', () => {
  let t: TestApp;
  let factory: Factory;
  const a = {} as { caseId: string; partyId: string; participantId: string; mediator: TestUser };
  const b = {} as { caseId: string; partyId: string; coordinator: TestUser; mediator: TestUser };
  let commune: string;
  const tokens: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
    commune = await factory.areaId('Mondoro', 'commune');
    const assocA = await factory.association();
    const assocB = await factory.association();
    const coordA = await factory.user('coordinator', { associationId: assocA.id });
    a.mediator = await factory.user('mediator', { associationId: assocA.id });
    b.coordinator = await factory.user('coordinator', { associationId: assocB.id });
    b.mediator = await factory.user('mediator', { associationId: assocB.id });
    a.caseId = (
      await factory.dialogueCase({
        associationId: assocA.id,
        areaId: commune,
        createdBy: coordA.id,
        team: [{ userId: a.mediator.id, lead: true }],
      })
    ).id;
    b.caseId = (
      await factory.dialogueCase({
        associationId: assocB.id,
        areaId: commune,
        createdBy: b.coordinator.id,
        team: [{ userId: b.mediator.id, lead: true }],
      })
    ).id;
    const asA = bearer((await login(t.http, a.mediator.username)).accessToken);
    a.partyId = (
      await t.http
        .post(`/api/v1/cases/${a.caseId}/parties`)
        .set(asA)
        .send({ name: 'A party', kind: 'community' })
        .expect(201)
    ).body.id;
    a.participantId = (
      await t.http
        .post(`/api/v1/cases/${a.caseId}/participants`)
        .set(asA)
        .send({
          pseudonym: 'A pseudonym',
          role: 'elder',
          partyId: a.partyId,
          consentToRecordIdentity: true,
          realName: 'A-real-name-secret',
        })
        .expect(201)
    ).body.id;
    const asB = bearer((await login(t.http, b.coordinator.username)).accessToken);
    b.partyId = (
      await t.http
        .post(`/api/v1/cases/${b.caseId}/parties`)
        .set(asB)
        .send({ name: 'B party', kind: 'militia' })
        .expect(201)
    ).body.id;
    tokens.coordinator = asB;
    tokens.mediator = bearer((await login(t.http, b.mediator.username)).accessToken);
  });
  afterAll(async () => {
    await t.close();
  });

  type Attempt = {
    name: string;
    send: (ids: { caseId: string; partyId: string; userId: string; participantId: string }) => {
      method: 'get' | 'post' | 'patch' | 'delete';
      url: string;
      body?: object;
      ifMatch?: boolean;
    };
  };

  const attempts: Attempt[] = [
    { name: 'list team', send: (i) => ({ method: 'get', url: `/api/v1/cases/${i.caseId}/team` }) },
    {
      name: 'add to team',
      send: (i) => ({
        method: 'post',
        url: `/api/v1/cases/${i.caseId}/team`,
        body: { userId: i.userId },
      }),
    },
    {
      name: 'remove from team',
      send: (i) => ({ method: 'delete', url: `/api/v1/cases/${i.caseId}/team/${i.userId}` }),
    },
    {
      name: 'remove from own case team a member of the other',
      send: (i) => ({ method: 'delete', url: `/api/v1/cases/${b.caseId}/team/${i.userId}` }),
    },
    {
      name: 'list parties',
      send: (i) => ({ method: 'get', url: `/api/v1/cases/${i.caseId}/parties?limit=5` }),
    },
    {
      name: 'create party',
      send: (i) => ({
        method: 'post',
        url: `/api/v1/cases/${i.caseId}/parties`,
        body: { name: 'X', kind: 'other' },
      }),
    },
    {
      name: 'update party',
      send: (i) => ({
        method: 'patch',
        url: `/api/v1/cases/${i.caseId}/parties/${i.partyId}`,
        body: { name: 'Hijacked' },
        ifMatch: true,
      }),
    },
    {
      name: 'update party through own case',
      send: (i) => ({
        method: 'patch',
        url: `/api/v1/cases/${b.caseId}/parties/${i.partyId}`,
        body: { name: 'Hijacked' },
        ifMatch: true,
      }),
    },
    {
      name: 'delete party',
      send: (i) => ({ method: 'delete', url: `/api/v1/cases/${i.caseId}/parties/${i.partyId}` }),
    },
    {
      name: 'delete party through own case',
      send: (i) => ({ method: 'delete', url: `/api/v1/cases/${b.caseId}/parties/${i.partyId}` }),
    },
    {
      name: 'list participants',
      send: (i) => ({ method: 'get', url: `/api/v1/cases/${i.caseId}/participants` }),
    },
    {
      name: 'create participant',
      send: (i) => ({
        method: 'post',
        url: `/api/v1/cases/${i.caseId}/participants`,
        body: { pseudonym: 'X', role: 'elder' },
      }),
    },
    {
      name: "create participant in own case with the other's party",
      send: (i) => ({
        method: 'post',
        url: `/api/v1/cases/${b.caseId}/participants`,
        body: { pseudonym: 'X', role: 'elder', partyId: i.partyId },
      }),
    },
    {
      name: 'coordination request about the other case',
      send: (i) => ({
        method: 'post',
        url: '/api/v1/registry/coordination-requests',
        body: { caseId: i.caseId, areaId: commune, message: 'Probe' },
      }),
    },
  ];

  const strip = (body: Record<string, unknown>): Record<string, unknown> => {
    const { requestId: _requestId, ...rest } = body;
    return rest;
  };

  it.each(['coordinator', 'mediator'] as const)(
    'S2: a %s of B tries every id of A on every route: same answer as for a random id, nothing changes',
    async (caller) => {
      const before = await stateOf(t, a.caseId);
      let leaks = 0;
      for (const attempt of attempts) {
        const send = async (ids: Parameters<Attempt['send']>[0]) => {
          const r = attempt.send(ids);
          const req = t.http[r.method](r.url).set(tokens[caller]);
          if (r.ifMatch) void req.set('if-match', 'W/"1"');
          return r.body ? req.send(r.body) : req;
        };
        const real = await send({
          caseId: a.caseId,
          partyId: a.partyId,
          userId: a.mediator.id,
          participantId: a.participantId,
        });
        const random = await send({
          caseId: randomUUID(),
          partyId: randomUUID(),
          userId: randomUUID(),
          participantId: randomUUID(),
        });
        const text = JSON.stringify(real.body);
        if (real.status < 300 || text.includes('A party') || text.includes('A pseudonym')) leaks++;
        expect({ attempt: attempt.name, status: real.status, body: strip(real.body) }).toEqual({
          attempt: attempt.name,
          status: random.status,
          body: strip(random.body),
        });
        expect(real.status).toBeGreaterThanOrEqual(400);
      }
      console.log(`S2 case members (${caller} of B): ${attempts.length} attempts, ${leaks} leaks`);
      expect(leaks).toBe(0);
      expect(await stateOf(t, a.caseId)).toEqual(before);
    },
  );

  it('S3: smuggled caseId, associationId, version, lead or ids are refused and never applied', async () => {
    const asB = tokens.coordinator;
    const beforeA = await stateOf(t, a.caseId);
    const beforeB = await stateOf(t, b.caseId);
    const smuggled: { method: 'post' | 'patch'; url: string; body: object; status: number }[] = [
      ...[
        { caseId: a.caseId },
        { associationId: randomUUID() },
        { version: 7 },
        { leadUserId: b.mediator.id },
      ].map((extra) => ({
        method: 'post' as const,
        url: `/api/v1/cases/${b.caseId}/team`,
        body: { userId: b.mediator.id, ...extra },
        status: 400,
      })),
      ...[{ caseId: a.caseId }, { associationId: randomUUID() }, { version: 7 }].flatMap(
        (extra) => [
          {
            method: 'post' as const,
            url: `/api/v1/cases/${b.caseId}/parties`,
            body: { name: 'S3', kind: 'other', ...extra },
            status: 400,
          },
          {
            method: 'patch' as const,
            url: `/api/v1/cases/${b.caseId}/parties/${b.partyId}`,
            body: { name: 'S3', ...extra },
            status: 400,
          },
          {
            method: 'post' as const,
            url: `/api/v1/cases/${b.caseId}/participants`,
            body: { pseudonym: 'S3', role: 'elder', ...extra },
            status: 400,
          },
          {
            method: 'post' as const,
            url: '/api/v1/registry/coordination-requests',
            body: { caseId: b.caseId, areaId: commune, message: 'S3', ...extra },
            status: 'caseId' in extra ? 404 : 400, // another association's case: not visible
          },
        ],
      ),
      {
        method: 'patch',
        url: `/api/v1/cases/${b.caseId}/parties/${b.partyId}`,
        body: { id: a.partyId },
        status: 400,
      },
      // The id of another case's record: refused as a duplicate, never reassigned.
      {
        method: 'post',
        url: `/api/v1/cases/${b.caseId}/parties`,
        body: { id: a.partyId, name: 'A party', kind: 'community' },
        status: 409,
      },
      {
        method: 'post',
        url: `/api/v1/cases/${b.caseId}/participants`,
        body: { id: a.participantId, pseudonym: 'A pseudonym', role: 'elder' },
        status: 409,
      },
    ];
    let accepted = 0;
    for (const s of smuggled) {
      const req = t.http[s.method](s.url).set(asB);
      if (s.method === 'patch') void req.set('if-match', 'W/"1"');
      const res = await req.send(s.body);
      if (res.status < 300) accepted++;
      expect({ url: s.url, body: s.body, status: res.status }).toEqual({
        url: s.url,
        body: s.body,
        status: s.status,
      });
    }
    console.log(`S3 case members: ${smuggled.length} smuggling writes, ${accepted} accepted`);
    expect(accepted).toBe(0);
    expect(await stateOf(t, a.caseId)).toEqual(beforeA);
    expect(await stateOf(t, b.caseId)).toEqual(beforeB);
  });
});
