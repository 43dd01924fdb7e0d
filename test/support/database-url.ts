/** The same server, another database. */
export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Runs statements on the server's maintenance database (for what cannot run inside the test database). */
export async function onServer<T>(work: (client: import('pg').Client) => Promise<T>): Promise<T> {
  const { Client } = await import('pg');
  const serverUrl = process.env.TOGUNA_TEST_SERVER_URL;
  if (!serverUrl)
    throw new Error('TOGUNA_TEST_SERVER_URL missing: the Jest global setup did not run');
  const client = new Client({ connectionString: databaseUrlFor(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
