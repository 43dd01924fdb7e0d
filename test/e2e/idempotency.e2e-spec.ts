import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { loadOrCreateSecret } from '../../src/common/crypto/secret-files';
import {
  REQUEST_HASH_KEY_FILE,
  requestHash,
} from '../../src/common/http/idempotency/idempotency-key';
import { bearer, Factory, login, PASSWORD, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Idempotency-Key on POST (api.md, Conventions; security.md S13). */
describe('idempotent POST with Idempotency-Key', () => {
  let t: TestApp;
  let factory: Factory;
  let adminA: TestUser;
  let asA: Record<string, string>;
  let asB: Record<string, string>;

  const ASSOCIATIONS = '/api/v1/associations';
  const tag = (): string => randomUUID().slice(0, 8);
  const newKey = (): string => `key-${randomUUID()}`;

  async function countAssociations(name: string): Promise<number> {
    const { rows } = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM association WHERE name = $1',
      [name],
    );
    return rows[0].n;
  }

  async function countRecords(userId: string, key: string): Promise<number> {
    const { rows } = await t.db.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM idempotency_record WHERE user_id = $1 AND key = $2',
      [userId, key],
    );
    return rows[0].n;
  }

  const post = (
    headers: Record<string, string>,
    key: string,
    body: object,
    path = ASSOCIATIONS,
  ): Promise<Response> =>
    t.http
      .post(path)
      .set(headers)
      .set('Idempotency-Key', key)
      .send(body)
      .then((r) => r);

  /** The request hash the API computes for a POST to /associations (same key file). */
  const hashOf = (body: object): Buffer =>
    requestHash(
      loadOrCreateSecret(t.config.keysDir, REQUEST_HASH_KEY_FILE),
      'POST',
      ASSOCIATIONS,
      body,
    );

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
    adminA = await factory.user('admin', { mustChangePassword: false });
    const adminB = await factory.user('admin', { mustChangePassword: false });
    asA = bearer((await login(t.http, adminA.username)).accessToken);
    asB = bearer((await login(t.http, adminB.username)).accessToken);
  });

  afterAll(async () => {
    await t?.close();
  });

  it('S13: 20 concurrent copies create one record and all get the same response', async () => {
    const key = newKey();
    const body = { name: `Médiateurs de Bankass ${tag()}`, registrationNumber: 'REC-2024-031' };
    const responses = await Promise.all(Array.from({ length: 20 }, () => post(asA, key, body)));

    const created = await countAssociations(body.name);
    const identical = responses.filter(
      (r) => r.status === responses[0].status && r.text === responses[0].text,
    ).length;
    console.log(
      `S13 idempotency: ${responses.length} concurrent requests, ${created} record, ` +
        `${identical} identical responses`,
    );
    expect(created).toBe(1);
    expect(responses[0].status).toBe(201);
    expect(identical).toBe(20);
    expect(responses[0].body).toMatchObject({
      name: body.name,
      registrationNumber: 'REC-2024-031',
    });
    // One ran, the others were replayed.
    const replayed = responses.filter((r) => r.headers['idempotent-replayed'] === 'true');
    expect(replayed).toHaveLength(19);
    expect(await countRecords(adminA.id, key)).toBe(1);

    // A later repeat replays too, and creates nothing.
    const later = await post(asA, key, body);
    expect(later.status).toBe(201);
    expect(later.text).toBe(responses[0].text);
    expect(later.headers['idempotent-replayed']).toBe('true');
    expect(await countAssociations(body.name)).toBe(1);

    // Key order in the body does not make it another request.
    const reordered = await post(asA, key, {
      registrationNumber: body.registrationNumber,
      name: body.name,
    });
    expect(reordered.status).toBe(201);
    expect(reordered.text).toBe(responses[0].text);
  });

  it('the same key with another body, or on another route → 422 idempotency_key_reused', async () => {
    const key = newKey();
    const name = `Cadre de concertation ${tag()}`;
    await post(asA, key, { name }).then((r) => expect(r.status).toBe(201));

    const otherName = `${name} bis`;
    const otherBody = await post(asA, key, { name: otherName });
    expect(otherBody.status).toBe(422);
    expect(otherBody.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(otherBody.body).toMatchObject({ code: 'idempotency_key_reused', status: 422 });
    expect(await countAssociations(otherName)).toBe(0);

    const otherRoute = await post(asA, key, { name }, '/api/v1/authorities');
    expect(otherRoute.status).toBe(422);
    expect(otherRoute.body.code).toBe('idempotency_key_reused');

    const english = await t.http
      .post(ASSOCIATIONS)
      .set(asA)
      .set('Idempotency-Key', key)
      .set('Accept-Language', 'en')
      .send({ name: otherName });
    expect(english.body.title).toBe('Idempotency key already used');
  });

  it('a key of user A is independent from the same key used by user B', async () => {
    const key = newKey();
    const nameA = `Association A ${tag()}`;
    const nameB = `Association B ${tag()}`;
    const a = await post(asA, key, { name: nameA });
    const b = await post(asB, key, { name: nameB });
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers['idempotent-replayed']).toBeUndefined();
    expect(b.body.id).not.toBe(a.body.id);
    expect(await countAssociations(nameA)).toBe(1);
    expect(await countAssociations(nameB)).toBe(1);
  });

  it('a 4xx first response (409 duplicate) is replayed as the same 409', async () => {
    const name = `Déjà là ${tag()}`;
    await t.http.post(ASSOCIATIONS).set(asA).send({ name }).expect(201);
    const key = newKey();
    const first = await post(asA, key, { name });
    expect(first.status).toBe(409);
    expect(first.body.code).toBe('duplicate');

    // Were it run again, it would now succeed: the replay shows it is not.
    await t.db.query('UPDATE association SET name = $2 WHERE name = $1', [
      name,
      `${name} (ancien)`,
    ]);
    const again = await post(asA, key, { name });
    expect(again.status).toBe(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.text).toBe(first.text);
    expect(again.body.requestId).toBe(first.body.requestId);
    expect(again.headers['x-request-id']).not.toBe(first.body.requestId);
    expect(await countAssociations(name)).toBe(0);
  });

  it('a malformed key → 400 validation_failed naming Idempotency-Key, and nothing runs', async () => {
    const name = `Clé invalide ${tag()}`;
    for (const key of ['x'.repeat(201), 'with space', 'tab\tkey', 'clé']) {
      const res = await post(asA, key, { name });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('validation_failed');
      expect(res.body.errors).toEqual([{ field: 'Idempotency-Key', message: expect.any(String) }]);
    }
    const empty = await t.http
      .post(ASSOCIATIONS)
      .set(asA)
      .set('Idempotency-Key', '')
      .send({ name });
    expect(empty.status).toBe(400);
    expect(await countAssociations(name)).toBe(0);
    // 200 characters is the limit.
    expect((await post(asA, 'k'.repeat(199) + '!', { name })).status).toBe(201);
  });

  it('is ignored on the public routes (sign-in)', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('Idempotency-Key', 'not a valid key')
      .send({ username: adminA.username, password: PASSWORD });
    expect(res.status).toBe(200);
  });

  it('an expired record counts as absent: the request runs again', async () => {
    const key = newKey();
    const name = `Expirée ${tag()}`;
    const first = await post(asA, key, { name });
    expect(first.status).toBe(201);
    const { rows } = await t.db.query<{ hours: number }>(
      `SELECT round(extract(epoch FROM expires_at - created_at) / 3600)::int AS hours
         FROM idempotency_record WHERE user_id = $1 AND key = $2`,
      [adminA.id, key],
    );
    expect(rows[0].hours).toBe(24);

    await t.db.query(
      `UPDATE idempotency_record SET expires_at = now() - interval '1 minute'
        WHERE user_id = $1 AND key = $2`,
      [adminA.id, key],
    );
    await t.db.query('UPDATE association SET name = $2 WHERE name = $1', [name, `${name} (1)`]);
    const second = await post(asA, key, { name });
    expect(second.status).toBe(201);
    expect(second.headers['idempotent-replayed']).toBeUndefined();
    expect(second.body.id).not.toBe(first.body.id);
    expect(await countAssociations(name)).toBe(1);
    expect(await countRecords(adminA.id, key)).toBe(1);
  });

  it('a repeat waits for the first request still running, then gets its response', async () => {
    const key = newKey();
    const body = { name: `En cours ${tag()}` };
    // A claim as the first request leaves it while it runs.
    await t.db.query(
      `INSERT INTO idempotency_record (user_id, key, request_hash, response_headers, expires_at)
       VALUES ($1, $2, $3, '{}', now() + interval '1 day')`,
      [adminA.id, key, hashOf(body)],
    );
    const pending = post(asA, key, body);
    await new Promise((r) => setTimeout(r, 400));
    await t.db.query(
      `UPDATE idempotency_record
          SET status_code = 202, response_headers = '{"location": "/api/v1/x"}', completed_at = now()
        WHERE user_id = $1 AND key = $2`,
      [adminA.id, key],
    );
    const res = await pending;
    expect(res.status).toBe(202);
    expect(res.headers.location).toBe('/api/v1/x');
    expect(res.text).toBe('');
    expect(await countAssociations(body.name)).toBe(0);
  });

  it('a claim left unfinished by a dead process is taken over after its lease', async () => {
    const key = newKey();
    const body = { name: `Abandonnée ${tag()}` };
    await t.db.query(
      `INSERT INTO idempotency_record (user_id, key, request_hash, response_headers, created_at, expires_at)
       VALUES ($1, $2, $3, '{}', now() - interval '10 minutes', now() + interval '1 day')`,
      [adminA.id, key, hashOf(body)],
    );
    const res = await post(asA, key, body);
    expect(res.status).toBe(201);
    expect(await countAssociations(body.name)).toBe(1);
    expect((await post(asA, key, body)).text).toBe(res.text);
  });

  it('stores the response body encrypted', async () => {
    const key = newKey();
    const name = `Chiffrée ${tag()}`;
    expect((await post(asA, key, { name })).status).toBe(201);
    const { rows } = await t.db.query<{ body: string }>(
      'SELECT response_body::text AS body FROM idempotency_record WHERE user_id = $1 AND key = $2',
      [adminA.id, key],
    );
    expect(rows[0].body).toMatch(/^"enc:v1:/);
    expect(rows[0].body).not.toContain(name);
  });
});
