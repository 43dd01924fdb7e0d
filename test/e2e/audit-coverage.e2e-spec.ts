import { authenticator } from 'otplib';
import { listRoutes } from '../support/routes';
import { bearer, Factory, login, PASSWORD } from '../support/factories';
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
    t = await startTestApp();
    const factory = new Factory(t.db);
    const admin = bearer((await login(t.http, (await factory.user('admin')).username)).accessToken);
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
    const authority = note(
      'POST /api/v1/authorities',
      await t.http
        .post('/api/v1/authorities')
        .set(admin)
        .send({ name: 'Préfecture audit', jurisdictionAreaIds: [koro] }),
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
      await t.http.post('/api/v1/auth/totp/setup').set(bearer(second.accessToken)).send({}),
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
      'case.team_add',
      'case.team_remove',
      'party.create',
      'party.update',
      'party.delete',
      'participant.create',
      'registry.coordination_request',
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
