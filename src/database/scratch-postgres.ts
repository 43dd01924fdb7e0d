import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RunningPostgres, startEmbeddedPostgres } from './embedded-postgres';

/** A throwaway embedded server in a temporary folder, removed on stop (tests, schema checks). */
export async function startScratchPostgres(database: string): Promise<RunningPostgres> {
  const dataDir = mkdtempSync(join(tmpdir(), 'toguna-pg-'));
  const server = await startEmbeddedPostgres({ dataDir, port: await freePort(), database });
  return {
    url: server.url,
    stop: async () => {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
