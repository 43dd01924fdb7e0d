import { onServer } from '../support/database-url';
import { startTestApp, TestApp } from '../support/test-app';

describe('GET /health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers ok when the database is reachable', async () => {
    const res = await t.http.get('/health').expect(200);
    expect(res.body).toEqual({ status: 'ok', db: 'ok' });
  });

  it('answers 503 while the database is unreachable, and ok again once it is back', async () => {
    // An outage, as the API sees it: its connections are cut and new ones refused.
    const name = new URL(t.databaseUrl).pathname.slice(1);
    await onServer(async (admin) => {
      await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS false`);
      await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1',
        [name],
      );
    });
    try {
      const res = await t.http.get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toEqual({ status: 'degraded', db: 'down' });
    } finally {
      await onServer((admin) => admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS true`));
    }
    await t.http.get('/health').expect(200);
  });
});
