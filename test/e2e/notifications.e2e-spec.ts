import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  FollowUpRemindersService,
  ReminderRunResult,
} from '../../src/modules/notifications/follow-up-reminders.service';
import { NotificationsRepository } from '../../src/modules/notifications/notifications.repository';
import { AccordFactory, daysFrom } from '../support/accords';
import { bearer, Factory, login, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Notifications (issue 6): the caller's own list (newest first, unread
 * filter, message decrypted), read marks (anyone else's → 404), the outbox
 * written in the same transaction, and the follow-up reminder job creating
 * each due notification exactly once with two API instances on one database
 * (acceptance 4).
 */
describe('notifications', () => {
  let t: TestApp;
  let factory: Factory;
  let alice: TestUser;
  let bob: TestUser;
  let asAlice: Record<string, string>;
  let asBob: Record<string, string>;
  const aliceIds: string[] = [];
  let bobId: string;

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
    const association = (await factory.association()).id;
    alice = await factory.user('mediator', { associationId: association });
    bob = await factory.user('coordinator', { associationId: association });
    asAlice = bearer((await login(t.http, alice.username)).accessToken);
    asBob = bearer((await login(t.http, bob.username)).accessToken);
    const repository = t.app.get(NotificationsRepository);
    const dataSource = t.app.get(DataSource);
    // One transaction per notification, so that their created_at differ.
    for (let i = 0; i < 3; i++) {
      const [id] = await dataSource.transaction((tx) =>
        repository.insertMany(tx, [
          {
            userId: alice.id,
            kind: 'coordination_request',
            subjectType: 'case',
            subjectId: randomUUID(),
            message: `Message secret ${i}`,
          },
        ]),
      );
      aliceIds.push(id);
    }
    [bobId] = await dataSource.transaction((tx) =>
      repository.insertMany(tx, [
        { userId: bob.id, kind: 'case_assigned', subjectType: 'case', subjectId: randomUUID() },
      ]),
    );
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists only the caller’s own, newest first, message decrypted; encrypted at rest', async () => {
    const res = await t.http.get('/api/v1/notifications').set(asAlice).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const items = res.body.items as { id: string; message: string; readAt: string | null }[];
    expect(items.map((i) => i.id)).toEqual([...aliceIds].reverse());
    expect(items[0]).toMatchObject({
      kind: 'coordination_request',
      subjectType: 'case',
      message: 'Message secret 2',
      readAt: null,
    });
    const { rows } = await t.db.query<{ message: string }>(
      'SELECT message FROM notification WHERE id = $1',
      [aliceIds[0]],
    );
    expect(rows[0].message).toMatch(/^enc:v1:/);
    expect(rows[0].message).not.toContain('secret');
  });

  it('writes an outbox row in the same transaction as each notification', async () => {
    const { rows } = await t.db.query<{ notification_id: string; channel: string; kind: string }>(
      'SELECT notification_id, channel, kind FROM notification_outbox WHERE notification_id = ANY($1)',
      [[...aliceIds, bobId]],
    );
    expect(rows).toHaveLength(4);
    expect(new Set(rows.map((r) => r.channel))).toEqual(new Set(['in_app']));
  });

  it('pages with a cursor', async () => {
    const first = await t.http.get('/api/v1/notifications?limit=2').set(asAlice).expect(200);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await t.http
      .get(`/api/v1/notifications?limit=2&cursor=${first.body.nextCursor}`)
      .set(asAlice)
      .expect(200);
    expect((second.body.items as { id: string }[]).map((i) => i.id)).toEqual([aliceIds[0]]);
    expect(second.body.nextCursor).toBeNull();
    await t.http.get('/api/v1/notifications?cursor=garbage').set(asAlice).expect(400);
    await t.http.get('/api/v1/notifications?unread=maybe').set(asAlice).expect(400);
  });

  it('marks one read (own only, else 404) and filters unread', async () => {
    const read = await t.http
      .post(`/api/v1/notifications/${aliceIds[1]}/read`)
      .set(asAlice)
      .expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    expect(read.body.message).toBe('Message secret 1');
    // Again: still read, same time.
    const again = await t.http
      .post(`/api/v1/notifications/${aliceIds[1]}/read`)
      .set(asAlice)
      .expect(200);
    expect(again.body.readAt).toBe(read.body.readAt);

    await t.http.post(`/api/v1/notifications/${bobId}/read`).set(asAlice).expect(404);
    await t.http.post(`/api/v1/notifications/${randomUUID()}/read`).set(asAlice).expect(404);
    await t.http.post(`/api/v1/notifications/${aliceIds[0]}/read`).set(asBob).expect(404);
    await t.http.post('/api/v1/notifications/not-a-uuid/read').set(asAlice).expect(400);
    await t.http.post(`/api/v1/notifications/${aliceIds[0]}/read`).expect(401);

    const unread = await t.http.get('/api/v1/notifications?unread=true').set(asAlice).expect(200);
    expect((unread.body.items as { id: string }[]).map((i) => i.id)).toEqual([
      aliceIds[2],
      aliceIds[0],
    ]);
    const { rows } = await t.db.query(
      `SELECT 1 FROM audit_event WHERE action = 'notification.read' AND entity_id = $1`,
      [aliceIds[1]],
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
  });
});

describe('follow-up reminders with two API instances on one database', () => {
  let one: TestApp;
  let two: TestApp;
  const accordIds: Record<string, string> = {};
  let team: TestUser;
  let coordinators: TestUser[];

  beforeAll(async () => {
    // Both instances run the job every second, on the same database.
    one = await startTestApp({ TOGUNA_SCHEDULER_INTERVAL_SECONDS: '1' });
    // Like a real deployment, the instances share the database and the keys.
    two = await startTestApp(
      { TOGUNA_SCHEDULER_INTERVAL_SECONDS: '1', TOGUNA_KEYS_DIR: one.config.keysDir },
      { databaseUrl: one.databaseUrl },
    );
    const factory = new Factory(one.db);
    const association = (await factory.association()).id;
    const commune = await factory.areaId('Dinangourou', 'commune');
    team = await factory.user('mediator', { associationId: association });
    coordinators = [
      await factory.user('coordinator', { associationId: association }),
      await factory.user('coordinator', { associationId: association }),
    ];
    await factory.user('coordinator', { associationId: association, disabled: true });
    // Another association's coordinator and an unrelated mediator: never notified.
    await factory.user('coordinator');
    await factory.user('mediator', { associationId: association });
    const accords = new AccordFactory(one.db, coordinators[0].id);
    const now = new Date();
    const caseWith = async (status: 'monitoring' | 'closed' = 'monitoring'): Promise<string> =>
      (
        await factory.dialogueCase({
          associationId: association,
          areaId: commune,
          createdBy: coordinators[0].id,
          status,
          team: [{ userId: team.id, lead: true }],
        })
      ).id;
    // Never checked, due 10 days ago.
    accordIds.overdue = (
      await accords.accord({ caseId: await caseWith(), concludedAt: daysFrom(now, -40) })
    ).id;
    // Checked; next check due in 2 days.
    const dueSoon = await accords.accord({
      caseId: await caseWith(),
      concludedAt: daysFrom(now, -30),
    });
    await accords.followUp({
      accordId: dueSoon.id,
      checkedAt: daysFrom(now, -5),
      nextCheckDue: daysFrom(now, 2),
    });
    accordIds.dueSoon = dueSoon.id;
    // Not due yet, and a closed case: no reminders.
    accordIds.later = (
      await accords.accord({ caseId: await caseWith(), concludedAt: daysFrom(now, -10) })
    ).id;
    accordIds.closed = (
      await accords.accord({ caseId: await caseWith('closed'), concludedAt: daysFrom(now, -40) })
    ).id;
  });
  afterAll(async () => {
    await two?.close();
    await one?.close();
  });

  it('creates each due notification exactly once', async () => {
    // Concurrent runs on both instances, on top of their timers.
    const runs = await Promise.all(
      [one, two, one, two, one, two].map((app) => app.app.get(FollowUpRemindersService).runOnce()),
    );
    expect(runs.filter((r) => r.ran).length).toBeGreaterThanOrEqual(1);
    // Let the timers of both instances run a few more times.
    await new Promise((r) => setTimeout(r, 2500));

    const { rows: reminders } = await one.db.query<{ accord_id: string; kind: string }>(
      'SELECT accord_id, kind FROM follow_up_reminder ORDER BY kind',
    );
    expect(reminders).toEqual([
      { accord_id: accordIds.dueSoon, kind: 'follow_up_due' },
      { accord_id: accordIds.overdue, kind: 'follow_up_overdue' },
    ]);
    const { rows } = await one.db.query<{
      user_id: string;
      subject_id: string;
      kind: string;
      n: number;
      outbox: number;
    }>(
      `SELECT n.user_id, n.subject_id, n.kind, count(*)::int AS n,
              (SELECT count(*)::int FROM notification_outbox o
                 JOIN notification m ON m.id = o.notification_id
                WHERE m.user_id = n.user_id AND m.subject_id = n.subject_id AND m.kind = n.kind) AS outbox
         FROM notification n
        WHERE n.kind IN ('follow_up_due', 'follow_up_overdue')
        GROUP BY n.user_id, n.subject_id, n.kind`,
    );
    const recipients = [team, ...coordinators].map((u) => u.id);
    const expected = [
      ...recipients.map((id) => `${id} ${accordIds.overdue} follow_up_overdue`),
      ...recipients.map((id) => `${id} ${accordIds.dueSoon} follow_up_due`),
    ].sort();
    expect(rows.map((r) => `${r.user_id} ${r.subject_id} ${r.kind}`).sort()).toEqual(expected);
    // One outbox row per channel: in the app, and by SMS (sent to verified numbers, if any).
    expect(rows.every((r) => r.n === 1 && r.outbox === 2)).toBe(true);

    // A later run finds nothing new.
    const again = await two.app.get(FollowUpRemindersService).runOnce();
    expect(again.reminders).toBe(0);

    // The team member sees theirs through the API.
    const token = bearer((await login(one.http, team.username)).accessToken);
    const list = await one.http.get('/api/v1/notifications?unread=true').set(token).expect(200);
    expect(
      (list.body.items as { kind: string; subjectType: string; subjectId: string }[])
        .filter((i) => i.kind.startsWith('follow_up_'))
        .map((i) => `${i.subjectType} ${i.subjectId} ${i.kind}`)
        .sort(),
    ).toEqual(
      [
        `accord ${accordIds.overdue} follow_up_overdue`,
        `accord ${accordIds.dueSoon} follow_up_due`,
      ].sort(),
    );
  });

  it('notifies the new due date once more after the next check is recorded', async () => {
    const accords = new AccordFactory(one.db, coordinators[0].id);
    const now = new Date();
    await accords.followUp({
      accordId: accordIds.overdue,
      checkedAt: now,
      nextCheckDue: daysFrom(now, 1),
    });
    // Both instances' timers also run: a run started before the check was
    // recorded may hold the lock, so ask until a run has started after it.
    const runs: ReminderRunResult[] = [];
    for (let i = 0; i < 50 && !runs.some((r) => r.ran); i++) {
      runs.push(await one.app.get(FollowUpRemindersService).runOnce());
      runs.push(await two.app.get(FollowUpRemindersService).runOnce());
      if (!runs.some((r) => r.ran)) await new Promise((r) => setTimeout(r, 100));
    }
    expect(runs.some((r) => r.ran)).toBe(true);
    expect(runs.reduce((sum, r) => sum + r.reminders, 0)).toBeLessThanOrEqual(1);
    const { rows } = await one.db.query(
      `SELECT 1 FROM follow_up_reminder WHERE accord_id = $1 AND kind = 'follow_up_due'`,
      [accordIds.overdue],
    );
    expect(rows).toHaveLength(1);
  });
});
