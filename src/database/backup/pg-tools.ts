import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

export type PgTool = 'pg_dump' | 'pg_restore';

/** The major version a PostgreSQL client tool reports, or null when it does not run. */
function majorOf(path: string): number | null {
  try {
    const version = execFileSync(path, ['--version'], { encoding: 'utf8', stdio: 'pipe' });
    const major = Number(/\s(\d+)(?:\.\d+)?/.exec(version)?.[1]);
    return Number.isInteger(major) ? major : null;
  } catch {
    return null;
  }
}

/**
 * A PostgreSQL client tool whose major version is at least `minMajor` (pg_dump
 * refuses a server newer than itself; pg_restore an archive newer than
 * itself), or null. Looked for in `binDir` (TOGUNA_PG_BIN) first, then on the
 * PATH, then in Debian's /usr/lib/postgresql/<version>/bin, newest first.
 */
export function findPgTool(
  tool: PgTool,
  minMajor: number,
  binDir?: string,
): { path: string; major: number } | null {
  const candidates: string[] = [];
  if (binDir) candidates.push(join(binDir, tool));
  candidates.push(tool);
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin', tool)));
  }
  for (const path of candidates) {
    const major = majorOf(path);
    if (major !== null && major >= minMajor) return { path, major };
  }
  return null;
}
