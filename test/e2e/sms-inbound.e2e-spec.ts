import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { accordThroughApi } from '../support/accords';
import { bearer, Factory, login, TestUser } from '../support/factories';
import {
  AT_TOKEN,
  countRows,
  queuedTo,
  RAPIDPRO_TOKEN,
  sendSms,
  sendTwilio,
  setPendingCode,
  SMS_ENV,
  webhookHeaders,
} from '../support/sms';
import { startTestApp, TestApp } from '../support/test-app';
import { SMS_REPLIES } from '../../src/modules/sms/sms-replies';

/**
 * Issue 19, points 3 and 4: signed inbound messages record follow-up checks
 * and raise flags through the accords' rules; a message is handled once;
 * what may not be done gets one answer and writes nothing.
 */
describe('inbound SMS (issue 19)', () => {
  let t: TestApp;
  let factory: Factory;
  let mediator: TestUser;
  let asMediator: Record<string, string>;
  let asAdmin: Record<string, string>;
  let accordId: string;
  let smsCode: string;
  let caseId: string;
  const PHONE = '+22376123456';

  /** Everything a message may write, to show that one wrote nothing. */
  const written = async () => ({
    followUps: await countRows(t, 'follow_up'),
    flags: await countRows(t, 'accord_flag'),
    inbound: await countRows(t, 'sms_inbound'),
    audit: await countRows(t, 'audit_event'),
  });

  async function verifiedPhone(user: TestUser, number: string): Promise<void> {
    const res = await t.http.post(`/api/v1/users/${user.id}/phones`).set(asAdmin).send({ number });
    await setPendingCode(t, res.body.id as string, '192837');
    expect((await sendSms(t.http, number, 'CODE 192837')).body.reply).toBe(
      SMS_REPLIES.phoneVerified,
    );
  }

  /** An accord recorded through the API (its code drawn by the application), with `terms` terms. */
  async function newAccord(terms = 3): Promise<{ id: string; code: string; caseId: string }> {
    const kase = await factory.dialogueCase({
      associationId: mediator.associationId!,
      areaId: await factory.areaId('Dinangourou', 'commune'),
      createdBy: mediator.id,
      status: 'negotiating',
      team: [{ userId: mediator.id, lead: true }],
    });
    return { ...(await accordThroughApi(t.http, asMediator, kase.id, terms)), caseId: kase.id };
  }

  beforeAll(async () => {
    t = await startTestApp(SMS_ENV);
    factory = new Factory(t.db);
    mediator = await factory.user('mediator');
    asMediator = bearer((await login(t.http, mediator.username)).accessToken);
    asAdmin = bearer((await login(t.http, (await factory.user('admin')).username)).accessToken);
    await verifiedPhone(mediator, PHONE);
    ({ id: accordId, code: smsCode, caseId } = await newAccord());
  });
  afterAll(() => t.close());

  it('the accord shows its SMS code and numbered terms', async () => {
    const res = await t.http.get(`/api/v1/accords/${accordId}`).set(asMediator);
    expect(res.body.smsCode).toBe(smsCode);
    expect(smsCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
    expect(res.body.terms.map((term: { number: number }) => term.number)).toEqual([1, 2, 3]);
  });

  it('SUIVI records the check with its assessments; a V puts the accord at risk', async () => {
    const id = randomUUID();
    const text = `suivi ${smsCode.toLowerCase()}  stable 1=3 2 = 2 3=V # Marché rouvert`;
    const res = await sendSms(t.http, PHONE, text, { id });
    expect(res.status).toBe(200);
    expect(res.body.reply).toMatch(
      new RegExp(
        `^Suivi ${smsCode} enregistré, réf \\d{4}\\. 3 engagements notés\\. Prochain suivi avant le \\d{2}/\\d{2}\\.$`,
      ),
    );
    const { rows } = await t.db.query<{
      id: string;
      method: string;
      overall: string;
      note: string;
      created_by: string;
    }>('SELECT id, method, overall, note, created_by FROM follow_up WHERE accord_id = $1', [
      accordId,
    ]);
    expect(rows).toEqual([
      expect.objectContaining({ method: 'sms', overall: 'stable', created_by: mediator.id }),
    ]);
    expect(rows[0].note).toMatch(/^enc:/);
    const assessed = await t.db.query<{ number: number; status: string }>(
      `SELECT t.number, s.status FROM follow_up_assessment s JOIN accord_term t ON t.id = s.term_id
        WHERE s.follow_up_id = $1 ORDER BY t.number`,
      [rows[0].id],
    );
    expect(assessed.rows).toEqual([
      { number: 1, status: 'full' },
      { number: 2, status: 'intermediate' },
      { number: 3, status: 'violated' },
    ]);
    const accord = await t.http.get(`/api/v1/accords/${accordId}`).set(asMediator);
    expect(accord.body.health.level).toBe('at_risk');
    expect(accord.body.health.reasons).toContain('term_violated');
    const checks = await t.http.get(`/api/v1/accords/${accordId}/follow-ups`).set(asMediator);
    expect(checks.body.items[0]).toMatchObject({ method: 'sms', note: 'Marché rouvert' });

    // The gateway sends it again: the same reply, nothing else.
    const before = await written();
    const again = await sendSms(t.http, PHONE, text, { id });
    expect(again.status).toBe(200);
    expect(again.body.reply).toBe(res.body.reply);
    expect(await written()).toEqual(before);
    // The reply is queued once, for the sender.
    const replies = (await queuedTo(t, PHONE)).filter((m) => m.text === res.body.reply);
    expect(replies).toEqual([{ purpose: 'reply', text: res.body.reply as string }]);
  });

  it('two identical posts at once record one check', async () => {
    const { id: accord, code } = await newAccord(1);
    const id = randomUUID();
    const replies = await Promise.all(
      [0, 1, 2].map(() => sendSms(t.http, PHONE, `SUIVI ${code} TENDU 1=1`, { id })),
    );
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(new Set(replies.map((r) => r.body.reply as string)).size).toBe(1);
    expect(await countRows(t, 'follow_up', `accord_id = '${accord}'`)).toBe(1);
    expect(await countRows(t, 'sms_inbound', `message_key = '${id}'`)).toBe(1);
  });

  it('ALERTE raises a high-severity flag: the case is breaking down', async () => {
    const res = await sendSms(t.http, PHONE, `ALERTE ${smsCode} Hommes armés au marché`);
    expect(res.body.reply).toMatch(
      new RegExp(`^Alerte ${smsCode} transmise aux coordinateurs, réf \\d{4}\\.$`),
    );
    const { rows } = await t.db.query<{ severity: string; reason: string; raised_by: string }>(
      'SELECT severity, reason, raised_by FROM accord_flag WHERE accord_id = $1',
      [accordId],
    );
    expect(rows).toEqual([expect.objectContaining({ severity: 'high', raised_by: mediator.id })]);
    expect(rows[0].reason).toMatch(/^enc:/);
    const kase = await t.db.query<{ status: string }>(
      'SELECT status FROM dialogue_case WHERE id = $1',
      [caseId],
    );
    expect(kase.rows[0].status).toBe('breaking_down');
  });

  it('a wrong signature, a stale timestamp or no signature: 401, nothing written', async () => {
    const before = await written();
    const body = JSON.stringify({
      id: randomUUID(),
      from: PHONE,
      text: `ALERTE ${smsCode}`,
      receivedAt: new Date().toISOString(),
    });
    const wrongKey = `whsec_${Buffer.from('another secret of thirty-two byte').toString('base64')}`;
    const stale = new Date(Date.now() - 6 * 60_000);
    for (const headers of [
      webhookHeaders(body, { secret: wrongKey }),
      webhookHeaders(body, { timestamp: stale }),
      { 'content-type': 'application/json' },
      { ...webhookHeaders(body), 'webhook-signature': 'v1,AAAA' },
    ]) {
      const res = await t.http.post('/api/v1/sms/inbound/generic').set(headers).send(body);
      expect(res.status).toBe(401);
    }
    // Signed over another body.
    const tampered = await t.http
      .post('/api/v1/sms/inbound/generic')
      .set(webhookHeaders(body))
      .send(body.replace('ALERTE', 'SUIVI '));
    expect(tampered.status).toBe(401);
    expect(await written()).toEqual(before);
  });

  it('unknown number, unknown code, foreign accord: one answer, nothing done', async () => {
    const stranger = await factory.user('mediator');
    await verifiedPhone(stranger, '+22379000001');
    const before = await written();
    const replies = [
      await sendSms(t.http, '+22379999999', `SUIVI ${smsCode} STABLE 1=3`),
      await sendSms(t.http, PHONE, 'SUIVI 000000 STABLE 1=3'),
      await sendSms(t.http, '+22379000001', `SUIVI ${smsCode} STABLE 1=3`),
      await sendSms(t.http, '+22379000001', `ALERTE ${smsCode}`),
    ];
    for (const res of replies) expect(res.body).toEqual({ reply: SMS_REPLIES.refused });
    const after = await written();
    expect(after.followUps).toBe(before.followUps);
    expect(after.flags).toBe(before.flags);
    expect(after.inbound).toBe(before.inbound + 4);
  });

  it("the app's access rules: the association's coordinator may, an official or a pending member may not", async () => {
    const { id: accord, code } = await newAccord(1);
    const coordinator = await factory.user('coordinator', {
      associationId: mediator.associationId!,
    });
    const official = await factory.user('official');
    const pending = await factory.user('mediator', {
      associationId: mediator.associationId!,
      pending: true,
    });
    await verifiedPhone(coordinator, '+22379000002');
    await verifiedPhone(official, '+22379000003');
    await verifiedPhone(pending, '+22379000004');
    const recorded = await sendSms(t.http, '+22379000002', `SUIVI ${code} STABLE 1=3`);
    expect(recorded.body.reply).toMatch(new RegExp(`^Suivi ${code} enregistré`));
    for (const from of ['+22379000003', '+22379000004']) {
      expect((await sendSms(t.http, from, `SUIVI ${code} STABLE 1=3`)).body.reply).toBe(
        SMS_REPLIES.refused,
      );
    }
    const { rows } = await t.db.query<{ created_by: string }>(
      'SELECT created_by FROM follow_up WHERE accord_id = $1',
      [accord],
    );
    expect(rows).toEqual([{ created_by: coordinator.id }]);
  });

  it('malformed texts and unknown term numbers answer the format and write nothing', async () => {
    const before = await written();
    expect((await sendSms(t.http, PHONE, `SUIVI ${smsCode} CALME 1=3`)).body.reply).toBe(
      SMS_REPLIES.formatFollowUp,
    );
    expect((await sendSms(t.http, PHONE, 'ALERTE')).body.reply).toBe(SMS_REPLIES.formatAlert);
    expect((await sendSms(t.http, PHONE, 'Bonjour')).body.reply).toBe(SMS_REPLIES.unknown);
    expect((await sendSms(t.http, PHONE, 'AIDE')).body.reply).toBe(SMS_REPLIES.help);
    expect((await sendSms(t.http, PHONE, `SUIVI ${smsCode} STABLE 1=3 7=2`)).body.reply).toBe(
      SMS_REPLIES.unknownTerms(smsCode, [7]),
    );
    const after = await written();
    expect(after.followUps).toBe(before.followUps);
    expect(after.flags).toBe(before.flags);
  });

  it('every message is audited without its text or number', async () => {
    const { rows } = await t.db.query<{ details: unknown }>(
      "SELECT details FROM audit_event WHERE action = 'sms.inbound'",
    );
    expect(rows.length).toBeGreaterThan(10);
    const trail = JSON.stringify(rows);
    expect(trail).not.toMatch(/76123456|Marché|Hommes|SUIVI/);
    expect(readFileSync(t.logFile, 'utf8')).not.toMatch(/76123456|Hommes armés|Marché rouvert/);
  });

  it("Africa's Talking and RapidPro need their URL token; RapidPro's resends are one message", async () => {
    const form = {
      id: `ATX_${randomUUID()}`,
      from: PHONE,
      text: 'AIDE',
      date: '2027-01-10 08:15:00',
      to: '12345',
      linkId: 'x',
    };
    const at = (token: string) =>
      t.http
        .post(`/api/v1/sms/inbound/africastalking?token=${token}`)
        .set('content-type', 'application/x-www-form-urlencoded')
        .send(new URLSearchParams(form).toString());
    expect((await at('wrong-token-0123456789abcdefg')).status).toBe(401);
    const ok = await at(AT_TOKEN);
    expect(ok.status).toBe(200);
    expect(ok.body.reply).toBe(SMS_REPLIES.help);

    const before = await countRows(t, 'sms_inbound', "gateway = 'rapidpro'");
    const rp = () =>
      t.http
        .post(`/api/v1/sms/inbound/rapidpro?token=${RAPIDPRO_TOKEN}`)
        .send({ from: PHONE, text: `ALERTE ${smsCode} encore`, channel: 'x' });
    expect((await rp()).status).toBe(200);
    expect((await rp()).status).toBe(200);
    expect(await countRows(t, 'sms_inbound', "gateway = 'rapidpro'")).toBe(before + 1);
  });

  it("Twilio's posts need X-Twilio-Signature", async () => {
    const params = {
      MessageSid: `SM${randomUUID().replace(/-/g, '')}`,
      From: PHONE,
      To: '+15005550006',
      Body: 'AIDE',
      NumMedia: '0',
    };
    const ok = await sendTwilio(t.http, params);
    expect(ok.status).toBe(200);
    expect(ok.body.reply).toBe(SMS_REPLIES.help);
    expect(
      (await sendTwilio(t.http, { ...params, MessageSid: 'SMother' }, 'not-the-auth-token-000'))
        .status,
    ).toBe(401);
  });

  it('npm run sms:send posts a signed message to a running server', async () => {
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const script = join(__dirname, '..', '..', 'src', 'cli', 'sms-send.ts');
    const run = (args: string[]) =>
      promisify(execFile)(
        process.execPath,
        [require.resolve('ts-node/dist/bin.js'), '--transpile-only', script, ...args],
        { env: { ...process.env, ...SMS_ENV }, encoding: 'utf8' },
      );
    const id = `cli_${randomUUID()}`;
    const args = ['--from', PHONE, '--url', `http://127.0.0.1:${port}`, '--id', id];
    const out = await run([...args, `SUIVI ${smsCode} TENDU 1=2`]);
    expect(out.stdout).toMatch(new RegExp(`^Suivi ${smsCode} enregistré`));
    const before = await written();
    expect((await run([...args, `SUIVI ${smsCode} TENDU 1=2`])).stdout).toBe(out.stdout);
    expect(await written()).toEqual(before);
  });

  it('forms are refused on every other route', async () => {
    const res = await t.http
      .post('/api/v1/auth/login')
      .set('content-type', 'application/x-www-form-urlencoded')
      .send('username=a&password=b');
    expect(res.status).toBe(415);
  });

  it('with TOGUNA_SMS_SECRET unset, every SMS route is off (404)', async () => {
    const off = await startTestApp();
    try {
      for (const gateway of ['generic', 'rapidpro', 'africastalking', 'twilio']) {
        const body = JSON.stringify({
          id: 'x',
          from: PHONE,
          text: 'AIDE',
          receivedAt: new Date().toISOString(),
        });
        const res = await off.http
          .post(`/api/v1/sms/inbound/${gateway}`)
          .set(webhookHeaders(body))
          .send(body);
        expect(res.status).toBe(404);
      }
      expect(await countRows(off, 'sms_inbound')).toBe(0);
    } finally {
      await off.close();
    }
  });
});
