import {
  accordHealth,
  AccordHealthInput,
  HealthCheck,
} from '../../src/modules/accords/accord-health';
import {
  AssessmentStatus,
  FlagSeverity,
  OverallJudgement,
} from '../../src/modules/accords/accord-vocabulary';
import { CaseStatus } from '../../src/modules/cases/case-status';
import { LEVEL_BY_RANK } from '../../src/modules/accords/accord-health.sql';
import { DashboardRepository } from '../../src/modules/dashboard/dashboard.repository';
import { AccordFactory, DAY, daysFrom } from '../support/accords';
import { bearer, Factory, login, TestUser } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The accords dashboard and statistics (issue 6): worst first, scoped by
 * access, health computed in SQL with exactly the rules of the pure
 * `accordHealth`; officials get only aggregated counts with small cells
 * suppressed (acceptance 3).
 */
describe('accords dashboard and statistics', () => {
  let t: TestApp;
  let factory: Factory;
  let commune: string;
  let otherCommune: string;
  let associationA: string;
  let associationB: string;
  let coordinatorA: TestUser;
  let coordinatorB: TestUser;
  let mediatorA: TestUser;
  let as: Record<
    'coordinatorA' | 'coordinatorB' | 'mediatorA' | 'official' | 'admin',
    Record<string, string>
  >;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
    commune = await factory.areaId('Dinangourou', 'commune');
    // A commune of another cercle, for the statistics.
    const { rows } = await t.db.query<{ id: string }>(
      `SELECT c.id FROM area c
        WHERE c.level = 'commune'
          AND c.parent_id <> (SELECT parent_id FROM area WHERE id = $1)
        ORDER BY c.name LIMIT 1`,
      [commune],
    );
    otherCommune = rows[0].id;
    associationA = (await factory.association()).id;
    associationB = (await factory.association()).id;
    coordinatorA = await factory.user('coordinator', { associationId: associationA });
    coordinatorB = await factory.user('coordinator', { associationId: associationB });
    mediatorA = await factory.user('mediator', { associationId: associationA });
    // An official whose jurisdiction covers both cercles of the statistics below.
    const { rows: cercles } = await t.db.query<{ parent_id: string }>(
      'SELECT parent_id FROM area WHERE id = ANY($1)',
      [[commune, otherCommune]],
    );
    const authority = await factory.authority({ areaIds: cercles.map((r) => r.parent_id) });
    const official = await factory.user('official', { authorityId: authority.id });
    const admin = await factory.user('admin');
    as = {
      coordinatorA: bearer((await login(t.http, coordinatorA.username)).accessToken),
      coordinatorB: bearer((await login(t.http, coordinatorB.username)).accessToken),
      mediatorA: bearer((await login(t.http, mediatorA.username)).accessToken),
      official: bearer((await login(t.http, official.username)).accessToken),
      admin: bearer((await login(t.http, admin.username)).accessToken),
    };

    // Association A: one accord per level (two watch, one more overdue).
    const accords = new AccordFactory(t.db, coordinatorA.id);
    const now = new Date();
    const caseOf = async (status: CaseStatus, team: string[] = []): Promise<string> =>
      (
        await factory.dialogueCase({
          associationId: associationA,
          areaId: commune,
          createdBy: coordinatorA.id,
          status,
          codeName: `A-${status}-${Object.keys(ids).length}`,
          team: team.map((userId) => ({ userId })),
        })
      ).id;
    const stable = await accords.accord({
      caseId: await caseOf('monitoring', [mediatorA.id]),
      concludedAt: daysFrom(now, -10),
      terms: 2,
    });
    await accords.followUp({
      accordId: stable.id,
      checkedAt: daysFrom(now, -1),
      nextCheckDue: daysFrom(now, 20),
      assessments: stable.termIds.map((termId) => ({ termId, status: 'full' })),
      implementationScore: 100,
    });
    ids.stable = stable.id;
    ids.watchLittle = (
      await accords.accord({ caseId: await caseOf('monitoring'), concludedAt: daysFrom(now, -32) })
    ).id;
    ids.watchMuch = (
      await accords.accord({
        caseId: await caseOf('monitoring', [mediatorA.id]),
        concludedAt: daysFrom(now, -50),
      })
    ).id;
    const atRisk = await accords.accord({
      caseId: await caseOf('breaking_down'),
      concludedAt: daysFrom(now, -5),
      terms: 1,
    });
    await accords.followUp({
      accordId: atRisk.id,
      checkedAt: daysFrom(now, -1),
      nextCheckDue: daysFrom(now, 10),
      overall: 'tense',
      assessments: [{ termId: atRisk.termIds[0], status: 'violated' }],
      implementationScore: 0,
    });
    ids.atRisk = atRisk.id;
    ids.broken = (
      await accords.accord({ caseId: await caseOf('collapsed'), concludedAt: daysFrom(now, -3) })
    ).id;

    // Association B: one stable accord.
    const caseB = await factory.dialogueCase({
      associationId: associationB,
      areaId: commune,
      createdBy: coordinatorB.id,
      status: 'monitoring',
    });
    ids.b = (await accords.accord({ caseId: caseB.id, concludedAt: daysFrom(now, -1) })).id;
  });
  afterAll(async () => {
    await t.close();
  });

  const dashboard = (who: Record<string, string>, query = '') =>
    t.http.get(`/api/v1/dashboard/accords${query}`).set(who);

  it('lists worst first (broken, at_risk, watch by most overdue, stable) with health and reasons', async () => {
    const res = await dashboard(as.coordinatorA).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const items = res.body.items as {
      accordId: string;
      health: { level: string; reasons: string[] };
      daysOverdue: number;
      implementationScore: number | null;
      caseCodeName: string;
      areaName: string;
      lastCheckedAt: string | null;
      nextCheckDue: string;
    }[];
    expect(items.map((i) => i.accordId)).toEqual([
      ids.broken,
      ids.atRisk,
      ids.watchMuch,
      ids.watchLittle,
      ids.stable,
    ]);
    expect(items.map((i) => i.health.level)).toEqual([
      'broken',
      'at_risk',
      'watch',
      'watch',
      'stable',
    ]);
    expect(items[0].health.reasons).toEqual(['case_collapsed']);
    expect(items[1].health.reasons).toEqual(['term_violated']);
    expect(items[1].implementationScore).toBe(0);
    expect(items[2].health.reasons).toEqual(['follow_up_overdue']);
    expect(items[2].daysOverdue).toBeGreaterThanOrEqual(19);
    expect(items[3].daysOverdue).toBeGreaterThanOrEqual(1);
    expect(items[3].daysOverdue).toBeLessThan(items[2].daysOverdue);
    expect(items[4]).toMatchObject({
      health: { level: 'stable', reasons: [] },
      daysOverdue: 0,
      implementationScore: 100,
      areaName: 'Dinangourou',
    });
    expect(items[4].lastCheckedAt).not.toBeNull();
    expect(res.body.nextCursor).toBeNull();
  });

  it('pages with a keyset cursor over the sort key, in the same order', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const res = await dashboard(as.coordinatorA, q).expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...(res.body.items as { accordId: string }[]).map((i) => i.accordId));
      cursor = res.body.nextCursor as string | null;
    } while (cursor);
    expect(seen).toEqual([ids.broken, ids.atRisk, ids.watchMuch, ids.watchLittle, ids.stable]);
    await dashboard(as.coordinatorA, '?limit=101').expect(400);
    await dashboard(as.coordinatorA, '?cursor=bm90LWEtY3Vyc29y').expect(400);
  });

  it('is scoped: coordinator of B sees none of A, a mediator only their team', async () => {
    const b = await dashboard(as.coordinatorB).expect(200);
    expect((b.body.items as { accordId: string }[]).map((i) => i.accordId)).toEqual([ids.b]);
    const m = await dashboard(as.mediatorA).expect(200);
    expect((m.body.items as { accordId: string }[]).map((i) => i.accordId)).toEqual([
      ids.watchMuch,
      ids.stable,
    ]);
  });

  it('refuses officials and admins (403) and anonymous callers (401)', async () => {
    await dashboard(as.official).expect(403);
    await dashboard(as.admin).expect(403);
    await t.http.get('/api/v1/dashboard/accords').expect(401);
  });

  describe('statistics', () => {
    let cercleA: string;
    let cercleOther: string;
    beforeAll(async () => {
      const { rows } = await t.db.query<{ id: string; parent_id: string }>(
        'SELECT id, parent_id FROM area WHERE id = ANY($1)',
        [[commune, otherCommune]],
      );
      cercleA = rows.find((r) => r.id === commune)!.parent_id;
      cercleOther = rows.find((r) => r.id === otherCommune)!.parent_id;
      // Association B, other cercle: 3 stable, 1 watch.
      const accords = new AccordFactory(t.db, coordinatorB.id);
      const now = new Date();
      for (let i = 0; i < 4; i++) {
        const c = await factory.dialogueCase({
          associationId: associationB,
          areaId: otherCommune,
          createdBy: coordinatorB.id,
          status: 'monitoring',
        });
        await accords.accord({ caseId: c.id, concludedAt: daysFrom(now, i === 3 ? -40 : -2) });
      }
    });

    type Item = { areaId: string; areaName: string; counts: Record<string, number | string> };
    const allSmall = { broken: '<3', at_risk: '<3', watch: '<3', stable: '<3' };
    const stats = (who: Record<string, string>, groupBy = 'cercle') =>
      t.http.get(`/api/v1/stats/accords?groupBy=${groupBy}`).set(who);

    it('gives officials aggregated counts only, counts below 3 as "<3"', async () => {
      const res = await stats(as.official).expect(200);
      expect(res.body.groupBy).toBe('cercle');
      const items = res.body.items as Item[];
      // Their jurisdiction: the two cercles, the second one with no accord of A.
      expect(items.map((i) => i.areaId).sort()).toEqual([cercleA, cercleOther].sort());
      for (const item of items) {
        // The area and its public P-code, nothing of any case.
        expect(Object.keys(item).sort()).toEqual(['areaId', 'areaName', 'counts', 'pcode']);
        for (const value of Object.values(item.counts)) {
          expect(value === '<3' || (typeof value === 'number' && value >= 3)).toBe(true);
        }
      }
      // Cercle of A (A: 1 broken, 1 at_risk, 2 watch, 1 stable; B: 1 stable).
      expect(items.find((i) => i.areaId === cercleA)!.counts).toEqual({
        broken: '<3',
        at_risk: '<3',
        watch: '<3',
        stable: '<3',
      });
      expect(items.find((i) => i.areaId === cercleOther)!.counts).toEqual({
        broken: '<3',
        at_risk: '<3',
        watch: '<3',
        stable: 3,
      });
      expect(JSON.stringify(res.body)).not.toMatch(/accordId|caseId|codeName/);
    });

    it('groups by region too; scopes coordinators to their association; admins see all', async () => {
      const region = await stats(as.official, 'region').expect(200);
      expect(region.body.groupBy).toBe('region');
      const { rows } = await t.db.query<{ parent_id: string }>(
        'SELECT parent_id FROM area WHERE id = $1',
        [cercleOther],
      );
      expect((region.body.items as Item[]).map((i) => i.areaId)).toContain(rows[0].parent_id);

      // A coordinator: the cercles where the association has cases, its own accords only.
      const a = (await stats(as.coordinatorA).expect(200)).body.items as Item[];
      expect(a.map((i) => i.areaId)).toEqual([cercleA]);
      const b = (await stats(as.coordinatorB).expect(200)).body.items as Item[];
      expect(b.map((i) => i.areaId).sort()).toEqual([cercleA, cercleOther].sort());
      expect(b.find((i) => i.areaId === cercleOther)!.counts).toEqual({ ...allSmall, stable: 3 });
      // An admin: every cercle, with or without accords.
      const all = (await stats(as.admin).expect(200)).body.items as Item[];
      const { rows: cercles } = await t.db.query("SELECT 1 FROM area WHERE level = 'cercle'");
      expect(all).toHaveLength(cercles.length);
    });

    it('refuses mediators (403) and unknown groupings (400)', async () => {
      await stats(as.mediatorA).expect(403);
      await stats(as.official, 'commune').expect(400);
    });
  });

  it('computes in SQL exactly what the pure accordHealth computes, on varied data', async () => {
    // A fixed instant, so that the boundaries (exactly 30 days, due today) are exact.
    const now = new Date(Date.UTC(2031, 5, 15, 12, 0, 0));
    const association = (await factory.association()).id;
    const coordinator = await factory.user('coordinator', { associationId: association });
    // A commune of a third cercle, so the statistics above are not disturbed.
    const { rows: third } = await t.db.query<{ id: string }>(
      `SELECT c.id FROM area c
        WHERE c.level = 'commune'
          AND c.parent_id NOT IN (SELECT parent_id FROM area WHERE id = ANY($1))
        ORDER BY c.name DESC LIMIT 1`,
      [[commune, otherCommune]],
    );
    const thirdCommune = third[0].id;
    const accords = new AccordFactory(t.db, coordinator.id);
    let seed = 20260606;
    const rand = (): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed / 2_147_483_648;
    };
    const pick = <T>(values: readonly T[]): T => values[Math.floor(rand() * values.length)];
    const STATUSES: AssessmentStatus[] = [
      'not_initiated',
      'minimal',
      'intermediate',
      'full',
      'violated',
      'unknown',
    ];
    const OVERALLS: OverallJudgement[] = ['stable', 'stable', 'tense', 'breaking_down'];
    const SEVERITIES: FlagSeverity[] = ['low', 'medium', 'high'];
    // Offsets from now (days) around the boundaries of both rules.
    const DUE_OFFSETS = [-40, -1, -0.5, -0.01, 0, 0.49, 0.5, 1, 12];
    const INCIDENT_AGES = [1, 29.9, 30, 30 + 1 / DAY, 30.5, 45, -0.5];
    const expected = new Map<string, ReturnType<typeof accordHealth>>();

    for (let n = 0; n < 80; n++) {
      const caseStatus = pick<CaseStatus>([
        'monitoring',
        'monitoring',
        'breaking_down',
        'collapsed',
      ]);
      const c = await factory.dialogueCase({
        associationId: association,
        areaId: thirdCommune,
        createdBy: coordinator.id,
        status: caseStatus,
      });
      const interval = pick([1, 7, 30]);
      const concludedAt = daysFrom(now, -interval + pick(DUE_OFFSETS));
      const accord = await accords.accord({
        caseId: c.id,
        concludedAt,
        followUpIntervalDays: interval,
        terms: 3,
      });
      const checks: (HealthCheck & { checkedAt: Date })[] = [];
      const incidents: { occurredAt: Date; fatalities: number }[] = [];
      const checkCount = pick([0, 1, 2, 2, 3]);
      for (let k = 0; k < checkCount; k++) {
        const checkedAt = daysFrom(now, -20 + k * 5 + rand());
        const assessments = accord.termIds
          .filter(() => rand() < 0.8)
          .map((termId) => ({ termId, status: pick(STATUSES) }));
        const threats = pick(['yes', 'no', undefined] as const);
        const check = {
          checkedAt,
          overall: pick(OVERALLS),
          nextCheckDue: daysFrom(now, pick(DUE_OFFSETS)),
          indicators: threats ? { threats_against_mediators: threats } : {},
          assessments,
        };
        const checkIncidents = Array.from({ length: pick([0, 0, 1, 2]) }, () => ({
          occurredAt: daysFrom(now, -pick(INCIDENT_AGES)),
          fatalities: pick([0, 0, 2]),
        }));
        await accords.followUp({ accordId: accord.id, ...check, incidents: checkIncidents });
        checks.push(check);
        incidents.push(...checkIncidents);
      }
      const flags = Array.from({ length: pick([0, 0, 1, 2]) }, () => ({
        severity: pick(SEVERITIES),
        resolved: rand() < 0.4,
      }));
      for (const flag of flags) await accords.flag({ accordId: accord.id, ...flag });
      const input: AccordHealthInput = {
        caseStatus,
        concludedAt,
        followUpIntervalDays: interval,
        openFlags: flags.filter((f) => !f.resolved),
        lastCheck: checks[checks.length - 1] ?? null,
        previousCheck: checks[checks.length - 2] ?? null,
        incidents,
      };
      expected.set(accord.id, accordHealth(input, now));
    }

    const rows = await t.app
      .get(DashboardRepository)
      .page({ sql: 'c.association_id = $2', params: [association] }, now, null, 1000);
    expect(rows).toHaveLength(expected.size);
    const actual = new Map(
      rows.map((r) => [r.accordId, { level: LEVEL_BY_RANK[r.levelRank], reasons: r.reasons }]),
    );
    expect(Object.fromEntries(actual)).toEqual(Object.fromEntries(expected));
    // The data is varied enough to fire every reason and every level.
    const reasons = new Set([...expected.values()].flatMap((h) => h.reasons));
    expect(reasons.size).toBe(10);
    expect(new Set([...expected.values()].map((h) => h.level)).size).toBe(4);
  });
});
