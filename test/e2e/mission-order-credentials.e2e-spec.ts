import { createHash } from 'node:crypto';
import { verifyOffline } from '../../scripts/verify-offline';
import { bearer, Factory, login, TestUser } from '../support/factories';
import {
  giveLegalIdentity,
  markSteppedUp,
  MissionOrderWorld,
  missionOrderWorld,
  orderBody,
} from '../support/mission-orders';
import { pdfText } from '../support/pdf';
import { startTestApp, TestApp } from '../support/test-app';

const BASE = '/api/v1/mission-orders';
const VERIFY = '/api/v1/verify/mission-orders';
const YEAR = new Date().getUTCFullYear();
const CREDENTIAL_ID = /^[A-Za-z0-9_-]{22}$/;

const claimsOf = (token: string): { jti?: string; orderNumber: string } =>
  JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
    jti?: string;
    orderNumber: string;
  };

/**
 * Mission-order credentials (issue 17): random credential ids in the public
 * revocation list and order numbers per association (point 5), holders'
 * names in any Latin script on the PDF (point 7), and the credentials of a
 * disabled holder ended everywhere (point 10).
 */
describe('mission-order credentials', () => {
  let t: TestApp;
  let factory: Factory;
  let w: MissionOrderWorld;
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
    w = await missionOrderWorld(t, factory);
    admin = bearer((await login(t.http, (await factory.user('admin')).username)).accessToken);
  });
  afterAll(async () => {
    await t?.close();
  });

  async function approvedOrder(
    world: MissionOrderWorld,
    holderUserIds = [world.mediator.id],
  ): Promise<{ id: string; orderNumber: string }> {
    const created = await t.http
      .post(BASE)
      .set(bearer(world.tokens.coordinator))
      .send(orderBody(world, { holderUserIds }))
      .expect(201);
    await markSteppedUp(t, world.official.id);
    await t.http
      .post(`${BASE}/${created.body.id}/approve`)
      .set(bearer(world.tokens.official))
      .expect(200);
    return { id: created.body.id as string, orderNumber: created.body.orderNumber as string };
  }

  async function tokensOf(world: MissionOrderWorld, id: string): Promise<Map<string, string>> {
    const res = await t.http
      .get(`${BASE}/${id}/credentials`)
      .set(bearer(world.tokens.coordinator))
      .expect(200);
    return new Map(
      (res.body as { holderUserId: string; token: string }[]).map((c) => [c.holderUserId, c.token]),
    );
  }

  async function anotherMediator(world: MissionOrderWorld, legalName: string): Promise<TestUser> {
    const user = await factory.user('mediator', { associationId: world.associationId });
    await giveLegalIdentity(t, user.id, legalName, `ML-${user.id.slice(0, 8)}`);
    return user;
  }

  async function setDisabled(user: TestUser, disabled: boolean): Promise<void> {
    const current = await t.http.get(`/api/v1/users/${user.id}`).set(admin).expect(200);
    await t.http
      .patch(`/api/v1/users/${user.id}`)
      .set(admin)
      .set('if-match', current.headers.etag)
      .send({ disabled })
      .expect(200);
  }

  const verify = async (token: string) =>
    (await t.http.get(`${VERIFY}/${token}`).expect(200)).body as { valid: boolean; status: string };

  const revocationList = async (): Promise<string[]> =>
    (await t.http.get(`${BASE}/revocations`).expect(200)).body.revoked as string[];

  describe('point 5: the revocation list and the order numbers give nothing away', () => {
    it('publishes random credential ids, which hashing every possible order number does not find', async () => {
      const second = await anotherMediator(w, 'Oumar Cissé');
      const { id, orderNumber } = await approvedOrder(w, [w.mediator.id, second.id]);
      const tokens = await tokensOf(w, id);
      const jtis = [...tokens.values()].map((token) => claimsOf(token).jti!);
      for (const jti of jtis) expect(jti).toMatch(CREDENTIAL_ID);
      expect(new Set(jtis).size).toBe(2);
      // Signed again, a holder's credential keeps its id.
      expect(claimsOf((await tokensOf(w, id)).get(w.mediator.id)!).jti).toBe(
        claimsOf(tokens.get(w.mediator.id)!).jti,
      );

      await t.http
        .post(`${BASE}/${id}/revoke`)
        .set(bearer(w.tokens.official))
        .send({ reason: 'Mission annulée' })
        .expect(200);
      const list = await revocationList();
      expect(list).toEqual(expect.arrayContaining(jtis));
      // The reported attack: hash every number of the year and look the hashes up.
      const hashes = new Set(list);
      for (let n = 1; n <= 2000; n++) {
        const guess = `OM-${YEAR}-${String(n).padStart(6, '0')}`;
        expect(hashes.has(createHash('sha256').update(guess).digest('hex'))).toBe(false);
      }
      expect(list.join()).not.toContain(orderNumber);
      for (const token of tokens.values()) {
        expect(await verify(token)).toMatchObject({ valid: false, status: 'revoked' });
        const jwks = (await t.http.get('/.well-known/mission-order-keys.json')).body;
        expect(await verifyOffline(token, jwks, new Date(), list)).toMatchObject({
          valid: false,
          status: 'revoked',
        });
      }
    });

    it('numbers orders per association: one association’s numbers say nothing of another’s', async () => {
      const a = await missionOrderWorld(t, factory);
      const b = await missionOrderWorld(t, factory);
      const request = async (world: MissionOrderWorld, count: number) => {
        const created = await Promise.all(
          Array.from({ length: count }, () =>
            t.http.post(BASE).set(bearer(world.tokens.coordinator)).send(orderBody(world)),
          ),
        );
        for (const res of created) expect(res.status).toBe(201);
        return new Map(
          created.map((res) => [res.body.orderNumber as string, res.body.id as string]),
        );
      };
      const numbersUpTo = (count: number): string[] =>
        Array.from({ length: count }, (_, i) => `OM-${YEAR}-${String(i + 1).padStart(6, '0')}`);
      // Sent together: the counter hands out each number once.
      const ofA = await request(a, 5);
      const ofB = await request(b, 2);
      expect([...ofA.keys()].sort()).toEqual(numbersUpTo(5));
      expect([...ofB.keys()].sort()).toEqual(numbersUpTo(2));

      // The same number in both associations: each credential finds its own order.
      const first = `OM-${YEAR}-000001`;
      const approve = async (world: MissionOrderWorld, id: string): Promise<string> => {
        await markSteppedUp(t, world.official.id);
        await t.http.post(`${BASE}/${id}/approve`).set(bearer(world.tokens.official)).expect(200);
        return (await tokensOf(world, id)).get(world.mediator.id)!;
      };
      const tokenA = await approve(a, ofA.get(first)!);
      const tokenB = await approve(b, ofB.get(first)!);
      expect([claimsOf(tokenA).orderNumber, claimsOf(tokenB).orderNumber]).toEqual([first, first]);
      await t.http
        .post(`${BASE}/${ofB.get(first)!}/revoke`)
        .set(bearer(b.tokens.official))
        .send({ reason: 'Annulé' })
        .expect(200);
      expect(await verify(tokenA)).toMatchObject({ valid: true, status: 'approved' });
      expect(await verify(tokenB)).toMatchObject({ valid: false, status: 'revoked' });
    });
  });

  describe('point 7: names in Bambara and Fulfulde letters', () => {
    it('prints the holder’s name as on the ID card: the PDF’s text is the very name', async () => {
      const name = 'Kɛnɛ Dɔgɔ Ɲɛ Ŋaa Ɓɔ Ɗɛ Ƴaaye Tarawele';
      const holder = await anotherMediator(w, name);
      const { id } = await approvedOrder(w, [holder.id]);
      const res = await t.http
        .get(`${BASE}/${id}/document`)
        .query({ holderUserId: holder.id })
        .set(bearer(w.tokens.coordinator))
        .buffer(true)
        .parse((response, callback) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => callback(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      const pdf = res.body as Buffer;
      const lines = pdfText(pdf).split('\n');
      expect(lines).toContain(name);
      expect(lines).toContain('Ordre de mission');
      expect(lines).toContain('Dinangourou');
      // The font is embedded (and with it, every letter the name needs).
      expect(pdf.toString('latin1')).toMatch(/\/FontFile2 /);
      expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
      const token = (await tokensOf(w, id)).get(holder.id)!;
      expect((await t.http.get(`${VERIFY}/${token}`).expect(200)).body.holder.legalName).toBe(name);
    });
  });

  describe('point 10: disabling a holder ends their credentials', () => {
    it('the disabled holder’s credential verifies as revoked, online and against the list; the others’ stand', async () => {
      const leaving = await anotherMediator(w, 'Hamadoun Tamboura');
      const staying = await anotherMediator(w, 'Fatoumata Guindo');
      const { id } = await approvedOrder(w, [leaving.id, staying.id]);
      const tokens = await tokensOf(w, id);
      expect(await verify(tokens.get(leaving.id)!)).toMatchObject({ valid: true });

      await setDisabled(leaving, true);
      expect(await verify(tokens.get(leaving.id)!)).toMatchObject({
        valid: false,
        status: 'revoked',
      });
      expect(await verify(tokens.get(staying.id)!)).toMatchObject({
        valid: true,
        status: 'approved',
      });
      const list = await revocationList();
      expect(list).toContain(claimsOf(tokens.get(leaving.id)!).jti);
      expect(list).not.toContain(claimsOf(tokens.get(staying.id)!).jti);
      const { rows } = await t.db.query<{ user_id: string }>(
        `SELECT user_id FROM mission_order_holder
          WHERE mission_order_id = $1 AND credential_revoked_at IS NOT NULL`,
        [id],
      );
      expect(rows.map((r) => r.user_id)).toEqual([leaving.id]);

      // No fresh credential for them: the coordinator gets the others' only, the PDF is refused.
      expect([...(await tokensOf(w, id)).keys()]).toEqual([staying.id]);
      const document = await t.http
        .get(`${BASE}/${id}/document`)
        .query({ holderUserId: leaving.id })
        .set(bearer(w.tokens.coordinator));
      expect(document.status).toBe(409);
      expect(document.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(document.body).toMatchObject({ code: 'holder_disabled', holderUserIds: [leaving.id] });

      // Enabled again, the account gets no credential back: it ended with the disabling.
      await setDisabled(leaving, false);
      expect(await verify(tokens.get(leaving.id)!)).toMatchObject({ status: 'revoked' });
      expect([...(await tokensOf(w, id)).keys()]).toEqual([staying.id]);
    });

    it('refuses to sign for an order whose only holder is disabled, and to approve an order with a disabled holder', async () => {
      const only = await anotherMediator(w, 'Seydou Ouologuem');
      const { id } = await approvedOrder(w, [only.id]);
      await setDisabled(only, true);
      const refused = await t.http
        .get(`${BASE}/${id}/credentials`)
        .set(bearer(w.tokens.coordinator))
        .set('accept-language', 'en');
      expect(refused.status).toBe(409);
      expect(refused.body).toMatchObject({
        code: 'holder_disabled',
        title: 'Holder disabled',
        holderUserIds: [only.id],
      });

      const later = await anotherMediator(w, 'Aminata Dicko');
      const other = await anotherMediator(w, 'Boubacar Sangaré');
      const requested = await t.http
        .post(BASE)
        .set(bearer(w.tokens.coordinator))
        .send(orderBody(w, { holderUserIds: [later.id, other.id] }))
        .expect(201);
      await setDisabled(later, true);
      await markSteppedUp(t, w.official.id);
      const approval = await t.http
        .post(`${BASE}/${requested.body.id}/approve`)
        .set(bearer(w.tokens.official));
      expect(approval.status).toBe(409);
      expect(approval.body).toMatchObject({ code: 'holder_disabled', holderUserIds: [later.id] });
      const order = await t.http
        .get(`${BASE}/${requested.body.id}`)
        .set(bearer(w.tokens.official))
        .expect(200);
      expect(order.body.status).toBe('requested');
    });

    it('a holder disabled by any other way is refused at verification too', async () => {
      const holder = await anotherMediator(w, 'Mariam Traoré');
      const { id } = await approvedOrder(w, [holder.id]);
      const token = (await tokensOf(w, id)).get(holder.id)!;
      await t.db.query('UPDATE app_user SET disabled = true WHERE id = $1', [holder.id]);
      expect(await verify(token)).toMatchObject({ valid: false, status: 'revoked' });
    });
  });
});
