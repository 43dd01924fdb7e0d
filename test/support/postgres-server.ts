/**
 * Runs a throwaway embedded PostgreSQL for the test run. Started as a child
 * process by the Jest global setup, because Jest cannot load the ESM-only
 * binaries package. Prints {"url": …} once ready; stops the server and
 * removes its folder when its stdin closes or on SIGTERM/SIGINT.
 */
import { startScratchPostgres } from '../../src/database/scratch-postgres';

async function main(): Promise<void> {
  const server = await startScratchPostgres('postgres');
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await server.stop();
    process.exit(0);
  };
  process.stdin.on('end', () => void stop());
  process.stdin.on('close', () => void stop());
  process.stdin.resume();
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
