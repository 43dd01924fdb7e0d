import { authenticator } from 'otplib';
import { listRoutes } from '../support/routes';
import { bearer, Factory, login, PASSWORD } from '../support/factories';
import { giveLegalIdentity, markSteppedUp } from '../support/mission-orders';
import { AT_TOKEN, codeSentTo, RAPIDPRO_TOKEN, sendSms, sendTwilio, SMS_ENV } from '../support/sms';
import { startTestApp, TestApp } from '../support/test-app';

interface Sent {
  route: string;
  status: number;
  requestId: string;
}

/**
 * S10 coverage: every write route, every sign-in (good or bad) and every
 * refused authorization leaves an audit event carrying its request id.
 */
describe('audit coverage (S10)', () => {
  let t: TestApp;
  const sent: Sent[] = [];
  const note = <R extends { status: number; headers: Record<string, string> }>(
    route: string,
    res: R,
  ): R => {
    sent.push({ route, status: res.status, requestId: res.headers['x-request-id'] });
    return res;
  };

  beforeAll(async () => {
    t = await startTestApp(SMS_ENV);
    const factory = new Factory(t.db);
    const adminUser = await factory.user('admin');
    const admin = bearer((await login(t.http, adminUser.username)).accessToken);
    const coordinator = await factory.user('coordinator');
    const coordinatorToken = bearer((await login(t.http, coordinator.username)).accessToken);
    const koro = await factory.areaId('Koro', 'cercle');

    note(
      'POST /api/v1/areas',
      await t.http
        .post('/api/v1/areas')
        .set(admin)
        .send({ name: 'Audit commune', level: 'commune', parentId: koro }),
    );
    note(
      'PUT /api/v1/areas/:id/pcode',
      await t.http.put(`/api/v1/areas/${koro}/pcode`).set(admin).send({ pcode: 'ML0504' }),
    );
    const authority = note(
      'POST /api/v1/authorities',
      await t.http
        .post('/api/v1/authorities')
        .set(admin)
        .send({ name: 'Préfecture audit', jurisdictionAreaIds: [koro] }),
    );
    note(
      'PATCH /api/v1/authorities/:id',
      await t.http
        .patch(`/api/v1/authorities/${authority.body.id}`)
        .set(admin)
        .set('if-match', `W/"${authority.body.version}"`)
        .send({ statsScope: 'all' }),
    );
    const association = note(
      'POST /api/v1/associations',
      await t.http
        .post('/api/v1/associations')
        .set(admin)
        .send({ name: 'Association audit', registeredWithAuthorityId: authority.body.id }),
    );
    const user = note(
      'POST /api/v1/users',
      await t.http.post('/api/v1/users').set(admin).send({
        username: 'audited',
        displayName: 'Audited',
        role: 'mediator',
        associationId: association.body.id,
        password: 'Mopti-audit-Password-1',
        mustChangePassword: false,
      }),
    );
    const etag = (await t.http.get(`/api/v1/users/${user.body.id}`).set(admin)).headers.etag;
    note(
      'PATCH /api/v1/users/:id',
      await t.http
        .patch(`/api/v1/users/${user.body.id}`)
        .set(admin)
        .set('if-match', etag)
        .send({ displayName: 'Audited user' }),
    );
    // "audited" signs in below with the password the admin set, as if already changed.
    await t.db.query(
      `UPDATE app_user SET totp_enabled = true, totp_secret = 'enc:v1:audit', must_change_password = false
        WHERE id = $1`,
      [user.body.id],
    );
    const newcomer = await t.http.post('/api/v1/users').set(admin).send({
      username: 'audited.newcomer',
      displayName: 'Newcomer',
      role: 'mediator',
      associationId: coordinator.associationId,
      password: 'Mopti-audit-Password-3',
    });
    note(
      'POST /api/v1/users/:id/confirm',
      await t.http.post(`/api/v1/users/${newcomer.body.id}/confirm`).set(coordinatorToken),
    );
    // Another user: "audited" signs in with its own password further down.
    const forgetful = await factory.user('mediator');
    note(
      'POST /api/v1/users/:id/password',
      await t.http
        .post(`/api/v1/users/${forgetful.id}/password`)
        .set(admin)
        .send({ password: 'Mopti-audit-Temporary-2' }),
    );
    note(
      'DELETE /api/v1/users/:id/totp',
      await t.http.delete(`/api/v1/users/${user.body.id}/totp`).set(admin),
    );

    // Dialogue cases (issue 4, part A).
    const caseMediator = await factory.user('mediator', {
      associationId: coordinator.associationId!,
    });
    const caseMediatorToken = bearer((await login(t.http, caseMediator.username)).accessToken);
    const dialogueCase = note(
      'POST /api/v1/cases',
      await t.http
        .post('/api/v1/cases')
        .set(caseMediatorToken)
        .send({
          codeName: 'Audit case',
          areaId: await factory.areaId('Dinangourou', 'commune'),
          type: 'intercommunity',
          locationDetail: 'Audit hamlet',
        }),
    );
    note(
      'PATCH /api/v1/cases/:id',
      await t.http
        .patch(`/api/v1/cases/${dialogueCase.body.id}`)
        .set(caseMediatorToken)
        .set('if-match', 'W/"1"')
        .send({ summary: 'Audit summary text' }),
    );
    note(
      'POST /api/v1/cases/:id/transitions',
      await t.http
        .post(`/api/v1/cases/${dialogueCase.body.id}/transitions`)
        .set(caseMediatorToken)
        .send({ to: 'negotiating', reason: 'Audit reason text' }),
    );
    note(
      'GET /api/v1/cases/:id (sensitive read)',
      await t.http.get(`/api/v1/cases/${dialogueCase.body.id}`).set(caseMediatorToken),
    );

    note(
      'POST /api/v1/auth/login',
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: 'audited', password: 'wrong-password-123' }),
    );
    const signIn = note(
      'POST /api/v1/auth/login',
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: 'audited', password: 'Mopti-audit-Password-1' }),
    );
    const second = await login(t.http, 'audited', 'Mopti-audit-Password-1');
    note(
      'POST /api/v1/auth/refresh',
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: signIn.body.refreshToken }),
    );

    note(
      'POST /api/v1/auth/refresh',
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: signIn.body.refreshToken }),
    ); // reuse
    const setup = note(
      'POST /api/v1/auth/totp/setup',
      await t.http
        .post('/api/v1/auth/totp/setup')
        .set(bearer(second.accessToken))
        .send({ password: 'Mopti-audit-Password-1' }),
    );
    const secret = setup.body.secret as string;
    note(
      'POST /api/v1/auth/totp/enable',
      await t.http
        .post('/api/v1/auth/totp/enable')
        .set(bearer(second.accessToken))
        .send({ code: authenticator.generate(secret) }),
    );
    const stepCode = authenticator.clone({ epoch: Date.now() + 30_000 }).generate(secret);
    note(
      'POST /api/v1/auth/step-up',
      await t.http
        .post('/api/v1/auth/step-up')
        .set(bearer(second.accessToken))
        .send({ code: stepCode }),
    );
    const third = await t.http.post('/api/v1/auth/login').send({
      username: coordinator.username,
      password: PASSWORD,
    });
    note(
      'DELETE /api/v1/auth/sessions/:id',
      await t.http
        .delete(`/api/v1/auth/sessions/${(await sessionsOf(third.body.accessToken as string))[0]}`)
        .set(bearer(third.body.accessToken as string)),
    );
    note(
      'POST /api/v1/auth/password',
      await t.http
        .post('/api/v1/auth/password')
        .set(coordinatorToken)
        .send({ currentPassword: PASSWORD, newPassword: 'Bandiagara-cliffs-2026' }),
    );
    note(
      'GET /api/v1/associations (refused)',
      await t.http.get('/api/v1/associations').set(coordinatorToken),
    );
    note(
      'POST /api/v1/auth/logout',
      await t.http.post('/api/v1/auth/logout').set(bearer(second.accessToken)),
    );
    note('POST /api/v1/auth/panic', await t.http.post('/api/v1/auth/panic').set(coordinatorToken));

    // Case team, parties, participants and the coordination registry.
    {
      const association = await factory.association();
      const caseCoordinator = await factory.user('coordinator', { associationId: association.id });
      const caseMediator = await factory.user('mediator', { associationId: association.id });
      const asCoordinator = bearer((await login(t.http, caseCoordinator.username)).accessToken);
      const commune = await factory.areaId('Dinangourou', 'commune');
      const { id: caseId } = await factory.dialogueCase({
        associationId: association.id,
        areaId: commune,
        createdBy: caseCoordinator.id,
      });
      note(
        'POST /api/v1/cases/:id/team',
        await t.http
          .post(`/api/v1/cases/${caseId}/team`)
          .set(asCoordinator)
          .send({ userId: caseMediator.id }),
      );
      const party = note(
        'POST /api/v1/cases/:id/parties',
        await t.http
          .post(`/api/v1/cases/${caseId}/parties`)
          .set(asCoordinator)
          .send({ name: 'Audit party', kind: 'community' }),
      );
      note(
        'PATCH /api/v1/cases/:id/parties/:partyId',
        await t.http
          .patch(`/api/v1/cases/${caseId}/parties/${party.body.id}`)
          .set(asCoordinator)
          .set('if-match', 'W/"1"')
          .send({ description: 'Audit description' }),
      );
      note(
        'POST /api/v1/cases/:id/participants',
        await t.http
          .post(`/api/v1/cases/${caseId}/participants`)
          .set(asCoordinator)
          .send({ pseudonym: 'Audit pseudonym', role: 'elder' }),
      );
      note(
        'DELETE /api/v1/cases/:id/parties/:partyId',
        await t.http.delete(`/api/v1/cases/${caseId}/parties/${party.body.id}`).set(asCoordinator),
      );
      note(
        'DELETE /api/v1/cases/:id/team/:userId',
        await t.http.delete(`/api/v1/cases/${caseId}/team/${caseMediator.id}`).set(asCoordinator),
      );
      note(
        'POST /api/v1/registry/coordination-requests',
        await t.http
          .post('/api/v1/registry/coordination-requests')
          .set(asCoordinator)
          .send({ caseId, areaId: commune, message: 'Audit coordination message' }),
      );
      // Notifications (issue 6): the coordinator marks one of theirs read.
      const { rows: mine } = await t.db.query<{ id: string }>(
        `INSERT INTO notification (id, user_id, kind, subject_type, subject_id)
         VALUES (gen_random_uuid(), $1, 'case_assigned', 'case', $2) RETURNING id`,
        [caseCoordinator.id, caseId],
      );
      note(
        'POST /api/v1/notifications/:id/read',
        await t.http.post(`/api/v1/notifications/${mine[0].id}/read`).set(asCoordinator),
      );
    }

    // Meetings (issue 5).
    {
      const association = await factory.association();
      const meetingCoordinator = await factory.user('coordinator', {
        associationId: association.id,
      });
      const meetingMediator = await factory.user('mediator', { associationId: association.id });
      const asMediator = bearer((await login(t.http, meetingMediator.username)).accessToken);
      const { id: caseId } = await factory.dialogueCase({
        associationId: association.id,
        areaId: await factory.areaId('Dinangourou', 'commune'),
        createdBy: meetingCoordinator.id,
        team: [{ userId: meetingMediator.id, lead: true }],
      });
      const meeting = note(
        'POST /api/v1/cases/:id/meetings',
        await t.http
          .post(`/api/v1/cases/${caseId}/meetings`)
          .set(asMediator)
          .send({
            scheduledAt: '2031-06-01T08:00:00Z',
            durationMinutes: 90,
            attendeeUserIds: [meetingMediator.id],
            agenda: 'Audit agenda text',
            locationDetail: 'Audit meeting place',
          }),
      );
      note(
        'PATCH /api/v1/meetings/:id',
        await t.http
          .patch(`/api/v1/meetings/${meeting.body.id}`)
          .set(asMediator)
          .set('if-match', 'W/"1"')
          .send({ agenda: 'Audit agenda changed' }),
      );
      note(
        'GET /api/v1/meetings/:id (sensitive read)',
        await t.http.get(`/api/v1/meetings/${meeting.body.id}`).set(asMediator),
      );
      note(
        'POST /api/v1/meetings/:id/outcome',
        await t.http
          .post(`/api/v1/meetings/${meeting.body.id}/outcome`)
          .set(asMediator)
          .send({ status: 'held', outcomeNotes: 'Audit outcome notes' }),
      );
    }

    // Accords, terms, follow-ups, flags (issue 6).
    {
      const association = await factory.association();
      const accordCoordinator = await factory.user('coordinator', {
        associationId: association.id,
      });
      const accordMediator = await factory.user('mediator', { associationId: association.id });
      const asMediator = bearer((await login(t.http, accordMediator.username)).accessToken);
      const asAccordCoordinator = bearer(
        (await login(t.http, accordCoordinator.username)).accessToken,
      );
      const { id: caseId } = await factory.dialogueCase({
        associationId: association.id,
        areaId: await factory.areaId('Dinangourou', 'commune'),
        createdBy: accordCoordinator.id,
        status: 'negotiating',
        team: [{ userId: accordMediator.id, lead: true }],
      });
      const party = await t.http
        .post(`/api/v1/cases/${caseId}/parties`)
        .set(asMediator)
        .send({ name: 'Audit accord party', kind: 'community' });
      const accord = note(
        'POST /api/v1/cases/:id/accords',
        await t.http.post(`/api/v1/cases/${caseId}/accords`).set(asMediator).send({
          concludedAt: new Date().toISOString(),
          kind: 'ceasefire',
          form: 'verbal',
          summary: 'Audit accord summary',
        }),
      );
      const term = note(
        'POST /api/v1/accords/:id/terms',
        await t.http.post(`/api/v1/accords/${accord.body.id}/terms`).set(asMediator).send({
          text: 'Audit term text',
          category: 'taxation_zakat',
          obligorPartyId: party.body.id,
        }),
      );
      note(
        'PATCH /api/v1/terms/:id',
        await t.http
          .patch(`/api/v1/terms/${term.body.id}`)
          .set(asMediator)
          .set('if-match', 'W/"1"')
          .send({ text: 'Audit term amended' }),
      );
      note(
        'POST /api/v1/accords/:id/follow-ups',
        await t.http
          .post(`/api/v1/accords/${accord.body.id}/follow-ups`)
          .set(asMediator)
          .send({
            checkedAt: new Date().toISOString(),
            method: 'visit',
            assessments: [{ termId: term.body.id, status: 'minimal', note: 'Audit check note' }],
            overall: 'tense',
          }),
      );
      note(
        'GET /api/v1/accords/:id (sensitive read)',
        await t.http.get(`/api/v1/accords/${accord.body.id}`).set(asAccordCoordinator),
      );
      const flag = note(
        'POST /api/v1/accords/:id/flags',
        await t.http
          .post(`/api/v1/accords/${accord.body.id}/flags`)
          .set(asMediator)
          .send({ severity: 'high', reason: 'Audit flag reason' }),
      );
      note(
        'POST /api/v1/flags/:id/resolve',
        await t.http
          .post(`/api/v1/flags/${flag.body.id}/resolve`)
          .set(asAccordCoordinator)
          .send({ note: 'Audit resolution note' }),
      );
    }

    // Erasure of a closed case (issue 21): admin, after step-up.
    const closedCase = await factory.dialogueCase({
      associationId: coordinator.associationId!,
      areaId: await factory.areaId('Dinangourou', 'commune'),
      createdBy: coordinator.id,
      status: 'closed',
    });
    await markSteppedUp(t, adminUser.id);
    note(
      'POST /api/v1/cases/:id/erasure',
      await t.http.post(`/api/v1/cases/${closedCase.id}/erasure`).set(admin),
    );

    // Mission orders (issue 5): request, approve, reject, revoke, credentials (sensitive read).
    {
      const cercle = await factory.areaId('Koro', 'cercle');
      const commune = await factory.areaId('Dinangourou', 'commune');
      const authority = await factory.authority({ areaIds: [cercle] });
      const association = await factory.association();
      const moCoordinator = await factory.user('coordinator', { associationId: association.id });
      const moMediator = await factory.user('mediator', { associationId: association.id });
      await giveLegalIdentity(t, moMediator.id, 'Audit Legal Name', 'AUDIT-ID-1');
      const moOfficial = await factory.user('official', { authorityId: authority.id });
      const asCoordinator = bearer((await login(t.http, moCoordinator.username)).accessToken);
      const asOfficial = bearer((await login(t.http, moOfficial.username)).accessToken);
      await markSteppedUp(t, moOfficial.id);
      const body = () => ({
        authorityId: authority.id,
        holderUserIds: [moMediator.id],
        areaIds: [commune],
        purpose: 'Audit purpose text',
        validFrom: new Date().toISOString(),
        validUntil: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      });
      const first = note(
        'POST /api/v1/mission-orders',
        await t.http.post('/api/v1/mission-orders').set(asCoordinator).send(body()),
      );
      const second = await t.http.post('/api/v1/mission-orders').set(asCoordinator).send(body());
      note(
        'POST /api/v1/mission-orders/:id/approve',
        await t.http.post(`/api/v1/mission-orders/${first.body.id}/approve`).set(asOfficial),
      );
      note(
        'GET /api/v1/mission-orders/:id/credentials (sensitive read)',
        await t.http.get(`/api/v1/mission-orders/${first.body.id}/credentials`).set(asCoordinator),
      );
      note(
        'POST /api/v1/mission-orders/:id/revoke',
        await t.http
          .post(`/api/v1/mission-orders/${first.body.id}/revoke`)
          .set(asOfficial)
          .send({ reason: 'Audit revoke reason' }),
      );
      note(
        'POST /api/v1/mission-orders/:id/reject',
        await t.http
          .post(`/api/v1/mission-orders/${second.body.id}/reject`)
          .set(asOfficial)
          .send({ reason: 'Audit reject reason' }),
      );
    }

    // Phones and inbound SMS.
    {
      const member = await factory.user('mediator');
      const asMember = bearer((await login(t.http, member.username)).accessToken);
      const phone = note(
        'POST /api/v1/me/phones',
        await t.http.post('/api/v1/me/phones').set(asMember).send({ number: '+22376000010' }),
      );
      note(
        'POST /api/v1/me/phones/:id/verify',
        await t.http
          .post(`/api/v1/me/phones/${phone.body.id}/verify`)
          .set(asMember)
          .send({ code: await codeSentTo(t, '+22376000010') }),
      );
      note(
        'DELETE /api/v1/me/phones/:id',
        await t.http.delete(`/api/v1/me/phones/${phone.body.id}`).set(asMember),
      );
      note(
        'POST /api/v1/users/:id/phones',
        await t.http
          .post(`/api/v1/users/${member.id}/phones`)
          .set(admin)
          .send({ number: '+22376000011' }),
      );
      note(
        'PUT /api/v1/me/sms-reminders',
        await t.http.put('/api/v1/me/sms-reminders').set(asMember).send({ enabled: false }),
      );
      note('POST /api/v1/sms/inbound/generic', await sendSms(t.http, '+22376000011', 'AIDE'));
      note(
        'POST /api/v1/sms/inbound/rapidpro',
        await t.http
          .post(`/api/v1/sms/inbound/rapidpro?token=${RAPIDPRO_TOKEN}`)
          .send({ from: '+22376000011', text: 'Bonjour' }),
      );
      note(
        'POST /api/v1/sms/inbound/africastalking',
        await t.http
          .post(`/api/v1/sms/inbound/africastalking?token=${AT_TOKEN}`)
          .set('content-type', 'application/x-www-form-urlencoded')
          .send(new URLSearchParams({ id: 'ATX1', from: '+22376000011', text: 'AIDE' }).toString()),
      );
      note(
        'POST /api/v1/sms/inbound/twilio',
        await sendTwilio(t.http, { MessageSid: 'SM1', From: '+22376000011', Body: 'CODE 000000' }),
      );
    }

    async function sessionsOf(accessToken: string): Promise<string[]> {
      const res = await t.http.get('/api/v1/auth/sessions').set(bearer(accessToken));
      return (res.body.items as { id: string; current: boolean }[])
        .filter((s) => s.current)
        .map((s) => s.id);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('exercises every write route of the application', async () => {
    const writes = (await listRoutes())
      .filter((r) => r.method !== 'GET')
      .map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, ':$1')}`);
    const exercised = new Set(sent.map((s) => s.route));
    expect(writes.filter((w) => !exercised.has(w))).toEqual([]);
  });

  it('leaves an event with the request id of every write, sign-in and refusal', async () => {
    const { rows } = await t.db.query<{ request_id: string; action: string }>(
      'SELECT request_id, action FROM audit_event',
    );
    const byRequest = new Map<string, string[]>();
    for (const row of rows)
      byRequest.set(row.request_id, [...(byRequest.get(row.request_id) ?? []), row.action]);
    const missing = sent
      .filter((s) => !byRequest.has(s.requestId))
      .map((s) => `${s.route} → ${s.status}`);
    console.log(
      `S10 audit coverage: ${sent.length} audited requests, ${sent.length - missing.length} with events (${rows.length} events)`,
    );
    expect(missing).toEqual([]);
    const actions = new Set(rows.map((r) => r.action));
    for (const action of [
      'auth.login',
      'auth.login_failed',
      'auth.refresh',
      'auth.refresh_reuse',
      'authz.denied',
      'user.create',
      'user.update',
      'user.confirm',
      'authority.update',
      'case.team_add',
      'case.team_remove',
      'party.create',
      'party.update',
      'party.delete',
      'participant.create',
      'registry.coordination_request',
      'meeting.create',
      'meeting.update',
      'meeting.outcome',
      'meeting.read_sensitive',
      'mission_order.request',
      'mission_order.approve',
      'mission_order.reject',
      'mission_order.revoke',
      'user.read_sensitive',
      'accord.create',
      'accord.read_sensitive',
      'accord_term.create',
      'accord_term.update',
      'follow_up.create',
      'accord_flag.raise',
      'accord_flag.resolve',
      'case.transition',
      'phone_number.create',
      'phone_number.verify',
      'phone_number.delete',
      'sms.inbound',
      'sms_preference.update',
      'case.erase',
    ]) {
      expect(actions).toContain(action);
    }
  });

  it('keeps values out of the events: no password, name or secret in details', async () => {
    const { rows } = await t.db.query<{ details: unknown }>('SELECT details FROM audit_event');
    const text = JSON.stringify(rows);
    for (const value of [
      'Mopti-audit-Password-1',
      'wrong-password-123',
      'Audited user',
      'Association audit',
      'Préfecture audit',
      'Audit party',
      'Audit description',
      'Audit pseudonym',
      'Audit coordination message',
      'Audit agenda text',
      'Audit meeting place',
      'Audit outcome notes',
      'Audit purpose text',
      'Audit revoke reason',
      'Audit reject reason',
      'Audit Legal Name',
      'AUDIT-ID-1',
      'Audit accord summary',
      'Audit term text',
      'Audit term amended',
      'Audit check note',
      'Audit flag reason',
      'Audit resolution note',
    ]) {
      expect(text).not.toContain(value);
    }
  });

  it('the chain of all these events verifies', async () => {
    const admin = bearer(
      (await login(t.http, (await new Factory(t.db).user('admin')).username)).accessToken,
    );
    const res = await t.http.get('/api/v1/audit/verify').set(admin).expect(200);
    expect(res.body).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(res.body.checked).toBeGreaterThan(15);
  });
});
