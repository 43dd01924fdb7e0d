import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig } from './config/app-config';
import { createApp } from './app.factory';
import pino from 'pino';
import { createLogger } from './common/logging/logger';
import { RunningPostgres, startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';

/** How long SIGINT/SIGTERM waits for in-flight requests before forcing the exit. */
const SHUTDOWN_GRACE_MS = 25_000;

/**
 * Start-up: validate the configuration, start the embedded PostgreSQL when
 * no DATABASE_URL is given, migrate, serve. SIGINT/SIGTERM drain the API
 * first, then stop the embedded database, leaving no process behind.
 */
async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
  // Log lines go to stdout asynchronously, a few KB at a time: a request never
  // waits for a write, and the lines of many requests share one. What is
  // buffered is written within a second, and at exit (pino flushes then).
  const destination = pino.destination({ dest: 1, sync: false, minLength: 4096 });
  setInterval(() => destination.flush(), 1000).unref();
  const logger = createLogger(config.logLevel, destination);
  let embedded: RunningPostgres | undefined;
  let stopping = false;

  const shutdown = async (signal: string, app?: { close(): Promise<void> }): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // A request that never ends must not keep the process (and its database) alive.
    const force = setTimeout(() => {
      logger.error({ seconds: SHUTDOWN_GRACE_MS / 1000 }, 'shutdown took too long: exiting');
      void (embedded?.stop() ?? Promise.resolve()).finally(() => process.exit(1));
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    let code = 0;
    try {
      // The API first (in-flight requests still use the database), then the database.
      await app?.close();
    } catch (err) {
      code = 1;
      logger.error({ err }, 'error while closing the API');
    }
    await embedded?.stop();
    clearTimeout(force);
    logger.info('stopped');
    process.exit(code);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    let databaseUrl = config.databaseUrl;
    if (!databaseUrl) {
      logger.info({ dataDir: config.dataDir }, 'starting embedded PostgreSQL');
      embedded = await startEmbeddedPostgres({
        dataDir: config.dataDir,
        port: config.embeddedPgPort,
        database: 'toguna',
        log: (line) => logger.debug({ component: 'postgres' }, line),
      });
      databaseUrl = embedded.url;
    }
    const applied = await runMigrations(databaseUrl);
    if (applied.length > 0) logger.info({ migrations: applied }, 'migrations applied');

    const app = await createApp(config, databaseUrl, logger);
    process.removeAllListeners('SIGINT');
    process.removeAllListeners('SIGTERM');
    process.once('SIGINT', () => void shutdown('SIGINT', app));
    process.once('SIGTERM', () => void shutdown('SIGTERM', app));
    if (stopping) return;
    await app.listen({ port: config.port, host: config.host });

    const base = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
    if (existsSync(join(config.webDir, 'index.html'))) console.log(`Web app:     ${base}/`);
    console.log(`Toguna API:  ${base}/api/v1`);
    console.log(`Health:      ${base}/health`);
    if (config.docsEnabled)
      console.log(`API docs:    ${base}/docs  (OpenAPI: ${base}/docs/openapi.json)`);
    console.log(
      `Database:    ${config.databaseUrl ? 'DATABASE_URL' : `embedded PostgreSQL in ${config.dataDir}/pg`}`,
    );
  } catch (error) {
    logger.fatal({ err: error }, 'start-up failed');
    await embedded?.stop();
    process.exit(1);
  }
}

void bootstrap();
