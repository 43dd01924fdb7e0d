import { randomUUID } from 'node:crypto';
import { Pool } from 'pg';
import {
  ApiProcess,
  call,
  CallResult,
  RestartablePostgres,
  Tenant,
  arrangeTenant,
  verifyAuditChain,
} from '../support/resilience';

/**
 * S14: PostgreSQL is stopped and started again while a load runs. The API
 * process (a real `node src/main.ts`) stays up, /health answers 503 while the
 * database is down, every failure is a 503 problem document (no 500, no hang),
 * requests succeed again within 10 s of the database's return, and every write
 * the clients meant exists exactly once, whole (team lead, audit event, chain).
 */
describe('S14: database stop and restart under load', () => {
  const WORKERS = 8;
  const REQUEST_TIMEOUT_MS = 8000;
  const DOWN_MS = 3000;
  const READERS = 2;

  let pg: RestartablePostgres;
  let api: ApiProcess;
  let tenant: Tenant;
  let db: Pool;

  beforeAll(async () => {
    pg = await RestartablePostgres.start();
    // The reminder job runs every second: it must survive the outage too.
    api = await ApiProcess.start('resilience-db-restart', pg.url, {
      TOGUNA_SCHEDULER_INTERVAL_SECONDS: '1',
    });
    tenant = await arrangeTenant(api.base, WORKERS);
  }, 90000);

  afterAll(async () => {
    await db?.end();
    await api?.close();
    await pg?.close();
  }, 60000);

  it('stays up, answers 503 while the database is down, recovers within 10 s, writes once', async () => {
    interface Intent {
      key: string;
      id?: string;
      codeName: string;
      body: Record<string, unknown>;
      token: string;
      done: boolean;
      attempts: number;
    }
    const intents: Intent[] = [];
    const statuses: Record<string, number> = {};
    const unexpected: string[] = [];
    let requests = 0;
    let stopLoad = false;
    let dbDown = false;
    let dbBackAt = 0;
    let firstReadAfter = 0;
    let firstWriteAfter = 0;
    const outageStatuses: Record<string, number> = {};

    const tally = (kind: string, res: CallResult): void => {
      requests++;
      const label =
        res.status === 0 ? `${kind} no-response(${res.error})` : `${kind} ${res.status}`;
      statuses[label] = (statuses[label] ?? 0) + 1;
      if (dbDown) outageStatuses[label] = (outageStatuses[label] ?? 0) + 1;
      if (res.status >= 200 && res.status < 300) {
        const now = Date.now();
        if (dbBackAt && now >= dbBackAt) {
          if (kind === 'read' && !firstReadAfter) firstReadAfter = now;
          if (kind === 'write' && !firstWriteAfter) firstWriteAfter = now;
        }
        return;
      }
      const problem =
        res.status === 503 &&
        res.contentType.startsWith('application/problem+json') &&
        res.body?.code === 'service_unavailable' &&
        typeof res.body?.title === 'string' &&
        typeof res.body?.detail === 'string';
      if (!problem) {
        unexpected.push(`${kind} ${res.status} ${res.error ?? ''} ${JSON.stringify(res.body)}`);
      }
    };
    const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

    /** A write is retried with the SAME key (and id) until the API answers 2xx. */
    async function write(intent: Intent): Promise<void> {
      while (!intent.done) {
        intent.attempts++;
        const res = await call(api.base, 'POST', '/api/v1/cases', {
          token: intent.token,
          body: intent.body,
          headers: { 'idempotency-key': intent.key },
          timeoutMs: REQUEST_TIMEOUT_MS,
        });
        tally('write', res);
        if (res.status === 201 || res.status === 200) {
          intent.done = true;
          if (intent.id) expect(res.body?.id).toBe(intent.id);
          return;
        }
        if (intent.attempts > 200) throw new Error(`write ${intent.key} never succeeded`);
        await pause(150);
      }
    }

    async function worker(n: number): Promise<void> {
      const { token } = tenant.mediators[n];
      let i = 0;
      while (!stopLoad) {
        i++;
        const read = await call(api.base, 'GET', '/api/v1/cases?limit=10', {
          token,
          timeoutMs: REQUEST_TIMEOUT_MS,
        });
        tally('read', read);
        // Two workers only read (so that reads keep coming while writes are being retried).
        if (n < READERS) {
          await pause(read.status === 200 ? 20 : 100);
          continue;
        }
        // Half the writes carry a client id, the other half rely on the Idempotency-Key only.
        const id = i % 2 === 0 ? randomUUID() : undefined;
        const codeName = `S14-${n}-${i}-${randomUUID().slice(0, 8)}`;
        const intent: Intent = {
          key: randomUUID(),
          id,
          codeName,
          token,
          done: false,
          attempts: 0,
          body: {
            ...(id ? { id } : {}),
            codeName,
            areaId: tenant.communeIds[(n + i) % tenant.communeIds.length],
            type: 'intercommunity',
          },
        };
        intents.push(intent);
        await write(intent);
        if (read.status !== 200) await pause(100);
      }
    }

    const health: Record<string, number> = {};
    let stoppedAt = 0;
    let restartAskedAt = 0;
    let healthDuringOutage503 = 0;
    let healthDuringOutage200 = 0;
    const poller = (async () => {
      while (!stopLoad) {
        // A probe counts for the outage only if it was sent and answered while
        // the database was down (stop confirmed, restart not yet asked for).
        const sentAt = Date.now();
        const res = await call(api.base, 'GET', '/health', { timeoutMs: 5000 });
        const answeredAt = Date.now();
        const label = res.status === 0 ? `none(${res.error})` : String(res.status);
        health[label] = (health[label] ?? 0) + 1;
        const duringOutage =
          stoppedAt > 0 &&
          sentAt > stoppedAt &&
          (restartAskedAt === 0 || answeredAt < restartAskedAt);
        if (duringOutage && res.status === 503) healthDuringOutage503++;
        if (duringOutage && res.status === 200) healthDuringOutage200++;
        await pause(250);
      }
    })();

    const load = Promise.all(Array.from({ length: WORKERS }, (_, n) => worker(n)));
    await pause(1500);
    const beforeStop = intents.filter((w) => w.done).length;

    await pg.stop();
    dbDown = true;
    stoppedAt = Date.now();
    await pause(DOWN_MS);
    // From here the database may answer before start() returns: not the outage any more.
    dbDown = false;
    restartAskedAt = Date.now();
    await pg.start();
    dbBackAt = Date.now();
    const downMs = dbBackAt - stoppedAt;

    // Let the load run until both reads and writes have succeeded again, and a little more.
    const recoveryDeadline = dbBackAt + 15000;
    while ((!firstReadAfter || !firstWriteAfter) && Date.now() < recoveryDeadline) await pause(50);
    await pause(1000);
    stopLoad = true;
    await Promise.all([load, poller]);

    const readRecoveryS = firstReadAfter ? (firstReadAfter - dbBackAt) / 1000 : null;
    const writeRecoveryS = firstWriteAfter ? (firstWriteAfter - dbBackAt) / 1000 : null;

    db = new Pool({ connectionString: pg.url, max: 2 });
    const counts = await db.query<{ code_name: string; id: string; n: number }>(
      `SELECT code_name, min(id::text) AS id, count(*)::int AS n FROM dialogue_case
        WHERE code_name LIKE 'S14-%' GROUP BY code_name`,
    );
    const byCode = new Map(counts.rows.map((r) => [r.code_name, r]));
    const missing = intents.filter((w) => !byCode.has(w.codeName)).map((w) => w.codeName);
    const duplicated = counts.rows.filter((r) => r.n !== 1).map((r) => `${r.code_name}×${r.n}`);
    const wrongId = intents
      .filter((w) => w.id && byCode.get(w.codeName)?.id !== w.id)
      .map((w) => w.codeName);
    const unintended = counts.rows.filter((r) => !intents.some((w) => w.codeName === r.code_name));
    const partial = await db.query<{ id: string; lead: number; audit: number }>(
      `SELECT c.id,
              (SELECT count(*)::int FROM case_team_member m WHERE m.case_id = c.id AND m.lead) AS lead,
              (SELECT count(*)::int FROM audit_event e
                WHERE e.entity_id = c.id AND e.action = 'case.create') AS audit
         FROM dialogue_case c
        WHERE c.code_name LIKE 'S14-%'`,
    );
    const incomplete = partial.rows.filter((r) => r.lead !== 1 || r.audit !== 1);
    const chain = await call(api.base, 'GET', '/api/v1/audit/verify', {
      token: tenant.adminToken,
    });
    const offlineChain = await verifyAuditChain(db);

    console.log(
      `S14 summary: ${JSON.stringify({
        requests,
        writesIntended: intents.length,
        writesBeforeStop: beforeStop,
        maxAttemptsOfAWrite: Math.max(...intents.map((w) => w.attempts)),
        downMs,
        readRecoveryS,
        writeRecoveryS,
        statuses,
        outageStatuses,
        health,
        auditChecked: offlineChain.checked,
        apiExited: api.exit,
      })}`,
    );

    expect(api.exit).toBeNull();
    expect(unexpected).toEqual([]);
    expect(healthDuringOutage503).toBeGreaterThan(0);
    expect(healthDuringOutage200).toBe(0);
    expect(Object.keys(outageStatuses).some((s) => s.endsWith(' 503'))).toBe(true);
    expect(readRecoveryS).not.toBeNull();
    expect(writeRecoveryS).not.toBeNull();
    expect(readRecoveryS!).toBeLessThanOrEqual(10);
    expect(writeRecoveryS!).toBeLessThanOrEqual(10);
    expect(intents.every((w) => w.done)).toBe(true);
    expect(missing).toEqual([]);
    expect(duplicated).toEqual([]);
    expect(wrongId).toEqual([]);
    expect(unintended).toEqual([]);
    expect(incomplete).toEqual([]);
    expect(chain.status).toBe(200);
    expect(chain.body).toMatchObject({ ok: true, firstBrokenSeq: null });
    expect(offlineChain).toMatchObject({ ok: true, firstBrokenSeq: null });
    // The process is still healthy afterwards.
    expect((await call(api.base, 'GET', '/health')).status).toBe(200);
  }, 60000);
});
