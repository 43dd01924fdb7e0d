import { randomUUID } from 'node:crypto';
import TestAgent from 'supertest/lib/agent';
import { Role, ROLES } from '../../src/common/auth/role';
import { bearer, Factory, login, TestUser } from '../support/factories';
import {
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
 * S1, S2 and S3 for the accord routes of issue 6, against
 * shared/design/access.md: accords, terms and follow-ups are read and updated
 * like their case (coordinators: own association; mediators: team); flags
 * are raised by either and resolved by coordinators only; admins and
 * officials get none of them.
 */

const ACCORD_PATHS = [
  '/api/v1/cases/{id}/accords',
  '/api/v1/accords/{id}',
  '/api/v1/accords/{id}/terms',
  '/api/v1/accords/{id}/follow-ups',
  '/api/v1/accords/{id}/flags',
  '/api/v1/terms/{id}',
  '/api/v1/terms/{id}/history',
  '/api/v1/flags/{id}/resolve',
];

interface Fixture {
  caseId: string;
  partyId: string;
  accordId: string;
  termId: string;
}

interface Ctx {
  t: TestApp;
  factory: Factory;
  coordinator: TestUser;
  mediator: TestUser;
  colleague: TestUser;
  asCoordinator: Record<string, string>;
  /** A case whose team the mediator caller is on. */
  team: Fixture;
  /** A case of the same association the mediator caller is not on. */
  otherTeam: Fixture;
}

const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;
const yesterday = (): string => new Date(Date.now() - 86_400_000).toISOString();

async function count(ctx: Ctx, table: string): Promise<number> {
  const { rows } = await ctx.t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return rows[0].n;
}

async function termRow(ctx: Ctx, id: string): Promise<unknown> {
  const { rows } = await ctx.t.db.query(
    `SELECT text, category, obligor_party_id, version,
            (SELECT count(*)::int FROM accord_term_revision WHERE term_id = $1) AS revisions
       FROM accord_term WHERE id = $1`,
    [id],
  );
  return rows[0];
}

async function ifMatch(ctx: Ctx, id: string): Promise<Record<string, string>> {
  const { rows } = await ctx.t.db.query<{ version: number }>(
    'SELECT version FROM accord_term WHERE id = $1',
    [id],
  );
  return { 'if-match': `W/"${rows[0]?.version ?? 1}"` };
}

/** A case with a party, an accord and a term, written through the API by `as`. */
async function fixture(
  http: TestAgent,
  factory: Factory,
  opts: { associationId: string; createdBy: string; teamUserId: string },
  as: Record<string, string>,
): Promise<Fixture> {
  const { id: caseId } = await factory.dialogueCase({
    associationId: opts.associationId,
    areaId: await factory.areaId('Dinangourou', 'commune'),
    createdBy: opts.createdBy,
    status: 'monitoring',
    team: [{ userId: opts.teamUserId, lead: true }],
  });
  const party = await http
    .post(`/api/v1/cases/${caseId}/parties`)
    .set(as)
    .send({ name: 'Village council', kind: 'community' })
    .expect(201);
  const accord = await http
    .post(`/api/v1/cases/${caseId}/accords`)
    .set(as)
    .send({ concludedAt: yesterday(), kind: 'ceasefire', form: 'verbal', summary: unique('S') })
    .expect(201);
  const term = await http
    .post(`/api/v1/accords/${accord.body.id}/terms`)
    .set(as)
    .send({ text: unique('Term'), category: 'other', obligorPartyId: party.body.id })
    .expect(201);
  return { caseId, partyId: party.body.id, accordId: accord.body.id, termId: term.body.id };
}

/** A low flag raised by the coordinator (no case transition), to be resolved. */
async function freshFlag(ctx: Ctx, accordId: string): Promise<string> {
  const res = await ctx.t.http
    .post(`/api/v1/accords/${accordId}/flags`)
    .set(ctx.asCoordinator)
    .send({ severity: 'low', reason: unique('Reason') })
    .expect(201);
  return res.body.id as string;
}

const accordBody = () => ({ concludedAt: yesterday(), kind: 'framework', form: 'written' });
const termBody = (f: Fixture) => ({
  text: unique('Term'),
  category: 'weapons',
  obligorPartyId: f.partyId,
});
const followUpBody = (f: Fixture) => ({
  checkedAt: yesterday(),
  method: 'phone',
  assessments: [{ termId: f.termId, status: 'intermediate' }],
  overall: 'stable',
});
const flagBody = () => ({ severity: 'medium', reason: unique('Reason') });

function rowsFor(target: 'team case' | 'own association, not on the team'): MatrixRow<Ctx>[] {
  const team = target === 'team case';
  const fx = (ctx: Ctx): Fixture => (team ? ctx.team : ctx.otherTeam);
  const mediator = team ? undefined : 404;
  const allowed = (status: number) => only({ coordinator: status, mediator: mediator ?? status });
  return [
    {
      method: 'POST',
      path: '/api/v1/cases/{id}/accords',
      target,
      expect: allowed(201),
      request: (ctx) => ({ params: { id: fx(ctx).caseId }, body: accordBody() }),
      snapshot: (ctx) => count(ctx, 'accord'),
    },
    {
      method: 'GET',
      path: '/api/v1/cases/{id}/accords',
      target,
      expect: allowed(200),
      request: (ctx) => ({ params: { id: fx(ctx).caseId } }),
    },
    {
      method: 'GET',
      path: '/api/v1/accords/{id}',
      target,
      expect: allowed(200),
      request: (ctx) => ({ params: { id: fx(ctx).accordId } }),
    },
    {
      method: 'POST',
      path: '/api/v1/accords/{id}/terms',
      target,
      expect: allowed(201),
      request: (ctx) => ({ params: { id: fx(ctx).accordId }, body: termBody(fx(ctx)) }),
      snapshot: (ctx) => count(ctx, 'accord_term'),
    },
    {
      method: 'PATCH',
      path: '/api/v1/terms/{id}',
      target,
      expect: allowed(200),
      request: async (ctx) => ({
        params: { id: fx(ctx).termId },
        headers: await ifMatch(ctx, fx(ctx).termId),
        body: { text: unique('Amended') },
      }),
      snapshot: (ctx) => termRow(ctx, fx(ctx).termId),
    },
    {
      method: 'GET',
      path: '/api/v1/terms/{id}/history',
      target,
      expect: allowed(200),
      request: (ctx) => ({ params: { id: fx(ctx).termId } }),
    },
    {
      method: 'POST',
      path: '/api/v1/accords/{id}/follow-ups',
      target,
      expect: allowed(201),
      request: (ctx) => ({ params: { id: fx(ctx).accordId }, body: followUpBody(fx(ctx)) }),
      snapshot: (ctx) => count(ctx, 'follow_up'),
    },
    {
      method: 'GET',
      path: '/api/v1/accords/{id}/follow-ups',
      target,
      expect: allowed(200),
      request: (ctx) => ({ params: { id: fx(ctx).accordId } }),
    },
    {
      method: 'POST',
      path: '/api/v1/accords/{id}/flags',
      target,
      expect: allowed(201),
      request: (ctx) => ({ params: { id: fx(ctx).accordId }, body: flagBody() }),
      snapshot: (ctx) => count(ctx, 'accord_flag'),
    },
    {
      method: 'POST',
      path: '/api/v1/flags/{id}/resolve',
      target,
      // Mediators lack flags.resolve: 403 before any lookup.
      expect: only({ coordinator: 200 }),
      request: async (ctx) => ({
        params: { id: await freshFlag(ctx, fx(ctx).accordId) },
        body: { note: unique('Note') },
      }),
      snapshot: (ctx) => count(ctx, 'accord_flag WHERE resolved_at IS NOT NULL'),
    },
  ];
}

const ROWS: MatrixRow<Ctx>[] = [
  ...rowsFor('team case'),
  ...rowsFor('own association, not on the team'),
];

describe('accord routes: access (S1, S2, S3)', () => {
  const ctx = {} as Ctx;
  const tokens = {} as Record<Role, string>;
  const tally = new MatrixTally();

  beforeAll(async () => {
    ctx.t = await startTestApp();
    ctx.factory = new Factory(ctx.t.db);
    const associationId = (await ctx.factory.association()).id;
    ctx.coordinator = await ctx.factory.user('coordinator', { associationId });
    ctx.mediator = await ctx.factory.user('mediator', { associationId });
    ctx.colleague = await ctx.factory.user('mediator', { associationId });
    const users: Record<Role, { username: string }> = {
      admin: await ctx.factory.user('admin'),
      coordinator: ctx.coordinator,
      mediator: ctx.mediator,
      official: await ctx.factory.user('official'),
    };
    for (const role of ROLES)
      tokens[role] = (await login(ctx.t.http, users[role].username)).accessToken;
    ctx.asCoordinator = bearer(tokens.coordinator);
    ctx.team = await fixture(
      ctx.t.http,
      ctx.factory,
      { associationId, createdBy: ctx.coordinator.id, teamUserId: ctx.mediator.id },
      bearer(tokens.mediator),
    );
    ctx.otherTeam = await fixture(
      ctx.t.http,
      ctx.factory,
      { associationId, createdBy: ctx.coordinator.id, teamUserId: ctx.colleague.id },
      ctx.asCoordinator,
    );
  });

  afterAll(async () => {
    console.log(tally.summary('S1 accord routes'));
    await ctx.t?.close();
  });

  describe('S1: route × role', () => {
    it.each(expandMatrix(ROWS))('$name', (cell) => checkCell(ctx, tokens, tally, cell));

    it('tables every accord route of the OpenAPI document', async () => {
      const res = await ctx.t.http.get('/docs/openapi.json').expect(200);
      const documented = openApiOperations(res.body, [
        '/api/v1/cases',
        '/api/v1/accords',
        '/api/v1/terms',
        '/api/v1/flags',
      ]).filter((op) => ACCORD_PATHS.includes(op.split(' ')[1]));
      const tabled = [...new Set(ROWS.map(operationOf))].sort();
      expect(documented).toEqual(tabled);
    });
  });

  describe('S2: two associations', () => {
    it('every user of one side tries every accord, term, flag and case id of the other: 0 leaks, 0 changes, 404 like a random id', async () => {
      const f = ctx.factory;
      const sides = await Promise.all(
        ['A', 'B'].map(async (name) => {
          const association = await f.association({ name: unique(`S2-${name}`) });
          const coordinator = await f.user('coordinator', { associationId: association.id });
          const mediator = await f.user('mediator', { associationId: association.id });
          const asCoordinator = bearer((await login(ctx.t.http, coordinator.username)).accessToken);
          const asMediator = bearer((await login(ctx.t.http, mediator.username)).accessToken);
          const fx = await fixture(
            ctx.t.http,
            f,
            { associationId: association.id, createdBy: mediator.id, teamUserId: mediator.id },
            asMediator,
          );
          const flag = await ctx.t.http
            .post(`/api/v1/accords/${fx.accordId}/flags`)
            .set(asCoordinator)
            .send({ severity: 'low', reason: unique('Reason') })
            .expect(201);
          return { name, fx, flagId: flag.body.id as string, asCoordinator, asMediator };
        }),
      );
      const snapshot = async () =>
        (
          await ctx.t.db.query(
            `SELECT (SELECT count(*)::int FROM accord) AS accords,
                    (SELECT count(*)::int FROM accord_term) AS terms,
                    (SELECT count(*)::int FROM follow_up) AS checks,
                    (SELECT count(*)::int FROM accord_flag) AS flags,
                    (SELECT count(*)::int FROM accord_flag WHERE resolved_at IS NOT NULL) AS resolved,
                    (SELECT sum(version)::int FROM accord_term) AS term_versions`,
          )
        ).rows[0];
      const strip = (body: Record<string, unknown>) => {
        const { requestId: _requestId, ...rest } = body;
        return rest;
      };
      const attempts = (id: string, as: Record<string, string>, coordinator: boolean) => [
        ctx.t.http.get(`/api/v1/cases/${id}/accords`).set(as),
        ctx.t.http.post(`/api/v1/cases/${id}/accords`).set(as).send(accordBody()),
        ctx.t.http.get(`/api/v1/accords/${id}`).set(as),
        ctx.t.http
          .post(`/api/v1/accords/${id}/terms`)
          .set(as)
          .send({ text: 'x', category: 'other', obligorPartyId: randomUUID() }),
        ctx.t.http.get(`/api/v1/accords/${id}/follow-ups`).set(as),
        ctx.t.http
          .post(`/api/v1/accords/${id}/follow-ups`)
          .set(as)
          .send({ checkedAt: yesterday(), method: 'visit', assessments: [], overall: 'stable' }),
        ctx.t.http.post(`/api/v1/accords/${id}/flags`).set(as).send(flagBody()),
        ctx.t.http
          .patch(`/api/v1/terms/${id}`)
          .set(as)
          .set('if-match', 'W/"1"')
          .send({ text: 'x' }),
        ctx.t.http.get(`/api/v1/terms/${id}/history`).set(as),
        ...(coordinator
          ? [ctx.t.http.post(`/api/v1/flags/${id}/resolve`).set(as).send({ note: 'x' })]
          : []),
      ];

      let tries = 0;
      let leaks = 0;
      for (const [mine, theirs] of [
        [sides[0], sides[1]],
        [sides[1], sides[0]],
      ]) {
        const before = await snapshot();
        for (const [as, coordinator] of [
          [mine.asCoordinator, true],
          [mine.asMediator, false],
        ] as const) {
          const reference = await Promise.all(attempts(randomUUID(), as, coordinator));
          for (const id of [
            theirs.fx.caseId,
            theirs.fx.accordId,
            theirs.fx.termId,
            theirs.flagId,
          ]) {
            const answers = await Promise.all(attempts(id, as, coordinator));
            answers.forEach((res, i) => {
              tries++;
              if (res.status !== 404) leaks++;
              expect(res.status).toBe(404);
              expect(strip(res.body)).toEqual(strip(reference[i].body));
            });
          }
          // Their parties and terms cannot be named from my accord.
          const partyGrab = await ctx.t.http
            .post(`/api/v1/accords/${mine.fx.accordId}/terms`)
            .set(as)
            .send({ text: 'x', category: 'other', obligorPartyId: theirs.fx.partyId });
          const termGrab = await ctx.t.http
            .post(`/api/v1/accords/${mine.fx.accordId}/follow-ups`)
            .set(as)
            .send({
              checkedAt: yesterday(),
              method: 'visit',
              assessments: [{ termId: theirs.fx.termId, status: 'violated' }],
              overall: 'stable',
            });
          tries += 2;
          expect([partyGrab.status, termGrab.status]).toEqual([400, 400]);
        }
        expect(await snapshot()).toEqual(before);
      }
      console.log(
        `S2 accord routes: ${tries} cross-association attempts, ${leaks} leaks, 0 changes`,
      );
    });
  });

  describe('S3: smuggled body properties', () => {
    const smuggled = (c: Ctx) => ({
      caseId: c.otherTeam.caseId,
      accordId: c.otherTeam.accordId,
      version: 99,
      createdBy: c.coordinator.id,
      implementationScore: 100,
      health: { level: 'stable', reasons: [] },
      resolvedBy: c.coordinator.id,
      associationId: randomUUID(),
    });

    it('every create refuses each one (400) and creates nothing', async () => {
      const token = bearer(tokens.mediator);
      const f = ctx.team;
      const creates: [string, () => Record<string, unknown>, string][] = [
        [`/api/v1/cases/${f.caseId}/accords`, accordBody, 'accord'],
        [`/api/v1/accords/${f.accordId}/terms`, () => termBody(f), 'accord_term'],
        [`/api/v1/accords/${f.accordId}/follow-ups`, () => followUpBody(f), 'follow_up'],
        [`/api/v1/accords/${f.accordId}/flags`, flagBody, 'accord_flag'],
      ];
      for (const [path, body, table] of creates) {
        for (const [key, value] of Object.entries(smuggled(ctx))) {
          const before = await count(ctx, table);
          const res = await ctx.t.http
            .post(path)
            .set(token)
            .send({ ...body(), [key]: value });
          expect({ path, key, status: res.status, code: res.body.code }).toEqual({
            path,
            key,
            status: 400,
            code: 'validation_failed',
          });
          expect(await count(ctx, table)).toBe(before);
        }
      }
    });

    it('PATCH of a term and resolve refuse each one (400) and apply nothing', async () => {
      const id = ctx.team.termId;
      for (const [key, value] of Object.entries({
        ...smuggled(ctx),
        id: randomUUID(),
        accordId: randomUUID(),
      })) {
        const before = await termRow(ctx, id);
        const patch = await ctx.t.http
          .patch(`/api/v1/terms/${id}`)
          .set(bearer(tokens.mediator))
          .set(await ifMatch(ctx, id))
          .send({ text: 'S3', [key]: value });
        expect({ key, status: patch.status }).toEqual({ key, status: 400 });
        expect(await termRow(ctx, id)).toEqual(before);
      }
      const flagId = await freshFlag(ctx, ctx.team.accordId);
      for (const [key, value] of Object.entries(smuggled(ctx))) {
        const res = await ctx.t.http
          .post(`/api/v1/flags/${flagId}/resolve`)
          .set(ctx.asCoordinator)
          .send({ note: 'S3', [key]: value });
        expect({ key, status: res.status }).toEqual({ key, status: 400 });
      }
      expect(
        await count(ctx, 'accord_flag WHERE resolved_at IS NOT NULL AND id = ' + `'${flagId}'`),
      ).toBe(0);
    });
  });
});
