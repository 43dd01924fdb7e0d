import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { runMigrations } from '../../src/database/migrate';
import { databaseUrlFor } from './database-url';

declare global {
  var __togunaPostgres: ChildProcess | undefined;
}

function startEmbedded(): Promise<{ child: ChildProcess; url: string }> {
  const root = join(__dirname, '..', '..');
  const child = spawn(
    process.execPath,
    ['-r', 'ts-node/register/transpile-only', 'test/support/postgres-server.ts'],
    {
      cwd: root,
      stdio: ['pipe', 'pipe', 'inherit'],
      env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true' },
    },
  );
  return new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(
      () => reject(new Error('embedded PostgreSQL did not start within 60 s')),
      60000,
    );
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const line = buffer.split('\n')[0];
      if (buffer.includes('\n')) {
        clearTimeout(timer);
        resolve({ child, url: (JSON.parse(line) as { url: string }).url });
      }
    });
    child.once('exit', (code) => reject(new Error(`embedded PostgreSQL exited with code ${code}`)));
  });
}

/**
 * Once per test run: a PostgreSQL server (DATABASE_URL, or a throwaway
 * embedded one) and a template database with every migration applied.
 * Each e2e file clones the template (test/support/test-app.ts).
 */
export default async function globalSetup(): Promise<void> {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbedded();
    globalThis.__togunaPostgres = embedded.child;
    serverUrl = embedded.url;
  }
  const template = `toguna_template_${process.pid}`;
  const admin = new Client({ connectionString: databaseUrlFor(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  await runMigrations(databaseUrlFor(serverUrl, template));

  process.env.TOGUNA_TEST_SERVER_URL = serverUrl;
  process.env.TOGUNA_TEST_TEMPLATE = template;
}
