import type { FastifyInstance } from 'fastify';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { bearer, Factory, login, PASSWORD, TestUser } from '../support/factories';
import { markSteppedUp, missionOrderWorld, orderBody } from '../support/mission-orders';
import { startTestApp, TestApp } from '../support/test-app';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | number | undefined>;
  /** The bytes as they went on the wire. */
  raw: Buffer;
  /** The body once decoded from its content-encoding. */
  text: string;
}

/**
 * API answers over 1 KB are compressed when the client accepts it, and come
 * back identical once decoded; answers that hold a secret beside text another
 * person may choose (sign-in, refresh, TOTP set-up) never are (BREACH).
 */
describe('compressed API answers', () => {
  let t: TestApp;
  let fastify: FastifyInstance;
  let factory: Factory;
  let mediator: TestUser;
  let token: string;
  let communeId: string;

  beforeAll(async () => {
    t = await startTestApp();
    fastify = t.app.getHttpAdapter().getInstance();
    factory = new Factory(t.db);
    mediator = await factory.user('mediator');
    token = (await login(t.http, mediator.username)).accessToken;
    communeId = await factory.areaId('Dinangourou', 'commune');
  });
  afterAll(async () => {
    await t?.close();
  });

  /** One request through the whole stack, with the body as sent (no client decoding it). */
  async function send(
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    headers: Record<string, string>,
    body?: unknown,
  ): Promise<Raw> {
    const res = await fastify.inject({
      method,
      url,
      headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    const raw = res.rawPayload;
    const encoding = res.headers['content-encoding'];
    const decoded =
      encoding === 'br' ? brotliDecompressSync(raw) : encoding === 'gzip' ? gunzipSync(raw) : raw;
    return { status: res.statusCode, headers: res.headers, raw, text: decoded.toString('utf8') };
  }

  const signedIn = (extra: Record<string, string> = {}) => ({
    authorization: `Bearer ${token}`,
    ...extra,
  });

  it('compresses a list over 1 KB with brotli or gzip, as asked, and leaves it whole', async () => {
    const url = '/api/v1/areas?limit=100';
    const plain = await send('GET', url, signedIn());
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.raw.length).toBeGreaterThan(1024);

    const br = await send('GET', url, signedIn({ 'accept-encoding': 'br, gzip' }));
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);
    expect(br.headers['cache-control']).toBe('no-store');
    expect(br.headers['content-type']).toMatch(/^application\/json/);
    expect(br.raw.length).toBeLessThan(plain.raw.length / 2);
    expect(JSON.parse(br.text)).toEqual(JSON.parse(plain.text));

    const gzip = await send('GET', url, signedIn({ 'accept-encoding': 'gzip' }));
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gzip.text)).toEqual(JSON.parse(plain.text));

    const identity = await send('GET', url, signedIn({ 'accept-encoding': 'identity' }));
    expect(identity.headers['content-encoding']).toBeUndefined();
  });

  it('leaves answers under 1 KB as they are', async () => {
    const me = await send('GET', '/api/v1/auth/me', signedIn({ 'accept-encoding': 'br, gzip' }));
    expect(me.status).toBe(200);
    expect(me.raw.length).toBeLessThan(1024);
    expect(me.headers['content-encoding']).toBeUndefined();
  });

  it('never compresses sign-in, refresh or TOTP set-up, even over 1 KB', async () => {
    // A long name, echoed in all three answers beside the secret, puts them over 1 KB.
    const long = await factory.user('coordinator');
    await t.db.query('UPDATE app_user SET display_name = $2 WHERE id = $1', [
      long.id,
      `Amadou ${'x'.repeat(1100)}`,
    ]);
    const asked = { 'accept-encoding': 'br, gzip' };
    const signIn = await send('POST', '/api/v1/auth/login', asked, {
      username: long.username,
      password: 'Correct-horse-battery-9',
    });
    expect(signIn.status).toBe(200);
    expect(signIn.raw.length).toBeGreaterThan(1024);
    expect(signIn.headers['content-encoding']).toBeUndefined();
    const tokens = JSON.parse(signIn.text) as { accessToken: string; refreshToken: string };

    const refreshed = await send('POST', '/api/v1/auth/refresh', asked, {
      refreshToken: tokens.refreshToken,
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.raw.length).toBeGreaterThan(1024);
    expect(refreshed.headers['content-encoding']).toBeUndefined();
    const { accessToken } = JSON.parse(refreshed.text) as { accessToken: string };

    // The TOTP URL names the account: a long user name (set in the database, past
    // the API's own limit) makes that answer long too.
    await t.db.query('UPDATE app_user SET username = $2 WHERE id = $1', [
      long.id,
      `amadou-${'x'.repeat(1100)}`,
    ]);

    const setup = await send(
      'POST',
      '/api/v1/auth/totp/setup',
      { ...asked, authorization: `Bearer ${accessToken}` },
      { password: PASSWORD },
    );
    expect(setup.status).toBe(200);
    expect(setup.raw.length).toBeGreaterThan(1024);
    expect(setup.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(setup.text)).toMatchObject({ secret: expect.any(String) });

    // A refusal on those routes is not compressed either.
    const junk = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`unknown${i}`, i]));
    const refused = await send('POST', '/api/v1/auth/login', asked, {
      username: 'amadou',
      password: 'x',
      ...junk,
    });
    expect(refused.status).toBe(400);
    expect(refused.raw.length).toBeGreaterThan(1024);
    expect(refused.headers['content-encoding']).toBeUndefined();
  });

  it('compresses a problem document over 1 KB, still application/problem+json', async () => {
    const junk = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`unknown${i}`, i]));
    const res = await send('POST', '/api/v1/cases', signedIn({ 'accept-encoding': 'br' }), {
      codeName: 'Baobab',
      areaId: communeId,
      type: 'other',
      ...junk,
    });
    expect(res.status).toBe(400);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(res.text) as { code: string; errors: unknown[] };
    expect(problem.code).toBe('validation_failed');
    expect(problem.errors.length).toBeGreaterThanOrEqual(40);
  });

  it('replays an idempotent POST and serves ETag / If-Match as before', async () => {
    const body = {
      codeName: 'Karité',
      areaId: communeId,
      type: 'other',
      summary: 's'.repeat(1500),
    };
    const headers = signedIn({ 'accept-encoding': 'br', 'idempotency-key': 'compress-key-1' });
    const first = await send('POST', '/api/v1/cases', headers, body);
    expect(first.status).toBe(201);
    expect(first.headers['content-encoding']).toBe('br');
    const again = await send('POST', '/api/v1/cases', headers, body);
    expect(again.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.headers['content-encoding']).toBe('br');
    expect(JSON.parse(again.text)).toEqual(JSON.parse(first.text));
    const { id } = JSON.parse(first.text) as { id: string };
    const { rows } = await t.db.query('SELECT 1 FROM dialogue_case WHERE code_name = $1', [
      'Karité',
    ]);
    expect(rows).toHaveLength(1);

    const read = await send('GET', `/api/v1/cases/${id}`, signedIn({ 'accept-encoding': 'br' }));
    expect(read.headers['content-encoding']).toBe('br');
    expect(read.headers.etag).toBe('W/"1"');
    const patched = await send(
      'PATCH',
      `/api/v1/cases/${id}`,
      signedIn({ 'accept-encoding': 'br', 'if-match': 'W/"1"' }),
      { summary: 't'.repeat(1500) },
    );
    expect(patched.status).toBe(200);
    expect(patched.headers.etag).toBe('W/"2"');
    const stale = await send(
      'PATCH',
      `/api/v1/cases/${id}`,
      signedIn({ 'accept-encoding': 'br', 'if-match': 'W/"1"' }),
      { summary: 'u' },
    );
    expect(stale.status).toBe(409);
    expect((JSON.parse(stale.text) as { code: string }).code).toBe('stale_version');
  });

  it('sends a mission-order PDF as it is, never compressed', async () => {
    const w = await missionOrderWorld(t, factory);
    await markSteppedUp(t, w.official.id);
    const created = await t.http
      .post('/api/v1/mission-orders')
      .set(bearer(w.tokens.coordinator))
      .send(orderBody(w))
      .expect(201);
    const id = created.body.id as string;
    await t.http
      .post(`/api/v1/mission-orders/${id}/approve`)
      .set(bearer(w.tokens.official))
      .expect(200);
    const pdf = await send(
      'GET',
      `/api/v1/mission-orders/${id}/document?holderUserId=${w.mediator.id}`,
      { authorization: `Bearer ${w.tokens.mediator}`, 'accept-encoding': 'br, gzip' },
    );
    expect(pdf.status).toBe(200);
    expect(pdf.headers['content-type']).toMatch(/^application\/pdf/);
    expect(pdf.headers['content-encoding']).toBeUndefined();
    expect(pdf.raw.length).toBeGreaterThan(1024);
    expect(pdf.raw.subarray(0, 5).toString()).toBe('%PDF-');
  });
});
