import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SmsPurpose, SmsStatus } from './sms-message.entity';

export interface OutboxRow {
  id: string;
  toNumber: string;
  purpose: SmsPurpose;
  text: string;
  status: SmsStatus;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  createdAtKey: string;
  nextAttemptAt: Date;
  sentAt: Date | null;
}

/** The outbox as the admin reads it. */
@Injectable()
export class SmsOutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Newest first, after the cursor (created_at, id), `limit + 1` rows; numbers and texts encrypted. */
  list(opts: {
    status?: SmsStatus;
    after: [string, string] | null;
    limit: number;
  }): Promise<OutboxRow[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    if (opts.status) {
      params.push(opts.status);
      where.push(`status = $${params.length}`);
    }
    if (opts.after) {
      params.push(opts.after[0], opts.after[1]);
      where.push(
        `(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`,
      );
    }
    params.push(opts.limit + 1);
    return this.dataSource.query(
      `SELECT id, to_number AS "toNumber", purpose, text, status, attempts, last_error AS "lastError",
              created_at AS "createdAt", next_attempt_at AS "nextAttemptAt", sent_at AS "sentAt",
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS "createdAtKey"
         FROM sms_outbox ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
  }
}
