import { execFileSync } from 'node:child_process';
import { createHash, generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifyOffline } from '../../scripts/verify-offline';
import { MissionOrderCoverageService } from '../../src/modules/mission-orders/mission-order-coverage.service';
import { signCredential } from '../../src/modules/mission-orders/credential';
import { bearer, Factory, login } from '../support/factories';
import {
  enableTotpAndStepUp,
  giveLegalIdentity,
  markSteppedUp,
  MissionOrderWorld,
  missionOrderWorld,
  orderBody,
} from '../support/mission-orders';
import { pdfQrCode, pdfText } from '../support/pdf';
import { startTestApp, TestApp } from '../support/test-app';

const BASE = '/api/v1/mission-orders';
const VERIFY = '/api/v1/verify/mission-orders';

// The TOTP flow may wait for a fresh time step; the offline script runs ts-node.
jest.setTimeout(120_000);

/**
 * Mission orders (issue 5): request → step-up → approve → signed credential
 * that verifies online and offline; revocation; forged and altered tokens;
 * decisions refused without step-up or by the wrong people; the PDF.
 */
describe('mission orders', () => {
  let t: TestApp;
  let factory: Factory;
  let w: MissionOrderWorld;

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
    w = await missionOrderWorld(t, factory);
  });

  afterAll(async () => {
    await t?.close();
  });

  async function requested(overrides: Record<string, unknown> = {}): Promise<string> {
    const res = await t.http
      .post(BASE)
      .set(bearer(w.tokens.coordinator))
      .send(orderBody(w, overrides));
    expect(res.status).toBe(201);
    return res.body.id as string;
  }

  describe('acceptance 1: request → step-up → approve → verify; revoke; forgeries', () => {
    it('issues a credential that verifies online and offline, and stops verifying once revoked', async () => {
      const coverage = t.app.get(MissionOrderCoverageService);
      const from = new Date(Date.now() + 86_400_000);
      const until = new Date(from.getTime() + 2 * 3_600_000);

      const created = await t.http.post(BASE).set(bearer(w.tokens.coordinator)).send(orderBody(w));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: 'requested',
        holderUserIds: [w.mediator.id],
        authorityId: w.authorityId,
      });
      expect(created.body.orderNumber).toMatch(/^OM-\d{4}-\d{6}$/);
      const id = created.body.id as string;
      expect(await coverage.coverage([w.mediator.id], w.communeId, from, until)).toEqual({
        status: 'missing',
        missing: [w.mediator.id],
      });

      await enableTotpAndStepUp(t, w.tokens.official);
      const approved = await t.http.post(`${BASE}/${id}/approve`).set(bearer(w.tokens.official));
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('approved');
      expect(await coverage.coverage([w.mediator.id], w.communeId, from, until)).toEqual({
        status: 'valid',
        missing: [],
      });

      // Holder and coordinator are notified.
      const { rows: notified } = await t.db.query<{ user_id: string }>(
        `SELECT user_id FROM notification WHERE subject_id = $1 AND kind = 'mission_order_decided'`,
        [id],
      );
      expect(notified.map((n) => n.user_id).sort()).toEqual(
        [w.mediator.id, w.coordinator.id].sort(),
      );

      const credentials = await t.http
        .get(`${BASE}/${id}/credentials`)
        .set(bearer(w.tokens.coordinator));
      expect(credentials.status).toBe(200);
      expect(credentials.body).toHaveLength(1);
      expect(credentials.body[0].holderUserId).toBe(w.mediator.id);
      const token = credentials.body[0].token as string;
      const header = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()) as {
        alg: string;
        kid: string;
      };
      expect(header.alg).toBe('EdDSA');
      const payload = Buffer.from(token.split('.')[1], 'base64url').toString();
      expect(payload).not.toContain('Médiation entre éleveurs');
      expect(payload).toContain('mission de médiation');

      // The legal identity read is audited.
      const { rows: reads } = await t.db.query<{ details: { fields: string[] } }>(
        `SELECT details FROM audit_event WHERE action = 'user.read_sensitive' AND entity_id = $1`,
        [w.mediator.id],
      );
      expect(reads.length).toBeGreaterThan(0);
      expect(reads[0].details.fields).toEqual(['legalName', 'idDocumentNumber']);

      // Online.
      const online = await t.http.get(`${VERIFY}/${token}`).expect(200);
      expect(online.body).toEqual({
        valid: true,
        status: 'approved',
        orderNumber: created.body.orderNumber,
        holder: { legalName: 'Aïssata Diallo', idDocumentNumber: 'ML-CNI-0042-7781' },
        authority: { name: w.authorityName },
        areas: [{ name: 'Dinangourou' }],
        validFrom: created.body.validFrom,
        validUntil: created.body.validUntil,
      });

      // Offline, with the published keys only.
      const jwks = (await t.http.get('/.well-known/mission-order-keys.json').expect(200)).body;
      expect(jwks.keys).toEqual([expect.objectContaining({ kid: header.kid, crv: 'Ed25519' })]);
      expect(jwks.keys[0].d).toBeUndefined();
      const offline = await verifyOffline(token, jwks);
      expect(offline).toMatchObject({ valid: true, status: 'approved' });
      expect(offline.claims?.orderNumber).toBe(created.body.orderNumber);
      const dir = mkdtempSync(join(tmpdir(), 'toguna-jwks-'));
      try {
        const file = join(dir, 'keys.json');
        writeFileSync(file, JSON.stringify(jwks));
        const script = join(__dirname, '..', '..', 'scripts', 'verify-offline.ts');
        const tsNode = require.resolve('ts-node/dist/bin.js');
        const out = execFileSync(
          process.execPath,
          [tsNode, '--transpile-only', script, token, file],
          {
            encoding: 'utf8',
          },
        );
        expect(out).toMatch(/^valid \(approved\)/);
        expect(out).toContain(created.body.orderNumber);
        let failed = 0;
        try {
          execFileSync(process.execPath, [tsNode, '--transpile-only', script, `${token}x`, file], {
            encoding: 'utf8',
          });
        } catch (error) {
          failed = (error as { status: number }).status;
        }
        expect(failed).toBe(1);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }

      // One altered character.
      const i = token.length - 10;
      const altered = token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
      expect((await t.http.get(`${VERIFY}/${altered}`).expect(200)).body).toEqual({
        valid: false,
        status: 'invalid',
      });
      expect((await verifyOffline(altered, jwks)).valid).toBe(false);

      // Signed by a key not in the set (same kid even).
      const { privateKey } = generateKeyPairSync('ed25519');
      const rogue = privateKey.export({ format: 'jwk' });
      const forged = await signCredential(
        JSON.parse(payload),
        header.kid,
        rogue as unknown as Parameters<typeof signCredential>[2],
      );
      expect((await t.http.get(`${VERIFY}/${forged}`).expect(200)).body).toEqual({
        valid: false,
        status: 'invalid',
      });
      expect((await verifyOffline(forged, jwks)).valid).toBe(false);

      // Garbage never 500s.
      for (const garbage of ['x', 'a.b.c', 'eyJhbGciOiJub25lIn0.e30.', '%E2%82%AC'.repeat(10)]) {
        const res = await t.http.get(`${VERIFY}/${garbage}`);
        expect(res.status).toBe(200);
        expect(res.body).toEqual({ valid: false, status: 'invalid' });
      }

      // Revoke.
      const revoked = await t.http
        .post(`${BASE}/${id}/revoke`)
        .set(bearer(w.tokens.official))
        .send({ reason: 'Mission annulée' });
      expect(revoked.status).toBe(200);
      expect(revoked.body.status).toBe('revoked');
      const after = await t.http.get(`${VERIFY}/${token}`).expect(200);
      expect(after.body).toMatchObject({ valid: false, status: 'revoked' });
      // The list publishes the credential's random id, not a hash of its order number.
      const list = await t.http.get(`${BASE}/revocations`).expect(200);
      const { jti } = JSON.parse(payload) as { jti: string };
      expect(jti).toMatch(/^[A-Za-z0-9_-]{22}$/);
      expect(list.body.revoked).toContain(jti);
      expect(list.body.revoked).not.toContain(
        createHash('sha256').update(created.body.orderNumber).digest('hex'),
      );
      expect(await verifyOffline(token, jwks, new Date(), list.body.revoked)).toMatchObject({
        valid: false,
        status: 'revoked',
      });
      expect(await coverage.coverage([w.mediator.id], w.communeId, from, until)).toEqual({
        status: 'missing',
        missing: [w.mediator.id],
      });
      // The reason is stored encrypted.
      const { rows } = await t.db.query<{ decision_reason: string }>(
        'SELECT decision_reason FROM mission_order WHERE id = $1',
        [id],
      );
      expect(rows[0].decision_reason).toMatch(/^enc:v1:/);
    });
  });

  describe('acceptance 2: who may decide', () => {
    it('refuses approval without step-up (403), by another authority (404), by a mediator (403)', async () => {
      const id = await requested();
      const other = await factory.user('official', {
        authorityId: (await factory.authority({ areaIds: [w.cercleId] })).id,
      });
      const otherToken = (await login(t.http, other.username)).accessToken;
      await markSteppedUp(t, other.id);

      // An official of that authority whose session has not stepped up.
      const colleague = await factory.user('official', { authorityId: w.authorityId });
      const fresh = (await login(t.http, colleague.username)).accessToken;
      const noStepUp = await t.http.post(`${BASE}/${id}/approve`).set(bearer(fresh));
      expect(noStepUp.status).toBe(403);
      expect(noStepUp.body.code).toBe('step_up_required');

      const foreign = await t.http.post(`${BASE}/${id}/approve`).set(bearer(otherToken));
      expect(foreign.status).toBe(404);
      expect((await t.http.get(`${BASE}/${id}`).set(bearer(otherToken))).status).toBe(404);
      expect(
        (await t.http.post(`${BASE}/${id}/reject`).set(bearer(otherToken)).send({ reason: 'x' }))
          .status,
      ).toBe(404);

      const byMediator = await t.http.post(`${BASE}/${id}/approve`).set(bearer(w.tokens.mediator));
      expect(byMediator.status).toBe(403);

      const { rows } = await t.db.query<{ status: string }>(
        'SELECT status FROM mission_order WHERE id = $1',
        [id],
      );
      expect(rows[0].status).toBe('requested');
    });

    it('refuses invalid transitions (409) and holders without legal identity', async () => {
      await markSteppedUp(t, w.official.id);
      const id = await requested();
      const rejected = await t.http
        .post(`${BASE}/${id}/reject`)
        .set(bearer(w.tokens.official))
        .send({ reason: 'Zone trop large' });
      expect(rejected.status).toBe(200);
      expect(rejected.body.status).toBe('rejected');
      for (const action of ['approve', 'revoke', 'reject']) {
        const res = await t.http
          .post(`${BASE}/${id}/${action}`)
          .set(bearer(w.tokens.official))
          .send(action === 'approve' ? undefined : { reason: 'x' });
        expect({ action, status: res.status }).toEqual({ action, status: 409 });
      }
      const credentials = await t.http
        .get(`${BASE}/${id}/credentials`)
        .set(bearer(w.tokens.coordinator));
      expect(credentials.status).toBe(409);

      const anonymous = await factory.user('mediator', { associationId: w.associationId });
      const noIdentity = await requested({ holderUserIds: [anonymous.id] });
      const res = await t.http.post(`${BASE}/${noIdentity}/approve`).set(bearer(w.tokens.official));
      expect(res.status).toBe(409);
      expect(res.body.code).toBe('holder_identity_missing');
      await giveLegalIdentity(t, anonymous.id, 'Boubacar Cissé', 'ML-77');
      expect(
        (await t.http.post(`${BASE}/${noIdentity}/approve`).set(bearer(w.tokens.official))).status,
      ).toBe(200);
    });

    it('reads an approved order past validUntil as expired', async () => {
      await markSteppedUp(t, w.official.id);
      const id = await requested();
      await t.http.post(`${BASE}/${id}/approve`).set(bearer(w.tokens.official)).expect(200);
      await t.db.query(
        `UPDATE mission_order SET valid_from = now() - interval '3 days', valid_until = now() - interval '1 day' WHERE id = $1`,
        [id],
      );
      const res = await t.http.get(`${BASE}/${id}`).set(bearer(w.tokens.mediator)).expect(200);
      expect(res.body.status).toBe('expired');
      const list = await t.http
        .get(BASE)
        .query({ status: 'expired' })
        .set(bearer(w.tokens.coordinator))
        .expect(200);
      expect((list.body.items as { id: string }[]).map((o) => o.id)).toContain(id);
    });
  });

  describe('requests', () => {
    it('validates jurisdiction, window, holders and case', async () => {
      const post = (body: Record<string, unknown>, token = w.tokens.coordinator) =>
        t.http.post(BASE).set(bearer(token)).send(body);
      const outside = await factory.areaId('Bankass', 'cercle');
      let res = await post(orderBody(w, { areaIds: [outside] }));
      expect([res.status, res.body.code]).toEqual([400, 'area_outside_jurisdiction']);
      const from = new Date();
      res = await post(
        orderBody(w, {
          validFrom: from.toISOString(),
          validUntil: new Date(from.getTime() + 91 * 86_400_000).toISOString(),
        }),
      );
      expect([res.status, res.body.code]).toEqual([400, 'invalid_validity_window']);
      res = await post(
        orderBody(w, {
          validFrom: from.toISOString(),
          validUntil: new Date(from.getTime() - 1000).toISOString(),
        }),
      );
      expect([res.status, res.body.code]).toEqual([400, 'invalid_validity_window']);
      const stranger = await factory.user('mediator');
      res = await post(orderBody(w, { holderUserIds: [stranger.id] }));
      expect([res.status, res.body.code]).toEqual([400, 'invalid_mission_order_holder']);
      // A mediator asks only for themself.
      const colleague = await factory.user('mediator', { associationId: w.associationId });
      res = await post(orderBody(w, { holderUserIds: [colleague.id] }), w.tokens.mediator);
      expect([res.status, res.body.code]).toEqual([400, 'invalid_mission_order_holder']);
      res = await post(orderBody(w), w.tokens.mediator);
      expect(res.status).toBe(201);
      // A case the caller cannot see.
      const otherCase = await factory.dialogueCase({
        associationId: (await factory.association()).id,
        areaId: w.communeId,
        createdBy: stranger.id,
      });
      res = await post(orderBody(w, { caseId: otherCase.id }));
      expect(res.status).toBe(400);
      // The region covering the cercle is outside a cercle-level jurisdiction; the cercle itself is in it.
      res = await post(orderBody(w, { areaIds: [w.cercleId, w.communeId] }));
      expect(res.status).toBe(201);
    });

    it('shows an official only code name, commune and type of a linked case', async () => {
      const ownCase = await factory.dialogueCase({
        associationId: w.associationId,
        areaId: w.communeId,
        createdBy: w.coordinator.id,
        codeName: 'Baobab-9',
        type: 'intercommunity',
      });
      const id = await requested({ caseId: ownCase.id });
      const res = await t.http.get(`${BASE}/${id}`).set(bearer(w.tokens.official)).expect(200);
      expect(res.body.case).toEqual({
        codeName: 'Baobab-9',
        commune: 'Dinangourou',
        type: 'intercommunity',
      });
      const coordinatorView = await t.http
        .get(`${BASE}/${id}`)
        .set(bearer(w.tokens.coordinator))
        .expect(200);
      expect(coordinatorView.body.case).toBeUndefined();
    });
  });

  describe('acceptance 4: the PDF', () => {
    it('is one page in French whose QR code decodes to the credential', async () => {
      await markSteppedUp(t, w.official.id);
      const id = await requested();
      await t.http.post(`${BASE}/${id}/approve`).set(bearer(w.tokens.official)).expect(200);
      const credentials = await t.http
        .get(`${BASE}/${id}/credentials`)
        .set(bearer(w.tokens.mediator))
        .expect(200);
      const token = credentials.body[0].token as string;
      const res = await t.http
        .get(`${BASE}/${id}/document`)
        .query({ holderUserId: w.mediator.id })
        .set(bearer(w.tokens.mediator))
        .buffer(true)
        .parse((response, callback) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => callback(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/pdf/);
      const pdf = res.body as Buffer;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.toString('latin1')).toMatch(/\/Count 1\b/);
      const text = pdfText(pdf);
      expect(text).toContain('Ordre de mission');
      expect(text).toContain('Aïssata Diallo');
      expect(text).toContain('ML-CNI-0042-7781');
      expect(text).toContain('Dinangourou');
      expect(text).toContain('Vérification');
      expect(text).not.toContain('Médiation entre éleveurs');
      const decoded = pdfQrCode(pdf);
      expect(decoded).not.toBeNull();
      // Each credential is signed anew (issuedAt): compare what it says.
      expect(decoded!.split('.')[1]).toBeDefined();
      const claims = JSON.parse(Buffer.from(decoded!.split('.')[1], 'base64url').toString());
      const expected = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString());
      expect({ ...claims, issuedAt: 0 }).toEqual({ ...expected, issuedAt: 0 });
      expect((await t.http.get(`${VERIFY}/${decoded}`).expect(200)).body.valid).toBe(true);

      // Another holder's document: not for a mediator.
      const other = await factory.user('mediator', { associationId: w.associationId });
      expect(
        (
          await t.http
            .get(`${BASE}/${id}/document`)
            .query({ holderUserId: other.id })
            .set(bearer(w.tokens.coordinator))
        ).status,
      ).toBe(404);
    });
  });

  describe('signing-key rotation', () => {
    it('keeps retired public keys published: old credentials still verify', async () => {
      await markSteppedUp(t, w.official.id);
      const id = await requested();
      await t.http.post(`${BASE}/${id}/approve`).set(bearer(w.tokens.official)).expect(200);
      const before = (
        await t.http.get(`${BASE}/${id}/credentials`).set(bearer(w.tokens.coordinator)).expect(200)
      ).body[0].token as string;
      const { SigningKeyRingFileStore } = await import('../../src/common/crypto/signing-key-ring');
      // mtime has millisecond resolution: make sure the change is seen.
      await new Promise((r) => setTimeout(r, 20));
      const kid = new SigningKeyRingFileStore(t.config.keysDir).rotate();
      const jwks = (await t.http.get('/.well-known/mission-order-keys.json').expect(200)).body;
      expect((jwks.keys as { kid: string }[]).map((k) => k.kid)).toContain(kid);
      expect(jwks.keys).toHaveLength(2);
      const after = (
        await t.http.get(`${BASE}/${id}/credentials`).set(bearer(w.tokens.coordinator)).expect(200)
      ).body[0].token as string;
      expect(JSON.parse(Buffer.from(after.split('.')[0], 'base64url').toString()).kid).toBe(kid);
      for (const token of [before, after]) {
        expect((await t.http.get(`${VERIFY}/${token}`).expect(200)).body.valid).toBe(true);
      }
    });
  });
});
