import { createHash, randomUUID } from 'node:crypto';
import { LookupHasher } from '../../src/common/crypto/lookup-hasher';
import { bearer, Factory, PASSWORD, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Sign-in protection with the default limits (S5): a workshop of forty
 * people behind one address signs in; spraying passwords over many names
 * from one address is stopped, while a device that signed in before still
 * gets in; guessing one account locks untrusted attempts only; a device
 * token proves nothing alone; panic, disabling and expiry forget devices;
 * names and addresses are stored only as keyed hashes.
 *
 * Every request comes from 127.0.0.1 with no forwarded header, so each
 * block that fails sign-ins on purpose runs its own app and database.
 */

const LOGIN = '/api/v1/auth/login';
const PASSWORD_CHANGE = '/api/v1/auth/password';
const WORKSHOP_PASSWORD = 'Atelier-de-Mopti-2026';

/** The defaults an operator gets: TOGUNA_RATE_LIMITS unset. */
const startWithDefaultLimits = (): Promise<TestApp> => startTestApp({ TOGUNA_RATE_LIMITS: '' });

interface SignIn {
  status: number;
  body: Record<string, unknown> & { deviceToken?: string; accessToken?: string; code?: string };
  retryAfter?: string;
}

async function signIn(
  t: TestApp,
  username: string,
  password: string,
  deviceToken?: string,
): Promise<SignIn> {
  const res = await t.http
    .post(LOGIN)
    .send({ username, password, ...(deviceToken ? { deviceToken } : {}) });
  return { status: res.status, body: res.body, retryAfter: res.headers['retry-after'] };
}

/** A first sign-in that succeeds, for the device token it leaves on the device. */
async function deviceTokenOf(t: TestApp, user: TestUser): Promise<string> {
  const res = await signIn(t, user.username, PASSWORD);
  expect(res.status).toBe(200);
  expect(typeof res.body.deviceToken).toBe('string');
  return res.body.deviceToken!;
}

async function failUntilLocked(t: TestApp, username: string, deviceToken?: string) {
  for (let i = 0; i < 5; i++) {
    const res = await signIn(t, username, `Wrong-guess-${i}-x`, deviceToken);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('invalid_credentials');
  }
  const locked = await signIn(t, username, 'Wrong-guess-again-x', deviceToken);
  expect(locked.status).toBe(429);
  expect(locked.body.code).toBe('too_many_attempts');
}

describe('a workshop: forty people sign in from one address', () => {
  let t: TestApp;
  let factory: Factory;

  beforeAll(async () => {
    t = await startWithDefaultLimits();
    factory = new Factory(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('lets every correct sign-in through, with a few mistyped passwords, password changes, refreshes and verifications', async () => {
    const people = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        factory.user(i % 8 === 0 ? 'coordinator' : 'mediator', { mustChangePassword: true }),
      ),
    );

    // Each person's first sign-in with the temporary password, then the forced change.
    const first = await Promise.all(people.map((p) => signIn(t, p.username, PASSWORD)));
    expect(first.map((r) => r.status)).toEqual(people.map(() => 200));
    const changes = await Promise.all(
      first.map((r) =>
        t.http
          .post(PASSWORD_CHANGE)
          .set(bearer(r.body.accessToken!))
          .send({ currentPassword: PASSWORD, newPassword: WORKSHOP_PASSWORD }),
      ),
    );
    expect(changes.map((r) => r.status)).toEqual(people.map(() => 204));

    // Five mistype their new password once (from a browser with no device token).
    const typos = await Promise.all(
      people.slice(0, 5).map((p) => signIn(t, p.username, 'Atelier-de-Mopti-2025')),
    );
    expect(typos.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);

    // Then all forty at once: half from the same browser as before (device token), half not.
    const again = await Promise.all(
      people.map((p, i) =>
        signIn(t, p.username, WORKSHOP_PASSWORD, i % 2 ? first[i].body.deviceToken : undefined),
      ),
    );
    expect(again.map((r) => r.status)).toEqual(people.map(() => 200));
    console.log(
      `S5 workshop: 40 accounts on one address, 5 typos → ${again.filter((r) => r.status === 200).length}/40 signed in`,
    );

    // The rest of the morning: tokens refreshed, TOTP set up by the coordinators, an order checked.
    const refreshes = await Promise.all(
      again.map((r) =>
        t.http.post('/api/v1/auth/refresh').send({ refreshToken: r.body.refreshToken }),
      ),
    );
    expect(refreshes.map((r) => r.status)).toEqual(people.map(() => 200));
    const setups = await Promise.all(
      people
        .map((p, i) => ({ p, token: refreshes[i].body.accessToken as string }))
        .filter(({ p }) => p.role === 'coordinator')
        .map(({ token }) =>
          t.http
            .post('/api/v1/auth/totp/setup')
            .set(bearer(token))
            .send({ password: WORKSHOP_PASSWORD }),
        ),
    );
    expect(setups.map((r) => r.status)).toEqual(setups.map(() => 200));
    const checks = await Promise.all(
      people.map(() => t.http.get('/api/v1/verify/mission-orders/not.a.credential')),
    );
    for (const res of checks) expect(res.status).not.toBe(429);
  });
});

describe('password spraying from one address', () => {
  let t: TestApp;
  let factory: Factory;

  beforeAll(async () => {
    t = await startWithDefaultLimits();
    factory = new Factory(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses the address before 150 names are tried, while a trusted device still signs in', async () => {
    const regular = await factory.user('coordinator');
    const trustedToken = await deviceTokenOf(t, regular);
    const newcomer = await factory.user('mediator');

    const existing = await Promise.all(Array.from({ length: 50 }, () => factory.user('mediator')));
    const names = [
      ...existing.map((u) => u.username),
      ...Array.from({ length: 100 }, () => `nobody-${randomUUID().slice(0, 10)}`),
    ].sort(() => Math.random() - 0.5);

    const statuses: number[] = [];
    let retryAfter = '';
    for (const name of names) {
      const res = await signIn(t, name, 'Summer-2026-sprayed');
      statuses.push(res.status);
      if (res.status === 429) {
        expect(res.body.code).toBe('too_many_attempts');
        retryAfter = res.retryAfter ?? '';
      }
    }
    const firstRefused = statuses.indexOf(429);
    console.log(
      `S5 spraying: 150 names from one address, refused from attempt ${firstRefused + 1}, ` +
        `${statuses.filter((s) => s === 401).length} passwords checked`,
    );
    expect(firstRefused).toBeGreaterThan(0);
    expect(firstRefused).toBeLessThan(149);
    // Once refused, refused for good (no attempt after the ceiling is checked).
    expect(statuses.slice(firstRefused).every((s) => s === 429)).toBe(true);
    expect(statuses.slice(0, firstRefused).every((s) => s === 401)).toBe(true);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    expect(Number(retryAfter)).toBeLessThanOrEqual(15 * 60);

    // Meanwhile, from the same address: the device that signed in before gets in…
    const trusted = await signIn(t, regular.username, PASSWORD, trustedToken);
    expect(trusted.status).toBe(200);
    expect(trusted.body.deviceToken).toBe(trustedToken);
    // …a first-time device does not, even with the right password…
    const firstTime = await signIn(t, newcomer.username, PASSWORD);
    expect(firstTime.status).toBe(429);
    expect(firstTime.body.code).toBe('too_many_attempts');
    // …nor with a device token of another account.
    const borrowed = await signIn(t, newcomer.username, PASSWORD, trustedToken);
    expect(borrowed.status).toBe(429);
  });
});

describe('guessing one account', () => {
  let t: TestApp;
  let factory: Factory;

  beforeAll(async () => {
    t = await startWithDefaultLimits();
    factory = new Factory(t.db);
  });
  afterAll(async () => {
    await t.close();
  });

  it('locks strangers out after fifteen guesses, while the owner signs in with the device token', async () => {
    const owner = await factory.user('official');
    const token = await deviceTokenOf(t, owner);

    const guesses: number[] = [];
    for (let i = 0; i < 15; i++) {
      guesses.push((await signIn(t, owner.username, `Guess-number-${i}`)).status);
    }
    expect(guesses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(guesses.slice(5).every((s) => s === 429)).toBe(true);

    // No oracle: the right password from an untrusted device is refused like a guess.
    const untrusted = await signIn(t, owner.username, PASSWORD);
    expect(untrusted.status).toBe(429);
    expect(untrusted.body.code).toBe('too_many_attempts');

    const owned = await signIn(t, owner.username, PASSWORD, token);
    expect(owned.status).toBe(200);
    expect(owned.body.accessToken).toEqual(expect.any(String));
    expect(owned.body.deviceToken).toBe(token);

    // The owner's sign-in does not lift the lock that the guesses put on strangers.
    expect((await signIn(t, owner.username, PASSWORD)).status).toBe(429);
  });

  it("backs off a device token's own failures", async () => {
    const owner = await factory.user('mediator');
    const token = await deviceTokenOf(t, owner);
    await failUntilLocked(t, owner.username, token);
    const right = await signIn(t, owner.username, PASSWORD, token);
    expect(right.status).toBe(429);
    expect(Number(right.retryAfter)).toBeGreaterThan(0);
  });
});

describe('device tokens', () => {
  let t: TestApp;
  let factory: Factory;
  let hasher: LookupHasher;

  beforeAll(async () => {
    t = await startWithDefaultLimits();
    factory = new Factory(t.db);
    hasher = t.app.get(LookupHasher);
  });
  afterAll(async () => {
    await t.close();
  });

  it('are opaque, distinct per sign-in from a new device, and stored only as a hash', async () => {
    const user = await factory.user('mediator');
    const a = await deviceTokenOf(t, user);
    const b = await deviceTokenOf(t, user);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(b).not.toBe(a);
    const { rows } = await t.db.query<{ token_hash: Buffer; expires_in_days: number }>(
      `SELECT token_hash, extract(epoch FROM expires_at - now()) / 86400 AS expires_in_days
         FROM trusted_device WHERE user_id = $1 ORDER BY created_at`,
      [user.id],
    );
    expect(rows).toHaveLength(2);
    const sha = (s: string) => createHash('sha256').update(s).digest();
    expect(rows.map((r) => r.token_hash.equals(sha(a)) || r.token_hash.equals(sha(b)))).toEqual([
      true,
      true,
    ]);
    for (const r of rows) expect(r.token_hash.toString('utf8')).not.toContain(a);
    for (const r of rows) expect(Math.round(r.expires_in_days)).toBe(90);
  });

  it('sign in nobody without the password, and cannot be used to guess it', async () => {
    const user = await factory.user('coordinator');
    const stolen = await deviceTokenOf(t, user);
    const noPassword = await t.http
      .post(LOGIN)
      .send({ username: user.username, deviceToken: stolen });
    expect(noPassword.status).toBe(400);
    expect(noPassword.body.accessToken).toBeUndefined();
    await failUntilLocked(t, user.username, stolen);
  });

  it('of another account change nothing: the attempt is counted as an untrusted one', async () => {
    const victim = await factory.user('mediator');
    const attacker = await factory.user('mediator');
    const attackersToken = await deviceTokenOf(t, attacker);
    await failUntilLocked(t, victim.username, attackersToken);
    // Counted on the victim's account: the victim's right password, untrusted, is refused too.
    expect((await signIn(t, victim.username, PASSWORD)).status).toBe(429);
    // And the attacker's own device is untouched.
    expect((await signIn(t, attacker.username, PASSWORD, attackersToken)).status).toBe(200);

    const other = await factory.user('mediator');
    const answer = await signIn(t, other.username, PASSWORD, attackersToken);
    expect(answer.status).toBe(200);
    expect(answer.body.deviceToken).not.toBe(attackersToken);
  });

  it('are forgotten on panic, on disabling and on expiry', async () => {
    const admin = await factory.user('admin');
    const adminToken = (await signIn(t, admin.username, PASSWORD)).body.accessToken!;

    const panicking = await factory.user('mediator');
    const panicked = await deviceTokenOf(t, panicking);
    const session = (await signIn(t, panicking.username, PASSWORD, panicked)).body.accessToken!;
    expect((await t.http.post('/api/v1/auth/panic').set(bearer(session)).send()).status).toBe(204);
    await failUntilLocked(t, panicking.username);
    expect((await signIn(t, panicking.username, PASSWORD, panicked)).status).toBe(429);

    const leaving = await factory.user('mediator');
    const left = await deviceTokenOf(t, leaving);
    for (const disabled of [true, false]) {
      const current = await t.http.get(`/api/v1/users/${leaving.id}`).set(bearer(adminToken));
      const res = await t.http
        .patch(`/api/v1/users/${leaving.id}`)
        .set(bearer(adminToken))
        .set('if-match', current.headers.etag)
        .send({ disabled });
      expect(res.status).toBe(200);
    }
    const back = await signIn(t, leaving.username, PASSWORD, left);
    expect(back.status).toBe(200);
    expect(back.body.deviceToken).not.toBe(left);

    const old = await factory.user('mediator');
    const expired = await deviceTokenOf(t, old);
    await t.db.query(
      `UPDATE trusted_device SET expires_at = now() - interval '1 second' WHERE user_id = $1`,
      [old.id],
    );
    const later = await signIn(t, old.username, PASSWORD, expired);
    expect(later.status).toBe(200);
    expect(later.body.deviceToken).not.toBe(expired);
  });

  it('leave no name tried and no address in clear in the counters', async () => {
    const ghost = `ghost-${randomUUID().slice(0, 8)}`;
    expect((await signIn(t, ghost, 'Some-wrong-password')).status).toBe(401);
    const { rows } = await t.db.query<{ key: string }>('SELECT key FROM login_throttle');
    const keys = rows.map((r) => r.key);
    expect(keys).toContain(`user:${hasher.digest('username', ghost)}`);
    expect(keys).toContain(`ip:${hasher.digest('client-address', '127.0.0.1')}`);
    for (const key of keys) {
      expect(key).toMatch(
        /^((user|ip):[A-Za-z0-9_-]{43}|(device|password|totp):[0-9a-f]{8}-[0-9a-f-]{27})$/,
      );
      expect(key).not.toContain(ghost);
      expect(key).not.toContain('127.0.0.1');
    }
  });
});
