import { randomUUID } from 'node:crypto';
import { fitsOneSms } from '../../src/modules/sms-outbox';
import { accordThroughApi } from '../support/accords';
import { bearer, Factory, login, TestUser } from '../support/factories';
import { pool, Random, seededRandom } from '../support/fuzz';
import { codeSentTo, countRows, sendSms, SMS_ENV } from '../support/sms';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(300_000);

/**
 * Issue 19's fuzz test: at least 2,000 random and near-miss messages from a
 * verified number, unknown numbers and junk senders. No answer is a 5xx, every
 * reply fits one SMS, and nothing is partly written: each check or flag has
 * exactly the inbound record and audit events that go with it.
 */
const SEED = Number(process.env.TOGUNA_FUZZ_SEED ?? 19);
const RANDOM_TEXTS = 800;
const NEAR_MISSES = 1300;

const pick = <T>(rand: Random, items: readonly T[]): T => items[Math.floor(rand() * items.length)];
const ALPHABET =
  'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 =#?éèàùçêîôûÉ\t\n-_.,;:!/\\\'"<>{}[]|';
const ODD = ['\u0000', '\u202e', '\u200b', '\ud800', '😀', '\u00a0', '\r\n', 'ﬁ', 'Ａ', '١'];

function randomText(rand: Random): string {
  const length = Math.floor(rand() * (rand() < 0.05 ? 2000 : 80));
  let text = '';
  for (let i = 0; i < length; i++)
    text += rand() < 0.05 ? pick(rand, ODD) : pick(rand, [...ALPHABET]);
  return text;
}

/** A valid message, then bent: keywords, codes, levels, numbers, spacing, case, accents. */
function nearMiss(rand: Random, code: string): string {
  const level = () => pick(rand, ['0', '1', '2', '3', 'V', 'v', '?', '4', 'X', '', '33', '-1']);
  const number = () => pick(rand, ['1', '2', '3', '4', '0', '01', '999', '1000', 'a', '']);
  const codeLike = () =>
    pick(rand, [
      code,
      code.toLowerCase(),
      code.slice(0, 5),
      `${code}X`,
      code.replace(/0/g, 'O'),
      'ZZZZZZ',
      'UUUUUU',
      '',
    ]);
  const sep = () => pick(rand, [' ', '  ', '\t', ' = ', '=', '', '\n']);
  const parts: string[] = [];
  switch (pick(rand, ['suivi', 'alerte', 'code', 'aide', 'other'] as const)) {
    case 'suivi': {
      parts.push(pick(rand, ['SUIVI', 'suivi', 'Suívi', 'SUIV', 'SUIVIS', 'SÛIVI']), codeLike());
      parts.push(pick(rand, ['STABLE', 'tendu', 'Rupture', 'CALME', '', 'STABLE STABLE']));
      const n = Math.floor(rand() * 5);
      for (let i = 0; i < n; i++)
        parts.push(`${number()}${pick(rand, ['=', ' = ', ':', ''])}${level()}`);
      if (rand() < 0.3) parts.push(`#${randomText(rand).slice(0, 40)}`);
      break;
    }
    case 'alerte':
      parts.push(pick(rand, ['ALERTE', 'alerte', 'Alerté', 'ALERT']), codeLike());
      if (rand() < 0.5) parts.push(randomText(rand).slice(0, 60));
      break;
    case 'code':
      parts.push(
        pick(rand, ['CODE', 'code', 'COD']),
        pick(rand, ['123456', '12345', '1234567', '12 34 56', 'abcdef', '']),
      );
      break;
    case 'aide':
      parts.push(pick(rand, ['AIDE', 'aide', ' Aide ', 'AIDE?', 'AIDE #x']));
      break;
    case 'other':
      parts.push(pick(rand, ['#', '=', '1=3', code, 'STABLE', '?']));
  }
  return parts.join(sep());
}

describe('SMS fuzz (issue 19)', () => {
  let t: TestApp;
  let mediator: TestUser;
  const PHONE = '+22376123456';

  beforeAll(async () => {
    t = await startTestApp(SMS_ENV);
    const factory = new Factory(t.db);
    mediator = await factory.user('mediator');
    const asMediator = bearer((await login(t.http, mediator.username)).accessToken);
    const added = await t.http.post('/api/v1/me/phones').set(asMediator).send({ number: PHONE });
    const code = await codeSentTo(t, PHONE);
    await t.http
      .post(`/api/v1/me/phones/${added.body.id}/verify`)
      .set(asMediator)
      .send({ code })
      .expect(200);
  });
  afterAll(() => t.close());

  it('no 5xx, every reply one SMS, nothing partly written', async () => {
    const kase = await new Factory(t.db).dialogueCase({
      associationId: mediator.associationId!,
      areaId: await new Factory(t.db).areaId('Dinangourou', 'commune'),
      createdBy: mediator.id,
      status: 'negotiating',
      team: [{ userId: mediator.id, lead: true }],
    });
    const asMediator = bearer((await login(t.http, mediator.username)).accessToken);
    const { code } = await accordThroughApi(t.http, asMediator, kase.id);

    const rand = seededRandom(SEED);
    const senders = [
      PHONE,
      PHONE,
      PHONE,
      '+22379999999',
      '36000',
      'ORANGE',
      '+1 (555) 01',
      '00223761234567',
    ];
    const messages = [
      ...Array.from({ length: RANDOM_TEXTS }, () => randomText(rand)),
      ...Array.from({ length: NEAR_MISSES }, () => nearMiss(rand, code)),
    ].map((text) => ({ id: randomUUID(), from: pick(rand, senders), text }));
    // Some resent, as gateways do.
    const resent = messages.filter(() => rand() < 0.05);
    const all = [...messages, ...resent];
    expect(messages.length).toBeGreaterThanOrEqual(2000);

    const results = await pool(
      all.map(
        (m) => () => sendSms(t.http, m.from, m.text, { id: m.id }).then((res) => ({ m, res })),
      ),
      4,
    );
    const failures = results.filter(({ res }) => res.status >= 500);
    expect(failures.map(({ m, res }) => `${res.status} ${JSON.stringify(m)}`)).toEqual([]);
    for (const { res } of results.filter((r) => r.res.status === 200)) {
      expect(fitsOneSms(res.body.reply as string)).toBe(true);
    }
    // A resent message got the reply of the first.
    const replyOf = new Map<string, string>();
    for (const { m, res } of results.filter((r) => r.res.status === 200)) {
      if (replyOf.has(m.id)) expect(res.body.reply).toBe(replyOf.get(m.id));
      replyOf.set(m.id, res.body.reply as string);
    }

    // Nothing partly written: each message once, each change with its record and events.
    const inbound = await countRows(t, 'sms_inbound');
    expect(inbound).toBe(replyOf.size);
    expect(await countRows(t, 'audit_event', "action = 'sms.inbound'")).toBe(inbound);
    const recorded = await countRows(t, 'sms_inbound', "outcome = 'recorded'");
    expect(await countRows(t, 'follow_up', "method = 'sms'")).toBe(recorded);
    expect(await countRows(t, 'audit_event', "action = 'follow_up.create'")).toBe(recorded);
    const alerted = await countRows(t, 'sms_inbound', "outcome = 'alerted'");
    expect(await countRows(t, 'accord_flag')).toBe(alerted);
    expect(await countRows(t, 'audit_event', "action = 'accord_flag.raise'")).toBe(alerted);
    expect(recorded + alerted).toBeGreaterThan(0);
    // Every check's assessments are terms of the accord, each once.
    expect(
      await countRows(
        t,
        'follow_up_assessment s JOIN follow_up f ON f.id = s.follow_up_id JOIN accord_term a ON a.id = s.term_id',
        'a.accord_id <> f.accord_id',
      ),
    ).toBe(0);
    const audit = await t.http
      .get('/api/v1/audit/verify')
      .set(
        bearer((await login(t.http, (await new Factory(t.db).user('admin')).username)).accessToken),
      );
    expect(audit.body).toMatchObject({ ok: true, firstBrokenSeq: null });
  });
});
