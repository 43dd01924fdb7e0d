import { randomUUID } from 'node:crypto';
import { bearer, Factory, login, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 17, point 2: an admin holds no case content, so an account an admin
 * creates in an association — password known to the admin — reads nothing of
 * it until a coordinator of that association confirms it. The association's
 * first coordinator is the one exception; its coordinators hear of every new
 * member; a password an admin sets is always temporary.
 */
describe('separation of duties: accounts an admin creates in an association', () => {
  let t: TestApp;
  let factory: Factory;
  let admin: Record<string, string>;
  let commune: string;
  let associationB: string;
  let coordinatorB: TestUser;
  let asCoordinatorB: Record<string, string>;
  let asCoordinatorA: Record<string, string>;
  let asMediatorB: Record<string, string>;
  let caseOfB: string;
  let caseOfA: string;

  const initial = 'Initial-Sevare-passphrase-1';
  const chosen = 'Chosen-Sevare-passphrase-2';

  /** Creates an account as the admin; the body may say anything about the password. */
  const create = (body: Record<string, unknown>) =>
    t.http
      .post('/api/v1/users')
      .set(admin)
      .send({
        username: `member.${randomUUID().slice(0, 8)}`,
        displayName: 'New member',
        password: initial,
        ...body,
      });

  /** Signs in with the initial password and chooses another, as the web app makes one do. */
  const firstSignIn = async (username: string): Promise<Record<string, string>> => {
    const first = await login(t.http, username, initial);
    await t.http
      .post('/api/v1/auth/password')
      .set(bearer(first.accessToken))
      .send({ currentPassword: initial, newPassword: chosen })
      .expect(204);
    return bearer((await login(t.http, username, chosen)).accessToken);
  };

  const notificationsOf = async (
    who: Record<string, string>,
  ): Promise<{ kind: string; subjectId: string | null }[]> =>
    (await t.http.get('/api/v1/notifications').set(who).expect(200)).body.items;

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
    admin = bearer((await login(t.http, (await factory.user('admin')).username)).accessToken);
    commune = await factory.areaId('Dinangourou', 'commune');
    associationB = (await factory.association()).id;
    const associationA = (await factory.association()).id;
    coordinatorB = await factory.user('coordinator', { associationId: associationB });
    const coordinatorA = await factory.user('coordinator', { associationId: associationA });
    const mediatorB = await factory.user('mediator', { associationId: associationB });
    asCoordinatorB = bearer((await login(t.http, coordinatorB.username)).accessToken);
    asCoordinatorA = bearer((await login(t.http, coordinatorA.username)).accessToken);
    asMediatorB = bearer((await login(t.http, mediatorB.username)).accessToken);
    // An active case of each association in the same commune (the registry links them).
    const activeCase = async (coordinator: TestUser): Promise<string> =>
      (
        await factory.dialogueCase({
          associationId: coordinator.associationId!,
          areaId: commune,
          createdBy: coordinator.id,
          status: 'negotiating',
        })
      ).id;
    caseOfB = await activeCase(coordinatorB);
    caseOfA = await activeCase(coordinatorA);
  });

  afterAll(async () => {
    await t?.close();
  });

  describe("the review's attack: a coordinator account in association B", () => {
    let planted: { id: string; username: string };
    let asPlanted: Record<string, string>;

    beforeAll(async () => {
      const res = await create({
        role: 'coordinator',
        associationId: associationB,
        mustChangePassword: false,
      });
      expect(res.status).toBe(201);
      planted = res.body;
      asPlanted = await firstSignIn(planted.username);
    });

    it('is created pending, and its admin-set password is temporary whatever the body said', async () => {
      const read = await t.http.get(`/api/v1/users/${planted.id}`).set(admin).expect(200);
      expect(read.body).toMatchObject({ pending: true, mustChangePassword: false });
      const { rows } = await t.db.query<{ details: Record<string, unknown> }>(
        "SELECT details FROM audit_event WHERE action = 'user.create' AND entity_id = $1",
        [planted.id],
      );
      expect(rows[0].details).toMatchObject({ role: 'coordinator', to: 'pending' });
      const fresh = await create({
        role: 'mediator',
        associationId: associationB,
        mustChangePassword: false,
      });
      expect(fresh.body).toMatchObject({ pending: true, mustChangePassword: true });
      const signIn = await t.http
        .post('/api/v1/auth/login')
        .send({ username: fresh.body.username, password: initial })
        .expect(200);
      expect(signIn.body.user.mustChangePassword).toBe(true);
      const blocked = await t.http.get('/api/v1/cases').set(bearer(signIn.body.accessToken));
      expect([blocked.status, blocked.body.code]).toEqual([403, 'password_change_required']);
    });

    it.each([
      ['GET', '/api/v1/cases'],
      ['GET', '/api/v1/cases/{case}'],
      ['GET', '/api/v1/cases/{case}/participants'],
      ['GET', '/api/v1/dashboard/accords'],
      ['GET', '/api/v1/stats/accords'],
      ['GET', '/api/v1/registry?areaId={commune}'],
      ['GET', '/api/v1/mission-orders'],
      ['GET', '/api/v1/meetings'],
      ['GET', '/api/v1/users'],
      ['GET', '/api/v1/audit'],
      ['POST', '/api/v1/cases'],
    ])('refuses %s %s with 403 account_pending', async (method, path) => {
      const url = path.replace('{case}', caseOfB).replace('{commune}', commune);
      const res =
        method === 'GET'
          ? await t.http.get(url).set(asPlanted)
          : await t.http
              .post(url)
              .set(asPlanted)
              .send({ codeName: 'Planted', areaId: commune, type: 'other' });
      expect({ status: res.status, code: res.body.code }).toEqual({
        status: 403,
        code: 'account_pending',
      });
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(JSON.stringify(res.body)).not.toContain(caseOfB);
    });

    it('says why in French and in English, and audits the refusal', async () => {
      const fr = await t.http.get('/api/v1/cases').set(asPlanted).expect(403);
      expect(fr.body.title).toBe('Compte en attente de confirmation');
      const en = await t.http
        .get('/api/v1/cases')
        .set(asPlanted)
        .set('accept-language', 'en')
        .expect(403);
      expect(en.body.title).toBe('Account awaiting confirmation');
      const { rows } = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_event
          WHERE action = 'authz.denied' AND actor_user_id = $1
            AND details->>'reason_code' = 'account_pending'`,
        [planted.id],
      );
      expect(rows[0].n).toBeGreaterThan(0);
    });

    it('still lets the account manage itself: profile, notifications, areas', async () => {
      const me = await t.http.get('/api/v1/auth/me').set(asPlanted).expect(200);
      expect(me.body).toMatchObject({ id: planted.id, pending: true });
      await t.http.get('/api/v1/notifications').set(asPlanted).expect(200);
      await t.http.get('/api/v1/areas').set(asPlanted).expect(200);
    });

    it("announces the new member to the association's coordinators, and to no one else", async () => {
      const ofB = await notificationsOf(asCoordinatorB);
      expect(ofB).toContainEqual(
        expect.objectContaining({ kind: 'member_added', subjectId: planted.id }),
      );
      const ofA = await notificationsOf(asCoordinatorA);
      expect(ofA.filter((n) => n.kind === 'member_added')).toEqual([]);
    });

    it('sends no case content to a pending coordinator: coordination requests skip it', async () => {
      const message = `Réunion au marché ${randomUUID().slice(0, 6)}`;
      await t.http
        .post('/api/v1/registry/coordination-requests')
        .set(asCoordinatorA)
        .send({ caseId: caseOfA, areaId: commune, message })
        .expect(201);
      const kinds = (n: { kind: string }[]) => n.map((x) => x.kind);
      expect(kinds(await notificationsOf(asCoordinatorB))).toContain('coordination_request');
      expect(kinds(await notificationsOf(asPlanted))).not.toContain('coordination_request');
    });

    it('cannot be confirmed by another association, an admin, a mediator or itself', async () => {
      const attempt = (who: Record<string, string>) =>
        t.http.post(`/api/v1/users/${planted.id}/confirm`).set(who);
      const other = await attempt(asCoordinatorA);
      const absent = await t.http.post(`/api/v1/users/${randomUUID()}/confirm`).set(asCoordinatorA);
      expect([other.status, other.body.code]).toEqual([404, 'not_found']);
      expect(other.body.detail).toBe(absent.body.detail);
      expect((await attempt(admin)).status).toBe(403);
      expect((await attempt(asMediatorB)).status).toBe(403);
      const self = await attempt(asPlanted);
      expect([self.status, self.body.code]).toEqual([403, 'account_pending']);
      const { rows } = await t.db.query<{ pending: boolean }>(
        'SELECT pending FROM app_user WHERE id = $1',
        [planted.id],
      );
      expect(rows[0].pending).toBe(true);
    });

    it("reads the association's cases once a coordinator of it confirms the account", async () => {
      const confirmed = await t.http
        .post(`/api/v1/users/${planted.id}/confirm`)
        .set(asCoordinatorB)
        .expect(200);
      expect(confirmed.body).toMatchObject({ id: planted.id, pending: false });
      const again = await t.http.post(`/api/v1/users/${planted.id}/confirm`).set(asCoordinatorB);
      expect([again.status, again.body.code]).toEqual([409, 'account_not_pending']);

      const cases = await t.http.get('/api/v1/cases').set(asPlanted).expect(200);
      expect((cases.body.items as { id: string }[]).map((c) => c.id)).toContain(caseOfB);
      expect(await notificationsOf(asPlanted)).toContainEqual(
        expect.objectContaining({ kind: 'account_confirmed', subjectId: planted.id }),
      );
      const { rows } = await t.db.query<{ actor_user_id: string; association_id: string }>(
        "SELECT actor_user_id, association_id FROM audit_event WHERE action = 'user.confirm' AND entity_id = $1",
        [planted.id],
      );
      expect(rows).toEqual([{ actor_user_id: coordinatorB.id, association_id: associationB }]);
    });
  });

  it('keeps a pending mediator off case teams', async () => {
    const pending = await create({ role: 'mediator', associationId: associationB });
    const res = await t.http
      .post(`/api/v1/cases/${caseOfB}/team`)
      .set(asCoordinatorB)
      .send({ userId: pending.body.id });
    expect([res.status, res.body.code]).toEqual([400, 'invalid_team_member']);
  });

  describe("a new association's first coordinator", () => {
    it('is active at once; every later member waits and is announced to it', async () => {
      const association = (await factory.association()).id;
      const first = await create({ role: 'coordinator', associationId: association });
      expect(first.body.pending).toBe(false);
      const asFirst = await firstSignIn(first.body.username as string);
      await t.http.get('/api/v1/cases').set(asFirst).expect(200);

      const second = await create({ role: 'coordinator', associationId: association });
      const mediator = await create({ role: 'mediator', associationId: association });
      expect([second.body.pending, mediator.body.pending]).toEqual([true, true]);
      const announced = (await notificationsOf(asFirst))
        .filter((n) => n.kind === 'member_added')
        .map((n) => n.subjectId);
      expect(announced.sort()).toEqual([second.body.id, mediator.body.id].sort());
    });

    it('is not granted again to a coordinator created after the first was disabled', async () => {
      const association = (await factory.association()).id;
      const first = await create({ role: 'coordinator', associationId: association });
      const etag = (await t.http.get(`/api/v1/users/${first.body.id}`).set(admin)).headers.etag;
      await t.http
        .patch(`/api/v1/users/${first.body.id}`)
        .set(admin)
        .set('if-match', etag)
        .send({ disabled: true })
        .expect(200);
      const replacement = await create({ role: 'coordinator', associationId: association });
      expect(replacement.body.pending).toBe(true);
    });

    it('is one even when two are created at the same moment', async () => {
      const association = (await factory.association()).id;
      const both = await Promise.all([
        create({ role: 'coordinator', associationId: association }),
        create({ role: 'coordinator', associationId: association }),
      ]);
      expect(both.map((r) => r.status)).toEqual([201, 201]);
      expect(both.map((r) => r.body.pending as boolean).sort()).toEqual([false, true]);
    });
  });

  it('refuses an unknown association with 400 invalid_reference, creating nothing', async () => {
    const username = `member.${randomUUID().slice(0, 8)}`;
    const res = await create({ username, role: 'mediator', associationId: randomUUID() });
    expect([res.status, res.body.code]).toEqual([400, 'invalid_reference']);
    const { rows } = await t.db.query('SELECT 1 FROM app_user WHERE username = $1', [username]);
    expect(rows).toEqual([]);
  });
});
