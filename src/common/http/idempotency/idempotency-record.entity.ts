import { Column, CreateDateColumn, Entity, Index, PrimaryColumn } from 'typeorm';
import { FIELD_ENCRYPTION, Protected, Retention } from '../../inventory/data-inventory';

/**
 * The first response to a POST sent with an Idempotency-Key, per user and
 * key, so that a retry gets that response again instead of running twice
 * (see IdempotencyInterceptor). A row without `completedAt` is a claim: its
 * request is still running.
 */
@Entity('idempotency_record')
@Retention('24 hours: expired records are deleted in batches while the API runs.')
export class IdempotencyRecord {
  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn('text')
  key: string;

  /** HMAC-SHA-256 of method, path and canonical JSON body: the same key on another request → 422. */
  @Protected('keyed-hash', 'HMAC-SHA-256 with idempotency.key')
  @Column('bytea')
  requestHash: Buffer;

  @Column('integer', { nullable: true })
  statusCode: number | null;

  /** The JSON body, encrypted (a JSON string `enc:v1:…`); null while running or without body. */
  @Protected('encrypted', FIELD_ENCRYPTION)
  @Column('jsonb', { nullable: true })
  responseBody: string | null;

  /** The response headers replayed with it (ETag, Location, content type of a problem). */
  @Column('jsonb')
  responseHeaders: Record<string, string>;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column('timestamptz', { nullable: true })
  completedAt: Date | null;

  /** After this the key counts as unused; expired rows are deleted now and then. */
  @Index('ix_idempotency_record_expires_at')
  @Column('timestamptz')
  expiresAt: Date;
}
