import { randomUUID } from 'node:crypto';
import { bearer, Factory, login, TestUser } from '../support/factories';
import { dumpDatabase } from '../support/dump';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 6, acceptance 2, 3 and 5 (dump): an accord with four terms, checked,
 * violated, left unchecked, flagged and resolved; officials refused; term
 * text and summary never in plaintext in the database.
 */
describe('accords, terms, follow-ups, flags (issue 6)', () => {
  let t: TestApp;
  let factory: Factory;
  let coordinator: TestUser;
  let mediator: TestUser;
  let asCoordinator: Record<string, string>;
  let asMediator: Record<string, string>;
  let asOfficial: Record<string, string>;
  let caseId: string;
  let parties: string[];

  const DAY = 86_400_000;
  const daysAgo = (n: number): string => new Date(Date.now() - n * DAY).toISOString();
  const SUMMARY = `Survival pact summary ${randomUUID().slice(0, 8)}`;
  const TERM_TEXTS = [0, 1, 2, 3].map((i) => `Term text ${i} ${randomUUID().slice(0, 8)}`);

  async function caseStatus(id: string): Promise<string> {
    const { rows } = await t.db.query<{ status: string }>(
      'SELECT status FROM dialogue_case WHERE id = $1',
      [id],
    );
    return rows[0].status;
  }

  async function newCase(status: 'negotiating' | 'exploratory' = 'negotiating') {
    const { id } = await factory.dialogueCase({
      associationId: coordinator.associationId!,
      areaId: await factory.areaId('Dinangourou', 'commune'),
      createdBy: coordinator.id,
      status,
      team: [{ userId: mediator.id, lead: true }],
    });
    const ids: string[] = [];
    for (const name of ['Village council', 'Katiba', 'Herders']) {
      const res = await t.http
        .post(`/api/v1/cases/${id}/parties`)
        .set(asMediator)
        .send({ name, kind: 'community' })
        .expect(201);
      ids.push(res.body.id as string);
    }
    return { id, parties: ids };
  }

  async function accordWithTerms(
    concludedAt: string,
    on = { id: caseId, parties },
  ): Promise<{ accordId: string; termIds: string[] }> {
    const accord = await t.http
      .post(`/api/v1/cases/${on.id}/accords`)
      .set(asMediator)
      .send({ concludedAt, kind: 'non_aggression_pact', form: 'verbal', summary: SUMMARY })
      .expect(201);
    const termIds: string[] = [];
    for (const [i, text] of TERM_TEXTS.entries()) {
      const term = await t.http
        .post(`/api/v1/accords/${accord.body.id}/terms`)
        .set(asMediator)
        .send({
          text,
          category: i === 0 ? 'ceasefire_non_aggression' : 'livelihoods_access',
          obligorPartyId: on.parties[1],
          beneficiaryPartyId: on.parties[0],
          isConcession: i === 2,
        })
        .expect(201);
      expect(term.body).toMatchObject({ text, version: 1 });
      termIds.push(term.body.id as string);
    }
    return { accordId: accord.body.id as string, termIds };
  }

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
    const association = await factory.association();
    coordinator = await factory.user('coordinator', { associationId: association.id });
    mediator = await factory.user('mediator', { associationId: association.id });
    const official = await factory.user('official');
    asCoordinator = bearer((await login(t.http, coordinator.username)).accessToken);
    asMediator = bearer((await login(t.http, mediator.username)).accessToken);
    asOfficial = bearer((await login(t.http, official.username)).accessToken);
    ({ id: caseId, parties } = await newCase());
  });

  afterAll(async () => {
    await t?.close();
  });

  it('acceptance 2: all full → stable 100; one violated → at_risk; no check past due → watch; high flag → breaking_down; resolve', async () => {
    const { accordId, termIds } = await accordWithTerms(daysAgo(10));
    // Recording the first accord moved the case from negotiating.
    expect(await caseStatus(caseId)).toBe('accord_reached');

    const allFull = await t.http
      .post(`/api/v1/accords/${accordId}/follow-ups`)
      .set(asMediator)
      .send({
        checkedAt: daysAgo(5),
        method: 'visit',
        assessments: termIds.map((termId) => ({ termId, status: 'full' })),
        indicators: { markets_open: 'yes', threats_against_mediators: 'no' },
        overall: 'stable',
      })
      .expect(201);
    expect(allFull.body.implementationScore).toBe(100);
    // nextCheckDue defaults to checkedAt + followUpIntervalDays (30).
    expect(new Date(allFull.body.nextCheckDue as string).getTime()).toBe(
      new Date(allFull.body.checkedAt as string).getTime() + 30 * DAY,
    );
    let accord = await t.http.get(`/api/v1/accords/${accordId}`).set(asCoordinator).expect(200);
    expect(accord.body.health).toEqual({ level: 'stable', reasons: [] });
    expect(accord.body.implementationScore).toBe(100);
    expect(accord.body.summary).toBe(SUMMARY);
    expect(accord.body.terms).toHaveLength(4);
    expect(accord.body.terms.map((x: { text: string }) => x.text)).toEqual(TERM_TEXTS);
    expect(accord.body.terms[0].latestAssessment).toMatchObject({ status: 'full' });

    const oneViolated = await t.http
      .post(`/api/v1/accords/${accordId}/follow-ups`)
      .set(asMediator)
      .send({
        checkedAt: daysAgo(1),
        method: 'phone',
        assessments: termIds.map((termId, i) => ({
          termId,
          status: i === 3 ? 'violated' : 'full',
          ...(i === 3 ? { note: 'Seen at the market with arms' } : {}),
        })),
        overall: 'tense',
      })
      .expect(201);
    expect(oneViolated.body.implementationScore).toBe(75);
    accord = await t.http.get(`/api/v1/accords/${accordId}`).set(asMediator).expect(200);
    expect(accord.body.health.level).toBe('at_risk');
    expect(accord.body.health.reasons).toContain('term_violated');
    expect(accord.body.terms[3].latestAssessment).toMatchObject({
      status: 'violated',
      note: 'Seen at the market with arms',
    });

    const checks = await t.http
      .get(`/api/v1/accords/${accordId}/follow-ups`)
      .set(asCoordinator)
      .expect(200);
    expect(
      checks.body.items.map((c: { implementationScore: number }) => c.implementationScore),
    ).toEqual([75, 100]);

    // A second accord, never checked, concluded more than followUpIntervalDays ago.
    const late = await t.http
      .post(`/api/v1/cases/${caseId}/accords`)
      .set(asMediator)
      .send({
        concludedAt: daysAgo(20),
        kind: 'renewal',
        form: 'written',
        followUpIntervalDays: 14,
      })
      .expect(201);
    expect(late.body.health).toEqual({ level: 'watch', reasons: ['follow_up_overdue'] });
    expect(await caseStatus(caseId)).toBe('accord_reached');

    // A high flag moves the case to breaking_down (through monitoring).
    const flag = await t.http
      .post(`/api/v1/accords/${late.body.id}/flags`)
      .set(asMediator)
      .send({ severity: 'high', reason: 'Armed men at the well' })
      .expect(201);
    expect(flag.body).toMatchObject({ severity: 'high', reason: 'Armed men at the well' });
    expect(await caseStatus(caseId)).toBe('breaking_down');
    // The association's coordinator is notified; the mediator who raised it is not.
    const { rows: notified } = await t.db.query<{ user_id: string }>(
      `SELECT user_id FROM notification WHERE kind = 'flag_raised' AND subject_id = $1`,
      [late.body.id],
    );
    expect(notified.map((n) => n.user_id)).toEqual([coordinator.id]);
    const { rows: moves } = await t.db.query(
      `SELECT from_status, to_status FROM case_transition WHERE case_id = $1 ORDER BY occurred_at, to_status`,
      [caseId],
    );
    // The two moves of the flag share one transaction time.
    expect(moves).toHaveLength(3);
    expect(moves).toEqual(
      expect.arrayContaining([
        { from_status: 'negotiating', to_status: 'accord_reached' },
        { from_status: 'accord_reached', to_status: 'monitoring' },
        { from_status: 'monitoring', to_status: 'breaking_down' },
      ]),
    );
    let lateAccord = await t.http.get(`/api/v1/accords/${late.body.id}`).set(asMediator);
    expect(lateAccord.body.health).toEqual({
      level: 'at_risk',
      reasons: ['high_flag_open', 'follow_up_overdue', 'flag_open'],
    });

    // Only a coordinator resolves; a mediator is refused by permission.
    await t.http
      .post(`/api/v1/flags/${flag.body.id}/resolve`)
      .set(asMediator)
      .send({ note: 'x' })
      .expect(403);
    const resolved = await t.http
      .post(`/api/v1/flags/${flag.body.id}/resolve`)
      .set(asCoordinator)
      .send({ note: 'Talked with the elders' })
      .expect(200);
    expect(resolved.body).toMatchObject({
      resolvedBy: coordinator.id,
      resolutionNote: 'Talked with the elders',
    });
    await t.http
      .post(`/api/v1/flags/${flag.body.id}/resolve`)
      .set(asCoordinator)
      .send({ note: 'again' })
      .expect(409);
    // Back to watch: the follow-up is still overdue.
    lateAccord = await t.http.get(`/api/v1/accords/${late.body.id}`).set(asMediator);
    expect(lateAccord.body.health).toEqual({ level: 'watch', reasons: ['follow_up_overdue'] });

    // A fresh all-full check makes it stable.
    const fresh = await t.http
      .post(`/api/v1/accords/${late.body.id}/follow-ups`)
      .set(asMediator)
      .send({
        checkedAt: new Date().toISOString(),
        method: 'meeting',
        assessments: [],
        overall: 'stable',
      })
      .expect(201);
    expect(fresh.body.implementationScore).toBeNull();
    lateAccord = await t.http.get(`/api/v1/accords/${late.body.id}`).set(asMediator);
    expect(lateAccord.body.health).toEqual({ level: 'stable', reasons: [] });
    expect(lateAccord.body.flags).toHaveLength(1);

    const list = await t.http.get(`/api/v1/cases/${caseId}/accords`).set(asCoordinator).expect(200);
    expect(list.body.items.map((a: { id: string }) => a.id)).toEqual([accordId, late.body.id]);
    expect(list.body.items[0]).not.toHaveProperty('summary');
  });

  it('amending a term keeps a revision; If-Match is required and checked', async () => {
    const { accordId, termIds } = await accordWithTerms(daysAgo(3));
    const meeting = await t.db.query<{ id: string }>(
      `INSERT INTO meeting (id, case_id, scheduled_at, duration_minutes, status, created_by, version)
       VALUES ($1, $2, now(), 60, 'held', $3, 1) RETURNING id`,
      [randomUUID(), caseId, mediator.id],
    );
    const path = `/api/v1/terms/${termIds[0]}`;
    await t.http.patch(path).set(asMediator).send({ text: 'No' }).expect(428);
    const amended = await t.http
      .patch(path)
      .set(asMediator)
      .set('if-match', 'W/"1"')
      .send({ text: 'Amended text', category: 'weapons', meetingId: meeting.rows[0].id })
      .expect(200);
    expect(amended.body).toMatchObject({ text: 'Amended text', category: 'weapons', version: 2 });
    expect(amended.headers.etag).toBe('W/"2"');
    await t.http
      .patch(path)
      .set(asMediator)
      .set('if-match', 'W/"1"')
      .send({ text: 'Stale' })
      .expect(409);
    const history = await t.http.get(`${path}/history`).set(asCoordinator).expect(200);
    expect(history.body.items).toEqual([
      expect.objectContaining({
        previousText: TERM_TEXTS[0],
        previousCategory: 'ceasefire_non_aggression',
        meetingId: meeting.rows[0].id,
        changedBy: mediator.id,
      }),
    ]);
    expect(accordId).toBeDefined();
  });

  it('parties of another case → 400; assessments naming terms of another accord → 400', async () => {
    const other = await newCase();
    const { accordId } = await accordWithTerms(daysAgo(2));
    const { termIds: foreignTerms } = await accordWithTerms(daysAgo(2), other);
    const badParty = await t.http
      .post(`/api/v1/accords/${accordId}/terms`)
      .set(asMediator)
      .send({ text: 'x', category: 'other', obligorPartyId: other.parties[0] })
      .expect(400);
    expect(badParty.body.code).toBe('invalid_reference');
    const badTerm = await t.http
      .post(`/api/v1/accords/${accordId}/follow-ups`)
      .set(asMediator)
      .send({
        checkedAt: daysAgo(1),
        method: 'visit',
        assessments: [{ termId: foreignTerms[0], status: 'full' }],
        overall: 'stable',
      })
      .expect(400);
    expect(badTerm.body.code).toBe('invalid_reference');
    await t.http
      .post(`/api/v1/accords/${accordId}/follow-ups`)
      .set(asMediator)
      .send({
        checkedAt: daysAgo(1),
        method: 'visit',
        assessments: [],
        overall: 'stable',
        indicators: { rumours: 'yes' },
      })
      .expect(400);
  });

  it('acceptance 3: officials get 403 on accords and terms', async () => {
    const { accordId, termIds } = await accordWithTerms(daysAgo(2));
    const calls = [
      t.http.get(`/api/v1/cases/${caseId}/accords`).set(asOfficial),
      t.http
        .post(`/api/v1/cases/${caseId}/accords`)
        .set(asOfficial)
        .send({ concludedAt: daysAgo(1), kind: 'ceasefire', form: 'verbal' }),
      t.http.get(`/api/v1/accords/${accordId}`).set(asOfficial),
      t.http
        .post(`/api/v1/accords/${accordId}/terms`)
        .set(asOfficial)
        .send({ text: 'x', category: 'other', obligorPartyId: parties[0] }),
      t.http.patch(`/api/v1/terms/${termIds[0]}`).set(asOfficial).set('if-match', 'W/"1"').send({}),
      t.http.get(`/api/v1/terms/${termIds[0]}/history`).set(asOfficial),
      t.http.get(`/api/v1/accords/${accordId}/follow-ups`).set(asOfficial),
      t.http
        .post(`/api/v1/accords/${accordId}/flags`)
        .set(asOfficial)
        .send({ severity: 'low', reason: 'x' }),
    ];
    for (const res of await Promise.all(calls)) {
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 403,
        code: 'forbidden',
      });
    }
  });

  it('acceptance 5: term text and accord summary are not in a database dump', async () => {
    await accordWithTerms(daysAgo(1));
    const dump = await dumpDatabase(t.db, t.databaseUrl);
    for (const secret of [
      SUMMARY,
      ...TERM_TEXTS,
      'Seen at the market with arms',
      'Armed men at the well',
    ]) {
      expect(dump.text).not.toContain(secret);
    }
    const { rows } = await t.db.query<{ text: string }>('SELECT text FROM accord_term LIMIT 1');
    expect(rows[0].text).toMatch(/^enc:c1:/);
  });
  it('checks recorded together: the dashboard sums up the latest, as the accord page does', async () => {
    const { accordId, termIds } = await accordWithTerms(daysAgo(20));
    // Sent at once, in an order unrelated to their dates: the latest check is not the last sent.
    const days = [6, 1, 9, 3, 2, 8, 4, 7, 5, 10];
    const sent = await Promise.all(
      days.map((d) =>
        t.http
          .post(`/api/v1/accords/${accordId}/follow-ups`)
          .set(asMediator)
          .send({
            checkedAt: daysAgo(d),
            method: 'visit',
            overall: 'stable',
            assessments: termIds.map((termId, i) => ({
              termId,
              status: d === 1 && i === 0 ? 'violated' : 'full',
            })),
          }),
      ),
    );
    expect(sent.map((r) => r.status)).toEqual(days.map(() => 201));
    const latest = sent[days.indexOf(1)].body as { checkedAt: string };

    const page = await t.http.get(`/api/v1/accords/${accordId}`).set(asMediator).expect(200);
    expect(page.body).toMatchObject({
      lastCheckedAt: latest.checkedAt,
      health: { level: 'at_risk', reasons: ['term_violated', 'term_score_dropped'] },
    });
    const dashboard = await t.http
      .get('/api/v1/dashboard/accords')
      .query({ limit: 100 })
      .set(asCoordinator)
      .expect(200);
    const row = (dashboard.body.items as { accordId: string }[]).find(
      (i) => i.accordId === accordId,
    );
    expect(row).toMatchObject({
      lastCheckedAt: latest.checkedAt,
      health: page.body.health,
      implementationScore: page.body.implementationScore,
    });
  });
});
