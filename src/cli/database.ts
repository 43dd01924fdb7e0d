import { AppConfig } from '../config/app-config';
import {
  RunningPostgres,
  runningEmbeddedPostgres,
  startEmbeddedPostgres,
} from '../database/embedded-postgres';

/**
 * The database a command works on: DATABASE_URL's, or the embedded one of the
 * data folder (the running server when the API has it open, otherwise started
 * for the command and stopped by `close`).
 */
export async function commandDatabase(
  config: AppConfig,
): Promise<{ url: string; close: () => Promise<void> }> {
  if (config.databaseUrl) return { url: config.databaseUrl, close: () => Promise.resolve() };
  const embedded = { dataDir: config.dataDir, port: config.embeddedPgPort, database: 'toguna' };
  const running = runningEmbeddedPostgres(embedded);
  if (running) return { url: running, close: () => Promise.resolve() };
  const server: RunningPostgres = await startEmbeddedPostgres(embedded);
  return { url: server.url, close: () => server.stop() };
}

/** The value after `--name` on the command line, or undefined. */
export function option(name: string, argv: string[] = process.argv): string | undefined {
  const index = argv.indexOf(`--${name}`);
  return index >= 0 ? argv[index + 1] : undefined;
}

/** Runs a command's main and exits with its code; an error is one line on stderr, exit 1. */
export function runCommand(main: () => Promise<number>): void {
  main().then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
