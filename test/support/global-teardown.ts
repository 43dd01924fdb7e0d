import { Client } from 'pg';
import { databaseUrlFor } from './database-url';

/** Drops what this run created on the server, and stops the embedded one. */
export default async function globalTeardown(): Promise<void> {
  const serverUrl = process.env.TOGUNA_TEST_SERVER_URL;
  const template = process.env.TOGUNA_TEST_TEMPLATE;
  if (serverUrl && template && !globalThis.__togunaPostgres) {
    const admin = new Client({ connectionString: databaseUrlFor(serverUrl, 'postgres') });
    await admin.connect();
    const suffix = template.replace('toguna_template_', '');
    const { rows } = await admin.query<{ datname: string }>(
      `SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE $2`,
      [template, `toguna_test_${suffix}_%`],
    );
    for (const { datname } of rows)
      await admin.query(`DROP DATABASE IF EXISTS ${datname} WITH (FORCE)`);
    await admin.end();
  }
  const child = globalThis.__togunaPostgres;
  if (child && child.exitCode === null) {
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });
  }
}
