import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DataSource } from 'typeorm';
import { encryptedColumns } from '../../src/common/crypto/encrypted-columns';
import { protectedColumns } from '../../src/common/inventory/data-inventory';
import { bearer, Factory, login } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

interface Column {
  column: string;
  protection: string;
  how: string | null;
}
interface Table {
  table: string;
  rows: number;
  retention: string;
  columns: Column[];
}

/**
 * "What we could hand over" (issue 21, point 3): the report is generated from
 * the entity declarations over the database catalogue, never kept by hand.
 */
describe('disclosure report', () => {
  let t: TestApp;
  let admin: Record<string, string>;
  const others: Record<string, Record<string, string>> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const factory = new Factory(t.db);
    admin = bearer((await login(t.http, (await factory.user('admin')).username)).accessToken);
    const association = (await factory.association()).id;
    for (const role of ['coordinator', 'mediator'] as const)
      others[role] = bearer(
        (await login(t.http, (await factory.user(role, { associationId: association })).username))
          .accessToken,
      );
    const authority = await factory.authority();
    others.official = bearer(
      (
        await login(
          t.http,
          (await factory.user('official', { authorityId: authority.id })).username,
        )
      ).accessToken,
    );
  });
  afterAll(async () => {
    await t.close();
  });

  const report = async () =>
    (await t.http.get('/api/v1/admin/disclosure-report').set(admin).expect(200)).body as {
      tables: Table[];
      keys: { file: string; present: boolean }[];
      answers: Record<'databaseAlone' | 'databaseAndKeys' | 'seizedPhoneAfterPanic', string[]>;
    };
  const protectionOf = (tables: Table[], table: string, column: string) =>
    tables.find((x) => x.table === table)?.columns.find((c) => c.column === column)?.protection;

  it('is for admins only', async () => {
    for (const [role, who] of Object.entries(others)) {
      const res = await t.http.get('/api/v1/admin/disclosure-report').set(who);
      expect([role, res.status, res.body.code]).toEqual([role, 403, 'forbidden']);
    }
    await t.http.get('/api/v1/admin/disclosure-report').expect(401);
  });

  it('lists every table of the database with its row count and retention', async () => {
    const { tables } = await report();
    const { rows } = await t.db.query<{ name: string }>(
      `SELECT table_name AS name FROM information_schema.tables
        WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
    );
    expect(tables.map((x) => x.table).sort()).toEqual(rows.map((r) => r.name).sort());
    const users = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM app_user');
    expect(tables.find((x) => x.table === 'app_user')!.rows).toBe(users.rows[0].n);
    expect(tables.find((x) => x.table === 'audit_event')!.retention).toMatch(/append-only/);
    expect(tables.find((x) => x.table === 'idempotency_record')!.retention).toMatch(/24 hours/);
    expect(tables.find((x) => x.table === 'dialogue_case')!.retention).toMatch(/no automatic/);
  });

  it('classes every encrypted column of every entity as encrypted, and every declared hash as such', async () => {
    const { tables, answers } = await report();
    const dataSource = t.app.get(DataSource);
    const encrypted = encryptedColumns(dataSource);
    expect(encrypted.length).toBeGreaterThanOrEqual(18);
    for (const { table, column } of encrypted) {
      expect([table, column, protectionOf(tables, table, column)]).toEqual([
        table,
        column,
        'encrypted',
      ]);
      expect(answers.databaseAlone.join('\n')).toContain(`${table}.${column}`);
      expect(answers.databaseAndKeys.join('\n')).toContain(`${table}.${column}`);
    }
    for (const { table, column, protection } of protectedColumns(dataSource))
      expect([table, column, protectionOf(tables, table, column)]).toEqual([
        table,
        column,
        protection,
      ]);
    expect(protectionOf(tables, 'app_user', 'password_hash')).toBe('one-way-hash');
    expect(protectionOf(tables, 'rate_limit_hit', 'key')).toBe('keyed-hash');
    expect(protectionOf(tables, 'idempotency_record', 'response_body')).toBe('encrypted');
    expect(protectionOf(tables, 'dialogue_case', 'code_name')).toBe('clear');
    expect(answers.seizedPhoneAfterPanic.join('\n')).toMatch(/IndexedDB/);
  });

  it('shows a column nobody declared as clear, and counts it in the answer', async () => {
    const before = await report();
    const count = (a: string[]) => Number(/\((\d+) of them/.exec(a[0])![1]);
    await t.db.query('ALTER TABLE dialogue_case ADD COLUMN village_name text');
    try {
      const after = await report();
      expect(protectionOf(after.tables, 'dialogue_case', 'village_name')).toBe('clear');
      expect(count(after.answers.databaseAlone)).toBe(count(before.answers.databaseAlone) + 1);
    } finally {
      await t.db.query('ALTER TABLE dialogue_case DROP COLUMN village_name');
    }
  });

  it('npm run report:disclosure prints the same report as Markdown', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['-r', 'ts-node/register/transpile-only', 'src/cli/report-disclosure.ts'],
      {
        cwd: join(__dirname, '..', '..'),
        env: {
          ...process.env,
          DATABASE_URL: t.databaseUrl,
          TOGUNA_KEYS_DIR: t.config.keysDir,
          TS_NODE_TRANSPILE_ONLY: 'true',
        },
        maxBuffer: 1 << 24,
      },
    );
    expect(stdout).toMatch(/^# What we could hand over/m);
    expect(stdout).toMatch(/## With a seized phone, after panic/);
    expect(stdout).toContain('| real_name | text | encrypted |');
    expect(stdout).toMatch(/`field-keys.json`: decrypts/);
  });
});
