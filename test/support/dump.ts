import { execFileSync } from 'node:child_process';
import { Pool } from 'pg';

/** A pg_dump whose major version can dump this server, or null. */
function compatiblePgDump(serverMajor: number): string | null {
  for (const candidate of ['pg_dump', `/usr/lib/postgresql/${serverMajor}/bin/pg_dump`]) {
    try {
      const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' });
      const major = Number(/(\d+)\./.exec(version)?.[1]);
      if (major >= serverMajor) return candidate;
    } catch {
      // not installed
    }
  }
  return null;
}

/**
 * Everything a dump of the database would give an attacker: the output of
 * pg_dump when a compatible one is installed, otherwise every row of every
 * table of the schema, exported as text by the server itself.
 */
export async function dumpDatabase(
  pool: Pool,
  databaseUrl: string,
): Promise<{ text: string; tool: string }> {
  const { rows: version } = await pool.query<{ v: string }>('SHOW server_version_num');
  const pgDump = compatiblePgDump(Math.floor(Number(version[0].v) / 10000));
  if (pgDump) {
    return {
      text: execFileSync(pgDump, ['--data-only', databaseUrl], {
        encoding: 'utf8',
        maxBuffer: 1 << 28,
      }),
      tool: 'pg_dump',
    };
  }
  const { rows: tables } = await pool.query<{ name: string }>(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const { rows } = await pool.query<{ line: string }>(`SELECT t::text AS line FROM ${name} t`);
    parts.push(`-- ${name}`, ...rows.map((r) => r.line));
  }
  return { text: parts.join('\n'), tool: 'SQL export of every table' };
}
