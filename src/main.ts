import { loadConfig } from './config/app-config';
import { createApp } from './app.factory';
import { createLogger } from './common/logging/logger';
import { RunningPostgres, startEmbeddedPostgres } from './database/embedded-postgres';
import { runMigrations } from './database/migrate';

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
  const logger = createLogger(config.logLevel);
  let embedded: RunningPostgres | undefined;
  let stopping = false;

  const shutdown = async (signal: string, app?: { close(): Promise<void> }): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    try {
      await app?.close();
    } finally {
      await embedded?.stop();
      logger.info('stopped');
      process.exit(0);
    }
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
