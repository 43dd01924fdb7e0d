import { randomBytes, randomUUID } from 'node:crypto';
import { bearer, Factory, login, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Meetings (issue 5): create, list, PATCH, outcome; no double booking,
 * enforced by the database (acceptance 3); encrypted team-only fields;
 * mission-order coverage (acceptance 6).
 */
describe('meetings', () => {
  let t: TestApp;
  let factory: Factory;
  let commune: string;
  let association: { id: string; name: string };
  let coordinator: TestUser;
  let mediator: TestUser;
  let colleague: TestUser;
  let outsider: TestUser;
  let caseId: string;
  /** A second case of the association: `mediator` and `outsider` on its team, not `colleague`. */
  let otherCaseId: string;
  let as: Record<'mediator' | 'colleague' | 'coordinator' | 'outsider', Record<string, string>>;

  /** Far-future slots, one per call, so tests do not collide unless they mean to. */
  let slot = 0;
  const nextSlot = (): Date => new Date(Date.UTC(2031, 0, 1, 0, 0, 0) + ++slot * 24 * 3600_000);
  const at = (base: Date, minutes: number): string =>
    new Date(base.getTime() + minutes * 60_000).toISOString();

  const create = (id: string, who: Record<string, string>, body: Record<string, unknown>) =>
    t.http.post(`/api/v1/cases/${id}/meetings`).set(who).send(body);

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
    commune = await factory.areaId('Dinangourou', 'commune');
    association = await factory.association();
    coordinator = await factory.user('coordinator', { associationId: association.id });
    mediator = await factory.user('mediator', { associationId: association.id });
    colleague = await factory.user('mediator', { associationId: association.id });
    outsider = await factory.user('mediator', { associationId: association.id });
    caseId = (
      await factory.dialogueCase({
        associationId: association.id,
        areaId: commune,
        createdBy: coordinator.id,
        team: [{ userId: mediator.id, lead: true }, { userId: colleague.id }],
      })
    ).id;
    otherCaseId = (
      await factory.dialogueCase({
        associationId: association.id,
        areaId: commune,
        createdBy: coordinator.id,
        team: [{ userId: outsider.id, lead: true }, { userId: mediator.id }],
      })
    ).id;
    as = {
      mediator: bearer((await login(t.http, mediator.username)).accessToken),
      colleague: bearer((await login(t.http, colleague.username)).accessToken),
      coordinator: bearer((await login(t.http, coordinator.username)).accessToken),
      outsider: bearer((await login(t.http, outsider.username)).accessToken),
    };
  });
  afterAll(async () => {
    await t.close();
  });

  it('creates a meeting: 201, team-only location returned, encrypted at rest, coverage missing', async () => {
    const party = await t.http
      .post(`/api/v1/cases/${caseId}/parties`)
      .set(as.coordinator)
      .send({ name: 'Village A', kind: 'community' })
      .expect(201);
    const start = nextSlot();
    const res = await create(caseId, as.mediator, {
      scheduledAt: start.toISOString(),
      durationMinutes: 90,
      attendeeUserIds: [mediator.id.toUpperCase()],
      partyIds: [party.body.id],
      agenda: '  Water point  ',
      languages: ['ffm', 'dts'],
      interpreterNeeded: true,
      locationDetail: 'Under the big tree of Ségué',
    }).expect(201);
    expect(res.body).toMatchObject({
      caseId,
      scheduledAt: start.toISOString(),
      durationMinutes: 90,
      endsAt: at(start, 90),
      status: 'planned',
      agenda: 'Water point',
      languages: ['ffm', 'dts'],
      interpreterNeeded: true,
      attendeeUserIds: [mediator.id],
      partyIds: [party.body.id],
      locationDetail: 'Under the big tree of Ségué',
      version: 1,
      missionOrderCoverage: { status: 'missing', missing: [mediator.id] },
    });
    const { rows } = await t.db.query<{ location_detail: string }>(
      'SELECT location_detail FROM meeting WHERE id = $1',
      [res.body.id],
    );
    expect(rows[0].location_detail).toMatch(/^enc:c1:/);
    expect(rows[0].location_detail).not.toContain('Ségué');

    // The team reads it (audited); the coordinator does not see it at all.
    const seen = await t.http.get(`/api/v1/meetings/${res.body.id}`).set(as.mediator).expect(200);
    expect(seen.headers.etag).toBe('W/"1"');
    expect(seen.body.locationDetail).toBe('Under the big tree of Ségué');
    const audit = await t.db.query(
      `SELECT 1 FROM audit_event WHERE action = 'meeting.read_sensitive' AND entity_id = $1`,
      [res.body.id],
    );
    expect(audit.rowCount).toBeGreaterThan(0);
    const coord = await t.http
      .get(`/api/v1/meetings/${res.body.id}`)
      .set(as.coordinator)
      .expect(200);
    expect(coord.body).not.toHaveProperty('locationDetail');
    expect(coord.body).not.toHaveProperty('outcomeNotes');
    expect(coord.body.missionOrderCoverage).toEqual({ status: 'missing', missing: [mediator.id] });
  });

  it('refuses attendees off the team (400), parties of another case (400), coordinators writing the location (403)', async () => {
    const start = nextSlot().toISOString();
    const off = await create(caseId, as.mediator, {
      scheduledAt: start,
      durationMinutes: 30,
      attendeeUserIds: [outsider.id],
    });
    expect(off.status).toBe(400);
    expect(off.body.code).toBe('invalid_attendee');
    const foreignParty = await t.http
      .post(`/api/v1/cases/${otherCaseId}/parties`)
      .set(as.coordinator)
      .send({ name: 'Elsewhere', kind: 'community' })
      .expect(201);
    const party = await create(caseId, as.mediator, {
      scheduledAt: start,
      durationMinutes: 30,
      attendeeUserIds: [mediator.id],
      partyIds: [foreignParty.body.id],
    });
    expect(party.status).toBe(400);
    expect(party.body.errors).toEqual([expect.objectContaining({ field: 'partyIds' })]);
    const located = await create(caseId, as.coordinator, {
      scheduledAt: start,
      durationMinutes: 30,
      attendeeUserIds: [mediator.id],
      locationDetail: 'somewhere',
    });
    expect(located.status).toBe(403);
    for (const bad of [
      { durationMinutes: 0 },
      { durationMinutes: 1441 },
      { scheduledAt: '2031-01-01T10:00:00' },
      { attendeeUserIds: [] },
    ]) {
      const res = await create(caseId, as.mediator, {
        scheduledAt: start,
        durationMinutes: 30,
        attendeeUserIds: [mediator.id],
        ...bad,
      });
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
    }
    const { rows } = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM meeting WHERE scheduled_at = $1',
      [start],
    );
    expect(rows[0].n).toBe(0);
  });

  it('409 meeting_overlap names the other meeting’s time, and its case only to who can see it', async () => {
    const start = nextSlot();
    const first = await create(caseId, as.mediator, {
      scheduledAt: start.toISOString(),
      durationMinutes: 120,
      attendeeUserIds: [mediator.id],
    }).expect(201);

    // The outsider (team of the other case only) books the same mediator over it.
    const blind = await create(otherCaseId, as.outsider, {
      scheduledAt: at(start, 60),
      durationMinutes: 60,
      attendeeUserIds: [mediator.id, outsider.id],
    });
    expect(blind.status).toBe(409);
    expect(blind.body.code).toBe('meeting_overlap');
    expect(blind.body.conflict).toEqual({
      userId: mediator.id,
      scheduledAt: start.toISOString(),
      durationMinutes: 120,
      endsAt: at(start, 120),
    });
    expect(JSON.stringify(blind.body)).not.toContain(caseId);

    // The mediator (on both teams) is told which meeting.
    const seeing = await create(otherCaseId, as.mediator, {
      scheduledAt: at(start, -30),
      durationMinutes: 31,
      attendeeUserIds: [mediator.id],
    });
    expect(seeing.status).toBe(409);
    expect(seeing.body.conflict).toMatchObject({
      meetingId: first.body.id,
      caseId,
      scheduledAt: start.toISOString(),
      durationMinutes: 120,
    });

    // Back to back is not an overlap ([start, end) ranges).
    await create(otherCaseId, as.mediator, {
      scheduledAt: at(start, 120),
      durationMinutes: 30,
      attendeeUserIds: [mediator.id],
    }).expect(201);
    await create(otherCaseId, as.outsider, {
      scheduledAt: at(start, -30),
      durationMinutes: 30,
      attendeeUserIds: [mediator.id],
    }).expect(201);
  });

  it('acceptance 3: 20 concurrent bookings of one mediator into overlapping slots → exactly 1 accepted', async () => {
    const start = nextSlot();
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        create(i % 2 ? otherCaseId : caseId, as.mediator, {
          scheduledAt: at(start, i * 3),
          durationMinutes: 60 + i,
          attendeeUserIds: [mediator.id],
          agenda: `concurrent ${i}`,
        }),
      ),
    );
    const statuses = results.map((r) => r.status);
    const accepted = statuses.filter((s) => s === 201).length;
    console.log(`20 concurrent bookings: ${accepted} accepted`);
    expect(accepted).toBe(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(19);
    for (const r of results.filter((x) => x.status === 409)) {
      expect(r.body.code).toBe('meeting_overlap');
    }
    const { rows } = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM meeting WHERE agenda LIKE 'concurrent %'`,
    );
    expect(rows[0].n).toBe(1);
  });

  it('a cancelled or held meeting frees the slot; a postponed one moves it', async () => {
    const start = nextSlot();
    const booking = {
      scheduledAt: start.toISOString(),
      durationMinutes: 60,
      attendeeUserIds: [mediator.id, colleague.id],
    };
    const first = await create(caseId, as.mediator, booking).expect(201);
    await create(caseId, as.colleague, booking).expect(409);
    const cancelled = await t.http
      .post(`/api/v1/meetings/${first.body.id}/outcome`)
      .set(as.colleague)
      .send({ status: 'cancelled' })
      .expect(200);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', version: 2 });
    const second = await create(caseId, as.colleague, booking).expect(201);

    // Postponing needs a future time, and moves the held slot.
    const outcome = (body: Record<string, unknown>) =>
      t.http.post(`/api/v1/meetings/${second.body.id}/outcome`).set(as.mediator).send(body);
    expect((await outcome({ status: 'postponed' })).status).toBe(400);
    expect(
      (await outcome({ status: 'postponed', rescheduledAt: '2020-01-01T00:00:00Z' })).status,
    ).toBe(400);
    expect((await outcome({ status: 'held', rescheduledAt: at(start, 600) })).status).toBe(400);
    const later = at(start, 600);
    const postponed = await outcome({ status: 'postponed', rescheduledAt: later }).expect(200);
    expect(postponed.body).toMatchObject({ status: 'postponed', scheduledAt: later });
    await create(caseId, as.mediator, booking).expect(201); // the old slot is free
    const clash = await create(caseId, as.mediator, { ...booking, scheduledAt: later });
    expect(clash.status).toBe(409);
    expect(clash.body.conflict).toMatchObject({ meetingId: second.body.id, scheduledAt: later });

    // Held: notes encrypted, the slot is free, the meeting is closed.
    const held = await outcome({ status: 'held', outcomeNotes: 'Both sides agreed on the well' });
    expect(held.status).toBe(200);
    expect(held.body).toMatchObject({
      status: 'held',
      outcomeNotes: 'Both sides agreed on the well',
    });
    const { rows } = await t.db.query<{ outcome_notes: string }>(
      'SELECT outcome_notes FROM meeting WHERE id = $1',
      [second.body.id],
    );
    expect(rows[0].outcome_notes).toMatch(/^enc:c1:/);
    expect(rows[0].outcome_notes).not.toContain('well');
    await create(caseId, as.mediator, { ...booking, scheduledAt: later }).expect(201);
    const again = await outcome({ status: 'cancelled' });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('meeting_closed');

    const coord = await t.http
      .get(`/api/v1/meetings/${second.body.id}`)
      .set(as.coordinator)
      .expect(200);
    expect(coord.body).not.toHaveProperty('outcomeNotes');
    const team = await t.http
      .get(`/api/v1/meetings/${second.body.id}`)
      .set(as.colleague)
      .expect(200);
    expect(team.body.outcomeNotes).toBe('Both sides agreed on the well');
    const notes = await t.http
      .post(`/api/v1/meetings/${first.body.id}/outcome`)
      .set(as.coordinator)
      .send({ status: 'held', outcomeNotes: 'coordinator notes' });
    expect(notes.status).toBe(403);
  });

  it('PATCH: If-Match required, stale → 409, rescheduling is re-checked by the database', async () => {
    const start = nextSlot();
    const a = await create(caseId, as.mediator, {
      scheduledAt: start.toISOString(),
      durationMinutes: 60,
      attendeeUserIds: [mediator.id],
    }).expect(201);
    const b = await create(caseId, as.mediator, {
      scheduledAt: at(start, 120),
      durationMinutes: 60,
      attendeeUserIds: [colleague.id],
    }).expect(201);
    const url = `/api/v1/meetings/${b.body.id}`;
    expect((await t.http.patch(url).set(as.mediator).send({ agenda: 'x' })).status).toBe(428);
    const ok = await t.http
      .patch(url)
      .set(as.mediator)
      .set('if-match', 'W/"1"')
      .send({ agenda: 'Grazing corridors', locationDetail: 'School yard' })
      .expect(200);
    expect(ok.headers.etag).toBe('W/"2"');
    expect(ok.body).toMatchObject({ agenda: 'Grazing corridors', locationDetail: 'School yard' });
    const stale = await t.http
      .patch(url)
      .set(as.mediator)
      .set('if-match', 'W/"1"')
      .send({ agenda: 'y' });
    expect(stale.status).toBe(409);
    expect(stale.body.currentVersion).toBe(2);
    expect(
      (
        await t.http
          .patch(url)
          .set(as.coordinator)
          .set('if-match', 'W/"2"')
          .send({ locationDetail: 'z' })
      ).status,
    ).toBe(403);

    // Adding the mediator, then moving onto meeting a: both refused by the constraint.
    const move = await t.http
      .patch(url)
      .set(as.mediator)
      .set('if-match', 'W/"2"')
      .send({ scheduledAt: at(start, 30), attendeeUserIds: [colleague.id, mediator.id] });
    expect(move.status).toBe(409);
    expect(move.body.code).toBe('meeting_overlap');
    expect(move.body.conflict).toMatchObject({ meetingId: a.body.id, userId: mediator.id });
    const unchanged = await t.http.get(url).set(as.mediator).expect(200);
    expect(unchanged.body).toMatchObject({
      version: 2,
      scheduledAt: at(start, 120),
      attendeeUserIds: [colleague.id],
    });
    const moved = await t.http
      .patch(url)
      .set(as.mediator)
      .set('if-match', 'W/"2"')
      .send({
        scheduledAt: at(start, 60),
        durationMinutes: 45,
        attendeeUserIds: [colleague.id, mediator.id],
      })
      .expect(200);
    expect(moved.body).toMatchObject({
      version: 3,
      scheduledAt: at(start, 60),
      durationMinutes: 45,
      attendeeUserIds: [mediator.id, colleague.id].sort(),
    });
  });

  it('lists the caller’s visible meetings by date range, keyset-paginated', async () => {
    const start = nextSlot();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await create(caseId, as.mediator, {
        scheduledAt: at(start, i * 60),
        durationMinutes: 30,
        attendeeUserIds: [colleague.id],
      }).expect(201);
      ids.push(res.body.id as string);
    }
    const range = { from: start.toISOString(), to: at(start, 24 * 60) };
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await t.http
        .get('/api/v1/meetings')
        .set(as.colleague)
        .query({ ...range, limit: 2, ...(cursor ? { cursor } : {}) })
        .expect(200);
      for (const item of page.body.items as Record<string, unknown>[]) {
        expect(item).not.toHaveProperty('locationDetail');
        expect(item.missionOrderCoverage).toEqual({ status: 'missing', missing: [colleague.id] });
        seen.push(item.id as string);
      }
      cursor = page.body.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(ids);
    const byCase = await t.http
      .get('/api/v1/meetings')
      .set(as.coordinator)
      .query({ ...range, caseId })
      .expect(200);
    expect(byCase.body.items.map((m: { id: string }) => m.id)).toEqual(ids);
    // The outsider is not on this case's team: nothing of it.
    const outsiderList = await t.http
      .get('/api/v1/meetings')
      .set(as.outsider)
      .query(range)
      .expect(200);
    expect(outsiderList.body.items).toEqual([]);
    const other = await factory.user('coordinator');
    const otherList = await t.http
      .get('/api/v1/meetings')
      .set(bearer((await login(t.http, other.username)).accessToken))
      .query({ caseId })
      .expect(200);
    expect(otherList.body.items).toEqual([]);
    expect(
      (await t.http.get('/api/v1/meetings').set(as.colleague).query({ from: 'yesterday' })).status,
    ).toBe(400);
    expect(
      (await t.http.get('/api/v1/meetings').set(as.colleague).query({ cursor: 'garbage' })).status,
    ).toBe(400);
  });

  it('a repeated create with the same id returns the meeting; a different one is 409', async () => {
    const id = randomUUID();
    const body = {
      id,
      scheduledAt: nextSlot().toISOString(),
      durationMinutes: 30,
      attendeeUserIds: [colleague.id],
    };
    await create(caseId, as.colleague, body).expect(201);
    const again = await create(caseId, as.colleague, body).expect(201);
    expect(again.body.id).toBe(id);
    expect((await create(caseId, as.colleague, { ...body, durationMinutes: 45 })).status).toBe(409);
  });

  it('acceptance 6: coverage flips to valid when an order over the cercle is approved, back to missing when revoked', async () => {
    const start = nextSlot();
    const meeting = await create(caseId, as.mediator, {
      scheduledAt: start.toISOString(),
      durationMinutes: 60,
      attendeeUserIds: [mediator.id, colleague.id],
    }).expect(201);
    expect(meeting.body.missionOrderCoverage).toEqual({
      status: 'missing',
      missing: [mediator.id, colleague.id].sort(),
    });
    const { rows } = await t.db.query<{ parent_id: string }>(
      'SELECT parent_id FROM area WHERE id = $1',
      [commune],
    );
    const cercle = rows[0].parent_id;
    const authority = await factory.authority({ areaIds: [cercle] });
    const orderId = randomUUID();
    // Written in SQL: the mission-order routes are tested in their own files.
    await t.db.query(
      `INSERT INTO mission_order (id, order_number, association_id, authority_id, purpose, valid_from,
                                  valid_until, status, requested_by, decided_at, version)
       VALUES ($1, $2, $3, $4, 'mission de médiation', $5, $6, 'approved', $7, now(), 1)`,
      [
        orderId,
        `OM-TEST-${orderId.slice(0, 8)}`,
        association.id,
        authority.id,
        at(start, -24 * 60),
        at(start, 24 * 60),
        coordinator.id,
      ],
    );
    await t.db.query(
      'INSERT INTO mission_order_holder (mission_order_id, user_id, credential_id) VALUES ($1, $2, $3)',
      [orderId, mediator.id, randomBytes(16).toString('base64url')],
    );
    await t.db.query('INSERT INTO mission_order_area (mission_order_id, area_id) VALUES ($1, $2)', [
      orderId,
      cercle,
    ]);
    const url = `/api/v1/meetings/${meeting.body.id}`;
    expect((await t.http.get(url).set(as.mediator)).body.missionOrderCoverage).toEqual({
      status: 'missing',
      missing: [colleague.id],
    });
    const solo = await t.http
      .patch(url)
      .set(as.mediator)
      .set('if-match', 'W/"1"')
      .send({ attendeeUserIds: [mediator.id] })
      .expect(200);
    expect(solo.body.missionOrderCoverage).toEqual({ status: 'valid', missing: [] });
    await t.db.query(
      `UPDATE mission_order SET status = 'revoked', revoked_at = now() WHERE id = $1`,
      [orderId],
    );
    expect((await t.http.get(url).set(as.mediator)).body.missionOrderCoverage).toEqual({
      status: 'missing',
      missing: [mediator.id],
    });
  });
});
