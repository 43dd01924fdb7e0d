import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { FieldCipher, FieldContext } from '../../crypto/field-cipher';

/** What is replayed: status, JSON body (undefined: none) and a few headers. */
export interface StoredResponse {
  statusCode: number;
  body: unknown;
  headers: Record<string, string>;
}

/** This request's hold on a key; `token` (the claim's created_at) fences a replaced claim. */
export interface Claim {
  userId: string;
  key: string;
  token: string;
}

export interface ExistingRecord {
  requestHash: Buffer;
  /** Null while the first request is still running. */
  response: StoredResponse | null;
  /** Still running after the lease: its process is presumed dead, the key may be claimed again. */
  abandoned: boolean;
}

interface RecordRow {
  request_hash: Buffer;
  status_code: number | null;
  response_body: string | null;
  response_headers: Record<string, string>;
  abandoned: boolean;
}

/**
 * idempotency_record, through single SQL statements so that concurrent
 * requests (on any API instance) agree on who runs: the primary key
 * (user_id, key) lets exactly one INSERT win. Response bodies may carry
 * sensitive values: they are stored encrypted, bound to user and key.
 */
@Injectable()
export class IdempotencyRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: FieldCipher,
  ) {}

  /**
   * Claims the key for this request; null when a live record holds it. An
   * expired record counts as absent and is replaced; so is a claim of the
   * same request still unfinished after `leaseSeconds` (a crashed instance).
   */
  async claim(
    userId: string,
    key: string,
    requestHash: Buffer,
    ttlSeconds: number,
    leaseSeconds: number,
  ): Promise<Claim | null> {
    const rows: { token: string }[] = await this.dataSource.query(
      `INSERT INTO idempotency_record AS r (user_id, key, request_hash, response_headers, expires_at)
       VALUES ($1, $2, $3, '{}'::jsonb, now() + make_interval(secs => $4))
       ON CONFLICT (user_id, key) DO UPDATE SET
         request_hash = EXCLUDED.request_hash, status_code = NULL, response_body = NULL,
         response_headers = '{}'::jsonb, created_at = now(), completed_at = NULL,
         expires_at = EXCLUDED.expires_at
       WHERE r.expires_at <= now()
          OR (r.completed_at IS NULL AND r.request_hash = EXCLUDED.request_hash
              AND r.created_at <= now() - make_interval(secs => $5))
       RETURNING created_at::text AS token`,
      [userId, key, requestHash, ttlSeconds, leaseSeconds],
    );
    return rows[0] ? { userId, key, token: rows[0].token } : null;
  }

  /** The live record of the key; null when absent or expired. */
  async find(userId: string, key: string, leaseSeconds: number): Promise<ExistingRecord | null> {
    const rows: RecordRow[] = await this.dataSource.query(
      `SELECT request_hash, status_code, response_body, response_headers,
              (completed_at IS NULL AND created_at <= now() - make_interval(secs => $3)) AS abandoned
         FROM idempotency_record
        WHERE user_id = $1 AND key = $2 AND expires_at > now()`,
      [userId, key, leaseSeconds],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      requestHash: row.request_hash,
      abandoned: row.abandoned,
      response:
        row.status_code === null
          ? null
          : {
              statusCode: row.status_code,
              body:
                row.response_body === null
                  ? undefined
                  : (JSON.parse(
                      this.cipher.decrypt(row.response_body, context(userId, key)),
                    ) as unknown),
              headers: row.response_headers,
            },
    };
  }

  /** Stores the response of the claim (unless the claim was replaced meanwhile). */
  async complete(claim: Claim, response: StoredResponse): Promise<void> {
    const body =
      response.body === undefined
        ? null
        : JSON.stringify(
            this.cipher.encrypt(JSON.stringify(response.body), context(claim.userId, claim.key)),
          );
    await this.dataSource.query(
      `UPDATE idempotency_record
          SET status_code = $4, response_body = $5::jsonb, response_headers = $6::jsonb,
              completed_at = now()
        WHERE user_id = $1 AND key = $2 AND created_at = $3::timestamptz AND completed_at IS NULL`,
      [
        claim.userId,
        claim.key,
        claim.token,
        response.statusCode,
        body,
        JSON.stringify(response.headers),
      ],
    );
  }

  /** Gives the key up (the request failed with a 5xx): a retry runs again. */
  async release(claim: Claim): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM idempotency_record
        WHERE user_id = $1 AND key = $2 AND created_at = $3::timestamptz AND completed_at IS NULL`,
      [claim.userId, claim.key, claim.token],
    );
  }

  /** Deletes a batch of expired records; the count deleted. */
  async purgeExpired(limit: number): Promise<number> {
    // DELETE answers [rows, affected] through TypeORM.
    const [, deleted]: [unknown[], number] = await this.dataSource.query(
      `DELETE FROM idempotency_record
        WHERE expires_at <= now()
          AND (user_id, key) IN (
            SELECT user_id, key FROM idempotency_record
             WHERE expires_at <= now() ORDER BY expires_at LIMIT $1)`,
      [limit],
    );
    return deleted;
  }
}

function context(userId: string, key: string): FieldContext {
  return { table: 'idempotency_record', column: 'response_body', rowId: `${userId}/${key}` };
}
