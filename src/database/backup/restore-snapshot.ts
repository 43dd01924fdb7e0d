import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../migrations';
import { dataSourceOptions } from '../data-source';
import {
  libpqTarget,
  runPgTool,
  Snapshot,
  SnapshotTable,
  tablesInDependencyOrder,
} from './snapshot';
import { findPgTool } from './pg-tools';

export class RestoreRefusedError extends Error {}

/** The tables of the public schema: a database with none is empty. */
export async function tableCount(client: Client): Promise<number> {
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  return rows[0].n;
}

/** Refuses anything but an empty database (a restore never merges into data). */
export async function assertEmptyDatabase(url: string): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const tables = await tableCount(client);
    if (tables > 0)
      throw new RestoreRefusedError(
        `the target database is not empty (${tables} tables): restore into a new, empty database`,
      );
  } finally {
    await client.end();
  }
}

/** Runs exactly the migrations the backup's database had, so its rows fit the schema. */
async function migrateTo(url: string, names: string[]): Promise<void> {
  const known = MIGRATIONS.map((m) => m.name);
  const unknown = names.filter((n) => !known.includes(n));
  if (unknown.length > 0 || names.some((n, i) => known[i] !== n))
    throw new RestoreRefusedError(
      `the backup was made by another version of Toguna (migrations ${unknown.join(', ') || 'in another order'}): restore it with that version, then upgrade`,
    );
  const dataSource = new DataSource({
    ...dataSourceOptions(url),
    migrations: MIGRATIONS.slice(0, names.length),
  });
  await dataSource.initialize();
  try {
    await dataSource.runMigrations({ transaction: 'all' });
  } finally {
    await dataSource.destroy();
  }
}

async function copyRows(client: Client, tables: SnapshotTable[], data: Buffer): Promise<void> {
  const present = new Set((await tablesInDependencyOrder(client)).map((t) => t.name));
  const missing = tables.filter((t) => !present.has(t.name)).map((t) => t.name);
  if (missing.length > 0) throw new RestoreRefusedError(`unknown tables: ${missing.join(', ')}`);
  await client.query('BEGIN');
  try {
    // Rows the migrations seeded (the areas) give way to the backup's.
    for (const { name } of [...tables].reverse())
      await client.query(`DELETE FROM ${client.escapeIdentifier(name)}`);
    let offset = 0;
    for (const { name, columns, bytes } of tables) {
      const list = columns.map((c) => client.escapeIdentifier(c)).join(', ');
      const sink = client.query(
        copyFrom(`COPY ${client.escapeIdentifier(name)} (${list}) FROM STDIN`),
      );
      await pipeline(Readable.from([data.subarray(offset, offset + bytes)]), sink);
      offset += bytes;
    }
    await resetSequences(client);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** Sequences owned by a column continue after the largest value restored. */
async function resetSequences(client: Client): Promise<void> {
  const { rows } = await client.query<{ seq: string; tbl: string; col: string }>(
    `SELECT s.oid::regclass::text AS seq, t.oid::regclass::text AS tbl, quote_ident(a.attname) AS col
       FROM pg_depend d
       JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S'
       JOIN pg_class t ON t.oid = d.refobjid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = 'public'
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
      WHERE d.deptype IN ('a', 'i')`,
  );
  for (const { seq, tbl, col } of rows)
    await client.query(
      `SELECT setval($1::regclass, coalesce((SELECT max(${col}) FROM ${tbl}), 0) + 1, false)`,
      [seq],
    );
}

/**
 * Restores a snapshot into the empty database at `url`: pg_restore for a
 * pg_dump archive (a pg_restore at least as new as the pg_dump is needed),
 * or the backup's migrations then its rows (`COPY … FROM STDIN`, one
 * transaction) for a `copy` snapshot.
 */
export async function restoreSnapshot(
  url: string,
  snapshot: Snapshot,
  options: { pgBinDir?: string } = {},
): Promise<void> {
  await assertEmptyDatabase(url);
  const { manifest } = snapshot;
  if (manifest.method === 'pg_dump') {
    const tool = findPgTool('pg_restore', manifest.toolMajor ?? 0, options.pgBinDir);
    if (!tool)
      throw new RestoreRefusedError(
        `this backup is a pg_dump ${manifest.toolMajor} archive: restoring it needs pg_restore ${manifest.toolMajor} or later (PostgreSQL client tools; TOGUNA_PG_BIN names their folder)`,
      );
    const target = libpqTarget(url);
    await runPgTool(
      tool.path,
      [
        '--no-owner',
        '--no-privileges',
        '--exit-on-error',
        '--single-transaction',
        `--dbname=${target.url}`,
      ],
      target.env,
      snapshot.data,
    );
    return;
  }
  await migrateTo(url, manifest.migrations);
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await copyRows(client, manifest.tables ?? [], snapshot.data);
  } finally {
    await client.end();
  }
}
