import { randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { currentRequestContext } from '../../src/common/audit/request-context';
import { bearer, Factory, login } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Round trips per request on the busiest routes (issue 20): every statement
 * the API sends to PostgreSQL is a system call and a wake-up of the server,
 * so each route has a budget. Counted are the statements sent while serving
 * the request (its asynchronous context), warm: keys and sessions cached.
 */
describe('statements per request', () => {
  let t: TestApp;
  let asMediator: Record<string, string>;
  let caseIds: string[];
  let accordId: string;
  let termIds: string[];
  let sent: string[] | null = null;
  const original = Client.prototype.query;

  /** The statements the API sends while `request` is served. */
  async function statementsOf(request: () => Promise<unknown>): Promise<string[]> {
    sent = [];
    try {
      await request();
      return sent;
    } finally {
      sent = null;
    }
  }

  beforeAll(async () => {
    (Client.prototype as unknown as { query: (...args: unknown[]) => unknown }).query = function (
      this: Client,
      ...args: unknown[]
    ) {
      const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string })?.text;
      if (sent && currentRequestContext() && text)
        sent.push(text.replace(/\s+/g, ' ').trim().slice(0, 90));
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    t = await startTestApp({ TOGUNA_SESSION_CACHE_MS: '1000' });
    const factory = new Factory(t.db);
    const association = await factory.association();
    const mediator = await factory.user('mediator', { associationId: association.id });
    asMediator = bearer((await login(t.http, mediator.username)).accessToken);
    const areaId = await factory.areaId('Dinangourou', 'commune');
    caseIds = [];
    for (let i = 0; i < 3; i++) {
      const { id } = await factory.dialogueCase({
        associationId: association.id,
        areaId,
        createdBy: mediator.id,
        status: 'negotiating',
        team: [{ userId: mediator.id, lead: true }],
      });
      await t.http
        .patch(`/api/v1/cases/${id}`)
        .set(asMediator)
        .set('if-match', 'W/"1"')
        .send({ confidentialNotes: `Notes ${i}`, locationDetail: `Near the well ${i}` })
        .expect(200);
      caseIds.push(id);
    }
    const parties: string[] = [];
    for (const name of ['Village council', 'Herders']) {
      const res = await t.http
        .post(`/api/v1/cases/${caseIds[0]}/parties`)
        .set(asMediator)
        .send({ name, kind: 'community' })
        .expect(201);
      parties.push(res.body.id as string);
    }
    const accord = await t.http
      .post(`/api/v1/cases/${caseIds[0]}/accords`)
      .set(asMediator)
      .send({
        concludedAt: new Date().toISOString(),
        kind: 'non_aggression_pact',
        form: 'verbal',
        summary: 'Pact',
      })
      .expect(201);
    accordId = accord.body.id as string;
    termIds = [];
    for (let i = 0; i < 5; i++) {
      const term = await t.http
        .post(`/api/v1/accords/${accordId}/terms`)
        .set(asMediator)
        .send({
          text: `Term ${i}`,
          category: 'livelihoods_access',
          obligorPartyId: parties[1],
          beneficiaryPartyId: parties[0],
          isConcession: false,
        })
        .expect(201);
      termIds.push(term.body.id as string);
    }
  });

  afterAll(async () => {
    Client.prototype.query = original;
    await t?.close();
  });

  const followUp = (headers: Record<string, string> = {}): Promise<unknown> =>
    t.http
      .post(`/api/v1/accords/${accordId}/follow-ups`)
      .set(asMediator)
      .set(headers)
      .send({
        checkedAt: new Date(Date.now() - 60_000).toISOString(),
        method: 'visit',
        overall: 'stable',
        assessments: termIds.map((termId, i) => ({
          termId,
          status: i === 0 ? 'intermediate' : 'full',
        })),
      })
      .expect(201);

  it('a follow-up with five assessments', async () => {
    await followUp();
    const statements = await statementsOf(() => followUp());
    // BEGIN, the checks with the row lock, the inserts with the audit event, the summary, COMMIT.
    expect(statements).toHaveLength(5);
  });

  it('a follow-up sent with an Idempotency-Key: two more (the key claimed, the answer kept)', async () => {
    const statements = await statementsOf(() => followUp({ 'Idempotency-Key': randomUUID() }));
    // One keyed request in a hundred also purges expired keys: not this route's cost.
    const own = statements.filter((s) => !s.startsWith('DELETE FROM idempotency_record'));
    expect(own).toHaveLength(7);
  });

  it('the case list', async () => {
    const list = () => t.http.get('/api/v1/cases').set(asMediator).expect(200);
    await list();
    const statements = await statementsOf(list);
    // The page, keys and session from their caches.
    expect(statements).toHaveLength(1);
  });

  it('the case detail', async () => {
    const detail = () => t.http.get(`/api/v1/cases/${caseIds[1]}`).set(asMediator).expect(200);
    await detail();
    const statements = await statementsOf(detail);
    // The case with the access row, the audited read.
    expect(statements).toHaveLength(2);
  });
});
