/**
 * An embedded PostgreSQL that a test can stop and start again on the same
 * port and data folder (resilience tests). Run as a child process (Jest
 * cannot load the ESM-only binaries package):
 *
 *   node -r ts-node/register/transpile-only test/support/restartable-postgres.ts
 *
 * Prints one JSON line per event on stdout: {"event":"ready","url":…} once
 * accepting connections (at start and after each `start`), {"event":"stopped"}
 * after each `stop` (a fast shutdown: clients are disconnected). Reads `stop`
 * and `start` lines on stdin. When stdin closes (or on SIGTERM/SIGINT) it
 * stops the server, removes its folder and exits.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningPostgres, startEmbeddedPostgres } from '../../src/database/embedded-postgres';
import { freePort } from '../../src/database/scratch-postgres';

function say(message: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'toguna-pg-restart-'));
  const port = await freePort();
  const start = (): Promise<RunningPostgres> =>
    startEmbeddedPostgres({ dataDir, port, database: 'toguna' });
  let server: RunningPostgres | undefined = await start();
  const url = server.url;
  say({ event: 'ready', url });

  // Commands run one after the other, in the order they arrive.
  let queue: Promise<void> = Promise.resolve();
  const enqueue = (work: () => Promise<void>): void => {
    queue = queue.then(work).catch((error: unknown) => {
      say({ event: 'error', message: error instanceof Error ? error.message : String(error) });
    });
  };

  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    enqueue(async () => {
      await server?.stop();
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
  };

  let buffer = '';
  process.stdin.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    let newline: number;
    while ((newline = buffer.indexOf('\n')) >= 0) {
      const command = buffer.slice(0, newline).trim();
      buffer = buffer.slice(newline + 1);
      if (command === 'stop') {
        enqueue(async () => {
          await server?.stop();
          server = undefined;
          say({ event: 'stopped' });
        });
      } else if (command === 'start') {
        enqueue(async () => {
          server ??= await start();
          say({ event: 'ready', url });
        });
      } else if (command) {
        say({ event: 'error', message: `unknown command ${command}` });
      }
    }
  });
  process.stdin.on('end', finish);
  process.stdin.on('close', finish);
  process.on('SIGTERM', finish);
  process.on('SIGINT', finish);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
