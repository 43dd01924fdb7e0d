import { bearer, Factory, login, TestUser } from '../support/factories';
import { codeSentTo, countRows, queuedTo, sendSms, setPendingCode, SMS_ENV } from '../support/sms';
import { startTestApp, TestApp } from '../support/test-app';
import { SMS_REPLIES } from '../../src/modules/sms/sms-replies';

/**
 * Issue 19, point 1: phone numbers registered in the app or by an admin,
 * verified by the code typed in the app or texted back as `CODE <digits>`;
 * one account per verified number; panic and disabling stop a number.
 */
describe('phones (issue 19)', () => {
  let t: TestApp;
  let factory: Factory;
  let mediator: TestUser;
  let asMediator: Record<string, string>;
  let asAdmin: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp(SMS_ENV);
    factory = new Factory(t.db);
    mediator = await factory.user('mediator');
    asMediator = bearer((await login(t.http, mediator.username)).accessToken);
    const admin = await factory.user('admin');
    asAdmin = bearer((await login(t.http, admin.username)).accessToken);
  });
  afterAll(() => t.close());

  it('registers a Mali number typed as 8 digits, masked, encrypted, found by hash', async () => {
    const res = await t.http
      .post('/api/v1/me/phones')
      .set(asMediator)
      .send({ number: '76 12 34 56' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      number: '+223 ** ** 34 56',
      verified: false,
      verifiedAt: null,
    });
    const { rows } = await t.db.query<{ number: string; number_hash: string }>(
      'SELECT number, number_hash FROM phone_number WHERE id = $1',
      [res.body.id],
    );
    expect(rows[0].number).toMatch(/^enc:/);
    expect(JSON.stringify(rows[0])).not.toContain('76123456');

    // A new code at most once a minute: the route cannot flood a phone.
    const soon = await t.http
      .post('/api/v1/me/phones')
      .set(asMediator)
      .send({ number: '76123456' });
    expect(soon.status).toBe(429);
    expect(soon.headers['retry-after']).toBe('60');
    const list = await t.http.get('/api/v1/me/phones').set(asMediator);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: res.body.id, verified: false }),
    ]);
  });

  it('refuses what is not a mobile number', async () => {
    for (const number of ['12', '+1 555', 'abc', '36000']) {
      const res = await t.http.post('/api/v1/me/phones').set(asMediator).send({ number });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('invalid_phone_number');
    }
  });

  it('verifies in the app; five wrong codes end the attempt; a new code verifies', async () => {
    const added = await t.http
      .post('/api/v1/me/phones')
      .set(asMediator)
      .send({ number: '+22365000001' });
    const id = added.body.id as string;
    const sent = await codeSentTo(t, '+22365000001');
    const [message] = await queuedTo(t, '+22365000001');
    expect(message).toEqual({
      purpose: 'verification',
      text: expect.stringContaining(sent) as string,
    });
    // No name of the application or the organisation goes out with the code.
    expect(message.text).not.toMatch(/toguna|médiat/i);
    for (let i = 1; i <= 4; i++) {
      const wrong = await t.http
        .post(`/api/v1/me/phones/${id}/verify`)
        .set(asMediator)
        .send({ code: '000000' });
      expect(wrong.status).toBe(400);
      expect(wrong.body.code).toBe('wrong_phone_code');
    }
    const fifth = await t.http
      .post(`/api/v1/me/phones/${id}/verify`)
      .set(asMediator)
      .send({ code: '000000' });
    expect(fifth.body.code).toBe('phone_code_expired');
    const late = await t.http
      .post(`/api/v1/me/phones/${id}/verify`)
      .set(asMediator)
      .send({ code: sent });
    expect(late.status).toBe(409);

    // Registering the number again sends a new code.
    const again = await t.http
      .post('/api/v1/me/phones')
      .set(asMediator)
      .send({ number: '65 00 00 01' });
    expect(again.status).toBe(201);
    expect(again.body.id).toBe(id);
    const second = await codeSentTo(t, '+22365000001');
    const ok = await t.http
      .post(`/api/v1/me/phones/${id}/verify`)
      .set(asMediator)
      .send({ code: second });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ verified: true, number: '+223 ** ** 00 01' });
    const twice = await t.http
      .post('/api/v1/me/phones')
      .set(asMediator)
      .send({ number: '65000001' });
    expect(twice.body.code).toBe('phone_already_verified');
  });

  it("another user's number is not found; deleting removes it", async () => {
    const other = await factory.user('mediator');
    const asOther = bearer((await login(t.http, other.username)).accessToken);
    const added = await t.http
      .post('/api/v1/me/phones')
      .set(asOther)
      .send({ number: '+22365000002' });
    const id = added.body.id as string;
    expect(
      (await t.http.post(`/api/v1/me/phones/${id}/verify`).set(asMediator).send({ code: '123456' }))
        .status,
    ).toBe(404);
    expect((await t.http.delete(`/api/v1/me/phones/${id}`).set(asMediator)).status).toBe(404);
    expect((await t.http.delete(`/api/v1/me/phones/${id}`).set(asOther)).status).toBe(204);
    expect(await countRows(t, 'phone_number', `id = '${id}'`)).toBe(0);
  });

  it('an admin registers a number; the phone verifies itself by texting CODE', async () => {
    const farmer = await factory.user('mediator');
    const res = await t.http
      .post(`/api/v1/users/${farmer.id}/phones`)
      .set(asAdmin)
      .send({ number: '+22366000003' });
    expect(res.status).toBe(201);
    const code = await codeSentTo(t, '+22366000003');
    expect(
      (
        await t.http
          .post(`/api/v1/users/${farmer.id}/phones`)
          .set(asMediator)
          .send({ number: '+22366000004' })
      ).status,
    ).toBe(403);

    const wrong = await sendSms(
      t.http,
      '+22366000003',
      `CODE ${code === '111111' ? '222222' : '111111'}`,
    );
    expect(wrong.body.reply).toBe(SMS_REPLIES.codeRejected);
    const right = await sendSms(
      t.http,
      '+22366000003',
      `code ${code.slice(0, 3)} ${code.slice(3)}`,
    );
    expect(right.status).toBe(200);
    expect(right.body.reply).toBe(SMS_REPLIES.phoneVerified);
    const list = await t.http.get(`/api/v1/users/${farmer.id}/phones`).set(asAdmin);
    expect(list.body.items).toEqual([expect.objectContaining({ verified: true })]);
    // From another number, the same code verifies nothing.
    expect((await sendSms(t.http, '+22366000009', `CODE ${code}`)).body.reply).toBe(
      SMS_REPLIES.codeRejected,
    );
  });

  it('a number belongs to one account: verified by another, it leaves the first', async () => {
    const first = await factory.user('mediator');
    const second = await factory.user('mediator');
    const a = await t.http
      .post(`/api/v1/users/${first.id}/phones`)
      .set(asAdmin)
      .send({ number: '+22367000005' });
    await setPendingCode(t, a.body.id as string, '135790');
    await sendSms(t.http, '+22367000005', 'CODE 135790');
    const b = await t.http
      .post(`/api/v1/users/${second.id}/phones`)
      .set(asAdmin)
      .send({ number: '+22367000005' });
    expect(b.status).toBe(201);
    await setPendingCode(t, b.body.id as string, '975310');
    await sendSms(t.http, '+22367000005', 'CODE 975310');
    expect((await t.http.get(`/api/v1/users/${first.id}/phones`).set(asAdmin)).body.items).toEqual(
      [],
    );
    expect((await t.http.get(`/api/v1/users/${second.id}/phones`).set(asAdmin)).body.items).toEqual(
      [expect.objectContaining({ verified: true })],
    );
  });

  it('panic and disabling stop the numbers of the account', async () => {
    const panicky = await factory.user('mediator');
    const asPanicky = bearer((await login(t.http, panicky.username)).accessToken);
    const added = await t.http
      .post('/api/v1/me/phones')
      .set(asPanicky)
      .send({ number: '+22370000006' });
    await setPendingCode(t, added.body.id as string, '112233');
    await t.http
      .post(`/api/v1/me/phones/${added.body.id}/verify`)
      .set(asPanicky)
      .send({ code: '112233' });
    expect((await t.http.post('/api/v1/auth/panic').set(asPanicky)).status).toBe(204);
    expect(
      await countRows(t, 'phone_number', `user_id = '${panicky.id}' AND verified_at IS NOT NULL`),
    ).toBe(0);

    const leaving = await factory.user('mediator');
    const b = await t.http
      .post(`/api/v1/users/${leaving.id}/phones`)
      .set(asAdmin)
      .send({ number: '+22370000007' });
    await setPendingCode(t, b.body.id as string, '445566');
    await sendSms(t.http, '+22370000007', 'CODE 445566');
    const user = await t.http.get(`/api/v1/users/${leaving.id}`).set(asAdmin);
    const disabled = await t.http
      .patch(`/api/v1/users/${leaving.id}`)
      .set(asAdmin)
      .set('if-match', user.headers.etag)
      .send({ disabled: true });
    expect(disabled.status).toBe(200);
    expect(
      await countRows(t, 'phone_number', `user_id = '${leaving.id}' AND verified_at IS NOT NULL`),
    ).toBe(0);
  });
});
