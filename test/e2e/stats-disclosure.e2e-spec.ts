import { randomUUID } from 'node:crypto';
import { HEALTH_LEVELS, HealthLevel } from '../../src/modules/accords/accord-health';
import { CaseStatus } from '../../src/modules/cases/case-status';
import { AccordFactory, daysFrom } from '../support/accords';
import { bearer, Factory, login } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

type Figure = number | string;
interface Item {
  areaId: string;
  areaName: string;
  counts: Record<HealthLevel, Figure>;
}
interface Seen {
  caller: string;
  cercles: Item[];
  regions: Item[];
}

/**
 * Issue 17, point 1: small cells of the accord statistics cannot be undone
 * by differencing. A world where Bankass holds one accord (every level of
 * its row below 3) beside cercles with larger counts, seen by every caller
 * that gets all associations' figures — an admin, officials of the whole
 * region, of two of its cercles, of one Bankass commune, and of a granted
 * "all" scope — under both groupings. An attacker combines all of it and
 * must still be unable to tell, for any "<3" cell, 0 from 1 or 2, nor that
 * Bankass holds an accord at all.
 */
describe('statistics: no small cell recovered by differencing (issue 17, point 1)', () => {
  let t: TestApp;
  let factory: Factory;
  let admin: Record<string, string>;
  const cercle: Record<'bandiagara' | 'bankass' | 'koro' | 'douentza', string> = {
    bandiagara: '',
    bankass: '',
    koro: '',
    douentza: '',
  };
  let region: string;
  let officials: Record<'region' | 'twoCercles' | 'commune' | 'granted', Record<string, string>>;
  let grantedAuthority: string;

  /** The first commune of a cercle, by name. */
  const communeOf = async (cercleId: string): Promise<string> =>
    (
      await t.db.query<{ id: string }>(
        'SELECT id FROM area WHERE parent_id = $1 ORDER BY name, id LIMIT 1',
        [cercleId],
      )
    ).rows[0].id;

  beforeAll(async () => {
    t = await startTestApp();
    factory = new Factory(t.db);
    cercle.bandiagara = await factory.areaId('Bandiagara', 'cercle');
    cercle.bankass = await factory.areaId('Bankass', 'cercle');
    cercle.koro = await factory.areaId('Koro', 'cercle');
    cercle.douentza = await factory.areaId('Douentza', 'cercle');
    region = await factory.areaId('Bandiagara', 'region');

    const associationA = (await factory.association()).id;
    const associationB = (await factory.association()).id;
    const coordinatorA = await factory.user('coordinator', { associationId: associationA });
    const coordinatorB = await factory.user('coordinator', { associationId: associationB });
    const now = new Date();
    const accords = async (
      association: string,
      createdBy: string,
      cercleId: string,
      n: number,
      health: 'stable' | 'watch' | 'broken',
    ): Promise<void> => {
      const areaId = await communeOf(cercleId);
      const status: CaseStatus = health === 'broken' ? 'collapsed' : 'monitoring';
      const factoryOf = new AccordFactory(t.db, createdBy);
      for (let i = 0; i < n; i++) {
        const c = await factory.dialogueCase({
          associationId: association,
          areaId,
          createdBy,
          status,
        });
        // Concluded 2 days ago: not due yet (stable); 40 days ago: overdue (watch).
        await factoryOf.accord({
          caseId: c.id,
          concludedAt: daysFrom(now, health === 'watch' ? -40 : -2),
        });
      }
    };
    await accords(associationA, coordinatorA.id, cercle.bandiagara, 4, 'stable');
    await accords(associationA, coordinatorA.id, cercle.bandiagara, 3, 'watch');
    await accords(associationA, coordinatorA.id, cercle.koro, 5, 'stable');
    await accords(associationA, coordinatorA.id, cercle.koro, 3, 'watch');
    await accords(associationA, coordinatorA.id, cercle.koro, 1, 'broken');
    await accords(associationA, coordinatorA.id, cercle.douentza, 3, 'stable');
    // The one accord to protect: another association's, alone in Bankass.
    await accords(associationB, coordinatorB.id, cercle.bankass, 1, 'stable');

    const official = async (areaIds: string[]): Promise<[Record<string, string>, string]> => {
      const authority = await factory.authority({ areaIds });
      const user = await factory.user('official', { authorityId: authority.id });
      return [bearer((await login(t.http, user.username)).accessToken), authority.id];
    };
    admin = bearer((await login(t.http, (await factory.user('admin')).username)).accessToken);
    const [granted, grantedId] = await official([cercle.douentza]);
    grantedAuthority = grantedId;
    officials = {
      region: (await official([region]))[0],
      twoCercles: (await official([cercle.bandiagara, cercle.koro]))[0],
      commune: (await official([await communeOf(cercle.bankass)]))[0],
      granted,
    };
  });

  afterAll(async () => {
    await t?.close();
  });

  const stats = async (who: Record<string, string>, groupBy: string): Promise<Item[]> => {
    const res = await t.http.get(`/api/v1/stats/accords?groupBy=${groupBy}`).set(who);
    expect(res.status).toBe(200);
    return res.body.items as Item[];
  };
  const seenBy = async (caller: string, who: Record<string, string>): Promise<Seen> => ({
    caller,
    cercles: await stats(who, 'cercle'),
    regions: await stats(who, 'region'),
  });

  /** The ETag of the authority, for If-Match. */
  const etag = async (id: string): Promise<string> =>
    (await t.http.get(`/api/v1/authorities/${id}`).set(admin).expect(200)).headers.etag;
  /** PATCH /authorities/:id as the admin; `ifMatch` null sends none. */
  const patch = (id: string, ifMatch: string | null, body: Record<string, unknown>) => {
    const req = t.http.patch(`/api/v1/authorities/${id}`).set(admin);
    return (ifMatch === null ? req : req.set('if-match', ifMatch)).send(body);
  };
  const grant = async (id: string, statsScope: string) => patch(id, await etag(id), { statsScope });

  it('shows officials their jurisdiction in whole cercles; an admin grant widens it', async () => {
    const ids = (items: Item[]) => items.map((i) => i.areaId).sort();
    expect(ids(await stats(officials.region, 'cercle'))).toEqual(
      [cercle.bandiagara, cercle.bankass, cercle.koro].sort(),
    );
    expect(ids(await stats(officials.twoCercles, 'cercle'))).toEqual(
      [cercle.bandiagara, cercle.koro].sort(),
    );
    // Part of a cercle would be a second total of the same accords: none is given.
    expect(await stats(officials.commune, 'cercle')).toEqual([]);
    expect(await stats(officials.commune, 'region')).toEqual([]);
    expect(ids(await stats(officials.granted, 'cercle'))).toEqual([cercle.douentza]);

    const granted = await grant(grantedAuthority, 'all');
    expect(granted.status).toBe(200);
    expect(granted.body.statsScope).toBe('all');
    const everyCercle = (
      await t.db.query<{ id: string }>("SELECT id FROM area WHERE level = 'cercle'")
    ).rows.map((r) => r.id);
    expect(ids(await stats(officials.granted, 'cercle'))).toEqual(everyCercle.sort());
    const { rows } = await t.db.query<{ details: { fields: string[]; to: string } }>(
      "SELECT details FROM audit_event WHERE action = 'authority.update' AND entity_id = $1",
      [grantedAuthority],
    );
    expect(rows.map((r) => r.details)).toEqual([{ fields: ['statsScope'], to: 'all' }]);
  });

  it('refuses a bad statsScope change with problem+json, never a 500', async () => {
    const id = grantedAuthority;
    const cases: [string | null, Record<string, unknown>, number, string, string?][] = [
      [null, { statsScope: 'all' }, 428, 'precondition_required'],
      [await etag(id), { statsScope: 'country' }, 400, 'validation_failed'],
      [await etag(id), { statsScope: 'all', jurisdictionAreaIds: [] }, 400, 'validation_failed'],
      ['W/"1"', { statsScope: 'jurisdiction' }, 409, 'stale_version'],
      ['W/"1"', { statsScope: 'all' }, 404, 'not_found', randomUUID()],
    ];
    for (const [ifMatch, body, status, code, other] of cases) {
      const res = await patch(other ?? id, ifMatch, body);
      expect([res.status, res.body.code, res.headers['content-type']]).toEqual([
        status,
        code,
        expect.stringMatching(/^application\/problem\+json/),
      ]);
    }
  });

  it('lets no combination of groupings, scopes and callers narrow a "<3" cell', async () => {
    await grant(grantedAuthority, 'all');
    const seen = [
      await seenBy('admin', admin),
      await seenBy('official of the region', officials.region),
      await seenBy('official of Bandiagara and Koro', officials.twoCercles),
      await seenBy('official of a Bankass commune', officials.commune),
      await seenBy('official granted every cercle', officials.granted),
    ];
    const regionCercles = [cercle.bandiagara, cercle.bankass, cercle.koro];

    const adminSeen = seen[0];
    const everyCercle = (
      await t.db.query<{ id: string }>("SELECT id FROM area WHERE level = 'cercle'")
    ).rows.map((r) => r.id);
    const feasible = attack(seen, region, regionCercles, adminSeen, everyCercle);
    const report = [...feasible.values].map(
      ([cell, values]) => `${cell} ∈ {${[...values].join(',')}}`,
    );
    console.log(
      `Statistics differencing: ${seen.length} callers × 2 groupings; "<3" cells of the region: ${report.join(', ')}; ` +
        `Bankass may hold no accord: ${feasible.bankassMayBeEmpty}`,
    );
    expect(feasible.values.size).toBeGreaterThanOrEqual(4);
    for (const [cell, values] of feasible.values) {
      expect([cell, [...values].sort()]).toEqual([cell, [0, 1, 2]]);
    }
    expect(feasible.bankassMayBeEmpty).toBe(true);

    // What is published is not empty: the attack had material to work on.
    const koroRow = adminSeen.cercles.find((i) => i.areaId === cercle.koro)!;
    expect(koroRow.counts).toEqual({ broken: '<3', at_risk: '<3', watch: 3, stable: 5 });
    expect(adminSeen.cercles.find((i) => i.areaId === cercle.bankass)!.counts).toEqual(
      allLevels('<3'),
    );
    expect(adminSeen.regions.find((i) => i.areaName === 'Douentza')!.counts.stable).toBe(3);
    expect(seen[2].regions.find((i) => i.areaId === region)!.counts).toMatchObject({
      watch: 6,
      stable: 9,
    });
  });

  /**
   * The attacker: every cell of the region's cercles is a variable; each
   * published cercle figure fixes it or bounds it to 0–2; each region figure
   * constrains the sum of the cercles its caller listed; if the admin's list
   * leaves out a cercle, left-out cercles are empty and listed ones are not.
   * Exhaustive search over the cells left open gives each one's possible values.
   */
  function attack(
    seen: Seen[],
    regionId: string,
    cercleIds: string[],
    adminSeen: Seen,
    everyCercle: string[],
  ): { values: Map<string, Set<number>>; bankassMayBeEmpty: boolean } {
    const key = (c: string, l: HealthLevel) => `${nameOf(c)}/${l}`;
    const nameOf = (c: string) => Object.entries(cercle).find(([, id]) => id === c)![0];
    const domain = new Map<string, number[]>();
    const small = new Set<string>();
    const sums: { cells: string[]; figure: Figure }[] = [];
    for (const c of cercleIds) for (const l of HEALTH_LEVELS) domain.set(key(c, l), range(0, 30));
    const restrict = (k: string, values: number[]) =>
      domain.set(
        k,
        domain.get(k)!.filter((v) => values.includes(v)),
      );
    for (const s of seen) {
      for (const item of s.cercles.filter((i) => cercleIds.includes(i.areaId))) {
        for (const l of HEALTH_LEVELS) {
          const figure = item.counts[l];
          if (typeof figure === 'number') restrict(key(item.areaId, l), [figure]);
          else if (figure === '<3') {
            restrict(key(item.areaId, l), [0, 1, 2]);
            small.add(key(item.areaId, l));
          }
        }
      }
      const listed = s.cercles.map((i) => i.areaId).filter((id) => cercleIds.includes(id));
      for (const item of s.regions.filter((i) => i.areaId === regionId)) {
        for (const l of HEALTH_LEVELS) {
          sums.push({ cells: listed.map((c) => key(c, l)), figure: item.counts[l] });
        }
      }
    }
    const adminListed = adminSeen.cercles.map((i) => i.areaId);
    const absent = cercleIds.filter((c) => !adminListed.includes(c));
    for (const c of absent) for (const l of HEALTH_LEVELS) restrict(key(c, l), [0]);
    const omitsEmpty = everyCercle.some((c) => !adminListed.includes(c));
    const nonEmptyRows = omitsEmpty ? cercleIds.filter((c) => !absent.includes(c)) : [];

    const cells = [...domain.keys()];
    const values = new Map([...small].map((k) => [k, new Set<number>()]));
    let bankassMayBeEmpty = false;
    const assignment = new Map<string, number>();
    const consistent = (): boolean =>
      sums.every(({ cells: members, figure }) => {
        const total = members.reduce((n, k) => n + assignment.get(k)!, 0);
        return typeof figure === 'number' ? total === figure : figure === '<3' ? total <= 2 : true;
      }) && nonEmptyRows.every((c) => HEALTH_LEVELS.some((l) => assignment.get(key(c, l))! > 0));
    const search = (i: number): void => {
      if (i === cells.length) {
        if (!consistent()) return;
        for (const [k, set] of values) set.add(assignment.get(k)!);
        if (HEALTH_LEVELS.every((l) => assignment.get(key(cercle.bankass, l)) === 0))
          bankassMayBeEmpty = true;
        return;
      }
      for (const v of domain.get(cells[i])!) {
        assignment.set(cells[i], v);
        search(i + 1);
      }
    };
    search(0);
    return { values, bankassMayBeEmpty };
  }
});

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function allLevels<T>(value: T): Record<HealthLevel, T> {
  return { broken: value, at_risk: value, watch: value, stable: value };
}
