import { randomUUID } from 'node:crypto';
import { FieldCipher } from '../../src/common/crypto/field-cipher';
import { LookupHasher } from '../../src/common/crypto/lookup-hasher';
import { FollowUpRemindersService } from '../../src/modules/notifications/follow-up-reminders.service';
import { SmsDelivery } from '../../src/modules/sms-outbox';
import { SmsReminders } from '../../src/modules/sms-reminders';
import { AccordFactory, daysFrom } from '../support/accords';
import { bearer, Factory, login, TestUser } from '../support/factories';
import { StandInGateway, TEST_SMS_SECRET } from '../support/sms-gateway';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Follow-up reminders by SMS: an overdue accord sends one reminder SMS per
 * verified number of those notified, not two, with two API instances running
 * every job at once; never to a disabled account or one that turned them off.
 */
describe('follow-up reminders by SMS with two API instances', () => {
  const gateway = new StandInGateway();
  let one: TestApp;
  let two: TestApp;
  let mediator: TestUser;
  let coordinator: TestUser;
  let optedOut: TestUser;
  let accord: { id: string };
  let smsCode: string;

  async function verifiedPhone(app: TestApp, userId: string, number: string): Promise<void> {
    const id = randomUUID();
    await app.db.query(
      `INSERT INTO phone_number (id, user_id, number, number_hash, verified_at, added_by)
       VALUES ($1, $2, $3, $4, now(), $2)`,
      [
        id,
        userId,
        app.app
          .get(FieldCipher)
          .encrypt(number, { table: 'phone_number', column: 'number', rowId: id }),
        app.app.get(LookupHasher).digest('phone-number', number),
      ],
    );
  }

  beforeAll(async () => {
    const url = await gateway.start();
    const env = {
      TOGUNA_SMS_SECRET: TEST_SMS_SECRET,
      TOGUNA_SMS_OUTBOUND_URL: url,
      TOGUNA_SCHEDULER_INTERVAL_SECONDS: '1',
    };
    one = await startTestApp(env);
    two = await startTestApp(
      { ...env, TOGUNA_KEYS_DIR: one.config.keysDir },
      { databaseUrl: one.databaseUrl },
    );
    const factory = new Factory(one.db);
    const association = (await factory.association()).id;
    const commune = await factory.areaId('Dinangourou', 'commune');
    mediator = await factory.user('mediator', { associationId: association });
    coordinator = await factory.user('coordinator', { associationId: association });
    optedOut = await factory.user('coordinator', { associationId: association });
    const disabled = await factory.user('mediator', { associationId: association });
    await verifiedPhone(one, mediator.id, '+22376123456');
    await verifiedPhone(one, coordinator.id, '+22366123456');
    await verifiedPhone(one, optedOut.id, '+22379123456');
    await verifiedPhone(one, disabled.id, '+22365123456');
    // A number still waiting for its code gets nothing.
    await one.db.query(
      `INSERT INTO phone_number (id, user_id, number, number_hash, added_by)
       VALUES ($1, $2, 'enc:unverified', 'unverified', $2)`,
      [randomUUID(), coordinator.id],
    );
    const token = bearer((await login(one.http, optedOut.username)).accessToken);
    await one.http.get('/api/v1/me/sms-reminders').set(token).expect(200, { enabled: true });
    await one.http
      .put('/api/v1/me/sms-reminders')
      .set(token)
      .send({ enabled: false })
      .expect(200, { enabled: false });
    await one.http.get('/api/v1/me/sms-reminders').set(token).expect(200, { enabled: false });
    const caseId = (
      await factory.dialogueCase({
        associationId: association,
        areaId: commune,
        createdBy: coordinator.id,
        status: 'monitoring',
        team: [
          { userId: mediator.id, lead: true },
          { userId: disabled.id, lead: false },
        ],
      })
    ).id;
    await one.db.query('UPDATE app_user SET disabled = true WHERE id = $1', [disabled.id]);
    // Never checked, due 10 days ago.
    accord = await new AccordFactory(one.db, coordinator.id).accord({
      caseId,
      concludedAt: daysFrom(new Date(), -40),
    });
    smsCode = (
      await one.db.query<{ sms_code: string }>('SELECT sms_code FROM accord WHERE id = $1', [
        accord.id,
      ])
    ).rows[0].sms_code;
  });

  afterAll(async () => {
    await two?.close();
    await one?.close();
    await gateway.stop();
  });

  it('sends one reminder to each verified number of those notified, once', async () => {
    const apps = [one, two, one, two];
    // Every job of both instances at once, several times over, on top of their timers.
    for (let round = 0; round < 3; round++) {
      await Promise.all(apps.map((a) => a.app.get(FollowUpRemindersService).runOnce()));
      await Promise.all(apps.map((a) => a.app.get(SmsReminders).dispatchOnce()));
      await Promise.all(apps.map((a) => a.app.get(SmsDelivery).deliverOnce()));
    }
    // Let the timers of both instances run a few more times.
    await new Promise((r) => setTimeout(r, 2500));
    await Promise.all(apps.map((a) => a.app.get(SmsDelivery).deliverOnce()));

    const sent = gateway.json<{ to: string; text: string }>();
    expect(sent.map((m) => m.to).sort()).toEqual(['+22366123456', '+22376123456']);
    for (const message of sent) {
      expect(message.text).toMatch(
        new RegExp(`^Rappel: suivi ${smsCode} en retard \\(prévu le \\d\\d/\\d\\d\\)\\. `),
      );
    }
    const { rows } = await one.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sms_outbox WHERE purpose = 'reminder'`,
    );
    expect(rows[0].n).toBe(2);
    const pending = await one.db.query(
      `SELECT 1 FROM notification_outbox WHERE channel = 'sms' AND dispatched_at IS NULL`,
    );
    expect(pending.rows).toEqual([]);
  });

  it('sends no second reminder the same day for the same accord and number', async () => {
    // The overdue reminder is notified again (a new due date, say): still one SMS today.
    await one.db.query('DELETE FROM follow_up_reminder');
    await one.app.get(FollowUpRemindersService).runOnce();
    expect(await two.app.get(SmsReminders).dispatchOnce()).toMatchObject({
      ran: true,
      queued: 0,
    });
    const { rows } = await one.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM sms_outbox WHERE purpose = 'reminder'`,
    );
    expect(rows[0].n).toBe(2);
  });

  it('drops a reminder that waited more than a day instead of sending it late', async () => {
    await one.db.query('DELETE FROM follow_up_reminder');
    await one.app.get(FollowUpRemindersService).runOnce();
    const tomorrow = daysFrom(new Date(), 2);
    expect(await one.app.get(SmsReminders).dispatchOnce(tomorrow)).toMatchObject({
      ran: true,
      queued: 0,
    });
  });
});

describe('SMS reminders with SMS off', () => {
  it('answers 404 on the preference and queues nothing', async () => {
    const app = await startTestApp();
    try {
      const user = await new Factory(app.db).user('mediator');
      const token = bearer((await login(app.http, user.username)).accessToken);
      await app.http.get('/api/v1/me/sms-reminders').set(token).expect(404);
      await app.http
        .put('/api/v1/me/sms-reminders')
        .set(token)
        .send({ enabled: false })
        .expect(404);
      expect(await app.app.get(SmsReminders).dispatchOnce()).toMatchObject({ ran: false });
    } finally {
      await app.close();
    }
  });

  it('refuses a preference that is not a boolean', async () => {
    const app = await startTestApp({ TOGUNA_SMS_SECRET: TEST_SMS_SECRET });
    try {
      const user = await new Factory(app.db).user('mediator');
      const token = bearer((await login(app.http, user.username)).accessToken);
      const res = await app.http
        .put('/api/v1/me/sms-reminders')
        .set(token)
        .send({ enabled: 'non' })
        .expect(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
    } finally {
      await app.close();
    }
  });
});
