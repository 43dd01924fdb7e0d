import { mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeedManifest } from '../../scripts/bench/bench-env';
import { seedBench } from '../../scripts/bench/seed/seed-bench';
import { databaseUrlFor, onServer } from '../support/database-url';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The benchmark's seed (scripts/bench/seed): at a tiny scale on a clone of
 * the migrated template, the API reads its data as if it had written it.
 */
describe('bench:seed data through the API', () => {
  const database = `toguna_benchseed_${randomBytes(5).toString('hex')}`;
  const keysDir = mkdtempSync(join(tmpdir(), 'toguna-bench-keys-'));
  let t: TestApp;
  let manifest: SeedManifest;

  beforeAll(async () => {
    await onServer((db) =>
      db.query(`CREATE DATABASE ${database} TEMPLATE ${process.env.TOGUNA_TEST_TEMPLATE}`),
    );
    const url = databaseUrlFor(process.env.TOGUNA_TEST_SERVER_URL!, database);
    manifest = await seedBench({ url, scale: 0.005, keysDir });
    t = await startTestApp({ TOGUNA_KEYS_DIR: keysDir }, { databaseUrl: url });
  });

  afterAll(async () => {
    await t?.close();
    await onServer((db) => db.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    rmSync(keysDir, { recursive: true, force: true });
  });

  async function login(username: string): Promise<string> {
    const res = await t.http
      .post('/api/v1/auth/login')
      .send({ username, password: manifest.password });
    expect(res.status).toBe(200);
    return (res.body as { accessToken: string }).accessToken;
  }

  it('fills the manifest', () => {
    expect(manifest.counts.follow_up_assessment).toBeGreaterThan(0);
    expect(manifest.mediators.length).toBeGreaterThan(0);
    expect(manifest.followUpTargets.length).toBeGreaterThan(0);
    for (const target of manifest.followUpTargets) expect(target.termIds).toHaveLength(5);
  });

  it('lets a mediator sign in, list exactly their cases and read one decrypted', async () => {
    const mediator = manifest.mediators.find((m) => m.caseIds.length > 0)!;
    const token = await login(mediator.username);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.http
        .get('/api/v1/cases')
        .query(cursor ? { cursor, limit: 100 } : { limit: 100 })
        .set('authorization', `Bearer ${token}`);
      expect(res.status).toBe(200);
      const body = res.body as { items: { id: string }[]; nextCursor: string | null };
      seen.push(...body.items.map((c) => c.id));
      cursor = body.nextCursor;
    } while (cursor);
    expect([...seen].sort()).toEqual([...mediator.caseIds].sort());

    const { rows } = await t.db.query<{ id: string }>(
      `SELECT id FROM dialogue_case WHERE id = ANY($1) AND location_detail IS NOT NULL LIMIT 1`,
      [mediator.caseIds],
    );
    const caseId = rows[0]?.id ?? mediator.caseIds[0];
    const detail = await t.http
      .get(`/api/v1/cases/${caseId}`)
      .set('authorization', `Bearer ${token}`);
    expect(detail.status).toBe(200);
    if (rows[0]) expect((detail.body as { locationDetail: string }).locationDetail).toMatch(/well/);
  });

  it('records a follow-up on a target accord', async () => {
    const target = manifest.followUpTargets[0];
    const token = await login(target.mediatorUsername);
    const accord = await t.http
      .get(`/api/v1/accords/${target.accordId}`)
      .set('authorization', `Bearer ${token}`);
    expect(accord.status).toBe(200);
    const res = await t.http
      .post(`/api/v1/accords/${target.accordId}/follow-ups`)
      .set('authorization', `Bearer ${token}`)
      .send({
        checkedAt: new Date().toISOString(),
        method: 'visit',
        overall: 'stable',
        assessments: target.termIds.map((termId) => ({ termId, status: 'full' })),
      });
    expect(res.status).toBe(201);
  });

  it("lists the large association's accords on its coordinator's dashboard", async () => {
    const token = await login(manifest.largeAssociation.coordinatorUsername);
    const res = await t.http
      .get('/api/v1/dashboard/accords')
      .query({ limit: 100 })
      .set('authorization', `Bearer ${token}`);
    expect(res.status).toBe(200);
    const body = res.body as { items: unknown[] };
    expect(body.items.length).toBe(Math.min(100, manifest.largeAssociation.accordCount));
    const stats = await t.http
      .get('/api/v1/stats/accords')
      .query({ groupBy: 'cercle' })
      .set('authorization', `Bearer ${token}`);
    expect(stats.status).toBe(200);
  });
});
