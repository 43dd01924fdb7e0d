import { spawn } from 'node:child_process';
import { Client } from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { findPgTool } from './pg-tools';

/**
 * How the database was captured:
 * - `pg_dump`: PostgreSQL's own tool (custom format), when one at least as
 *   new as the server is found;
 * - `copy`: otherwise, every table's rows (`COPY … TO STDOUT`) read by the
 *   application itself in one REPEATABLE READ, READ ONLY transaction, so the
 *   snapshot is as consistent as pg_dump's; the schema is the migrations'.
 */
export type SnapshotMethod = 'pg_dump' | 'copy';

export interface SnapshotTable {
  name: string;
  columns: string[];
  bytes: number;
}

export interface SnapshotManifest {
  method: SnapshotMethod;
  serverVersion: string;
  /** The major version of the pg_dump used (pg_restore must be as new). */
  toolMajor?: number;
  /** The migrations applied to the database, in order. */
  migrations: string[];
  /** `copy` only: the tables, parents before children, and the size of each one's rows. */
  tables?: SnapshotTable[];
}

export interface Snapshot {
  manifest: SnapshotManifest;
  data: Buffer;
}

export interface SnapshotOptions {
  /** Default `auto`: pg_dump when a compatible one is found, else `copy`. */
  method?: SnapshotMethod | 'auto';
  /** TOGUNA_PG_BIN: where to look for pg_dump first. */
  pgBinDir?: string;
}

/** TypeORM's own bookkeeping: recreated by running the migrations, never copied. */
export const MIGRATIONS_TABLE = 'migrations';

export async function serverMajor(client: Client): Promise<{ version: string; major: number }> {
  const { rows } = await client.query<{ version: string; num: string }>(
    `SELECT current_setting('server_version') AS version, current_setting('server_version_num') AS num`,
  );
  return { version: rows[0].version, major: Math.floor(Number(rows[0].num) / 10000) };
}

export async function appliedMigrations(client: Client): Promise<string[]> {
  const { rows: found } = await client.query<{ t: string | null }>(
    'SELECT to_regclass($1)::text AS t',
    [MIGRATIONS_TABLE],
  );
  if (!found[0].t)
    throw new Error('the database holds no Toguna schema yet: start the API on it once first');
  const { rows } = await client.query<{ name: string }>(
    `SELECT name FROM ${MIGRATIONS_TABLE} ORDER BY id`,
  );
  return rows.map((r) => r.name);
}

/** The connection URL without its password, and the password (for PGPASSWORD). */
export function libpqTarget(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (password) env.PGPASSWORD = password;
  return { url: parsed.toString(), env };
}

/** Runs a PostgreSQL client tool, feeding `input` and collecting its output. */
export function runPgTool(path: string, args: string[], env: NodeJS.ProcessEnv, input?: Buffer) {
  return new Promise<Buffer>((resolve, reject) => {
    const child = spawn(path, args, { env, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => (err = (err + chunk.toString()).slice(-4000)));
    child.once('error', reject);
    child.once('close', (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else reject(new Error(`${path} exited with code ${code}: ${err.trim()}`));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/**
 * The tables of the public schema (the migrations' own excepted), parents
 * before the tables that reference them, with their stored columns.
 */
export async function tablesInDependencyOrder(
  client: Client,
): Promise<{ name: string; columns: string[] }[]> {
  const { rows: columns } = await client.query<{ table: string; column: string }>(
    `SELECT c.table_name AS table, c.column_name AS column
       FROM information_schema.columns c
       JOIN information_schema.tables t
         ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
        AND c.is_generated = 'NEVER' AND c.table_name <> $1
      ORDER BY c.table_name, c.ordinal_position`,
    [MIGRATIONS_TABLE],
  );
  const { rows: references } = await client.query<{ child: string; parent: string }>(
    `SELECT DISTINCT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
       FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
      WHERE c.contype = 'f' AND n.nspname = 'public' AND c.conrelid <> c.confrelid`,
  );
  const byTable = new Map<string, string[]>();
  for (const { table, column } of columns)
    byTable.set(table, [...(byTable.get(table) ?? []), column]);
  const ordered: string[] = [];
  const visiting = new Set<string>();
  const visit = (table: string): void => {
    if (ordered.includes(table) || visiting.has(table)) return;
    visiting.add(table);
    for (const r of references) if (r.child === table && byTable.has(r.parent)) visit(r.parent);
    ordered.push(table);
  };
  for (const table of [...byTable.keys()].sort()) visit(table);
  return ordered.map((name) => ({ name, columns: byTable.get(name)! }));
}

async function copySnapshot(client: Client, base: Omit<SnapshotManifest, 'method'>) {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
  try {
    const migrations = await appliedMigrations(client);
    const tables: SnapshotTable[] = [];
    const parts: Buffer[] = [];
    for (const { name, columns } of await tablesInDependencyOrder(client)) {
      const list = columns.map((c) => client.escapeIdentifier(c)).join(', ');
      const stream = client.query(
        copyTo(`COPY ${client.escapeIdentifier(name)} (${list}) TO STDOUT`),
      );
      const chunks: Buffer[] = [];
      for await (const chunk of stream) chunks.push(chunk as Buffer);
      const data = Buffer.concat(chunks);
      tables.push({ name, columns, bytes: data.length });
      parts.push(data);
    }
    await client.query('COMMIT');
    return {
      manifest: { ...base, method: 'copy', migrations, tables } satisfies SnapshotManifest,
      data: Buffer.concat(parts),
    };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** A consistent snapshot of the database at `url` (see SnapshotMethod). */
export async function takeSnapshot(url: string, options: SnapshotOptions = {}): Promise<Snapshot> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const server = await serverMajor(client);
    const method = options.method ?? 'auto';
    const pgDump = method === 'copy' ? null : findPgTool('pg_dump', server.major, options.pgBinDir);
    if (method === 'pg_dump' && !pgDump)
      throw new Error(
        `no pg_dump of version ${server.major} or later (set TOGUNA_PG_BIN to its folder)`,
      );
    if (!pgDump)
      return await copySnapshot(client, { serverVersion: server.version, migrations: [] });
    const migrations = await appliedMigrations(client);
    const target = libpqTarget(url);
    const data = await runPgTool(
      pgDump.path,
      ['--format=custom', '--no-owner', '--no-privileges', `--dbname=${target.url}`],
      target.env,
    );
    return {
      manifest: {
        method: 'pg_dump',
        serverVersion: server.version,
        toolMajor: pgDump.major,
        migrations,
      },
      data,
    };
  } finally {
    await client.end();
  }
}
