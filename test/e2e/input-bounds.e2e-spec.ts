import request from 'supertest';
import { AccordFactory, DAY } from '../support/accords';
import { bearer, Factory, login, TestUser } from '../support/factories';
import { TEST_SMS_SECRET } from '../support/sms-gateway';
import { startTestApp, TestApp } from '../support/test-app';

type Headers = Record<string, string>;
const HOUR = 3_600_000;
const at = (ms: number): string => new Date(ms).toISOString();

/** The field messages, in English (every request of this file asks for English unless it says). */
const HAPPENED = 'must be a date from 1960-01-01 to 24 hours from now';
const PLANNED = 'must be a date from 1960-01-01 to 2100-12-31';
const NAME =
  'must not contain invisible, control or direction-control characters (such as U+200B or U+202E)';
const TEXT = 'must not contain control or direction-control characters (such as U+202E)';
const EN = { 'accept-language': 'en' };

/**
 * Dates get sane bounds and every cursor the API writes reads back (issue 17,
 * point 8); names and free text are NFC and hold no invisible or
 * direction-control character (point 9).
 */
describe('input bounds: dates, cursors, names', () => {
  let t: TestApp;
  let factory: Factory;
  let coordinator: TestUser;
  let mediator: TestUser;
  let asAdmin: Headers;
  let asCoordinator: Headers;
  let asMediator: Headers;
  let commune: string;
  let authorityId: string;
  let caseId: string;
  let partyId: string;

  beforeAll(async () => {
    // SMS on: its lists (the outbox) are walked with the others.
    t = await startTestApp({ TOGUNA_SMS_SECRET: TEST_SMS_SECRET });
    factory = new Factory(t.db);
    commune = await factory.areaId('Dinangourou', 'commune');
    coordinator = await factory.user('coordinator');
    mediator = await factory.user('mediator', { associationId: coordinator.associationId! });
    authorityId = (await factory.authority({ areaIds: [await factory.areaId('Koro', 'cercle')] }))
      .id;
    const as = async (user: TestUser): Promise<Headers> => ({
      ...bearer((await login(t.http, user.username)).accessToken),
      ...EN,
    });
    asAdmin = await as(await factory.user('admin'));
    asCoordinator = await as(coordinator);
    asMediator = await as(mediator);
    caseId = (
      await t.http
        .post('/api/v1/cases')
        .set(asMediator)
        .send({ codeName: 'Bounds', areaId: commune, type: 'intercommunity' })
        .expect(201)
    ).body.id as string;
    partyId = (
      await t.http
        .post(`/api/v1/cases/${caseId}/parties`)
        .set(asMediator)
        .send({ name: 'Village council', kind: 'community' })
        .expect(201)
    ).body.id as string;
  });

  afterAll(async () => {
    await t?.close();
  });

  const newAccord = (concludedAt: string, headers: Headers = {}) =>
    t.http
      .post(`/api/v1/cases/${caseId}/accords`)
      .set(asMediator)
      .set(headers)
      .send({ concludedAt, kind: 'non_aggression_pact', form: 'verbal' });

  const newMissionOrder = (validFrom: string, validUntil: string) =>
    t.http
      .post('/api/v1/mission-orders')
      .set(asCoordinator)
      .send({
        authorityId,
        holderUserIds: [mediator.id],
        areaIds: [commune],
        purpose: 'dialogue',
        validFrom,
        validUntil,
      });

  /** The field errors of a 400 problem document, as [field, message] pairs. */
  const fieldErrors = (res: request.Response): [string, string][] => {
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body.code).toBe('validation_failed');
    return (res.body.errors as { field: string; message: string }[]).map((e) => [
      e.field,
      e.message,
    ]);
  };

  describe('dates of things that happened: 1960-01-01 to 24 hours from now', () => {
    it('refuses the accord concluded in 9999 that broke the dashboard, in French and English', async () => {
      const en = await newAccord('9999-12-30T00:00:00.000Z');
      expect(fieldErrors(en)).toEqual([['concludedAt', HAPPENED]]);
      const fr = await newAccord('9999-12-30T00:00:00.000Z', { 'accept-language': 'fr' });
      expect(fieldErrors(fr)).toEqual([
        [
          'concludedAt',
          'doit être une date comprise entre le 1er janvier 1960 et dans 24 heures au plus',
        ],
      ]);
    });

    it('concludedAt, checkedAt and an incident’s occurredAt: in bounds accepted, out refused', async () => {
      const now = Date.now();
      expect(fieldErrors(await newAccord('1959-12-31T23:59:59.999Z'))).toEqual([
        ['concludedAt', HAPPENED],
      ]);
      expect(fieldErrors(await newAccord(at(now + 25 * HOUR)))).toEqual([
        ['concludedAt', HAPPENED],
      ]);
      await newAccord('1960-01-01T00:00:00.000Z').expect(201);
      const accordId = (await newAccord(at(now + 23 * HOUR)).expect(201)).body.id as string;

      const followUp = (checkedAt: string, occurredAt: string) =>
        t.http
          .post(`/api/v1/accords/${accordId}/follow-ups`)
          .set(asMediator)
          .send({
            checkedAt,
            method: 'visit',
            assessments: [],
            overall: 'stable',
            incidents: [{ type: 'cattle_theft', occurredAt, verification: 'unverified' }],
          });
      expect(fieldErrors(await followUp(at(now + 2 * DAY), at(now)))).toEqual([
        ['checkedAt', HAPPENED],
      ]);
      expect(fieldErrors(await followUp(at(now), '1900-01-01T00:00:00Z'))).toEqual([
        ['incidents.0.occurredAt', HAPPENED],
      ]);
      await followUp(at(now), at(now - DAY)).expect(201);
    });
  });

  describe('planned dates: 1960-01-01 to 2100-12-31', () => {
    it('meetings, deadlines, next checks and mission orders refuse dates past 2100 or before 1960', async () => {
      const meeting = (scheduledAt: string) =>
        t.http
          .post(`/api/v1/cases/${caseId}/meetings`)
          .set(asMediator)
          .send({ scheduledAt, durationMinutes: 60, attendeeUserIds: [mediator.id] });
      expect(fieldErrors(await meeting('2101-01-01T00:00:00Z'))).toEqual([
        ['scheduledAt', PLANNED],
      ]);
      const accordId = (await newAccord(at(Date.now())).expect(201)).body.id as string;
      const term = await t.http
        .post(`/api/v1/accords/${accordId}/terms`)
        .set(asMediator)
        .send({ text: 'x', category: 'other', obligorPartyId: partyId, deadline: '9999-01-01' });
      expect(fieldErrors(term)).toEqual([['deadline', PLANNED]]);
      const check = await t.http
        .post(`/api/v1/accords/${accordId}/follow-ups`)
        .set(asMediator)
        .send({
          checkedAt: at(Date.now()),
          method: 'phone',
          assessments: [],
          overall: 'stable',
          nextCheckDue: '10000-01-01T00:00:00Z',
        });
      expect(check.status).toBe(400);
      const order = await newMissionOrder('1959-12-01T00:00:00Z', '1960-01-15T00:00:00Z');
      expect(fieldErrors(order)).toEqual([['validFrom', PLANNED]]);
      const list = await t.http
        .get('/api/v1/meetings')
        .query({ from: '1900-01-01T00:00:00Z' })
        .set(asMediator);
      expect(fieldErrors(list)).toEqual([['from', PLANNED]]);
    });
  });

  describe('every cursor the API writes reads back', () => {
    it('walks every paged list one item at a time through extreme dates, including rows from before the bounds', async () => {
      // At the bounds, through the API.
      for (const scheduledAt of ['1960-01-01T00:00:00.000Z', '2100-12-31T22:00:00.000Z']) {
        await t.http
          .post(`/api/v1/cases/${caseId}/meetings`)
          .set(asMediator)
          .send({ scheduledAt, durationMinutes: 60, attendeeUserIds: [mediator.id] })
          .expect(201);
      }
      const edgeAccord = (await newAccord('1960-01-01T00:00:00.000Z').expect(201)).body
        .id as string;
      for (const [checkedAt, nextCheckDue] of [
        ['1960-01-01T00:00:00.000Z', '2100-12-31T23:59:59.999Z'],
        [at(Date.now() + 23 * HOUR), undefined],
      ]) {
        await t.http
          .post(`/api/v1/accords/${edgeAccord}/follow-ups`)
          .set(asMediator)
          .send({ checkedAt, method: 'visit', assessments: [], overall: 'stable', nextCheckDue })
          .expect(201);
      }
      await newMissionOrder('2100-10-15T00:00:00Z', '2100-12-31T00:00:00Z').expect(201);
      await t.http
        .post(`/api/v1/cases/${caseId}/participants`)
        .set(asMediator)
        .send({ pseudonym: 'Baobab', role: 'elder' })
        .expect(201);
      // Accepted before the bounds existed (the accord in 9999 and its check in 10000).
      const accords = new AccordFactory(t.db, mediator.id);
      const far = await accords.accord({ caseId, concludedAt: new Date('9999-12-30T00:00:00Z') });
      await accords.followUp({
        accordId: far.id,
        checkedAt: new Date('9999-12-30T00:00:00Z'),
        nextCheckDue: new Date('9999-12-30T00:00:00Z'),
      });
      await t.db.query(
        `UPDATE follow_up SET next_check_due = '10000-01-29T00:00:00Z' WHERE accord_id = $1`,
        [far.id],
      );
      await t.db.query(
        `UPDATE accord_check_summary SET next_check_due = '10000-01-29T00:00:00Z' WHERE accord_id = $1`,
        [far.id],
      );
      await t.db.query(
        `UPDATE meeting SET scheduled_at = '10000-03-01T00:00:00Z'
          WHERE id = (SELECT id FROM meeting WHERE case_id = $1 ORDER BY scheduled_at DESC LIMIT 1)`,
        [caseId],
      );

      // Every paged GET of the OpenAPI document, whatever gets added later.
      const doc = (await t.http.get('/docs/openapi.json').expect(200)).body as {
        paths: Record<string, { get?: { responses: Record<string, unknown> } }>;
        components: { schemas: Record<string, { properties?: Record<string, unknown> }> };
      };
      const paged = Object.entries(doc.paths)
        .filter(([, ops]) => {
          const ref = (
            ops.get?.responses['200'] as
              { content?: { 'application/json'?: { schema?: { $ref?: string } } } } | undefined
          )?.content?.['application/json']?.schema?.$ref;
          return ref && doc.components.schemas[ref.split('/').pop()!]?.properties?.nextCursor;
        })
        .map(([path]) => path);
      expect(paged.length).toBeGreaterThanOrEqual(10);
      const pathFor = (template: string): string =>
        template
          .replace('/cases/{id}', `/cases/${caseId}`)
          .replace('/accords/{id}', `/accords/${edgeAccord}`);
      // The seeded areas are many: one cercle's communes are enough.
      const filters: Record<string, Record<string, string>> = {
        '/api/v1/areas': { parentId: await factory.areaId('Koro', 'cercle') },
      };

      const walked: string[] = [];
      for (const template of paged) {
        const path = pathFor(template);
        expect(path).not.toContain('{');
        let headers = asCoordinator;
        if ((await t.http.get(path).set(headers)).status === 403) headers = asAdmin;
        const filter = filters[template] ?? {};
        const all = await t.http
          .get(path)
          .query({ ...filter, limit: 100 })
          .set(headers);
        expect([template, all.status, all.body.code]).toEqual([template, 200, undefined]);
        expect(all.body.nextCursor).toBeNull();
        const seen: unknown[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const res: request.Response = await t.http
            .get(path)
            .query({ ...filter, limit: 1, ...(cursor ? { cursor } : {}) })
            .set(headers);
          expect([template, pages, res.status, res.body.code]).toEqual([
            template,
            pages,
            200,
            undefined,
          ]);
          seen.push(...(res.body.items as unknown[]));
          cursor = res.body.nextCursor as string | null;
          pages++;
        } while (cursor && pages < 200);
        expect([template, JSON.stringify(seen)]).toEqual([
          template,
          JSON.stringify(all.body.items),
        ]);
        walked.push(`${template} (${seen.length})`);
      }
      const dashboard = walked.find((w) => w.startsWith('/api/v1/dashboard/accords'));
      expect(dashboard).toBeDefined();
      expect(Number(/\((\d+)\)/.exec(dashboard!)![1])).toBeGreaterThanOrEqual(3);
    });
  });

  describe('names and free text', () => {
    it('refuses the code name with a bidi override and a zero-width space, naming the field in French and English', async () => {
      const body = { codeName: 'Baobab\u202e\u200b', areaId: commune, type: 'intercommunity' };
      const en = await t.http.post('/api/v1/cases').set(asMediator).send(body);
      expect(fieldErrors(en)).toEqual([['codeName', NAME]]);
      const fr = await t.http
        .post('/api/v1/cases')
        .set(asMediator)
        .set('accept-language', 'fr')
        .send(body);
      expect(fieldErrors(fr)).toEqual([
        [
          'codeName',
          'ne doit pas contenir de caractères invisibles, de contrôle ou de sens d’écriture (comme U+200B ou U+202E)',
        ],
      ]);
    });

    it.each([
      ['zero-width space', '\u200b'],
      ['right-to-left override', '\u202e'],
      ['left-to-right isolate', '\u2066'],
      ['zero-width joiner', '\u200d'],
      ['soft hyphen', '\u00ad'],
      ['variation selector', '\ufe0f'],
      ['Hangul filler', '\u3164'],
      ['line feed', '\n'],
      ['escape', '\u001b'],
      ['line separator', '\u2028'],
    ])('refuses a %s in every kind of name', async (_name, char) => {
      const name = `Kɛnɛ${char}Dɔgɔ`;
      const refused = async (
        method: 'post' | 'patch',
        path: string,
        as: Headers,
        field: string,
        body: Record<string, unknown>,
      ) => {
        const res = await t.http[method](path)
          .set(as)
          .set('if-match', 'W/"1"')
          .send({ ...body, [field]: name });
        expect([path, fieldErrors(res)]).toEqual([path, [[field, NAME]]]);
      };
      await refused('post', `/api/v1/cases/${caseId}/parties`, asMediator, 'name', {
        kind: 'community',
      });
      for (const field of ['pseudonym', 'role', 'realName', 'contact']) {
        await refused('post', `/api/v1/cases/${caseId}/participants`, asMediator, field, {
          pseudonym: 'Tamarind',
          role: 'elder',
          consentToRecordIdentity: true,
        });
      }
      for (const field of ['displayName', 'legalName', 'idDocumentNumber']) {
        await refused('post', '/api/v1/users', asAdmin, field, {
          username: 'ghost.user',
          displayName: 'Ghost',
          role: 'mediator',
          associationId: coordinator.associationId,
          password: 'Long-enough-password-77',
        });
      }
      await refused('patch', `/api/v1/users/${mediator.id}`, asAdmin, 'displayName', {});
      await refused('post', '/api/v1/associations', asAdmin, 'name', {});
      await refused('post', '/api/v1/authorities', asAdmin, 'name', { jurisdictionAreaIds: [] });
      await refused('post', '/api/v1/areas', asAdmin, 'name', {
        level: 'commune',
        parentId: await factory.areaId('Koro', 'cercle'),
      });
    });

    it('free text keeps its lines but refuses direction controls and other control characters', async () => {
      const ok = await t.http
        .post('/api/v1/cases')
        .set(asMediator)
        .send({
          codeName: 'Lines',
          areaId: commune,
          type: 'intercommunity',
          summary: 'First line\nSecond line\tend 👨‍👩‍👧',
        })
        .expect(201);
      expect(ok.body.summary).toBe('First line\nSecond line\tend 👨‍👩‍👧');
      for (const [field, body] of [
        ['summary', { summary: 'ok\u202eevil' }],
        ['confidentialNotes', { confidentialNotes: 'bell\u0007' }],
        ['locationDetail', { locationDetail: 'near\u200bthe well' }],
      ] as const) {
        const res = await t.http
          .post('/api/v1/cases')
          .set(asMediator)
          .send({ codeName: 'Text', areaId: commune, type: 'intercommunity', ...body });
        expect(fieldErrors(res)).toEqual([[field, TEXT]]);
      }
      const reason = await t.http
        .post(`/api/v1/cases/${caseId}/transitions`)
        .set(asMediator)
        .send({ to: 'negotiating', reason: 'why\u2067' });
      expect(fieldErrors(reason)).toEqual([['reason', TEXT]]);
    });

    it('stores names in NFC with plain spaces, Bambara and Fulfulde letters untouched', async () => {
      const decomposed = 'Kore\u0301\u00a0Ɲɛ ŋ ɓ ɗ ƴ ɔ';
      const created = await t.http
        .post('/api/v1/cases')
        .set(asMediator)
        .send({ codeName: decomposed, areaId: commune, type: 'intercommunity' })
        .expect(201);
      expect(created.body.codeName).toBe('Kor\u00e9 Ɲɛ ŋ ɓ ɗ ƴ ɔ');
      const found = await t.http
        .get('/api/v1/cases')
        .query({ q: 'Kore\u0301' })
        .set(asMediator)
        .expect(200);
      expect(found.body.items.map((c: { id: string }) => c.id)).toContain(created.body.id);
    });
  });
});
