import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import pino from 'pino';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { createApp } from '../../src/app.factory';
import { AppConfig, loadConfig } from '../../src/config/app-config';
import { createLogger } from '../../src/common/logging/logger';
import { databaseUrlFor } from './database-url';

export const TEST_ADMIN_PASSWORD = 'Initial-admin-Password-42';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  /** Direct SQL on this file's database, for arranging and asserting state. */
  db: Pool;
  databaseUrl: string;
  config: AppConfig;
  /** Where this app's log lines are written (checked for leaks). */
  logFile: string;
  close(): Promise<void>;
}

async function cloneTemplate(name: string): Promise<void> {
  const serverUrl = process.env.TOGUNA_TEST_SERVER_URL;
  const template = process.env.TOGUNA_TEST_TEMPLATE;
  if (!serverUrl || !template)
    throw new Error('The Jest global setup did not run (TOGUNA_TEST_* missing)');
  const admin = new Client({ connectionString: databaseUrlFor(serverUrl, 'postgres') });
  await admin.connect();
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
        return;
      } catch (error) {
        // Two files cloning the template at the same instant can collide; try again.
        if (attempt >= 20 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
  } finally {
    await admin.end();
  }
}

/**
 * The real application (same factory as main.ts) on a fresh database cloned
 * from the migrated template, with its own keys folder and log file.
 */
export async function startTestApp(
  env: Record<string, string> = {},
  options: {
    /** Run against this existing database (another TestApp's) instead of a fresh clone. */
    databaseUrl?: string;
  } = {},
): Promise<TestApp> {
  const suffix = process.env.TOGUNA_TEST_TEMPLATE!.replace('toguna_template_', '');
  const name = `toguna_test_${suffix}_${randomBytes(5).toString('hex')}`;
  if (!options.databaseUrl) await cloneTemplate(name);
  const databaseUrl =
    options.databaseUrl ?? databaseUrlFor(process.env.TOGUNA_TEST_SERVER_URL!, name);
  const dataDir = mkdtempSync(join(tmpdir(), 'toguna-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    TOGUNA_DATA_DIR: dataDir,
    TOGUNA_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD,
    LOG_LEVEL: 'info',
    // Every request of a test comes from 127.0.0.1: the per-address limits are
    // lifted here, tested with small ones in totp.e2e-spec.ts and with the
    // defaults in sign-in-protection.e2e-spec.ts.
    TOGUNA_RATE_LIMITS: 'login=100000,refresh=100000,totp=100000,verify=100000',
    // The reminder job runs only where a test starts it (or sets an interval).
    TOGUNA_SCHEDULER_INTERVAL_SECONDS: '0',
    // Session checks read the database on every request, unless a test caches them.
    TOGUNA_SESSION_CACHE_MS: '0',
    ...env,
  });
  const logDir = join(__dirname, '..', '..', 'test-output', 'logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const destination = pino.destination({ dest: logFile, sync: true });
  const app = await createApp(config, databaseUrl, createLogger(config.logLevel, destination));
  await app.getHttpAdapter().getInstance().ready();
  const db = new Pool({ connectionString: databaseUrl, max: 4 });
  return {
    app,
    http: request(app.getHttpServer()),
    db,
    databaseUrl,
    config,
    logFile,
    close: async () => {
      await app.close();
      await db.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
