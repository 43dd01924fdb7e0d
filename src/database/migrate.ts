import { DataSource } from 'typeorm';
import { ADVISORY_LOCKS } from '../common/advisory-locks';
import { dataSourceOptions, Entities } from './data-source';

const MIGRATION_LOCK = ADVISORY_LOCKS.migrations;

/**
 * Runs pending migrations. Several API instances may start at once: a
 * Postgres advisory lock lets one migrate while the others wait.
 */
export async function runMigrations(url: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url));
  await dataSource.initialize();
  const lock = dataSource.createQueryRunner();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.release();
    await dataSource.destroy();
  }
}

/** SQL that would bring the schema in line with the entities; empty when migrations are complete. */
export async function pendingSchemaChanges(url: string, entities: Entities): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(url, entities));
  await dataSource.initialize();
  try {
    const sql = await dataSource.driver.createSchemaBuilder().log();
    return sql.upQueries.map((q) => q.query);
  } finally {
    await dataSource.destroy();
  }
}
