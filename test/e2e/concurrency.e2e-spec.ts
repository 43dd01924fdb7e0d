import type { Response } from 'supertest';
import { bearer, Factory, login } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** PATCH with If-Match: a conditional UPDATE, no lost update (api.md, Conventions; security.md S12). */
describe('concurrent PATCH with If-Match', () => {
  let t: TestApp;
  let factory: Factory;
  let admin: Record<string, string>;
  let associationId: string;

  const patch = (id: string, ifMatch: string | undefined, body: object): Promise<Response> => {
    const req = t.http.patch(`/api/v1/users/${id}`).set(admin);
    if (ifMatch !== undefined) void req.set('If-Match', ifMatch);
    return req.send(body).then((r) => r);
  };

  async function stored(id: string): Promise<{ displayName: string; version: number }> {
    const { rows } = await t.db.query<{ display_name: string; version: number }>(
      'SELECT display_name, version FROM app_user WHERE id = $1',
      [id],
    );
    return { displayName: rows[0].display_name, version: rows[0].version };
  }

  /** Two different displayNames sent at once with the same If-Match: the winner's, and the result. */
  async function race(
    id: string,
    version: number,
    names: [string, string],
  ): Promise<{ winner: Response | undefined; loser: Response | undefined; statuses: number[] }> {
    const responses = await Promise.all(
      names.map((displayName) => patch(id, `W/"${version}"`, { displayName })),
    );
    return {
      winner: responses.find((r) => r.status === 200),
      loser: responses.find((r) => r.status === 409),
      statuses: responses.map((r) => r.status).sort(),
    };
  }

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
    const adminUser = await factory.user('admin', { mustChangePassword: false });
    admin = bearer((await login(t.http, adminUser.username)).accessToken);
    associationId = (await factory.association()).id;
  });

  afterAll(async () => {
    await t?.close();
  });

  it('S12: 50 pairs with the same If-Match → one winner each, 0 lost updates', async () => {
    const PAIRS = 50;
    const users = [];
    for (let i = 0; i < PAIRS; i++) users.push(await factory.user('mediator', { associationId }));

    let winners = 0;
    let lost = 0;
    // Ten pairs at a time, each pair on its own user.
    for (let start = 0; start < PAIRS; start += 10) {
      const batch = users.slice(start, start + 10);
      const results = await Promise.all(
        batch.map((user, i) =>
          race(user.id, 1, [`Pair ${start + i} Aminata`, `Pair ${start + i} Boubacar`]),
        ),
      );
      for (const [i, { winner, loser, statuses }] of results.entries()) {
        expect(statuses).toEqual([200, 409]);
        expect(winner!.body).toMatchObject({ displayName: expect.any(String), version: 2 });
        expect(winner!.headers.etag).toBe('W/"2"');
        expect(loser!.body).toMatchObject({ code: 'stale_version', currentVersion: 2 });
        winners++;
        const after = await stored(batch[i].id);
        if (after.displayName !== winner!.body.displayName || after.version !== 2) lost++;
      }
    }
    console.log(`S12 concurrent PATCH: ${PAIRS} pairs, ${winners} winners, ${lost} lost updates`);
    expect(winners).toBe(PAIRS);
    expect(lost).toBe(0);
  });

  it('successive pairs on one user advance the version by exactly 1 each', async () => {
    const user = await factory.user('mediator', { associationId });
    for (let round = 1; round <= 10; round++) {
      const { winner, loser, statuses } = await race(user.id, round, [
        `Round ${round} first`,
        `Round ${round} second`,
      ]);
      expect(statuses).toEqual([200, 409]);
      expect(loser!.body.currentVersion).toBe(round + 1);
      expect(await stored(user.id)).toEqual({
        displayName: winner!.body.displayName,
        version: round + 1,
      });
    }
  });

  it('a stale If-Match → 409 stale_version with the current version, nothing changed', async () => {
    const user = await factory.user('mediator', { associationId });
    await patch(user.id, 'W/"1"', { displayName: 'First edit' }).then((r) =>
      expect(r.status).toBe(200),
    );
    const stale = await patch(user.id, 'W/"1"', { displayName: 'Edit from an old read' });
    expect(stale.status).toBe(409);
    expect(stale.body).toMatchObject({ code: 'stale_version', currentVersion: 2 });
    expect(await stored(user.id)).toEqual({ displayName: 'First edit', version: 2 });
  });

  it('without If-Match → 428 precondition_required; a malformed one → 400', async () => {
    const user = await factory.user('mediator', { associationId });
    const before = await stored(user.id);

    const missing = await patch(user.id, undefined, { displayName: 'No precondition' });
    expect(missing.status).toBe(428);
    expect(missing.body.code).toBe('precondition_required');

    const malformed = await patch(user.id, 'W/"x"', { displayName: 'Bad precondition' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.code).toBe('validation_failed');
    expect(malformed.body.errors).toEqual([{ field: 'If-Match', message: expect.any(String) }]);

    expect(await stored(user.id)).toEqual(before);
  });
});
