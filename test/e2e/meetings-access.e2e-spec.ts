import { randomUUID } from 'node:crypto';
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
 * S1, S2 and S3 for the meeting routes of issue 5, against
 * shared/design/access.md: meetings are read and updated like their case
 * (coordinators: own association; mediators: team); admins and officials
 * see none; location and outcome notes are written by the team only.
 */

const MEETING_PATHS = [
  '/api/v1/cases/{id}/meetings',
  '/api/v1/meetings',
  '/api/v1/meetings/{id}',
  '/api/v1/meetings/{id}/outcome',
];

interface Ctx {
  t: TestApp;
  factory: Factory;
  associationId: string;
  communeId: string;
  coordinator: TestUser;
  mediator: TestUser;
  colleague: TestUser;
  /** A case whose team the mediator caller is on. */
  teamCaseId: string;
  /** A case of the same association the mediator caller is not on. */
  otherTeamCaseId: string;
  teamMeetingId: string;
  otherTeamMeetingId: string;
}

let slot = 0;
/** A fresh far-future slot for every booking, so allowed writes never collide. */
const nextSlot = (): string => new Date(Date.UTC(2032, 0, 1) + ++slot * 3 * 3600_000).toISOString();
const unique = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 8)}`;

async function meetingRow(ctx: Ctx, id: string): Promise<unknown> {
  const { rows } = await ctx.t.db.query(
    `SELECT case_id, scheduled_at, duration_minutes, status, agenda, location_detail, outcome_notes,
            party_ids, version,
            (SELECT array_agg(user_id::text ORDER BY user_id) FROM meeting_attendee WHERE meeting_id = $1) AS attendees,
            (SELECT bool_and(active) FROM meeting_attendee WHERE meeting_id = $1) AS active
       FROM meeting WHERE id = $1`,
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
    'SELECT version FROM meeting WHERE id = $1',
    [id],
  );
  return { 'if-match': `W/"${rows[0]?.version ?? 1}"` };
}

/** A planned meeting written in SQL, with the case's mediator as its attendee. */
async function freshMeeting(ctx: Ctx, caseId: string, attendee: string): Promise<string> {
  const id = randomUUID();
  const start = nextSlot();
  await ctx.t.db.query(
    `INSERT INTO meeting (id, case_id, scheduled_at, duration_minutes, status, created_by, version)
     VALUES ($1, $2, $3, 60, 'planned', $4, 1)`,
    [id, caseId, start, ctx.coordinator.id],
  );
  await ctx.t.db.query(
    `INSERT INTO meeting_attendee (meeting_id, user_id, during, active)
     VALUES ($1, $2, tstzrange($3::timestamptz, $3::timestamptz + interval '60 minutes'), true)`,
    [id, attendee, start],
  );
  return id;
}

const ROWS: MatrixRow<Ctx>[] = [
  {
    method: 'POST',
    path: '/api/v1/cases/{id}/meetings',
    target: 'team case',
    expect: only({ coordinator: 201, mediator: 201 }),
    request: (ctx) => ({
      params: { id: ctx.teamCaseId },
      body: { scheduledAt: nextSlot(), durationMinutes: 60, attendeeUserIds: [ctx.mediator.id] },
    }),
    snapshot: (ctx) => count(ctx, 'meeting'),
  },
  {
    method: 'POST',
    path: '/api/v1/cases/{id}/meetings',
    target: 'with a location (team only)',
    expect: only({ coordinator: 403, mediator: 201 }),
    request: (ctx) => ({
      params: { id: ctx.teamCaseId },
      body: {
        scheduledAt: nextSlot(),
        durationMinutes: 60,
        attendeeUserIds: [ctx.mediator.id],
        locationDetail: unique('Place'),
      },
    }),
    snapshot: (ctx) => count(ctx, 'meeting'),
  },
  {
    method: 'POST',
    path: '/api/v1/cases/{id}/meetings',
    target: 'own association, not on the team',
    expect: only({ coordinator: 201, mediator: 404 }),
    request: (ctx) => ({
      params: { id: ctx.otherTeamCaseId },
      body: { scheduledAt: nextSlot(), durationMinutes: 60, attendeeUserIds: [ctx.colleague.id] },
    }),
    snapshot: (ctx) => count(ctx, 'meeting'),
  },
  { method: 'GET', path: '/api/v1/meetings', expect: only({ coordinator: 200, mediator: 200 }) },
  {
    method: 'GET',
    path: '/api/v1/meetings/{id}',
    target: 'team case',
    expect: only({ coordinator: 200, mediator: 200 }),
    request: (ctx) => ({ params: { id: ctx.teamMeetingId } }),
  },
  {
    method: 'GET',
    path: '/api/v1/meetings/{id}',
    target: 'own association, not on the team',
    expect: only({ coordinator: 200, mediator: 404 }),
    request: (ctx) => ({ params: { id: ctx.otherTeamMeetingId } }),
  },
  {
    method: 'PATCH',
    path: '/api/v1/meetings/{id}',
    target: 'team case',
    expect: only({ coordinator: 200, mediator: 200 }),
    request: async (ctx) => ({
      params: { id: ctx.teamMeetingId },
      headers: await ifMatch(ctx, ctx.teamMeetingId),
      body: { agenda: unique('Agenda') },
    }),
    snapshot: (ctx) => meetingRow(ctx, ctx.teamMeetingId),
  },
  {
    method: 'PATCH',
    path: '/api/v1/meetings/{id}',
    target: 'location of a team meeting',
    expect: only({ coordinator: 403, mediator: 200 }),
    request: async (ctx) => ({
      params: { id: ctx.teamMeetingId },
      headers: await ifMatch(ctx, ctx.teamMeetingId),
      body: { locationDetail: unique('Place') },
    }),
    snapshot: (ctx) => meetingRow(ctx, ctx.teamMeetingId),
  },
  {
    method: 'PATCH',
    path: '/api/v1/meetings/{id}',
    target: 'own association, not on the team',
    expect: only({ coordinator: 200, mediator: 404 }),
    request: async (ctx) => ({
      params: { id: ctx.otherTeamMeetingId },
      headers: await ifMatch(ctx, ctx.otherTeamMeetingId),
      body: { agenda: unique('Agenda') },
    }),
    snapshot: (ctx) => meetingRow(ctx, ctx.otherTeamMeetingId),
  },
  {
    method: 'POST',
    path: '/api/v1/meetings/{id}/outcome',
    target: 'team case',
    expect: only({ coordinator: 200, mediator: 200 }),
    request: async (ctx) => ({
      params: { id: await freshMeeting(ctx, ctx.teamCaseId, ctx.mediator.id) },
      body: { status: 'cancelled' },
    }),
    snapshot: (ctx) => count(ctx, "audit_event WHERE action = 'meeting.outcome'"),
  },
  {
    method: 'POST',
    path: '/api/v1/meetings/{id}/outcome',
    target: 'with outcome notes (team only)',
    expect: only({ coordinator: 403, mediator: 200 }),
    request: async (ctx) => ({
      params: { id: await freshMeeting(ctx, ctx.teamCaseId, ctx.mediator.id) },
      body: { status: 'held', outcomeNotes: unique('Notes') },
    }),
    snapshot: (ctx) => count(ctx, "meeting WHERE status = 'held'"),
  },
  {
    method: 'POST',
    path: '/api/v1/meetings/{id}/outcome',
    target: 'own association, not on the team',
    expect: only({ coordinator: 200, mediator: 404 }),
    request: async (ctx) => ({
      params: { id: await freshMeeting(ctx, ctx.otherTeamCaseId, ctx.colleague.id) },
      body: { status: 'cancelled' },
    }),
    snapshot: (ctx) => count(ctx, "meeting WHERE status = 'cancelled'"),
  },
];

describe('meeting routes: access (S1, S2, S3)', () => {
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
    ctx.colleague = await ctx.factory.user('mediator', { associationId: ctx.associationId });
    const users: Record<Role, { username: string }> = {
      admin: await ctx.factory.user('admin'),
      coordinator: ctx.coordinator,
      mediator: ctx.mediator,
      official: await ctx.factory.user('official'),
    };
    ctx.teamCaseId = (
      await ctx.factory.dialogueCase({
        associationId: ctx.associationId,
        areaId: ctx.communeId,
        createdBy: ctx.coordinator.id,
        team: [{ userId: ctx.mediator.id, lead: true }],
      })
    ).id;
    ctx.otherTeamCaseId = (
      await ctx.factory.dialogueCase({
        associationId: ctx.associationId,
        areaId: ctx.communeId,
        createdBy: ctx.colleague.id,
        team: [{ userId: ctx.colleague.id, lead: true }],
      })
    ).id;
    ctx.teamMeetingId = await freshMeeting(ctx, ctx.teamCaseId, ctx.mediator.id);
    ctx.otherTeamMeetingId = await freshMeeting(ctx, ctx.otherTeamCaseId, ctx.colleague.id);
    for (const role of ROLES)
      tokens[role] = (await login(ctx.t.http, users[role].username)).accessToken;
  });

  afterAll(async () => {
    console.log(tally.summary('S1 meeting routes'));
    await ctx.t?.close();
  });

  describe('S1: route × role', () => {
    it.each(expandMatrix(ROWS))('$name', (cell) => checkCell(ctx, tokens, tally, cell));

    it('tables every meeting route of the OpenAPI document', async () => {
      const res = await ctx.t.http.get('/docs/openapi.json').expect(200);
      const documented = openApiOperations(res.body, ['/api/v1/cases', '/api/v1/meetings']).filter(
        (op) => MEETING_PATHS.includes(op.split(' ')[1]),
      );
      const tabled = [...new Set(ROWS.map(operationOf))].sort();
      expect(documented).toEqual(tabled);
    });
  });

  describe('S2: two associations', () => {
    it('every user of one side tries every meeting and case id of the other: 0 leaks, 0 changes, 404 like a random id', async () => {
      const f = ctx.factory;
      const sides = await Promise.all(
        ['A', 'B'].map(async (name) => {
          const association = await f.association({ name: unique(`S2-${name}`) });
          const coordinator = await f.user('coordinator', { associationId: association.id });
          const mediator = await f.user('mediator', { associationId: association.id });
          const { id: caseId } = await f.dialogueCase({
            associationId: association.id,
            areaId: ctx.communeId,
            createdBy: mediator.id,
            team: [{ userId: mediator.id, lead: true }],
          });
          const meetings: string[] = [];
          for (let i = 0; i < 3; i++) meetings.push(await freshMeeting(ctx, caseId, mediator.id));
          const users = await Promise.all(
            [coordinator, mediator].map(async (u) =>
              bearer((await login(ctx.t.http, u.username)).accessToken),
            ),
          );
          return { name, caseId, meetings, mediator, users };
        }),
      );
      const snapshot = async (ids: string[]) => Promise.all(ids.map((id) => meetingRow(ctx, id)));
      const strip = (body: Record<string, unknown>) => {
        const { requestId: _requestId, ...rest } = body;
        return rest;
      };
      const attempts = (id: string, as: Record<string, string>) => [
        ctx.t.http.get(`/api/v1/meetings/${id}`).set(as),
        ctx.t.http
          .patch(`/api/v1/meetings/${id}`)
          .set(as)
          .set('if-match', 'W/"1"')
          .send({ agenda: 'x' }),
        ctx.t.http.post(`/api/v1/meetings/${id}/outcome`).set(as).send({ status: 'cancelled' }),
        ctx.t.http
          .post(`/api/v1/cases/${id}/meetings`)
          .set(as)
          .send({
            scheduledAt: nextSlot(),
            durationMinutes: 30,
            attendeeUserIds: [randomUUID()],
          }),
      ];

      let tries = 0;
      let leaks = 0;
      for (const [mine, theirs] of [
        [sides[0], sides[1]],
        [sides[1], sides[0]],
      ]) {
        const before = await snapshot(theirs.meetings);
        const meetingsBefore = await count(ctx, 'meeting');
        for (const as of mine.users) {
          const reference = await Promise.all(attempts(randomUUID(), as));
          for (const id of [...theirs.meetings, theirs.caseId]) {
            const answers = await Promise.all(attempts(id, as));
            answers.forEach((res, i) => {
              tries++;
              if (res.status !== 404) leaks++;
              expect(res.status).toBe(404);
              expect(strip(res.body)).toEqual(strip(reference[i].body));
            });
          }
          // Booking their mediator into my case is refused (not on my team), and the list is empty.
          const { rows } = await ctx.t.db.query<{ id: string }>(
            'SELECT id FROM dialogue_case WHERE association_id = (SELECT association_id FROM app_user WHERE id = $1)',
            [mine.mediator.id],
          );
          const grab = await ctx.t.http
            .post(`/api/v1/cases/${rows[0].id}/meetings`)
            .set(as)
            .send({
              scheduledAt: nextSlot(),
              durationMinutes: 30,
              attendeeUserIds: [theirs.mediator.id],
            });
          tries++;
          expect(grab.status).toBe(400);
          const list = await ctx.t.http
            .get('/api/v1/meetings')
            .set(as)
            .query({ caseId: theirs.caseId })
            .expect(200);
          tries++;
          leaks += list.body.items.length;
          expect(list.body.items).toEqual([]);
        }
        expect(await snapshot(theirs.meetings)).toEqual(before);
        expect(await count(ctx, 'meeting')).toBe(meetingsBefore);
      }
      console.log(
        `S2 meeting routes: ${tries} cross-association attempts, ${leaks} leaks, 0 changes`,
      );
    });
  });

  describe('S3: smuggled body properties', () => {
    const smuggled = (c: Ctx) => ({
      caseId: c.otherTeamCaseId,
      status: 'held',
      version: 99,
      createdBy: c.coordinator.id,
      outcomeNotes: 'smuggled',
      active: false,
      during: '[2030-01-01,2030-01-02)',
      missionOrderCoverage: { status: 'valid', missing: [] },
    });

    it('create refuses each one (400) and creates nothing', async () => {
      const token = bearer(tokens.mediator);
      for (const [key, value] of Object.entries(smuggled(ctx))) {
        const before = await count(ctx, 'meeting');
        const res = await ctx.t.http
          .post(`/api/v1/cases/${ctx.teamCaseId}/meetings`)
          .set(token)
          .send({
            scheduledAt: nextSlot(),
            durationMinutes: 30,
            attendeeUserIds: [ctx.mediator.id],
            [key]: value,
          });
        expect({ key, status: res.status, code: res.body.code }).toEqual({
          key,
          status: 400,
          code: 'validation_failed',
        });
        expect(res.body.errors).toEqual(
          expect.arrayContaining([expect.objectContaining({ field: key })]),
        );
        expect(await count(ctx, 'meeting')).toBe(before);
      }
    });

    it('PATCH and outcome refuse each one (400) and apply nothing', async () => {
      const token = bearer(tokens.mediator);
      const id = ctx.teamMeetingId;
      for (const [key, value] of Object.entries({ ...smuggled(ctx), id: randomUUID() })) {
        const before = await meetingRow(ctx, id);
        const patch = await ctx.t.http
          .patch(`/api/v1/meetings/${id}`)
          .set(token)
          .set(await ifMatch(ctx, id))
          .send({ agenda: 'S3', [key]: value });
        expect({ key, status: patch.status }).toEqual({ key, status: 400 });
        if (key !== 'outcomeNotes' && key !== 'status') {
          const outcome = await ctx.t.http
            .post(`/api/v1/meetings/${id}/outcome`)
            .set(token)
            .send({ status: 'cancelled', [key]: value });
          expect({ key, status: outcome.status }).toEqual({ key, status: 400 });
        }
        expect(await meetingRow(ctx, id)).toEqual(before);
      }
      for (const [key, value] of Object.entries({
        scheduledAt: nextSlot(),
        attendeeUserIds: [ctx.colleague.id],
        agenda: 'x',
      })) {
        const before = await meetingRow(ctx, id);
        const outcome = await ctx.t.http
          .post(`/api/v1/meetings/${id}/outcome`)
          .set(token)
          .send({ status: 'cancelled', [key]: value });
        expect({ key, status: outcome.status }).toEqual({ key, status: 400 });
        expect(await meetingRow(ctx, id)).toEqual(before);
      }
    });
  });
});
