import { ALL_ENTITIES } from '../../src/app.entities';
import { DataSource } from 'typeorm';
import { seedDemo } from '../../src/cli/seed-demo';
import { dataSourceOptions } from '../../src/database/data-source';
import { bearer } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** `npm run seed:demo` on a fresh (migrated) database: idempotent, and its logins work. */
describe('seed:demo', () => {
  let t: TestApp;
  let dataSource: DataSource;

  beforeAll(async () => {
    t = await startTestApp();
    dataSource = new DataSource(dataSourceOptions(t.databaseUrl, ALL_ENTITIES));
    await dataSource.initialize();
  });
  afterAll(async () => {
    await dataSource.destroy();
    await t.close();
  });

  const counts = async (): Promise<Record<string, number>> => {
    const out: Record<string, number> = {};
    for (const table of [
      'association',
      'authority',
      'authority_jurisdiction',
      'app_user',
      'dialogue_case',
      'case_team_member',
      'case_party',
      'case_participant',
    ]) {
      const { rows } = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      out[table] = rows[0].n;
    }
    return out;
  };

  it('seeds two associations, an authority, users of every role and cases; twice changes nothing', async () => {
    const logins = await seedDemo(dataSource);
    expect(new Set(logins.map((l) => l.role))).toEqual(
      new Set(['coordinator', 'mediator', 'official']),
    );
    expect(logins).toHaveLength(7);
    const after = await counts();
    expect(after.dialogue_case).toBe(3);
    expect(after.case_participant).toBeGreaterThanOrEqual(3);
    await seedDemo(dataSource);
    expect(await counts()).toEqual(after);

    const { rows } = await t.db.query(
      'SELECT count(*)::int AS n FROM case_participant WHERE real_name IS NOT NULL OR contact IS NOT NULL',
    );
    expect(rows[0].n).toBe(0);
  });

  it('its printed logins work, and a demo mediator sees the case and the registry', async () => {
    const logins = await seedDemo(dataSource);
    const mediator = logins.find((l) => l.username === 'demo.med.b1')!;
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ username: mediator.username, password: mediator.password })
      .expect(200);
    expect(res.body.user).toMatchObject({ role: 'mediator', mustChangePassword: false });
    const token = bearer(res.body.accessToken as string);
    const { rows } = await t.db.query<{ id: string }>(
      `SELECT id FROM area WHERE name = 'Mondoro' AND level = 'commune'`,
    );
    const registry = await t.http
      .get(`/api/v1/registry?areaId=${rows[0].id}`)
      .set(token)
      .expect(200);
    expect(registry.body.items).toHaveLength(1);
    expect(registry.body.items[0]).toMatchObject({
      type: 'humanitarian_access',
      status: 'exploratory',
    });
    await t.http
      .get('/api/v1/cases/d3e0a004-0000-4000-8000-0000000000b1/participants')
      .set(token)
      .expect(200);
    for (const login of logins) {
      await t.http
        .post('/api/v1/auth/login')
        .send({ username: login.username, password: login.password })
        .expect(200);
    }
  });
});
