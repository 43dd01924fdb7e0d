import { DataSource } from 'typeorm';
import { MissionOrderCredentialIds1796655136111 } from '../../migrations/1796655136111-MissionOrderCredentialIds';
import { verifyOffline } from '../../scripts/verify-offline';
import { dataSourceOptions } from '../../src/database/data-source';
import { CREDENTIAL_PURPOSE } from '../../src/modules/mission-orders/credential';
import { MissionOrderSigningService } from '../../src/modules/mission-orders/mission-order-signing.service';
import { bearer, Factory } from '../support/factories';
import {
  giveLegalIdentity,
  MissionOrderWorld,
  missionOrderWorld,
  orderBody,
} from '../support/mission-orders';
import { startTestApp, TestApp } from '../support/test-app';

const BASE = '/api/v1/mission-orders';
const VERIFY = '/api/v1/verify/mission-orders';
const YEAR = new Date().getUTCFullYear();
const CREDENTIAL_ID = /^[A-Za-z0-9_-]{22}$/;

const claimsOf = (token: string): { jti?: string } =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as { jti?: string };

/**
 * The migration to credential ids and per-association numbers (issue 17,
 * point 5) on orders the former code wrote: taken down to the former
 * schema, filled as the global sequence numbered orders, then up again.
 */
describe('migrating mission orders to credential ids', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('gives their holders credential ids, still checks their old credentials, and numbers on per association', async () => {
    const f = new Factory(t.db);
    const a = await missionOrderWorld(t, f);
    const b = await missionOrderWorld(t, f);
    const gone = await f.user('mediator', { associationId: b.associationId });
    await giveLegalIdentity(t, gone.id, 'Bintou Koné', 'ML-CNI-0099');

    const migration = new MissionOrderCredentialIds1796655136111();
    const source = new DataSource(dataSourceOptions(t.databaseUrl));
    await source.initialize();
    const runner = source.createQueryRunner();
    try {
      await migration.down(runner);
      // As the former code wrote them: one sequence for everyone.
      const legacyOrder = async (
        world: MissionOrderWorld,
        holder: string,
        status: 'approved' | 'revoked',
      ): Promise<string> => {
        const { rows } = await t.db.query<{ id: string; order_number: string }>(
          `INSERT INTO mission_order (id, order_number, association_id, authority_id, purpose,
                                      valid_from, valid_until, status, requested_by, decided_by,
                                      decided_at, revoked_at, version)
           VALUES (gen_random_uuid(),
                   'OM-' || to_char(now() AT TIME ZONE 'UTC', 'YYYY') || '-' ||
                     lpad(nextval('mission_order_number_seq')::text, 6, '0'),
                   $1, $2, 'mission', now() - interval '1 day', now() + interval '20 days',
                   $3, $4, $5, now(), CASE WHEN $3 = 'revoked' THEN now() END, 2)
           RETURNING id, order_number`,
          [world.associationId, world.authorityId, status, world.coordinator.id, world.official.id],
        );
        await t.db.query(
          'INSERT INTO mission_order_holder (mission_order_id, user_id) VALUES ($1, $2)',
          [rows[0].id, holder],
        );
        await t.db.query(
          'INSERT INTO mission_order_area (mission_order_id, area_id) VALUES ($1, $2)',
          [rows[0].id, world.communeId],
        );
        return rows[0].id;
      };
      const ids = {
        standing: await legacyOrder(a, a.mediator.id, 'approved'),
        ofDisabled: await legacyOrder(b, gone.id, 'approved'),
        revoked: await legacyOrder(a, a.mediator.id, 'revoked'),
      };
      await t.db.query('UPDATE app_user SET disabled = true WHERE id = $1', [gone.id]);
      await migration.up(runner);

      const { rows: holders } = await t.db.query<{
        mission_order_id: string;
        credential_id: string;
        credential_revoked_at: Date | null;
      }>('SELECT mission_order_id, credential_id, credential_revoked_at FROM mission_order_holder');
      expect(holders).toHaveLength(3);
      for (const h of holders) expect(h.credential_id).toMatch(CREDENTIAL_ID);
      expect(new Set(holders.map((h) => h.credential_id)).size).toBe(3);
      const ended = holders.filter((h) => h.credential_revoked_at !== null);
      expect(ended.map((h) => h.mission_order_id)).toEqual([ids.ofDisabled]);

      // Credentials printed before the migration: no jti, found by their number.
      const signing = t.app.get(MissionOrderSigningService);
      const printed = async (id: string, legalName: string, idNumber: string) => {
        const { rows } = await t.db.query<{ order_number: string }>(
          'SELECT order_number FROM mission_order WHERE id = $1',
          [id],
        );
        return signing.sign({
          orderNumber: rows[0].order_number,
          holder: { legalName, idDocumentNumber: idNumber },
          authority: { name: 'Préfecture' },
          areas: [{ name: 'Dinangourou' }],
          purpose: CREDENTIAL_PURPOSE,
          validFrom: new Date(Date.now() - 86_400_000).toISOString(),
          validUntil: new Date(Date.now() + 20 * 86_400_000).toISOString(),
          issuedAt: new Date().toISOString(),
        });
      };
      const check = async (token: string) =>
        (await t.http.get(`${VERIFY}/${token}`).expect(200)).body as { status: string };
      const standing = await printed(ids.standing, 'Aïssata Diallo', 'ML-CNI-0042-7781');
      expect(await check(standing)).toMatchObject({ valid: true, status: 'approved' });
      expect(
        await check(await printed(ids.revoked, 'Aïssata Diallo', 'ML-CNI-0042-7781')),
      ).toMatchObject({ valid: false, status: 'revoked' });
      expect(
        await check(await printed(ids.ofDisabled, 'Bintou Koné', 'ML-CNI-0099')),
      ).toMatchObject({ valid: false, status: 'revoked' });
      // Offline, an old credential's revocation is unknown: not valid against a list.
      const jwks = (await t.http.get('/.well-known/mission-order-keys.json')).body;
      const list = (await t.http.get(`${BASE}/revocations`).expect(200)).body.revoked;
      expect(list).toHaveLength(2);
      expect(await verifyOffline(standing, jwks, new Date(), list)).toMatchObject({
        valid: false,
        status: 'revocation_unknown',
      });

      // Signed again now, the old order's credential carries its holder's id.
      const fresh = await t.http
        .get(`${BASE}/${ids.standing}/credentials`)
        .set(bearer(a.tokens.coordinator))
        .expect(200);
      const jti = claimsOf(fresh.body[0].token as string).jti;
      expect(holders.find((h) => h.mission_order_id === ids.standing)?.credential_id).toBe(jti);

      // Each association goes on after its own numbers: A had 1 and 3, B had 2.
      const next = async (world: MissionOrderWorld) =>
        (
          await t.http
            .post(BASE)
            .set(bearer(world.tokens.coordinator))
            .send(orderBody(world))
            .expect(201)
        ).body.orderNumber as string;
      expect(await next(a)).toBe(`OM-${YEAR}-000004`);
      expect(await next(b)).toBe(`OM-${YEAR}-000003`);
    } finally {
      await runner.release();
      await source.destroy();
    }
  });
});
