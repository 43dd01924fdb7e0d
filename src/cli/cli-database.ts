import type { AppConfig } from '../config/app-config';
import {
  RunningPostgres,
  runningEmbeddedPostgres,
  startEmbeddedPostgres,
} from '../database/embedded-postgres';

/**
 * The database a command works on: DATABASE_URL, else the embedded server
 * (the running one, or started for the command and stopped by `stop`).
 */
export async function cliDatabase(
  config: AppConfig,
): Promise<{ url: string; stop(): Promise<void> }> {
  let server: RunningPostgres | undefined;
  let url = config.databaseUrl;
  if (!url) {
    const embedded = { dataDir: config.dataDir, port: config.embeddedPgPort, database: 'toguna' };
    url = runningEmbeddedPostgres(embedded) ?? undefined;
    if (!url) {
      server = await startEmbeddedPostgres(embedded);
      url = server.url;
    }
  }
  return { url, stop: async () => void (await server?.stop()) };
}
