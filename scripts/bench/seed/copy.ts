import { once } from 'node:events';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Writable } from 'node:stream';

export type CopyValue = string | number | boolean | null;

const FLUSH_AT = 1 << 20;

/** One value in COPY text format. */
function encode(value: CopyValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}

/** A PostgreSQL array literal of simple values (uuids, language codes): `{a,b}`. */
export function pgArray(values: readonly string[]): string {
  return `{${values.join(',')}}`;
}

/**
 * `COPY table (columns) FROM STDIN` on a connection of its own, fed in 1 MiB
 * chunks with backpressure. `rows` counts what was written.
 */
export class CopyWriter {
  rows = 0;
  private chunks: string[] = [];
  private size = 0;
  private failure: Error | null = null;

  private constructor(
    readonly table: string,
    private readonly client: Client,
    private readonly stream: Writable,
  ) {
    stream.on('error', (error: Error) => {
      this.failure = error;
    });
  }

  static async open(url: string, table: string, columns: readonly string[]): Promise<CopyWriter> {
    const client = new Client({ connectionString: url });
    await client.connect();
    // Truncated in the same transaction, the table can take FREEZE: rows land
    // frozen and all-visible, so no later VACUUM or first read rewrites them.
    await client.query('BEGIN');
    await client.query(`TRUNCATE ${table}`);
    const stream = client.query(
      copyFrom(
        `COPY ${table} (${columns.map((c) => `"${c}"`).join(', ')}) FROM STDIN WITH (FREEZE)`,
      ),
    );
    return new CopyWriter(table, client, stream);
  }

  async row(values: readonly CopyValue[]): Promise<void> {
    let line = '';
    for (let i = 0; i < values.length; i++) {
      if (i > 0) line += '\t';
      line += encode(values[i]);
    }
    line += '\n';
    this.chunks.push(line);
    this.size += line.length;
    this.rows++;
    if (this.size >= FLUSH_AT) await this.flush();
  }

  /** Throws the stream's error, if it reported one (set by its 'error' listener). */
  private rethrow(): void {
    const failure: Error | null = this.failure;
    if (failure) throw failure;
  }

  private async flush(): Promise<void> {
    this.rethrow();
    if (this.size === 0) return;
    const chunk = this.chunks.join('');
    this.chunks = [];
    this.size = 0;
    if (!this.stream.write(chunk)) {
      await Promise.race([once(this.stream, 'drain'), once(this.stream, 'error')]);
      this.rethrow();
    }
  }

  async end(): Promise<number> {
    try {
      await this.flush();
      const done = new Promise<void>((resolve, reject) => {
        this.stream.on('finish', resolve);
        this.stream.on('error', reject);
      });
      this.stream.end();
      await done;
      this.rethrow();
      await this.client.query('COMMIT');
      return this.rows;
    } finally {
      await this.client.end();
    }
  }

  /** Gives up (after another writer failed): ends the connection without waiting for COPY. */
  async abort(): Promise<void> {
    this.stream.destroy();
    await this.client.end().catch(() => undefined);
  }
}
