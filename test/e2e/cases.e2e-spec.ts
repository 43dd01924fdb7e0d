import { randomUUID } from 'node:crypto';
import { bearer, Factory, login, TestUser } from '../support/factories';
import { dumpDatabase } from '../support/dump';
import { startTestApp, TestApp } from '../support/test-app';

/** Dialogue cases: acceptance 1 and 5 of issue 4, lists, PATCH, sensitive fields, history. */
describe('dialogue cases', () => {
  let t: TestApp;
  let factory: Factory;
  let dinangourou: string;
  let mondoro: string;
  let diankabou: string;
  let koroCercle: string;
  let associationA: { id: string; name: string };
  let mediatorA: TestUser;
  let coordinatorA: TestUser;
  let tokens: Record<'mediatorA' | 'coordinatorA', Record<string, string>>;

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
    dinangourou = await factory.areaId('Dinangourou', 'commune');
    mondoro = await factory.areaId('Mondoro', 'commune');
    diankabou = await factory.areaId('Diankabou', 'commune');
    koroCercle = await factory.areaId('Koro', 'cercle');
    associationA = await factory.association();
    mediatorA = await factory.user('mediator', { associationId: associationA.id });
    coordinatorA = await factory.user('coordinator', { associationId: associationA.id });
    tokens = {
      mediatorA: bearer((await login(t.http, mediatorA.username)).accessToken),
      coordinatorA: bearer((await login(t.http, coordinatorA.username)).accessToken),
    };
  });
  afterAll(async () => {
    await t.close();
  });

  const move = (id: string, as: Record<string, string>, to: string, reason = `to ${to}`) =>
    t.http.post(`/api/v1/cases/${id}/transitions`).set(as).send({ to, reason });

  it('acceptance 1: a mediator opens a case and moves it; invalid → 409; only a coordinator closes', async () => {
    const created = await t.http
      .post('/api/v1/cases')
      .set(tokens.mediatorA)
      .send({ codeName: 'Baobab-1', areaId: dinangourou, type: 'community_armed_group' })
      .expect(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({
      status: 'exploratory',
      associationId: associationA.id,
      createdBy: mediatorA.id,
      leadUserId: mediatorA.id,
      teamUserIds: [mediatorA.id],
      version: 1,
      overlaps: [],
    });

    for (const to of ['negotiating', 'accord_reached', 'monitoring']) {
      const res = await move(id, tokens.mediatorA, to).expect(200);
      expect(res.body.status).toBe(to);
    }
    const invalid = await move(id, tokens.mediatorA, 'exploratory').expect(409);
    expect(invalid.body.code).toBe('invalid_transition');

    const mediatorClose = await move(id, tokens.mediatorA, 'closed').expect(403);
    expect(mediatorClose.body.code).toBe('forbidden');
    expect((await t.http.get(`/api/v1/cases/${id}`).set(tokens.mediatorA)).body.status).toBe(
      'monitoring',
    );

    const closed = await move(id, tokens.coordinatorA, 'closed', 'accord holds').expect(200);
    expect(closed.body.status).toBe('closed');

    const { rows } = await t.db.query(
      'SELECT from_status, to_status, actor_user_id, reason FROM case_transition WHERE case_id = $1 ORDER BY occurred_at',
      [id],
    );
    expect(rows.map((r) => `${r.from_status}>${r.to_status}`)).toEqual([
      'exploratory>negotiating',
      'negotiating>accord_reached',
      'accord_reached>monitoring',
      'monitoring>closed',
    ]);
    expect(rows[3].actor_user_id).toBe(coordinatorA.id);
    for (const r of rows) expect(r.reason).toMatch(/^enc:c1:/);

    const { rows: events } = await t.db.query(
      `SELECT action, details FROM audit_event WHERE entity_id = $1 ORDER BY id`,
      [id],
    );
    expect(events.map((e) => e.action)).toEqual([
      'case.create',
      'case.transition',
      'case.transition',
      'case.transition',
      'case.transition',
    ]);
    expect(events[4].details).toEqual({ from: 'monitoring', to: 'closed' });
  });

  it('suspends a case and resumes it only to where it was', async () => {
    const { id } = await factory.dialogueCase({
      associationId: associationA.id,
      areaId: mondoro,
      createdBy: mediatorA.id,
      status: 'negotiating',
      team: [{ userId: mediatorA.id, lead: true }],
    });
    await move(id, tokens.mediatorA, 'suspended').expect(200);
    expect((await move(id, tokens.mediatorA, 'monitoring').expect(409)).body.code).toBe(
      'invalid_transition',
    );
    const back = await move(id, tokens.mediatorA, 'negotiating').expect(200);
    expect(back.body).toMatchObject({ status: 'negotiating', statusBeforeSuspension: null });
  });

  it('validates the create body: commune only, ISO 639-3 languages, no unknown fields', async () => {
    const base = { codeName: 'Karité', areaId: diankabou, type: 'intercommunity' };
    const cercle = await t.http
      .post('/api/v1/cases')
      .set(tokens.mediatorA)
      .send({ ...base, areaId: koroCercle })
      .expect(400);
    expect(cercle.body.code).toBe('area_not_commune');
    await t.http
      .post('/api/v1/cases')
      .set(tokens.mediatorA)
      .send({ ...base, areaId: randomUUID() })
      .expect(400);
    const badLanguage = await t.http
      .post('/api/v1/cases')
      .set(tokens.mediatorA)
      .send({ ...base, languages: ['ffm', 'FR'] })
      .expect(400);
    expect(badLanguage.body.code).toBe('validation_failed');
    await t.http
      .post('/api/v1/cases')
      .set(tokens.mediatorA)
      .send({
        ...base,
        languages: Array.from({ length: 21 }, (_, i) => `a${String.fromCharCode(97 + i)}a`),
      })
      .expect(400);
    const ok = await t.http
      .post('/api/v1/cases')
      .set(tokens.mediatorA)
      .send({ ...base, languages: ['ffm', 'dts'] })
      .expect(201);
    expect(ok.body.languages).toEqual(['ffm', 'dts']);
  });

  it('acceptance 5: B creating a case where A is active gets one overlap naming A, nothing else', async () => {
    const area = await factory.areaId('Madougou', 'commune');
    const secretA = await t.http
      .post('/api/v1/cases')
      .set(tokens.mediatorA)
      .send({
        codeName: 'Secret-A-codename',
        areaId: area,
        type: 'militia_armed_group',
        summary: 'Summary of A that B must not see',
        locationDetail: 'Village of A',
      })
      .expect(201);
    // A's closed case in the same commune is not an overlap.
    await factory.dialogueCase({
      associationId: associationA.id,
      areaId: area,
      createdBy: mediatorA.id,
      status: 'closed',
    });
    const associationB = await factory.association();
    const coordinatorB = await factory.user('coordinator', { associationId: associationB.id });
    const tokenB = bearer((await login(t.http, coordinatorB.username)).accessToken);
    const res = await t.http
      .post('/api/v1/cases')
      .set(tokenB)
      .send({ codeName: 'B-case', areaId: area, type: 'intercommunity' })
      .expect(201);
    expect(res.body.overlaps).toHaveLength(1);
    const overlap = res.body.overlaps[0];
    expect(Object.keys(overlap).sort()).toEqual([
      'associationName',
      'startedMonth',
      'status',
      'type',
    ]);
    expect(overlap).toEqual({
      associationName: associationA.name,
      type: 'militia_armed_group',
      status: 'exploratory',
      startedMonth: new Date().toISOString().slice(0, 7),
    });
    const text = JSON.stringify(res.body);
    for (const leak of ['Secret-A-codename', 'Summary of A', 'Village of A', secretA.body.id]) {
      expect(text).not.toContain(leak);
    }
    // B's case belongs to B's association, and B's coordinator is not on a team.
    expect(res.body).toMatchObject({
      associationId: associationB.id,
      leadUserId: null,
      teamUserIds: [],
    });
    expect(res.body).not.toHaveProperty('locationDetail');
  });

  it('lists only visible cases, with filters and keyset pagination newest first', async () => {
    const association = await factory.association();
    const coordinator = await factory.user('coordinator', { associationId: association.id });
    const mediator = await factory.user('mediator', { associationId: association.id });
    const coordinatorToken = bearer((await login(t.http, coordinator.username)).accessToken);
    const mediatorToken = bearer((await login(t.http, mediator.username)).accessToken);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.http
        .post('/api/v1/cases')
        .set(coordinatorToken)
        .send({
          codeName: `List_${i}%`,
          areaId: i < 3 ? dinangourou : mondoro,
          type: 'other',
          summary: i === 4 ? 'Talks about the WELL near the market' : undefined,
        })
        .expect(201);
      ids.push(res.body.id as string);
    }
    await move(ids[1], coordinatorToken, 'negotiating').expect(200);
    const teamCase = await factory.dialogueCase({
      associationId: association.id,
      areaId: mondoro,
      createdBy: coordinator.id,
      team: [{ userId: mediator.id, lead: true }],
    });

    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.http
        .get('/api/v1/cases')
        .set(coordinatorToken)
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      for (const item of res.body.items) expect(item).not.toHaveProperty('confidentialNotes');
      all.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(all).toEqual([teamCase.id, ...[...ids].reverse()]);

    const byStatus = await t.http
      .get('/api/v1/cases')
      .set(coordinatorToken)
      .query({ status: 'negotiating' })
      .expect(200);
    expect(byStatus.body.items.map((c: { id: string }) => c.id)).toEqual([ids[1]]);
    const byArea = await t.http
      .get('/api/v1/cases')
      .set(coordinatorToken)
      .query({ areaId: mondoro })
      .expect(200);
    expect(byArea.body.items.map((c: { id: string }) => c.id)).toEqual([
      teamCase.id,
      ids[4],
      ids[3],
    ]);
    const byText = await t.http.get('/api/v1/cases').set(coordinatorToken).query({ q: 'well' });
    expect(byText.body.items.map((c: { id: string }) => c.id)).toEqual([ids[4]]);
    const wildcard = await t.http.get('/api/v1/cases').set(coordinatorToken).query({ q: '_2%' });
    expect(wildcard.body.items.map((c: { id: string }) => c.id)).toEqual([ids[2]]);
    const none = await t.http.get('/api/v1/cases').set(coordinatorToken).query({ q: '%' });
    expect(none.body.items).toHaveLength(5);

    // A mediator sees only the cases whose team they are on.
    const mine = await t.http.get('/api/v1/cases').set(mediatorToken).expect(200);
    expect(mine.body.items.map((c: { id: string }) => c.id)).toEqual([teamCase.id]);

    await t.http
      .get('/api/v1/cases')
      .set(coordinatorToken)
      .query({ cursor: 'nonsense' })
      .expect(400);
    await t.http.get('/api/v1/cases').set(coordinatorToken).query({ status: 'open' }).expect(400);
    await t.http.get('/api/v1/cases').set(coordinatorToken).query({ limit: 101 }).expect(400);
  });

  it('PATCH needs If-Match: 428 without, 409 stale, 200 current, and bumps the version', async () => {
    const created = await t.http
      .post('/api/v1/cases')
      .set(tokens.mediatorA)
      .send({ codeName: 'Patch-me', areaId: dinangourou, type: 'other' })
      .expect(201);
    const id = created.body.id as string;
    const got = await t.http.get(`/api/v1/cases/${id}`).set(tokens.mediatorA).expect(200);
    expect(got.headers.etag).toBe('W/"1"');
    const missing = await t.http
      .patch(`/api/v1/cases/${id}`)
      .set(tokens.mediatorA)
      .send({ summary: 'x' })
      .expect(428);
    expect(missing.body.code).toBe('precondition_required');
    const ok = await t.http
      .patch(`/api/v1/cases/${id}`)
      .set(tokens.mediatorA)
      .set('if-match', 'W/"1"')
      .send({ summary: 'Now negotiating', languages: ['bam'] })
      .expect(200);
    expect(ok.body).toMatchObject({ summary: 'Now negotiating', languages: ['bam'], version: 2 });
    expect(ok.headers.etag).toBe('W/"2"');
    const stale = await t.http
      .patch(`/api/v1/cases/${id}`)
      .set(tokens.coordinatorA)
      .set('if-match', 'W/"1"')
      .send({ codeName: 'Other' })
      .expect(409);
    expect(stale.body).toMatchObject({ code: 'stale_version', currentVersion: 2 });
    // Coordinators may not write the team's sensitive fields.
    const forbidden = await t.http
      .patch(`/api/v1/cases/${id}`)
      .set(tokens.coordinatorA)
      .set('if-match', 'W/"2"')
      .send({ confidentialNotes: 'x' })
      .expect(403);
    expect(forbidden.body.code).toBe('forbidden');
    const renamed = await t.http
      .patch(`/api/v1/cases/${id}`)
      .set(tokens.coordinatorA)
      .set('if-match', 'W/"2"')
      .send({ codeName: 'Patched' })
      .expect(200);
    expect(renamed.body).toMatchObject({ codeName: 'Patched', version: 3 });
  });

  it('locationDetail and confidentialNotes: the team reads them (audited), coordinators do not, the database holds ciphertext', async () => {
    const location = `Hamlet-${randomUUID()}`;
    const notes = `Notes-${randomUUID()}`;
    const created = await t.http
      .post('/api/v1/cases')
      .set(tokens.mediatorA)
      .send({
        codeName: 'Sensitive',
        areaId: mondoro,
        type: 'humanitarian_access',
        locationDetail: location,
        confidentialNotes: notes,
      })
      .expect(201);
    const id = created.body.id as string;
    expect(created.body).toMatchObject({ locationDetail: location, confidentialNotes: notes });

    const team = await t.http.get(`/api/v1/cases/${id}`).set(tokens.mediatorA).expect(200);
    expect(team.body).toMatchObject({ locationDetail: location, confidentialNotes: notes });
    const { rows: reads } = await t.db.query(
      `SELECT details FROM audit_event WHERE entity_id = $1 AND action = 'case.read_sensitive' AND request_id = $2`,
      [id, team.headers['x-request-id']],
    );
    expect(reads).toEqual([
      { details: { fields: ['confidentialNotes', 'locationDetail'].sort() } },
    ]);

    const coordinator = await t.http
      .get(`/api/v1/cases/${id}`)
      .set(tokens.coordinatorA)
      .expect(200);
    expect(coordinator.body).not.toHaveProperty('locationDetail');
    expect(coordinator.body).not.toHaveProperty('confidentialNotes');
    expect(JSON.stringify(coordinator.body)).not.toContain(location);

    const { rows } = await t.db.query(
      'SELECT location_detail, confidential_notes FROM dialogue_case WHERE id = $1',
      [id],
    );
    expect(rows[0].location_detail).toMatch(/^enc:c1:/);
    expect(rows[0].confidential_notes).toMatch(/^enc:c1:/);

    const updatedNotes = `Updated-${randomUUID()}`;
    await t.http
      .patch(`/api/v1/cases/${id}`)
      .set(tokens.mediatorA)
      .set('if-match', 'W/"1"')
      .send({ confidentialNotes: updatedNotes })
      .expect(200);
    const reason = `Reason-${randomUUID()}`;
    await move(id, tokens.mediatorA, 'negotiating', reason).expect(200);

    const dump = await dumpDatabase(t.db, t.databaseUrl);
    for (const value of [location, notes, updatedNotes, reason]) {
      expect(dump.text).not.toContain(value);
    }
  });

  it('history: transitions with reasons and field changes, newest first, no values', async () => {
    const created = await t.http
      .post('/api/v1/cases')
      .set(tokens.mediatorA)
      .send({ codeName: 'History', areaId: dinangourou, type: 'other' })
      .expect(201);
    const id = created.body.id as string;
    await move(id, tokens.mediatorA, 'negotiating', 'Both sides agreed to meet').expect(200);
    await t.http
      .patch(`/api/v1/cases/${id}`)
      .set(tokens.mediatorA)
      .set('if-match', 'W/"2"')
      .send({ summary: 'Secret summary text' })
      .expect(200);
    await move(id, tokens.coordinatorA, 'suspended', 'Rainy season').expect(200);

    const res = await t.http
      .get(`/api/v1/cases/${id}/history`)
      .set(tokens.coordinatorA)
      .expect(200);
    const items = res.body.items as Record<string, unknown>[];
    expect(items.map((i) => i.kind)).toEqual(['transition', 'change', 'transition', 'change']);
    expect(items[0]).toMatchObject({
      kind: 'transition',
      from: 'negotiating',
      to: 'suspended',
      reason: 'Rainy season',
      actorUserId: coordinatorA.id,
    });
    expect(items[1]).toMatchObject({
      action: 'case.update',
      fields: ['summary'],
      actorUserId: mediatorA.id,
    });
    expect(items[2]).toMatchObject({
      from: 'exploratory',
      to: 'negotiating',
      reason: 'Both sides agreed to meet',
    });
    expect(items[3]).toMatchObject({
      action: 'case.create',
      fields: ['areaId', 'codeName', 'type'],
    });
    expect(JSON.stringify(items)).not.toContain('Secret summary text');
  });

  it('a create with a known id: same case → the case again, another → 409', async () => {
    const id = randomUUID();
    const body = { id, codeName: 'Offline', areaId: dinangourou, type: 'other' };
    await t.http.post('/api/v1/cases').set(tokens.mediatorA).send(body).expect(201);
    const again = await t.http.post('/api/v1/cases').set(tokens.mediatorA).send(body).expect(201);
    expect(again.body.id).toBe(id);
    const other = await t.http
      .post('/api/v1/cases')
      .set(tokens.mediatorA)
      .send({ ...body, codeName: 'Different' })
      .expect(409);
    expect(other.body.code).toBe('duplicate');
    const { rows } = await t.db.query(
      'SELECT count(*)::int AS n FROM dialogue_case WHERE id = $1',
      [id],
    );
    expect(rows[0].n).toBe(1);
  });
});
