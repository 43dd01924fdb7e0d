/**
 * `npm run bench:seed -- --scale=N`: a fresh database `toguna_bench_<N>` on
 * the benchmark's server (DATABASE_URL's, or the embedded one in
 * .toguna-bench), migrated, loaded with the synthetic dataset of
 * scripts/bench/seed/seed-bench.ts, analysed; the manifest goes to
 * .toguna-bench/seed-<N>.json. Scale 1: 50 associations, 1,000 mediators,
 * 20,000 cases, 100,000 meetings, 30,000 accords, 300,000 follow-ups.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/migrate';
import {
  argValue,
  BENCH_KEYS_DIR,
  BenchServer,
  databaseNameFor,
  manifestPathFor,
  parseScale,
  readManifest,
  SeedManifest,
  startBenchServer,
} from './bench-env';
import { seedBench } from './seed/seed-bench';

export { seedBench } from './seed/seed-bench';

/** The manifest of `scale` when its database exists on `server`; else seeds it. */
export async function ensureSeeded(
  server: BenchServer,
  scale: number,
  log: (line: string) => void,
): Promise<SeedManifest> {
  const existing = readManifest(scale);
  if (existing?.followUpTargets.every((t) => t.mediatorUserId)) {
    const admin = new Client({ connectionString: server.adminUrl });
    await admin.connect();
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [
      existing.database,
    ]);
    await admin.end();
    if (found.rowCount === 1) return existing;
  }
  log(`seeding scale ${scale} (no manifest or database yet)`);
  return seedScale(server, scale, log);
}

/**
 * Drops and recreates `toguna_bench_<scale>` on `server`, migrates it, loads
 * the dataset, writes the manifest next to the others and returns it.
 */
export async function seedScale(
  server: BenchServer,
  scale: number,
  log: (line: string) => void = () => undefined,
): Promise<SeedManifest> {
  const database = databaseNameFor(scale);
  const started = Date.now();
  const admin = new Client({ connectionString: server.adminUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${database}`);
  } finally {
    await admin.end();
  }
  const url = server.urlFor(database);
  await runMigrations(url);
  log(`database ${database} created and migrated in ${(Date.now() - started) / 1000}s`);
  const manifest = await seedBench({ url, scale, keysDir: BENCH_KEYS_DIR, log });
  const file = manifestPathFor(scale);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(manifest, null, 2)}\n`);
  log(`manifest ${file}`);
  return manifest;
}

async function main(): Promise<void> {
  const scale = parseScale(argValue('scale'), 1);
  const log = (line: string) => console.log(`[bench:seed] ${line}`);
  const server = await startBenchServer(log);
  try {
    const manifest = await seedScale(server, scale, log);
    const total = Object.values(manifest.counts).reduce((s, n) => s + n, 0);
    const width = Math.max(...Object.keys(manifest.counts).map((t) => t.length));
    for (const [table, n] of Object.entries(manifest.counts)) {
      console.log(`  ${table.padEnd(width)}  ${n.toLocaleString('en-US').padStart(10)}`);
    }
    console.log(`  ${'total'.padEnd(width)}  ${total.toLocaleString('en-US').padStart(10)}`);
    console.log(
      `seeded scale ${scale} into ${manifest.database} in ${manifest.seconds}s ` +
        `(${manifest.rowsPerSecond.toLocaleString('en-US')} rows/s)`,
    );
  } finally {
    await server.stop();
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
