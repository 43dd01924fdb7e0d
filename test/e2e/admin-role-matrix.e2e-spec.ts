import { randomUUID } from 'node:crypto';
import { Role, ROLES } from '../../src/common/auth/role';
import { Factory, login } from '../support/factories';
import {
  expandMatrix,
  MatrixRow,
  MatrixTally,
  only,
  openApiOperations,
  operationOf,
  checkCell,
} from '../support/role-matrix';
import { TEST_SMS_SECRET } from '../support/sms-gateway';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * S1 for the administration routes (shared/design/access.md, "manage users,
 * associations, authorities" and "read areas"): every route × every role.
 *
 * Beyond the access table, the code grants on purpose:
 * - `authorities.read` to every signed-in role (a coordinator picks an
 *   authority when requesting a mission order; officials see their own);
 * - `users.read` to coordinators, limited by the service to their own
 *   association: another association's user is a 404, never a 403;
 * - `users.confirm` to coordinators only (issue 17: an account an admin
 *   creates waits for a coordinator of its association), same 404 rule.
 */

interface Ctx {
  t: TestApp;
  factory: Factory;
  /** Association of the coordinator and mediator callers. */
  associationId: string;
  /** A mediator of the callers' association. */
  ownUserId: string;
  /** A mediator of another association. */
  otherUserId: string;
  authorityId: string;
  koroCercleId: string;
}

const ADMIN_PREFIXES = [
  '/api/v1/users',
  '/api/v1/associations',
  '/api/v1/authorities',
  '/api/v1/areas',
  '/api/v1/admin',
  '/api/v1/sms/outbox',
] as const;

const unique = (prefix: string): string => `${prefix} ${randomUUID().slice(0, 8)}`;

async function count(ctx: Ctx, table: string): Promise<number> {
  const { rows } = await ctx.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n;
}

async function userRow(ctx: Ctx, id: string): Promise<unknown> {
  const { rows } = await ctx.t.db.query(
    'SELECT display_name, disabled, role, association_id, version FROM app_user WHERE id = $1',
    [id],
  );
  return rows[0];
}

async function versionOf(ctx: Ctx, table: 'app_user' | 'authority', id: string): Promise<string> {
  const { rows } = await ctx.t.db.query<{ version: number }>(
    `SELECT version FROM ${table} WHERE id = $1`,
    [id],
  );
  return `W/"${rows[0].version}"`;
}

async function pendingCount(ctx: Ctx): Promise<number> {
  const { rows } = await ctx.t.db.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM app_user WHERE pending',
  );
  return rows[0].n;
}

const ROWS: MatrixRow<Ctx>[] = [
  // Associations: admin only.
  {
    method: 'POST',
    path: '/api/v1/associations',
    expect: only({ admin: 201 }),
    request: () => ({ body: { name: unique('Matrix association') } }),
    snapshot: (ctx) => count(ctx, 'association'),
  },
  { method: 'GET', path: '/api/v1/associations', expect: only({ admin: 200 }) },
  {
    method: 'GET',
    path: '/api/v1/associations/{id}',
    expect: only({ admin: 200 }),
    request: (ctx) => ({ params: { id: ctx.associationId } }),
  },

  // Authorities: admin manages; every signed-in role reads.
  {
    method: 'POST',
    path: '/api/v1/authorities',
    expect: only({ admin: 201 }),
    request: (ctx) => ({
      body: { name: unique('Matrix authority'), jurisdictionAreaIds: [ctx.koroCercleId] },
    }),
    snapshot: async (ctx) => [
      await count(ctx, 'authority'),
      await count(ctx, 'authority_jurisdiction'),
    ],
  },
  {
    method: 'GET',
    path: '/api/v1/authorities',
    expect: only({ admin: 200, coordinator: 200, mediator: 200, official: 200 }),
  },
  {
    method: 'GET',
    path: '/api/v1/authorities/{id}',
    expect: only({ admin: 200, coordinator: 200, mediator: 200, official: 200 }),
    request: (ctx) => ({ params: { id: ctx.authorityId } }),
  },

  {
    method: 'PATCH',
    path: '/api/v1/authorities/{id}',
    expect: only({ admin: 200 }),
    request: async (ctx) => ({
      params: { id: ctx.authorityId },
      headers: { 'if-match': await versionOf(ctx, 'authority', ctx.authorityId) },
      body: { statsScope: 'jurisdiction' },
    }),
    snapshot: async (ctx) =>
      (
        await ctx.t.db.query('SELECT stats_scope, version FROM authority WHERE id = $1', [
          ctx.authorityId,
        ])
      ).rows[0],
  },

  // Users: admin manages; coordinators read their own association's users.
  {
    method: 'POST',
    path: '/api/v1/users',
    expect: only({ admin: 201 }),
    request: (ctx) => ({
      body: {
        username: `matrix.${randomUUID().slice(0, 8)}`,
        displayName: 'Matrix user',
        role: 'mediator',
        associationId: ctx.associationId,
        password: 'Matrix-initial-passphrase-7',
      },
    }),
    snapshot: (ctx) => count(ctx, 'app_user'),
  },
  { method: 'GET', path: '/api/v1/users', expect: only({ admin: 200, coordinator: 200 }) },
  {
    method: 'GET',
    path: '/api/v1/users/{id}',
    target: 'user of own association',
    expect: only({ admin: 200, coordinator: 200 }),
    request: (ctx) => ({ params: { id: ctx.ownUserId } }),
  },
  {
    method: 'GET',
    path: '/api/v1/users/{id}',
    target: 'user of another association',
    expect: only({ admin: 200, coordinator: 404 }),
    request: (ctx) => ({ params: { id: ctx.otherUserId } }),
  },
  {
    method: 'PATCH',
    path: '/api/v1/users/{id}',
    target: 'user of own association',
    expect: only({ admin: 200 }),
    request: async (ctx) => ({
      params: { id: ctx.ownUserId },
      headers: { 'if-match': await versionOf(ctx, 'app_user', ctx.ownUserId) },
      body: { displayName: unique('Renamed') },
    }),
    snapshot: (ctx) => userRow(ctx, ctx.ownUserId),
  },
  {
    method: 'POST',
    path: '/api/v1/users/{id}/password',
    target: 'user of own association',
    expect: only({ admin: 204 }),
    request: (ctx) => ({
      params: { id: ctx.ownUserId },
      body: { password: unique('Matrix-temporary-passphrase').replace(' ', '-') },
    }),
    snapshot: async (ctx) =>
      (
        await ctx.t.db.query(
          'SELECT password_hash, must_change_password FROM app_user WHERE id = $1',
          [ctx.ownUserId],
        )
      ).rows[0],
  },
  {
    method: 'DELETE',
    path: '/api/v1/users/{id}/totp',
    target: 'user of own association, with TOTP on',
    expect: only({ admin: 204 }),
    request: async (ctx) => {
      await ctx.t.db.query(
        `UPDATE app_user SET totp_enabled = true, totp_secret = 'enc:v1:matrix' WHERE id = $1`,
        [ctx.ownUserId],
      );
      return { params: { id: ctx.ownUserId } };
    },
    snapshot: async (ctx) =>
      (
        await ctx.t.db.query('SELECT totp_enabled, totp_secret FROM app_user WHERE id = $1', [
          ctx.ownUserId,
        ])
      ).rows[0],
  },

  {
    method: 'POST',
    path: '/api/v1/users/{id}/confirm',
    target: 'pending member of own association',
    expect: only({ coordinator: 200 }),
    request: async (ctx) => ({
      params: {
        id: (
          await ctx.factory.user('mediator', { associationId: ctx.associationId, pending: true })
        ).id,
      },
    }),
    snapshot: (ctx) => pendingCount(ctx),
  },
  {
    method: 'POST',
    path: '/api/v1/users/{id}/confirm',
    target: 'pending member of another association',
    expect: only({ coordinator: 404 }),
    request: async (ctx) => ({
      params: { id: (await ctx.factory.user('mediator', { pending: true })).id },
    }),
    snapshot: (ctx) => pendingCount(ctx),
  },

  // Admins manage every user: for them a foreign id is one that names nobody.
  // A user's phone numbers: the admin registers one for a user without a smartphone.
  {
    method: 'POST',
    path: '/api/v1/users/{id}/phones',
    target: 'user of own association',
    expect: only({ admin: 201 }),
    request: (ctx) => ({
      params: { id: ctx.ownUserId },
      body: { number: `+22376${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}` },
    }),
    snapshot: (ctx) => count(ctx, 'phone_number'),
  },
  {
    method: 'POST',
    path: '/api/v1/users/{id}/phones',
    target: 'unknown user',
    expect: only({ admin: 404 }),
    request: () => ({ params: { id: randomUUID() }, body: { number: '+22376000099' } }),
    snapshot: (ctx) => count(ctx, 'phone_number'),
  },
  {
    method: 'GET',
    path: '/api/v1/users/{id}/phones',
    target: 'user of own association',
    expect: only({ admin: 200 }),
    request: (ctx) => ({ params: { id: ctx.ownUserId } }),
  },
  {
    method: 'GET',
    path: '/api/v1/users/{id}/phones',
    target: 'unknown user',
    expect: only({ admin: 404 }),
    request: () => ({ params: { id: randomUUID() } }),
  },
  {
    method: 'POST',
    path: '/api/v1/users/{id}/password',
    target: 'unknown user',
    expect: only({ admin: 404 }),
    request: () => ({
      params: { id: randomUUID() },
      body: { password: 'Matrix-temporary-passphrase-9' },
    }),
    snapshot: (ctx) => count(ctx, 'app_user'),
  },
  {
    method: 'DELETE',
    path: '/api/v1/users/{id}/totp',
    target: 'unknown user',
    expect: only({ admin: 404 }),
    request: () => ({ params: { id: randomUUID() } }),
    snapshot: (ctx) => count(ctx, 'app_user'),
  },

  // Areas: every signed-in role reads; admin adds.
  {
    method: 'GET',
    path: '/api/v1/areas',
    expect: only({ admin: 200, coordinator: 200, mediator: 200, official: 200 }),
  },
  {
    method: 'GET',
    path: '/api/v1/areas/{id}',
    expect: only({ admin: 200, coordinator: 200, mediator: 200, official: 200 }),
    request: (ctx) => ({ params: { id: ctx.koroCercleId } }),
  },
  {
    method: 'POST',
    path: '/api/v1/areas',
    expect: only({ admin: 201 }),
    request: (ctx) => ({
      body: { name: unique('Matrix commune'), level: 'commune', parentId: ctx.koroCercleId },
    }),
    snapshot: (ctx) => count(ctx, 'area'),
  },
  {
    method: 'PUT',
    path: '/api/v1/areas/{id}/pcode',
    expect: only({ admin: 200 }),
    request: (ctx) => ({ params: { id: ctx.koroCercleId }, body: { pcode: 'ML0504' } }),
    snapshot: async (ctx) =>
      (await ctx.t.db.query('SELECT pcode FROM area WHERE id = $1', [ctx.koroCercleId])).rows[0],
  },
  {
    method: 'PUT',
    path: '/api/v1/areas/{id}/pcode',
    target: 'unknown area',
    expect: only({ admin: 404 }),
    request: () => ({ params: { id: randomUUID() }, body: { pcode: 'ML0599' } }),
  },
  {
    method: 'GET',
    path: '/api/v1/sms/outbox',
    expect: only({ admin: 200 }),
  },
  {
    method: 'GET',
    path: '/api/v1/admin/disclosure-report',
    expect: only({ admin: 200 }),
  },
  {
    method: 'GET',
    path: '/api/v1/admin/erasure-candidates',
    expect: only({ admin: 200 }),
  },
];

describe('S1 administration routes: route × role matrix', () => {
  const ctx = {} as Ctx;
  const tokens = {} as Record<Role, string>;
  const tally = new MatrixTally();

  beforeAll(async () => {
    // SMS on: the outbox's admin view is one of the routes.
    ctx.t = await startTestApp({ TOGUNA_SMS_SECRET: TEST_SMS_SECRET });
    const factory = new Factory(ctx.t.db);
    ctx.factory = factory;
    ctx.koroCercleId = await factory.areaId('Koro', 'cercle');
    ctx.associationId = (await factory.association()).id;
    ctx.authorityId = (await factory.authority({ areaIds: [ctx.koroCercleId] })).id;
    const users: Record<Role, { username: string }> = {
      admin: await factory.user('admin'),
      coordinator: await factory.user('coordinator', { associationId: ctx.associationId }),
      mediator: await factory.user('mediator', { associationId: ctx.associationId }),
      official: await factory.user('official', { authorityId: ctx.authorityId }),
    };
    ctx.ownUserId = (await factory.user('mediator', { associationId: ctx.associationId })).id;
    ctx.otherUserId = (await factory.user('mediator')).id;
    for (const role of ROLES) {
      tokens[role] = (await login(ctx.t.http, users[role].username)).accessToken;
    }
  });

  afterAll(async () => {
    console.log(tally.summary('S1 admin routes'));
    await ctx.t?.close();
  });

  it.each(expandMatrix(ROWS))('$name', (cell) => checkCell(ctx, tokens, tally, cell));

  it('covers every administration route of the OpenAPI document, and only existing ones', async () => {
    const res = await ctx.t.http.get('/docs/openapi.json').expect(200);
    const documented = openApiOperations(res.body, ADMIN_PREFIXES);
    const tabled = [...new Set(ROWS.map(operationOf))].sort();
    expect(documented.length).toBeGreaterThan(0);
    expect(documented.filter((op) => !tabled.includes(op))).toEqual([]);
    expect(tabled.filter((op) => !documented.includes(op))).toEqual([]);
  });
});
