import { Webhook } from 'standardwebhooks';
import { SmsDelivery, SmsOutbox } from '../../src/modules/sms-outbox';
import { Transactions } from '../../src/database/transactions';
import { bearer, Factory, login } from '../support/factories';
import { StandInGateway, TEST_SMS_SECRET } from '../support/sms-gateway';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The SMS outbox: messages queued in the writer's transaction, delivered
 * through a real HTTP server standing in for each kind of gateway, once
 * even with two instances, retried with backoff, and never to a short code
 * or in a loop.
 */
const NUMBER = '+22376123456';

async function queue(
  app: TestApp,
  text: string,
  options: {
    to?: string;
    purpose?: 'reply' | 'verification' | 'reminder';
    dedupeKey?: string;
  } = {},
): Promise<boolean> {
  return app.app.get(Transactions).run((tx) =>
    app.app.get(SmsOutbox).enqueue(tx, {
      to: options.to ?? NUMBER,
      text,
      purpose: options.purpose ?? 'reply',
      dedupeKey: options.dedupeKey,
    }),
  );
}

async function statuses(app: TestApp): Promise<{ status: string; attempts: number }[]> {
  const { rows } = await app.db.query<{ status: string; attempts: number }>(
    'SELECT status, attempts FROM sms_outbox ORDER BY created_at, id',
  );
  return rows;
}

describe('SMS outbox with the generic gateway', () => {
  const gateway = new StandInGateway();
  let one: TestApp;
  let two: TestApp;
  let adminToken: string;

  beforeAll(async () => {
    const url = await gateway.start();
    const env = { TOGUNA_SMS_SECRET: TEST_SMS_SECRET, TOGUNA_SMS_OUTBOUND_URL: url };
    one = await startTestApp(env);
    two = await startTestApp(
      { ...env, TOGUNA_KEYS_DIR: one.config.keysDir },
      { databaseUrl: one.databaseUrl },
    );
    const admin = await new Factory(one.db).user('admin');
    adminToken = (await login(one.http, admin.username)).accessToken;
  });

  afterAll(async () => {
    await two?.close();
    await one?.close();
    await gateway.stop();
  });

  beforeEach(async () => {
    gateway.requests.length = 0;
    gateway.status = 200;
    await one.db.query('DELETE FROM sms_outbox');
  });

  it('posts {id, to, text} signed as Standard Webhooks say, and marks it sent', async () => {
    expect(await queue(one, 'Suivi K7M2QX enregistré, réf 4821.')).toBe(true);
    const run = await one.app.get(SmsDelivery).deliverOnce();
    expect(run).toMatchObject({ ran: true, sent: 1 });
    expect(gateway.requests).toHaveLength(1);
    const [request] = gateway.requests;
    const payload = new Webhook(TEST_SMS_SECRET).verify(request.body, {
      'webhook-id': String(request.headers['webhook-id']),
      'webhook-timestamp': String(request.headers['webhook-timestamp']),
      'webhook-signature': String(request.headers['webhook-signature']),
    }) as { id: string; to: string; text: string };
    expect(payload).toEqual({
      id: request.headers['webhook-id'],
      to: NUMBER,
      text: 'Suivi K7M2QX enregistré, réf 4821.',
    });
    expect(await statuses(one)).toEqual([{ status: 'sent', attempts: 1 }]);
    // Nothing more to send.
    expect(await one.app.get(SmsDelivery).deliverOnce()).toMatchObject({ sent: 0 });
    expect(gateway.requests).toHaveLength(1);
  });

  it('stores the number and the text encrypted', async () => {
    await queue(one, 'Code Toguna 123456', { purpose: 'verification' });
    const { rows } = await one.db.query<{ to_number: string; text: string }>(
      'SELECT to_number, text FROM sms_outbox',
    );
    expect(rows[0].to_number).toMatch(/^enc:v1:/);
    expect(rows[0].text).toMatch(/^enc:v1:/);
    expect(JSON.stringify(rows)).not.toContain('76123456');
  });

  it('sends each message once when two instances deliver at the same time', async () => {
    for (let i = 0; i < 30; i++) await queue(one, `Suivi K7M2QX enregistré, réf ${1000 + i}.`);
    const deliveries = [one, two, one, two].map((app) => app.app.get(SmsDelivery));
    let sent = 0;
    for (let round = 0; round < 5; round++) {
      const runs = await Promise.all(deliveries.map((d) => d.deliverOnce()));
      sent += runs.reduce((sum, r) => sum + r.sent, 0);
    }
    expect(sent).toBe(30);
    const ids = gateway.json<{ id: string }>().map((p) => p.id);
    expect(ids).toHaveLength(30);
    expect(new Set(ids).size).toBe(30);
    expect((await statuses(one)).every((s) => s.status === 'sent' && s.attempts === 1)).toBe(true);
  });

  it('tries again later after a 503, with the same id, and gives up at once on a 400', async () => {
    await queue(one, 'Suivi K7M2QX enregistré, réf 1.');
    gateway.status = 503;
    expect(await one.app.get(SmsDelivery).deliverOnce()).toMatchObject({ retried: 1 });
    const { rows } = await one.db.query<{ wait: number; last_error: string; status: string }>(
      `SELECT extract(epoch FROM next_attempt_at - now())::int AS wait, last_error, status FROM sms_outbox`,
    );
    expect(rows[0]).toMatchObject({ status: 'queued', last_error: 'HTTP 503' });
    expect(rows[0].wait).toBeGreaterThan(20);
    // Not due yet: nothing is sent.
    expect(await one.app.get(SmsDelivery).deliverOnce()).toMatchObject({ sent: 0, retried: 0 });
    await one.db.query('UPDATE sms_outbox SET next_attempt_at = now()');
    gateway.status = 200;
    expect(await one.app.get(SmsDelivery).deliverOnce()).toMatchObject({ sent: 1 });
    const ids = gateway.json<{ id: string }>().map((p) => p.id);
    expect(ids).toHaveLength(2);
    expect(ids[0]).toBe(ids[1]);
    expect(await statuses(one)).toEqual([{ status: 'sent', attempts: 2 }]);

    await queue(one, 'Suivi K7M2QX enregistré, réf 2.');
    gateway.status = 400;
    expect(await one.app.get(SmsDelivery).deliverOnce()).toMatchObject({ failed: 1 });
    expect((await statuses(one))[1]).toEqual({ status: 'failed', attempts: 1 });
  });

  it('keeps a message that a gateway never answers for another attempt', async () => {
    await queue(one, 'Suivi K7M2QX enregistré, réf 3.');
    await gateway.stop();
    try {
      expect(await one.app.get(SmsDelivery).deliverOnce()).toMatchObject({ retried: 1 });
    } finally {
      await gateway.start().catch(() => undefined);
    }
    const { rows } = await one.db.query<{ last_error: string; status: string }>(
      'SELECT last_error, status FROM sms_outbox',
    );
    expect(rows[0]).toEqual({ last_error: 'unreachable', status: 'queued' });
  });

  it('never writes to a short code or an alphanumeric sender', async () => {
    expect(await queue(one, 'AIDE: SUIVI <code> STABLE', { to: '36000' })).toBe(false);
    expect(await queue(one, 'AIDE: SUIVI <code> STABLE', { to: 'ORANGE' })).toBe(false);
    expect(await statuses(one)).toEqual([]);
  });

  it('caps identical texts to one number, so two automatic systems cannot loop', async () => {
    const results: boolean[] = [];
    for (let i = 0; i < 6; i++)
      results.push(await queue(one, 'Message non compris. Envoyez AIDE.'));
    expect(results).toEqual([true, true, true, false, false, false]);
    // Another text, or another number, still goes.
    expect(await queue(one, 'Suivi K7M2QX enregistré, réf 9.')).toBe(true);
    expect(await queue(one, 'Message non compris. Envoyez AIDE.', { to: '+22366123456' })).toBe(
      true,
    );
  });

  it('queues a message with a dedupe key once', async () => {
    const key = 'reminder:accord:number:2026-12-07';
    expect(await queue(one, 'Rappel: suivi K7M2QX du 07/12.', { dedupeKey: key })).toBe(true);
    expect(await queue(one, 'Rappel: suivi K7M2QX du 07/12.', { dedupeKey: key })).toBe(false);
    expect(await statuses(one)).toHaveLength(1);
  });

  it('refuses, as a programming error, a text that is not one GSM-7 SMS', async () => {
    await expect(queue(one, 'Prêt à être envoyé')).rejects.toThrow(/GSM-7/);
    await expect(queue(one, 'x'.repeat(161))).rejects.toThrow(/GSM-7/);
    expect(await statuses(one)).toEqual([]);
  });

  it('shows the admin what waits, numbers masked and codes hidden; others get 403', async () => {
    await queue(one, 'Code Toguna 654321', { purpose: 'verification' });
    await queue(one, 'Suivi K7M2QX enregistré, réf 4821.');
    const res = await one.http
      .get('/api/v1/sms/outbox?limit=1')
      .set(bearer(adminToken))
      .expect(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      to: '+223 ** ** 34 56',
      purpose: 'reply',
      text: 'Suivi K7M2QX enregistré, réf 4821.',
      status: 'queued',
      attempts: 0,
    });
    const next = await one.http
      .get(`/api/v1/sms/outbox?cursor=${res.body.nextCursor}`)
      .set(bearer(adminToken))
      .expect(200);
    expect(next.body.items).toEqual([
      expect.objectContaining({ purpose: 'verification', text: null }),
    ]);
    expect(next.body.nextCursor).toBeNull();
    expect(JSON.stringify([res.body, next.body])).not.toContain('654321');
    await one.http
      .get('/api/v1/sms/outbox?status=sent')
      .set(bearer(adminToken))
      .expect(200)
      .expect(({ body }) => expect(body.items).toEqual([]));
    await one.http.get('/api/v1/sms/outbox?status=lost').set(bearer(adminToken)).expect(400);

    const coordinator = await new Factory(one.db).user('coordinator');
    const token = (await login(one.http, coordinator.username)).accessToken;
    await one.http.get('/api/v1/sms/outbox').set(bearer(token)).expect(403);
    await one.http.get('/api/v1/sms/outbox').expect(401);
  });
});

describe('SMS outbox with the other gateways', () => {
  const gateway = new StandInGateway();
  let url: string;

  beforeAll(async () => {
    url = await gateway.start();
  });
  afterAll(() => gateway.stop());
  beforeEach(() => {
    gateway.requests.length = 0;
    gateway.status = 200;
  });

  it("posts RapidPro's external-channel send format", async () => {
    const app = await startTestApp({
      TOGUNA_SMS_SECRET: TEST_SMS_SECRET,
      TOGUNA_SMS_GATEWAY: 'rapidpro',
      TOGUNA_SMS_OUTBOUND_URL: url,
      TOGUNA_SMS_SENDER: '+22370000000',
    });
    try {
      await queue(app, 'Suivi K7M2QX enregistré, réf 4821.');
      expect(await app.app.get(SmsDelivery).deliverOnce()).toMatchObject({ sent: 1 });
      expect(gateway.json()[0]).toEqual({
        id: expect.any(String),
        text: 'Suivi K7M2QX enregistré, réf 4821.',
        to: NUMBER,
        to_no_plus: '22376123456',
        from: '+22370000000',
        from_no_plus: '22370000000',
      });
    } finally {
      await app.close();
    }
  });

  it("posts Africa's Talking's form with its API key, and reads each recipient's status", async () => {
    const app = await startTestApp({
      TOGUNA_SMS_SECRET: TEST_SMS_SECRET,
      TOGUNA_SMS_GATEWAY: 'africastalking',
      TOGUNA_SMS_OUTBOUND_URL: url,
      TOGUNA_SMS_AT_USERNAME: 'sandbox',
      TOGUNA_SMS_AT_API_KEY: 'at-test-key-0123456789',
    });
    try {
      gateway.status = 201;
      gateway.body = JSON.stringify({
        SMSMessageData: { Recipients: [{ statusCode: 101, status: 'Success', number: NUMBER }] },
      });
      await queue(app, 'Suivi K7M2QX enregistré, réf 1.');
      expect(await app.app.get(SmsDelivery).deliverOnce()).toMatchObject({ sent: 1 });
      const [request] = gateway.requests;
      expect(request.headers.apikey).toBe('at-test-key-0123456789');
      expect(Object.fromEntries(new URLSearchParams(request.body))).toEqual({
        username: 'sandbox',
        to: NUMBER,
        message: 'Suivi K7M2QX enregistré, réf 1.',
      });

      // 403 "invalid phone number" for that recipient: not worth trying again.
      gateway.body = JSON.stringify({
        SMSMessageData: { Recipients: [{ statusCode: 403, status: 'InvalidPhoneNumber' }] },
      });
      await queue(app, 'Suivi K7M2QX enregistré, réf 2.');
      expect(await app.app.get(SmsDelivery).deliverOnce()).toMatchObject({ failed: 1 });
    } finally {
      gateway.body = '{}';
      await app.close();
    }
  });

  it('keeps messages queued when no gateway is configured', async () => {
    const app = await startTestApp({ TOGUNA_SMS_SECRET: TEST_SMS_SECRET });
    try {
      await queue(app, 'Suivi K7M2QX enregistré, réf 1.');
      expect(await app.app.get(SmsDelivery).deliverOnce()).toMatchObject({ ran: false });
      expect(await statuses(app)).toEqual([{ status: 'queued', attempts: 0 }]);
      expect(gateway.requests).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('answers 404 on the outbox with SMS off', async () => {
    const app = await startTestApp();
    try {
      const admin = await new Factory(app.db).user('admin');
      const token = (await login(app.http, admin.username)).accessToken;
      await app.http.get('/api/v1/sms/outbox').set(bearer(token)).expect(404);
    } finally {
      await app.close();
    }
  });
});
