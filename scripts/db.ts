/**
 * Database commands for developers and CI:
 *   generate <Name>   write migrations/<timestamp>-<Name>.ts from the entity changes
 *   run | revert      apply pending migrations / undo the last one
 *   check             fail when the entities and the migrations disagree
 * They use DATABASE_URL when set; otherwise the embedded server in the data
 * folder (generate, run, revert) or a throwaway one (check).
 */
import { execFileSync } from 'node:child_process';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { loadConfig } from '../src/config/app-config';
import { ALL_ENTITIES } from '../src/app.entities';
import { dataSourceOptions } from '../src/database/data-source';
import { RunningPostgres, startEmbeddedPostgres } from '../src/database/embedded-postgres';
import { pendingSchemaChanges, runMigrations } from '../src/database/migrate';
import { startScratchPostgres } from '../src/database/scratch-postgres';

async function devDatabase(): Promise<{ url: string; server?: RunningPostgres }> {
  const config = loadConfig();
  if (config.databaseUrl) return { url: config.databaseUrl };
  const server = await startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.embeddedPgPort,
    database: 'toguna',
  });
  return { url: server.url, server };
}

/** A fresh database on the configured server, or on a throwaway embedded one. */
async function scratchDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const { databaseUrl } = loadConfig();
  if (!databaseUrl) {
    const server = await startScratchPostgres('toguna_check');
    return { url: server.url, drop: () => server.stop() };
  }
  const name = `toguna_check_${process.pid}_${Date.now()}`;
  const admin = new Client({ connectionString: databaseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(databaseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}

async function main(): Promise<number> {
  const [command, name] = process.argv.slice(2);
  switch (command) {
    case 'check': {
      const db = await scratchDatabase();
      try {
        await runMigrations(db.url);
        const pending = await pendingSchemaChanges(db.url, ALL_ENTITIES);
        if (pending.length > 0) {
          console.error('The entities and the migrations disagree. Missing from the migrations:');
          for (const q of pending) console.error(`  ${q};`);
          console.error('Run: npm run migration:generate -- <Name>');
          return 1;
        }
        console.log('migration:check: the migrations match the entities.');
        return 0;
      } finally {
        await db.drop();
      }
    }
    case 'run':
    case 'revert':
    case 'generate': {
      const db = await devDatabase();
      try {
        if (command === 'run' || command === 'generate') {
          const applied = await runMigrations(db.url);
          console.log(applied.length ? `applied: ${applied.join(', ')}` : 'no pending migration');
        }
        if (command === 'revert') {
          const ds = new DataSource(dataSourceOptions(db.url));
          await ds.initialize();
          await ds.undoLastMigration({ transaction: 'each' });
          await ds.destroy();
          console.log('reverted the last migration');
        }
        if (command === 'generate') {
          if (!name || !/^[A-Z][A-Za-z0-9]+$/.test(name)) {
            console.error('usage: npm run migration:generate -- <PascalCaseName>');
            return 2;
          }
          execFileSync(
            'npx',
            [
              'typeorm-ts-node-commonjs',
              '-d',
              'src/cli/data-source.ts',
              'migration:generate',
              '-p',
              `migrations/${name}`,
            ],
            { stdio: 'inherit', env: { ...process.env, DATABASE_URL: db.url } },
          );
          console.log(
            'Read the migration, name its constraints and indexes, and list it in migrations/index.ts.',
          );
        }
        return 0;
      } finally {
        await db.server?.stop();
      }
    }
    default:
      console.error('usage: ts-node scripts/db.ts generate <Name> | run | revert | check');
      return 2;
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
