import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { dictionary } from '@zxcvbn-ts/language-common';
import { LookupHasher } from '../../src/common/crypto/lookup-hasher';
import { bearer, Factory, login, PASSWORD, TestUser } from '../support/factories';
import { startTestApp, TEST_ADMIN_PASSWORD, TestApp } from '../support/test-app';

/**
 * Sign-in (S5): response shape, validation, user enumeration by status, body
 * and timing, backoff per account and under concurrent guesses, the first administrator's
 * forced password change.
 *
 * Each block that fails sign-ins on purpose runs its own app on its own
 * database. The limits on a shared address and trusted devices are in
 * sign-in-protection.e2e-spec.ts.
 */

const LOGIN = '/api/v1/auth/login';

function withoutRequestId(body: Record<string, unknown>): Record<string, unknown> {
  const { requestId, ...rest } = body;
  expect(typeof requestId).toBe('string');
  return rest;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const freshName = (prefix: string): string => `${prefix}-${randomUUID().slice(0, 12)}`;

describe('POST /api/v1/auth/login', () => {
  let t: TestApp;
  let factory: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('returns a token pair and the session user, with cache-control: no-store', async () => {
    const user = await factory.user('coordinator');
    const res = await t.http.post(LOGIN).send({ username: user.username, password: PASSWORD });

    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Object.keys(res.body as object).sort()).toEqual(
      ['accessToken', 'deviceToken', 'expiresIn', 'refreshToken', 'user'].sort(),
    );
    expect(res.body.accessToken).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(typeof res.body.refreshToken).toBe('string');
    expect(res.body.refreshToken.length).toBeGreaterThanOrEqual(32);
    expect(res.body.refreshToken).not.toBe(res.body.accessToken);
    expect(Number.isInteger(res.body.expiresIn)).toBe(true);
    expect(res.body.expiresIn).toBeGreaterThan(0);
    expect(res.body.expiresIn).toBeLessThanOrEqual(600);
    expect(res.body.user).toEqual({
      id: user.id,
      username: user.username,
      role: 'coordinator',
      displayName: `Display ${user.username}`,
      associationId: user.associationId,
      authorityId: null,
      mustChangePassword: false,
    });

    // The access token works, and authenticated responses are not cacheable either.
    const me = await t.http.get('/api/v1/auth/me').set(bearer(res.body.accessToken));
    expect(me.status).toBe(200);
    expect(me.body.id).toBe(user.id);
    expect(me.headers['cache-control']).toBe('no-store');
  });

  it('returns the authority of an official and no association', async () => {
    const official = await factory.user('official');
    const res = await t.http.post(LOGIN).send({ username: official.username, password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({
      id: official.id,
      role: 'official',
      associationId: null,
      authorityId: official.authorityId,
    });
  });

  describe('validation', () => {
    it('rejects an unknown body property (role) with validation_failed naming the field', async () => {
      const user = await factory.user('mediator');
      const res = await t.http
        .post(LOGIN)
        .send({ username: user.username, password: PASSWORD, role: 'admin' });
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['cache-control']).toBe('no-store');
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'role' })]),
      );
      expect(res.body.accessToken).toBeUndefined();
    });

    it('rejects a missing password with 400', async () => {
      const user = await factory.user('mediator');
      const res = await t.http.post(LOGIN).send({ username: user.username });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'password' })]),
      );
    });

    it('rejects a missing username with 400', async () => {
      const res = await t.http.post(LOGIN).send({ password: PASSWORD });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'username' })]),
      );
    });

    it('rejects malformed JSON with 400 malformed_body', async () => {
      const res = await t.http
        .post(LOGIN)
        .set('content-type', 'application/json')
        .send('{"username": "admin", "password": ');
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('malformed_body');
    });

    it('answers in English with Accept-Language: en, in French by default', async () => {
      const body = { username: 'someone', password: PASSWORD, role: 'admin' };
      const en = await t.http.post(LOGIN).set('accept-language', 'en').send(body);
      const fr = await t.http.post(LOGIN).send(body);
      expect(en.status).toBe(400);
      expect(fr.status).toBe(400);
      expect(en.body.title).toBe('Invalid request');
      expect(fr.body.title).toBe('Requête invalide');
      expect(en.body.detail).not.toBe(fr.body.detail);
      expect(en.body.code).toBe(fr.body.code);
    });
  });

  describe('user enumeration (S5)', () => {
    const ROUNDS = 7;

    it('gives a wrong password and an unknown user the same status, body and similar time', async () => {
      // Distinct real accounts, so no account reaches its backoff threshold
      // (14 failures in all: far under the address's failure ceiling).
      const users: TestUser[] = [];
      for (let i = 0; i < ROUNDS; i++) users.push(await factory.user('mediator'));
      const unknown = Array.from({ length: ROUNDS }, () => freshName('nobody'));

      // Warm-up (a successful sign-in: counts no failure).
      await login(t.http, users[0].username);

      const wrongTimes: number[] = [];
      const unknownTimes: number[] = [];
      const wrongBodies: Record<string, unknown>[] = [];
      const unknownBodies: Record<string, unknown>[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        let start = performance.now();
        const wrong = await t.http
          .post(LOGIN)
          .send({ username: users[i].username, password: 'Not-the-password-1' });
        wrongTimes.push(performance.now() - start);

        start = performance.now();
        const missing = await t.http
          .post(LOGIN)
          .send({ username: unknown[i], password: 'Not-the-password-1' });
        unknownTimes.push(performance.now() - start);

        expect(wrong.status).toBe(401);
        expect(missing.status).toBe(401);
        expect(wrong.headers['content-type']).toBe(missing.headers['content-type']);
        wrongBodies.push(withoutRequestId(wrong.body));
        unknownBodies.push(withoutRequestId(missing.body));
      }

      expect(wrongBodies[0].code).toBe('invalid_credentials');
      for (const body of [...wrongBodies, ...unknownBodies]) expect(body).toEqual(wrongBodies[0]);

      const wrongMedian = median(wrongTimes);
      const unknownMedian = median(unknownTimes);
      console.log(
        `S5 login timing: wrong password median ${wrongMedian.toFixed(1)} ms, ` +
          `unknown user median ${unknownMedian.toFixed(1)} ms`,
      );
      expect(Math.max(wrongMedian, unknownMedian)).toBeLessThanOrEqual(
        2 * Math.min(wrongMedian, unknownMedian),
      );
    });

    it('refuses a disabled user with 401 invalid_credentials, the same body as a wrong password', async () => {
      const disabled = await factory.user('mediator', { disabled: true });
      const res = await t.http
        .post(LOGIN)
        .send({ username: disabled.username, password: PASSWORD });
      expect(res.status).toBe(401);
      expect(res.body.accessToken).toBeUndefined();
      expect(withoutRequestId(res.body)).toEqual({
        type: 'urn:toguna:problem:invalid_credentials',
        title: 'Échec de la connexion',
        status: 401,
        detail: "Nom d'utilisateur ou mot de passe incorrect.",
        code: 'invalid_credentials',
      });
    });
  });

  describe('first administrator', () => {
    const NEW_ADMIN_PASSWORD = 'Fresh-admin-Pass-2024!';
    let token: string;
    let loginBody: Record<string, unknown>;

    beforeAll(async () => {
      const res = await t.http
        .post(LOGIN)
        .send({ username: 'admin', password: TEST_ADMIN_PASSWORD });
      expect(res.status).toBe(200);
      loginBody = res.body;
      token = res.body.accessToken;
    });

    it('signs in with the initial password and must change it', () => {
      expect(loginBody.user).toMatchObject({
        username: 'admin',
        role: 'admin',
        associationId: null,
        authorityId: null,
        mustChangePassword: true,
      });
    });

    it('is refused everything else with 403 password_change_required', async () => {
      const users = await t.http.get('/api/v1/users').set(bearer(token));
      expect(users.status).toBe(403);
      expect(users.body.code).toBe('password_change_required');

      const me = await t.http.get('/api/v1/auth/me').set(bearer(token));
      expect(me.status).toBe(403);
      expect(me.body.code).toBe('password_change_required');
    });

    it('refuses a wrong current password with 400 wrong_current_password', async () => {
      const res = await t.http
        .post('/api/v1/auth/password')
        .set(bearer(token))
        .send({ currentPassword: 'Not-the-admin-password', newPassword: NEW_ADMIN_PASSWORD });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('wrong_current_password');
    });

    it('refuses a too short new password with 400 weak_password', async () => {
      const res = await t.http
        .post('/api/v1/auth/password')
        .set(bearer(token))
        .send({ currentPassword: TEST_ADMIN_PASSWORD, newPassword: 'Sh0rt-pw' });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('weak_password');
    });

    it.each(['qwertyuiop', 'Password1234'])(
      'refuses a common password (%s) with 400 common_password',
      async (common) => {
        // The premise: the bundled list has it (compared case-insensitively).
        const list = new Set(dictionary['passwords-common'].map((p) => p.toLowerCase()));
        expect(list.has(common.toLowerCase())).toBe(true);
        expect(common.length).toBeGreaterThanOrEqual(10);

        const res = await t.http
          .post('/api/v1/auth/password')
          .set(bearer(token))
          .send({ currentPassword: TEST_ADMIN_PASSWORD, newPassword: common });
        expect(res.status).toBe(400);
        expect(res.body.code).toBe('common_password');
      },
    );

    it('accepts a good new password (204), after which the admin routes open', async () => {
      const res = await t.http
        .post('/api/v1/auth/password')
        .set(bearer(token))
        .send({ currentPassword: TEST_ADMIN_PASSWORD, newPassword: NEW_ADMIN_PASSWORD });
      expect(res.status).toBe(204);

      const users = await t.http.get('/api/v1/users').set(bearer(token));
      expect(users.status).toBe(200);
      expect(Array.isArray(users.body.items)).toBe(true);

      const me = await t.http.get('/api/v1/auth/me').set(bearer(token));
      expect(me.status).toBe(200);
      expect(me.body).toMatchObject({ username: 'admin', mustChangePassword: false });

      const again = await t.http
        .post(LOGIN)
        .send({ username: 'admin', password: NEW_ADMIN_PASSWORD });
      expect(again.status).toBe(200);
      expect(again.body.user.mustChangePassword).toBe(false);
    });
  });
});

describe('login backoff per account (S5)', () => {
  let t: TestApp;
  let factory: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  async function failFiveTimes(username: string): Promise<void> {
    for (let i = 0; i < 5; i++) {
      const res = await t.http.post(LOGIN).send({ username, password: `Wrong-password-${i}` });
      expect(res.status).toBe(401);
      expect(res.body.code).toBe('invalid_credentials');
    }
  }

  async function blockedUntilIsFuture(username: string): Promise<boolean> {
    const { rows } = await t.db.query<{ blocked: boolean }>(
      'SELECT blocked_until > now() AS blocked FROM login_throttle WHERE key = $1',
      [`user:${t.app.get(LookupHasher).digest('username', username)}`],
    );
    expect(rows).toHaveLength(1);
    return rows[0].blocked;
  }

  it('blocks an account after 5 failures, even for the correct password, and an unknown name alike', async () => {
    const user = await factory.user('mediator');
    await failFiveTimes(user.username);

    const blocked = await t.http.post(LOGIN).send({ username: user.username, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(blocked.body.code).toBe('too_many_attempts');
    expect(blocked.body.accessToken).toBeUndefined();
    const retryAfter = Number(blocked.headers['retry-after']);
    expect(Number.isInteger(retryAfter)).toBe(true);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(900);
    expect(await blockedUntilIsFuture(user.username)).toBe(true);

    // Another spelling of the same name is the same account.
    const shouting = await t.http
      .post(LOGIN)
      .send({ username: user.username.toUpperCase(), password: PASSWORD });
    expect(shouting.status).toBe(429);

    // No enumeration: an account that does not exist is blocked the same way.
    const ghost = freshName('ghost');
    await failFiveTimes(ghost);
    const ghostBlocked = await t.http.post(LOGIN).send({ username: ghost, password: PASSWORD });
    expect(ghostBlocked.status).toBe(429);
    expect(ghostBlocked.headers['retry-after']).toMatch(/^\d+$/);
    expect(withoutRequestId(ghostBlocked.body)).toEqual(withoutRequestId(blocked.body));
    expect(await blockedUntilIsFuture(ghost)).toBe(true);
  });
});

describe('login backoff under concurrent guesses (S5)', () => {
  let t: TestApp;
  let factory: Factory;

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('evaluates at most 5 passwords for one account, however many arrive at once', async () => {
    const user = await factory.user('mediator');
    const guesses = Array.from({ length: 15 }, (_, i) => `Concurrent-guess-${i}`);
    const responses = await Promise.all(
      guesses.map((password) => t.http.post(LOGIN).send({ username: user.username, password })),
    );
    const statuses = responses.map((r) => r.status);
    // 401 = the password was checked (a guess); 429 = refused unchecked.
    for (const status of statuses) expect([401, 429]).toContain(status);
    const evaluated = statuses.filter((s) => s === 401).length;
    console.log(`S5 concurrent guesses: 15 sent, ${evaluated} evaluated (limit 5)`);
    expect(evaluated).toBeLessThanOrEqual(5);

    const after = await t.http.post(LOGIN).send({ username: user.username, password: PASSWORD });
    expect(after.status).toBe(429);
  });
});
