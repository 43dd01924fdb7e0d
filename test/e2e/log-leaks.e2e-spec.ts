import { readFileSync } from 'node:fs';
import { bearer, Factory, login } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** Values that must never reach a log line or an error body. */
const SECRET_PASSWORD = 'Ségou-secret-Password-77';
const WRONG_PASSWORD = 'Wrong-Guess-Tenenkou-31';
const LEGAL_NAME = 'Boubacar Hamidou Barry';
const ID_NUMBER = 'ML-NINA-9911223344';
const NEW_PASSWORD = 'Youwarou-lake-Password-09';

describe('no sensitive value in logs or error bodies (S11)', () => {
  let t: TestApp;
  const errorBodies: string[] = [];
  const tokens: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'debug' });
    const factory = new Factory(t.db);
    const admin = await login(t.http, (await factory.user('admin')).username);
    tokens.push(admin.accessToken, admin.refreshToken);
    const associationId = (await factory.association()).id;
    const record = (res: { status: number; text: string }) => {
      if (res.status >= 400) errorBodies.push(res.text);
    };

    // Sensitive values through every channel: bodies, headers, query strings, failures.
    const create = await t.http.post('/api/v1/users').set(bearer(admin.accessToken)).send({
      username: 'leak-probe',
      displayName: 'Leak probe',
      role: 'mediator',
      associationId,
      password: SECRET_PASSWORD,
      legalName: LEGAL_NAME,
      idDocumentNumber: ID_NUMBER,
      mustChangePassword: false,
    });
    expect(create.status).toBe(201);
    record(
      await t.http.post('/api/v1/users').set(bearer(admin.accessToken)).send({
        username: 'leak-probe',
        displayName: 'Again',
        role: 'mediator',
        associationId,
        password: SECRET_PASSWORD,
        legalName: LEGAL_NAME,
        idDocumentNumber: ID_NUMBER,
      }),
    );
    record(
      await t.http
        .post('/api/v1/users')
        .set(bearer(admin.accessToken))
        .send({ legalName: LEGAL_NAME, password: SECRET_PASSWORD, bogus: ID_NUMBER }),
    );
    record(
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: 'leak-probe', password: WRONG_PASSWORD }),
    );
    record(
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: LEGAL_NAME, password: SECRET_PASSWORD }),
    );
    record(
      await t.http
        .post('/api/v1/auth/login')
        .send(`{"username":"leak-probe","password":"${SECRET_PASSWORD}"`)
        .set('content-type', 'application/json'),
    );
    const probe = await login(t.http, 'leak-probe', SECRET_PASSWORD);
    tokens.push(probe.accessToken, probe.refreshToken);
    record(
      await t.http
        .get(`/api/v1/areas?level=${encodeURIComponent(LEGAL_NAME)}`)
        .set(bearer(probe.accessToken)),
    );
    record(
      await t.http
        .get(`/api/v1/areas?cursor=${encodeURIComponent(ID_NUMBER)}`)
        .set(bearer(probe.accessToken)),
    );
    record(
      await t.http
        .post('/api/v1/auth/password')
        .set(bearer(probe.accessToken))
        .send({ currentPassword: WRONG_PASSWORD, newPassword: NEW_PASSWORD }),
    );
    const changed = await t.http
      .post('/api/v1/auth/password')
      .set(bearer(probe.accessToken))
      .send({ currentPassword: SECRET_PASSWORD, newPassword: NEW_PASSWORD });
    expect(changed.status).toBe(204);
    record(
      await t.http.post('/api/v1/auth/refresh').send({ refreshToken: `${probe.refreshToken}x` }),
    );
    record(await t.http.get('/api/v1/auth/me').set(bearer(`${probe.accessToken}x`)));
    record(await t.http.get(`/api/v1/users/${LEGAL_NAME}`).set(bearer(admin.accessToken)));
  });
  afterAll(async () => {
    await t.close();
  });

  it('finds none of the seeded values in the log file or the error bodies', () => {
    const log = readFileSync(t.logFile, 'utf8');
    expect(log.split('\n').length).toBeGreaterThan(20); // the requests were logged
    const secrets = [
      SECRET_PASSWORD,
      WRONG_PASSWORD,
      NEW_PASSWORD,
      LEGAL_NAME,
      ID_NUMBER,
      'Boubacar',
      ...tokens,
    ];
    const inLog = secrets.filter((s) => log.includes(s) || log.includes(encodeURIComponent(s)));
    const inBodies = secrets.filter((s) => errorBodies.some((b) => b.includes(s)));
    console.log(
      `S11 leaks: ${secrets.length} seeded values, ${log.length} bytes of logs, ${errorBodies.length} error bodies: ` +
        `${inLog.length} found in logs, ${inBodies.length} in error bodies`,
    );
    expect(errorBodies.length).toBeGreaterThanOrEqual(8);
    expect(inLog).toEqual([]);
    expect(inBodies).toEqual([]);
  });
});
