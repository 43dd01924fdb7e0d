import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { tableCount } from '../../src/database/backup/restore-snapshot';
import { databaseUrlFor, onServer } from './database-url';

/** Empty databases on the test server to restore into, all dropped by `dropAll` (afterAll). */
export class ScratchDatabases {
  private readonly names: string[] = [];

  async empty(): Promise<string> {
    const name = `toguna_restore_${randomBytes(5).toString('hex')}`;
    await onServer((c) => c.query(`CREATE DATABASE ${name}`));
    this.names.push(name);
    return databaseUrlFor(process.env.TOGUNA_TEST_SERVER_URL!, name);
  }

  /** How many tables the database at `url` holds. */
  async tablesIn(url: string): Promise<number> {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return await tableCount(client);
    } finally {
      await client.end();
    }
  }

  async dropAll(): Promise<void> {
    for (const name of this.names)
      await onServer((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  }
}
