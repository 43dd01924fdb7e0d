import { bearer, Factory, login, PASSWORD, Tokens } from '../support/factories';
import { sessionIdOf } from '../support/jwt-forgery';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * S8: refresh rotation and reuse detection; logout, panic, password change,
 * disabling, revoking one session and a role change all take effect on the
 * very next request.
 */

const ME = '/api/v1/auth/me';
const REFRESH = '/api/v1/auth/refresh';

describe('sessions and revocation (S8)', () => {
  let t: TestApp;
  let factory: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  async function meStatus(accessToken: string): Promise<number> {
    return (await t.http.get(ME).set(bearer(accessToken))).status;
  }

  async function expectAccessRefused(accessToken: string): Promise<void> {
    const res = await t.http.get(ME).set(bearer(accessToken));
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthenticated');
  }

  async function expectRefreshRefused(refreshToken: string): Promise<void> {
    const res = await t.http.post(REFRESH).send({ refreshToken });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_refresh_token');
    expect(res.body.accessToken).toBeUndefined();
  }

  describe('refresh rotation', () => {
    it('returns a new pair with a different refresh token, for the same session', async () => {
      const user = await factory.user('mediator');
      const first = await login(t.http, user.username);
      const res = await t.http.post(REFRESH).send({ refreshToken: first.refreshToken });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(typeof res.body.accessToken).toBe('string');
      expect(typeof res.body.refreshToken).toBe('string');
      expect(res.body.refreshToken).not.toBe(first.refreshToken);
      expect(res.body.expiresIn).toBeLessThanOrEqual(600);
      expect(res.body.user).toMatchObject({ id: user.id, username: user.username });
      expect(sessionIdOf(res.body.accessToken)).toBe(sessionIdOf(first.accessToken));
      expect(await meStatus(res.body.accessToken)).toBe(200);

      // The new refresh token is itself usable once.
      const next = await t.http.post(REFRESH).send({ refreshToken: res.body.refreshToken });
      expect(next.status).toBe(200);
    });

    it('revokes the whole family when a spent refresh token is presented again', async () => {
      const user = await factory.user('mediator');
      const first = await login(t.http, user.username);
      const rotated = await t.http.post(REFRESH).send({ refreshToken: first.refreshToken });
      expect(rotated.status).toBe(200);
      const second: Tokens = rotated.body;
      expect(await meStatus(second.accessToken)).toBe(200);

      // Reuse of the spent token: refused …
      await expectRefreshRefused(first.refreshToken);
      // … and everything of that session is dead on the very next request.
      await expectRefreshRefused(second.refreshToken);
      await expectAccessRefused(second.accessToken);
      await expectAccessRefused(first.accessToken);
    });

    it('does not touch the other sessions of the user when one family is revoked', async () => {
      const user = await factory.user('mediator');
      const stolen = await login(t.http, user.username);
      const other = await login(t.http, user.username);
      await t.http.post(REFRESH).send({ refreshToken: stolen.refreshToken }).expect(200);
      await expectRefreshRefused(stolen.refreshToken);
      expect(await meStatus(other.accessToken)).toBe(200);
    });

    it('refuses an unknown refresh token', async () => {
      await expectRefreshRefused('this-is-not-a-refresh-token-at-all-00000000');
    });
  });

  it('logout: 204, then its access and refresh tokens are refused', async () => {
    const user = await factory.user('coordinator');
    const tokens = await login(t.http, user.username);
    expect(await meStatus(tokens.accessToken)).toBe(200);

    const res = await t.http.post('/api/v1/auth/logout').set(bearer(tokens.accessToken));
    expect(res.status).toBe(204);

    await expectAccessRefused(tokens.accessToken);
    await expectRefreshRefused(tokens.refreshToken);
  });

  it('panic: every session of the caller is refused at once', async () => {
    const user = await factory.user('mediator');
    const a = await login(t.http, user.username);
    const b = await login(t.http, user.username);
    const bystander = await login(t.http, (await factory.user('mediator')).username);
    expect(await meStatus(a.accessToken)).toBe(200);
    expect(await meStatus(b.accessToken)).toBe(200);

    const res = await t.http.post('/api/v1/auth/panic').set(bearer(b.accessToken));
    expect(res.status).toBe(204);

    await expectAccessRefused(a.accessToken);
    await expectAccessRefused(b.accessToken);
    await expectRefreshRefused(a.refreshToken);
    await expectRefreshRefused(b.refreshToken);
    // Only the caller's sessions.
    expect(await meStatus(bystander.accessToken)).toBe(200);
  });

  it('password change ends the other sessions, keeps this one, and swaps the password', async () => {
    const user = await factory.user('mediator');
    const a = await login(t.http, user.username);
    const b = await login(t.http, user.username);
    const newPassword = 'A-brand-new-Passphrase-7';

    const res = await t.http
      .post('/api/v1/auth/password')
      .set(bearer(a.accessToken))
      .send({ currentPassword: PASSWORD, newPassword });
    expect(res.status).toBe(204);

    await expectAccessRefused(b.accessToken);
    await expectRefreshRefused(b.refreshToken);
    expect(await meStatus(a.accessToken)).toBe(200);
    await t.http.post(REFRESH).send({ refreshToken: a.refreshToken }).expect(200);

    const old = await t.http
      .post('/api/v1/auth/login')
      .send({ username: user.username, password: PASSWORD });
    expect(old.status).toBe(401);
    expect(old.body.code).toBe('invalid_credentials');
    await login(t.http, user.username, newPassword);
  });

  it('disabling a user (PATCH with If-Match) refuses its access and refresh tokens at once', async () => {
    const admin = await factory.user('admin');
    const adminTokens = await login(t.http, admin.username);
    const target = await factory.user('mediator');
    const targetTokens = await login(t.http, target.username);
    expect(await meStatus(targetTokens.accessToken)).toBe(200);

    const get = await t.http.get(`/api/v1/users/${target.id}`).set(bearer(adminTokens.accessToken));
    expect(get.status).toBe(200);
    const etag = get.headers.etag;
    expect(etag).toMatch(/^W\/"\d+"$/);

    const patch = await t.http
      .patch(`/api/v1/users/${target.id}`)
      .set(bearer(adminTokens.accessToken))
      .set('if-match', etag)
      .send({ disabled: true });
    expect(patch.status).toBe(200);
    expect(patch.body.disabled).toBe(true);

    await expectAccessRefused(targetTokens.accessToken);
    await expectRefreshRefused(targetTokens.refreshToken);
    const again = await t.http
      .post('/api/v1/auth/login')
      .send({ username: target.username, password: PASSWORD });
    expect(again.status).toBe(401);
    // The admin's own session is untouched.
    expect(await meStatus(adminTokens.accessToken)).toBe(200);
  });

  it('an admin sets a temporary password: sessions end, the old password fails, the new one must be changed', async () => {
    const admin = await login(t.http, (await factory.user('admin')).username);
    const target = await factory.user('official');
    const targetTokens = await login(t.http, target.username);
    const temporary = 'Temporaire-Koro-2026-x';
    const reset = (id: string, password: string) =>
      t.http
        .post(`/api/v1/users/${id}/password`)
        .set(bearer(admin.accessToken))
        .set('Accept-Language', 'fr')
        .send({ password });

    // A weak or missing password is a 400 that changes nothing.
    const weak = await reset(target.id, 'azerty');
    expect(weak.status).toBe(400);
    expect(weak.body.code).toBe('weak_password');
    expect((await reset(target.id, undefined as unknown as string)).status).toBe(400);
    expect(await meStatus(targetTokens.accessToken)).toBe(200);
    expect((await reset(crypto.randomUUID(), temporary)).status).toBe(404);

    expect((await reset(target.id, temporary)).status).toBe(204);
    await expectAccessRefused(targetTokens.accessToken);
    await expectRefreshRefused(targetTokens.refreshToken);
    const old = await t.http
      .post('/api/v1/auth/login')
      .send({ username: target.username, password: PASSWORD });
    expect(old.status).toBe(401);
    const signIn = await t.http
      .post('/api/v1/auth/login')
      .send({ username: target.username, password: temporary });
    expect(signIn.status).toBe(200);
    expect(signIn.body.user.mustChangePassword).toBe(true);
    const fresh = { accessToken: signIn.body.accessToken as string };
    const blocked = await t.http.get('/api/v1/areas').set(bearer(fresh.accessToken));
    expect(blocked.status).toBe(403);
    expect(blocked.body.code).toBe('password_change_required');
    await t.http
      .post('/api/v1/auth/password')
      .set(bearer(fresh.accessToken))
      .send({ currentPassword: temporary, newPassword: 'Le-mien-maintenant-2026' })
      .expect(204);
    expect((await t.http.get('/api/v1/areas').set(bearer(fresh.accessToken))).status).toBe(200);

    const { rows } = await t.db.query<{ details: { count: number; fields: string[] } }>(
      `SELECT details FROM audit_event WHERE action = 'user.password_reset' AND entity_id = $1`,
      [target.id],
    );
    expect(rows).toEqual([{ details: { count: 1, fields: ['password'] } }]);
    expect(await meStatus(admin.accessToken)).toBe(200);
  });

  describe('GET / DELETE /api/v1/auth/sessions', () => {
    it('lists the caller’s live sessions and marks the calling one current', async () => {
      const user = await factory.user('mediator');
      const a = await login(t.http, user.username);
      const b = await login(t.http, user.username);
      const ended = await login(t.http, user.username);
      await t.http.post('/api/v1/auth/logout').set(bearer(ended.accessToken)).expect(204);
      // Another user's session must not appear.
      await login(t.http, (await factory.user('mediator')).username);

      const res = await t.http.get('/api/v1/auth/sessions').set(bearer(a.accessToken));
      expect(res.status).toBe(200);
      const items = res.body.items as { id: string; current: boolean }[];
      expect(items.map((s) => s.id).sort()).toEqual(
        [sessionIdOf(a.accessToken), sessionIdOf(b.accessToken)].sort(),
      );
      expect(items.filter((s) => s.current).map((s) => s.id)).toEqual([sessionIdOf(a.accessToken)]);
      for (const s of items) {
        expect(s).toEqual(
          expect.objectContaining({
            createdAt: expect.any(String),
            lastUsedAt: expect.any(String),
            expiresAt: expect.any(String),
          }),
        );
      }
    });

    it('revokes another own session (204): that session is refused at once, this one is not', async () => {
      const user = await factory.user('mediator');
      const a = await login(t.http, user.username);
      const b = await login(t.http, user.username);

      const res = await t.http
        .delete(`/api/v1/auth/sessions/${sessionIdOf(b.accessToken)}`)
        .set(bearer(a.accessToken));
      expect(res.status).toBe(204);

      await expectAccessRefused(b.accessToken);
      await expectRefreshRefused(b.refreshToken);
      expect(await meStatus(a.accessToken)).toBe(200);
    });

    it('answers 404 for a session of another user, which keeps working', async () => {
      const me = await login(t.http, (await factory.user('coordinator')).username);
      const other = await login(t.http, (await factory.user('mediator')).username);

      const res = await t.http
        .delete(`/api/v1/auth/sessions/${sessionIdOf(other.accessToken)}`)
        .set(bearer(me.accessToken));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('not_found');

      expect(await meStatus(other.accessToken)).toBe(200);
      await t.http.post(REFRESH).send({ refreshToken: other.refreshToken }).expect(200);
    });
  });

  it('a role change applies on the next request with the same token', async () => {
    const user = await factory.user('coordinator');
    const tokens = await login(t.http, user.username);
    const before = await t.http.get('/api/v1/users').set(bearer(tokens.accessToken));
    expect(before.status).toBe(200);

    await t.db.query(`UPDATE app_user SET role = 'mediator' WHERE id = $1`, [user.id]);

    const after = await t.http.get('/api/v1/users').set(bearer(tokens.accessToken));
    expect(after.status).toBe(403);
    expect(after.body.code).toBe('forbidden');
    // Still signed in: only the permission changed.
    const me = await t.http.get(ME).set(bearer(tokens.accessToken));
    expect(me.status).toBe(200);
    expect(me.body.role).toBe('mediator');
  });

  it('a change of association applies on the next request with the same token', async () => {
    const coordinator = await factory.user('coordinator');
    const colleague = await factory.user('mediator', { associationId: coordinator.associationId! });
    const tokens = await login(t.http, coordinator.username);
    const ids = async (): Promise<string[]> => {
      const res = await t.http.get('/api/v1/users').set(bearer(tokens.accessToken));
      expect(res.status).toBe(200);
      return (res.body.items as { id: string }[]).map((u) => u.id);
    };
    expect(await ids()).toContain(colleague.id);

    const elsewhere = await factory.association();
    await t.db.query('UPDATE app_user SET association_id = $2 WHERE id = $1', [
      coordinator.id,
      elsewhere.id,
    ]);
    const now = await ids();
    expect(now).not.toContain(colleague.id);
    expect(now).toContain(coordinator.id);
  });
});
