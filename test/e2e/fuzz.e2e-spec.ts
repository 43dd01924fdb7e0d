import http from 'node:http';
import { AddressInfo } from 'node:net';
import { Role } from '../../src/common/auth/role';
import { bearer, Factory, login, TestUser } from '../support/factories';
import {
  FuzzRequest,
  FuzzResponse,
  loadSpec,
  Operation,
  operationsOf,
  pool,
  requestsFor,
  seededRandom,
  send,
} from '../support/fuzz';
import { markSteppedUp, missionOrderWorld, orderBody } from '../support/mission-orders';
import { startTestApp, TestApp } from '../support/test-app';

jest.setTimeout(180_000);

const SEED = 0x70605;
const CONCURRENCY = 8;
const MISSING_ID = '0b9d2f1e-5c4a-4e3b-9a8d-7c6b5a4f3e2d';
type Caller = 'anonymous' | Role;
const ROLES: Role[] = ['admin', 'coordinator', 'mediator', 'official'];

/**
 * S15: every operation of openapi/openapi.json, fed malformed input (wrong
 * types, missing fields, broken JSON, huge and hostile strings, NUL bytes,
 * bad ids, cursors, limits and headers) by an anonymous caller and by a
 * signed-in admin, coordinator, mediator and official, over real HTTP on
 * real PostgreSQL: never a 5xx, and every 4xx a problem+json with a code.
 */
describe('fuzzing every route (S15)', () => {
  let t: TestApp;
  let factory: Factory;
  let port: number;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  /** Long-lived sessions of the main callers (stepped up, so decisions reach validation). */
  const tokens = {} as Record<Role, string>;
  /** Users whose sessions may be revoked or whose secrets may be guessed at. */
  const throwaway = {} as Record<Role, TestUser>;
  const throwawayTokens = {} as Record<Role, string>;
  const ids = new Map<string, string>();

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as AddressInfo).port;

    const w = await missionOrderWorld(t, factory);
    const admin = await factory.user('admin');
    tokens.admin = (await login(t.http, admin.username)).accessToken;
    tokens.coordinator = w.tokens.coordinator;
    tokens.mediator = w.tokens.mediator;
    tokens.official = w.tokens.official;
    for (const u of [admin, w.coordinator, w.mediator, w.official]) await markSteppedUp(t, u.id);
    for (const role of ROLES) {
      throwaway[role] = await factory.user(
        role,
        role === 'official' ? { authorityId: w.authorityId } : { associationId: w.associationId },
      );
      throwawayTokens[role] = (await login(t.http, throwaway[role].username)).accessToken;
    }

    // A small world, so that routes get past their 404 with real ids.
    const teammate = await factory.user('mediator', { associationId: w.associationId });
    const victim = await factory.user('mediator', { associationId: w.associationId });
    const { id: caseId } = await factory.dialogueCase({
      associationId: w.associationId,
      areaId: w.communeId,
      createdBy: w.coordinator.id,
      status: 'negotiating',
      team: [{ userId: w.mediator.id, lead: true }],
    });
    const asMediator = bearer(tokens.mediator);
    const asCoordinator = bearer(tokens.coordinator);
    const created = async (path: string, body: object, who = asMediator): Promise<string> => {
      const res = await t.http.post(path).set(who).send(body);
      if (res.status !== 201) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.id as string;
    };
    await created(`/api/v1/cases/${caseId}/team`, { userId: teammate.id }, asCoordinator);
    const partyA = await created(`/api/v1/cases/${caseId}/parties`, {
      name: 'Village council',
      kind: 'community',
    });
    const partyB = await created(`/api/v1/cases/${caseId}/parties`, {
      name: 'Herders',
      kind: 'community',
    });
    const victimParty = await created(`/api/v1/cases/${caseId}/parties`, {
      name: 'Spare',
      kind: 'community',
    });
    const meetingId = await created(`/api/v1/cases/${caseId}/meetings`, {
      scheduledAt: '2031-02-01T09:00:00.000Z',
      durationMinutes: 60,
      attendeeUserIds: [w.mediator.id],
      partyIds: [partyA],
    });
    const accordId = await created(`/api/v1/cases/${caseId}/accords`, {
      concludedAt: new Date(Date.now() - 86_400_000).toISOString(),
      kind: 'non_aggression_pact',
      form: 'verbal',
      summary: 'Fuzz accord',
    });
    const termId = await created(`/api/v1/accords/${accordId}/terms`, {
      text: 'Free movement on the market road',
      category: 'freedom_of_movement',
      obligorPartyId: partyB,
      beneficiaryPartyId: partyA,
    });
    const flagId = await created(`/api/v1/accords/${accordId}/flags`, {
      severity: 'high',
      reason: 'Fuzz flag',
    });
    const missionOrderId = await created(
      '/api/v1/mission-orders',
      orderBody(w, { caseId }),
      asCoordinator,
    );
    // Approved, so that its document and credentials are there to fetch.
    const approved = await t.http
      .post(`/api/v1/mission-orders/${missionOrderId}/approve`)
      .set(bearer(tokens.official));
    expect(approved.status).toBe(200);
    const { rows: notes } = await t.db.query<{ id: string }>(
      'SELECT id FROM notification WHERE user_id = $1 LIMIT 1',
      [teammate.id],
    );
    const { rows: sessions } = await t.db.query<{ id: string }>(
      'SELECT id FROM session WHERE user_id = $1 LIMIT 1',
      [throwaway.mediator.id],
    );

    const byName: Record<string, string> = {
      caseId,
      partyId: partyA,
      obligorPartyId: partyB,
      beneficiaryPartyId: partyA,
      termId,
      accordId,
      meetingId,
      userId: w.mediator.id,
      attendeeUserId: w.mediator.id,
      holderUserId: w.mediator.id,
      teamUserId: w.mediator.id,
      leadUserId: w.mediator.id,
      areaId: w.communeId,
      parentId: w.cercleId,
      entityId: caseId,
      authorityId: w.authorityId,
      registeredWithAuthorityId: w.authorityId,
      associationId: w.associationId,
      // Path parameters: the resource named before `{id}`, or the parameter's own name.
      'path:accords': accordId,
      'path:cases': caseId,
      'path:parties': partyA,
      'path:partyId': victimParty,
      'path:userId': teammate.id,
      'path:flags': flagId,
      'path:meetings': meetingId,
      'path:mission-orders': missionOrderId,
      'path:notifications': notes[0]?.id ?? '',
      'path:sessions': sessions[0].id,
      'path:terms': termId,
      'path:users': victim.id,
      'path:areas': w.communeId,
      'path:associations': w.associationId,
      'path:authorities': w.authorityId,
      'path:token': 'not.a.token',
    };
    expect(notes).toHaveLength(1);
    for (const [k, v] of Object.entries(byName)) ids.set(k, v);
  });

  afterAll(async () => {
    agent.destroy();
    await t?.close();
  });

  /** A fresh session of a throwaway user (the login throttle is reset first: fuzzing trips it). */
  async function freshToken(role: Role): Promise<string> {
    // One row at a time: a multi-row delete can deadlock with the app's own updates.
    const { rows } = await t.db.query<{ key: string }>('SELECT key FROM login_throttle');
    for (const { key } of rows)
      await t.db.query('DELETE FROM login_throttle WHERE key = $1', [key]);
    return (await login(t.http, throwaway[role].username)).accessToken;
  }

  /**
   * How each operation is called. Routes that end sessions (logout, panic,
   * revoking a session) get a fresh session of a throwaway user per request,
   * so that they cannot sign the main callers out; routes that check a secret
   * (password, TOTP) use the throwaway users too, so that failures there
   * cannot lock the main callers out.
   */
  function sessionKind(op: Operation): 'fresh' | 'throwaway' | 'main' {
    if (/\/auth\/(logout|panic|sessions\/\{id\})$/.test(op.path) && op.method !== 'GET')
      return 'fresh';
    if (/\/auth\/(password|step-up|totp\/)/.test(op.path)) return 'throwaway';
    return 'main';
  }

  it('answers every malformed request of every operation with a 4xx problem (never a 5xx)', async () => {
    const spec = loadSpec();
    const ops = operationsOf(spec);
    expect(ops.length).toBeGreaterThan(60);
    // Sign-in and refresh last: failed sign-ins block the address for a while
    // (429 after that, which is still checked); DELETEs after the others, so
    // that the rows they remove are not missed by the rest.
    const rank = (op: Operation): number =>
      /\/auth\/(login|refresh)$/.test(op.path) ? 2 : op.method === 'DELETE' ? 1 : 0;
    ops.sort((a, b) => rank(a) - rank(b));

    const rand = seededRandom(SEED);
    const lookup = (name: string): string | undefined => ids.get(name) || undefined;
    const stats = {
      requests: 0,
      byClass: {} as Record<string, number>,
      byStatus: {} as Record<number, number>,
    };
    const failures: string[] = [];
    const note = (caller: Caller, req: FuzzRequest, res: FuzzResponse): void => {
      stats.requests++;
      stats.byClass[`${Math.floor(res.status / 100)}xx`] =
        (stats.byClass[`${Math.floor(res.status / 100)}xx`] ?? 0) + 1;
      stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
      const where = `${caller} ${req.method} ${req.url.slice(0, 160)} [${req.label}]`;
      if (res.status >= 500 || res.status < 200) {
        failures.push(`${where} → ${res.status} ${res.body.slice(0, 300)}`);
        return;
      }
      if (req.label === 'body over the limit' && req.method !== 'GET' && res.status !== 413) {
        failures.push(`${where} → ${res.status}, expected 413`);
      }
      if (res.status >= 400) {
        let code: unknown;
        try {
          code = (JSON.parse(res.body) as { code?: unknown }).code;
        } catch {
          code = undefined;
        }
        if (!res.contentType.startsWith('application/problem+json') || typeof code !== 'string')
          failures.push(
            `${where} → ${res.status} not a problem: ${res.contentType} ${res.body.slice(0, 200)}`,
          );
      }
    };

    const callAs = async (role: Role, op: Operation, req: FuzzRequest): Promise<FuzzResponse> => {
      const kind = sessionKind(op);
      let token = kind === 'throwaway' ? throwawayTokens[role] : tokens[role];
      let r = req;
      if (kind === 'fresh') {
        token = await freshToken(role);
        if (op.path.endsWith('/sessions/{id}')) {
          // Revoke a session of its own (the fresh one) where the id is the real one.
          const { rows } = await t.db.query<{ id: string }>(
            'SELECT id FROM session WHERE user_id = $1 ORDER BY created_at DESC LIMIT 1',
            [throwaway[role].id],
          );
          r = { ...req, url: req.url.replace(ids.get('path:sessions')!, rows[0].id) };
        }
      }
      const res = await exchange(r, bearer(token));
      note(role, r, res);
      return res;
    };

    // Who gets past the guards of each operation: the callers whose plausible
    // request is not refused with 401/403. Each malformed request goes to one
    // of them (seeded choice) — validation does not depend on the role past the
    // guards — and a seeded sample goes to every other caller, which the guards
    // must refuse just as cleanly.
    const SAMPLE = 3;
    const probes: (() => Promise<void>)[] = [];
    const tasks: (() => Promise<void>)[] = [];
    for (const op of ops) {
      const requests = requestsFor(op, { ids: lookup, rand, bodyLimit: t.config.bodyLimitBytes });
      const [probe, ...rest] = requests;
      const through: Caller[] = [];
      let rendersDocument = false;
      probes.push(async () => {
        const anonymous = await exchange(probe, {});
        note('anonymous', probe, anonymous);
        if (anonymous.status !== 401) through.push('anonymous');
        for (const role of ROLES) {
          const res = await callAs(role, op, probe);
          if (res.status !== 401 && res.status !== 403) through.push(role);
          if (res.status < 300 && !res.contentType.includes('json')) rendersDocument = true;
        }
      });
      rest.forEach((original, i) => {
        const choice = rand();
        const sampled = !original.heavy && i % Math.ceil(rest.length / SAMPLE) === 0;
        tasks.push(async () => {
          // A route that renders a document (the mission order PDF) takes about
          // a second of CPU per request: its real id for the probe and the first
          // two requests only, a missing id (404 after validation) for the rest.
          const req =
            rendersDocument && i >= 2
              ? { ...original, url: withoutRealIds(original.url) }
              : original;
          const chosen: Caller =
            through.length > 0 ? through[Math.floor(choice * through.length)] : 'anonymous';
          const callers = new Set<Caller>([chosen]);
          if (sampled) for (const c of ['anonymous', ...ROLES] as Caller[]) callers.add(c);
          for (const caller of callers) {
            if (caller === 'anonymous') note(caller, req, await exchange(req, {}));
            else await callAs(caller, op, req);
          }
        });
      });
    }

    function withoutRealIds(url: string): string {
      let out = url;
      for (const [key, id] of ids)
        if (key.startsWith('path:') && id) out = out.split(id).join(MISSING_ID);
      return out;
    }

    async function exchange(
      req: FuzzRequest,
      headers: Record<string, string>,
    ): Promise<FuzzResponse> {
      try {
        return await send(port, agent, req, headers);
      } catch (error) {
        return { status: 0, contentType: '', body: `client error: ${String(error)}` };
      }
    }

    const started = Date.now();
    await pool(probes, CONCURRENCY);
    await pool(tasks, CONCURRENCY);
    const fiveXx = Object.entries(stats.byStatus)
      .filter(([s]) => Number(s) >= 500)
      .reduce((n, [, c]) => n + c, 0);
    console.log(
      `fuzz: ${stats.requests} requests on ${ops.length} operations in ${Math.round((Date.now() - started) / 1000)} s; ` +
        `by class ${JSON.stringify(stats.byClass)}; by status ${JSON.stringify(stats.byStatus)}; ${fiveXx} 5xx`,
    );
    expect(failures.slice(0, 40)).toEqual([]);
    expect(fiveXx).toBe(0);
  });
});
