/**
 * Where the benchmark's data lives, shared by `bench:seed` and `bench`.
 *
 * The PostgreSQL server is DATABASE_URL's server when it is set (databases
 * are created on it next to whatever it holds), otherwise an embedded server
 * in `.toguna-bench/pg` on port 54339 (never the development data folder).
 * Each scale gets its own database, `toguna_bench_<scale>` (`.` → `_`), and
 * a manifest `.toguna-bench/seed-<scale>.json` that tells the benchmark which
 * users and records to drive. Field keys live in `.toguna-bench/keys`: the
 * seed encrypts with them and the benchmarked API decrypts with them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startEmbeddedPostgres } from '../../src/database/embedded-postgres';

export const BENCH_DIR = resolve(process.env.TOGUNA_BENCH_DIR ?? '.toguna-bench');
export const BENCH_KEYS_DIR = join(BENCH_DIR, 'keys');
export const BENCH_PG_PORT = Number(process.env.TOGUNA_BENCH_PG_PORT ?? 54339);

/** The password every seeded user signs in with (synthetic data, loopback only). */
export const BENCH_PASSWORD = 'Bench-password-for-synthetic-data-1';

export interface BenchServer {
  /** URL of the server's `postgres` database (for CREATE/DROP DATABASE). */
  adminUrl: string;
  /** URL of a database on that server. */
  urlFor(database: string): string;
  stop(): Promise<void>;
}

export function databaseNameFor(scale: number): string {
  return `toguna_bench_${String(scale).replace('.', '_')}`;
}

export function manifestPathFor(scale: number): string {
  return join(BENCH_DIR, `seed-${scale}.json`);
}

/** `--name=value` (or `--name value`) from argv, or undefined. */
export function argValue(name: string, argv = process.argv.slice(2)): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === `--${name}`) return argv[i + 1];
    if (arg.startsWith(`--${name}=`)) return arg.slice(name.length + 3);
  }
  return undefined;
}

export function parseScale(raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const scale = Number(raw);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) {
    throw new Error(`--scale must be a number in (0, 10], not ${JSON.stringify(raw)}`);
  }
  return scale;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** DATABASE_URL's server, or the benchmark's own embedded server (started here). */
export async function startBenchServer(
  log: (line: string) => void = () => undefined,
): Promise<BenchServer> {
  const external = process.env.DATABASE_URL;
  if (external) {
    return {
      adminUrl: withDatabase(external, 'postgres'),
      urlFor: (database) => withDatabase(external, database),
      stop: () => Promise.resolve(),
    };
  }
  log(`starting the benchmark's embedded PostgreSQL in ${join(BENCH_DIR, 'pg')}`);
  const server = await startEmbeddedPostgres({
    dataDir: BENCH_DIR,
    port: BENCH_PG_PORT,
    database: 'postgres',
    log,
  });
  return {
    adminUrl: server.url,
    urlFor: (database) => withDatabase(server.url, database),
    stop: () => server.stop(),
  };
}

/** What `bench:seed` wrote for one scale: who and what the benchmark drives. */
export interface SeedManifest {
  scale: number;
  database: string;
  seededAt: string;
  /** Rows written per table. */
  counts: Record<string, number>;
  seconds: number;
  rowsPerSecond: number;
  password: string;
  /** Mediators with their cases (each is on the team of every case listed). */
  mediators: { userId: string; username: string; caseIds: string[] }[];
  /** The association with the most accords, and a coordinator of it. */
  largeAssociation: {
    id: string;
    coordinatorUsername: string;
    accordCount: number;
  };
  /**
   * Accords a mediator may record follow-ups on (they are on its case team),
   * each with the ids of exactly five of its terms.
   */
  followUpTargets: {
    mediatorUserId: string;
    mediatorUsername: string;
    accordId: string;
    termIds: string[];
  }[];
}

export function readManifest(scale: number): SeedManifest | null {
  const file = manifestPathFor(scale);
  if (!existsSync(file)) return null;
  return JSON.parse(readFileSync(file, 'utf8')) as SeedManifest;
}
