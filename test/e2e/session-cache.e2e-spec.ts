import { Client } from 'pg';
import { PRINCIPAL_SQL } from '../../src/modules/sessions/sessions.sql';
import { PrincipalCache } from '../../src/modules/sessions/principal-cache';
import { bearer, Factory, login } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Session checks answered from a short cache on each instance: sign-out,
 * panic and disabling done through one instance reach the other instance's
 * cache within a second (LISTEN/NOTIFY), without any request to that instance.
 * (In one process Passport keeps one 'jwt' strategy, the last app's: both
 * instances' requests are checked through instance two's cache, which only
 * the database's notifications can empty.)
 */
describe('session cache across instances', () => {
  let one: TestApp;
  let two: TestApp;
  let factory: Factory;
  let adminToken: string;

  /** Status of GET /auth/me with `token` on `app`. */
  const me = async (app: TestApp, token: string): Promise<number> =>
    (await app.http.get('/api/v1/auth/me').set(bearer(token))).status;

  /** Milliseconds until `app` refuses `token` (polling every 20 ms, up to 3 s). */
  async function refusedWithin(app: TestApp, token: string, since: number): Promise<number> {
    while (Date.now() - since < 3000) {
      if ((await me(app, token)) === 401) return Date.now() - since;
      await new Promise((r) => setTimeout(r, 20));
    }
    return Infinity;
  }

  /** A signed-in mediator whose session instance two has cached. */
  async function cachedOnTwo() {
    const user = await factory.user('mediator');
    const tokens = await login(one.http, user.username);
    expect(await me(two, tokens.accessToken)).toBe(200);
    const cache = two.app.get(PrincipalCache);
    expect(cache.get(sessionOf(tokens.accessToken), user.id)).toBeDefined();
    return { user, tokens };
  }

  const sessionOf = (accessToken: string): string =>
    (JSON.parse(Buffer.from(accessToken.split('.')[1], 'base64url').toString()) as { sid: string })
      .sid;

  beforeAll(async () => {
    const env = { TOGUNA_SESSION_CACHE_MS: '1000' };
    one = await startTestApp(env);
    // Like a real deployment, the instances share the database and the keys.
    two = await startTestApp(
      { ...env, TOGUNA_KEYS_DIR: one.config.keysDir },
      { databaseUrl: one.databaseUrl },
    );
    factory = new Factory(one.db);
    adminToken = (await login(one.http, (await factory.user('admin')).username)).accessToken;
  });

  afterAll(async () => {
    await two?.close();
    await one?.close();
  });

  it('a cached session is answered from memory; a change nobody notified still applies within a second', async () => {
    const { user, tokens } = await cachedOnTwo();
    expect(two.app.get(PrincipalCache).enabled).toBe(true);
    // Revoked past the triggers (no notification): only the entry's age ends it.
    const db = new Client({ connectionString: one.databaseUrl });
    await db.connect();
    try {
      await db.query('SET session_replication_role = replica');
      const revoked = await db.query('UPDATE session SET revoked_at = now() WHERE id = $1', [
        sessionOf(tokens.accessToken),
      ]);
      expect(revoked.rowCount).toBe(1);
    } finally {
      await db.end();
    }
    const since = Date.now();
    expect(await me(two, tokens.accessToken)).toBe(200); // still cached
    expect(
      (await one.db.query(PRINCIPAL_SQL, [sessionOf(tokens.accessToken), user.id])).rows,
    ).toEqual([]); // the database already refuses it
    expect(await refusedWithin(two, tokens.accessToken, since)).toBeLessThanOrEqual(1050);
  });

  it('sign-out on one instance: the other refuses the session within a second', async () => {
    const { tokens } = await cachedOnTwo();
    await one.http.post('/api/v1/auth/logout').set(bearer(tokens.accessToken)).expect(204);
    expect(await refusedWithin(two, tokens.accessToken, Date.now())).toBeLessThan(1000);
  });

  it('panic on one instance: every session of the caller is refused on the other within a second', async () => {
    const { user, tokens } = await cachedOnTwo();
    const second = await login(one.http, user.username);
    expect(await me(two, second.accessToken)).toBe(200);
    await one.http.post('/api/v1/auth/panic').set(bearer(tokens.accessToken)).expect(204);
    const since = Date.now();
    expect(await refusedWithin(two, tokens.accessToken, since)).toBeLessThan(1000);
    expect(await refusedWithin(two, second.accessToken, since)).toBeLessThan(1000);
  });

  it('an account disabled on one instance is refused on the other within a second', async () => {
    const { user, tokens } = await cachedOnTwo();
    const get = await one.http.get(`/api/v1/users/${user.id}`).set(bearer(adminToken)).expect(200);
    await one.http
      .patch(`/api/v1/users/${user.id}`)
      .set(bearer(adminToken))
      .set('if-match', get.headers.etag)
      .send({ disabled: true })
      .expect(200);
    expect(await refusedWithin(two, tokens.accessToken, Date.now())).toBeLessThan(1000);
  });

  it('a change made in the database by any means (here plain SQL) reaches the cache too', async () => {
    const { user, tokens } = await cachedOnTwo();
    await one.db.query('UPDATE app_user SET disabled = true WHERE id = $1', [user.id]);
    expect(await refusedWithin(two, tokens.accessToken, Date.now())).toBeLessThan(1000);
  });

  it('without its LISTEN connection an instance caches nothing, then listens again', async () => {
    const cache = two.app.get(PrincipalCache);
    const { user, tokens } = await cachedOnTwo();
    await one.db.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'toguna-principal-cache'",
    );
    const start = Date.now();
    while (cache.enabled && Date.now() - start < 2000) await new Promise((r) => setTimeout(r, 10));
    expect(cache.get(sessionOf(tokens.accessToken), user.id)).toBeUndefined();
    // Both instances' listeners come back within about a second.
    while (!cache.enabled && Date.now() - start < 5000) await new Promise((r) => setTimeout(r, 50));
    expect(cache.enabled).toBe(true);
    const again = await cachedOnTwo();
    await one.http.post('/api/v1/auth/logout').set(bearer(again.tokens.accessToken)).expect(204);
    expect(await refusedWithin(two, again.tokens.accessToken, Date.now())).toBeLessThan(1000);
  });
});
