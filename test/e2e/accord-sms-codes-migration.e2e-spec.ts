import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AccordSmsCodes1796665314717 } from '../../migrations/1796665314717-AccordSmsCodes';
import { dataSourceOptions } from '../../src/database/data-source';
import { Factory } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Issue 19's migration on accords the former code wrote: taken down to the
 * former schema, filled, then up again: each accord gets its own random
 * code, each term its number in the order the terms were recorded.
 */
describe('migrating accords to SMS codes and term numbers', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('backfills a unique code per accord and numbers terms by recording order', async () => {
    const f = new Factory(t.db);
    const mediator = await f.user('mediator');
    const kase = await f.dialogueCase({
      associationId: mediator.associationId!,
      areaId: await f.areaId('Dinangourou', 'commune'),
      createdBy: mediator.id,
    });
    const source = new DataSource(dataSourceOptions(t.databaseUrl));
    await source.initialize();
    const runner = source.createQueryRunner();
    try {
      const migration = new AccordSmsCodes1796665314717();
      await migration.down(runner);
      const partyId = randomUUID();
      await t.db.query(
        `INSERT INTO case_party (id, case_id, name, kind, version) VALUES ($1, $2, 'P', 'community', 1)`,
        [partyId, kase.id],
      );
      const accords: string[] = [];
      const terms: Record<string, string[]> = {};
      for (let a = 0; a < 3; a++) {
        const id = randomUUID();
        accords.push(id);
        await t.db.query(
          `INSERT INTO accord (id, case_id, concluded_at, form, kind, created_by, version)
           VALUES ($1, $2, now(), 'verbal', 'ceasefire', $3, 1)`,
          [id, kase.id, mediator.id],
        );
        // Recorded on days 3, 1 and 2: numbered 3, 1 and 2.
        terms[id] = [];
        for (const day of [3, 1, 2]) {
          const termId = randomUUID();
          terms[id].push(termId);
          await t.db.query(
            `INSERT INTO accord_term (id, accord_id, text, category, obligor_party_id, version, created_at)
             VALUES ($1, $2, 'enc:test', 'other', $3, 1, now() - make_interval(days => 10 - $4))`,
            [termId, id, partyId, day],
          );
        }
      }
      await migration.up(runner);

      const { rows } = await t.db.query<{ id: string; sms_code: string }>(
        'SELECT id, sms_code FROM accord WHERE id = ANY($1::uuid[])',
        [accords],
      );
      expect(rows).toHaveLength(3);
      for (const row of rows) expect(row.sms_code).toMatch(/^[0-9A-HJKMNP-TV-Z]{6}$/);
      expect(new Set(rows.map((r) => r.sms_code)).size).toBe(3);
      for (const accordId of accords) {
        const numbered = await t.db.query<{ id: string; number: number }>(
          'SELECT id, number FROM accord_term WHERE accord_id = $1',
          [accordId],
        );
        const numberOf = new Map(numbered.rows.map((r) => [r.id, r.number]));
        expect(terms[accordId].map((id) => numberOf.get(id))).toEqual([3, 1, 2]);
      }
      // The code is unique, the number too within an accord.
      await expect(
        t.db.query('UPDATE accord SET sms_code = $1 WHERE id = $2', [rows[0].sms_code, rows[1].id]),
      ).rejects.toThrow(/uq_accord_sms_code/);
      await expect(
        t.db.query('UPDATE accord_term SET number = 1 WHERE id = $1', [terms[accords[0]][0]]),
      ).rejects.toThrow(/uq_accord_term_accord_id_number/);
    } finally {
      await runner.release();
      await source.destroy();
    }
  });
});
