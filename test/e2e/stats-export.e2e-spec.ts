import { randomUUID } from 'node:crypto';
import { HEALTH_LEVELS } from '../../src/modules/accords/accord-health';
import { AccordFactory, daysFrom } from '../support/accords';
import { bearer, Factory, login } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

type Headers = Record<string, string>;
interface Item {
  areaId: string;
  areaName: string;
  pcode: string | null;
  counts: Record<string, number | string>;
}

const CERCLE_HXL =
  '#adm1+name,#adm1+code,#adm2+name,#adm2+code,' +
  '#indicator+accords+broken,#indicator+accords+at_risk,#indicator+accords+watch,#indicator+accords+stable';
const REGION_HXL =
  '#adm1+name,#adm1+code,' +
  '#indicator+accords+broken,#indicator+accords+at_risk,#indicator+accords+watch,#indicator+accords+stable';

/** Area names hold no comma or quote: a plain split reads the test's CSV. */
const parse = (csv: string): string[][] =>
  csv
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(','));

/**
 * Exports for partners (issue 21, point 4): the suppressed statistics as CSV
 * with the HXL hashtag row, the same figures as the JSON, and the P-codes
 * admins set on areas (COD-AB format of Mali).
 */
describe('statistics export: CSV with HXL hashtags, P-codes', () => {
  let t: TestApp;
  let admin: Headers;
  let coordinator: Headers;
  let mediator: Headers;
  const area = { region: '', koro: '', bankass: '', commune: '' };

  beforeAll(async () => {
    t = await startTestApp();
    const factory = new Factory(t.db);
    area.koro = await factory.areaId('Koro', 'cercle');
    area.bankass = await factory.areaId('Bankass', 'cercle');
    area.region = (
      await t.db.query<{ parent_id: string }>('SELECT parent_id FROM area WHERE id = $1', [
        area.koro,
      ])
    ).rows[0].parent_id;
    area.commune = (
      await t.db.query<{ id: string }>(
        'SELECT id FROM area WHERE parent_id = $1 ORDER BY name LIMIT 1',
        [area.koro],
      )
    ).rows[0].id;
    const association = (await factory.association()).id;
    const coord = await factory.user('coordinator', { associationId: association });
    const med = await factory.user('mediator', { associationId: association });
    const accords = new AccordFactory(t.db, coord.id);
    for (let i = 0; i < 4; i++) {
      const c = await factory.dialogueCase({
        associationId: association,
        areaId: area.commune,
        createdBy: coord.id,
        status: 'monitoring',
      });
      await accords.accord({ caseId: c.id, concludedAt: daysFrom(new Date(), -2) });
    }
    admin = bearer((await login(t.http, (await factory.user('admin')).username)).accessToken);
    coordinator = bearer((await login(t.http, coord.username)).accessToken);
    mediator = bearer((await login(t.http, med.username)).accessToken);
  });
  afterAll(async () => {
    await t.close();
  });

  const setPcode = (id: string, pcode: unknown, who: Headers = admin) =>
    t.http.put(`/api/v1/areas/${id}/pcode`).set(who).send({ pcode });

  describe('P-codes on areas', () => {
    it('an admin sets them in the COD-AB format of Mali, each extending its parent’s', async () => {
      const region = await setPcode(area.region, 'ML05').expect(200);
      expect(region.body).toMatchObject({ id: area.region, pcode: 'ML05' });
      await setPcode(area.koro, 'ML0504').expect(200);
      const read = await t.http.get(`/api/v1/areas/${area.koro}`).set(coordinator).expect(200);
      expect(read.body.pcode).toBe('ML0504');

      const refused: [string, unknown, number, string][] = [
        [area.koro, 'ML1', 400, 'validation_failed'],
        [area.koro, 'ml0504', 400, 'validation_failed'],
        [area.koro, 'ML05040', 400, 'validation_failed'],
        [area.koro, 42, 400, 'validation_failed'],
        [area.koro, 'ML05', 400, 'invalid_pcode'], // a region's length for a cercle
        [area.bankass, 'ML0901', 400, 'invalid_pcode'], // not under its region's ML05
        [area.commune, 'ML050401', 200, ''],
        [area.bankass, 'ML0504', 409, 'duplicate'], // Koro's
        [randomUUID(), 'ML0507', 404, 'not_found'],
      ];
      for (const [id, pcode, status, code] of refused) {
        const res = await setPcode(id, pcode);
        expect([pcode, res.status, res.body.code ?? '']).toEqual([pcode, status, code]);
      }
      await setPcode(area.bankass, 'ML0501', coordinator).expect(403);
      expect(
        (await t.db.query('SELECT pcode FROM area WHERE id = $1', [area.bankass])).rows[0].pcode,
      ).toBeNull();
      await t.http.put(`/api/v1/areas/${area.bankass}/pcode`).set(admin).send({}).expect(400);

      // null removes a code; the change is audited by field name.
      await setPcode(area.commune, null).expect(200);
      const { rows } = await t.db.query<{ details: unknown }>(
        "SELECT details FROM audit_event WHERE action = 'area.update' AND entity_id = $1",
        [area.commune],
      );
      expect(rows.map((r) => r.details)).toEqual([{ fields: ['pcode'] }, { fields: ['pcode'] }]);
    });

    it('a new area may carry its P-code', async () => {
      const created = await t.http
        .post('/api/v1/areas')
        .set(admin)
        .send({ name: 'Commune P-code', level: 'commune', parentId: area.koro, pcode: 'ML050499' })
        .expect(201);
      expect(created.body.pcode).toBe('ML050499');
      await t.http
        .post('/api/v1/areas')
        .set(admin)
        .send({
          name: 'Commune hors cercle',
          level: 'commune',
          parentId: area.koro,
          pcode: 'ML060101',
        })
        .expect(400)
        .expect((r) => expect(r.body.code).toBe('invalid_pcode'));
    });
  });

  describe('CSV', () => {
    const json = async (who: Headers, groupBy: string): Promise<Item[]> =>
      (await t.http.get(`/api/v1/stats/accords?groupBy=${groupBy}`).set(who).expect(200)).body
        .items as Item[];

    it('format=csv: the HXL row as line 2, the JSON’s figures and P-codes on every row', async () => {
      const res = await t.http
        .get('/api/v1/stats/accords?groupBy=cercle&format=csv')
        .set(admin)
        .expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="toguna-accords-cercle-\d{4}-\d{2}-\d{2}\.csv"$/,
      );
      expect(res.headers.vary).toMatch(/accept\b/i);
      const lines = parse(res.text);
      expect(lines[0][0]).toBe('Region');
      expect(lines[1].join(',')).toBe(CERCLE_HXL);

      const items = await json(admin, 'cercle');
      expect(lines).toHaveLength(items.length + 2);
      const koro = lines.find((l) => l[2] === 'Koro')!;
      expect(koro.slice(1, 4)).toEqual(['ML05', 'Koro', 'ML0504']);
      expect(koro.slice(4)).toEqual(['<3', '<3', '<3', '4']);
      for (const item of items) {
        const row = lines.find((l) => l[2] === item.areaName)!;
        expect([item.areaName, row.slice(4)]).toEqual([
          item.areaName,
          HEALTH_LEVELS.map((level) => String(item.counts[level])),
        ]);
        expect(row[3]).toBe(item.pcode ?? '');
      }
      const bankass = lines.find((l) => l[2] === 'Bankass')!;
      expect(bankass.slice(3)).toEqual(['', '<3', '<3', '<3', '<3']);
    });

    it('regions: derived figures and "x" exactly as the JSON gives them', async () => {
      const res = await t.http
        .get('/api/v1/stats/accords?groupBy=region&format=csv')
        .set(admin)
        .expect(200);
      const lines = parse(res.text);
      expect(lines[1].join(',')).toBe(REGION_HXL);
      const items = await json(admin, 'region');
      expect(lines.slice(2)).toEqual(
        items.map((i) => [
          i.areaName,
          i.pcode ?? '',
          ...HEALTH_LEVELS.map((level) => String(i.counts[level])),
        ]),
      );
      expect(lines.find((l) => l[1] === 'ML05')).toBeDefined();
      expect(lines.some((l) => l.includes('x'))).toBe(true);
    });

    it('Accept: text/csv answers CSV; format wins over Accept; JSON stays the default', async () => {
      const byAccept = await t.http
        .get('/api/v1/stats/accords')
        .set(coordinator)
        .set('accept', 'text/csv')
        .expect(200);
      expect(byAccept.headers['content-type']).toMatch(/^text\/csv/);
      const lines = parse(byAccept.text);
      expect(lines[1].join(',')).toBe(CERCLE_HXL);
      // A coordinator's CSV is the coordinator's scope: the cercles of its cases only.
      expect(lines.slice(2).map((l) => l[2])).toEqual(
        (await json(coordinator, 'cercle')).map((i) => i.areaName),
      );
      expect(lines.slice(2).map((l) => l[2])).toEqual(['Koro']);

      const forced = await t.http
        .get('/api/v1/stats/accords?format=json')
        .set(admin)
        .set('accept', 'text/csv')
        .expect(200);
      expect(forced.headers['content-type']).toMatch(/^application\/json/);
      const plain = await t.http.get('/api/v1/stats/accords').set(admin).expect(200);
      expect(plain.headers['content-type']).toMatch(/^application\/json/);
      expect(plain.body.items[0]).toHaveProperty('pcode');
    });

    it('refuses what the JSON refuses: a mediator, an unknown format', async () => {
      await t.http.get('/api/v1/stats/accords?format=csv').set(mediator).expect(403);
      const bad = await t.http.get('/api/v1/stats/accords?format=xml').set(admin).expect(400);
      expect(bad.body.code).toBe('validation_failed');
    });
  });
});
