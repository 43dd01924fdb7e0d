import { dumpDatabase } from '../support/dump';
import { bearer, Factory, login, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Team, parties, participants of a case and the coordination registry
 * (issue 4, part B): the rules, encryption at rest, who sees identities.
 */
describe('case team, parties, participants, registry', () => {
  let t: TestApp;
  let factory: Factory;
  let communeId: string;
  let otherCommuneId: string;
  let assocA: { id: string; name: string };
  let assocB: { id: string; name: string };
  let coordA: TestUser;
  let coordA2: TestUser;
  let medA1: TestUser;
  let medA2: TestUser;
  let medA3: TestUser;
  let coordB: TestUser;
  let coordB2: TestUser;
  let medB: TestUser;
  const tokens: Record<string, Record<string, string>> = {};
  const as = (u: TestUser): Record<string, string> => tokens[u.id];

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
    communeId = await factory.areaId('Dinangourou', 'commune');
    otherCommuneId = await factory.areaId('Mondoro', 'commune');
    assocA = await factory.association();
    assocB = await factory.association();
    coordA = await factory.user('coordinator', { associationId: assocA.id });
    coordA2 = await factory.user('coordinator', { associationId: assocA.id });
    medA1 = await factory.user('mediator', { associationId: assocA.id });
    medA2 = await factory.user('mediator', { associationId: assocA.id });
    medA3 = await factory.user('mediator', { associationId: assocA.id });
    coordB = await factory.user('coordinator', { associationId: assocB.id });
    coordB2 = await factory.user('coordinator', { associationId: assocB.id });
    medB = await factory.user('mediator', { associationId: assocB.id });
    for (const u of [coordA, coordA2, medA1, medA2, medA3, coordB, coordB2, medB]) {
      tokens[u.id] = bearer((await login(t.http, u.username)).accessToken);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const newCase = (team: { userId: string; lead?: boolean }[] = [], status?: 'closed') =>
    factory.dialogueCase({
      associationId: assocA.id,
      areaId: communeId,
      createdBy: coordA.id,
      status,
      team,
    });

  describe('team', () => {
    it('a coordinator adds mediators; the first becomes lead; the added mediator is notified', async () => {
      const { id } = await newCase();
      const first = await t.http
        .post(`/api/v1/cases/${id}/team`)
        .set(as(coordA))
        .send({ userId: medA1.id })
        .expect(201);
      expect(first.body).toMatchObject({ userId: medA1.id, lead: true });
      const second = await t.http
        .post(`/api/v1/cases/${id}/team`)
        .set(as(coordA))
        .send({ userId: medA2.id })
        .expect(201);
      expect(second.body.lead).toBe(false);
      const team = await t.http.get(`/api/v1/cases/${id}/team`).set(as(medA2)).expect(200);
      expect(team.body.items.map((m: { userId: string }) => m.userId)).toEqual([
        medA1.id,
        medA2.id,
      ]);
      const { rows } = await t.db.query(
        `SELECT user_id, subject_type, subject_id FROM notification WHERE kind = 'case_assigned' AND subject_id = $1 ORDER BY created_at`,
        [id],
      );
      expect(rows).toEqual([
        { user_id: medA1.id, subject_type: 'case', subject_id: id },
        { user_id: medA2.id, subject_type: 'case', subject_id: id },
      ]);
      const events = await t.db.query(
        `SELECT details FROM audit_event WHERE action = 'case.team_add' AND entity_id = $1`,
        [id],
      );
      expect(events.rows).toHaveLength(2);
      // A repeat is a duplicate.
      await t.http
        .post(`/api/v1/cases/${id}/team`)
        .set(as(coordA))
        .send({ userId: medA2.id })
        .expect(409);
    });

    it('lead: true moves the lead; removing the lead while others remain is 409', async () => {
      const { id } = await newCase([{ userId: medA1.id, lead: true }, { userId: medA2.id }]);
      await t.http
        .delete(`/api/v1/cases/${id}/team/${medA1.id}`)
        .set(as(coordA))
        .expect(409)
        .expect((r) => expect(r.body.code).toBe('team_lead_required'));
      const moved = await t.http
        .post(`/api/v1/cases/${id}/team`)
        .set(as(coordA))
        .send({ userId: medA3.id, lead: true })
        .expect(201);
      expect(moved.body.lead).toBe(true);
      const { rows } = await t.db.query<{ user_id: string }>(
        'SELECT user_id FROM case_team_member WHERE case_id = $1 AND lead',
        [id],
      );
      expect(rows.map((r) => r.user_id)).toEqual([medA3.id]);
      // An existing member can be made lead too.
      await t.http
        .post(`/api/v1/cases/${id}/team`)
        .set(as(coordA))
        .send({ userId: medA2.id, lead: true })
        .expect(201);
      await t.http.delete(`/api/v1/cases/${id}/team/${medA1.id}`).set(as(coordA)).expect(204);
      await t.http.delete(`/api/v1/cases/${id}/team/${medA3.id}`).set(as(coordA)).expect(204);
      // The lead alone may leave.
      await t.http.delete(`/api/v1/cases/${id}/team/${medA2.id}`).set(as(coordA)).expect(204);
      await t.http.delete(`/api/v1/cases/${id}/team/${medA2.id}`).set(as(coordA)).expect(404);
      const removed = await t.db.query(
        `SELECT count(*)::int AS n FROM audit_event WHERE action = 'case.team_remove' AND entity_id = $1`,
        [id],
      );
      expect(removed.rows[0].n).toBe(3);
    });

    it('only enabled mediators of the same association can join (else 400)', async () => {
      const { id } = await newCase();
      const disabled = await factory.user('mediator', { associationId: assocA.id, disabled: true });
      for (const userId of [
        medB.id,
        coordA2.id,
        disabled.id,
        '3f1b0a3e-8a5e-4b47-9d8c-0c1c2d3e4f50',
      ]) {
        const res = await t.http
          .post(`/api/v1/cases/${id}/team`)
          .set(as(coordA))
          .send({ userId })
          .expect(400);
        expect(res.body.code).toBe('invalid_team_member');
      }
      const { rows } = await t.db.query('SELECT 1 FROM case_team_member WHERE case_id = $1', [id]);
      expect(rows).toHaveLength(0);
    });

    it('a mediator cannot manage the team (403); another association cannot see it (404)', async () => {
      const { id } = await newCase([{ userId: medA1.id, lead: true }]);
      await t.http
        .post(`/api/v1/cases/${id}/team`)
        .set(as(medA1))
        .send({ userId: medA2.id })
        .expect(403);
      await t.http
        .post(`/api/v1/cases/${id}/team`)
        .set(as(coordB))
        .send({ userId: medB.id })
        .expect(404);
      await t.http.get(`/api/v1/cases/${id}/team`).set(as(medA2)).expect(404);
    });
  });

  describe('parties', () => {
    it('create, list, update with If-Match (428 / 409 stale), delete (409 while referenced)', async () => {
      const { id } = await newCase([{ userId: medA1.id, lead: true }]);
      const created = await t.http
        .post(`/api/v1/cases/${id}/parties`)
        .set(as(medA1))
        .send({ name: 'Village council', kind: 'community', description: 'Elders' })
        .expect(201);
      expect(created.body).toMatchObject({ caseId: id, name: 'Village council', version: 1 });
      const partyId = created.body.id as string;
      await t.http
        .post(`/api/v1/cases/${id}/parties`)
        .set(as(coordA))
        .send({ name: 'Katiba', kind: 'armed_group' })
        .expect(201);
      await t.http
        .post(`/api/v1/cases/${id}/parties`)
        .set(as(coordA))
        .send({ name: 'X', kind: 'bandits' })
        .expect(400);
      const page1 = await t.http
        .get(`/api/v1/cases/${id}/parties?limit=1`)
        .set(as(coordA))
        .expect(200);
      expect(page1.body.items.map((p: { name: string }) => p.name)).toEqual(['Katiba']);
      const page2 = await t.http
        .get(`/api/v1/cases/${id}/parties?limit=1&cursor=${page1.body.nextCursor}`)
        .set(as(coordA))
        .expect(200);
      expect(page2.body).toMatchObject({ items: [{ id: partyId }], nextCursor: null });

      const url = `/api/v1/cases/${id}/parties/${partyId}`;
      await t.http.patch(url).set(as(medA1)).send({ name: 'Council' }).expect(428);
      const updated = await t.http
        .patch(url)
        .set(as(medA1))
        .set('if-match', 'W/"1"')
        .send({ name: 'Council' })
        .expect(200);
      expect(updated.body).toMatchObject({ name: 'Council', version: 2 });
      expect(updated.headers.etag).toBe('W/"2"');
      const stale = await t.http
        .patch(url)
        .set(as(coordA))
        .set('if-match', 'W/"1"')
        .send({ name: 'Other' })
        .expect(409);
      expect(stale.body).toMatchObject({ code: 'stale_version', currentVersion: 2 });

      const participant = await t.http
        .post(`/api/v1/cases/${id}/participants`)
        .set(as(medA1))
        .send({ pseudonym: 'Baobab', role: 'elder', partyId })
        .expect(201);
      await t.http
        .delete(url)
        .set(as(medA1))
        .expect(409)
        .expect((r) => expect(r.body.code).toBe('conflict'));
      await t.db.query('DELETE FROM case_participant WHERE id = $1', [participant.body.id]);
      await t.http.delete(url).set(as(medA1)).expect(204);
      await t.http.delete(url).set(as(medA1)).expect(404);
      const { rows } = await t.db.query<{ action: string }>(
        `SELECT action FROM audit_event WHERE entity_id = $1 ORDER BY id`,
        [partyId],
      );
      expect(rows.map((r) => r.action)).toEqual(['party.create', 'party.update', 'party.delete']);
    });

    it('a client-chosen id: a repeat of the same party is accepted, another party with it is 409', async () => {
      const { id } = await newCase();
      const partyId = '7c0b6c62-5d1f-4bb8-9e52-3f0f1f6a1a01';
      const body = { id: partyId, name: 'Militia', kind: 'militia' };
      await t.http.post(`/api/v1/cases/${id}/parties`).set(as(coordA)).send(body).expect(201);
      await t.http.post(`/api/v1/cases/${id}/parties`).set(as(coordA)).send(body).expect(201);
      await t.http
        .post(`/api/v1/cases/${id}/parties`)
        .set(as(coordA))
        .send({ ...body, name: 'Other' })
        .expect(409);
      const { rows } = await t.db.query('SELECT name FROM case_party WHERE id = $1', [partyId]);
      expect(rows).toEqual([{ name: 'Militia' }]);
    });
  });

  describe('participants', () => {
    it('refuses a real identity without consent, and a party of another case', async () => {
      const { id } = await newCase([{ userId: medA1.id, lead: true }]);
      const other = await newCase();
      const party = await t.http
        .post(`/api/v1/cases/${other.id}/parties`)
        .set(as(coordA))
        .send({ name: 'Elsewhere', kind: 'community' })
        .expect(201);
      for (const body of [
        { pseudonym: 'P1', role: 'informant', realName: 'Hamadoun Traoré' },
        { pseudonym: 'P1', role: 'informant', contact: '+223 70 00 00 00' },
        {
          pseudonym: 'P1',
          role: 'informant',
          realName: 'Hamadoun Traoré',
          consentToRecordIdentity: false,
        },
      ]) {
        const res = await t.http
          .post(`/api/v1/cases/${id}/participants`)
          .set(as(medA1))
          .send(body)
          .expect(400);
        expect(res.body.code).toBe('identity_consent_required');
      }
      await t.http
        .post(`/api/v1/cases/${id}/participants`)
        .set(as(medA1))
        .send({ pseudonym: 'P1', role: 'elder', partyId: party.body.id })
        .expect(400)
        .expect((r) => expect(r.body.code).toBe('invalid_reference'));
      const { rows } = await t.db.query('SELECT 1 FROM case_participant WHERE case_id = $1', [id]);
      expect(rows).toHaveLength(0);
    });

    it('encrypts identities at rest; the team reads them (audited), coordinators see pseudonyms only', async () => {
      const { id } = await newCase([{ userId: medA1.id, lead: true }]);
      const realName = 'Amadou Guindo-Secret-Name';
      const contact = '+223-76-SECRET-4242';
      const created = await t.http
        .post(`/api/v1/cases/${id}/participants`)
        .set(as(medA1))
        .send({
          pseudonym: 'Karité',
          role: 'negotiator',
          consentToRecordIdentity: true,
          realName,
          contact,
        })
        .expect(201);
      expect(created.body).toMatchObject({ pseudonym: 'Karité', realName, contact });
      await t.http
        .post(`/api/v1/cases/${id}/participants`)
        .set(as(coordA))
        .send({ pseudonym: 'Acacia', role: 'interpreter' })
        .expect(201)
        .expect((r) => {
          expect(r.body).not.toHaveProperty('realName');
          expect(r.body).not.toHaveProperty('contact');
        });

      const stored = await t.db.query<{ real_name: string; contact: string }>(
        'SELECT real_name, contact FROM case_participant WHERE id = $1',
        [created.body.id],
      );
      expect(stored.rows[0].real_name).toMatch(/^enc:c1:/);
      expect(stored.rows[0].contact).toMatch(/^enc:c1:/);
      const dump = await dumpDatabase(t.db, t.databaseUrl);
      expect(dump.text).not.toContain(realName);
      expect(dump.text).not.toContain(contact);

      const before = await sensitiveReads(id);
      const team = await t.http.get(`/api/v1/cases/${id}/participants`).set(as(medA1)).expect(200);
      const karite = team.body.items.find((p: { pseudonym: string }) => p.pseudonym === 'Karité');
      expect(karite).toMatchObject({ realName, contact });
      expect(await sensitiveReads(id)).toBe(before + 1);
      const event = await t.db.query(
        `SELECT details FROM audit_event WHERE action = 'participant.read_sensitive' AND entity_id = $1 ORDER BY id DESC LIMIT 1`,
        [id],
      );
      expect(event.rows[0].details).toEqual({
        fields: ['contact', 'realName'],
        ids: [created.body.id],
      });
      expect(JSON.stringify(event.rows)).not.toContain('Guindo');

      const coordinator = await t.http
        .get(`/api/v1/cases/${id}/participants`)
        .set(as(coordA))
        .expect(200);
      expect(coordinator.body.items).toHaveLength(2);
      for (const item of coordinator.body.items) {
        expect(item).not.toHaveProperty('realName');
        expect(item).not.toHaveProperty('contact');
      }
      expect(JSON.stringify(coordinator.body)).not.toContain('Guindo');
      expect(await sensitiveReads(id)).toBe(before + 1);
    });

    it('pages participants by pseudonym', async () => {
      const { id } = await newCase([{ userId: medA1.id, lead: true }]);
      for (const pseudonym of ['C', 'A', 'B']) {
        await t.http
          .post(`/api/v1/cases/${id}/participants`)
          .set(as(medA1))
          .send({ pseudonym, role: 'elder' })
          .expect(201);
      }
      const first = await t.http
        .get(`/api/v1/cases/${id}/participants?limit=2`)
        .set(as(medA1))
        .expect(200);
      expect(first.body.items.map((p: { pseudonym: string }) => p.pseudonym)).toEqual(['A', 'B']);
      const second = await t.http
        .get(`/api/v1/cases/${id}/participants?limit=2&cursor=${first.body.nextCursor}`)
        .set(as(medA1))
        .expect(200);
      expect(second.body).toMatchObject({ items: [{ pseudonym: 'C' }], nextCursor: null });
    });

    async function sensitiveReads(caseId: string): Promise<number> {
      const { rows } = await t.db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM audit_event WHERE action = 'participant.read_sensitive' AND entity_id = $1`,
        [caseId],
      );
      return rows[0].n;
    }
  });

  describe('coordination registry', () => {
    it("shows exactly four facts of another association's active case, nothing of the caller's own", async () => {
      const area = await factory.areaId('Mondoro', 'commune');
      const own = await factory.dialogueCase({
        associationId: assocB.id,
        areaId: area,
        createdBy: coordB.id,
        codeName: 'Own-case-code',
      });
      const theirs = await factory.dialogueCase({
        associationId: assocA.id,
        areaId: area,
        createdBy: coordA.id,
        type: 'community_armed_group',
        status: 'negotiating',
        codeName: 'Their-secret-code',
      });
      await factory.dialogueCase({
        associationId: assocA.id,
        areaId: area,
        createdBy: coordA.id,
        status: 'closed',
      });
      for (const caller of [coordB, medB]) {
        const res = await t.http.get(`/api/v1/registry?areaId=${area}`).set(as(caller)).expect(200);
        expect(Object.keys(res.body)).toEqual(['items']);
        expect(res.body.items).toHaveLength(1);
        expect(Object.keys(res.body.items[0]).sort()).toEqual([
          'associationName',
          'startedMonth',
          'status',
          'type',
        ]);
        expect(res.body.items[0]).toMatchObject({
          associationName: assocA.name,
          type: 'community_armed_group',
          status: 'negotiating',
        });
        expect(res.body.items[0].startedMonth).toMatch(/^\d{4}-\d{2}$/);
        const text = JSON.stringify(res.body);
        for (const hidden of [
          theirs.id,
          own.id,
          'Their-secret-code',
          'Own-case-code',
          assocB.name,
        ]) {
          expect(text).not.toContain(hidden);
        }
      }
      const other = await t.http
        .get(`/api/v1/registry?areaId=${otherCommuneId === area ? communeId : otherCommuneId}`)
        .set(as(coordB))
        .expect(200);
      expect(JSON.stringify(other.body)).not.toContain('Their-secret-code');
      await t.http.get('/api/v1/registry').set(as(coordB)).expect(400);
    });

    it("a coordination request notifies the other association's coordinators", async () => {
      const area = communeId;
      await factory.dialogueCase({ associationId: assocA.id, areaId: area, createdBy: coordA.id });
      const own = await factory.dialogueCase({
        associationId: assocB.id,
        areaId: area,
        createdBy: coordB.id,
      });
      const message = 'Shall we meet in Sévaré about the pasture-secret-talks?';
      const res = await t.http
        .post('/api/v1/registry/coordination-requests')
        .set(as(coordB))
        .send({ caseId: own.id, areaId: area, message })
        .expect(201);
      expect(Object.keys(res.body).sort()).toEqual(['id', 'notifiedAssociations']);
      expect(res.body.notifiedAssociations).toBe(1);
      const { rows } = await t.db.query<{
        user_id: string;
        subject_type: string;
        subject_id: string;
        message: string;
      }>(
        `SELECT user_id, subject_type, subject_id, message FROM notification WHERE kind = 'coordination_request' ORDER BY user_id`,
      );
      expect(rows.map((r) => r.user_id).sort()).toEqual([coordA.id, coordA2.id].sort());
      for (const row of rows) {
        expect(row).toMatchObject({ subject_type: 'association', subject_id: assocB.id });
        expect(row.message).toMatch(/^enc:v1:/);
      }
      const dump = await dumpDatabase(t.db, t.databaseUrl);
      expect(dump.text).not.toContain('pasture-secret-talks');

      // The case must be the caller's and in that commune.
      await t.http
        .post('/api/v1/registry/coordination-requests')
        .set(as(coordB))
        .send({ caseId: own.id, areaId: otherCommuneId, message })
        .expect(400);
      const theirs = await factory.dialogueCase({
        associationId: assocA.id,
        areaId: area,
        createdBy: coordA.id,
      });
      await t.http
        .post('/api/v1/registry/coordination-requests')
        .set(as(coordB))
        .send({ caseId: theirs.id, areaId: area, message })
        .expect(404);
      await t.http
        .post('/api/v1/registry/coordination-requests')
        .set(as(medB))
        .send({ caseId: own.id, areaId: area, message })
        .expect(403);
      void coordB2;
    });
  });
});
